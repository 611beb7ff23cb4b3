"""The plan as people read it: priorities, outcomes and measures; a page per measure."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from oversight.accounts.decorators import public
from oversight.accounts.permissions import Permission
from oversight.plans.models import Measure, Plan
from oversight.plans.presenters import plan_tree


def _visible_plan(request: HttpRequest) -> Plan | None:
    """Return the plan if this user may see it: internal roles always, others once published."""
    plan = Plan.objects.first()
    if plan is None:
        return None
    user = request.user
    if user.is_authenticated and user.can(Permission.VIEW_PLAN):
        return plan
    return plan if plan.published else None


@public
def home(request: HttpRequest) -> HttpResponse:
    plan = _visible_plan(request)
    context = {"plan": plan, "tree": plan_tree(plan) if plan else []}
    return render(request, "plans/home.html", context)


@public
def measure_detail(request: HttpRequest, code: str) -> HttpResponse:
    plan = _visible_plan(request)
    if plan is None:
        raise Http404("No published plan")
    try:
        measure = (
            Measure.objects.select_related("outcome__priority")
            .prefetch_related("themes", "versions__created_by")
            .get(plan=plan, code=code)
        )
    except Measure.DoesNotExist as exc:
        raise Http404(f"No measure {code}") from exc
    return render(request, "plans/measure.html", {"plan": plan, "measure": measure})
