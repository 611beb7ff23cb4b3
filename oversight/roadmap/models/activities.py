"""Roadmap activities and their milestones."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from oversight.accounts.models import Organisation
from oversight.plans.models import Measure, Outcome, Plan, Priority
from oversight.roadmap.models.links import (
    AcademicWorkItem,
    EngagementItem,
    EqualityObjective,
    FinancialPlanLine,
    JusticeSystemAction,
    PartnerPlan,
    PolicingRequirementThreat,
    WellbeingObjective,
)

QUARTER = [MinValueValidator(1), MaxValueValidator(4)]


class Perspective(models.TextChoices):
    """Whose activity it is; the letter is shown beside the word on the matrix."""

    FORCE = "force", "Force"
    COMMISSIONER = "commissioner", "Commissioner"
    PARTNER = "partner", "Partner"

    @property
    def letter(self) -> str:
        return self.label[0]


class Status(models.TextChoices):
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    SLIPPED = "slipped", "Slipped"
    STOPPED = "stopped", "Stopped"


def quarter_label(year: int | None, quarter: int | None) -> str:
    """Return a plan quarter as people read it, e.g. "2026/27 Q2"."""
    if year is None or quarter is None:
        return ""
    return f"{year}/{str(year + 1)[-2:]} Q{quarter}"


def quarter_code(year: int | None, quarter: int | None) -> str:
    """Return a plan quarter as spreadsheets carry it, e.g. "2026Q2"."""
    if year is None or quarter is None:
        return ""
    return f"{year}Q{quarter}"


class Activity(models.Model):
    """Planned or current work towards a priority, from one perspective, over plan quarters."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="activities")
    ref = models.CharField(max_length=30, help_text="A stable code, e.g. RM-001")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    # Required for a well-formed activity; nullable so the alignment report can find the gap.
    priority = models.ForeignKey(
        Priority, null=True, blank=True, on_delete=models.PROTECT, related_name="activities"
    )
    perspective = models.CharField(max_length=20, choices=Perspective.choices)
    partner = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="roadmap_activities",
        help_text="Required when the perspective is a partner's",
    )
    lead = models.CharField(max_length=200, blank=True)
    start_year = models.PositiveIntegerField()
    start_quarter = models.PositiveSmallIntegerField(validators=QUARTER)
    end_year = models.PositiveIntegerField()
    end_quarter = models.PositiveSmallIntegerField(validators=QUARTER)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    outcomes = models.ManyToManyField(Outcome, blank=True, related_name="activities")
    measures = models.ManyToManyField(Measure, blank=True, related_name="activities")
    funding_line = models.ForeignKey(
        FinancialPlanLine,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
    )
    spr_threat = models.ForeignKey(
        PolicingRequirementThreat,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
    )
    partner_plan = models.ForeignKey(
        PartnerPlan, null=True, blank=True, on_delete=models.PROTECT, related_name="activities"
    )
    partner_committed_on = models.DateField(
        null=True,
        blank=True,
        help_text="When the partner committed to it in their own plan, if they have",
    )
    wellbeing_objective = models.ForeignKey(
        WellbeingObjective, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    equality_objective = models.ForeignKey(
        EqualityObjective, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    engagement_item = models.ForeignKey(
        EngagementItem, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    academic_item = models.ForeignKey(
        AcademicWorkItem, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    justice_action = models.ForeignKey(
        JusticeSystemAction, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    public = models.BooleanField(default=False, help_text="Shown to the public and the Panel")
    public_summary = models.TextField(blank=True, help_text="Plain English; required when public")
    public_summary_cy = models.TextField(
        "public summary (Welsh)", blank=True, default="", help_text="The summary in Welsh"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["plan", "ref"]
        verbose_name_plural = "activities"
        constraints = [
            models.UniqueConstraint(fields=["plan", "ref"], name="activity_ref"),
            models.CheckConstraint(
                condition=~models.Q(perspective="partner") | models.Q(partner__isnull=False),
                name="activity_partner_named",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.ref} {self.title}"

    @property
    def start_index(self) -> int:
        return self.start_year * 4 + self.start_quarter - 1

    @property
    def end_index(self) -> int:
        return self.end_year * 4 + self.end_quarter - 1

    @property
    def start_label(self) -> str:
        return quarter_label(self.start_year, self.start_quarter)

    @property
    def end_label(self) -> str:
        return quarter_label(self.end_year, self.end_quarter)

    @property
    def perspective_letter(self) -> str:
        return Perspective(self.perspective).letter

    @property
    def perspective_text(self) -> str:
        """Return the perspective as shown on the matrix: "Force" or "Partner: <name>"."""
        if self.perspective == Perspective.PARTNER and self.partner_id:
            return f"Partner: {self.partner.name}"
        return self.get_perspective_display()

    def spans(self, year: int, quarter: int | None = None) -> bool:
        """Return whether the activity runs in a plan year (or one quarter of it)."""
        if quarter is None:
            return self.start_year <= year <= self.end_year
        index = year * 4 + quarter - 1
        return self.start_index <= index <= self.end_index

    def problems(self) -> list[tuple[str, str]]:
        """Return (field, reason) for every rule this activity breaks; empty when well formed."""
        found: list[tuple[str, str]] = []
        if not self.ref.strip():
            found.append(("ref", "a ref is required"))
        if not self.title.strip():
            found.append(("title", "a title is required"))
        if self.perspective not in Perspective.values:
            found.append(
                ("perspective", f"{self.perspective!r} is not one of force, commissioner, partner")
            )
        elif self.perspective == Perspective.PARTNER and self.partner_id is None:
            found.append(("partner", "a partner activity must name the partner organisation"))
        elif self.perspective != Perspective.PARTNER and self.partner_id is not None:
            found.append(("partner", "only a partner activity names a partner organisation"))
        if self.status not in Status.values:
            found.append(("status", f"{self.status!r} is not a status"))
        plan = self.plan
        for field, year, quarter in (
            ("start", self.start_year, self.start_quarter),
            ("end", self.end_year, self.end_quarter),
        ):
            if quarter not in (1, 2, 3, 4):
                found.append((field, f"quarter {quarter} is not 1 to 4"))
            elif not plan.first_year <= year <= plan.last_year:
                found.append(
                    (
                        field,
                        f"{quarter_code(year, quarter)} is outside the plan "
                        f"({plan.first_year}Q1 to {plan.last_year}Q4)",
                    )
                )
        quarters_valid = self.start_quarter in (1, 2, 3, 4) and self.end_quarter in (1, 2, 3, 4)
        if quarters_valid and self.end_index < self.start_index:
            found.append(
                (
                    "end",
                    f"ends ({quarter_code(self.end_year, self.end_quarter)}) before it starts "
                    f"({quarter_code(self.start_year, self.start_quarter)})",
                )
            )
        if self.public and not self.public_summary.strip():
            found.append(("public_summary", "a public activity needs a plain-English summary"))
        return found


class ActivityFunding(models.Model):
    """What an activity is to spend (whole pounds) in one plan year, from its MTFP line."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="funding")
    year = models.PositiveIntegerField(help_text="The plan year, starting in April")
    amount = models.BigIntegerField(help_text="Whole pounds")

    class Meta:
        ordering = ["activity", "year"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "year"], name="activity_funding_year"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="activity_funding_gte0"),
        ]

    def __str__(self) -> str:
        return f"{self.activity.ref} {self.year}: £{self.amount:,}"


class Milestone(models.Model):
    """A point on an activity's way, due in a plan quarter or on a date."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=200)
    due_year = models.PositiveIntegerField(null=True, blank=True)
    due_quarter = models.PositiveSmallIntegerField(null=True, blank=True, validators=QUARTER)
    due_date = models.DateField(null=True, blank=True)
    done = models.BooleanField(default=False)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["activity", "order", "id"]

    def __str__(self) -> str:
        return f"{self.due_text}: {self.title}" if self.due_text else self.title

    @property
    def due_text(self) -> str:
        if self.due_date:
            return self.due_date.isoformat()
        return quarter_code(self.due_year, self.due_quarter)
