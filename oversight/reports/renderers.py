"""The pack's renderers, one per format, used alike by the download view and `oversight pack`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from oversight.reports.pack import Pack, Progress
from oversight.reports.pack_html import render_html, render_pdf
from oversight.reports.pack_pptx import render_pptx


@dataclass(frozen=True)
class Renderer:
    """How one format is made from a pack, and how it is served."""

    render: Callable[..., bytes]
    content_type: str
    inline: bool  # shown in the browser rather than downloaded


def _html(pack: Pack, *, progress: Progress | None = None) -> bytes:
    return render_html(pack, progress=progress).encode()


RENDERERS: dict[str, Renderer] = {
    "html": Renderer(_html, "text/html; charset=utf-8", inline=True),
    "pdf": Renderer(render_pdf, "application/pdf", inline=False),
    "pptx": Renderer(
        render_pptx,
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        inline=False,
    ),
}


def render(pack: Pack, fmt: str, *, progress: Progress | None = None) -> bytes:
    """Return the pack in ``fmt`` (html, pdf or pptx); ValueError for another format."""
    renderer = RENDERERS.get(fmt)
    if renderer is None:
        raise ValueError(f"Unknown pack format {fmt!r}: use {', '.join(RENDERERS)}")
    return renderer.render(pack, progress=progress)
