"""An activity's intended state, as forms and imports hand it to the services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import models

from oversight.accounts.models import Organisation
from oversight.analysis.alignment import year_label
from oversight.plans.models import Measure, Outcome, Plan, Priority
from oversight.roadmap.models import LINK_MODELS, Activity
from oversight.roadmap.models.activities import quarter_code

LINK_FIELDS = tuple(name for name, _, _ in LINK_MODELS)


@dataclass(frozen=True)
class MilestoneValues:
    """A milestone due in a plan quarter or on a date."""

    title: str
    due_year: int | None = None
    due_quarter: int | None = None
    due_date: dt.date | None = None
    done: bool = False

    @property
    def text(self) -> str:
        """Return the milestone as one spreadsheet cell entry: "2026Q2: Title [done]"."""
        due = (
            self.due_date.isoformat()
            if self.due_date
            else quarter_code(self.due_year, self.due_quarter)
        )
        return f"{due}: {self.title}{' [done]' if self.done else ''}"


@dataclass
class ActivityValues:
    """Every field and link of an activity, resolved to objects."""

    ref: str
    title: str
    perspective: str
    start_year: int
    start_quarter: int
    end_year: int
    end_quarter: int
    description: str = ""
    priority: Priority | None = None
    partner: Organisation | None = None
    lead: str = ""
    status: str = "planned"
    outcomes: list[Outcome] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    links: dict[str, models.Model | None] = field(default_factory=dict)
    public: bool = False
    public_summary: str = ""
    public_summary_cy: str = ""
    milestones: list[MilestoneValues] = field(default_factory=list)
    # What the activity is to spend from its financial-plan line: plan year -> whole pounds.
    funding: dict[int, int] = field(default_factory=dict)
    partner_committed_on: dt.date | None = None

    def scalar_fields(self) -> dict[str, object]:
        """Return the concrete (non-M2M) fields to set on an Activity."""
        values: dict[str, object] = {
            "ref": self.ref,
            "title": self.title,
            "description": self.description,
            "priority": self.priority,
            "perspective": self.perspective,
            "partner": self.partner,
            "lead": self.lead,
            "start_year": self.start_year,
            "start_quarter": self.start_quarter,
            "end_year": self.end_year,
            "end_quarter": self.end_quarter,
            "status": self.status,
            "public": self.public,
            "public_summary": self.public_summary,
            "public_summary_cy": self.public_summary_cy,
            "partner_committed_on": self.partner_committed_on,
        }
        for name in LINK_FIELDS:
            values[name] = self.links.get(name)
        return values

    def problems(self, plan: Plan) -> list[tuple[str, str]]:
        """Return (field, reason) for each rule these values break (see Activity.problems)."""
        activity = Activity(plan=plan, **self.scalar_fields())
        found = activity.problems()
        for m in self.milestones:
            if m.due_quarter is not None and m.due_quarter not in (1, 2, 3, 4):
                found.append(("milestones", f"{m.title!r}: quarter {m.due_quarter} is not 1 to 4"))
            if m.due_date is None and m.due_year is None:
                found.append(("milestones", f"{m.title!r} has no due quarter or date"))
        found.extend(("funding", reason) for reason in self.funding_problems())
        if self.partner_committed_on is not None and self.links.get("partner_plan") is None:
            found.append(
                ("partner_committed_on", "a commitment date needs the partner plan it is in")
            )
        return found

    def funding_problems(self) -> list[str]:
        """Return why the funding by year cannot stand, if it cannot."""
        found = []
        if any(self.funding.values()) and self.links.get("funding_line") is None:
            found.append("funding needs the Medium Term Financial Plan line it comes from")
        for year, amount in sorted(self.funding.items()):
            label = year_label(year)
            if amount < 0:
                found.append(f"{label}: an amount cannot be negative")
            if not self.start_year <= year <= self.end_year:
                found.append(f"{label}: the activity does not run in that plan year")
        return found


def values_of(activity: Activity) -> ActivityValues:
    """Return an existing activity's values (for forms that start from it)."""
    return ActivityValues(
        ref=activity.ref,
        title=activity.title,
        description=activity.description,
        priority=activity.priority,
        perspective=activity.perspective,
        partner=activity.partner,
        lead=activity.lead,
        start_year=activity.start_year,
        start_quarter=activity.start_quarter,
        end_year=activity.end_year,
        end_quarter=activity.end_quarter,
        status=activity.status,
        outcomes=list(activity.outcomes.all()),
        measures=list(activity.measures.all()),
        links={name: getattr(activity, name) for name in LINK_FIELDS},
        public=activity.public,
        public_summary=activity.public_summary,
        public_summary_cy=activity.public_summary_cy,
        milestones=[
            MilestoneValues(m.title, m.due_year, m.due_quarter, m.due_date, m.done)
            for m in activity.milestones.all()
        ],
        funding={f.year: f.amount for f in activity.funding.all()},
        partner_committed_on=activity.partner_committed_on,
    )
