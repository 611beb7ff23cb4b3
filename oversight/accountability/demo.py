"""The demo's accountability record: an escalated measure the Board answered, with actions and
the Commissioner's verdict; the force's response to the presented thematic review; verdicts on
each item. ``progress`` then moves the burglary item on (an action closed, the verdict raised)
between the demo's two publications.

The words are illustrative, written for the demonstration, and marked as sample where shown.
"""

from __future__ import annotations

import datetime as dt
from typing import TextIO

from django.db import transaction
from django.utils import timezone

from oversight.accountability import services
from oversight.accountability.models import FindingsResponse, Verdict
from oversight.accountability.record import CONSIDERED
from oversight.accounts.models import User
from oversight.meetings import services as meetings
from oversight.meetings.models import Action, Escalation, Meeting
from oversight.plans.models import Measure
from oversight.themes.models import ThematicReview

SAMPLE = "Sample: "
BURGLARY = "PUK02"
CONCERN = (
    "Burglary has run above its average for seven months, with the rise concentrated in "
    "Newport East."
)
BOARD_RESPONSE = (
    "The Board asked the Chief Constable for a burglary reduction plan, with Operation "
    "Harbour's results on repeat locations reported to the next JPMG."
)
ACTIONS = (
    ("Report Operation Harbour's results on repeat burglary locations", 10),
    ("Publish the burglary reduction plan with partners", 40),
)
VERDICTS = {
    "burglary": (
        "partly_assured",
        "The force has a credible plan for Newport East, but the results are not yet in and "
        "the rise in the West BCU has only just been explained.",
    ),
    "burglary_later": (
        "assured",
        "Operation Harbour's results show repeat burglaries at the targeted locations falling; "
        "the Commissioner will follow the published reduction plan through the JPMG.",
    ),
    "review": (
        "partly_assured",
        "The findings are sound and two of the recommendations are already under way; the "
        "Commissioner wants to see the West Gwent rota staffed before being fully assured.",
    ),
    "area": (
        "assured",
        "The Board's direction, a thematic review of anti-social behaviour, answers the "
        "concern; it is scheduled.",
    ),
}
FORCE_RESPONSE = (
    "The force accepts the findings and all three recommendations. The weekend follow-up rota "
    "is extended to West Gwent from next month, and repeat-victim lists now go to IDVAs monthly."
)


def _person(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def _burglary_escalation(opcc: User, force: User) -> Escalation | None:
    """Escalate the burglary measure at the last JPMG held, with the Board's answer, once."""
    found = Escalation.objects.filter(measure__code=BURGLARY, csb_response__gt="").first()
    if found is not None:
        return found
    measure = Measure.objects.filter(code=BURGLARY).first()
    today = timezone.localdate()
    jpmg = (
        Meeting.objects.filter(kind=Meeting.Kind.JPMG, date__lt=today, cycle__csb_date__lt=today)
        .order_by("-date")
        .first()
    )
    if measure is None or jpmg is None:
        return None
    escalation = meetings.raise_escalation(
        jpmg=jpmg, area="Force-wide", reason=SAMPLE + CONCERN, measure=measure, by=opcc
    )
    meetings.decide_escalation(
        escalation=escalation,
        accept=True,
        reason="Seven months above the mean; the Board should hear the force's plan.",
        by=opcc,
    )
    if escalation.csb is None:
        return None
    meetings.record_csb_response(escalation=escalation, response=SAMPLE + BOARD_RESPONSE, by=opcc)
    for title, days in ACTIONS:
        meetings.create_action(
            title=title,
            owner=force,
            owner_name="",
            due_date=escalation.csb.date + dt.timedelta(days=days),
            origin=Action.Origin.ESCALATION,
            origin_escalation=escalation,
            by=opcc,
        )
    first = escalation.actions.order_by("due_date").first()
    meetings.update_action(action=first, changes={"status": Action.Status.IN_PROGRESS}, by=force)
    return escalation


def _judge(key: str, which: str, opcc: User) -> None:
    verdict, reasons = VERDICTS[which]
    services.record_verdict(key=key, verdict=verdict, reasons=SAMPLE + reasons, by=opcc)


@transaction.atomic
def load(*, stdout: TextIO) -> None:
    """Give the record its demo items, responses and verdicts (safe to run again)."""
    opcc, force = _person("opcc"), _person("force")
    if opcc is None or force is None:
        stdout.write("Accountability record: no people to keep it.")
        return
    if Verdict.objects.exists():
        stdout.write(f"Accountability record: {Verdict.objects.count()} verdicts recorded.")
        return
    burglary = _burglary_escalation(opcc, force)
    if burglary is not None:
        _judge(f"escalation:{burglary.pk}", "burglary", opcc)
    area = Escalation.objects.filter(
        measure__isnull=True, status=Escalation.Status.ACCEPTED, csb_response__gt=""
    ).first()
    if area is not None:
        _judge(f"escalation:{area.pk}", "area", opcc)
    review = ThematicReview.objects.filter(status__in=CONSIDERED).order_by("pk").first()
    if review is not None:
        if not FindingsResponse.objects.filter(review=review).exists():
            services.respond_to_findings(review=review, text=SAMPLE + FORCE_RESPONSE, by=force)
        _judge(f"review:{review.pk}", "review", opcc)
    stdout.write(
        f"Accountability record: {Verdict.objects.count()} verdicts, "
        f"{FindingsResponse.objects.count()} force response to a review's findings."
    )


@transaction.atomic
def progress(*, stdout: TextIO) -> None:
    """Move the burglary item on: its first action closed, the verdict raised to Assured."""
    opcc, force = _person("opcc"), _person("force")
    burglary = Escalation.objects.filter(measure__code=BURGLARY, csb_response__gt="").first()
    if burglary is None or opcc is None or force is None:
        return
    first = burglary.actions.order_by("due_date").first()
    if first is not None and first.status != Action.Status.DONE:
        meetings.update_action(action=first, changes={"status": Action.Status.DONE}, by=force)
    latest = burglary.verdicts.order_by("-at", "-pk").first()
    if latest is None or latest.verdict != VERDICTS["burglary_later"][0]:
        _judge(f"escalation:{burglary.pk}", "burglary_later", opcc)
    stdout.write("Accountability record: the burglary escalation moved on (action closed).")
