"""Commentary on measures: the force's explanations, the Commissioner's team's scrutiny and
the force's answers, a thread per measure. What the Board saw is frozen into each presented
snapshot (``SnapshotNote``); the thread itself goes on."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from oversight.plans.models import Measure


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
        # The table keeps the name it had when the reports app owned it.
        db_table = "reports_commentary"
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
