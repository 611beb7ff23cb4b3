"""The "How we compare" slides of the PowerPoint pack: the peers, the summary, the funnels."""

from __future__ import annotations

from collections.abc import Callable

from pptx import Presentation
from pptx.util import Inches

from oversight.reports.pack_peers import PeerSection
from oversight.reports.pptx_shapes import MARGIN, WIDE, blank, notes, picture, table, title, write

PER_SLIDE = 12


def peer_slides(
    prs: Presentation, section: PeerSection | None, footer: str, tick: Callable[..., None]
) -> None:
    """Add the section's slides (none when the snapshot froze no comparison)."""
    if section is None:
        return
    slide = blank(prs)
    title(slide, f"How we compare: {section.force_name}'s peer group", footer)
    lines = [f"{section.description}."]
    lines += [f"{p.name}: {p.reasons[0]}" for p in section.peers]
    lines += list(section.problems)
    write(slide, "\n".join(lines), top=0.95, size=13, height=5.8)
    notes(slide, [section.description, *(f"{p.name}: " + "; ".join(p.reasons)
                                         for p in section.peers)])  # fmt: skip
    summary = section.summary
    widths = [(c, w) for c, w in zip(summary.columns, (3.6, 0.9, 1.0, 1.0, 1.0, 4.6), strict=True)]
    for start in range(0, len(summary.rows), PER_SLIDE):
        slide = blank(prs)
        more = " (continued)" if start else ""
        title(slide, f"How we compare, {section.period_words}{more}", footer)
        table(slide, widths, [list(r) for r in summary.rows[start : start + PER_SLIDE]], top=1.0)
        notes(slide, [summary.caption, *section.notes])
    for funnel in section.funnels:
        slide = blank(prs)
        title(slide, f"How we compare: {funnel.code} {funnel.name}", footer)
        picture(slide, funnel.chart, left=MARGIN, top=1.0, width=Inches(8.6))
        write(slide, "\n".join(funnel.sentences), top=1.0, size=11, height=5.5,
              left=Inches(9.2), width=WIDE - Inches(9.2) - MARGIN)  # fmt: skip
        notes(slide, [funnel.chart.alt_text])
        tick("chart", 0, 0)
