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


def public_page(
    *, state: Callable[[], Any]
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Serve an anonymous GET of a public page from the cache, with an ETag.

    A public page shows one published publication, which never changes; what else it shows
    (which publication is the latest, say) is given by ``state()`` and is part of the key.
    Signed-in users see their name in the header, and a visitor with a session may have a
    message waiting, so theirs are drawn for them: only a request with no session is served
    from the cache.
    """

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method != "GET" or _has_session(request):
                return view(request, *args, **kwargs)
            key = key_of("public", request.path, sorted(request.GET.lists()), state())
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
