"""Forms of the publishing pages; they parse and check input, the services do the writing."""

from __future__ import annotations

from django import forms

from oversight.core.forms import DateInput
from oversight.performance.models import Snapshot, SnapshotStatus


class RequestForm(forms.Form):
    snapshot = forms.ModelChoiceField(
        queryset=Snapshot.objects.none(),
        label="Snapshot",
        help_text="Only snapshots presented to the Board (frozen) can be published.",
        empty_label=None,
    )
    includes_roadmap = forms.BooleanField(
        required=False, initial=True, label="Publish the roadmap as it stands (public activities)"
    )
    record_items = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Accountability record: publish these items",
        help_text="Each escalation accepted for the Board and each thematic review the Board has "
        "considered, with its actions and the Commissioner's verdict. Items in the last "
        "publication are ticked, so the public sees how they moved on.",
    )
    note = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), label="Note for the approver"
    )

    def __init__(self, *args, record_choices: list[tuple[str, str]] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["record_items"].choices = list(record_choices)
        field = self.fields["snapshot"]
        field.queryset = Snapshot.objects.exclude(status=SnapshotStatus.DRAFT).order_by(
            "-period", "-pk"
        )
        field.label_from_instance = lambda s: (
            f"{s.period} · snapshot {s.pk} ({s.get_status_display()})"
        )


class DecisionForm(forms.Form):
    note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Note (a reason is required to reject)",
    )
    welsh_reason = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Why publish it without the Welsh texts listed (required if any are missing)",
    )


class PaperForm(forms.Form):
    title = forms.CharField(max_length=200)
    summary = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    meeting_date = forms.DateField(required=False, widget=DateInput, label="Panel meeting (date)")
    file = forms.FileField(
        help_text="PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx), OpenDocument text, CSV "
        "or plain text; at most 20 MB."
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label="Why withdraw it")
