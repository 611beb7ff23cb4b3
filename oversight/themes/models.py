"""Thematic reviews for the Strategic Board and the Compstat concerns register (paper [3, 5-9])."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class ThematicReview(models.Model):
    """An in-depth review of one area, presented at a Strategic Board after the JPMG tests it."""

    class Origin(models.TextChoices):
        """Where a thematic review came from (paper [3, 6, 8, 9])."""

        INITIAL_PROGRAMME = "initial_programme", "Initial programme"
        COMMISSIONER = "commissioner", "Directed by the Commissioner"
        CHIEF_CONSTABLE = "chief_constable", "Directed by the Chief Constable"
        SIGNIFICANT_EVENT = "significant_event", "Significant event"
        PUBLIC_CONCERN = "public_concern", "Widespread public concern"
        COMPSTAT_CONCERN = "compstat_concern", "Compstat concern"
        JPMG_RECOMMENDATION = "jpmg_recommendation", "Recommended by the JPMG"

    class Status(models.TextChoices):
        """The lifecycle of a review, in order; the services hold the transitions between them."""

        PROPOSED = "proposed", "Proposed"
        SCHEDULED = "scheduled", "Scheduled"
        FINDINGS_DRAFTED = "findings_drafted", "Findings drafted"
        RIGOUR_TESTED = "rigour_tested", "Rigour tested"
        PRESENTED = "presented", "Presented"
        ACTIONS = "actions", "Actions under way"
        CLOSED = "closed", "Closed"

    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    origin = models.CharField(max_length=30, choices=Origin.choices)
    rationale = models.TextField(blank=True)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="thematic_reviews_led",
    )
    lead_name = models.CharField(max_length=200, blank=True)
    theme = models.ForeignKey(
        "plans.Theme",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="thematic_reviews",
    )
    measures = models.ManyToManyField("plans.Measure", blank=True, related_name="+")
    # The Board it goes to: a CSB meeting when one is planned, and always its date.
    board = models.ForeignKey(
        "meetings.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="thematic_reviews",
        limit_choices_to={"kind": "csb"},
    )
    board_date = models.DateField(null=True, blank=True, db_index=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PROPOSED)
    findings = models.TextField(blank=True)
    recommendations = models.TextField(blank=True)
    # What raised it: a Compstat concern, a JPMG escalation or recommendation, or a direction.
    raised_by_concern = models.ForeignKey(
        "Concern", null=True, blank=True, on_delete=models.SET_NULL, related_name="reviews"
    )
    raised_by_escalation = models.ForeignKey(
        "meetings.Escalation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="thematic_reviews",
    )
    recommended_at = models.ForeignKey(
        "meetings.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recommended_reviews",
        limit_choices_to={"kind": "jpmg"},
    )
    actions = models.ManyToManyField("meetings.Action", blank=True, related_name="thematic_reviews")
    presented_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["board_date", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def lead_display(self) -> str:
        """Return the lead's name: the user's, or the name given for someone without a login."""
        if self.lead is not None:
            return self.lead.display_name
        return self.lead_name or "No lead yet"

    @property
    def latest_rigour_test(self) -> RigourTest | None:
        """Return the most recent rigour test, or None."""
        return self.rigour_tests.order_by("-at", "-pk").first()

    @property
    def step(self) -> int:
        """Return the position of the status in the lifecycle, from 0."""
        return self.Status.values.index(self.status)


class RigourTest(models.Model):
    """The JPMG's test of a review's findings before they go to the Board (paper [3])."""

    class Outcome(models.TextChoices):
        PASSED = "passed", "Passed: refer to the Board"
        REFERRED_BACK = "referred_back", "Referred back for more work"

    review = models.ForeignKey(
        ThematicReview, on_delete=models.CASCADE, related_name="rigour_tests"
    )
    data_sources = models.TextField()
    trend_evidence = models.TextField()
    partner_views = models.TextField()
    limitations = models.TextField()
    jpmg = models.ForeignKey(
        "meetings.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rigour_tests",
        limit_choices_to={"kind": "jpmg"},
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    notes = models.TextField(blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["review", "at", "pk"]

    def __str__(self) -> str:
        return f"Rigour test of {self.review}: {self.get_outcome_display()}"


class Reschedule(models.Model):
    """A review moved from one Board to another, and why."""

    review = models.ForeignKey(ThematicReview, on_delete=models.CASCADE, related_name="reschedules")
    moved_from = models.DateField(null=True, blank=True)
    moved_to = models.DateField(null=True, blank=True)
    reason = models.TextField()
    # The urgent review whose insertion pushed this one on, if that is why it moved.
    displaced_by = models.ForeignKey(
        ThematicReview, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["review", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.review} moved from {self.moved_from} to {self.moved_to}"


class Concern(models.Model):
    """A concern or barrier to delivery from a partnership viewpoint, raised at Force Compstat."""

    class RaisedByRole(models.TextChoices):
        BCU_COMMANDER = "bcu_commander", "BCU commander"
        HEAD_OF_SERVICE = "head_of_service", "Head of service"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        FOLLOWING_UP = "following_up", "Following up with the partner"
        RESOLVED = "resolved", "Resolved"
        CLOSED = "closed", "Closed"

    raised_by_name = models.CharField(max_length=200)
    raised_by_role = models.CharField(max_length=20, choices=RaisedByRole.choices)
    bcu = models.ForeignKey(
        "plans.Bcu", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    service = models.CharField(max_length=200, blank=True)
    concern = models.TextField()
    barrier = models.TextField(blank=True)
    partner = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="concerns"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="concerns_owned",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    raised_at = models.ForeignKey(
        "meetings.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="concerns",
        limit_choices_to={"kind": "force_compstat"},
    )
    raised_on = models.DateField()
    resolved_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-raised_on", "-pk"]

    def __str__(self) -> str:
        return self.summary

    @property
    def summary(self) -> str:
        """Return the concern's first line, short enough for a table or a title."""
        first = self.concern.strip().splitlines()[0] if self.concern.strip() else ""
        return first if len(first) <= 100 else first[:97] + "..."

    @property
    def where(self) -> str:
        """Return the BCU or service the concern is about."""
        if self.bcu is not None:
            return self.bcu.name
        return self.service or "—"


class FollowUp(models.Model):
    """An action agreed with a partner organisation to follow a concern through."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"

    OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS)

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="follow_ups")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="follow_ups"
    )
    action = models.TextField()
    due_date = models.DateField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_date", "pk"]

    def __str__(self) -> str:
        return self.action[:80]

    @property
    def is_overdue(self) -> bool:
        """Return True if the due date has passed and the follow-up is still open."""
        return self.status in self.OPEN_STATUSES and self.due_date < timezone.localdate()


class FollowUpUpdate(models.Model):
    """A progress note on a follow-up, from the partner or the Commissioner's team."""

    follow_up = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="updates")
    text = models.TextField()
    status = models.CharField(max_length=20, choices=FollowUp.Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["follow_up", "at", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class ThemeNarrative(models.Model):
    """A theme's narrative findings and recommendations, written on its drill-down page."""

    theme = models.ForeignKey("plans.Theme", on_delete=models.CASCADE, related_name="narratives")
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
        # The table keeps the name it had when the reports app owned it.
        db_table = "reports_themenarrative"
        ordering = ["theme", "-at", "-id"]

    def __str__(self) -> str:
        return f"Narrative for {self.theme} ({self.at:%Y-%m-%d})"
