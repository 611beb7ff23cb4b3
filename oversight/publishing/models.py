"""Publications (what the public and the Panel may read) and papers released to the Panel.

A publication is requested by the Commissioner's team for a frozen snapshot, with the roadmap
as it stands. Its content (plan, ratings, figures after disclosure control, themes, roadmap) is
built once, when it is requested, and never changes: the approver approves exactly what they
previewed, and the public pages read nothing else. Approval gives it its public number and the
record of what changed since the publication before it. See docs/adr/0005-publications.md.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from oversight.analysis.publication_changes import Changes
from oversight.performance.models import Snapshot


class PublicationFrozen(Exception):
    """Raised on any attempt to change a decided publication or any publication's content."""


class PublicationStatus(models.TextChoices):
    REQUESTED = "requested", "Awaiting approval"
    PUBLISHED = "published", "Published"
    REJECTED = "rejected", "Rejected"


# What approving or rejecting a request may set; everything else is fixed when requested.
_DECISION_FIELDS = frozenset(
    {
        "status", "number", "decided_by_id", "decided_at", "decision_note", "changes",
        "previous_id", "welsh_missing_reason",
    }
)  # fmt: skip


class PublicationQuerySet(models.QuerySet):
    def published(self) -> PublicationQuerySet:
        return self.filter(status=PublicationStatus.PUBLISHED, number__isnull=False)

    def update(self, **kwargs: Any) -> int:
        raise PublicationFrozen("publications change only through the publishing services")

    def delete(self) -> tuple[int, dict[str, int]]:
        if self.exclude(status=PublicationStatus.REQUESTED).exists():
            raise PublicationFrozen("a published or rejected publication is kept for the record")
        return super().delete()


class Publication(models.Model):
    """A frozen, disclosure-controlled publication of a snapshot and the roadmap."""

    number = models.PositiveIntegerField(
        null=True, blank=True, unique=True, help_text="Given on approval: Publication 1, 2, …"
    )
    snapshot = models.ForeignKey(Snapshot, on_delete=models.PROTECT, related_name="publications")
    period = models.CharField(max_length=7, help_text="The month of performance (YYYY-MM)")
    includes_roadmap = models.BooleanField(default=True)
    status = models.CharField(
        max_length=20, choices=PublicationStatus.choices, default=PublicationStatus.REQUESTED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="publications_requested",
    )
    requested_at = models.DateTimeField(default=timezone.now)
    request_note = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="publications_decided",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    # Why the approver published it with texts that have no Welsh version (Welsh Language
    # Standards: Welsh no less favourably than English); empty when nothing was missing.
    welsh_missing_reason = models.TextField(blank=True, default="")
    threshold = models.PositiveSmallIntegerField(
        help_text="Disclosure control: smallest count shown"
    )
    content = models.JSONField()
    # sha256 of the canonical JSON of the content, so a copy can be checked against the record.
    content_hash = models.CharField(max_length=64)
    changes = models.JSONField(default=dict, blank=True)
    previous = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="successors"
    )

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        if self.number:
            return f"Publication {self.number} ({self.period})"
        return f"Publication request {self.pk} ({self.period}, {self.get_status_display()})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            stored = (
                type(self)
                .objects.filter(pk=self.pk)
                .values(*(f.attname for f in self._meta.concrete_fields))
                .first()
            )
            if stored is not None:
                changed = {n for n, was in stored.items() if getattr(self, n) != was}
                deciding = (
                    stored["status"] == PublicationStatus.REQUESTED and changed <= _DECISION_FIELDS
                )
                if changed and not deciding:
                    raise PublicationFrozen(
                        f"{self}: a publication's content never changes, and a decided one "
                        "cannot change at all; request a new publication instead."
                    )
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        if self.status != PublicationStatus.REQUESTED:
            raise PublicationFrozen(f"{self} is kept for the record")
        return super().delete(*args, **kwargs)

    @property
    def published_at(self) -> Any:
        return self.decided_at if self.status == PublicationStatus.PUBLISHED else None

    @property
    def change_record(self) -> Changes:
        return Changes.from_dict(self.changes or {})


class PaperStatus(models.TextChoices):
    AWAITING_RELEASE = "awaiting_release", "Awaiting release"
    RELEASED = "released", "Released"
    WITHDRAWN = "withdrawn", "Withdrawn"


class PanelPaperQuerySet(models.QuerySet):
    def released(self) -> PanelPaperQuerySet:
        """Return the papers the Panel may read: released and not withdrawn."""
        return self.filter(status=PaperStatus.RELEASED)


class PanelPaper(models.Model):
    """A paper for the Police and Crime Panel, seen by the Panel only once released.

    An uploaded paper is released at once (the person uploading it releases it); a paper made
    from a publication is filed awaiting release, so that someone reads it before the Panel does.
    """

    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    meeting_date = models.DateField(null=True, blank=True, help_text="The Panel meeting it is for")
    file_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    # Papers are small and few; kept in the database so a backup of it holds everything.
    data = models.BinaryField()
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    status = models.CharField(
        max_length=20, choices=PaperStatus.choices, default=PaperStatus.AWAITING_RELEASE
    )
    # The publication a paper was made from; None for an uploaded paper.
    publication = models.ForeignKey(
        Publication,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="panel_papers",
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    filed_at = models.DateTimeField(default=timezone.now)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    released_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawal_reason = models.TextField(blank=True)

    objects = PanelPaperQuerySet.as_manager()

    class Meta:
        ordering = ["-filed_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_withdrawn(self) -> bool:
        return self.status == PaperStatus.WITHDRAWN

    @property
    def is_released(self) -> bool:
        return self.status == PaperStatus.RELEASED

    @property
    def is_awaiting_release(self) -> bool:
        return self.status == PaperStatus.AWAITING_RELEASE
