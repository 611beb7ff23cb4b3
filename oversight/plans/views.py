"""The plan as people read it: priorities, outcomes and measures; a page per measure."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from oversight.accounts.decorators import public, requires
from oversight.accounts.permissions import Permission
from oversight.plans.models import Measure, Plan
from oversight.plans.presenters import plan_tree


@public
def home(request: HttpRequest) -> HttpResponse:
    """The working plan for those who may see it; everyone else reads the published one."""
    user = request.user
    if not (user.is_authenticated and user.can(Permission.VIEW_PLAN)):
        # The public and the Panel read only what has been published, never the working plan.
        if user.is_authenticated and user.can(Permission.VIEW_PANEL):
            return redirect("publishing:panel")
        return redirect("publishing:index")
    plan = Plan.objects.first()
    context = {"plan": plan, "tree": plan_tree(plan) if plan else []}
    return render(request, "plans/home.html", context)


@requires(Permission.VIEW_PLAN)
def measure_detail(request: HttpRequest, code: str) -> HttpResponse:
    plan = Plan.objects.first()
    if plan is None:
        raise Http404("No plan has been loaded")
    try:
        measure = (
            Measure.objects.select_related("outcome__priority")
            .prefetch_related("themes", "versions__created_by")
            .get(plan=plan, code=code)
        )
    except Measure.DoesNotExist as exc:
        raise Http404(f"No measure {code}") from exc
    return render(request, "plans/measure.html", {"plan": plan, "measure": measure})
