"""The police.uk measures compared between forces: the plan's, or a default set without a plan.

A measure compares as a rate per 1,000 residents when it counts rows (statistic ``count`` or
``rate_per_1000``): the count of each force is summed from its counted rows
(``models.ForceCount``) as the measure's definition selects them (crime types, outcome
types or search outcomes). A proportion (a charge rate, say) is not a rate per resident; it is
listed as not compared, with that reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from oversight.analysis.police_uk_categories import CRIME_TYPES
from oversight.core.welsh import welsh_page
from oversight.data.aggregation import Definition
from oversight.plans.models import Measure, MeasureStatus, Plan, Source

ASB = "Anti-social behaviour"
PER_RESIDENT = ("count", "rate_per_1000")


@dataclass(frozen=True)
class ComparedMeasure:
    """A police.uk measure as peer comparison reads it."""

    code: str
    name: str
    dataset: str
    crime_types: tuple[str, ...] = ()
    outcomes: tuple[str, ...] = ()
    improvement: str = "down"
    name_cy: str = ""  # the plan's Welsh name ("" without one)

    def name_in_language(self) -> str:
        """Return the name in the active language: on a Welsh page the Welsh, if there is one."""
        return _in_language(self.name, self.name_cy)

    def selects(self, category: str, outcome: str) -> bool:
        """Return whether rows of this category and outcome count towards the measure."""
        if self.crime_types and category not in self.crime_types:
            return False
        return not self.outcomes or outcome in self.outcomes

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "name": self.name,
            "dataset": self.dataset,
            "crime_types": list(self.crime_types),
            "outcomes": list(self.outcomes),
        }


@dataclass(frozen=True)
class NotCompared:
    """A police.uk measure left out of the comparison, and why."""

    code: str
    name: str
    reason: str
    name_cy: str = ""

    def words(self) -> str:
        """Return "PUK10 Charge rate: its reason", the name in the active language."""
        return f"{self.code} {_in_language(self.name, self.name_cy)}: {self.reason}"


def _in_language(name: str, name_cy: str) -> str:
    return (name_cy or name) if welsh_page() else name


# Without a plan: all recorded crime, anti-social behaviour, and each crime type.
DEFAULT_MEASURES: tuple[ComparedMeasure, ...] = (
    ComparedMeasure(
        "all-crime",
        "All recorded crime (excluding anti-social behaviour)",
        "street",
        tuple(t for t in CRIME_TYPES if t != ASB),
    ),
    *(ComparedMeasure(t.lower().replace(" ", "-"), t, "street", (t,)) for t in CRIME_TYPES),
)


def plan_measures(plan: Plan | None) -> tuple[list[ComparedMeasure], list[NotCompared]]:
    """Return the plan's police.uk measures that compare per resident, and those that do not.

    Without a plan, the default set (all recorded crime, then each police.uk crime type).
    """
    if plan is None:
        return list(DEFAULT_MEASURES), []
    rows = Measure.objects.filter(plan=plan, source=Source.POLICE_UK).exclude(
        status=MeasureStatus.RETIRED
    )
    return split(rows.order_by("code"))


def split(measures: Iterable[Measure]) -> tuple[list[ComparedMeasure], list[NotCompared]]:
    """Return (compared, not compared with the reason) for plan measures."""
    compared, skipped = [], []
    for m in measures:
        try:
            definition = Definition.parse(m.police_uk or {})
        except ValueError as exc:
            skipped.append(
                NotCompared(
                    m.code,
                    m.name,
                    _("its police.uk definition: %(problem)s") % {"problem": exc},
                    m.name_cy,
                )
            )
            continue
        if definition.statistic not in PER_RESIDENT:
            skipped.append(
                NotCompared(
                    m.code,
                    m.name,
                    _("a proportion, not a rate per resident: forces are not compared on it here"),
                    m.name_cy,
                )
            )
            continue
        compared.append(
            ComparedMeasure(
                code=m.code,
                name=m.name,
                dataset=definition.dataset,
                crime_types=definition.crime_types,
                outcomes=definition.outcomes,
                improvement=m.improvement,
                name_cy=m.name_cy,
            )
        )
    return compared, skipped
