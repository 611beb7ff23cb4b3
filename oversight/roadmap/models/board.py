"""The Joint Planning Board: its decisions, members and terms of reference."""

import datetime as dt

from django.conf import settings
from django.db import models

from oversight.accounts.models import Organisation


class BoardDecision(models.Model):
    """A decision the Board recorded, with its date (and the meeting, if it was at one)."""

    decided_on = models.DateField()
    summary = models.CharField(max_length=300)
    text = models.TextField(blank=True)
    # Joint Planning Board meetings are meeting records of the reporting cycle's app.
    meeting = models.ForeignKey(
        "meetings.Meeting",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="planning_board_decisions",
        limit_choices_to={"kind": "joint_planning_board"},
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_on", "-id"]

    def __str__(self) -> str:
        return f"{self.decided_on:%-d %B %Y}: {self.summary}"


class BoardMember(models.Model):
    """A member of the Joint Planning Board and the body they represent."""

    name = models.CharField(max_length=200)
    job_title = models.CharField(max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    active = models.BooleanField(default=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-active", "order", "name"]
        constraints = [models.UniqueConstraint(fields=["name"], name="board_member_name")]

    def __str__(self) -> str:
        return f"{self.name}, {self.job_title}" if self.job_title else self.name


class TermsOfReference(models.Model):
    """One version of the Board's terms of reference.

    The paper recommends that the Commissioner's Strategic Board approves them, so a version
    is drafted, *proposed* by a decision of a Joint Planning Board meeting, and *approved*
    only by a decision recorded at a Strategic Board meeting; both are meeting decisions.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PROPOSED = "proposed", "Proposed by the Joint Planning Board"
        APPROVED = "approved", "Approved by the Strategic Board"

    version = models.PositiveIntegerField(unique=True)
    text = models.TextField()
    # The public reads the approved version in Welsh or English (Welsh Language Standards).
    text_cy = models.TextField("text (Welsh)", blank=True, default="")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    proposed_by = models.ForeignKey(
        "meetings.Decision",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="terms_proposed",
        help_text="The Joint Planning Board's decision proposing this version",
    )
    approved_by = models.ForeignKey(
        "meetings.Decision",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="terms_approved",
        help_text="The Strategic Board's decision approving this version",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-version"]
        verbose_name_plural = "terms of reference"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    status="draft", proposed_by__isnull=True, approved_by__isnull=True
                )
                | models.Q(status="proposed", proposed_by__isnull=False, approved_by__isnull=True)
                | models.Q(status="approved", proposed_by__isnull=False, approved_by__isnull=False),
                name="tor_proposed_then_approved",
            )
        ]

    def __str__(self) -> str:
        return f"Terms of reference v{self.version} ({self.get_status_display().lower()})"

    @property
    def proposed_on(self) -> dt.date | None:
        """Return the date of the Joint Planning Board meeting that proposed this version."""
        return self.proposed_by.meeting.date if self.proposed_by_id else None

    @property
    def approved_on(self) -> dt.date | None:
        """Return the date of the Strategic Board meeting that approved this version."""
        return self.approved_by.meeting.date if self.approved_by_id else None
