"""The plan as people read it: priorities, outcomes and measures; a page per measure; and
the Welsh texts page, where the Commissioner's team writes the plan's Welsh."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from oversight.accounts.decorators import public, requires
from oversight.accounts.permissions import Permission
from oversight.core.forms import save_form
from oversight.plans import services, welsh
from oversight.plans.forms import WelshForm
from oversight.plans.models import Measure, Plan
from oversight.plans.presenters import plan_tree, welsh_sections

# The Welsh texts page's filter: every text, or only those with no Welsh version.
MISSING = "missing"


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
    context = {
        "plan": plan,
        "tree": plan_tree(plan) if plan else [],
        "may_edit_welsh": user.can(Permission.EDIT_PLAN),
    }
    return render(request, "plans/home.html", context)


@requires(Permission.VIEW_PLAN)
def measure_detail(request: HttpRequest, code: str) -> HttpResponse:
    plan = _current_plan()
    try:
        measure = (
            Measure.objects.select_related("outcome__priority")
            .prefetch_related("themes", "versions__created_by")
            .get(plan=plan, code=code)
        )
    except Measure.DoesNotExist as exc:
        raise Http404(f"No measure {code}") from exc
    return render(request, "plans/measure.html", {"plan": plan, "measure": measure})


def _current_plan() -> Plan:
    plan = Plan.objects.first()
    if plan is None:
        raise Http404("No plan has been loaded")
    return plan


@requires(Permission.VIEW_PLAN)
def welsh_texts(request: HttpRequest) -> HttpResponse:
    """Every text of the plan, its English beside its Welsh; optionally only those missing."""
    plan = _current_plan()
    missing_only = request.GET.get("show") == MISSING
    sections = welsh_sections(plan, missing_only=missing_only)
    context = {
        "plan": plan,
        "sections": sections,
        "missing_only": missing_only,
        "total": sum(s.total for s in sections),
        "missing": sum(s.missing for s in sections),
        "may_edit": request.user.can(Permission.EDIT_PLAN),
    }
    return render(request, "plans/welsh.html", context)


@requires(Permission.EDIT_PLAN)
def welsh_edit(request: HttpRequest, kind: str, code: str) -> HttpResponse:
    """Write the Welsh texts of one item of the plan; then back to the list, at the item."""
    plan = _current_plan()
    item = welsh.find(plan, kind, code)
    if item is None:
        raise Http404(f"The plan has no {kind} {code}")
    spec = welsh.KINDS[kind]
    form = WelshForm(request.POST or None, kind=spec, item=item)
    show = MISSING if (request.POST or request.GET).get("show") == MISSING else ""

    changed: list[bool] = []

    def save(data: dict[str, str]) -> None:
        # A text the request left out is left as it is, not cleared.
        texts = {field: value for field, value in data.items() if field in request.POST}
        changed.append(services.save_welsh(item=item, texts=texts, by=request.user))

    if request.method == "POST" and save_form(form, save):
        name = spec.name_of(item)
        if changed[0]:
            messages.success(request, f"The Welsh of {name} is saved.")
        else:
            messages.info(request, f"Nothing changed: the Welsh of {name} was already as given.")
        back = reverse("plans:welsh") + (f"?show={MISSING}" if show else "")
        return redirect(f"{back}#{kind}-{spec.code_of(item)}")
    context = {
        "plan": plan,
        "kind": spec,
        "item": item,
        "name": spec.name_of(item),
        "form": form,
        "show": show,
    }
    return render(request, "plans/welsh_edit.html", context, status=400 if form.errors else 200)
