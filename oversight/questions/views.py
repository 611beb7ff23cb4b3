"""Pages of the Panel's questions: the Panel asks; the Commissioner's team assigns, answers and
releases; the public reads the answers released to it.

Each view parses its input, checks the role's permission, calls a service and renders.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from oversight.accounts.decorators import public, requires
from oversight.accounts.permissions import Permission
from oversight.core.forms import save_form
from oversight.questions import forms, pins, presenters, services
from oversight.questions.models import Question

P = Permission


def _today() -> dt.date:
    return timezone.localdate()


# The Panel -----------------------------------------------------------------------------------


def _named_pin(token: str) -> pins.Pinned | None:
    """Return the pin a link names ("?pin=figure:3:M01"), if the Panel can see it."""
    if not token:
        return None
    try:
        return pins.resolve(token)
    except pins.PinError:
        return None


@requires(P.ASK_QUESTIONS)
def ask(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        extra = _named_pin(request.POST.get("pin", ""))
        form = forms.AskForm(request.POST, auto_id="ask-%s", extra_pin=extra)
        saved: list[Question] = []
        if save_form(
            form,
            lambda data: saved.append(
                services.ask(kind=data["kind"], text=data["text"], pin=data["pin"], by=request.user)
            ),
        ):
            question = saved[0]
            words = {"due": date_format(question.due_date, "j F Y")}
            messages.success(
                request,
                (
                    _("Your question has been sent to the Commissioner's team; the answer is "
                      "due by %(due)s.")
                    if question.kind == Question.Kind.QUESTION
                    else _("Your information request has been sent to the Commissioner's team; "
                           "the answer is due by %(due)s.")
                ) % words,
            )  # fmt: skip
            return redirect(reverse("publishing:panel") + f"#question-{question.pk}")
        status = 400
    else:
        chosen = _named_pin(request.GET.get("pin", ""))
        initial = {"pin": chosen.token} if chosen else {}
        form = forms.AskForm(auto_id="ask-%s", initial=initial, extra_pin=chosen)
        status = 200
    context = {"form": form, "working_days": settings.QUESTION_WORKING_DAYS}
    return render(request, "questions/ask.html", context, status=status)


@requires(P.ASK_QUESTIONS)
def ask_moved(request: HttpRequest) -> HttpResponse:
    """The ask page is with the Panel's pages now, in English and Welsh: lead there."""
    query = request.GET.urlencode()
    return redirect(reverse("public_questions:ask") + (f"?{query}" if query else ""))


# The Commissioner's team ---------------------------------------------------------------------


@requires(P.ANSWER_QUESTIONS)
def register(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "questions/register.html",
        {"register": presenters.register(_today())},
    )


def _question(pk: int) -> Question:
    return get_object_or_404(
        Question.objects.select_related("asked_by", "assigned_to", "publication").defer(
            "publication__content", "publication__changes"
        ),
        pk=pk,
    )


def _detail_page(
    request: HttpRequest, question: Question, status: int = 200, **overrides: Any
) -> HttpResponse:
    user = request.user
    context = {
        "row": presenters.row(question, _today()),
        "question": question,
        "can_manage": user.can(P.MANAGE_QUESTIONS),
        "assign_form": overrides.get("assign_form")
        or forms.AssignForm(auto_id="assign-%s", initial={"assignee": question.assigned_to_id}),
        "answer_form": overrides.get("answer_form")
        or forms.AnswerForm(auto_id="answer-%s", initial={"answer": question.answer}),
        "release_form": overrides.get("release_form") or forms.ReleaseForm(auto_id="release-%s"),
    }
    return render(request, "questions/detail.html", context, status=status)


@requires(P.ANSWER_QUESTIONS)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail_page(request, _question(pk))


def _back(question: Question, anchor: str) -> HttpResponse:
    return redirect(reverse("questions:detail", args=[question.pk]) + f"#{anchor}")


@requires(P.MANAGE_QUESTIONS)
@require_POST
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    question = _question(pk)
    form = forms.AssignForm(request.POST, auto_id="assign-%s")
    if not save_form(
        form,
        lambda data: services.assign(question=question, assignee=data["assignee"], by=request.user),
        error_field="assignee",
    ):
        return _detail_page(request, question, 400, assign_form=form)
    messages.success(request, f"Assigned to {form.cleaned_data['assignee'].display_name}.")
    return _back(question, "assign")


@requires(P.ANSWER_QUESTIONS)
@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    question = _question(pk)
    form = forms.AnswerForm(request.POST, auto_id="answer-%s")
    if not save_form(
        form,
        lambda data: services.save_answer(
            question=question, answer=data["answer"], by=request.user
        ),
        error_field="answer",
    ):
        return _detail_page(request, question, 400, answer_form=form)
    messages.success(request, "Answer saved. The Panel sees it once it is released.")
    return _back(question, "answer")


@requires(P.MANAGE_QUESTIONS)
@require_POST
def release(request: HttpRequest, pk: int) -> HttpResponse:
    question = _question(pk)
    form = forms.ReleaseForm(request.POST, auto_id="release-%s")
    was_released = question.is_released
    if not save_form(
        form,
        lambda data: services.release(question=question, to_public=data["public"], by=request.user),
    ):
        return _detail_page(request, question, 400, release_form=form)
    if was_released:
        messages.success(request, "The question and its answer are now on the public site.")
    elif form.cleaned_data["public"]:
        messages.success(request, "Released to the Panel and published on the public site.")
    else:
        messages.success(request, "Released to the Panel.")
    return _back(question, "release")


# The public ----------------------------------------------------------------------------------


@public
def public_index(request: HttpRequest) -> HttpResponse:
    return render(request, "questions/public.html", {"rows": presenters.for_public(_today())})
