"""What never changes is rendered once: pages and figures of frozen content, kept by hash.

A presented snapshot and a published publication never change (ADR 0007, ADR 0005), so what is
drawn from them can be kept and served again: :func:`cached` keeps a computed value (a rendered
fragment, a figure) under the digest of what it was computed from and of the code that computed
it, and :func:`public_page` serves an anonymous visitor's request for a public page from the
cache, with an ETag, so a reload costs a lookup, not a render.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control, patch_vary_headers

T = TypeVar("T")
PACKAGE = Path(__file__).resolve().parents[1]
# A day: a kept page is dropped long before it could matter that it is old.
TIMEOUT = 24 * 60 * 60


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    """Return a digest of the code and templates that draw pages, taken once per process.

    A deployment changes it, so nothing drawn by older code is served again.
    """
    try:
        release = version("oversight")
    except PackageNotFoundError:  # run from a checkout that was never installed
        release = "unreleased"
    stamp = hashlib.sha256(release.encode())
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in (".py", ".html", ".css", ".js") and "migrations" not in path.parts:
            info = path.stat()
            stamp.update(f"{path.relative_to(PACKAGE)}:{info.st_size}:{info.st_mtime_ns}".encode())
    return stamp.hexdigest()[:16]


def key_of(*parts: Any) -> str:
    """Return a cache key for ``parts`` (any JSON data) and the running code."""
    text = json.dumps([code_version(), *parts], sort_keys=True, default=str)
    return "oversight:" + hashlib.sha256(text.encode()).hexdigest()


def cached(parts: tuple[Any, ...], compute: Callable[[], T], *, timeout: int = TIMEOUT) -> T:
    """Return the value kept for ``parts``, computing and keeping it the first time."""
    key = key_of(*parts)
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, timeout)
    return found


# What every public page shows beyond its own publication (the footer's next publication date,
# the Commissioner's name and colour): each provider's value is part of every kept page's key,
# so a page is drawn again when it changes. Apps add theirs in ready() (sitepages does).
_site_state: list[Callable[[], Any]] = []


def add_site_state(provider: Callable[[], Any]) -> None:
    """Make ``provider()`` (JSON data) part of the key of every kept public page."""
    if provider not in _site_state:
        _site_state.append(provider)


def public_page(
    *, state: Callable[[], Any]
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Serve an anonymous GET of a public page from the cache, with an ETag.

    A public page shows one published publication, which never changes; what else it shows
    (which publication is the latest, say) is given by ``state()`` and is part of the key, as is
    what every public page shows of the site (``add_site_state``).
    Signed-in users see their name in the header, and a visitor with a session may have a
    message waiting, so theirs are drawn for them: only a request with no session is served
    from the cache.
    """

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method != "GET" or _has_session(request):
                return view(request, *args, **kwargs)
            site = [provide() for provide in _site_state]
            key = key_of("public", request.path, sorted(request.GET.lists()), state(), site)
            etag = f'"{key[-32:]}"'
            if request.headers.get("If-None-Match") == etag:
                return HttpResponseNotModified(headers={"ETag": etag})
            kept = cache.get(key)
            if kept is None:
                response = view(request, *args, **kwargs)
                if response.status_code != 200 or getattr(response, "streaming", False):
                    return response
                kept = (
                    response.content,
                    response["Content-Type"],
                    response.get("Content-Disposition"),
                )
                cache.set(key, kept, TIMEOUT)
            content, content_type, disposition = kept
            response = HttpResponse(content, content_type=content_type)
            if disposition:
                response["Content-Disposition"] = disposition
            response["ETag"] = etag
            patch_cache_control(response, public=True, max_age=300)
            patch_vary_headers(response, ["Cookie"])
            return response

        return wrapper

    return decorate


def _has_session(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return (
        (user is not None and user.is_authenticated)
        or settings.SESSION_COOKIE_NAME in request.COOKIES
        or "messages" in request.COOKIES
    )


def private_etag(request: HttpRequest, *parts: Any) -> str | None:
    """Return the ETag of a signed-in person's page drawn from ``parts``, or None.

    The page carries the person's name and a sign-out form whose token belongs to their
    session, so the tag covers the session; a page with a message waiting has none, since the
    message is shown once.
    """
    from django.contrib.messages import get_messages

    session = getattr(request, "session", None)
    if session is None or session.session_key is None or len(get_messages(request)):
        return None
    return f'"{key_of("private", request.path, session.session_key, *parts)[-32:]}"'


def answer_not_modified(request: HttpRequest, etag: str | None) -> HttpResponse | None:
    """Return a 304 when the browser already holds the page tagged ``etag``."""
    if etag is not None and request.headers.get("If-None-Match") == etag:
        response = HttpResponseNotModified()
        response["ETag"] = etag
        return response
    return None


def tag_private(response: HttpResponse, etag: str | None) -> HttpResponse:
    """Mark a person's page as theirs alone, to be checked with the server before reuse."""
    if etag is not None:
        response["ETag"] = etag
        patch_cache_control(response, private=True, no_cache=True)
    return response
