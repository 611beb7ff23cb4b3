"""What a roadmap activity links to: the MTFP, the SPR and partnership plans, each by code."""

from django.db import models

from oversight.plans.models import Plan


class LinkItem(models.Model):
    """An item of one of the plans the roadmap is aligned with, known by a short code."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="+")
    code = models.CharField(max_length=30)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    order = models.PositiveIntegerField(default=0)

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
    ("wellbeing_objective", WellbeingObjective, "Well-being Plan objective"),
    ("equality_objective", EqualityObjective, "Equality objective"),
    ("engagement_item", EngagementItem, "Consultation and engagement item"),
    ("academic_item", AcademicWorkItem, "Academic work programme item"),
    ("justice_action", JusticeSystemAction, "Criminal justice system action"),
)
