"""Board packs on the web: a snapshot's or a Board's pack, built once, its progress, the file.

Asking for a pack starts its build (or finds it built); a build in progress shows a page that
refreshes itself until the file is ready. A Board's ready pack can be finalised, which is step 8
of its cycle.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from oversight.accounts.decorators import requires
from oversight.accounts.permissions import Permission
from oversight.performance import frozen
from oversight.performance.models import Snapshot
from oversight.reports import board as boards
from oversight.reports import builds
from oversight.reports.models import PackBuild
from oversight.reports.renderers import RENDERERS


def _served(build: PackBuild) -> HttpResponse:
    renderer = RENDERERS[build.fmt]
    response = HttpResponse(bytes(build.content), content_type=renderer.content_type)
    disposition = "inline" if renderer.inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{builds.file_name(build)}"'
    # The same inputs always give the same pack: let the browser keep it.
    response["ETag"] = f'"{build.sha256}"'
    response["Cache-Control"] = "private, max-age=86400"
    return response


def _answer(request: HttpRequest, build: PackBuild) -> HttpResponse:
    if build.is_ready:
        return _served(build)
    return redirect("reports:build", pk=build.pk)


@requires(Permission.VIEW_PACKS)
def snapshot_pack(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in RENDERERS:
        raise Http404("Unknown pack format")
    snapshot = get_object_or_404(Snapshot, pk=pk)
    theme = request.GET.get("theme") or ""
    if theme and frozen.load(snapshot).theme(theme) is None:
        raise Http404(f"No theme {theme!r} in snapshot {pk}")
    build = builds.request_build(snapshot=snapshot, fmt=fmt, theme=theme, by=request.user)
    return _answer(request, build)


def _board(date: str) -> tuple[object, Snapshot]:
    try:
        day = dt.date.fromisoformat(date)
    except ValueError as exc:
        raise Http404("A Board's date is YYYY-MM-DD") from exc
    try:
        meeting = boards.board_meeting(day)
        return meeting, boards.board_snapshot(meeting)
    except boards.NoSuchBoard as exc:
        raise Http404(str(exc)) from exc


@requires(Permission.VIEW_PACKS)
def board(request: HttpRequest, date: str) -> HttpResponse:
    meeting, snapshot = _board(date)
    return render(
        request,
        "reports/board.html",
        {
            "meeting": meeting,
            "snapshot": snapshot,
            "review": boards.scheduled_review(meeting),
            "formats": list(RENDERERS),
            "finalised": builds.finalised_packs(meeting),
            "themes": frozen.load(snapshot).themes,
        },
    )


@requires(Permission.VIEW_PACKS)
def board_pack(request: HttpRequest, date: str, fmt: str) -> HttpResponse:
    if fmt not in RENDERERS:
        raise Http404("Unknown pack format")
    meeting, snapshot = _board(date)
    build = builds.request_build(
        snapshot=snapshot,
        fmt=fmt,
        board=meeting,
        theme=request.GET.get("theme") or "",
        by=request.user,
    )
    return _answer(request, build)


@requires(Permission.VIEW_PACKS)
def build(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(
        PackBuild.objects.select_related("snapshot", "board").defer("content"), pk=pk
    )
    may_finalise = (
        found.board_id is not None
        and found.is_ready
        and found.finalised_at is None
        and request.user.can(Permission.MANAGE_MEETINGS)
    )
    return render(
        request,
        "reports/build.html",
        {"build": found, "may_finalise": may_finalise, "name": builds.file_name(found)},
    )


@requires(Permission.VIEW_PACKS)
def download(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(PackBuild.objects.select_related("snapshot", "board"), pk=pk)
    if not found.is_ready:
        return redirect("reports:build", pk=pk)
    return _served(found)


@requires(Permission.MANAGE_MEETINGS)
@require_POST
def finalise(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(PackBuild.objects.defer("content"), pk=pk)
    try:
        done = builds.finalise(build=found, by=request.user)
    except builds.BuildError as exc:
        messages.error(request, str(exc))
        return redirect("reports:build", pk=pk)
    messages.success(
        request,
        f"The {done.fmt.upper()} pack is finalised for the Board of {done.board.date:%d %B %Y}.",
    )
    return redirect("reports:board", date=f"{done.board.date:%Y-%m-%d}")
