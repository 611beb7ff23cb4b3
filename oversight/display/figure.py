"""A chart ready for a page: its spec, an SVG rendered on the server, and an element id."""

from __future__ import annotations

from dataclasses import dataclass

from oversight.display.charts import Chart, to_svg


@dataclass(frozen=True)
class Figure:
    """A chart ready for a page: its spec, the server-rendered SVG fallback and an element id."""

    id: str
    chart: Chart
    svg: str

    @property
    def spec_id(self) -> str:
        return f"{self.id}-spec"


def figure(chart: Chart | None, id: str) -> Figure | None:
    """Return a chart with its SVG rendered, or None."""
    return Figure(id=id, chart=chart, svg=to_svg(chart.spec)) if chart is not None else None
