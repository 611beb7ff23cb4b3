"""Convention: every URL states who may use it; anonymous users reach no internal page."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

# The Django admin guards itself (administrators only, see accounts.admin_site).
EXEMPT_PREFIXES = ("admin/",)


def _walk(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p.callback


def _all_views():
    return [(route, view) for route, view in _walk(get_resolver().url_patterns)]


def test_every_url_declares_its_permission_or_is_public():
    missing = [
        route
        for route, view in _all_views()
        if not route.startswith(EXEMPT_PREFIXES)
        and not getattr(view, "required_permission", None)
        and not getattr(view, "is_public", False)
    ]
    assert missing == [], f"URLs with no permission check: {missing}"


def _sample_path(route: str) -> str:
    path = re.sub(r"<int:[^>]+>", "1", route)
    path = re.sub(r"<[^>]+>", "x", path)
    return "/" + path.lstrip("^").rstrip("$")


@pytest.mark.django_db
def test_anonymous_requests_to_internal_pages_are_sent_to_login(client):
    internal = [
        route
        for route, view in _all_views()
        if not route.startswith(EXEMPT_PREFIXES) and not getattr(view, "is_public", False)
    ]
    assert internal, "expected internal pages"
    for route in internal:
        response = client.get(_sample_path(route))
        assert response.status_code == 302, route
        assert response.url.startswith("/accounts/login/"), route
