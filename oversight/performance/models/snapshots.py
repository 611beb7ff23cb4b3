"""Frozen snapshots of the assessment of every measure and area, and overrides of their ratings.

A snapshot is made by ``services.create_snapshot`` as a draft. Once it has been presented (to
the Strategic Board) or published it is frozen: its row, its assessments and their overrides
cannot change, and the model, its querysets and the services all refuse to do so with
:class:`SnapshotFrozen`. The one change allowed to a frozen snapshot is the step from presented
to published. See docs/adr/0002-snapshots.md.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

# The one rating type is analysis.rag.Rating; it is re-exported for the apps above.
from oversight.analysis.rag import RATING_CHOICES
from oversight.analysis.rag import Rating as Rating
from oversight.plans.models import Measure


class SnapshotFrozen(Exception):
    """Raised on any attempt to change a presented or published snapshot or its contents."""


class Hold(models.TextChoices):
    NOT_READY = "not_ready", "Data not yet in"
    BREAK_REVIEW = "break_review", "Data break under review"


class SnapshotStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PRESENTED = "presented", "Presented"
    PUBLISHED = "published", "Published"


def _frozen(what: str) -> SnapshotFrozen:
    return SnapshotFrozen(
        f"{what}: a presented or published snapshot cannot change; assess again to make a new one."
    )


class SnapshotQuerySet(models.QuerySet):
    def frozen(self) -> SnapshotQuerySet:
        return self.exclude(status=SnapshotStatus.DRAFT)

    def update(self, **kwargs: Any) -> int:
        if self.frozen().exists():
            raise _frozen("update")
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        if self.frozen().exists():
            raise _frozen("delete")
        return super().delete()


# The only fields a frozen snapshot may change, and only from presented to published.
_PUBLISH_FIELDS = frozenset({"status", "published_at", "published_by_id"})


class Snapshot(models.Model):
    """The ratings of every active measure and area for one period, frozen once presented."""

    period = models.CharField(max_length=7, help_text="YYYY-MM")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="snapshots_created",
    )
    # sha256 of the canonical JSON of the whole record, overrides and notes included
    # (performance.record.canonical_record).
    content_hash = models.CharField(max_length=64, db_index=True)
    warehouse_batches = models.JSONField(default=list, blank=True)
    values_batches = models.JSONField(default=list, blank=True)
    status = models.CharField(
        max_length=20, choices=SnapshotStatus.choices, default=SnapshotStatus.DRAFT
    )
    presented_at = models.DateTimeField(null=True, blank=True)
    presented_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="snapshots_presented",
    )
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="snapshots_published",
    )
    note = models.TextField(blank=True)
    # The snapshot this one supersedes (the latest one before it was made).
    previous = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="successors"
    )
    # The plan, BCUs, themes and sources as they stood when the snapshot was made: with its
    # measures, cells and notes, everything its pages, packs and publications show.
    context = models.JSONField(default=dict, blank=True)

    objects = SnapshotQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        get_latest_by = ["created_at", "id"]
        constraints = [
            # What the Board was shown for a month is one snapshot, never two.
            models.UniqueConstraint(
                fields=["period"],
                condition=~models.Q(status="draft"),
                name="one_presented_snapshot_per_period",
            )
        ]

    def __str__(self) -> str:
        return f"Snapshot {self.pk} for {self.period} ({self.get_status_display()})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        stored = self._stored()
        if stored is not None and stored["status"] != SnapshotStatus.DRAFT:
            changed = {name for name, was in stored.items() if getattr(self, name) != was}
            publishing = (
                stored["status"] == SnapshotStatus.PRESENTED
                and self.status == SnapshotStatus.PUBLISHED
                and changed <= _PUBLISH_FIELDS
            )
            if changed and not publishing:
                raise _frozen(f"snapshot {self.pk}")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        stored = self._stored()
        if self.is_frozen or (stored is not None and stored["status"] != SnapshotStatus.DRAFT):
            raise _frozen(f"snapshot {self.pk}")
        return super().delete(*args, **kwargs)

    @property
    def is_frozen(self) -> bool:
        """Return whether the snapshot has been presented or published."""
        return self.status != SnapshotStatus.DRAFT

    @property
    def short_hash(self) -> str:
        return self.content_hash[:12]

    def _stored(self) -> dict[str, Any] | None:
        if self.pk is None:
            return None
        names = [f.attname for f in self._meta.concrete_fields]
        return type(self).objects.filter(pk=self.pk).values(*names).first()


class AssessmentQuerySet(models.QuerySet):
    def _touches_frozen(self) -> bool:
        return self.exclude(snapshot__status=SnapshotStatus.DRAFT).exists()

    def update(self, **kwargs: Any) -> int:
        if self._touches_frozen():
            raise _frozen("update of assessments")
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        if self._touches_frozen():
            raise _frozen("delete of assessments")
        return super().delete()

    def bulk_create(self, objs: Any, *args: Any, **kwargs: Any) -> list[Any]:
        objs = list(objs)
        ids = {o.snapshot_id for o in objs}
        if Snapshot.objects.filter(pk__in=ids).frozen().exists():
            raise _frozen("adding assessments")
        return super().bulk_create(objs, *args, **kwargs)

    def with_overrides(self) -> AssessmentQuerySet:
        """Return the assessments with their measures and overrides loaded."""
        return self.select_related("measure").prefetch_related("overrides__by")


class Assessment(models.Model):
    """One measure, area and breakdown as assessed for a snapshot's period; never edited."""

    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="assessments")
    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="assessments")
    area = models.CharField(max_length=40)
    breakdown = models.CharField(max_length=60, blank=True, default="")
    period = models.CharField(max_length=7)
    latest_period = models.CharField(max_length=7, blank=True)
    value = models.FloatField(null=True, blank=True, help_text="The latest value")
    rating = models.CharField(max_length=10, choices=RATING_CHOICES)
    reasons = models.JSONField(default=list)
    headline = models.TextField()
    # The headline in Welsh, worded from the same facts; "" in snapshots made before there was
    # one (the Welsh pages then show the English, marked as English).
    headline_cy = models.TextField(blank=True, default="")
    variation_icon = models.CharField(max_length=30, blank=True)
    assurance_icon = models.CharField(max_length=30, blank=True)
    compstat = models.JSONField(default=dict, blank=True)
    spc = models.JSONField(null=True, blank=True)
    n_points = models.PositiveIntegerField(default=0)
    unit = models.CharField(max_length=20)
    is_sample = models.BooleanField(default=False)
    # Why the rating was held at Grey before its chart was read (performance.readiness), and
    # the integrity findings that hold it.
    hold = models.CharField(max_length=20, choices=Hold.choices, blank=True, default="")
    held_by = models.JSONField(default=list, blank=True)
    # The months read, [[period, value, numerator, denominator], ...], so that pages and packs
    # draw from the snapshot alone; a survey measure's latest value with its 95% interval.
    series = models.JSONField(default=list, blank=True)
    interval = models.JSONField(null=True, blank=True)
    # sha256 of the row's canonical JSON, so that verification names a row that changed.
    digest = models.CharField(max_length=64, blank=True)
    order = models.PositiveIntegerField(default=0)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["snapshot", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "measure", "area", "breakdown"], name="one_assessment_per_cell"
            )
        ]

    def __str__(self) -> str:
        where = f"{self.area} {self.breakdown}".strip()
        return f"{self.measure_id} {where} {self.period}: {self.rating}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._snapshot_frozen():
            raise _frozen(f"assessment {self.pk}")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        if self._snapshot_frozen():
            raise _frozen(f"assessment {self.pk}")
        return super().delete(*args, **kwargs)

    def _snapshot_frozen(self) -> bool:
        status = (
            Snapshot.objects.filter(pk=self.snapshot_id).values_list("status", flat=True).first()
        )
        return status is not None and status != SnapshotStatus.DRAFT

    @property
    def latest_override(self) -> RatingOverride | None:
        """Return the override in force (the latest), or None."""
        overrides = sorted(self.overrides.all(), key=lambda o: (o.at, o.pk))
        return overrides[-1] if overrides else None

    @property
    def effective_rating(self) -> str:
        """Return the override's rating if there is one, else the assessed rating."""
        override = self.latest_override
        return override.rating if override is not None else self.rating

    @property
    def effective_rating_label(self) -> str:
        return Rating(self.effective_rating).label

    @property
    def where(self) -> str:
        """Return the area and breakdown in words: "force", "east (age:under-18)"."""
        return f"{self.area} ({self.breakdown})" if self.breakdown else self.area


class RatingOverrideQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        raise SnapshotFrozen("an override is never edited; record a new one instead")

    def delete(self) -> tuple[int, dict[str, int]]:
        if self.exclude(assessment__snapshot__status=SnapshotStatus.DRAFT).exists():
            raise _frozen("delete of overrides")
        return super().delete()


class RatingOverride(models.Model):
    """A manual rating with its justification; it supersedes, never edits, the assessment's."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="overrides")
    rating = models.CharField(max_length=10, choices=RATING_CHOICES)
    justification = models.TextField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    at = models.DateTimeField(default=timezone.now)

    objects = RatingOverrideQuerySet.as_manager()

    class Meta:
        ordering = ["assessment", "at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(justification=""), name="override_has_justification"
            )
        ]

    def __str__(self) -> str:
        return f"Override of {self.assessment_id} to {self.rating}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise SnapshotFrozen("an override is never edited; record a new one instead")
        if not self.justification.strip():
            raise ValueError("An override needs a justification.")
        status = (
            Snapshot.objects.filter(assessments=self.assessment_id)
            .values_list("status", flat=True)
            .first()
        )
        if status != SnapshotStatus.DRAFT:
            raise _frozen("override")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        if self.assessment.snapshot.is_frozen:
            raise _frozen("override")
        return super().delete(*args, **kwargs)
