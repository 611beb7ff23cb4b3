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
    """One version of the Board's terms of reference: a draft, or approved by a decision."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        APPROVED = "approved", "Approved"

    version = models.PositiveIntegerField(unique=True)
    text = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    approved_by = models.ForeignKey(
        BoardDecision, null=True, blank=True, on_delete=models.PROTECT, related_name="approved"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-version"]
        verbose_name_plural = "terms of reference"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="draft", approved_by__isnull=True)
                | models.Q(status="approved", approved_by__isnull=False),
                name="tor_approved_by_decision",
            )
        ]

    def __str__(self) -> str:
        return f"Terms of reference v{self.version} ({self.get_status_display().lower()})"

    @property
    def approved_on(self) -> dt.date | None:
        """Return the date of the decision that approved this version, if approved."""
        return self.approved_by.decided_on if self.approved_by_id else None
