"""The accountability record as the two teams keep it: each item, its verdicts, its publications.

The Commissioner's team records a verdict on each escalation and thematic review; the force
responds to a review's findings. Each page shows the item as a publication requested now would
freeze it, and the publications that have carried it so far.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from oversight.accountability import record
from oversight.accountability import services as accountability
from oversight.accountability.forms import FindingsResponseForm, VerdictForm
from oversight.accountability.models import FindingsResponse, Verdict
from oversight.accounts.decorators import requires
from oversight.accounts.permissions import Permission as P
from oversight.analysis.accountability import CLOSED_STATUSES, across
from oversight.core.forms import save_form
from oversight.publishing import services as publishing

KINDS = (record.ESCALATION, record.REVIEW)


def _published_in() -> dict[str, list[int]]:
    """Return, by item key, the numbers of the publications that carried it."""
    return {
        t.key: [a["number"] for a in t.appearances] for t in across(publishing.published_records())
    }


@requires(P.VIEW_MEETINGS)
def index(request: HttpRequest) -> HttpResponse:
    items = record.candidates()
    published = _published_in()
    for item in items:
        item["published_in"] = published.get(item["key"], [])
        item["open_actions"] = sum(1 for a in item["actions"] if a["status"] not in CLOSED_STATUSES)
        item["url"] = reverse("accountability:detail", args=item["key"].split(":"))
    return render(
        request,
        "publishing/record/index.html",
        {
            "items": items,
            "without_verdict": sum(1 for i in items if not i["verdict"]),
            "may_publish": request.user.can(P.PUBLISH),
        },
    )


def _item(kind: str, pk: int) -> dict[str, Any]:
    if kind not in KINDS:
        raise Http404("No such kind of item")
    key = f"{kind}:{pk}"
    found = next((i for i in record.candidates() if i["key"] == key), None)
    if found is None:
        raise Http404("Not an item of the accountability record")
    return found


def _detail_page(
    request: HttpRequest, kind: str, pk: int, status: int = 200, **forms: Any
) -> HttpResponse:
    item = _item(kind, pk)
    user = request.user
    verdicts = Verdict.objects.select_related("by").filter(
        **({"escalation_id": pk} if kind == record.ESCALATION else {"review_id": pk})
    )
    responses = (
        FindingsResponse.objects.select_related("by").filter(review_id=pk)
        if kind == record.REVIEW
        else FindingsResponse.objects.none()
    )
    context = {
        "item": item,
        "item_pk": pk,
        "verdicts": verdicts,
        "responses": responses,
        "published_in": _published_in().get(item["key"], []),
        "may_judge": user.can(P.RECORD_VERDICTS),
        "may_respond": kind == record.REVIEW and user.can(P.RESPOND_TO_FINDINGS),
        "verdict_form": forms.get("verdict_form") or VerdictForm(auto_id="verdict-%s"),
        "response_form": forms.get("response_form") or FindingsResponseForm(auto_id="response-%s"),
    }
    return render(request, "publishing/record/detail.html", context, status=status)


@requires(P.VIEW_MEETINGS)
def detail(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    return _detail_page(request, kind, pk)


def _back(kind: str, pk: int, anchor: str) -> HttpResponse:
    return redirect(reverse("accountability:detail", args=[kind, pk]) + f"#{anchor}")


@requires(P.RECORD_VERDICTS)
@require_POST
def verdict(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    _item(kind, pk)
    form = VerdictForm(request.POST, auto_id="verdict-%s")
    if not save_form(
        form,
        lambda data: accountability.record_verdict(
            key=f"{kind}:{pk}", verdict=data["verdict"], reasons=data["reasons"], by=request.user
        ),
    ):
        return _detail_page(request, kind, pk, 400, verdict_form=form)
    messages.success(request, "Verdict recorded. The next publication that carries it shows it.")
    return _back(kind, pk, "verdict")


@requires(P.RESPOND_TO_FINDINGS)
@require_POST
def response(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(record.REVIEW, pk)
    form = FindingsResponseForm(request.POST, auto_id="response-%s")
    review = accountability.subject_of(item["key"])
    if not save_form(
        form,
        lambda data: accountability.respond_to_findings(
            review=review, text=data["text"], by=request.user
        ),
        error_field="text",
    ):
        return _detail_page(request, record.REVIEW, pk, 400, response_form=form)
    messages.success(request, "The force's response is recorded.")
    return _back(record.REVIEW, pk, "response")
