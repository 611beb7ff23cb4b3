"""Notifications, one row per person, and how each person wants them delivered."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Kind(models.TextChoices):
    """Every kind of notification; the apps that emit them name one of these."""

    PUBLICATION_AWAITING = "publication_awaiting", "Publication awaiting approval"
    PUBLICATION_APPROVED = "publication_approved", "Publication approved"
    PUBLICATION_REJECTED = "publication_rejected", "Publication rejected"
    FOLLOW_UP_ASSIGNED = "follow_up_assigned", "Follow-up assigned"
    DATA_BREAK = "data_break", "Integrity finding to decide"
    STEP_DUE = "step_due", "Cycle step due tomorrow"
    ACTION_DUE = "action_due", "Action due soon"
    ACTION_OVERDUE = "action_overdue", "Action overdue"
    QUESTION_ASKED = "question_asked", "Panel question asked"
    QUESTION_ASSIGNED = "question_assigned", "Panel question assigned"
    QUESTION_ANSWERED = "question_answered", "Panel question answered"
    QUESTION_OVERDUE = "question_overdue", "Panel question overdue"


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", "At once: an e-mail for each notification"
    DIGEST = "digest", "Daily digest: one e-mail a day of everything new"


class Notification(models.Model):
    """Something one person should know about, with a link to where to act on it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    subject = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    # A path on this site ("/themes/follow-ups/3/"); e-mails make it absolute with SITE_URL.
    url = models.CharField(max_length=500, blank=True)
    # Set by date-driven notifications ("action_overdue:12:2026-12-02") so that a job run twice
    # in a day notifies once; empty for notifications of an event, which happens once anyway.
    key = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"],
                condition=~models.Q(key=""),
                name="one_notification_per_user_and_key",
            )
        ]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.user_id}: {self.subject}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    @property
    def preview(self) -> str:
        """Return the body's first line, cut to fit a list."""
        first = self.body.strip().split("\n", 1)[0]
        return first if len(first) <= 140 else first[:139].rstrip() + "…"


class Preference(models.Model):
    """How one person wants their notifications e-mailed; no row means at once."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    delivery = models.CharField(max_length=20, choices=Delivery.choices, default=Delivery.IMMEDIATE)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.user_id}: {self.get_delivery_display()}"
