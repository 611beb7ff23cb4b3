"""Every date input on every form sends its value as YYYY-MM-DD, the only form browsers take.

Rendered in the site's locale ("23/11/2026"), a date input shows empty, and saving an edit form
unchanged then fails with "This field is required".
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
import re

import pytest
from django import forms

import oversight

DAY = dt.date(2026, 11, 23)


def _form_classes() -> list[type[forms.BaseForm]]:
    found = []
    for module in pkgutil.walk_packages(oversight.__path__, "oversight."):
        if not module.name.endswith(".forms"):
            continue
        for _, cls in inspect.getmembers(importlib.import_module(module.name), inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.name:
                found.append(cls)
    return found


DATE_FIELDS = [
    (cls, name, field)
    for cls in _form_classes()
    for name, field in cls.base_fields.items()
    if isinstance(field, forms.DateField)
]


def test_there_are_date_fields_to_check():
    assert len(DATE_FIELDS) >= 5


@pytest.mark.parametrize(
    ("cls", "name", "field"), DATE_FIELDS, ids=[f"{c.__name__}.{n}" for c, n, _ in DATE_FIELDS]
)
def test_a_date_input_renders_its_value_as_iso(cls, name, field):
    html = field.widget.render(name, DAY)
    value = re.search(r'value="([^"]*)"', html)
    assert value is not None and value.group(1) == "2026-11-23", html
    assert dt.date.fromisoformat(value.group(1)) == DAY
    assert 'type="date"' in html
