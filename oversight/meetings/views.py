"""Pages of the reporting cycle, meetings, the actions register and calendar feeds.

Each view parses its input, checks the role's permission, calls a service and renders.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from oversight.accounts.decorators import public, requires
from oversight.accounts.permissions import Permission
from oversight.analysis.cycle import WorkingCalendar, csb_dates_from_rule
from oversight.core.forms import save_form
from oversight.meetings import forms, presenters, services
from oversight.meetings.feeds import feed_for
from oversight.meetings.generated import generated_agenda
from oversight.meetings.models import (
    Action,
    Attendee,
    CalendarToken,
    CycleStep,
    Escalation,
    Meeting,
    ReportingCycle,
)

P = Permission


def _today() -> dt.date:
    return timezone.localdate()


# The reporting cycle ------------------------------------------------------------------------


def _cycles_page(
    request: HttpRequest, plan_form: forms.PlanCyclesForm | None = None
) -> HttpResponse:
    today = _today()
    # A year of Boards: the last eleven months and the months ahead.
    window = ReportingCycle.objects.filter(
        csb_date__gte=today - dt.timedelta(days=335), csb_date__lte=today + dt.timedelta(days=400)
    )
    rows = presenters.cycle_rows(
        presenters.cycles_with_steps(window), today=today, calendar=WorkingCalendar()
    )
    # The current cycle opens the page; the others are folded away, the nearest first.
    current = next((r for r in rows if r.current), None)
    cut = current.cycle.csb_date if current else None
    later = [r for r in rows if cut and r.cycle.csb_date > cut]
    earlier = [r for r in reversed(rows) if cut is None or r.cycle.csb_date < cut]
    context = {
        "rows": rows,
        "current": current,
        "other_cycles": [("Later Boards", later), ("Earlier Boards", earlier)],
        "plan_form": plan_form or forms.PlanCyclesForm(auto_id="plan-%s"),
        "can_manage": request.user.can(P.MANAGE_MEETINGS),
    }
    return render(request, "meetings/cycles.html", context, status=400 if plan_form else 200)


@requires(P.VIEW_MEETINGS)
def cycles(request: HttpRequest) -> HttpResponse:
    return _cycles_page(request)


@requires(P.MANAGE_MEETINGS)
@require_POST
def plan_cycles(request: HttpRequest) -> HttpResponse:
    form = forms.PlanCyclesForm(request.POST, auto_id="plan-%s")
    if not form.is_valid():
        return _cycles_page(request, plan_form=form)
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    end = (end.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    calendar = WorkingCalendar()
    dates = csb_dates_from_rule(form.cleaned_data["rule"], start, end, calendar)
    before = ReportingCycle.objects.count()
    services.create_cycles(csb_dates=dates, calendar=calendar, by=request.user)
    added = ReportingCycle.objects.count() - before
    messages.success(request, f"{added} new cycle{'s' if added != 1 else ''} planned.")
    return redirect("meetings:cycles")


def _cycle_page(
    request: HttpRequest, cycle: ReportingCycle, status: int = 200, **overrides: Any
) -> HttpResponse:
    cycle = presenters.cycles_with_steps(ReportingCycle.objects.filter(pk=cycle.pk)).get()
    row = presenters.cycle_rows([cycle], today=_today(), calendar=WorkingCalendar())[0]
    failed = overrides.get("failed_step")
    for s in row.steps:
        s.status_form = forms.StepStatusForm(
            auto_id=f"status-{s.step.pk}-%s", initial={"status": s.step.status}
        )
        s.date_form = forms.StepDateForm(
            auto_id=f"date-{s.step.pk}-%s", initial={"planned_date": s.step.planned_date}
        )
        if failed is not None and failed[0] == s.step.pk:
            setattr(s, failed[1], failed[2])
    context = {"row": row, "cycle": cycle, "can_manage": request.user.can(P.MANAGE_MEETINGS)}
    return render(request, "meetings/cycle_detail.html", context, status=status)


@requires(P.VIEW_MEETINGS)
def cycle_detail(request: HttpRequest, csb: str) -> HttpResponse:
    try:
        day = dt.date.fromisoformat(csb)
    except ValueError:
        raise Http404("Not a date") from None
    return _cycle_page(request, get_object_or_404(ReportingCycle, csb_date=day))


@requires(P.MANAGE_MEETINGS)
@require_POST
def step_status(request: HttpRequest, pk: int) -> HttpResponse:
    step = get_object_or_404(CycleStep.objects.select_related("cycle"), pk=pk)
    form = forms.StepStatusForm(request.POST, auto_id=f"status-{pk}-%s")
    if not save_form(
        form,
        lambda data: services.set_step_status(
            step=step,
            status=data["status"],
            note=data["note"],
            by=request.user,
        ),
        error_field="note",
    ):
        return _cycle_page(request, step.cycle, 400, failed_step=(pk, "status_form", form))
    messages.success(request, f"{step.title}: {step.get_status_display().lower()}.")
    return redirect(_cycle_url(step.cycle))


@requires(P.MANAGE_MEETINGS)
@require_POST
def step_date(request: HttpRequest, pk: int) -> HttpResponse:
    step = get_object_or_404(CycleStep.objects.select_related("cycle"), pk=pk)
    form = forms.StepDateForm(request.POST, auto_id=f"date-{pk}-%s")
    if not save_form(
        form,
        lambda data: services.redate_step(
            step=step,
            planned_date=data["planned_date"],
            reason=data["reason"],
            by=request.user,
        ),
        error_field="planned_date",
    ):
        return _cycle_page(request, step.cycle, 400, failed_step=(pk, "date_form", form))
    messages.success(request, f"{step.title} moved to {step.planned_date:%d %B %Y}.")
    return redirect(_cycle_url(step.cycle))


def _cycle_url(cycle: ReportingCycle) -> str:
    return reverse("meetings:cycle", args=[cycle.csb_date.isoformat()])


# Meetings -----------------------------------------------------------------------------------


def _finalised_packs(meeting: Meeting) -> list[Any]:
    """Return the Board packs finalised for a Board (step 8), newest first, one per format.

    The reports app keeps built packs; read through the relation, the meetings app needs no
    import of it.
    """
    if meeting.kind != Meeting.Kind.CSB:
        return []
    seen: dict[str, Any] = {}
    builds = meeting.pack_builds.filter(finalised_at__isnull=False).defer("content")
    for build in builds.order_by("-finalised_at"):
        seen.setdefault(build.fmt, build)
    return list(seen.values())


def _meeting_page(
    request: HttpRequest, meeting: Meeting, status: int = 200, **overrides: Any
) -> HttpResponse:
    escalations = list(
        Escalation.objects.filter(jpmg=meeting).select_related("measure", "action", "decided_by")
    )
    for e in escalations:
        e.decide_form = forms.EscalationDecisionForm(auto_id=f"esc-{e.pk}-%s")
        e.respond_form = forms.CsbResponseForm(auto_id=f"resp-{e.pk}-%s")
    failed = overrides.pop("failed_escalation", None)
    if failed is not None:
        for e in escalations:
            if e.pk == failed[0]:
                setattr(e, failed[1], failed[2])
    incoming = (
        Escalation.objects.filter(csb=meeting, status=Escalation.Status.ACCEPTED).select_related(
            "measure", "action", "jpmg"
        )
        if meeting.kind == Meeting.Kind.CSB
        else []
    )
    for e in incoming:
        e.respond_form = forms.CsbResponseForm(auto_id=f"resp-{e.pk}-%s")
        if failed is not None and e.pk == failed[0]:
            setattr(e, failed[1], failed[2])
    user = request.user
    context = {
        "meeting": meeting,
        "finalised_packs": _finalised_packs(meeting),
        "attendees": meeting.attendees.select_related("user"),
        "agenda": meeting.agenda.select_related("escalation"),
        # Worked out from other apps' records as they stand (the Panel's overdue questions).
        "generated_agenda": generated_agenda(meeting, _today()),
        "decisions": meeting.decisions.all(),
        "actions": meeting.actions.select_related("owner"),
        "escalations": presenters.escalation_groups(escalations),
        "incoming": incoming,
        "reviews": meeting.measure_reviews.select_related("measure", "reviewed_by"),
        "attendance_choices": Attendee.Attended.choices,
        "minutes_form": overrides.get("minutes_form")
        or forms.MinutesForm(
            auto_id="minutes-%s",
            initial={"minutes": meeting.minutes, "held": meeting.status == Meeting.Status.HELD},
        ),
        "decision_form": overrides.get("decision_form") or forms.DecisionForm(auto_id="dec-%s"),
        "agenda_form": overrides.get("agenda_form") or forms.AgendaItemForm(auto_id="agenda-%s"),
        "attendee_form": overrides.get("attendee_form") or forms.AttendeeForm(auto_id="att-%s"),
        "raise_form": overrides.get("raise_form") or forms.RaiseEscalationForm(auto_id="raise-%s"),
        "review_form": overrides.get("review_form") or forms.MeasureReviewForm(auto_id="rev-%s"),
        "schedule_form": overrides.get("schedule_form")
        or forms.MeetingForm(
            auto_id="schedule-%s",
            initial={
                "title": meeting.title,
                "date": meeting.date,
                "start_time": meeting.start_time,
                "location": meeting.location,
            },
        ),
        "can_manage": user.can(manage_permission(meeting)),
        "can_decide": user.can(P.DECIDE_ESCALATIONS),
        "can_review": user.can(P.REVIEW_MEASURES),
        "can_act": user.can(P.MANAGE_ACTIONS),
        "is_jpmg": meeting.kind == Meeting.Kind.JPMG,
    }
    return render(request, "meetings/meeting_detail.html", context, status=status)


def _meeting(pk: int) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("cycle"), pk=pk)


def manage_permission(meeting: Meeting) -> Permission:
    """Return the permission that keeps a meeting's record: its attendance, minutes, decisions.

    The Joint Planning Board keeps its own meetings' records, as it keeps its terms of
    reference; the reporting cycle's meetings are the meetings managers'.
    """
    if meeting.kind == Meeting.Kind.JOINT_PLANNING_BOARD:
        return P.MANAGE_PLANNING_BOARD
    return P.MANAGE_MEETINGS


def _managed_meeting(request: HttpRequest, pk: int) -> Meeting:
    """Return the meeting if the user may keep its record, else refuse (403)."""
    meeting = _meeting(pk)
    needed = manage_permission(meeting)
    if not request.user.can(needed):
        raise PermissionDenied(f"Your role does not allow this ({needed.value}).")
    return meeting


def _back(meeting: Meeting, anchor: str) -> HttpResponse:
    return redirect(reverse("meetings:detail", args=[meeting.pk]) + f"#{anchor}")


@requires(P.VIEW_MEETINGS)
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting_page(request, _meeting(pk))


@requires(P.VIEW_MEETINGS)  # and the meeting's own right: see _managed_meeting
@require_POST
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _managed_meeting(request, pk)
    valid = set(Attendee.Attended.values)
    recorded: dict[int, tuple[str, bool]] = {}
    for attendee in meeting.attendees.all():
        value = request.POST.get(f"attended-{attendee.pk}", attendee.attended)
        if value not in valid:
            messages.error(request, f"Unknown attendance for {attendee}.")
            return _back(meeting, "attendees")
        recorded[attendee.pk] = (value, request.POST.get(f"apologies-{attendee.pk}") == "on")
    n = services.record_attendance(meeting=meeting, attendance=recorded, by=request.user)
    messages.success(request, f"Attendance recorded ({n} changed).")
    return _back(meeting, "attendees")


@requires(P.VIEW_MEETINGS)  # and the meeting's own right: see _managed_meeting
@require_POST
def attendee_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _managed_meeting(request, pk)
    form = forms.AttendeeForm(request.POST, auto_id="att-%s")
    if not form.is_valid():
        return _meeting_page(request, meeting, 400, attendee_form=form)
    services.add_attendee(meeting=meeting, by=request.user, **form.cleaned_data)
    messages.success(request, "Attendee added.")
    return _back(meeting, "attendees")


@requires(P.VIEW_MEETINGS)  # and the meeting's own right: see _managed_meeting
@require_POST
def minutes(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _managed_meeting(request, pk)
    form = forms.MinutesForm(request.POST, auto_id="minutes-%s")
    if not form.is_valid():
        return _meeting_page(request, meeting, 400, minutes_form=form)
    services.record_minutes(
        meeting=meeting,
        minutes=form.cleaned_data["minutes"],
        held=form.cleaned_data["held"],
        by=request.user,
    )
    messages.success(request, "Minutes saved.")
    return _back(meeting, "minutes")


@requires(P.VIEW_MEETINGS)  # and the meeting's own right: see _managed_meeting
@require_POST
def decision_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _managed_meeting(request, pk)
    form = forms.DecisionForm(request.POST, auto_id="dec-%s")
    if not form.is_valid():
        return _meeting_page(request, meeting, 400, decision_form=form)
    services.add_decision(meeting=meeting, text=form.cleaned_data["text"], by=request.user)
    messages.success(request, "Decision recorded.")
    return _back(meeting, "decisions")


@requires(P.VIEW_MEETINGS)  # and the meeting's own right: see _managed_meeting
@require_POST
def agenda_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _managed_meeting(request, pk)
    form = forms.AgendaItemForm(request.POST, auto_id="agenda-%s")
    if not form.is_valid():
        return _meeting_page(request, meeting, 400, agenda_form=form)
    services.add_agenda_item(meeting=meeting, by=request.user, **form.cleaned_data)
    messages.success(request, "Agenda item added.")
    return _back(meeting, "agenda")


@requires(P.VIEW_MEETINGS)  # and the meeting's own right: see _managed_meeting
@require_POST
def schedule(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _managed_meeting(request, pk)
    form = forms.MeetingForm(request.POST, auto_id="schedule-%s")
    if not save_form(
        form,
        lambda data: services.reschedule_meeting(meeting=meeting, by=request.user, **data),
        error_field="date",
    ):
        return _meeting_page(request, meeting, 400, schedule_form=form)
    at = f" at {meeting.start_time:%H:%M}" if meeting.start_time else ""
    messages.success(request, f"{meeting.title} is on {meeting.date:%d %B %Y}{at}.")
    return _back(meeting, "schedule")


# Escalations and measure reviews ------------------------------------------------------------


@requires(P.DECIDE_ESCALATIONS)
@require_POST
def escalations_propose(request: HttpRequest, pk: int) -> HttpResponse:
    from oversight.performance.models import Snapshot

    meeting = _meeting(pk)
    if meeting.kind != Meeting.Kind.JPMG:
        raise Http404("Only a JPMG proposes escalations")
    snapshot = Snapshot.objects.order_by("-created_at", "-id").first()
    if snapshot is None:
        messages.error(request, "There is no performance snapshot to propose escalations from.")
        return _back(meeting, "escalations")
    created = services.propose_escalations(jpmg=meeting, snapshot=snapshot, by=request.user)
    messages.success(request, f"{len(created)} escalations proposed from {snapshot}.")
    return _back(meeting, "escalations")


@requires(P.DECIDE_ESCALATIONS)
@require_POST
def escalation_raise(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    form = forms.RaiseEscalationForm(request.POST, auto_id="raise-%s")
    if not save_form(
        form, lambda data: services.raise_escalation(jpmg=meeting, by=request.user, **data)
    ):
        return _meeting_page(request, meeting, 400, raise_form=form)
    messages.success(request, "Escalation proposed.")
    return _back(meeting, "escalations")


@requires(P.DECIDE_ESCALATIONS)
@require_POST
def escalation_decide(request: HttpRequest, pk: int) -> HttpResponse:
    escalation = get_object_or_404(Escalation.objects.select_related("jpmg"), pk=pk)
    form = forms.EscalationDecisionForm(request.POST, auto_id=f"esc-{pk}-%s")
    if not save_form(
        form,
        lambda data: services.decide_escalation(
            escalation=escalation,
            accept=data["decision"] == "accept",
            reason=data["reason"],
            by=request.user,
        ),
    ):
        return _meeting_page(
            request, escalation.jpmg, 400, failed_escalation=(pk, "decide_form", form)
        )
    messages.success(request, f"Escalation decided: {escalation.subject}.")
    return _back(escalation.jpmg, "escalations")


@requires(P.DECIDE_ESCALATIONS)
@require_POST
def escalation_respond(request: HttpRequest, pk: int) -> HttpResponse:
    escalation = get_object_or_404(Escalation.objects.select_related("jpmg", "csb"), pk=pk)
    page = escalation.csb or escalation.jpmg
    form = forms.CsbResponseForm(request.POST, auto_id=f"resp-{pk}-%s")
    if not save_form(
        form,
        lambda data: services.record_csb_response(
            escalation=escalation, response=data["response"], by=request.user
        ),
    ):
        return _meeting_page(request, page, 400, failed_escalation=(pk, "respond_form", form))
    messages.success(request, "The Board's response is recorded.")
    return _back(page, "escalations")


@requires(P.REVIEW_MEASURES)
@require_POST
def review_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    form = forms.MeasureReviewForm(request.POST, auto_id="rev-%s")
    if not save_form(
        form,
        lambda data: services.review_measure(
            jpmg=meeting,
            measure=data["measure"],
            decision=data["decision"],
            reason=data["reason"],
            effective_from=data["effective_from"],
            changes=data["changes"],
            by=request.user,
        ),
    ):
        return _meeting_page(request, meeting, 400, review_form=form)
    messages.success(request, "Measure review recorded.")
    return _back(meeting, "reviews")


# The actions register -----------------------------------------------------------------------


@requires(P.VIEW_MEETINGS)
def actions(request: HttpRequest) -> HttpResponse:
    today = _today()
    form = forms.ActionFilterForm(request.GET or None, auto_id="filter-%s")
    qs = Action.objects.select_related(
        "owner", "organisation", "origin_meeting", "origin_escalation__measure"
    )
    if form.is_valid():
        qs = presenters.filter_actions(
            qs,
            owner=form.cleaned_data["owner"],
            status=form.cleaned_data["status"],
            overdue=form.cleaned_data["overdue"],
            today=today,
        )
    context = {
        "form": form,
        "actions": qs,
        "can_act": request.user.can(P.MANAGE_ACTIONS),
    }
    return render(request, "meetings/actions.html", context)


@requires(P.MANAGE_ACTIONS)
def action_create(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = forms.NewActionForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                action = services.create_action(
                    title=data["title"],
                    owner=data["owner"],
                    owner_name=data["owner_name"],
                    organisation=data["organisation"],
                    due_date=data["due_date"],
                    origin=data["origin"],
                    origin_label=data["origin_label"],
                    origin_meeting=data["origin_meeting"],
                    origin_escalation=data["origin_escalation"],
                    notes=data["notes"],
                    by=request.user,
                )
            except ValueError as e:
                form.add_error(None, str(e))
            else:
                if action.status != data["status"]:
                    services.update_action(
                        action=action, changes={"status": data["status"]}, by=request.user
                    )
                messages.success(request, f"Action added: {action.title}.")
                return redirect("meetings:actions")
        status = 400
    else:
        initial = {"status": Action.Status.OPEN, "origin": Action.Origin.MEETING}
        for key in ("origin", "origin_meeting", "origin_escalation", "origin_label"):
            if request.GET.get(key):
                initial[key] = request.GET[key]
        form = forms.NewActionForm(initial=initial)
        status = 200
    context = {"form": form, "action": None}
    return render(request, "meetings/action_form.html", context, status=status)


@requires(P.MANAGE_ACTIONS)
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(Action, pk=pk)
    fields = ("title", "owner", "owner_name", "organisation", "due_date", "status", "notes")
    if request.method == "POST":
        form = forms.ActionForm(request.POST)
        if form.is_valid():
            try:
                services.update_action(
                    action=action,
                    changes={k: form.cleaned_data[k] for k in fields},
                    by=request.user,
                )
            except ValueError as e:
                form.add_error(None, str(e))
            else:
                messages.success(request, f"Action updated: {action.title}.")
                return redirect("meetings:actions")
        status = 400
    else:
        form = forms.ActionForm(initial={k: getattr(action, k) for k in fields})
        status = 200
    return render(
        request, "meetings/action_form.html", {"form": form, "action": action}, status=status
    )


# Calendar feeds ------------------------------------------------------------------------------


@requires(P.VIEW_MEETINGS)
def calendar(request: HttpRequest) -> HttpResponse:
    token = CalendarToken.objects.filter(user=request.user).first()
    url = None
    if token is not None and token.is_active:
        url = request.build_absolute_uri(reverse("meetings:feed", args=[token.token]))
    return render(request, "meetings/calendar.html", {"token": token, "feed_url": url})


@requires(P.VIEW_MEETINGS)
@require_POST
def calendar_issue(request: HttpRequest) -> HttpResponse:
    services.issue_calendar_token(user=request.user, by=request.user)
    messages.success(request, "Your calendar address is ready. Any earlier address has stopped.")
    return redirect("meetings:calendar")


@requires(P.VIEW_MEETINGS)
@require_POST
def calendar_revoke(request: HttpRequest) -> HttpResponse:
    services.revoke_calendar_token(user=request.user, by=request.user)
    messages.success(request, "Your calendar address is revoked.")
    return redirect("meetings:calendar")


@public
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The ICS feed: open to whoever holds the token, which stands in for signing in."""
    found = (
        CalendarToken.objects.select_related("user")
        .filter(token=token, revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if found is None or not found.user.can(P.VIEW_MEETINGS):
        raise Http404("No such calendar")
    response = HttpResponse(feed_for(found.user), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="oversight.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response
