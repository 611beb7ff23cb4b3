"""Render a :class:`~oversight.reports.pack.Pack` as accessible HTML, and print that to PDF."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from django.template.loader import render_to_string

from oversight.analysis.rag import RATINGS
from oversight.display.charts import Chart, DataTable, to_svg
from oversight.display.pdf import html_to_pdf
from oversight.reports.pack import Pack, Progress
from oversight.reports.presenters import group_rows

CSS = Path(__file__).resolve().parent / "static" / "reports" / "pack.css"


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def year_grid(table: DataTable) -> list[tuple[str, list[tuple[str, str]]]]:
    """Return an SPC data table (Month, Value, Special cause) as one row per calendar year.

    Printed beside its chart, 36 one-line rows took as long to lay out as the rest of a page;
    a year per row carries the same figures in a tenth of the rows.
    """
    years: dict[str, dict[str, tuple[str, str]]] = {}
    # The value is the second column and the signal the last (a p-chart adds its limits).
    for row in table.rows:
        month, value, signal = row[0], row[1], row[-1]
        name, year = month.split(" ")
        years.setdefault(year, {})[name] = (value, signal)
    return [(year, [cells.get(m, ("", "")) for m in MONTHS]) for year, cells in years.items()]


def render_html(pack: Pack, *, progress: Progress | None = None) -> str:
    """Return the pack as one self-contained HTML document, charts as inline SVG."""
    total = len(pack.charts)
    done = 0

    def svg(chart: Chart) -> str:
        nonlocal done
        done += 1
        if progress is not None:
            progress(f"chart {done}", done, total)
        return to_svg(chart.spec)

    sections = [
        SimpleNamespace(
            row=s.row,
            why=s.why,
            chart=s.chart,
            svg=svg(s.chart) if s.chart is not None else "",
            grid=year_grid(s.chart.table) if s.chart is not None else [],
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
    peer_funnels = [
        SimpleNamespace(funnel=f, svg=svg(f.chart))
        for f in (pack.peers.funnels if pack.peers else ())
    ]
    counts = [((r.value, r.label), pack.summary.counts.get(r.value, 0)) for r in RATINGS]
    return render_to_string(
        "reports/pack.html",
        {
            "pack": pack,
            "pack_sections": sections,
            "themes": themes,
            "peer_funnels": peer_funnels,
            "counts": counts,
            "months": MONTHS,
            "action_states": (
                ("overdue", "Overdue"),
                ("due", "Due before the next Board"),
                ("open", "Open"),
                ("closed", "Closed since the last Board"),
            ),
            "css": CSS.read_text(),
        },
    )


def render_pdf(pack: Pack, *, progress: Progress | None = None) -> bytes:
    """Return the pack as PDF: the same accessible HTML, printed with its print CSS."""
    steps = len(pack.charts) + 1

    def charts_then_print(step: str, done: int, total: int) -> None:
        if progress is not None:
            progress(step, done, steps)

    html = render_html(pack, progress=charts_then_print)
    # Printing is most of the time: show it as the last step rather than a bar stuck at 100%.
    charts_then_print("printing the PDF", steps - 1, steps)
    pdf = html_to_pdf(html)
    charts_then_print("printed", steps, steps)
    return pdf
