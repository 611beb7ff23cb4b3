"""What the accountability record adds to the meetings and themes: verdicts and responses.

The record itself is built from what already exists (escalations and the Board's responses,
actions, the measures' commentary and scrutiny, thematic reviews). Two things are its own: the
Commissioner's team's verdict on an item, and the force's response to a thematic review's
findings. Both are kept as a history, never edited: the latest entry is the one that counts,
and a publication freezes what was latest when it was requested.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from oversight.analysis.accountability import VERDICTS


class Verdict(models.Model):
    """The Commissioner's team's judgement on an escalation or a thematic review, with reasons."""

    class Choice(models.TextChoices):
        ASSURED = "assured", VERDICTS["assured"]
        PARTLY_ASSURED = "partly_assured", VERDICTS["partly_assured"]
        NOT_ASSURED = "not_assured", VERDICTS["not_assured"]

    escalation = models.ForeignKey(
        "meetings.Escalation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="verdicts",
    )
    review = models.ForeignKey(
        "themes.ThematicReview",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="verdicts",
    )
    verdict = models.CharField(max_length=20, choices=Choice.choices)
    reasons = models.TextField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(escalation__isnull=False, review__isnull=True)
                | models.Q(escalation__isnull=True, review__isnull=False),
                name="verdict_on_one_item",
            ),
            models.CheckConstraint(condition=~models.Q(reasons=""), name="verdict_has_reasons"),
        ]

    def __str__(self) -> str:
        return f"{self.get_verdict_display()} on {self.item_key}"

    @property
    def item_key(self) -> str:
        if self.escalation_id is not None:
            return f"escalation:{self.escalation_id}"
        return f"review:{self.review_id}"


class FindingsResponse(models.Model):
    """The force's response to a thematic review's findings and recommendations."""

    review = models.ForeignKey(
        "themes.ThematicReview", on_delete=models.PROTECT, related_name="force_responses"
    )
    text = models.TextField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(text=""), name="findings_response_has_text")
        ]

    def __str__(self) -> str:
        return f"Force response to {self.review_id} ({self.at:%Y-%m-%d})"
