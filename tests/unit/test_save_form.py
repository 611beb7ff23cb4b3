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
