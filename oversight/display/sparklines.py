"""Sparklines: a measure's last months as a tiny inline SVG, with its words for screen readers.

A row of the overview carries one; rendering a Vega chart per row would cost a second a page,
and a sparkline needs only a polyline, its latest point and a text alternative.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

WIDTH = 96
HEIGHT = 24
PAD = 2


def sparkline_svg(
    values: Sequence[float | None],
    *,
    label: str,
    width: int = WIDTH,
    height: int = HEIGHT,
    concern: bool = False,
) -> str:
    """Return an SVG sparkline of ``values`` (None: a gap), labelled for assistive technology.

    The latest point is drawn larger (and in the concern colour when ``concern``); the line is
    broken at gaps, never drawn through a missing month.
    """
    present = [v for v in values if v is not None]
    title = f"<title>{escape(label)}</title>"
    if len(present) < 2:
        return (
            f'<svg class="sparkline" role="img" aria-label="{escape(label)}" width="{width}" '
            f'height="{height}" viewBox="0 0 {width} {height}">{title}</svg>'
        )
    low, high = min(present), max(present)
    span = (high - low) or 1.0
    step = (width - 2 * PAD) / max(len(values) - 1, 1)

    def point(i: int, v: float) -> str:
        x = PAD + i * step
        y = height - PAD - (v - low) / span * (height - 2 * PAD)
        return f"{x:.1f},{y:.1f}"

    runs: list[list[str]] = [[]]
    for i, v in enumerate(values):
        if v is None:
            runs.append([])
        else:
            runs[-1].append(point(i, v))
    lines = "".join(
        f'<polyline points="{" ".join(run)}" fill="none" stroke="#505a5f" stroke-width="1.2"/>'
        for run in runs
        if len(run) > 1
    )
    last_index = max(i for i, v in enumerate(values) if v is not None)
    x, y = point(last_index, values[last_index]).split(",")  # type: ignore[arg-type]
    colour = "#b35000" if concern else "#1b1b1b"
    dot = f'<circle cx="{x}" cy="{y}" r="2.2" fill="{colour}"/>'
    return (
        f'<svg class="sparkline" role="img" aria-label="{escape(label)}" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}">{title}{lines}{dot}</svg>'
    )
