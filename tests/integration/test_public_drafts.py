"""No internal or draft object is reachable anonymously, by any public URL with any id.

One publication is approved; then the working plan changes, a draft snapshot is made, and one
request is left awaiting approval and another rejected, each carrying a marker that was never
published. Every public URL pattern is tried with every id in range; none may show a marker.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from oversight.performance import sample
from oversight.performance import services as performance
from oversight.plans.models import Measure
from oversight.publishing import services
from tests.factories.people import persona
from tests.factories.publications import ENGLISH_ONLY

pytestmark = pytest.mark.django_db

MARKER = "Unpublished working name"


def _walk(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p.callback


def _paths(route: str, ids: range, codes: list[str]) -> list[str]:
    paths = ["/" + route]
    for name, values in (("int", [str(i) for i in ids]), ("str", codes), ("slug", codes)):
        expanded = []
        for path in paths:
            if f"<{name}:" in path:
                expanded += [re.sub(rf"<{name}:[^>]+>", v, path, count=1) for v in values]
            else:
                expanded.append(path)
        paths = expanded
    return [p for p in paths if "<" not in p]


def test_no_draft_reaches_any_public_page(client, force, opcc):
    plan = sample.build_plan(bcus=("east", "west"))
    measure = sample.add_measure(plan, "M01")
    sample.add_series(measure, [100.0 + i % 3 for i in range(24)], start="2023-07", area="force")
    approver = persona("commissioners_team", username="approver")
    first = performance.mark_presented(
        snapshot=performance.create_snapshot(period="2025-06", by=force), by=force
    )
    services.approve(
        publication=services.request_publication(snapshot=first, by=opcc),
        by=approver,
        welsh_reason=ENGLISH_ONLY,
    )
    # Everything after this point is unpublished.
    Measure.objects.filter(pk=measure.pk).update(name=MARKER)
    # A period has one presented snapshot: these are for earlier months.
    pending = performance.mark_presented(
        snapshot=performance.create_snapshot(period="2025-05", by=force, note=MARKER), by=force
    )
    rejected = performance.mark_presented(
        snapshot=performance.create_snapshot(period="2025-04", by=force, note=MARKER), by=force
    )
    performance.create_snapshot(period="2025-06", by=force, note=MARKER)
    services.request_publication(snapshot=pending, by=opcc, note=MARKER)
    services.reject(
        publication=services.request_publication(snapshot=rejected, by=opcc),
        by=approver,
        reason=MARKER,
    )

    public_routes = [
        route for route, view in _walk(get_resolver().url_patterns) if getattr(view, "is_public", 0)
    ]
    tried = 0
    for route in public_routes:
        for path in _paths(route, range(0, 8), ["M01", "overview", "monthly-figures", "x"]):
            response = client.get(path, follow=True)
            tried += 1
            body = b"".join(response.streaming_content) if response.streaming else response.content
            assert MARKER.encode() not in body, path
    assert tried > 100
