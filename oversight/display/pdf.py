"""Print accessible HTML to PDF with WeasyPrint, reading static files locally, never the network.

Pages are rendered with the `print` media type, so a template's `@media print` rules and
`@page` rules (size, margins, running headers) apply. Stylesheets and images linked under
STATIC_URL are read from the static files finders (or STATIC_ROOT); `data:` URLs are allowed;
any other URL is refused, so rendering a pack never makes a network request.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse


class StaticOnlyFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that serves STATIC_URL paths from disk and data: URLs only."""

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        """Return the static file or data: URL behind `url`; refuse anything else."""
        if url.startswith("data:"):
            return super().fetch(url, headers)
        path = static_path(url)
        if path is None:
            raise ValueError(f"Not fetched (PDFs read only local static files): {url}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})


def static_path(url: str) -> Path | None:
    """Return the local file for a URL under STATIC_URL (any host), or None."""
    static_url = urlsplit(settings.STATIC_URL or "/static/").path
    if not static_url.startswith("/"):
        static_url = "/" + static_url
    path = unquote(urlsplit(url).path)
    if not path.startswith(static_url):
        return None
    relative = path[len(static_url) :]
    if not relative or ".." in Path(relative).parts:
        return None
    found = finders.find(relative)
    if found:
        return Path(found if isinstance(found, str) else found[0])
    root = getattr(settings, "STATIC_ROOT", None)
    if root and (Path(root) / relative).is_file():
        return Path(root) / relative
    return None


def html_to_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """Return the PDF of an HTML document, printed with its print CSS.

    `base_url` resolves relative links (e.g. `request.build_absolute_uri("/")`); without it
    root-relative static links such as `/static/core/oversight.css` still resolve.
    """
    return HTML(
        string=html,
        base_url=base_url or "http://localhost/",
        url_fetcher=StaticOnlyFetcher(),
        media_type="print",
    ).write_pdf()
