"""How figures are shown, below every app that shows them: charts, words and PDF printing.

Nothing here reads a model; the pages, packs and publications pass in what they froze.
"""
