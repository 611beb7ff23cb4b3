"""Forms of the themes pages; they parse and check input, the services do the writing."""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from oversight.accounts.models import Organisation, User
from oversight.accounts.permissions import Role
from oversight.core.forms import DateInput
from oversight.meetings.models import Meeting
from oversight.plans.models import Bcu, Measure, MeasureStatus, Theme
from oversight.themes.models import Concern, FollowUp, RigourTest, ThematicReview

INTERNAL = (Role.COMMISSIONERS_TEAM, Role.CHIEF_CONSTABLES_TEAM)


class BoardChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Meeting) -> str:
        return f"{obj.date:%d %B %Y}"


class UserChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return f"{obj.display_name} ({obj.get_role_display()})"


def upcoming_boards() -> QuerySet:
    """Return the Strategic Boards from today on, for a choice of Board."""
    return Meeting.objects.filter(kind=Meeting.Kind.CSB, date__gte=timezone.localdate())


def _internal_users() -> QuerySet:
    return User.objects.filter(is_active=True, role__in=INTERNAL).order_by("first_name", "username")


class ProposeForm(forms.Form):
    title = forms.CharField(max_length=200)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    origin = forms.ChoiceField(
        choices=[
            c
            for c in ThematicReview.Origin.choices
            # A concern is proposed from its own page, so the link to it is kept.
            if c[0] != ThematicReview.Origin.COMPSTAT_CONCERN
        ]
    )
    rationale = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Why this theme: what was directed, the event or the public concern.",
    )
    lead = UserChoice(queryset=_internal_users(), required=False)
    lead_name = forms.CharField(
        max_length=200, required=False, label="Lead (if not a user)", help_text="e.g. a job title"
    )
    theme = forms.ModelChoiceField(
        queryset=Theme.objects.all(), required=False, label="Theme area of the Plan"
    )
    measures = forms.ModelMultipleChoiceField(
        queryset=Measure.objects.filter(status=MeasureStatus.ACTIVE).order_by("code"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    recommended_at = forms.ModelChoiceField(
        queryset=Meeting.objects.filter(kind=Meeting.Kind.JPMG).order_by("-date"),
        required=False,
        label="JPMG that recommended it",
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        # Querysets are evaluated per form, so new users and meetings appear.
        self.fields["lead"].queryset = _internal_users()


class ScheduleForm(forms.Form):
    board = BoardChoice(queryset=Meeting.objects.none(), label="Strategic Board")
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="Needed when the review moves from one Board to another.",
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["board"].queryset = upcoming_boards()


class UrgentForm(forms.Form):
    board = BoardChoice(queryset=Meeting.objects.none(), label="Strategic Board")
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="The significant event or public concern that makes it urgent.",
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["board"].queryset = upcoming_boards()


class FindingsForm(forms.Form):
    findings = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}))
    recommendations = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)


class RigourForm(forms.Form):
    jpmg = BoardChoice(queryset=Meeting.objects.none(), label="JPMG meeting")
    data_sources = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Which data the findings rest on, and how current they are.",
    )
    trend_evidence = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="The trends shown, over what period, and whether they are significant.",
    )
    partner_views = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), help_text="What partners said."
    )
    limitations = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), help_text="What the findings cannot show."
    )
    outcome = forms.ChoiceField(choices=RigourTest.Outcome.choices)
    notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="Needed when the findings are referred back.",
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["jpmg"].queryset = Meeting.objects.filter(kind=Meeting.Kind.JPMG).order_by(
            "-date"
        )


class TransitionForm(forms.Form):
    to = forms.ChoiceField(choices=ThematicReview.Status.choices, widget=forms.HiddenInput)
    note = forms.CharField(required=False, max_length=1000)


class ActionForm(forms.Form):
    title = forms.CharField(max_length=300)
    owner = UserChoice(queryset=User.objects.none(), required=False)
    owner_name = forms.CharField(max_length=200, required=False, label="Owner (if not a user)")
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.all(), required=False)
    due_date = forms.DateField(widget=DateInput)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.filter(is_active=True).exclude(role="")


class ConcernForm(forms.Form):
    raised_by_name = forms.CharField(max_length=200, label="Raised by")
    raised_by_role = forms.ChoiceField(choices=Concern.RaisedByRole.choices, label="Their role")
    bcu = forms.ModelChoiceField(queryset=Bcu.objects.all(), required=False, label="BCU")
    service = forms.CharField(max_length=200, required=False, help_text="Or the service")
    concern = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    barrier = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label="Barrier to delivery from a partnership viewpoint",
    )
    partner = forms.ModelChoiceField(
        queryset=Organisation.objects.exclude(
            kind__in=[Organisation.Kind.FORCE, Organisation.Kind.OPCC]
        ),
        label="Partner organisation",
    )
    owner = UserChoice(
        queryset=User.objects.none(),
        required=False,
        label="Follow-up owner (Commissioner's team)",
    )
    raised_at = BoardChoice(
        queryset=Meeting.objects.none(), required=False, label="Force Compstat meeting"
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.filter(
            is_active=True, role=Role.COMMISSIONERS_TEAM
        )
        self.fields["raised_at"].queryset = Meeting.objects.filter(
            kind=Meeting.Kind.FORCE_COMPSTAT
        ).order_by("-date")

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("bcu") and not (data.get("service") or "").strip():
            self.add_error("service", "Give the BCU or the service.")
        return data


class ConcernFilterForm(forms.Form):
    status = forms.ChoiceField(choices=[("", "Any"), *Concern.Status.choices], required=False)
    where = forms.CharField(required=False, label="BCU or service")
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.all(), required=False, empty_label="Any"
    )


class ConcernStatusForm(forms.Form):
    status = forms.ChoiceField(choices=Concern.Status.choices)
    note = forms.CharField(required=False, max_length=1000)


class FollowUpForm(forms.Form):
    action = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), label="Action agreed with the partner"
    )
    due_date = forms.DateField(widget=DateInput)


class FollowUpUpdateForm(forms.Form):
    status = forms.ChoiceField(choices=FollowUp.Status.choices)
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Update")
