"""Performance pages (overview, measure, themes) and Strategic Board pack downloads."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from oversight.accounts.decorators import requires
from oversight.accounts.permissions import Permission
from oversight.data.models import FORCE_AREA
from oversight.performance.models import Snapshot
from oversight.plans.models import Bcu, Measure, Priority, Theme
from oversight.reports import pages, services
from oversight.reports.models import Commentary, CommentaryKind
from oversight.reports.pack import build_pack
from oversight.reports.pack_html import render_html, render_pdf
from oversight.reports.pack_pptx import render_pptx
from oversight.reports.presenters import (
    OutcomeGroup,
    PriorityGroup,
    group_rows,
    rating_counts,
    rows_for,
    sort_rows,
)

FORMATS = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


@requires(Permission.VIEW_PERFORMANCE)
def overview(request: HttpRequest) -> HttpResponse:
    params = {k: request.GET.get(k, "") for k in ("snapshot", "priority", "theme", "bcu")}
    sort = request.GET.get("sort", "")
    snapshot = pages.chosen_snapshot(params["snapshot"] or None)
    if params["snapshot"] and snapshot is None:
        raise Http404("No such snapshot")
    bcus = list(Bcu.objects.order_by("name"))
    area = params["bcu"] if params["bcu"] in {b.code for b in bcus} else FORCE_AREA
    rows = (
        rows_for(snapshot, area=area, priority=params["priority"], theme=params["theme"])
        if snapshot
        else []
    )
    if sort:
        rows = sort_rows(rows, sort)
        groups = [PriorityGroup("", "", [OutcomeGroup("", "", rows)])]
    else:
        groups = group_rows(rows)
    context = {
        "snapshot": snapshot,
        "snapshots": Snapshot.objects.order_by("-created_at", "-id")[:24],
        "groups": groups,
        "rows": rows,
        "counts": rating_counts(rows),
        "params": params,
        "sort": sort,
        "headers": pages.headers(params, sort),
        "priorities": Priority.objects.order_by("order", "code"),
        "themes": Theme.objects.order_by("order", "title"),
        "bcus": bcus,
        "area_name": next((b.name for b in bcus if b.code == area), "Force"),
        "link_query": f"?snapshot={snapshot.pk}" if snapshot and params["snapshot"] else "",
    }
    return render(request, "reports/overview.html", context)


@requires(Permission.VIEW_PERFORMANCE)
def measure(request: HttpRequest, code: str) -> HttpResponse:
    measure = get_object_or_404(Measure.objects.select_related("outcome__priority"), code=code)
    snapshot = pages.chosen_snapshot(request.GET.get("snapshot") or None)
    if request.method == "POST":
        return _add_commentary(request, measure, snapshot)
    context = pages.measure_context(measure, snapshot)
    context["may"] = {
        kind: services.may_write(request.user, kind) for kind in CommentaryKind.values
    }
    return render(request, "reports/measure.html", context)


def _add_commentary(
    request: HttpRequest, measure: Measure, snapshot: Snapshot | None
) -> HttpResponse:
    kind = request.POST.get("kind", "")
    if not services.may_write(request.user, kind):
        raise PermissionDenied("Your role may not write this kind of commentary.")
    parent = None
    if request.POST.get("parent"):
        parent = Commentary.objects.filter(pk=request.POST["parent"], measure=measure).first()
    try:
        services.add_commentary(
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
    snapshot = pages.chosen_snapshot(request.GET.get("snapshot") or None)
    items = []
    for theme in Theme.objects.order_by("order", "title"):
        rows = rows_for(snapshot, theme=theme.slug) if snapshot else []
        items.append({"theme": theme, "counts": rating_counts(rows), "n": len(rows)})
    return render(request, "reports/themes.html", {"items": items, "snapshot": snapshot})


@requires(Permission.VIEW_PERFORMANCE)
def theme(request: HttpRequest, slug: str) -> HttpResponse:
    theme = get_object_or_404(Theme, slug=slug)
    snapshot = pages.chosen_snapshot(request.GET.get("snapshot") or None)
    if request.method == "POST":
        try:
            services.save_theme_narrative(
                theme=theme,
                findings=request.POST.get("findings", ""),
                recommendations=request.POST.get("recommendations", ""),
                by=request.user,
                snapshot=snapshot,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
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
    try:
        performance_url = reverse("performance:snapshot", args=[pk])
    except Exception:  # the performance app's pages are optional here
        performance_url = ""
    context = {
        "snapshot": snapshot,
        "formats": list(FORMATS),
        "themes": Theme.objects.order_by("order", "title"),
        "performance_url": performance_url,
    }
    return render(request, "reports/snapshot.html", context)


@requires(Permission.VIEW_PACKS)
def pack(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404("Unknown pack format")
    snapshot = get_object_or_404(Snapshot, pk=pk)
    theme_slug = request.GET.get("theme") or None
    try:
        built = build_pack(snapshot, theme_slug=theme_slug)
    except ValueError as exc:
        raise Http404(str(exc)) from exc
    if fmt == "html":
        body: bytes | str = render_html(built)
    elif fmt == "pdf":
        body = render_pdf(built)
    else:
        body = render_pptx(built)
    response = HttpResponse(body, content_type=FORMATS[fmt])
    suffix = f"-{theme_slug}" if theme_slug else ""
    name = f"strategic-board-pack-{snapshot.period}-snapshot-{snapshot.pk}{suffix}.{fmt}"
    disposition = "inline" if fmt == "html" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    return response
