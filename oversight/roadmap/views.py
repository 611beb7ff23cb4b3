"""Roadmap pages: the matrix (internal and public), activities, alignment, the Board, files."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_POST

from oversight.accounts.decorators import public, requires
from oversight.accounts.permissions import Permission
from oversight.analysis.alignment import year_label
from oversight.core.forms import show_refusal
from oversight.core.tables import Rejected
from oversight.display.figure import figure
from oversight.display.pdf import html_to_pdf
from oversight.display.planning_charts import activity_balance_chart, funding_balance_chart
from oversight.meetings.forms import MeetingForm
from oversight.meetings.models import Decision, Meeting
from oversight.plans.models import Plan
from oversight.roadmap import rules, services
from oversight.roadmap.forms import (
    ActivityForm,
    ApproveTermsForm,
    MemberForm,
    ProposeTermsForm,
    TermsForm,
    UploadForm,
)
from oversight.roadmap.models import (
    Activity,
    BoardMember,
    Perspective,
    Status,
    TermsOfReference,
)
from oversight.roadmap.presenters import (
    LINK_FILTERS,
    Filters,
    activities_for,
    alignment_report,
    balance_for,
    balance_rows,
    balance_totals,
    build_matrix,
    partner_choices,
    waiting_on_partners,
)
from oversight.roadmap.rows import COLUMNS, export_rows, load_table, to_csv, to_xlsx
from oversight.roadmap.values import values_of

MAX_UPLOAD = 5 * 1024 * 1024


def _plan() -> Plan:
    plan = Plan.objects.first()
    if plan is None:
        raise Http404("No plan is loaded yet.")
    return plan


def _balance_context(request: HttpRequest, plan: Plan, activities: list) -> dict:
    """Return the balance table and its charts; funding only for those who see all of it."""
    result = balance_for(plan, activities)
    show_funding = rules.sees_all_funding(request.user)
    charts = [activity_balance_chart(result)]
    if show_funding:
        charts.append(funding_balance_chart(result))
    return {
        "waiting_on_partners": waiting_on_partners(plan, activities),
        "balance": result,
        "balance_rows": balance_rows(result),
        "balance_totals": balance_totals(result),
        "balance_total_text": f"£{sum(c.funded for c in result.totals):,}",
        "balance_figures": [
            figure(chart, f"balance-{i}") for i, chart in enumerate(charts, start=1)
        ],
        "show_funding": show_funding,
    }


def _matrix_context(request: HttpRequest, plan: Plan, *, public_only: bool) -> dict:
    filters = Filters.from_query(request.GET)
    activities = activities_for(plan)
    if public_only:
        activities = activities.filter(public=True)
    chosen = list(filters.apply(activities))
    matrix = build_matrix(
        plan,
        chosen,
        quarters=filters.quarters,
        show_unprioritised=not public_only,
        sees_funding=None if public_only else (lambda a: rules.sees_funding(request.user, a)),
    )
    return {
        **({} if public_only else _balance_context(request, plan, chosen)),
        "plan": plan,
        "matrix": matrix,
        "filters": filters,
        "public_only": public_only,
        "perspectives": Perspective.choices,
        "statuses": Status.choices,
        "partners": partner_choices(plan),
        "link_filters": LINK_FILTERS,
        "query": request.GET.urlencode(),
        "may_edit": request.user.is_authenticated and request.user.can(Permission.EDIT_ROADMAP),
    }


def _pdf(request: HttpRequest, template: str, context: dict, filename: str) -> HttpResponse:
    html = render_to_string(template, {**context, "printing": True}, request=request)
    pdf = html_to_pdf(html, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@requires(Permission.VIEW_ROADMAP)
def matrix(request: HttpRequest) -> HttpResponse:
    context = _matrix_context(request, _plan(), public_only=False)
    return render(request, "roadmap/matrix.html", context)


@requires(Permission.VIEW_ROADMAP)
def matrix_pdf(request: HttpRequest) -> HttpResponse:
    context = _matrix_context(request, _plan(), public_only=False)
    return _pdf(request, "roadmap/matrix.html", context, "roadmap.pdf")


@public
def public_matrix(request: HttpRequest) -> HttpResponse:
    # The public roadmap is the one frozen in the latest publication, never the working one.
    return redirect("publishing:latest_roadmap")


@requires(Permission.VIEW_ROADMAP)
def activity_detail(request: HttpRequest, ref: str) -> HttpResponse:
    activity = get_object_or_404(activities_for(_plan()), ref=ref)
    return render(
        request,
        "roadmap/activity.html",
        {
            "activity": activity,
            "may_edit": rules.may_edit_activity(request.user, activity),
            "sees_funding": rules.sees_funding(request.user, activity),
            "funding": [(year_label(f.year), f.amount) for f in activity.funding.all()],
        },
    )


def _fixed(request: HttpRequest, activity: Activity | None) -> dict:
    """Return the fields a partner may not change: their activities stay their organisation's."""
    user = request.user
    if user.role != "partner":
        return {}
    return {"perspective": Perspective.PARTNER, "partner": user.organisation}


def _save(request: HttpRequest, plan: Plan, activity: Activity | None) -> HttpResponse:
    fixed = _fixed(request, activity)
    status = 200
    if request.method == "POST":
        form = ActivityForm(request.POST, plan=plan, fixed=fixed)
        if form.is_valid():
            try:
                if activity is None:
                    activity = services.create_activity(
                        plan=plan, values=form.values, by=request.user
                    )
                    messages.success(request, f"Added {activity.ref} to the roadmap.")
                else:
                    services.update_activity(activity=activity, values=form.values, by=request.user)
                    messages.success(request, f"Saved {activity.ref}.")
                return redirect("roadmap:activity", ref=activity.ref)
            except (ValidationError, PermissionDenied) as exc:
                status = show_refusal(form, exc)
        else:
            status = 403 if form.refused else 400
    elif activity is not None:
        initial = ActivityForm.initial_from(values_of(activity))
        form = ActivityForm(initial=initial, plan=plan, fixed=fixed)
    else:
        form = ActivityForm(plan=plan, initial=_defaults(request, plan), fixed=fixed)
    return render(
        request,
        "roadmap/activity_form.html",
        {"form": form, "activity": activity, "fixed": fixed},
        status=status,
    )


def _defaults(request: HttpRequest, plan: Plan) -> dict:
    """Start a new activity in the user's own perspective, so their first save is allowed."""
    user = request.user
    initial: dict = {"start": f"{plan.first_year}Q1", "end": f"{plan.first_year}Q4"}
    if user.role == "partner":
        initial.update(perspective=Perspective.PARTNER, partner=user.organisation)
    elif user.role in rules.TEAM_PERSPECTIVE:
        initial["perspective"] = rules.TEAM_PERSPECTIVE[user.role]
    return initial


@requires(Permission.EDIT_ROADMAP)
def activity_create(request: HttpRequest) -> HttpResponse:
    return _save(request, _plan(), None)


@requires(Permission.EDIT_ROADMAP)
def activity_edit(request: HttpRequest, ref: str) -> HttpResponse:
    activity = get_object_or_404(activities_for(_plan()), ref=ref)
    if not rules.may_edit_activity(request.user, activity):
        raise PermissionDenied(
            rules.refusal(
                request.user, perspective=activity.perspective, partner_id=activity.partner_id
            )
        )
    return _save(request, activity.plan, activity)


@requires(Permission.VIEW_ROADMAP)
def alignment(request: HttpRequest) -> HttpResponse:
    plan = _plan()
    return render(
        request, "roadmap/alignment.html", {"plan": plan, "report": alignment_report(plan)}
    )


def _board_context() -> dict:
    today = timezone.localdate()
    meetings = Meeting.objects.filter(kind=Meeting.Kind.JOINT_PLANNING_BOARD)
    return {
        "terms": TermsOfReference.objects.select_related(
            "proposed_by__meeting", "approved_by__meeting"
        ),
        "current": services.current_terms(),
        "members": BoardMember.objects.select_related("organisation").filter(active=True),
        "meeting_groups": [
            ("Upcoming meetings", meetings.filter(date__gte=today).order_by("date", "start_time")),
            (
                "Past meetings, the latest first",
                meetings.filter(date__lt=today).order_by("-date", "-start_time")[:12],
            ),
        ],
        # The Board's decisions are its meetings' decisions, as recorded in their minutes.
        "decisions": Decision.objects.filter(meeting__kind=Meeting.Kind.JOINT_PLANNING_BOARD)
        .select_related("meeting")
        .order_by("-meeting__date", "-pk")[:20],
    }


@requires(Permission.VIEW_ROADMAP)
def board(request: HttpRequest) -> HttpResponse:
    context = _board_context()
    context["may_manage"] = request.user.can(Permission.MANAGE_PLANNING_BOARD)
    context["member_form"] = MemberForm()
    return render(request, "roadmap/board.html", context)


@requires(Permission.MANAGE_PLANNING_BOARD)
def board_meeting_new(request: HttpRequest) -> HttpResponse:
    form = MeetingForm(
        request.POST or None, auto_id="meeting-%s", initial={"title": services.BOARD_MEETING_TITLE}
    )
    if request.method == "POST" and form.is_valid():
        meeting = services.schedule_board_meeting(by=request.user, **form.cleaned_data)
        messages.success(request, f"{meeting.title} on {meeting.date:%d %B %Y} is scheduled.")
        return redirect("meetings:detail", pk=meeting.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "roadmap/meeting_form.html", {"form": form}, status=status)


def _terms(version: int) -> TermsOfReference:
    return get_object_or_404(
        TermsOfReference.objects.select_related("proposed_by__meeting", "approved_by__meeting"),
        version=version,
    )


def _terms_page(
    request: HttpRequest, terms: TermsOfReference, status: int = 200, **forms: object
) -> HttpResponse:
    may_manage = request.user.can(Permission.MANAGE_PLANNING_BOARD)
    context: dict[str, object] = {"terms": terms, "may_manage": may_manage}
    # Each step is offered only where it applies: a draft is proposed, a proposal approved.
    if may_manage and terms.status == TermsOfReference.Status.DRAFT:
        context["propose_form"] = forms.get("propose_form") or ProposeTermsForm(
            auto_id="propose-%s"
        )
    if may_manage and terms.status == TermsOfReference.Status.PROPOSED:
        context["approve_form"] = forms.get("approve_form") or ApproveTermsForm(
            terms=terms, auto_id="approve-%s"
        )
    return render(request, "roadmap/terms.html", context, status=status)


@requires(Permission.VIEW_ROADMAP)
def terms_detail(request: HttpRequest, version: int) -> HttpResponse:
    return _terms_page(request, _terms(version))


@requires(Permission.MANAGE_PLANNING_BOARD)
def terms_new(request: HttpRequest) -> HttpResponse:
    latest = TermsOfReference.objects.order_by("-version").first()
    initial = {"text": latest.text, "text_cy": latest.text_cy} if latest else {}
    form = TermsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        terms = services.draft_terms(**form.cleaned_data, by=request.user)
        messages.success(request, f"Draft version {terms.version} saved.")
        return redirect("roadmap:terms", version=terms.version)
    return render(request, "roadmap/terms_form.html", {"form": form})


def _record_step(
    request: HttpRequest,
    terms: TermsOfReference,
    form: ProposeTermsForm | ApproveTermsForm,
    step: Callable[..., TermsOfReference],
) -> bool:
    """Pass the chosen meeting to the step's service; return whether the step was recorded."""
    if not form.is_valid():
        return False
    try:
        step(terms=terms, meeting=form.cleaned_data["meeting"], by=request.user)
    except ValidationError as exc:
        form.add_error("meeting" if "meeting" in exc.message_dict else None, exc.messages)
        return False
    return True


@requires(Permission.MANAGE_PLANNING_BOARD)
@require_POST
def terms_propose(request: HttpRequest, version: int) -> HttpResponse:
    terms = _terms(version)
    form = ProposeTermsForm(request.POST, auto_id="propose-%s")
    if not _record_step(request, terms, form, services.propose_terms):
        return _terms_page(request, terms, 400, propose_form=form)
    messages.success(request, f"Version {terms.version} is proposed to the Strategic Board.")
    return redirect("roadmap:terms", version=terms.version)


@requires(Permission.MANAGE_PLANNING_BOARD)
@require_POST
def terms_approve(request: HttpRequest, version: int) -> HttpResponse:
    terms = _terms(version)
    form = ApproveTermsForm(request.POST, terms=terms, auto_id="approve-%s")
    if not _record_step(request, terms, form, services.approve_terms):
        return _terms_page(request, terms, 400, approve_form=form)
    messages.success(request, f"Version {terms.version} is approved by the Strategic Board.")
    return redirect("roadmap:terms", version=terms.version)


@public
def public_terms(request: HttpRequest) -> HttpResponse:
    # The public page is on the public site now, in Welsh and English; this address leads to it.
    return redirect("sitepages:terms", permanent=True)


@requires(Permission.MANAGE_PLANNING_BOARD)
@require_POST
def member_add(request: HttpRequest) -> HttpResponse:
    form = MemberForm(request.POST)
    if form.is_valid():
        member = services.add_board_member(**form.cleaned_data, by=request.user)
        messages.success(request, f"{member.name} is a member of the Board.")
    else:
        messages.error(request, "A member needs a name.")
    return redirect("roadmap:board")


def _pack_context(request: HttpRequest) -> dict:
    plan = _plan()
    context = _matrix_context(request, plan, public_only=False)
    context.update(_board_context())
    context["report"] = alignment_report(plan)
    return context


@requires(Permission.VIEW_ROADMAP)
def pack(request: HttpRequest) -> HttpResponse:
    return render(request, "roadmap/pack.html", _pack_context(request))


@requires(Permission.VIEW_ROADMAP)
def pack_pdf(request: HttpRequest) -> HttpResponse:
    return _pdf(request, "roadmap/pack.html", _pack_context(request), "joint-planning-board.pdf")


@requires(Permission.VIEW_ROADMAP)
def export(request: HttpRequest) -> HttpResponse:
    fmt = request.GET.get("format", "xlsx")
    if fmt not in ("csv", "xlsx"):
        raise Http404("Export as csv or xlsx.")
    rows = export_rows(_plan())
    if fmt == "csv":
        response = HttpResponse(to_csv(rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            to_xlsx(rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="roadmap.{fmt}"'
    return response


@requires(Permission.EDIT_ROADMAP)
def upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    errors = []
    result = None
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        if upload_file.size > MAX_UPLOAD:
            form.add_error("file", "The file is larger than 5 MB.")
        else:
            try:
                table = load_table(upload_file.read(), upload_file.name)
                result = services.import_table(plan=_plan(), table=table, by=request.user)
            except Rejected as exc:
                errors = exc.errors
    return render(
        request,
        "roadmap/upload.html",
        {"form": form, "errors": errors, "result": result, "columns": COLUMNS},
    )
