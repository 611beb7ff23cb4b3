# ruff: noqa: E501 - demo data reads better one record a line
"""The demo's roadmap: a four-year roadmap for the demo plan, with gaps the Board should see.

Safe to run again: catalogues and activities are found by code and ref and left as they are.
The planted gaps: priority P5 has no activity, RM-006 has no funding line, MTFP line
MTFP-06 funds nothing, the civil emergencies threat is not addressed, and RM-007 slipped.
"""

from __future__ import annotations

import datetime as dt
from typing import TextIO

from oversight.accounts.models import Organisation
from oversight.accounts.services import ensure_organisation
from oversight.meetings.models import Meeting
from oversight.plans.models import Measure, Outcome, Plan, Priority
from oversight.roadmap import services
from oversight.roadmap.models import (
    AcademicWorkItem,
    Activity,
    EngagementItem,
    EqualityObjective,
    FinancialPlanLine,
    JusticeSystemAction,
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
)

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
)  # fmt: skip

LINK_MODELS = {
    "funding_line": FinancialPlanLine,
    "spr_threat": PolicingRequirementThreat,
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

INAUGURAL = dt.date(2025, 7, 5)


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
        line = services.ensure_link_item(
            model=FinancialPlanLine, plan=plan, code=code, title=title, by=None
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

    priorities = {p.code: p for p in Priority.objects.filter(plan=plan)}
    outcomes = {o.code: o for o in Outcome.objects.filter(priority__plan=plan)}
    existing = set(Activity.objects.filter(plan=plan).values_list("ref", flat=True))
    added = 0
    for (ref, title, priority, perspective, partner, lead, start, end, status, outcome_codes,
         links, summary, milestones) in ACTIVITIES:  # fmt: skip
        if ref in existing:
            continue
        start_year, start_quarter = _quarter(start)
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
            milestones=[_milestone(m) for m in milestones],
        )
        services.create_activity(plan=plan, values=values, by=None)
        added += 1
    _board(orgs)
    stdout.write(
        f"Roadmap: {Activity.objects.filter(plan=plan).count()} activities ({added} new), "
        f"{FinancialPlanLine.objects.filter(plan=plan).count()} MTFP lines, "
        f"{PolicingRequirementThreat.objects.filter(plan=plan).count()} SPR threats; "
        f"terms of reference v{TermsOfReference.objects.order_by('-version').first().version}."
    )


def _board(orgs: dict[str, Organisation]) -> None:
    for name, job_title, slug in MEMBERS:
        services.add_board_member(name=name, job_title=job_title, organisation=orgs[slug], by=None)
    if TermsOfReference.objects.exists():
        return
    meeting = Meeting.objects.filter(kind=Meeting.Kind.JOINT_PLANNING_BOARD, date=INAUGURAL).first()
    if meeting is None:
        from oversight.meetings.services import create_meeting

        meeting = create_meeting(
            kind=Meeting.Kind.JOINT_PLANNING_BOARD,
            date=INAUGURAL,
            title="Joint Planning Board (inaugural meeting)",
            by=None,
        )
    v1 = services.draft_terms(text=TERMS_V1, by=None)
    services.approve_terms(terms=v1, decided_on=INAUGURAL, meeting=meeting, by=None)
    services.draft_terms(text=TERMS_V1 + TERMS_V2_ADDITION, by=None)
