"""Building packs once, off the request path, and keeping them.

:func:`request_build` returns the ``PackBuild`` for a pack's inputs: ready if it was built
before, else building. Only the caller that creates the row builds it (the key is unique), so
two people asking at once get one build. The web starts the build in a background thread and
shows its progress; the command line and the tests build in place (``OVERSIGHT_PACK_BUILDS``).
A build whose heartbeat has stopped (its process died) is started again on the next request.
:func:`finalise` records a Board's pack as the one finalised in step 8 of its cycle.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import threading
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import IntegrityError, close_old_connections, connection, transaction
from django.utils import timezone

from oversight.accounts import audit
from oversight.accounts.models import User
from oversight.meetings.models import CycleStep, Meeting
from oversight.meetings.services import set_step_status
from oversight.performance import frozen
from oversight.performance.models import Snapshot
from oversight.reports import board as boards
from oversight.reports import hotlist
from oversight.reports.models import PackBuild
from oversight.reports.pack import build_pack
from oversight.reports.renderers import RENDERERS, render

# Bump when a pack's layout changes, so packs built by older code are not served again.
PACK_VERSION = 2
# A build that has not reported progress for this long has died with its process.
STALE_AFTER = dt.timedelta(minutes=10)
FINALISATION_STEP = "csb_finalisation"


class BuildError(ValueError):
    """A pack that cannot be built or finalised (no such format, not a Board pack...)."""


def _json(data: Any) -> str:
    return json.dumps(data, sort_keys=True, default=str, separators=(",", ":"))


def pack_inputs(
    snapshot: Snapshot, *, board: Meeting | None, theme: str, fmt: str
) -> dict[str, Any]:
    """Return everything a pack is drawn from, as data whose digest keys its build."""
    record = frozen.load(snapshot)
    previous = hotlist.previous_board(snapshot)
    inputs: dict[str, Any] = {
        "version": PACK_VERSION,
        "fmt": fmt,
        "theme": theme,
        "snapshot": snapshot.pk,
        "hash": snapshot.content_hash,
        "status": snapshot.status,
        # A draft's notes are live: a new comment makes a new pack.
        "notes": [dataclasses.astuple(n) for n in record.notes],
        "previous": previous.content_hash if previous else None,
    }
    if board is not None:
        review = boards.scheduled_review(board)
        inputs["board"] = dataclasses.asdict(boards.board_section(board, record))
        inputs["review"] = [review.findings, review.recommendations] if review else None
    return inputs


def build_key(inputs: dict[str, Any]) -> str:
    return hashlib.sha256(_json(inputs).encode()).hexdigest()


def _is_stale(build: PackBuild) -> bool:
    return build.status == PackBuild.Status.BUILDING and (
        timezone.now() - build.heartbeat_at > STALE_AFTER
    )


def request_build(
    *,
    snapshot: Snapshot,
    fmt: str,
    board: Meeting | None = None,
    theme: str = "",
    by: User | None = None,
    background: bool | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> PackBuild:
    """Return the build of this pack: ready, building, or started now by this call."""
    if fmt not in RENDERERS:
        raise BuildError(f"Unknown pack format {fmt!r}: use {', '.join(RENDERERS)}")
    key = build_key(pack_inputs(snapshot, board=board, theme=theme, fmt=fmt))
    now = timezone.now()
    try:
        with transaction.atomic():
            build, created = PackBuild.objects.select_for_update().get_or_create(
                key=key,
                defaults={
                    "snapshot": snapshot,
                    "board": board,
                    "theme": theme,
                    "fmt": fmt,
                    "requested_by": by if by is not None and by.pk else None,
                    "started_at": now,
                    "heartbeat_at": now,
                },
            )
            if not created:
                if build.status == PackBuild.Status.READY or not (
                    build.status == PackBuild.Status.FAILED or _is_stale(build)
                ):
                    return build
                build.status, build.error, build.done = PackBuild.Status.BUILDING, "", 0
                build.started_at = build.heartbeat_at = now
                build.save(update_fields=["status", "error", "done", "started_at", "heartbeat_at"])
    except IntegrityError:
        # Someone else created it between our look and our insert: theirs is the build.
        return PackBuild.objects.get(key=key)
    if background is None:
        background = settings.PACK_BUILDS == "background"
    if background:
        thread = threading.Thread(target=_run_in_thread, args=(build.pk,), daemon=True)
        thread.start()
    else:
        run_build(build.pk, progress=progress)
        build.refresh_from_db()
    return build


def _run_in_thread(pk: int) -> None:
    try:
        run_build(pk)
    finally:
        # A thread's connection is its own; close it, as Django does after a request.
        close_old_connections()
        connection.close()


def run_build(pk: int, *, progress: Callable[[str, int, int], None] | None = None) -> None:
    """Build and store one pack; a failure is recorded on the build, never raised to a thread."""
    build = PackBuild.objects.select_related("snapshot", "board").get(pk=pk)
    last = [timezone.now()]

    def report(step: str, done: int, total: int) -> None:
        if progress is not None:
            progress(step, done, total)
        now = timezone.now()
        # Write progress at most twice a second: a pack has hundreds of steps.
        if (now - last[0]).total_seconds() >= 0.5 or done == total:
            last[0] = now
            PackBuild.objects.filter(pk=pk).update(
                step=step[:200], done=done, total=total, heartbeat_at=now
            )

    try:
        pack = build_pack(
            build.snapshot, theme_slug=build.theme or None, board=build.board, progress=report
        )
        data = render(pack, build.fmt, progress=report)
    except Exception as exc:  # recorded for the person waiting on the progress page
        PackBuild.objects.filter(pk=pk).update(
            status=PackBuild.Status.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000],
            finished_at=timezone.now(),
        )  # fmt: skip
        if not getattr(settings, "PACK_BUILDS_RAISE", False):
            return
        raise
    PackBuild.objects.filter(pk=pk).update(
        status=PackBuild.Status.READY,
        content=data,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        finished_at=timezone.now(),
        step="ready",
    )


def file_name(build: PackBuild) -> str:
    """Return the name a downloaded pack is saved under."""
    suffix = f"-{build.theme}" if build.theme else ""
    if build.board_id:
        return f"board-pack-{build.board.date:%Y-%m-%d}{suffix}.{build.fmt}"
    snapshot = build.snapshot
    return f"strategic-board-pack-{snapshot.period}-snapshot-{snapshot.pk}{suffix}.{build.fmt}"


@transaction.atomic
def finalise(*, build: PackBuild, by: User) -> PackBuild:
    """Record a Board's built pack as the one finalised (step 8 of its cycle); audited."""
    current = (
        PackBuild.objects.select_for_update(of=("self",))
        .select_related("board__cycle")
        .get(pk=build.pk)
    )
    if current.board is None:
        raise BuildError("Only a Board's pack is finalised: build it for the Board's date.")
    if not current.is_ready:
        raise BuildError("The pack is still being built; finalise it once it is ready.")
    current.finalised_at = timezone.now()
    current.finalised_by = by
    current.save(update_fields=["finalised_at", "finalised_by"])
    cycle = current.board.cycle
    if cycle is not None:
        step = cycle.steps.filter(key=FINALISATION_STEP).first()
        if step is not None and step.status != CycleStep.Status.DONE:
            set_step_status(
                step=step,
                status=CycleStep.Status.DONE,
                by=by,
                note=f"Finalised the {current.fmt.upper()} pack (build {current.pk}).",
            )
    audit.record(
        by=by,
        action="pack.finalised",
        obj=current,
        after={
            "board": f"{current.board.date:%Y-%m-%d}",
            "format": current.fmt,
            "snapshot": current.snapshot_id,
            "sha256": current.sha256,
        },
    )
    return current


def finalised_packs(meeting: Meeting) -> list[PackBuild]:
    """Return the packs finalised for a Board, newest first, one per format."""
    seen: dict[str, PackBuild] = {}
    for build in (
        PackBuild.objects.filter(board=meeting, finalised_at__isnull=False)
        .order_by("-finalised_at")
        .defer("content")
    ):
        seen.setdefault(build.fmt, build)
    return list(seen.values())
