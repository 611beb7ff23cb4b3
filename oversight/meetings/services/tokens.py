"""Calendar feed tokens: issue, regenerate and revoke the secret in a user's ICS URL."""

from __future__ import annotations

import secrets

from django.db import transaction
from django.utils import timezone

from oversight.accounts import audit
from oversight.accounts.models import User
from oversight.meetings.models import CalendarToken

# 32 random bytes, URL-safe base64: 43 characters no one will guess.
TOKEN_BYTES = 32


@transaction.atomic
def issue_calendar_token(*, user: User, by: User | None) -> CalendarToken:
    """Give the user a new feed token, replacing (and so closing) any earlier one."""
    token = CalendarToken.objects.select_for_update().filter(user=user).first()
    action = "calendar_token.regenerated" if token is not None else "calendar_token.issued"
    if token is None:
        token = CalendarToken(user=user)
    token.token = secrets.token_urlsafe(TOKEN_BYTES)
    token.created_at = timezone.now()
    token.revoked_at = None
    token.save()
    # The token is a secret: the audit log records that it changed, never its value.
    audit.record(by=by, action=action, obj=token, after={"created_at": token.created_at})
    return token


@transaction.atomic
def revoke_calendar_token(*, user: User, by: User | None) -> CalendarToken | None:
    """Revoke the user's feed token so its URL stops working; return it, or None if none."""
    token = CalendarToken.objects.select_for_update().filter(user=user).first()
    if token is None or token.revoked_at is not None:
        return token
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit.record(
        by=by, action="calendar_token.revoked", obj=token, after={"revoked_at": token.revoked_at}
    )
    return token
