"""Performance pages (overview, measure, themes) and Strategic Board pack downloads.

Each page shows one snapshot's record: the current one (the latest presented) unless another
is asked for with ``?snapshot=ID``; a newer draft is offered beside it, labelled as a draft.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from oversight.accounts.decorators import requires
from oversight.accounts.permissions import Permission
from oversight.performance import frozen
from oversight.performance.commentary import add_commentary, may_write
from oversight.performance.frozen import FORCE
from oversight.performance.models import Commentary, CommentaryKind, Snapshot
from oversight.plans.models import Measure, Theme
from oversight.reports import pages, renderers
from oversight.reports.pack import build_pack
from oversight.reports.presenters import (
    OutcomeGroup,
    PriorityGroup,
    group_rows,
    rating_counts,
    rows_for,
    sort_rows,
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
    params = {k: request.GET.get(k, "") for k in ("snapshot", "priority", "theme", "bcu")}
    sort = request.GET.get("sort", "")
    snapshot = _snapshot(request)
    record = frozen.load(snapshot) if snapshot else None
    bcus = record.bcus if record else []
    area = params["bcu"] if params["bcu"] in {code for code, _ in bcus} else FORCE
    rows = (
        rows_for(record, area=area, priority=params["priority"], theme=params["theme"])
        if record
        else []
    )
    if sort:
        rows = sort_rows(rows, sort)
        groups = [PriorityGroup("", "", [OutcomeGroup("", "", rows)])]
    else:
        groups = group_rows(rows)
    priorities = {}
    for m in record.measures.values() if record else []:
        priorities.setdefault(m.priority.get("code"), m.priority)
    context = {
        "snapshot": snapshot,
        "newer_draft": pages.newer_draft(snapshot),
        "snapshots": Snapshot.objects.order_by("-created_at", "-id")[:24],
        "groups": groups,
        "rows": rows,
        "counts": rating_counts(rows),
        "params": params,
        "sort": sort,
        "headers": pages.headers(params, sort),
        "priorities": sorted(priorities.values(), key=lambda p: (p.get("order", 0), p["code"])),
        "themes": record.themes if record else [],
        "bcus": [{"code": code, "name": name} for code, name in bcus],
        "area_name": dict(bcus).get(area, "Force"),
        "link_query": f"?snapshot={snapshot.pk}" if snapshot and params["snapshot"] else "",
    }
    return render(request, "reports/overview.html", context)


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
        parent = Commentary.objects.filter(pk=request.POST["parent"], measure=measure).first()
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


@requires(Permission.VIEW_PACKS)
def pack(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in RENDERERS:
        raise Http404("Unknown pack format")
    snapshot = get_object_or_404(Snapshot, pk=pk)
    theme_slug = request.GET.get("theme") or None
    try:
        built = build_pack(snapshot, theme_slug=theme_slug)
    except ValueError as exc:
        raise Http404(str(exc)) from exc
    renderer = RENDERERS[fmt]
    response = HttpResponse(renderers.render(built, fmt), content_type=renderer.content_type)
    suffix = f"-{theme_slug}" if theme_slug else ""
    name = f"strategic-board-pack-{snapshot.period}-snapshot-{snapshot.pk}{suffix}.{fmt}"
    disposition = "inline" if renderer.inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    return response
