"""The public site's own pages: the accessibility statement, privacy notice and contact page.

Also what makes the public site the Commissioner's rather than the software's: the name, logo and
colour from the settings, and the footer every public page carries (which month its data runs
to, when the next publication is due).
"""
