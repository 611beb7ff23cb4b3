"""What a roadmap activity links to: the MTFP, the SPR and partnership plans, each by code."""

import datetime as dt

from django.db import models

from oversight.accounts.models import Organisation
from oversight.plans.models import Plan


class LinkItem(models.Model):
    """An item of one of the plans the roadmap is aligned with, known by a short code.

    `version` counts the item's changes (the audit log holds what each one was), and
    `organisation` is whose item it is: a partner maintains only its own organisation's.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="+")
    code = models.CharField(max_length=30)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    order = models.PositiveIntegerField(default=0)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The organisation that owns this item; partners maintain their own",
    )
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


def _unique_code(name: str) -> list[models.UniqueConstraint]:
    return [models.UniqueConstraint(fields=["plan", "code"], name=name)]


class FinancialPlanLine(LinkItem):
    """A line of the Medium Term Financial Plan, with an amount per plan year."""

    class Meta(LinkItem.Meta):
        verbose_name = "Medium Term Financial Plan line"
        constraints = _unique_code("mtfp_line_code")

    def amount_for(self, year: int) -> int | None:
        """Return the amount for a plan year, or None if none is recorded."""
        for row in self.amounts.all():
            if row.year == year:
                return row.amount
        return None


class FinancialPlanAmount(models.Model):
    """The amount (whole pounds) of a financial-plan line in one plan year."""

    line = models.ForeignKey(FinancialPlanLine, on_delete=models.CASCADE, related_name="amounts")
    year = models.PositiveIntegerField(help_text="The plan year, starting in April")
    amount = models.BigIntegerField(help_text="Whole pounds")

    class Meta:
        ordering = ["line", "year"]
        constraints = [models.UniqueConstraint(fields=["line", "year"], name="mtfp_amount_year")]

    def __str__(self) -> str:
        return f"{self.line.code} {self.year}: £{self.amount:,}"


class PolicingRequirementThreat(LinkItem):
    """A threat named in the Strategic Policing Requirement (e.g. terrorism, cyber)."""

    class Meta(LinkItem.Meta):
        verbose_name = "Strategic Policing Requirement threat"
        constraints = _unique_code("spr_threat_code")


class PartnerPlan(LinkItem):
    """A partner's own plan the roadmap is aligned with, and the window of its planning cycle.

    A well-being plan, for example, is assessed, consulted on and published on its own
    timetable; an activity that needs the partner's commitment must have it before
    `commitments_close`, or wait for the next cycle.
    """

    class Kind(models.TextChoices):
        WELLBEING = "wellbeing", "Well-being plan (Public Services Board)"
        COMMUNITY_SAFETY = "community_safety", "Community safety plan"
        YOUTH_JUSTICE = "youth_justice", "Youth justice plan"
        HEALTH = "health", "Health plan"
        EQUALITY = "equality", "Equality plan"
        OTHER = "other", "Other partner plan"

    kind = models.CharField(max_length=30, choices=Kind.choices)
    assessment_date = models.DateField(
        null=True, blank=True, help_text="When the partner's needs assessment is published"
    )
    commitments_close = models.DateField(
        null=True, blank=True, help_text="The last date for commitments to reach this plan"
    )
    publication_date = models.DateField(
        null=True, blank=True, help_text="When the partner publishes the plan"
    )
    first_year = models.PositiveIntegerField(null=True, blank=True)
    last_year = models.PositiveIntegerField(null=True, blank=True)

    class Meta(LinkItem.Meta):
        verbose_name = "partner plan"
        constraints = _unique_code("partner_plan_code")

    @property
    def window_open(self) -> bool:
        """Return whether commitments can still reach this plan (True when no date is set)."""
        return self.commitments_close is None or self.commitments_close >= dt.date.today()


class WellbeingObjective(LinkItem):
    """An objective of a Single Integrated Plan (now a Well-being Plan)."""

    class Meta(LinkItem.Meta):
        verbose_name = "Well-being Plan objective"
        constraints = _unique_code("wellbeing_code")


class EqualityObjective(LinkItem):
    """An objective of an equality plan."""

    class Meta(LinkItem.Meta):
        constraints = _unique_code("equality_code")


class EngagementItem(LinkItem):
    """An item of the consultation and engagement programme."""

    class Meta(LinkItem.Meta):
        verbose_name = "consultation and engagement item"
        constraints = _unique_code("engagement_code")


class AcademicWorkItem(LinkItem):
    """An item of the academic work programme."""

    class Meta(LinkItem.Meta):
        verbose_name = "academic work programme item"
        constraints = _unique_code("academic_code")


class JusticeSystemAction(LinkItem):
    """An action needed in the criminal justice system generally."""

    class Meta(LinkItem.Meta):
        verbose_name = "criminal justice system action"
        constraints = _unique_code("justice_code")


# The activity field, spreadsheet column and label of each single link, in display order.
LINK_MODELS: tuple[tuple[str, type[LinkItem], str], ...] = (
    ("funding_line", FinancialPlanLine, "Medium Term Financial Plan line"),
    ("spr_threat", PolicingRequirementThreat, "Strategic Policing Requirement threat"),
    ("partner_plan", PartnerPlan, "Partner plan"),
    ("wellbeing_objective", WellbeingObjective, "Well-being Plan objective"),
    ("equality_objective", EqualityObjective, "Equality objective"),
    ("engagement_item", EngagementItem, "Consultation and engagement item"),
    ("academic_item", AcademicWorkItem, "Academic work programme item"),
    ("justice_action", JusticeSystemAction, "Criminal justice system action"),
)
