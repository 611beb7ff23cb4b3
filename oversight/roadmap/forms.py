"""Forms for activities, the roadmap upload and the Joint Planning Board."""

from __future__ import annotations

import re

from django import forms
from django.db.models import QuerySet

from oversight.accounts.models import Organisation
from oversight.core.forms import DateInput
from oversight.meetings.models import Meeting
from oversight.plans.models import Measure, Outcome, Plan, Priority
from oversight.roadmap.models import LINK_MODELS, Perspective, Status, TermsOfReference
from oversight.roadmap.rows import parse_milestones
from oversight.roadmap.values import LINK_FIELDS, ActivityValues, MilestoneValues

_QUARTER = re.compile(r"^(\d{4})\s*Q([1-4])$", re.IGNORECASE)


def _quarter_choices(plan: Plan) -> list[tuple[str, str]]:
    return [
        (f"{y}Q{q}", f"{label} Q{q}")
        for y, label in zip(plan.years, plan.year_labels, strict=True)
        for q in (1, 2, 3, 4)
    ]


def funding_field(year: int) -> str:
    return f"funding_{year}"


class ActivityForm(forms.Form):
    """Every field of an activity; milestones as one line each ("2026Q2: Title [done]")."""

    ref = forms.CharField(max_length=30, help_text="A stable code, e.g. RM-021")
    title = forms.CharField(max_length=200)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    priority = forms.ModelChoiceField(queryset=Priority.objects.none(), required=False)
    perspective = forms.ChoiceField(choices=Perspective.choices)
    partner = forms.ModelChoiceField(
        queryset=Organisation.objects.all(),
        required=False,
        help_text="Required when the perspective is a partner's",
    )
    lead = forms.CharField(max_length=200, required=False)
    start = forms.ChoiceField(help_text="Quarter 1 is April to June")
    end = forms.ChoiceField()
    status = forms.ChoiceField(choices=Status.choices)
    milestones = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text='One a line: "2026Q2: Pilot launched [done]" or "2026-09-30: Evaluation"',
    )
    outcomes = forms.ModelMultipleChoiceField(queryset=Outcome.objects.none(), required=False)
    measures = forms.ModelMultipleChoiceField(queryset=Measure.objects.none(), required=False)
    partner_committed_on = forms.DateField(
        required=False,
        widget=DateInput,
        label="Partner committed on",
        help_text="When the partner committed to it in the partner plan linked below",
    )
    public = forms.BooleanField(required=False, help_text="Shown to the public and the Panel")
    public_summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Plain English; required when public",
    )
    public_summary_cy = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label="Public summary (Welsh)",
        help_text="The summary in Welsh; the publication request lists any public activity "
        "without one",
    )

    def __init__(
        self, *args: object, plan: Plan, fixed: dict | None = None, **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        # Fields the user may not change (a partner's perspective and organisation) are not
        # offered at all; their values come from here.
        self.fixed = dict(fixed or {})
        self.refused = False  # set when a posted value would change a fixed field
        for name in self.fixed:
            self.fields.pop(name, None)
        self.fields["priority"].queryset = Priority.objects.filter(plan=plan)
        self.fields["outcomes"].queryset = Outcome.objects.filter(priority__plan=plan)
        self.fields["measures"].queryset = Measure.objects.filter(plan=plan)
        self.fields["start"].choices = self.fields["end"].choices = _quarter_choices(plan)
        for name, model, label in LINK_MODELS:
            self.fields[name] = forms.ModelChoiceField(
                queryset=model.objects.filter(plan=plan), required=False, label=label
            )
        for year, label in zip(plan.years, plan.year_labels, strict=True):
            self.fields[funding_field(year)] = forms.IntegerField(
                required=False,
                min_value=0,
                max_value=10**12,
                label=f"Funding {label} (£)",
                help_text="Whole pounds from the Medium Term Financial Plan line"
                if year == plan.first_year
                else "",
            )

    def clean(self) -> dict:
        data = super().clean()
        self._refuse_fixed_changes()
        if self.errors:
            return data
        text = "; ".join((data.get("milestones") or "").splitlines())
        milestones, problems = parse_milestones(text, self.plan)
        if problems:
            self.add_error("milestones", problems)
            return data
        self.values = self._values(data, milestones)
        for field, reason in self.values.problems(self.plan):
            target = {
                "start_year": "start",
                "end_year": "end",
                "funding": funding_field(self.plan.first_year),
            }.get(field, field)
            self.add_error(target if target in self.fields else None, reason)
        return data

    def _refuse_fixed_changes(self) -> None:
        """Say so when a posted value would change a field the user may not change."""
        wanted = {
            "perspective": str(self.fixed.get("perspective", "")),
            "partner": str(getattr(self.fixed.get("partner"), "pk", "")),
        }
        for name, value in wanted.items():
            posted = self.data.get(name) if hasattr(self.data, "get") else None
            if name in self.fixed and posted not in (None, "", value):
                owner = self.fixed.get("partner") or "your organisation"
                self.refused = True
                self.add_error(
                    None,
                    f"Partners may change only their own organisation's activities: this one "
                    f"stays {owner}'s. Your other changes are below; save them without the "
                    "reassignment, or ask the Commissioner's team to move it.",
                )
                return

    def _values(self, data: dict, milestones: list[MilestoneValues]) -> ActivityValues:
        start = _QUARTER.match(data["start"])
        end = _QUARTER.match(data["end"])
        return ActivityValues(
            ref=data["ref"],
            title=data["title"],
            description=data.get("description", ""),
            priority=data.get("priority"),
            perspective=self.fixed.get("perspective", data.get("perspective")),
            partner=self.fixed.get("partner", data.get("partner")),
            lead=data.get("lead", ""),
            start_year=int(start[1]),
            start_quarter=int(start[2]),
            end_year=int(end[1]),
            end_quarter=int(end[2]),
            status=data["status"],
            outcomes=list(data.get("outcomes") or []),
            measures=list(data.get("measures") or []),
            links={name: data.get(name) for name in LINK_FIELDS},
            public=bool(data.get("public")),
            public_summary=data.get("public_summary", ""),
            public_summary_cy=data.get("public_summary_cy", ""),
            milestones=milestones,
            funding={
                year: data[funding_field(year)]
                for year in self.plan.years
                if data.get(funding_field(year))
            },
            partner_committed_on=data.get("partner_committed_on"),
        )

    @staticmethod
    def initial_from(values: ActivityValues) -> dict:
        """Return form initial data for existing values."""
        initial = {
            "ref": values.ref,
            "title": values.title,
            "description": values.description,
            "priority": values.priority,
            "perspective": values.perspective,
            "partner": values.partner,
            "lead": values.lead,
            "start": f"{values.start_year}Q{values.start_quarter}",
            "end": f"{values.end_year}Q{values.end_quarter}",
            "status": values.status,
            "milestones": "\n".join(m.text for m in values.milestones),
            "outcomes": values.outcomes,
            "measures": values.measures,
            "public": values.public,
            "public_summary": values.public_summary,
            "public_summary_cy": values.public_summary_cy,
            "partner_committed_on": values.partner_committed_on,
        }
        initial.update(values.links)
        initial.update({funding_field(y): amount for y, amount in values.funding.items()})
        return initial


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Roadmap spreadsheet (.xlsx or .csv)",
        help_text="One row per activity, as the export writes it. Nothing is saved if any row "
        "has a problem.",
    )


class TermsForm(forms.Form):
    text = forms.CharField(label="Terms of reference", widget=forms.Textarea(attrs={"rows": 14}))
    text_cy = forms.CharField(
        label="Terms of reference in Welsh (Cymraeg)",
        required=False,
        help_text="The public page shows this on the Welsh site; without it, the English is "
        "shown there with a note that there is no Welsh version yet.",
        widget=forms.Textarea(
            attrs={"rows": 14, "lang": "cy", "aria-describedby": "id_text_cy-help"}
        ),
    )


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Meeting) -> str:
        return f"{obj.date.day} {obj.date:%B %Y}: {obj.title}"


def _held(kind: str) -> QuerySet[Meeting]:
    # A decision is recorded at a meeting once held (the services refuse the others too).
    return Meeting.objects.filter(kind=kind, status=Meeting.Status.HELD).order_by("-date", "-pk")


class ProposeTermsForm(forms.Form):
    """The Joint Planning Board meeting whose decision proposes a draft to the Strategic Board."""

    meeting = MeetingChoiceField(
        queryset=_held(Meeting.Kind.JOINT_PLANNING_BOARD),
        label="Joint Planning Board meeting (held)",
        empty_label=None,
    )


class ApproveTermsForm(forms.Form):
    """The Strategic Board meeting whose decision approves a proposed version."""

    meeting = MeetingChoiceField(
        queryset=_held(Meeting.Kind.CSB), label="Strategic Board meeting (held)", empty_label=None
    )

    def __init__(self, *args: object, terms: TermsOfReference, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        # Only a Board that met once the version was proposed can have approved it.
        if terms.proposed_on is not None:
            field = self.fields["meeting"]
            field.queryset = field.queryset.filter(date__gte=terms.proposed_on)


class MemberForm(forms.Form):
    name = forms.CharField(max_length=200)
    job_title = forms.CharField(max_length=200, required=False)
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.all(), required=False)
