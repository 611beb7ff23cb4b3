"""Forms for a planning-catalogue item and the catalogues' upload."""

from __future__ import annotations

from typing import Any

from django import forms

from oversight.accounts.models import Organisation
from oversight.core.forms import DateInput
from oversight.plans.models import Plan
from oversight.roadmap.catalogue_values import CODE_LENGTH, TITLE_LENGTH, ItemValues
from oversight.roadmap.catalogues import Catalogue, values_of
from oversight.roadmap.models import PartnerPlan
from oversight.roadmap.models.links import LinkItem

_DATES = ("assessment_date", "commitments_close", "publication_date")


def amount_field(year: int) -> str:
    """Return the form field of an MTFP line's amount in a plan year."""
    return f"amount_{year}"


class ItemForm(forms.Form):
    """Every field of one catalogue's item: amounts per plan year for an MTFP line, the kind,
    dates and years for a partner plan.

    A partner's items stay their organisation's: the organisation is then not offered, and a
    posted one that is not theirs is refused (`refused`), as on the activity form.
    """

    code = forms.CharField(
        max_length=CODE_LENGTH, help_text="A stable code, e.g. MTFP-07; activities link to it"
    )
    title = forms.CharField(max_length=TITLE_LENGTH)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    order = forms.IntegerField(
        min_value=0, required=False, initial=0, help_text="Its place in the list; 0 comes first"
    )
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.all(),
        required=False,
        help_text="Who owns it; partners maintain their own organisation's",
    )

    def __init__(
        self,
        *args: Any,
        catalogue: Catalogue,
        plan: Plan,
        fixed_organisation: Organisation | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.catalogue = catalogue
        self.plan = plan
        self.fixed_organisation = fixed_organisation
        self.refused = False
        if fixed_organisation is not None:
            self.fields.pop("organisation")
        if catalogue.has_amounts:
            for year, label in zip(plan.years, plan.year_labels, strict=True):
                self.fields[amount_field(year)] = forms.IntegerField(
                    label=f"Amount in {label} (£)",
                    min_value=0,
                    required=False,
                    help_text="Whole pounds; blank if none is planned",
                )
        if catalogue.is_partner_plan:
            self.fields["kind"] = forms.ChoiceField(choices=PartnerPlan.Kind.choices)
            for name in _DATES:
                model_field = PartnerPlan._meta.get_field(name)
                self.fields[name] = forms.DateField(
                    label=str(model_field.verbose_name).capitalize(),
                    help_text=model_field.help_text,
                    required=False,
                    widget=DateInput,
                )
            self.fields["first_year"] = forms.IntegerField(
                required=False, help_text="The first year the plan covers, e.g. 2025"
            )
            self.fields["last_year"] = forms.IntegerField(required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        posted = self.data.get("organisation") if hasattr(self.data, "get") else None
        own = self.fixed_organisation
        if own is not None and posted not in (None, "", str(own.pk)):
            self.refused = True
            self.add_error(
                None,
                f"Partners maintain only their own organisation's items: this one stays "
                f"{own}'s. Your other changes are below; save them without the reassignment, "
                "or ask the Commissioner's team to move it.",
            )
        return data

    @property
    def values(self) -> ItemValues:
        """Return the item's values from a valid form."""
        data = self.cleaned_data
        values = ItemValues(
            code=data["code"],
            title=data["title"],
            description=data.get("description", ""),
            order=data.get("order") or 0,
            organisation=self.fixed_organisation or data.get("organisation"),
        )
        if self.catalogue.has_amounts:
            values.amounts = {
                year: data[amount_field(year)]
                for year in self.plan.years
                if data.get(amount_field(year)) is not None
            }
        if self.catalogue.is_partner_plan:
            values.kind = data["kind"]
            for name in (*_DATES, "first_year", "last_year"):
                setattr(values, name, data.get(name))
        return values

    @staticmethod
    def initial_from(item: LinkItem) -> dict[str, Any]:
        """Return form initial data for an existing item."""
        values = values_of(item)
        initial: dict[str, Any] = {
            "code": values.code,
            "title": values.title,
            "description": values.description,
            "order": values.order,
            "organisation": values.organisation,
        }
        for year, amount in (values.amounts or {}).items():
            initial[amount_field(year)] = amount
        for name in (*_DATES, "kind", "first_year", "last_year"):
            initial[name] = getattr(values, name)
        return initial


class CatalogueUploadForm(forms.Form):
    file = forms.FileField(
        label="Catalogues file (.xlsx or .csv)",
        help_text="A workbook with a sheet per catalogue, or a CSV file with a catalogue column, "
        "as the export writes them. Nothing is saved if any row has a problem.",
    )
