"""What every form view does with a service: save a valid form, or show why not."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError


def save_form(
    form: forms.Form, save: Callable[[dict[str, Any]], object], *, error_field: str | None = None
) -> bool:
    """Pass a valid form's data to ``save``; return whether it was saved.

    Services refuse what the rules do not allow with a ValueError; its message becomes an error
    on the form (on ``error_field``, or the whole form), to be shown with the form's own.
    """
    if not form.is_valid():
        return False
    try:
        save(form.cleaned_data)
    except ValueError as e:
        form.add_error(error_field, str(e))
        return False
    return True


def show_refusal(form: forms.Form, exc: ValidationError | PermissionDenied) -> int:
    """Put a service's refusal on the form, to show again with what was typed; return the status.

    A ValidationError's messages go on the fields they name (the whole form otherwise): 400.
    A PermissionDenied refuses the change, not the page, so it is said above the form: 403.
    """
    if isinstance(exc, PermissionDenied):
        form.add_error(None, str(exc))
        return 403
    found = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
    for field, errors in found.items():
        form.add_error(field if field in form.fields else None, errors)
    return 400


class DateInput(forms.DateInput):
    """A browser date picker. Its value is always ISO (YYYY-MM-DD), the only form a date input
    accepts: rendered in the site's locale ("23/11/2026") the browser shows an empty field, and
    the form is refused on saving unless the date is typed again."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None, format: str | None = None) -> None:
        super().__init__(attrs=attrs, format=format or "%Y-%m-%d")
