"""What awaits a person, a group per kind of work their role may do.

Approvals for those who approve publications; their team's cycle steps; commentary on Red
measures, integrity findings and scrutiny to answer for the force; scrutiny awaiting an answer
for the Commissioner's team; the Panel's questions awaiting an answer (all of them, overdue
first, for the Commissioner's team; those assigned to them for the force); a partner's
follow-ups; and everyone's open actions.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.urls import reverse

from oversight.accounts.models import User
from oversight.accounts.permissions import Permission, Role
from oversight.data.models import FORCE_AREA, Decision, Finding
from oversight.display.words import month_words
from oversight.home.groups import Group, Item, day, days
from oversight.meetings.models import Action, CycleStep, OwnerRole
from oversight.performance.models import Commentary, CommentaryKind, Rating, Snapshot
from oversight.publishing.models import Publication, PublicationStatus
from oversight.questions import presenters as questions
from oversight.questions.models import Question
from oversight.reports.pages import chosen_snapshot
from oversight.themes.access import visible_follow_ups
from oversight.themes.models import FollowUp

P = Permission
# A step is "due" when planned within this many days; before today it is late.
STEP_DAYS = 7
# The cycle steps each role owns: its own team's and the joint ones.
OWNED_STEPS = {
    Role.COMMISSIONERS_TEAM: (OwnerRole.COMMISSIONERS_TEAM, OwnerRole.JOINT),
    Role.CHIEF_CONSTABLES_TEAM: (OwnerRole.CHIEF_CONSTABLES_TEAM, OwnerRole.JOINT),
}


def approvals(user: User) -> Group:
    """Return the publication requests someone else made, awaiting this person's decision."""
    group = Group(
        "approvals",
        "Publications awaiting your approval",
        empty="No publication awaits your approval.",
    )
    pending = (
        Publication.objects.filter(status=PublicationStatus.REQUESTED)
        .exclude(requested_by=user)
        .select_related("requested_by")
        .defer("content", "changes")
        .order_by("requested_at")
    )
    for p in pending:
        who = p.requested_by.display_name if p.requested_by else "the system"
        group.items.append(
            Item(
                f"Performance in {month_words(p.period)} (request {p.pk})",
                reverse("publications:detail", args=[p.pk]),
                f"Requested by {who} on {day(p.requested_at)}",
            )
        )
    return group


def my_steps(user: User, today: dt.date) -> Group:
    """Return the planned steps the person's team owns that are late or due within a week."""
    group = Group(
        "steps",
        f"Cycle steps for the {user.get_role_display()}, late or due this week",
        empty="None of your team's steps is late or due in the next seven days.",
    )
    owned = OWNED_STEPS.get(user.role, ())
    steps = (
        CycleStep.objects.filter(
            status=CycleStep.Status.PLANNED,
            owner_role__in=owned,
            planned_date__lte=today + dt.timedelta(days=STEP_DAYS),
        )
        .select_related("cycle")
        .order_by("planned_date", "order")
    )
    for step in steps:
        assert step.planned_date is not None
        late = (today - step.planned_date).days
        planned = f"{step.planned_date:%a} {day(step.planned_date, '%b')}"
        owner = step.get_owner_role_display() + (
            f": {step.named_owners}" if step.named_owners else ""
        )
        if late > 0:
            flag, when = "Late", f"planned {planned}, {days(late)} ago"
        elif late == 0:
            flag, when = "Today", "planned today"
        elif late == -1:
            flag, when = "", f"planned tomorrow, {planned}"
        else:
            flag, when = "", f"planned {planned}"
        group.items.append(
            Item(
                f"{step.title} (Board {day(step.cycle.csb_date)})",
                reverse("meetings:cycle", args=[step.cycle.csb_date.isoformat()]),
                f"{when}; {owner}",
                flag,
                "rag-red" if late > 0 else ("rag-amber" if flag else ""),
            )
        )
    return group


def my_actions(user: User, today: dt.date) -> Group:
    """Return the person's open actions and their organisation's unowned ones, overdue first."""
    group = Group(
        "actions",
        "Your open actions",
        empty="You have no open actions.",
    )
    mine = Q(owner=user)
    if user.organisation_id is not None:
        # An action given to an organisation rather than to a person is everyone's there.
        mine |= Q(owner__isnull=True, organisation_id=user.organisation_id)
    actions = (
        Action.objects.filter(mine, status__in=Action.OPEN_STATUSES)
        .select_related("owner", "origin_meeting", "origin_escalation")
        .order_by("due_date", "pk")
    )
    editable = user.can(P.MANAGE_ACTIONS)
    for action in actions:
        late = (today - action.due_date).days
        owner = "you" if action.owner_id == user.pk else action.owner_display
        status = action.get_status_display().lower()
        if late > 0:
            flag, when = "Overdue", f"due {day(action.due_date)}, {days(late)} ago"
        else:
            flag, when = "", f"due {day(action.due_date)}"
        group.items.append(
            Item(
                action.title,
                reverse("meetings:action_edit", args=[action.pk]) if editable else "",
                f"{when}; {status}; owner {owner}; from {action.origin_display}",
                flag,
                "rag-red" if flag else "",
            )
        )
    if user.can(P.VIEW_MEETINGS):
        group.more_url, group.more_label = reverse("meetings:actions"), "The actions register"
    return group


def follow_ups(user: User, today: dt.date) -> Group:
    """Return the open follow-ups assigned to a partner's organisation, overdue first."""
    org = user.organisation.name if user.organisation else "your organisation"
    group = Group(
        "follow_ups", f"Follow-ups for {org}", empty="No follow-up is open for your organisation."
    )
    found = (
        visible_follow_ups(user)
        .filter(status__in=FollowUp.OPEN_STATUSES)
        .order_by("due_date", "pk")
    )
    for f in found:
        late = (today - f.due_date).days
        group.items.append(
            Item(
                str(f),
                reverse("themes:follow_up", args=[f.pk]),
                f"due {day(f.due_date)}; {f.get_status_display().lower()}; on the concern "
                f"“{f.concern.summary}”",
                "Overdue" if late > 0 else "",
                "rag-red" if late > 0 else "",
            )
        )
    group.more_url, group.more_label = reverse("themes:follow_ups"), "All your follow-ups"
    return group


def red_without_commentary(snapshot: Snapshot | None) -> Group:
    """Return the Red force cells of the snapshot with no force commentary since it was made."""
    group = Group(
        "commentary",
        "Red measures awaiting the force's commentary",
        empty="Every Red measure has the force's commentary.",
    )
    if snapshot is None:
        group.empty = "No snapshot has been made yet."
        return group
    group.title += f" ({month_words(snapshot.period)} snapshot)"
    cells = (
        snapshot.assessments.filter(area=FORCE_AREA, breakdown="")
        .with_overrides()
        .order_by("order")
    )
    red = [c for c in cells if c.effective_rating == Rating.RED]
    explained = set(
        Commentary.objects.filter(
            kind=CommentaryKind.FORCE_COMMENTARY,
            measure_id__in=[c.measure_id for c in red],
            at__gte=snapshot.created_at,
        ).values_list("measure_id", flat=True)
    )
    query = f"?snapshot={snapshot.pk}#commentary"
    for cell in red:
        if cell.measure_id in explained:
            continue
        group.items.append(
            Item(
                f"{cell.measure.code} {cell.measure.name}",
                reverse("reports:measure", args=[cell.measure.code]) + query,
                cell.headline,
                "Red",
                "rag-red",
            )
        )
    return group


def findings_to_decide() -> Group:
    """Return the integrity monitor's open findings still in the data, awaiting a decision."""
    group = Group(
        "findings",
        "Integrity findings to decide",
        empty="No integrity finding awaits a decision.",
    )
    open_findings = Finding.objects.filter(decision=Decision.OPEN, still_detected=True)
    for f in open_findings.order_by("period", "pk"):
        group.items.append(
            Item(
                str(f),
                reverse("data:finding", args=[f.pk]),
                f.summary,
                "Holds ratings at Grey" if f.holds_ratings else "",
                "rag-grey" if f.holds_ratings else "",
            )
        )
    return group


def unanswered_scrutiny(*, answering: bool) -> Group:
    """Return the scrutiny questions with no answer yet, oldest first."""
    if answering:
        title, empty = "Scrutiny questions to answer", "Every scrutiny question has an answer."
    else:
        title, empty = (
            "Scrutiny awaiting the force's answer",
            "Every scrutiny question is answered.",
        )
    group = Group("scrutiny", title, empty=empty)
    questions = (
        Commentary.objects.filter(kind=CommentaryKind.SCRUTINY_QUESTION, answers__isnull=True)
        .select_related("measure", "by")
        .order_by("at", "pk")
    )
    for q in questions:
        text = q.text if len(q.text) <= 140 else q.text[:137] + "..."
        group.items.append(
            Item(
                f"{q.measure.code} {q.measure.name}",
                reverse("reports:measure", args=[q.measure.code]) + "#commentary",
                f"“{text}” asked by {q.by.display_name} on {day(q.at)}",
            )
        )
    return group


def _question_item(question: Question, today: dt.date, *, assignee: bool) -> Item:
    row = questions.row(question, today)
    text = question.text if len(question.text) <= 140 else question.text[:137] + "..."
    who = (
        f"; assigned to {question.assigned_to.display_name}"
        if assignee and question.assigned_to
        else ""
    )
    return Item(
        f"{question.get_kind_display()} {question.pk}: {question.pin_label}",
        reverse("questions:detail", args=[question.pk]),
        f"{row.due}{who}; “{text}” asked by {question.asked_by.display_name}",
        row.flag,
        row.flag_class,
    )


def panel_questions(today: dt.date) -> Group:
    """Return the Panel's questions whose answer is not released, the overdue first."""
    group = Group(
        "panel_questions",
        "Panel questions awaiting an answer",
        empty="Every question from the Panel has its answer.",
        more_url=reverse("questions:register"),
        more_label="The Panel's questions",
    )
    found = Question.objects.open().select_related("asked_by", "assigned_to")
    group.items.extend(_question_item(q, today, assignee=True) for q in found)
    return group


def questions_to_answer(user: User, today: dt.date) -> Group:
    """Return the open Panel questions assigned to the person, the overdue first."""
    group = Group(
        "questions_to_answer",
        "Panel questions for you to answer",
        empty="No question from the Panel is assigned to you.",
    )
    found = Question.objects.open().filter(assigned_to=user).select_related("asked_by")
    group.items.extend(_question_item(q, today, assignee=False) for q in found)
    return group


def awaiting(user: User, today: dt.date) -> list[Group]:
    """Return the sections of what awaits the person, those their role may act on."""
    groups = []
    if user.can(P.APPROVE_PUBLICATION):
        groups.append(approvals(user))
    if user.role in OWNED_STEPS and user.can(P.VIEW_MEETINGS):
        groups.append(my_steps(user, today))
    if user.role == Role.PARTNER and user.can(P.UPDATE_FOLLOWUPS):
        groups.append(follow_ups(user, today))
    if user.can(P.WRITE_COMMENTARY):
        groups.append(red_without_commentary(chosen_snapshot(None)))
    if user.can(P.DECIDE_BREAKS):
        groups.append(findings_to_decide())
    if user.can(P.WRITE_COMMENTARY) or user.can(P.WRITE_SCRUTINY):
        groups.append(unanswered_scrutiny(answering=user.can(P.WRITE_COMMENTARY)))
    if user.can(P.MANAGE_QUESTIONS):
        groups.append(panel_questions(today))
    elif user.can(P.ANSWER_QUESTIONS):
        groups.append(questions_to_answer(user, today))
    if user.can(P.VIEW_MEETINGS) or user.organisation_id is not None:
        groups.append(my_actions(user, today))
    return groups
