"""What a snapshot froze beside its assessments: each measure as assessed, and the notes shown.

A snapshot is the record of what the Board was shown (docs/adr/0007-snapshot-record.md). Its
measures' definitions are frozen when it is made; the force's commentary, the Commissioner's
team's scrutiny and the theme findings are frozen when it is presented. Neither is ever edited,
and both are covered by the snapshot's content hash.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from oversight.performance.models.snapshots import Snapshot, SnapshotStatus, _frozen
from oversight.plans.models import Measure


class RecordQuerySet(models.QuerySet):
    """Rows of a frozen snapshot's record refuse to change, like its assessments."""

    def _touches_frozen(self) -> bool:
        return self.exclude(snapshot__status=SnapshotStatus.DRAFT).exists()

    def update(self, **kwargs: Any) -> int:
        if self._touches_frozen():
            raise _frozen("update of a snapshot's record")
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        if self._touches_frozen():
            raise _frozen("delete of a snapshot's record")
        return super().delete()


class _Frozen(models.Model):
    """Saving or deleting one row of a presented snapshot's record is refused."""

    objects = RecordQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and self._frozen_snapshot():
            raise _frozen(f"{self._meta.verbose_name} {self.pk}")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        if self._frozen_snapshot():
            raise _frozen(f"{self._meta.verbose_name} {self.pk}")
        return super().delete(*args, **kwargs)

    def _frozen_snapshot(self) -> bool:
        status = (
            Snapshot.objects.filter(pk=self.snapshot_id).values_list("status", flat=True).first()
        )
        return status is not None and status != SnapshotStatus.DRAFT


class SnapshotMeasure(_Frozen):
    """A measure's definition as it was assessed for the snapshot (its name, unit, target...)."""

    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="measures")
    # The live measure, for links and history only; what is shown comes from `definition`.
    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="frozen")
    code = models.CharField(max_length=30)
    order = models.PositiveIntegerField(default=0)
    definition = models.JSONField()

    class Meta:
        ordering = ["snapshot", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["snapshot", "code"], name="one_definition_a_measure")
        ]

    def __str__(self) -> str:
        return f"{self.code} as assessed in snapshot {self.snapshot_id}"


class NoteKind(models.TextChoices):
    FORCE_COMMENTARY = "force_commentary", "Force commentary"
    SCRUTINY_QUESTION = "scrutiny_question", "Scrutiny question or note"
    ANSWER = "answer", "Answer"
    THEME_FINDINGS = "theme_findings", "Theme findings"


class SnapshotNote(_Frozen):
    """A note as the Board was shown it: commentary, scrutiny, or a theme's findings."""

    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(max_length=20, choices=NoteKind.choices)
    measure_code = models.CharField(max_length=30, blank=True)
    theme_slug = models.SlugField(max_length=60, blank=True)
    text = models.TextField()
    # A theme's recommendations beside its findings; blank for other kinds.
    recommendations = models.TextField(blank=True)
    by_name = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField()
    # Where it was copied from (a commentary entry or a thematic review), for the record.
    source = models.CharField(max_length=60, blank=True)

    class Meta:
        ordering = ["snapshot", "kind", "measure_code", "theme_slug", "at", "id"]

    def __str__(self) -> str:
        about = self.measure_code or self.theme_slug
        return f"{self.get_kind_display()} on {about} in snapshot {self.snapshot_id}"
