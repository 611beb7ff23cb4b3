# ruff: noqa: E501 - demo data reads better one record a line
"""The demo's roadmap: a four-year roadmap for the demo plan, with gaps the Board should see.

Safe to run again: catalogues and activities are found by code and ref and left as they are.
The planted gaps: priority P5 has no activity (so an empty year in each plan year), RM-006
has no funding line, MTFP line MTFP-06 funds nothing, MTFP-03 is over-committed in 2025/26,
the civil emergencies threat and criminal justice action CJ-03 are not addressed, RM-007 slipped, RM-002 still needs the Public
Services Board's commitment before the well-being plan's window closes, and the youth justice
plan's window closed without RM-007's commitment. Partner plans' windows are dated from the
day the demo is loaded, so they are always current.
"""

from __future__ import annotations

import datetime as dt
from typing import TextIO

from django.db import transaction
from django.utils import timezone

from oversight.accounts.models import Organisation
from oversight.accounts.services import ensure_organisation
from oversight.meetings import services as meeting_services
from oversight.meetings.models import Attendee, Meeting
from oversight.plans.models import Measure, Outcome, Plan, Priority
from oversight.roadmap import services
from oversight.roadmap.models import (
    AcademicWorkItem,
    Activity,
    EngagementItem,
    EqualityObjective,
    FinancialPlanLine,
    JusticeSystemAction,
    PartnerPlan,
    PolicingRequirementThreat,
    TermsOfReference,
    WellbeingObjective,
)
from oversight.roadmap.values import ActivityValues, MilestoneValues

ORGANISATIONS = (
    ("Gwent Police", "gwent-police", Organisation.Kind.FORCE),
    ("Office of the Police and Crime Commissioner for Gwent", "opcc-gwent", Organisation.Kind.OPCC),
    ("Newport City Council", "newport-council", Organisation.Kind.COUNCIL),
    ("Aneurin Bevan University Health Board", "abuhb", Organisation.Kind.HEALTH),
    ("Gwent Youth Justice Service", "gwent-yjs", Organisation.Kind.YOUTH_JUSTICE),
    ("Probation Service in Wales", "probation-wales", Organisation.Kind.PROBATION),
    ("Gwent Public Services Board", "gwent-psb", Organisation.Kind.OTHER),
)

# Partners' own plans: code, title, kind, owner, and their window as days from the day the
# demo is loaded (assessment published, commitments close, plan published), then plan years.
PARTNER_PLANS = (
    ("PP-WB", "Gwent Well-being Plan 2028-33", PartnerPlan.Kind.WELLBEING, "gwent-psb", (-60, 45, 150), (2028, 2032)),
    ("PP-CS", "Newport Community Safety Partnership plan", PartnerPlan.Kind.COMMUNITY_SAFETY, "newport-council", (-200, -90, -30), (2025, 2027)),
    ("PP-YJ", "Gwent Youth Justice Plan", PartnerPlan.Kind.YOUTH_JUSTICE, "gwent-yjs", (-120, -20, 40), (2026, 2026)),
    ("PP-HB", "Aneurin Bevan integrated medium term plan", PartnerPlan.Kind.HEALTH, "abuhb", (-30, 75, 120), (2026, 2028)),
    ("PP-EQ", "Commissioner's Strategic Equality Plan", PartnerPlan.Kind.EQUALITY, "opcc-gwent", (-300, -240, -210), (2024, 2028)),
)  # fmt: skip

# What each activity is to spend from its MTFP line, in £ for each plan year it runs.
# MTFP-03 (£1,150,000 in 2025/26) is over-committed by RM-007 and RM-008 in that year.
FUNDING = {
    "RM-001": {2025: 38_000_000, 2026: 39_000_000, 2027: 40_000_000, 2028: 41_000_000},
    "RM-002": {2025: 250_000, 2026: 300_000},
    "RM-003": {2025: 180_000},
    "RM-004": {2025: 2_100_000, 2026: 2_300_000, 2027: 2_400_000},
    "RM-005": {2025: 90_000, 2026: 60_000},
    "RM-007": {2025: 700_000, 2026: 450_000},
    "RM-008": {2025: 600_000, 2026: 620_000, 2027: 640_000, 2028: 660_000},
    "RM-009": {2025: 400_000, 2026: 420_000, 2027: 210_000},
    "RM-010": {2025: 1_800_000, 2026: 1_900_000},
    "RM-011": {2025: 1_200_000, 2026: 1_250_000, 2027: 1_300_000, 2028: 1_350_000},
    "RM-012": {2025: 1_600_000, 2026: 1_650_000, 2027: 1_700_000, 2028: 1_750_000},
    "RM-013": {2025: 45_000, 2026: 45_000, 2027: 50_000, 2028: 50_000},
}

# Activity ref -> (partner plan code, committed days from load, or None: not yet).
PARTNER_LINKS = {
    "RM-002": ("PP-WB", None),
    "RM-006": ("PP-HB", None),
    "RM-007": ("PP-YJ", None),
    "RM-009": ("PP-CS", -100),
    "RM-005": ("PP-EQ", -250),
}

# Medium Term Financial Plan lines: code, title, amount (£) in each of the four plan years.
MTFP = (
    ("MTFP-01", "Neighbourhood policing", (41_200_000, 41_900_000, 42_600_000, 43_300_000)),
    ("MTFP-02", "Public protection and safeguarding", (12_400_000, 12_800_000, 13_100_000, 13_500_000)),
    ("MTFP-03", "Commissioner's youth and offender grants", (1_150_000, 1_150_000, 1_100_000, 1_100_000)),
    ("MTFP-04", "Victim services commissioning", (2_300_000, 2_350_000, 2_400_000, 2_450_000)),
    ("MTFP-05", "Digital policing and cyber", (3_600_000, 3_900_000, 4_100_000, 4_200_000)),
    ("MTFP-06", "Estates rationalisation", (900_000, 1_400_000, 600_000, 300_000)),
)  # fmt: skip

SPR = (
    ("SPR-TER", "Terrorism"),
    ("SPR-SOC", "Serious and organised crime"),
    ("SPR-CYB", "A national cyber incident"),
    ("SPR-POR", "Threats to public order"),
    ("SPR-CIV", "Civil emergencies"),
    ("SPR-CSA", "Child sexual abuse"),
    ("SPR-VAWG", "Violence against women and girls"),
)

CATALOGUES = (
    (WellbeingObjective, "WB-01", "Safe and cohesive communities (Gwent Well-being Plan)"),
    (WellbeingObjective, "WB-02", "Give every child the best start in life"),
    (EqualityObjective, "EQ-01", "Raise the confidence of minority communities to report hate crime"),
    (EngagementItem, "ENG-01", "Annual consultation on the police budget and plan"),
    (EngagementItem, "ENG-02", "Neighbourhood priority-setting meetings"),
    (AcademicWorkItem, "AC-01", "University evaluation of youth diversion"),
    (JusticeSystemAction, "CJ-01", "Faster charging decisions with the Crown Prosecution Service"),
    (JusticeSystemAction, "CJ-02", "Keep victims informed through the court process"),
    (JusticeSystemAction, "CJ-03", "Reduce the Crown Court backlog with HM Courts and Tribunals Service"),
)  # fmt: skip

LINK_MODELS = {
    "funding_line": FinancialPlanLine,
    "spr_threat": PolicingRequirementThreat,
    "partner_plan": PartnerPlan,
    "wellbeing_objective": WellbeingObjective,
    "equality_objective": EqualityObjective,
    "engagement_item": EngagementItem,
    "academic_item": AcademicWorkItem,
    "justice_action": JusticeSystemAction,
}

# ref, title, priority, perspective, partner, lead, start, end, status, outcomes, links,
# public summary (None: not public), milestones.
ACTIVITIES = (
    ("RM-001", "Neighbourhood teams in every ward", "P1", "force", None,
     "Assistant Chief Constable Territorial Policing", "2025Q1", "2028Q4", "in_progress",
     ("P1.1", "P1.2"), {"funding_line": "MTFP-01", "engagement_item": "ENG-02"},
     "Named local officers for every ward, meeting residents to agree local priorities.",
     ("2025Q2: Teams named in every ward [done]", "2026Q4: Review of ward priorities")),
    ("RM-002", "Anti-social behaviour community fund", "P1", "commissioner", None,
     "Assistant Commissioner", "2025Q2", "2026Q4", "planned", ("P1.2",),
     {"funding_line": "MTFP-01", "wellbeing_objective": "WB-01"},
     "Grants for community groups that tackle anti-social behaviour where they live.",
     ("2025Q3: First grants awarded",)),
    ("RM-003", "Night-time economy violence operation", "P1", "force", None,
     "Chief Superintendent, East Gwent BCU", "2025Q1", "2025Q4", "done", ("P1.3",),
     {"funding_line": "MTFP-01", "spr_threat": "SPR-POR"}, None,
     ("2025Q3: Evaluation reported to the Board [done]",)),
    ("RM-004", "Domestic abuse safeguarding hub", "P2", "force", None,
     "Head of Public Protection", "2025Q1", "2027Q4", "in_progress", ("P2.1",),
     {"funding_line": "MTFP-02", "spr_threat": "SPR-VAWG"},
     "One hub where police, social services and health assess risk to victims of domestic abuse together.",
     ("2025Q4: Hub opens [done]", "2026-09-30: Independent review")),
    ("RM-005", "Hate crime third-party reporting centres", "P2", "commissioner", None,
     "Planning and Performance Manager", "2025Q3", "2026Q2", "planned", ("P2.2",),
     {"funding_line": "MTFP-04", "equality_objective": "EQ-01"},
     "Places other than police stations where people can report hate crime with support.", ()),
    ("RM-006", "Safeguarding older people with health", "P2", "partner", "abuhb",
     "Head of Adult Safeguarding", "2026Q1", "2027Q4", "planned", ("P2.3",),
     {"wellbeing_objective": "WB-01"}, None, ("2026Q2: Joint protocol agreed",)),
    ("RM-007", "Youth diversion scheme", "P3", "partner", "gwent-yjs",
     "Head of Youth Justice", "2025Q2", "2026Q3", "slipped", ("P3.1",),
     {"funding_line": "MTFP-03", "academic_item": "AC-01", "wellbeing_objective": "WB-02"},
     "Diverting young people from first offences into support instead of court.",
     ("2025Q3: Pilot launched [done]", "2026Q1: Scheme across Gwent")),
    ("RM-008", "Integrated offender management", "P3", "partner", "probation-wales",
     "Head of Probation Delivery Unit", "2025Q1", "2028Q4", "in_progress", ("P3.2",),
     {"funding_line": "MTFP-03", "spr_threat": "SPR-SOC", "justice_action": "CJ-01"}, None, ()),
    ("RM-009", "Victim and witness hub in Newport", "P4", "partner", "newport-council",
     "Community Safety Manager", "2025Q3", "2027Q2", "in_progress", ("P4.1",),
     {"funding_line": "MTFP-04", "justice_action": "CJ-02"},
     "Support for victims and witnesses in Newport from report to court.",
     ("2025Q4: Hub staffed [done]",)),
    ("RM-010", "Cyber crime unit", "P1", "force", None, "Head of Digital Investigations",
     "2025Q2", "2026Q4", "in_progress", ("P1.1",),
     {"funding_line": "MTFP-05", "spr_threat": "SPR-CYB"}, None, ()),
    ("RM-011", "Prevent partnership", "P2", "force", None, "Head of Special Branch",
     "2025Q1", "2028Q4", "in_progress", (), {"funding_line": "MTFP-02", "spr_threat": "SPR-TER"},
     None, ()),
    ("RM-012", "Child sexual exploitation team", "P2", "force", None,
     "Head of Public Protection", "2025Q1", "2028Q4", "in_progress", (),
     {"funding_line": "MTFP-02", "spr_threat": "SPR-CSA"}, None, ()),
    ("RM-013", "Consultation on the plan and budget", "P4", "commissioner", None,
     "Deputy Commissioner", "2025Q3", "2028Q3", "planned", (),
     {"funding_line": "MTFP-04", "engagement_item": "ENG-01"},
     "Each autumn the Commissioner asks the public about priorities and the police budget.", ()),
)  # fmt: skip

# The public summaries in Welsh, by activity ref: a draft that needs review by a translator.
SUMMARIES_CY = {
    "RM-001": "Swyddogion lleol a enwir ar gyfer pob ward, yn cyfarfod â thrigolion i gytuno ar flaenoriaethau lleol.",
    "RM-002": "Grantiau i grwpiau cymunedol sy'n mynd i'r afael ag ymddygiad gwrthgymdeithasol lle maen nhw'n byw.",
    "RM-004": "Un hwb lle mae'r heddlu, y gwasanaethau cymdeithasol a'r gwasanaeth iechyd yn asesu gyda'i gilydd y risg i ddioddefwyr cam-drin domestig.",
    "RM-005": "Mannau heblaw gorsafoedd heddlu lle gall pobl riportio troseddau casineb, gyda chymorth.",
    "RM-007": "Dargyfeirio pobl ifanc, ar ôl eu trosedd gyntaf, at gymorth yn hytrach na'r llys.",
    "RM-009": "Cymorth i ddioddefwyr a thystion yng Nghasnewydd, o'r adroddiad i'r llys.",
    "RM-013": "Bob hydref mae'r Comisiynydd yn holi'r cyhoedd am flaenoriaethau a chyllideb yr heddlu.",
}

MEMBERS = (
    ("Ms Howe", "Deputy Commissioner", "opcc-gwent"),
    ("Mr Francis", "Assistant Commissioner", "opcc-gwent"),
    ("Mr Brace", "Planning and Performance Manager", "opcc-gwent"),
    ("Mr Jukes", "Deputy Chief Constable", "gwent-police"),
    ("Mr Kirby", "Assistant Chief Constable Territorial Policing", "gwent-police"),
    ("Mr Cogbill", "Assistant Director", "gwent-police"),
)

TERMS_V1 = """Purpose
The Joint Planning Board oversees the planning process of the Police and Crime Commissioner and the Chief Constable and ensures alignment between planning activity, the Police and Crime Reduction Plan, the Medium Term Financial Plan and the impact of the Strategic Policing Requirement.

Responsibilities
1. Identify current activity and future work programmes that support the delivery of the priorities of the Police and Crime Reduction Plan.
2. Keep a roadmap of that activity across the four years of the plan, from the force's, the Commissioner's and partners' perspectives.
3. Check the roadmap against the Medium Term Financial Plan and the Strategic Policing Requirement and report gaps to the Commissioner's Strategic Board.

Membership
The Deputy Commissioner (chair), the Assistant Commissioner, the Planning and Performance Manager, the Deputy Chief Constable and officers they nominate.

Meetings
Monthly, and as the planning cycle requires."""

TERMS_V2_ADDITION = """

Partners (proposed addition)
Partners with activity on the roadmap are invited to attend when their activity is considered, and to record their own activity directly."""

# The same in Welsh, as the Commissioner publishes it (a draft: a translator checks it).
TERMS_V1_CY = """Diben
Mae'r Bwrdd Cynllunio ar y Cyd yn goruchwylio proses gynllunio'r Comisiynydd Heddlu a Throseddu a'r Prif Gwnstabl ac yn sicrhau bod gweithgarwch cynllunio, y Cynllun Heddlu a Lleihau Troseddu, y Cynllun Ariannol Tymor Canolig ac effaith y Gofyniad Plismona Strategol yn cyd-fynd â'i gilydd.

Cyfrifoldebau
1. Nodi'r gweithgarwch presennol a rhaglenni gwaith y dyfodol sy'n cefnogi cyflawni blaenoriaethau'r Cynllun Heddlu a Lleihau Troseddu.
2. Cadw map trywydd o'r gweithgarwch hwnnw ar draws pedair blynedd y cynllun, o safbwynt yr heddlu, y Comisiynydd a phartneriaid.
3. Gwirio'r map trywydd yn erbyn y Cynllun Ariannol Tymor Canolig a'r Gofyniad Plismona Strategol, ac adrodd am fylchau i Fwrdd Strategol y Comisiynydd.

Aelodaeth
Y Dirprwy Gomisiynydd (cadeirydd), y Comisiynydd Cynorthwyol, y Rheolwr Cynllunio a Pherfformiad, y Dirprwy Brif Gwnstabl a swyddogion a enwebir ganddynt.

Cyfarfodydd
Yn fisol, ac fel y mae'r cylch cynllunio yn gofyn."""

TERMS_V2_ADDITION_CY = """

Partneriaid (ychwanegiad arfaethedig)
Gwahoddir partneriaid sydd â gweithgarwch ar y map trywydd i fod yn bresennol pan ystyrir eu gweithgarwch, ac i gofnodi eu gweithgarwch eu hunain yn uniongyrchol."""

# The paper's inaugural meeting (5 July) was four weeks before the Strategic Board asked to
# approve the terms of reference (2 August); the demo's is as long before its first Board.
INAUGURAL_LEAD = dt.timedelta(days=28)
# With no Strategic Board on record to date it from, the paper's date in the plan's first year.
INAUGURAL = dt.date(2025, 7, 5)
INAUGURAL_TITLE = "Joint Planning Board (inaugural meeting)"
INAUGURAL_MINUTES = (
    "The inaugural meeting of the Board. Discussion focused on the need to identify both "
    "current activity and future work programmes that support the delivery of the priorities "
    "of the Police and Crime Reduction Plan, and on moving away from annual planning to the "
    "timescales of the Police and Crime Plan and partners' planning. The Board agreed its "
    "terms of reference, to be proposed to the Commissioner's Strategic Board for approval."
)
# The Board's latest meeting, a week before the demo is first loaded, proposes version 2.
LATEST_MEETING_AGO = dt.timedelta(days=7)
LATEST_MINUTES = (
    "The Board considered how partners take part in its work and agreed to propose to the "
    "Strategic Board that partners with activity on the roadmap attend when it is considered "
    "(version 2 of the terms of reference)."
)
BOARD_LOCATION = "Police Headquarters, Cwmbran"


def _quarter(text: str) -> tuple[int, int]:
    return int(text[:4]), int(text[5])


def _milestone(text: str) -> MilestoneValues:
    due, _, title = text.partition(": ")
    done = title.endswith(" [done]")
    title = title.removesuffix(" [done]")
    if "Q" in due:
        year, quarter = _quarter(due)
        return MilestoneValues(title, year, quarter, None, done)
    return MilestoneValues(title, None, None, dt.date.fromisoformat(due), done)


def load(*, stdout: TextIO) -> None:
    """Load the demo roadmap, catalogues and Joint Planning Board for the demo plan."""
    plan = Plan.objects.filter(force_slug="gwent").first() or Plan.objects.first()
    if plan is None:
        stdout.write("Roadmap: no plan loaded, so no roadmap.")
        return
    orgs = {
        slug: ensure_organisation(name=name, slug=slug, kind=kind, by=None)
        for name, slug, kind in ORGANISATIONS
    }
    for code, title, amounts in MTFP:
        # The Commissioner sets the budget, so the Medium Term Financial Plan is the OPCC's.
        line = services.ensure_link_item(
            model=FinancialPlanLine,
            plan=plan,
            code=code,
            title=title,
            by=None,
            organisation=orgs["opcc-gwent"],
        )
        if not line.amounts.exists():
            services.set_funding(
                line=line, amounts=dict(zip(plan.years, amounts, strict=False)), by=None
            )
    for code, title in SPR:
        services.ensure_link_item(
            model=PolicingRequirementThreat, plan=plan, code=code, title=title, by=None
        )
    for model, code, title in CATALOGUES:
        services.ensure_link_item(model=model, plan=plan, code=code, title=title, by=None)
    today = dt.date.today()
    for code, title, kind, owner, days, (first, last) in PARTNER_PLANS:
        assessment, close, publication = (today + dt.timedelta(days=d) for d in days)
        services.ensure_link_item(
            model=PartnerPlan,
            plan=plan,
            code=code,
            title=title,
            by=None,
            kind=kind,
            organisation=orgs[owner],
            assessment_date=assessment,
            commitments_close=close,
            publication_date=publication,
            first_year=first,
            last_year=last,
        )

    priorities = {p.code: p for p in Priority.objects.filter(plan=plan)}
    outcomes = {o.code: o for o in Outcome.objects.filter(priority__plan=plan)}
    existing = set(Activity.objects.filter(plan=plan).values_list("ref", flat=True))
    added = 0
    for (ref, title, priority, perspective, partner, lead, start, end, status, outcome_codes,
         links, summary, milestones) in ACTIVITIES:  # fmt: skip
        if ref in existing:
            continue
        start_year, start_quarter = _quarter(start)
        links = dict(links)
        committed = None
        if ref in PARTNER_LINKS:
            links["partner_plan"], days = PARTNER_LINKS[ref]
            committed = today + dt.timedelta(days=days) if days is not None else None
        end_year, end_quarter = _quarter(end)
        values = ActivityValues(
            ref=ref,
            title=title,
            priority=priorities.get(priority),
            perspective=perspective,
            partner=orgs.get(partner) if partner else None,
            lead=lead,
            start_year=start_year,
            start_quarter=start_quarter,
            end_year=end_year,
            end_quarter=end_quarter,
            status=status,
            outcomes=[outcomes[c] for c in outcome_codes if c in outcomes],
            measures=list(
                Measure.objects.filter(plan=plan, outcome__code__in=outcome_codes[:1])[:1]
            ),
            links={
                name: LINK_MODELS[name].objects.get(plan=plan, code=code)
                for name, code in links.items()
            },
            public=summary is not None,
            public_summary=summary or "",
            public_summary_cy=SUMMARIES_CY.get(ref, "") if summary else "",
            milestones=[_milestone(m) for m in milestones],
            funding=FUNDING.get(ref, {}),
            partner_committed_on=committed,
        )
        services.create_activity(plan=plan, values=values, by=None)
        added += 1
    _board(orgs)
    stdout.write(
        f"Roadmap: {Activity.objects.filter(plan=plan).count()} activities ({added} new), "
        f"{FinancialPlanLine.objects.filter(plan=plan).count()} MTFP lines, "
        f"{PolicingRequirementThreat.objects.filter(plan=plan).count()} SPR threats, "
        f"{PartnerPlan.objects.filter(plan=plan).count()} partner plans; "
        f"terms of reference v{TermsOfReference.objects.order_by('-version').first().version}."
    )


@transaction.atomic
def _board(orgs: dict[str, Organisation]) -> None:
    """Give the Board its members, meetings and the history of its terms of reference.

    Version 1 is proposed at the inaugural meeting and approved by the first Strategic Board
    held after it (with no Board on record, the meetings demo not having run, it stays
    proposed); version 2 is proposed at the Board's latest meeting, for the next Strategic
    Board to approve. Each step is taken only if it has not been, so running again changes
    nothing, and a database from before the approval rule (drafts only) is brought up to it.
    """
    for name, job_title, slug in MEMBERS:
        services.add_board_member(name=name, job_title=job_title, organisation=orgs[slug], by=None)
    versions = {t.version: t for t in TermsOfReference.objects.all()}
    v1 = versions.get(1) or services.draft_terms(text=TERMS_V1, text_cy=TERMS_V1_CY, by=None)
    if v1.status == TermsOfReference.Status.DRAFT:
        inaugural = _held_board_meeting(
            INAUGURAL_TITLE, _inaugural_date(), INAUGURAL_MINUTES, find=True
        )
        services.propose_terms(terms=v1, meeting=inaugural, by=None)
    if v1.status == TermsOfReference.Status.PROPOSED:
        board = (
            Meeting.objects.filter(
                kind=Meeting.Kind.CSB, status=Meeting.Status.HELD, date__gte=v1.proposed_on
            )
            .order_by("date")
            .first()
        )
        if board is not None:
            services.approve_terms(terms=v1, meeting=board, by=None)
    v2 = versions.get(2) or services.draft_terms(
        text=TERMS_V1 + TERMS_V2_ADDITION, text_cy=TERMS_V1_CY + TERMS_V2_ADDITION_CY, by=None
    )
    if v2.status == TermsOfReference.Status.DRAFT:
        latest = _held_board_meeting(
            services.BOARD_MEETING_TITLE,
            timezone.localdate() - LATEST_MEETING_AGO,
            LATEST_MINUTES,
            find=False,
        )
        services.propose_terms(terms=v2, meeting=latest, by=None)


def _inaugural_date() -> dt.date:
    """Return the inaugural meeting's date: four weeks before the first Strategic Board held."""
    first = (
        Meeting.objects.filter(kind=Meeting.Kind.CSB, status=Meeting.Status.HELD)
        .order_by("date")
        .first()
    )
    return first.date - INAUGURAL_LEAD if first is not None else INAUGURAL


def _held_board_meeting(title: str, date: dt.date, minutes: str, *, find: bool) -> Meeting:
    """Return a held Board meeting with its attendance and minutes, scheduling it if need be.

    `find` looks for a meeting of this title first (the inaugural meeting is one of a kind).
    """
    meeting = None
    if find:
        meeting = (
            Meeting.objects.filter(kind=Meeting.Kind.JOINT_PLANNING_BOARD, title=title)
            .order_by("date")
            .first()
        )
    if meeting is None:
        meeting = services.schedule_board_meeting(
            date=date, title=title, location=BOARD_LOCATION, by=None
        )
    attendees = list(meeting.attendees.all())
    if attendees and all(a.attended == Attendee.Attended.UNKNOWN for a in attendees):
        meeting_services.record_attendance(
            meeting=meeting,
            attendance={a.pk: (Attendee.Attended.YES, False) for a in attendees},
            by=None,
        )
    if meeting.status != Meeting.Status.HELD or not meeting.minutes:
        meeting_services.record_minutes(
            meeting=meeting, minutes=meeting.minutes or minutes, held=True, by=None
        )
    return meeting
