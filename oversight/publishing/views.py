"""The public site and the Police and Crime Panel's view: only what has been published."""

import csv
import io

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from oversight.accounts.decorators import public, requires
from oversight.accounts.permissions import Permission
from oversight.plans.models import Plan
from oversight.publishing.presenters import (
    public_rows,
    public_themes,
    published_snapshot,
    published_snapshots,
    value_text,
)


def _published_plan() -> Plan | None:
    return Plan.objects.filter(published=True).first()


def _overview_context(snapshot, plan) -> dict:
    rows, bcus = public_rows(snapshot, plan)
    table = [
        {
            "row": r,
            "value": value_text(r, r.value),
            "areas": [value_text(r, r.areas[b.code]) for b in bcus],
        }
        for r in rows
    ]
    return {
        "snapshot": snapshot,
        "plan": plan,
        "bcus": bcus,
        "table": table,
        "themes": public_themes(rows, plan),
        "any_sample": any(r.is_sample for r in rows),
    }


@public
def index(request: HttpRequest) -> HttpResponse:
    plan = _published_plan()
    snapshot = published_snapshot() if plan else None
    context = {"plan": plan, "snapshot": snapshot, "snapshots": published_snapshots()}
    if plan and snapshot:
        context.update(_overview_context(snapshot, plan))
    return render(request, "publishing/index.html", context)


@public
def snapshot_overview(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _published_plan()
    snapshot = published_snapshot(pk)
    if plan is None or snapshot is None:
        raise Http404("Not published")
    return render(request, "publishing/overview.html", _overview_context(snapshot, plan))


@public
def open_data(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _published_plan()
    snapshot = published_snapshot(pk)
    if plan is None or snapshot is None:
        raise Http404("Not published")
    rows, bcus = public_rows(snapshot, plan)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["period", "measure_code", "measure", "unit", "area", "value", "withheld",
                     "rating", "headline", "sample_data"])  # fmt: skip
    for r in rows:
        cells = [("force", r.value)] + [(b.code, r.areas[b.code]) for b in bcus]
        for area, disclosed in cells:
            writer.writerow([
                snapshot.period, r.measure.code, r.measure.name, r.measure.unit, area,
                "" if disclosed.value is None else disclosed.value, disclosed.reason,
                r.rating_label if area == "force" else "", r.headline if area == "force" else "",
                "yes" if r.is_sample else "no",
            ])  # fmt: skip
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="oversight-{snapshot.period}-snapshot-{snapshot.pk}.csv"'
    )
    return response


@requires(Permission.VIEW_PANEL)
def panel(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "publishing/panel.html",
        {"plan": _published_plan(), "snapshots": published_snapshots()},
    )
