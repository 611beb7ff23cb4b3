"""The demo's thematic programme and Compstat concerns register.

Runs after the meetings demo. Plans the reporting cycles of the coming twelve months (so the
programme has its Boards), puts the themes of paper paragraph 6 on them (youth offending split
under and over 18), presents one at the last Board with its rigour test and actions, and
records two Compstat concerns with follow-ups agreed with Newport City Council, one proposed
as a theme. Safe to run again: what is already there is left alone.
"""

from __future__ import annotations

import datetime as dt
from typing import TextIO

from django.db import transaction
from django.utils import timezone

from oversight.accounts.models import Organisation, User
from oversight.analysis.cycle import WorkingCalendar, csb_dates_from_rule
from oversight.meetings import services as meetings
from oversight.meetings.demo import RULE
from oversight.meetings.models import Action, Meeting
from oversight.plans.models import Bcu, Plan, Theme
from oversight.themes import services
from oversight.themes.models import Concern, RigourTest, ThematicReview

S = ThematicReview.Status

# Paragraph 6's themes in programme order: (title, plan theme slug, description).
PROGRAMME = (
    ("Domestic violence", "domestic-abuse",
     "Repeat victimisation, risk assessment and the response to victims of domestic abuse."),
    ("Youth offending: under 18", "youth-offending",
     "First-time entrants, reoffending and diversion of children under 18."),
    ("Youth offending: 18 and over", "youth-offending",
     "Reoffending and the transition to adult services of young adults aged 18 to 24."),
    ("Response to anti-social behaviour", "anti-social-behaviour",
     "Levels of anti-social behaviour, repeat callers and the joint response with councils."),
    ("Victim satisfaction", "victim-satisfaction",
     "Satisfaction with the whole experience, keeping victims informed, and the gaps."),
    ("Older people", "older-people",
     "Crime against people aged 65 and over: fraud, distraction burglary and safeguarding."),
    ("Hate crime", "hate-crime",
     "Recorded hate crime, repeat victims, third-party reporting and victims' satisfaction."),
)  # fmt: skip

FINDINGS = (
    "Recorded domestic abuse is level over two years while repeat victimisation has fallen in "
    "East Gwent but not in West Gwent. Risk assessments are completed in 94% of cases; the "
    "gap is in follow-up contact within 24 hours at weekends."
)
RECOMMENDATIONS = (
    "Extend the weekend follow-up rota to West Gwent.\n"
    "Share repeat-victim lists with the independent domestic violence advisers monthly."
)
NEXT_FINDINGS = (
    "First-time entrants under 18 fell by a fifth over two years; reoffending within a year "
    "is flat. Diversion is used less in West Gwent than in East Gwent."
)
NEXT_RECS = "Agree one diversion panel process for both BCUs with the youth justice service."
CHECKLIST = {
    "data_sources": "Recorded crime (police.uk and force systems), DASH risk assessments, "
    "IDVA referrals; data to the end of last month.",
    "trend_evidence": "24 months of SPC charts by BCU; repeat victimisation a special-cause "
    "improvement in East Gwent only.",
    "partner_views": "Councils' and the health board's safeguarding leads agree the weekend gap.",
    "limitations": "Repeat victimisation depends on matching names across systems; small "
    "numbers by ward are not shown.",
}

CONCERNS = (
    {
        "raised_by_name": "Ch Supt East Gwent BCU commander",
        "raised_by_role": Concern.RaisedByRole.BCU_COMMANDER,
        "bcu": "east",
        "concern": "Council CCTV footage for anti-social behaviour cases takes weeks to obtain.",
        "barrier": "No agreed protocol for police requests to the council's CCTV control room.",
        "follow_up": "Agree a protocol: footage supplied within five working days of a request.",
        "days": 21,
        "update": "Draft protocol shared with the CCTV manager; sign-off at the next "
        "community safety partnership.",
    },
    {
        "raised_by_name": "Head of Public Protection",
        "raised_by_role": Concern.RaisedByRole.HEAD_OF_SERVICE,
        "service": "Public protection",
        "concern": "Referrals of older victims of fraud to council safeguarding get no feedback.",
        "barrier": "Adult safeguarding referrals are closed without telling the referring "
        "officer, so repeat victims are missed.",
        "follow_up": "Council to confirm the outcome of each safeguarding referral to the force "
        "within 28 days.",
        "days": 35,
        "update": "",
        "propose": True,
    },
)


def _person(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def _boards(today: dt.date, by: User | None) -> list[Meeting]:
    """Return the coming twelve months of Boards, planning the cycles that are missing."""
    calendar = WorkingCalendar()
    dates = csb_dates_from_rule(RULE, today, today + dt.timedelta(days=365), calendar)
    meetings.create_cycles(csb_dates=dates, calendar=calendar, by=by)
    return list(
        Meeting.objects.filter(
            kind=Meeting.Kind.CSB, date__gte=today, date__lte=today + dt.timedelta(days=365)
        ).order_by("date")
    )


def _presented(review: ThematicReview, board: Meeting, force: User | None, by: User | None) -> int:
    """Take the first review through to the Board and its actions, once."""
    if review.status == S.PROPOSED:
        services.schedule(review=review, board=board, by=by)
    if review.status == S.SCHEDULED:
        services.draft_findings(
            review=review, findings=FINDINGS, recommendations=RECOMMENDATIONS, by=force
        )
    jpmg = Meeting.objects.filter(cycle=board.cycle, kind=Meeting.Kind.JPMG).first()
    if review.status == S.FINDINGS_DRAFTED and jpmg is not None:
        services.record_rigour_test(
            review=review, jpmg=jpmg, outcome=RigourTest.Outcome.PASSED, by=by, **CHECKLIST
        )
    if review.status == S.RIGOUR_TESTED:
        services.advance(review=review, to=S.PRESENTED, by=force)
    added = 0
    if review.status == S.PRESENTED:
        rows = (
            ("Extend the weekend domestic abuse follow-up rota to West Gwent", force,
             board.date + dt.timedelta(days=60), Action.Status.IN_PROGRESS),
            ("Share repeat-victim lists with IDVAs monthly", force,
             board.date + dt.timedelta(days=14), Action.Status.DONE),
        )  # fmt: skip
        for title, owner, due, status in rows:
            action = services.add_action(
                review=review,
                title=title,
                owner=owner,
                owner_name="" if owner else "Deputy Chief Constable",
                due_date=due,
                by=by,
            )
            if status != Action.Status.OPEN:
                meetings.update_action(action=action, changes={"status": status}, by=by)
            added += 1
        services.advance(review=review, to=S.ACTIONS, by=by)
    return added


def _concerns(plan: Plan | None, today: dt.date, by: User | None) -> int:
    """Record the demo's concerns and follow-ups with Newport City Council, once."""
    partner_org = Organisation.objects.filter(slug="newport-council").first()
    if partner_org is None:
        return 0
    compstat = (
        Meeting.objects.filter(kind=Meeting.Kind.FORCE_COMPSTAT, date__lt=today)
        .order_by("-date")
        .first()
    )
    partner = User.objects.filter(organisation=partner_org, role="partner").first()
    added = 0
    for row in CONCERNS:
        if Concern.objects.filter(concern=row["concern"]).exists():
            continue
        bcu = Bcu.objects.filter(plan=plan, code=row.get("bcu", "")).first() if plan else None
        concern = services.raise_concern(
            raised_by_name=row["raised_by_name"],
            raised_by_role=row["raised_by_role"],
            bcu=bcu,
            service=row.get("service", "" if bcu else "Neighbourhood policing"),
            concern=row["concern"],
            barrier=row["barrier"],
            partner=partner_org,
            owner=by,
            raised_at=compstat,
            by=by,
        )
        follow_up = services.add_follow_up(
            concern=concern,
            action=row["follow_up"],
            due_date=today + dt.timedelta(days=row["days"]),
            by=by,
        )
        if row["update"] and partner is not None:
            services.update_follow_up(
                follow_up=follow_up, text=row["update"], status="in_progress", by=partner
            )
        if row.get("propose"):
            services.propose_as_theme(
                concern=concern,
                title="Safeguarding referrals of older victims of fraud",
                by=by,
            )
        added += 1
    return added


@transaction.atomic
def load(*, stdout: TextIO) -> None:
    """Load the thematic programme and the concerns register (safe to run again)."""
    today = timezone.localdate()
    by, force = _person("opcc"), _person("force")
    plan = Plan.objects.order_by("pk").first()
    boards = _boards(today, by)
    past = Meeting.objects.filter(kind=Meeting.Kind.CSB, date__lt=today).order_by("-date").first()
    themes = {t.slug: t for t in Theme.objects.filter(plan=plan)} if plan else {}
    made = actions = 0
    upcoming = iter(boards)
    for index, (title, slug, description) in enumerate(PROGRAMME):
        review = ThematicReview.objects.filter(
            title=title, origin=ThematicReview.Origin.INITIAL_PROGRAMME
        ).first()
        # The first theme was for the last Board; the others take the coming Boards in turn.
        board = past if index == 0 else next(upcoming, None)
        if review is None:
            theme = themes.get(slug)
            review = services.propose_review(
                title=title,
                origin=ThematicReview.Origin.INITIAL_PROGRAMME,
                description=description,
                rationale="One of the themes suggested in the Board paper of 2 August 2013.",
                lead=force,
                lead_name="" if force else "Deputy Chief Constable",
                theme=theme,
                measures=theme.measures.all() if theme else (),
                by=by,
            )
            made += 1
        if board is None:
            continue
        if index == 0:
            actions += _presented(review, board, force, by)
        elif review.status == S.PROPOSED:
            services.schedule(review=review, board=board, by=by)
            if index == 1:
                # The next Board's theme has its findings drafted, awaiting the JPMG's test.
                services.draft_findings(
                    review=review, findings=NEXT_FINDINGS, recommendations=NEXT_RECS, by=force
                )
    concerns = _concerns(plan, today, by)
    stdout.write(
        f"Thematic programme: {ThematicReview.objects.count()} reviews ({made} new) over "
        f"{len(boards)} coming Boards; {actions} new actions; {concerns} new Compstat concerns."
    )
