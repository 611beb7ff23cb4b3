"""Whether a period can be rated for a measure and area: its data are in, and no break is open.

Two things hold a rating at Grey whatever the chart shows:

- **Not ready.** Each measure needs its sources for the period: the police.uk file of its
  dataset for the plan's force (known from the months the last measures refresh read,
  ``data.SourceMonth``), or, for a force-supplied measure, a value for that area and breakdown.
  A month not yet in is never read as "no change": no Compstat window, SPC signal or rating
  change is derived from it.
- **Data break under review.** An open finding of the integrity monitor (a break or an
  outcome-mix shift) that touches the measure, in the months its chart covers, holds an SPC
  rating until someone decides "real change" or "recording change" (``data.breaks.decide``).
  A rating on the target alone is not held.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Max

from oversight.analysis.language import Sentence, gettext_noop
from oversight.analysis.periods import add_months
from oversight.analysis.rag import RagRule
from oversight.data.breaks import touches
from oversight.data.models import Decision, Finding, FindingKind, Observation, SourceMonth
from oversight.plans.models import Measure, Plan, Source

NOT_READY = "not_ready"
BREAK_REVIEW = "break_review"
# A finding's kind as a hold's reason says it (its label, in lower case), for the catalogue.
KIND_WORDS = {
    FindingKind.BREAK: gettext_noop("data break"),
    FindingKind.OUTCOME_MIX: gettext_noop("outcome-mix shift"),
}


@dataclass(frozen=True)
class Hold:
    """Why a cell is rated Grey before its chart is read."""

    kind: str  # NOT_READY or BREAK_REVIEW
    reason: str  # a language.Sentence, so the Welsh headline can word it again
    findings: tuple[int, ...] = ()
    periods: tuple[str, ...] = ()  # the months of the findings


def police_uk_source(measure: Measure) -> str:
    """Return the police.uk dataset a measure is computed from ("street", ...)."""
    return str((measure.police_uk or {}).get("dataset", ""))


def latest_data_period() -> str | None:
    """Return the latest month of any data: a value or a police.uk file read by a refresh."""
    latest = [
        Observation.objects.aggregate(p=Max("period"))["p"],
        SourceMonth.objects.aggregate(p=Max("period"))["p"],
    ]
    found = [p for p in latest if p]
    return max(found) if found else None


class Readiness:
    """The sources and open findings that bear on one period's assessment."""

    def __init__(self, period: str, measures: Sequence[Measure], *, chart_months: int) -> None:
        self.period = period
        self.first_charted = add_months(period, -(chart_months - 1))
        self.slugs = dict(Plan.objects.values_list("pk", "force_slug"))
        self.held = set(SourceMonth.objects.filter(period=period).values_list("dataset", "force"))
        self.open_findings: dict[str, list[Finding]] = defaultdict(list)
        for f in Finding.objects.filter(
            decision=Decision.OPEN,
            still_detected=True,
            period__gte=add_months(self.first_charted, 1),
            period__lte=period,
        ).exclude(kind=FindingKind.REVISION):
            self.open_findings[f.force].append(f)

    def source_hold(self, measure: Measure, *, area_words: str, has_value: bool) -> Hold | None:
        """Return a not-ready hold when the measure's source for the period is not in."""
        if measure.source == Source.POLICE_UK:
            dataset = police_uk_source(measure)
            force = self.slugs.get(measure.plan_id, "")
            if (dataset, force) not in self.held:
                reason = Sentence(
                    gettext_noop("police.uk %(dataset)s data for %(period)s not yet imported"),
                    dataset=dataset,
                    period=self.period,
                )
                return Hold(NOT_READY, reason)
            return None
        if not has_value:
            reason = Sentence(
                gettext_noop("no force-supplied value for %(period)s yet (%(area)s)"),
                period=self.period,
                area=area_words,
            )
            return Hold(NOT_READY, reason)
        return None

    def break_hold(self, measure: Measure, *, area: str) -> Hold | None:
        """Return a hold when an open finding in the charted months touches the cell."""
        rule = RagRule.from_dict(measure.rag_rule or {})
        if not rule.uses_spc:
            return None
        force = self.slugs.get(measure.plan_id, "")
        found = [f for f in self.open_findings.get(force, []) if touches(f, measure, force, area)]
        if not found:
            return None
        first = found[0]
        kind = KIND_WORDS.get(first.kind)
        values = {
            "kind": Sentence(kind) if kind else first.get_kind_display().lower(),
            "dataset": first.dataset,
            "period": first.period,
        }
        # The finding's own page gives the series and levels; the reason says what and when.
        if len(found) > 1:
            reason = Sentence(
                gettext_noop(
                    "data break under review — %(kind)s in the police.uk %(dataset)s data at "
                    "%(period)s and %(more)s more; the Chief Constable's team decides whether "
                    "it is a real change or a recording change before this series is rated"
                ),
                more=len(found) - 1,
                **values,
            )
        else:
            reason = Sentence(
                gettext_noop(
                    "data break under review — %(kind)s in the police.uk %(dataset)s data at "
                    "%(period)s; the Chief Constable's team decides whether it is a real "
                    "change or a recording change before this series is rated"
                ),
                **values,
            )
        return Hold(
            BREAK_REVIEW,
            reason,
            tuple(f.pk for f in found),
            tuple(sorted({f.period for f in found})),
        )
