"""Notification preferences, and people with an address to e-mail them at."""

from __future__ import annotations

from oversight.accounts.models import User
from oversight.notifications.models import Preference
from oversight.notifications.services import set_delivery


def addressed(user: User, email: str | None = None) -> User:
    """Return `user` with an e-mail address (USERNAME@example.org unless given)."""
    user.email = email or f"{user.username}@example.org"
    user.save(update_fields=["email"])
    return user


def prefers(user: User, delivery: str) -> Preference:
    """Return `user`'s preference, set to "immediate" or "digest" as they would set it."""
    return set_delivery(user=user, delivery=delivery, by=user)
