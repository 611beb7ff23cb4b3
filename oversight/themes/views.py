"""Pages of the thematic programme, each review, the concerns register and partners' follow-ups.

Each view parses its input, checks the role's permission, calls a service and renders.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from oversight.accounts.decorators import requires, signed_in
from oversight.accounts.permissions import Permission
from oversight.core.forms import save_form
from oversight.themes import forms, presenters, services
from oversight.themes.access import can_update_follow_up, visible_follow_ups
from oversight.themes.lifecycle import LifecycleError, may_take, next_steps, transition_for
from oversight.themes.models import Concern, ThematicReview

P = Permission
S = ThematicReview.Status


# The programme ------------------------------------------------------------------------------


@requires(P.VIEW_THEMES)
def programme(request: HttpRequest) -> HttpResponse:
    page = presenters.programme_page(timezone.localdate())
    context = {"page": page, "can_manage": request.user.can(P.MANAGE_THEMES)}
    return render(request, "themes/programme.html", context)


@requires(P.MANAGE_THEMES)
def review_new(request: HttpRequest) -> HttpResponse:
    form = forms.ProposeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            review = services.propose_review(
                title=data["title"],
                description=data["description"],
                origin=data["origin"],
                rationale=data["rationale"],
                lead=data["lead"],
                lead_name=data["lead_name"],
                theme=data["theme"],
                measures=data["measures"],
                recommended_at=data["recommended_at"],
                by=request.user,
            )
        except ValueError as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, f"“{review.title}” proposed for the programme.")
            return redirect("themes:review", review.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "themes/review_form.html", {"form": form}, status=status)


# A review -----------------------------------------------------------------------------------


def _review_page(
    request: HttpRequest, review: ThematicReview, status: int = 200, **bound: Any
) -> HttpResponse:
    user = request.user
    can_manage = user.can(P.MANAGE_THEMES)
    test = review.latest_rigour_test
    context = {
        "review": review,
        "lifecycle": presenters.lifecycle(review),
        "trail": presenters.trail(review),
        "rigour_tests": review.rigour_tests.select_related("jpmg", "by"),
        "latest_test": test,
        "measures": review.measures.order_by("code"),
        "can_manage": can_manage,
        "steps": next_steps(review, user) if can_manage else [],
    }
    if can_manage:

        def allowed(source: str, target: str) -> bool:
            try:
                return may_take(user, transition_for(source, target))
            except LifecycleError:
                return False

        if review.status == S.PROPOSED:
            context["schedule_form"] = bound.get("schedule_form") or forms.ScheduleForm(
                auto_id="schedule-%s"
            )
        if review.status in (S.SCHEDULED, S.FINDINGS_DRAFTED, S.RIGOUR_TESTED):
            context["move_form"] = bound.get("schedule_form") or forms.ScheduleForm(
                auto_id="schedule-%s"
            )
        if review.status in (S.PROPOSED, S.SCHEDULED, S.FINDINGS_DRAFTED, S.RIGOUR_TESTED):
            context["urgent_form"] = bound.get("urgent_form") or forms.UrgentForm(
                auto_id="urgent-%s"
            )
        source = S.SCHEDULED if review.status == S.FINDINGS_DRAFTED else review.status
        if review.status in (
            S.SCHEDULED,
            S.FINDINGS_DRAFTED,
            S.RIGOUR_TESTED,
        ) and allowed(source, S.FINDINGS_DRAFTED):
            context["findings_form"] = bound.get("findings_form") or forms.FindingsForm(
                auto_id="findings-%s",
                initial={"findings": review.findings, "recommendations": review.recommendations},
            )
        if review.status == S.FINDINGS_DRAFTED and allowed(S.FINDINGS_DRAFTED, S.RIGOUR_TESTED):
            context["rigour_form"] = bound.get("rigour_form") or forms.RigourForm(
                auto_id="rigour-%s"
            )
        if review.status in (S.PRESENTED, S.ACTIONS):
            context["action_form"] = bound.get("action_form") or forms.ActionForm(
                auto_id="action-%s"
            )
    context["transition_error"] = bound.get("transition_error", "")
    return render(request, "themes/review_detail.html", context, status=status)


def _get_review(pk: int) -> ThematicReview:
    return get_object_or_404(
        ThematicReview.objects.select_related(
            "lead",
            "theme",
            "board",
            "raised_by_concern__raised_at",
            "raised_by_concern__bcu",
            "raised_by_escalation",
            "recommended_at",
        ),
        pk=pk,
    )


@requires(P.VIEW_THEMES)
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _review_page(request, _get_review(pk))


@requires(P.MANAGE_THEMES)
@require_POST
def review_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    review = _get_review(pk)
    form = forms.ScheduleForm(request.POST, auto_id="schedule-%s")
    if form.is_valid():
        board, reason = form.cleaned_data["board"], form.cleaned_data["reason"]
        try:
            if review.status == S.PROPOSED:
                services.schedule(review=review, board=board, by=request.user, note=reason)
            else:
                services.reschedule(review=review, board=board, reason=reason, by=request.user)
        except ValueError as e:
            form.add_error(None, str(e))
    if form.errors:
        return _review_page(request, review, 400, schedule_form=form)
    messages.success(request, f"Scheduled for the Board on {review.board_date:%d %B %Y}.")
    return redirect("themes:review", pk)


@requires(P.MANAGE_THEMES)
@require_POST
def review_urgent(request: HttpRequest, pk: int) -> HttpResponse:
    review = _get_review(pk)
    form = forms.UrgentForm(request.POST, auto_id="urgent-%s")
    moved: list = []
    if form.is_valid():
        try:
            moved = services.insert_urgent(
                review=review,
                board=form.cleaned_data["board"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except ValueError as e:
            form.add_error(None, str(e))
    if form.errors:
        return _review_page(request, review, 400, urgent_form=form)
    messages.success(
        request,
        f"Inserted as urgent; {len(moved)} later review{'s' if len(moved) != 1 else ''} "
        "moved one Board on.",
    )
    return redirect("themes:review", pk)


@requires(P.MANAGE_THEMES)
@require_POST
def review_findings(request: HttpRequest, pk: int) -> HttpResponse:
    review = _get_review(pk)
    form = forms.FindingsForm(request.POST, auto_id="findings-%s")
    if not save_form(
        form,
        lambda data: services.draft_findings(
            review=review,
            findings=data["findings"],
            recommendations=data["recommendations"],
            by=request.user,
        ),
    ):
        return _review_page(request, review, 400, findings_form=form)
    messages.success(request, "Findings saved.")
    return redirect("themes:review", pk)


@requires(P.MANAGE_THEMES)
@require_POST
def review_rigour(request: HttpRequest, pk: int) -> HttpResponse:
    review = _get_review(pk)
    form = forms.RigourForm(request.POST, auto_id="rigour-%s")
    if form.is_valid():
        data = form.cleaned_data
        try:
            test = services.record_rigour_test(
                review=review,
                data_sources=data["data_sources"],
                trend_evidence=data["trend_evidence"],
                partner_views=data["partner_views"],
                limitations=data["limitations"],
                jpmg=data["jpmg"],
                outcome=data["outcome"],
                notes=data["notes"],
                by=request.user,
            )
        except ValueError as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, f"Rigour test recorded: {test.get_outcome_display()}.")
            return redirect("themes:review", pk)
    return _review_page(request, review, 400, rigour_form=form)


@requires(P.MANAGE_THEMES)
@require_POST
def review_transition(request: HttpRequest, pk: int) -> HttpResponse:
    review = _get_review(pk)
    form = forms.TransitionForm(request.POST)
    if not form.is_valid():
        return _review_page(request, review, 400, transition_error="Choose a step.")
    try:
        services.advance(
            review=review,
            to=form.cleaned_data["to"],
            note=form.cleaned_data["note"],
            by=request.user,
        )
    except ValueError as e:
        return _review_page(request, review, 400, transition_error=str(e))
    messages.success(request, f"The review is now {review.get_status_display().lower()}.")
    return redirect("themes:review", pk)


@requires(P.MANAGE_THEMES)
@require_POST
def review_action(request: HttpRequest, pk: int) -> HttpResponse:
    review = _get_review(pk)
    form = forms.ActionForm(request.POST, auto_id="action-%s")
    if not save_form(
        form,
        lambda data: services.add_action(
            review=review,
            title=data["title"],
            owner=data["owner"],
            owner_name=data["owner_name"],
            organisation=data["organisation"],
            due_date=data["due_date"],
            by=request.user,
        ),
    ):
        return _review_page(request, review, 400, action_form=form)
    messages.success(request, "Action added to the actions register.")
    return redirect("themes:review", pk)


# The concerns register ----------------------------------------------------------------------


@signed_in
def concerns(request: HttpRequest) -> HttpResponse:
    """The register for internal roles; a partner is sent to its own follow-ups."""
    user = request.user
    if not user.can(P.VIEW_CONCERNS):
        if user.can(P.UPDATE_FOLLOWUPS):
            return redirect("themes:follow_ups")
        raise PermissionDenied("Your role does not allow this (themes.concerns.view).")
    form = forms.ConcernFilterForm(request.GET or None)
    found = Concern.objects.select_related("bcu", "partner", "owner", "raised_at")
    if form.is_valid():
        data = form.cleaned_data
        found = presenters.filter_concerns(
            found,
            status=data["status"],
            where=data["where"].strip(),
            organisation=data["organisation"],
        )
    context = {
        "form": form,
        "concerns": found.prefetch_related("follow_ups", "reviews"),
        "can_manage": user.can(P.MANAGE_CONCERNS),
    }
    return render(request, "themes/concerns.html", context)


@requires(P.MANAGE_CONCERNS)
def concern_new(request: HttpRequest) -> HttpResponse:
    form = forms.ConcernForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            concern = services.raise_concern(
                raised_by_name=data["raised_by_name"],
                raised_by_role=data["raised_by_role"],
                bcu=data["bcu"],
                service=data["service"],
                concern=data["concern"],
                barrier=data["barrier"],
                partner=data["partner"],
                owner=data["owner"],
                raised_at=data["raised_at"],
                by=request.user,
            )
        except ValueError as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, "Concern recorded.")
            return redirect("themes:concern", concern.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "themes/concern_form.html", {"form": form}, status=status)


def _concern_page(
    request: HttpRequest, concern: Concern, status: int = 200, **bound: Any
) -> HttpResponse:
    user = request.user
    context = {
        "concern": concern,
        "follow_ups": concern.follow_ups.select_related("organisation").prefetch_related(
            "updates__by"
        ),
        "reviews": concern.reviews.all(),
        "can_manage": user.can(P.MANAGE_CONCERNS),
        "can_propose": user.can(P.MANAGE_THEMES),
        "status_form": bound.get("status_form")
        or forms.ConcernStatusForm(auto_id="status-%s", initial={"status": concern.status}),
        "follow_up_form": bound.get("follow_up_form") or forms.FollowUpForm(auto_id="fu-%s"),
        "error": bound.get("error", ""),
    }
    return render(request, "themes/concern_detail.html", context, status=status)


def _get_concern(pk: int) -> Concern:
    return get_object_or_404(
        Concern.objects.select_related("bcu", "partner", "owner", "raised_at"), pk=pk
    )


@requires(P.VIEW_CONCERNS)
def concern_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _concern_page(request, _get_concern(pk))


@requires(P.MANAGE_CONCERNS)
@require_POST
def concern_status(request: HttpRequest, pk: int) -> HttpResponse:
    concern = _get_concern(pk)
    form = forms.ConcernStatusForm(request.POST, auto_id="status-%s")
    if not save_form(
        form,
        lambda data: services.set_concern_status(
            concern=concern,
            status=data["status"],
            note=data["note"],
            by=request.user,
        ),
    ):
        return _concern_page(request, concern, 400, status_form=form)
    messages.success(request, f"Concern {concern.get_status_display().lower()}.")
    return redirect("themes:concern", pk)


@requires(P.MANAGE_CONCERNS)
@require_POST
def concern_follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    concern = _get_concern(pk)
    form = forms.FollowUpForm(request.POST, auto_id="fu-%s")
    if not save_form(
        form,
        lambda data: services.add_follow_up(
            concern=concern,
            action=data["action"],
            due_date=data["due_date"],
            by=request.user,
        ),
    ):
        return _concern_page(request, concern, 400, follow_up_form=form)
    messages.success(request, f"Follow-up agreed with {concern.partner}.")
    return redirect("themes:concern", pk)


@requires(P.MANAGE_THEMES)
@require_POST
def concern_propose(request: HttpRequest, pk: int) -> HttpResponse:
    concern = _get_concern(pk)
    try:
        review = services.propose_as_theme(concern=concern, by=request.user)
    except ValueError as e:
        return _concern_page(request, concern, 400, error=str(e))
    messages.success(request, "Proposed as a thematic review.")
    return redirect("themes:review", review.pk)


# Partners' follow-ups -----------------------------------------------------------------------


@requires(P.UPDATE_FOLLOWUPS)
def follow_ups(request: HttpRequest) -> HttpResponse:
    found = visible_follow_ups(request.user).order_by("status", "due_date", "pk")
    return render(request, "themes/follow_ups.html", {"follow_ups": found})


@requires(P.UPDATE_FOLLOWUPS)
def follow_up_detail(request: HttpRequest, pk: int) -> HttpResponse:
    follow_up = get_object_or_404(visible_follow_ups(request.user), pk=pk)
    if not can_update_follow_up(request.user, follow_up):
        raise Http404("No such follow-up")
    form = forms.FollowUpUpdateForm(
        request.POST or None, auto_id="update-%s", initial={"status": follow_up.status}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_follow_up(
                follow_up=follow_up,
                text=form.cleaned_data["text"],
                status=form.cleaned_data["status"],
                by=request.user,
            )
        except ValueError as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, "Update recorded.")
            return redirect("themes:follow_up", pk)
    context = {
        "follow_up": follow_up,
        "updates": follow_up.updates.select_related("by"),
        "form": form,
        "show_concern_link": request.user.can(P.VIEW_CONCERNS),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "themes/follow_up_detail.html", context, status=status)
