"""What every form view does with a service: save a valid form, or show why not."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms


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
