"""How we compare: the plan's force against its peers and all forces, on a funnel plot.

The page reads the database only (every force's counts stored by `oversight peers` or after
an import, populations, findings), never the warehouse, and compares only the measure shown.
Its body is drawn once for each state of those tables (``services.data_state``) and kept.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from oversight.accounts.decorators import requires
from oversight.accounts.permissions import Permission
from oversight.core.caching import cached
from oversight.peers import presenters, services
from oversight.peers.measures import plan_measures
from oversight.peers.models import CountedMonth
from oversight.plans.models import Plan


@requires(Permission.VIEW_PERFORMANCE)
def compare(request: HttpRequest) -> HttpResponse:
    plan = Plan.objects.first()
    periods = services.periods()
    period = request.GET.get("period") or (periods[0] if periods else None)
    measure = request.GET.get("measure", "")
    window = request.GET.get("window", "month")
    key = ("peers", plan.pk if plan else None, period, measure, window, services.data_state())
    body = cached(key, lambda: _body(plan, periods, period, measure, window))
    return render(request, "peers/compare.html", {"body": body})


def _body(plan: Plan | None, periods: list[str], period: str | None, wanted: str,
          window: str) -> str:  # fmt: skip
    context: dict[str, object] = {"plan": plan, "periods": periods, "period": period}
    forces = set(CountedMonth.objects.values_list("force", flat=True).distinct())
    context["other_forces"] = len(forces - {plan.force_slug}) if plan else len(forces)
    if plan is None or period not in periods:
        return render_to_string("peers/_body.html", context)
    measures, not_compared = plan_measures(plan)
    codes = [m.code for m in measures]
    chosen = wanted if wanted in codes else (codes[0] if codes else "")
    comparison = services.compare_force(
        force=plan.force_slug, period=period, plan=plan, codes=[chosen] if chosen else []
    )
    comparison.not_compared = not_compared
    context.update(presenters.page(comparison, measure_code=chosen, window_key=window))
    context["measures"] = measures
    return render_to_string("peers/_body.html", context)
