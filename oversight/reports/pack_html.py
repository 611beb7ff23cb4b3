"""Render a :class:`~oversight.reports.pack.Pack` as accessible HTML, and print that to PDF."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from django.template.loader import render_to_string

from oversight.reports.charts import to_svg
from oversight.reports.pack import Pack, Progress
from oversight.reports.pdf import html_to_pdf
from oversight.reports.presenters import RATING_ORDER, group_rows

CSS = Path(__file__).resolve().parent / "static" / "reports" / "pack.css"


def render_html(pack: Pack, *, progress: Progress | None = None) -> str:
    """Return the pack as one self-contained HTML document, charts as inline SVG."""
    total = len(pack.charts)
    done = 0

    def svg(chart: object) -> str:
        nonlocal done
        done += 1
        if progress is not None:
            progress(f"chart {done}", done, total)
        return to_svg(chart.spec)  # type: ignore[attr-defined]

    sections = [
        SimpleNamespace(
            row=s.row, why=s.why, chart=s.chart, svg=svg(s.chart) if s.chart is not None else ""
        )
        for s in pack.sections
    ]
    themes = [
        SimpleNamespace(
            section=t,
            groups=group_rows(t.rows),
            charts=[SimpleNamespace(chart=c, svg=svg(c)) for c in t.breakdown_charts],
        )
        for t in pack.themes
    ]
    counts = [((r, r.capitalize()), pack.summary.counts.get(r, 0)) for r in RATING_ORDER]
    return render_to_string(
        "reports/pack.html",
        {
            "pack": pack,
            "pack_sections": sections,
            "themes": themes,
            "counts": counts,
            "css": CSS.read_text(),
        },
    )


def render_pdf(pack: Pack, *, progress: Progress | None = None) -> bytes:
    """Return the pack as PDF: the same accessible HTML, printed with its print CSS."""
    return html_to_pdf(render_html(pack, progress=progress))
