"""Forms of the meetings pages; they parse and check input, the services do the writing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from oversight.accounts.models import Organisation, User
from oversight.accounts.permissions import Role
from oversight.analysis.cycle import parse_rule
from oversight.core.forms import DateInput
from oversight.meetings.models import (
    Action,
    Attendee,
    CycleStep,
    Escalation,
    MeasureReview,
    Meeting,
)
from oversight.plans.models import Measure, MeasureStatus


def _month(value: str) -> dt.date:
    try:
        return dt.datetime.strptime(value, "%Y-%m").date()
    except ValueError:
        raise forms.ValidationError("Enter a month as YYYY-MM, e.g. 2026-02.") from None


class PlanCyclesForm(forms.Form):
    start = forms.CharField(label="First month (YYYY-MM)", max_length=7)
    end = forms.CharField(label="Last month (YYYY-MM)", max_length=7)
    rule = forms.CharField(
        label="Board day",
        initial="first Thursday",
        help_text="An ordinal and a weekday, e.g. 'first Thursday' or 'last Wednesday'.",
    )

    def clean_start(self) -> dt.date:
        return _month(self.cleaned_data["start"])

    def clean_end(self) -> dt.date:
        return _month(self.cleaned_data["end"])

    def clean_rule(self) -> str:
        rule = self.cleaned_data["rule"]
        try:
            parse_rule(rule)
        except ValueError as e:
            raise forms.ValidationError(str(e)) from None
        return rule

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", "The last month is before the first.")
            elif (end.year - start.year) * 12 + end.month - start.month > 24:
                self.add_error("end", "Plan at most two years at a time.")
        return data


class StepStatusForm(forms.Form):
    status = forms.ChoiceField(label="Status", choices=CycleStep.Status.choices)
    note = forms.CharField(label="Note (required to skip)", required=False, max_length=500)


class StepDateForm(forms.Form):
    planned_date = forms.DateField(label="New date", widget=DateInput)
    reason = forms.CharField(label="Why it moves", max_length=500)


class MeetingForm(forms.Form):
    """When and where a meeting outside the reporting cycle is held, and what it is called."""

    title = forms.CharField(label="Title", max_length=200)
    date = forms.DateField(label="Date", widget=DateInput)
    start_time = forms.TimeField(
        label="Start time",
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    location = forms.CharField(label="Location", max_length=200, required=False)


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label="Minutes", widget=forms.Textarea(attrs={"rows": 8}), required=False
    )
    held = forms.BooleanField(label="The meeting was held", required=False)


class DecisionForm(forms.Form):
    text = forms.CharField(label="Decision", widget=forms.Textarea(attrs={"rows": 3}))


class AgendaItemForm(forms.Form):
    title = forms.CharField(label="Item", max_length=300)
    purpose = forms.CharField(
        label="Purpose", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class AttendeeForm(forms.Form):
    name = forms.CharField(label="Name", max_length=200, required=False)
    job_title = forms.CharField(label="Job title or role", max_length=200)
    team = forms.ChoiceField(label="Team", choices=Attendee.Team.choices)


class EscalationDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Decision",
        choices=[("accept", "Escalate to the Board"), ("reject", "Do not escalate")],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label="Reason", widget=forms.Textarea(attrs={"rows": 2}))


class CsbResponseForm(forms.Form):
    response = forms.CharField(
        label="The Board's response", widget=forms.Textarea(attrs={"rows": 2})
    )


class RaiseEscalationForm(forms.Form):
    area = forms.CharField(label="Area of concern", max_length=200)
    reason = forms.CharField(label="Reason", widget=forms.Textarea(attrs={"rows": 2}))


class MeasureReviewForm(forms.Form):
    measure = forms.ModelChoiceField(
        label="Measure", queryset=Measure.objects.exclude(status=MeasureStatus.RETIRED)
    )
    decision = forms.ChoiceField(
        label="Decision", choices=MeasureReview.Decision.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(label="Reason", widget=forms.Textarea(attrs={"rows": 2}))
    effective_from = forms.DateField(
        label="Effective from (amend or retire)", required=False, widget=DateInput
    )
    new_name = forms.CharField(label="Amend: new name", required=False, max_length=200)
    new_target = forms.FloatField(label="Amend: new target", required=False)
    new_owner = forms.CharField(label="Amend: new owner", required=False, max_length=200)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        changes: dict[str, Any] = {}
        if data.get("new_name"):
            changes["name"] = data["new_name"]
        if data.get("new_target") is not None:
            changes["target"] = data["new_target"]
        if data.get("new_owner"):
            changes["owner"] = data["new_owner"]
        decision = data.get("decision")
        if decision in ("amend", "retire") and not data.get("effective_from"):
            self.add_error("effective_from", "Say from when the change takes effect.")
        if decision == "amend" and not changes:
            self.add_error("new_name", "An amendment needs at least one change.")
        if decision in ("keep", "retire") and changes:
            self.add_error("new_name", "Only an amendment changes the measure's definition.")
        data["changes"] = changes
        return data


def _people() -> Any:
    internal = (Role.COMMISSIONERS_TEAM, Role.CHIEF_CONSTABLES_TEAM, Role.PARTNER)
    return User.objects.filter(is_active=True, role__in=internal).order_by(
        "last_name", "first_name", "username"
    )


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return f"{obj.display_name} ({obj.job_title or obj.get_role_display()})"


class ActionForm(forms.Form):
    title = forms.CharField(label="Action", max_length=300)
    owner = UserChoiceField(label="Owner (a user)", queryset=User.objects.none(), required=False)
    owner_name = forms.CharField(
        label="Or owner's name (someone without a login)", max_length=200, required=False
    )
    organisation = forms.ModelChoiceField(
        label="Organisation", queryset=Organisation.objects.all(), required=False
    )
    due_date = forms.DateField(label="Due date", widget=DateInput)
    status = forms.ChoiceField(label="Status", choices=Action.Status.choices)
    notes = forms.CharField(label="Notes", widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _people()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("owner") and not (data.get("owner_name") or "").strip():
            self.add_error("owner", "Choose an owner or give their name.")
        return data


class NewActionForm(ActionForm):
    origin = forms.ChoiceField(label="Where it came from", choices=Action.Origin.choices)
    origin_meeting = forms.ModelChoiceField(
        label="Meeting (for an action from a meeting)",
        queryset=Meeting.objects.order_by("-date"),
        required=False,
    )
    origin_escalation = forms.ModelChoiceField(
        label="Escalation (for an action from an escalation)",
        queryset=Escalation.objects.filter(status=Escalation.Status.ACCEPTED).select_related(
            "measure", "action"
        ),
        required=False,
    )
    origin_label = forms.CharField(
        label="Theme or concern (for an action from one)", max_length=300, required=False
    )
    field_order = ["title", "origin", "origin_meeting", "origin_escalation", "origin_label"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        origin = data.get("origin")
        if origin == Action.Origin.MEETING and not data.get("origin_meeting"):
            self.add_error("origin_meeting", "Choose the meeting the action came from.")
        if origin == Action.Origin.ESCALATION and not data.get("origin_escalation"):
            self.add_error("origin_escalation", "Choose the escalation the action came from.")
        if (
            origin in (Action.Origin.THEME, Action.Origin.CONCERN)
            and not (data.get("origin_label") or "").strip()
        ):
            self.add_error("origin_label", "Name the theme or concern.")
        return data


class ActionFilterForm(forms.Form):
    owner = UserChoiceField(label="Owner", queryset=User.objects.none(), required=False)
    status = forms.ChoiceField(
        label="Status",
        choices=[("", "Any"), ("live", "Open or in progress"), *Action.Status.choices],
        required=False,
    )
    overdue = forms.BooleanField(label="Overdue only", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _people()
