"""Performance pages (overview, measure, themes) and Strategic Board pack downloads.

Each page shows one snapshot's record: the current one (the latest presented) unless another
is asked for with ``?snapshot=ID``; a newer draft is offered beside it, labelled as a draft.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse

from oversight.accounts.decorators import requires
from oversight.accounts.permissions import Permission
from oversight.core.caching import answer_not_modified, cached, private_etag, tag_private
from oversight.performance import frozen
from oversight.performance.commentary import add_commentary, may_write
from oversight.performance.frozen import FORCE
from oversight.performance.models import Commentary, CommentaryKind, Snapshot
from oversight.plans.models import Measure, Theme
from oversight.reports import exports, hotlist, pages
from oversight.reports.presenters import (
    OutcomeGroup,
    PriorityGroup,
    group_rows,
    rating_counts,
    rows_for,
)
from oversight.reports.renderers import RENDERERS
from oversight.themes.narratives import save_theme_narrative


def _snapshot(request: HttpRequest) -> Snapshot | None:
    wanted = request.GET.get("snapshot") or None
    snapshot = pages.chosen_snapshot(wanted)
    if wanted and snapshot is None:
        raise Http404("No such snapshot")
    return snapshot


@requires(Permission.VIEW_PERFORMANCE)
def overview(request: HttpRequest) -> HttpResponse:
    snapshot = _snapshot(request)

    def draw() -> str:
        return render_to_string("reports/_overview_body.html", _overview(request, snapshot))

    # A presented snapshot's overview never changes (ADR 0007); only the list of snapshots
    # beside it does, so that is part of the key and the body is drawn once.
    etag = None
    if snapshot is not None and snapshot.is_frozen:
        key = (
            "overview",
            snapshot.pk,
            snapshot.content_hash,
            sorted(request.GET.lists()),
            pages.listing_state(),
        )
        etag = private_etag(request, *key)
        if (unchanged := answer_not_modified(request, etag)) is not None:
            return unchanged
        body = cached(key, draw)
    else:
        body = draw()
    page = render(request, "reports/overview.html", {"body": body, "snapshot": snapshot})
    return tag_private(page, etag)


def _overview(request: HttpRequest, snapshot: Snapshot | None) -> dict[str, Any]:
    params = {k: request.GET.get(k, "") for k in ("snapshot", "priority", "theme", "bcu")}
    filters = exports.Filters.from_query(request.GET)
    sort = filters.sort
    record = frozen.load(snapshot) if snapshot else None
    bcus = record.bcus if record else []
    area = filters.area(record) if record else FORCE
    # The filters choose the table's rows; the hot list is the force's, by priority and theme.
    rows = exports.with_sparklines(record, exports.table_rows(record, filters)) if record else []
    groups = [PriorityGroup("", "", [OutcomeGroup("", "", rows)])] if sort else group_rows(rows)
    previous = hotlist.previous_board(snapshot) if snapshot else None
    before = frozen.load(previous) if previous else None
    hot = exports.hot_items(record, hotlist.hot_list(record, before), filters) if record else []
    priorities = {}
    for m in record.measures.values() if record else []:
        priorities.setdefault(m.priority.get("code"), m.priority)
    query = request.GET.urlencode()
    return {
        "snapshot": snapshot,
        "newer_draft": pages.newer_draft(snapshot),
        "snapshots": Snapshot.objects.order_by("-created_at", "-id")[:24],
        "groups": groups,
        "rows": rows,
        "hot": hot,
        "previous": previous,
        "changed": exports.changed_summary(hot) if previous else None,
        "counts": rating_counts(rows),
        "params": params,
        "sort": sort,
        "headers": pages.headers(params, sort),
        "priorities": sorted(priorities.values(), key=lambda p: (p.get("order", 0), p["code"])),
        "themes": record.themes if record else [],
        "bcus": [{"code": code, "name": name} for code, name in bcus],
        "area_name": dict(bcus).get(area, "Force"),
        "link_query": f"?snapshot={snapshot.pk}" if snapshot and params["snapshot"] else "",
        "export_query": f"?{query}" if query else "",
    }


@requires(Permission.VIEW_PERFORMANCE)
def overview_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """Return the overview's table, as filtered, as a CSV or Excel file."""
    if fmt not in exports.FORMATS:
        raise Http404("Unknown format")
    snapshot = _snapshot(request)
    if snapshot is None:
        raise Http404("There is no snapshot yet")
    record = frozen.load(snapshot)
    filters = exports.Filters.from_query(request.GET)
    response = HttpResponse(exports.render(record, filters, fmt), content_type=exports.FORMATS[fmt])
    name = exports.file_name(record, filters, fmt)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@requires(Permission.VIEW_PERFORMANCE)
def measure(request: HttpRequest, code: str) -> HttpResponse:
    measure = get_object_or_404(Measure.objects.select_related("outcome__priority"), code=code)
    snapshot = _snapshot(request)
    if request.method == "POST":
        return _add_commentary(request, measure, snapshot)
    context = pages.measure_context(measure, snapshot)
    context["may"] = {kind: may_write(request.user, kind) for kind in CommentaryKind.values}
    return render(request, "reports/measure.html", context)


def _add_commentary(
    request: HttpRequest, measure: Measure, snapshot: Snapshot | None
) -> HttpResponse:
    kind = request.POST.get("kind", "")
    if not may_write(request.user, kind):
        raise PermissionDenied("Your role may not write this kind of commentary.")
    parent = None
    if request.POST.get("parent"):
        ref = request.POST["parent"]
        # A reply names its question by id; anything else is a bad form, not a server error.
        parent = (
            Commentary.objects.filter(pk=int(ref), measure=measure).first()
            if ref.isdigit()
            else None
        )
        if parent is None:
            messages.error(
                request, "That question is not on this measure: the answer is not saved."
            )
            return redirect(reverse("reports:measure", args=[measure.code]) + "#commentary")
    try:
        add_commentary(
            measure=measure,
            kind=kind,
            text=request.POST.get("text", ""),
            by=request.user,
            snapshot=snapshot,
            parent=parent,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{CommentaryKind(kind).label} added.")
    return redirect(reverse("reports:measure", args=[measure.code]) + "#commentary")


@requires(Permission.VIEW_PERFORMANCE)
def themes(request: HttpRequest) -> HttpResponse:
    snapshot = _snapshot(request)
    record = frozen.load(snapshot) if snapshot else None
    items = []
    for theme in Theme.objects.order_by("order", "title"):
        rows = rows_for(record, theme=theme.slug) if record else []
        items.append({"theme": theme, "counts": rating_counts(rows), "n": len(rows)})
    return render(
        request,
        "reports/themes.html",
        {"items": items, "snapshot": snapshot, "newer_draft": pages.newer_draft(snapshot)},
    )


@requires(Permission.VIEW_PERFORMANCE)
def theme(request: HttpRequest, slug: str) -> HttpResponse:
    theme = get_object_or_404(Theme, slug=slug)
    snapshot = _snapshot(request)
    if request.method == "POST":
        try:
            save_theme_narrative(
                theme=theme,
                findings=request.POST.get("findings", ""),
                recommendations=request.POST.get("recommendations", ""),
                by=request.user,
                snapshot=snapshot,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        except PermissionDenied:
            raise
        else:
            messages.success(request, "Narrative saved.")
        return redirect("reports:theme", slug=theme.slug)
    context = pages.theme_context(theme, snapshot)
    context["may_write"] = request.user.can(Permission.WRITE_COMMENTARY) or request.user.can(
        Permission.WRITE_SCRUTINY
    )
    return render(request, "reports/theme.html", context)


@requires(Permission.VIEW_PACKS)
def snapshot(request: HttpRequest, pk: int) -> HttpResponse:
    snapshot = get_object_or_404(Snapshot, pk=pk)
    context = {
        "snapshot": snapshot,
        "formats": list(RENDERERS),
        "themes": frozen.load(snapshot).themes,
        "performance_url": reverse("performance:snapshot", args=[pk]),
    }
    return render(request, "reports/snapshot.html", context)
