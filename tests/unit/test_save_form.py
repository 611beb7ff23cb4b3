from django import forms

from oversight.core.forms import save_form


class NoteForm(forms.Form):
    note = forms.CharField()


def test_a_valid_form_is_saved_with_its_cleaned_data():
    saved = []
    assert save_form(NoteForm({"note": " hello "}), saved.append)
    assert saved == [{"note": "hello"}]


def test_an_invalid_form_is_not_saved():
    saved = []
    form = NoteForm({})
    assert not save_form(form, saved.append)
    assert saved == [] and "note" in form.errors


def test_a_services_refusal_becomes_an_error_on_the_form():
    def refuse(data):
        raise ValueError("Not on a bank holiday.")

    form = NoteForm({"note": "x"})
    assert not save_form(form, refuse, error_field="note")
    assert form.errors["note"] == ["Not on a bank holiday."]
    whole = NoteForm({"note": "x"})
    assert not save_form(whole, refuse)
    assert whole.non_field_errors() == ["Not on a bank holiday."]


def test_a_refusal_goes_on_the_field_it_names_or_above_the_form_with_its_status():
    from django.core.exceptions import PermissionDenied, ValidationError

    from oversight.core.forms import show_refusal

    form = NoteForm({"note": "x"})
    form.is_valid()
    assert show_refusal(form, ValidationError({"note": ["Too short."], "other": ["Odd."]})) == 400
    assert form.errors["note"] == ["Too short."]
    assert form.non_field_errors() == ["Odd."]
    refused = NoteForm({"note": "x"})
    refused.is_valid()
    assert show_refusal(refused, PermissionDenied("Partners may not.")) == 403
    assert refused.non_field_errors() == ["Partners may not."]
