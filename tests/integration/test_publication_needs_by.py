"""`oversight publication request|approve|reject` must name who acts: the two-person rule."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from oversight.accounts.models import AuditEvent
from oversight.publishing.models import Publication

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("action", ["request", "approve", "reject"])
def test_an_action_without_by_is_refused_before_anything_is_done(action):
    with pytest.raises(CommandError) as info:
        call_command("publication", action, "1", "--note", "why", stdout=StringIO())
    assert str(info.value) == (
        f"`{action}` needs --by USERNAME: a publication is requested by one named person "
        "and approved or rejected by another, and both are recorded"
    )
    assert not Publication.objects.exists()
    assert not AuditEvent.objects.exists()


def test_listing_needs_no_one():
    out = StringIO()
    call_command("publication", "list", stdout=out)
    assert out.getvalue() == "No publications.\n"
