"""The Police and Crime Panel's questions and information requests, and their answers.

A Panel member asks about something the Panel can see: a figure or a theme of a published
publication, a public roadmap activity as a publication froze it, or a paper released to the
Panel. The words of what was asked about are kept as the member saw them (a publication never
changes, but a paper can be withdrawn). The Commissioner's team assigns the question, an
answer is drafted and saved, and a member of the team releases it to the Panel and, when they
choose, to the public. The stage a question is at is worked out from these fields
(`oversight.analysis.questions.stage`), never stored beside them.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from oversight.analysis import questions as rules
from oversight.publishing.models import PanelPaper, Publication


class QuestionQuerySet(models.QuerySet):
    def open(self) -> QuestionQuerySet:
        """Return the questions whose answer is not yet released, the earliest due first."""
        return self.filter(released_at__isnull=True).order_by("due_date", "asked_at", "pk")

    def overdue(self, today: dt.date) -> QuestionQuerySet:
        """Return the open questions whose due date is before `today`."""
        return self.open().filter(due_date__lt=today)

    def released(self) -> QuestionQuerySet:
        """Return the questions whose answer is released to the Panel, the latest first."""
        return self.filter(released_at__isnull=False).order_by("-released_at", "-pk")

    def public(self) -> QuestionQuerySet:
        """Return the questions whose answer is released to the public as well."""
        return self.released().filter(public=True)


class Question(models.Model):
    """A Panel member's question or information request, pinned to what the Panel can see."""

    class Kind(models.TextChoices):
        QUESTION = "question", "Question"
        INFORMATION_REQUEST = "information_request", "Information request"

    class Pin(models.TextChoices):
        """What a question is about: something published, or a paper released to the Panel."""

        FIGURE = "figure", "A published figure"
        THEME = "theme", "A published theme"
        ACTIVITY = "activity", "A public roadmap activity"
        PAPER = "paper", "A paper released to the Panel"

    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.QUESTION)
    text = models.TextField()
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="panel_questions"
    )
    asked_at = models.DateTimeField(default=timezone.now)
    # Fixed when asked, with the working days then set: a later change of setting moves no date.
    due_date = models.DateField(db_index=True)
    pin = models.CharField(max_length=20, choices=Pin.choices)
    publication = models.ForeignKey(
        Publication,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="panel_questions",
    )
    # The measure's code, the theme's slug or the activity's reference in the publication.
    pin_key = models.CharField(max_length=100, blank=True)
    paper = models.ForeignKey(
        PanelPaper, null=True, blank=True, on_delete=models.PROTECT, related_name="questions"
    )
    # What was asked about, in words, as the Panel member saw it.
    pin_label = models.CharField(max_length=300)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="panel_questions_assigned",
    )
    assigned_at = models.DateTimeField(null=True, blank=True)
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    released_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # Released to the public as well as to the Panel: an explicit choice, never the default.
    public = models.BooleanField(default=False)
    made_public_at = models.DateTimeField(null=True, blank=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "asked_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(public=False) | models.Q(released_at__isnull=False),
                name="question_public_only_once_released",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.pk}: {self.text[:60]}"

    @property
    def asked_on(self) -> dt.date:
        return timezone.localdate(self.asked_at)

    @property
    def released_on(self) -> dt.date | None:
        return timezone.localdate(self.released_at) if self.released_at else None

    @property
    def is_released(self) -> bool:
        return self.released_at is not None

    @property
    def stage(self) -> rules.Stage:
        return rules.stage(
            assigned=self.assigned_to_id is not None,
            drafted=bool(self.answer.strip()),
            released=self.is_released,
        )

    @property
    def stage_label(self) -> str:
        return rules.STAGE_LABELS[self.stage]

    def is_overdue(self, today: dt.date) -> bool:
        """Return True if the answer is not released and its due date is before `today`."""
        return rules.is_overdue(self.due_date, today, self.released_on)

    @property
    def answered_in_time(self) -> bool | None:
        return rules.answered_in_time(self.due_date, self.released_on)

    @property
    def public_pin_label(self) -> str:
        """Return what the question is about, as the public may read it.

        A Panel paper is the Panel's: the public is told only that the question is about one.
        """
        if self.pin == self.Pin.PAPER:
            return "A paper released to the Police and Crime Panel"
        return self.pin_label

    def pin_url(self, *, for_public: bool = False) -> str:
        """Return where the pinned item is read: its public page, or the Panel's paper."""
        number = self.publication.number if self.publication_id else None
        if self.pin == self.Pin.FIGURE and number:
            return reverse("publishing:measure", args=[number, self.pin_key])
        if self.pin == self.Pin.THEME and number:
            return reverse("publishing:themes", args=[number]) + f"#theme-{self.pin_key}"
        if self.pin == self.Pin.ACTIVITY and number:
            anchor = f"#activity-{slugify(self.pin_key)}"
            return reverse("publishing:roadmap", args=[number]) + anchor
        # A withdrawn paper is no longer the Panel's to open (and its bytes are not read here).
        if (
            self.pin == self.Pin.PAPER
            and self.paper_id
            and not for_public
            and PanelPaper.objects.released().filter(pk=self.paper_id).exists()
        ):
            return reverse("publishing:panel_paper", args=[self.paper_id])
        return ""
