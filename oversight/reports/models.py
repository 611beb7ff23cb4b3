"""Commentary on measures (the force's, and the Commissioner's team's scrutiny) and theme
narratives for the thematic drill-down."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from oversight.plans.models import Measure, Theme


class CommentaryKind(models.TextChoices):
    FORCE_COMMENTARY = "force_commentary", "Force commentary"
    SCRUTINY_QUESTION = "scrutiny_question", "Scrutiny question or note"
    ANSWER = "answer", "Answer"


class Commentary(models.Model):
    """One entry of a measure's commentary thread; answers point at their scrutiny question."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="commentary")
    snapshot = models.ForeignKey(
        "performance.Snapshot",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="commentary",
    )
    kind = models.CharField(max_length=20, choices=CommentaryKind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="answers"
    )
    text = models.TextField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["measure", "at", "id"]
        verbose_name_plural = "commentary"
        constraints = [
            models.CheckConstraint(condition=~models.Q(text=""), name="commentary_has_text"),
            models.CheckConstraint(
                condition=models.Q(kind="answer", parent__isnull=False)
                | (~models.Q(kind="answer") & models.Q(parent__isnull=True)),
                name="only_answers_have_parents",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.measure_id} by {self.by_id}"


class ThemeNarrative(models.Model):
    """The narrative findings and recommendations of a theme, as presented to the Board."""

    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="narratives")
    snapshot = models.ForeignKey(
        "performance.Snapshot",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="theme_narratives",
    )
    findings = models.TextField()
    recommendations = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["theme", "-at", "-id"]

    def __str__(self) -> str:
        return f"Narrative for {self.theme} ({self.at:%Y-%m-%d})"
