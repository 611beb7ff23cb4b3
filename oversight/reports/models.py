"""Built packs, kept: a pack is built once for its inputs and served as a file after that.

A PDF pack takes seconds to print; building it in the request that asks for it ties up a worker
and builds it again for the next person. A ``PackBuild`` is keyed by everything the pack is
drawn from (the snapshot's content hash, its notes, the Board's meeting records, the theme and
the format), so the same inputs are built once, and a Board's finalised pack is kept as what the
Board was given.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class PackBuild(models.Model):
    """One pack in one format for one set of inputs: its progress, then its bytes."""

    class Status(models.TextChoices):
        BUILDING = "building", "Building"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    key = models.CharField(max_length=64, unique=True, help_text="sha256 of the pack's inputs")
    snapshot = models.ForeignKey(
        "performance.Snapshot", on_delete=models.CASCADE, related_name="pack_builds"
    )
    board = models.ForeignKey(
        "meetings.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pack_builds",
    )
    theme = models.SlugField(max_length=60, blank=True)
    fmt = models.CharField(max_length=5)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.BUILDING)
    step = models.CharField(max_length=200, blank=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    content = models.BinaryField(null=True, blank=True)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now)
    # Updated as the build moves on; a build whose heartbeat stops has died and is redone.
    heartbeat_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    finalised_at = models.DateTimeField(null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        what = (
            f"the Board of {self.board.date:%d %B %Y}"
            if self.board_id
            else f"snapshot {self.snapshot_id}"
        )
        return f"{self.fmt.upper()} pack for {what}"

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 0
