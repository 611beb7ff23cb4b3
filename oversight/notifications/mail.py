"""The e-mails notifications are sent as: one for a notification, or a digest of several."""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.core.mail import EmailMessage
from django.shortcuts import resolve_url

from oversight.accounts.models import User
from oversight.notifications.models import Notification

PREFIX = "[Oversight] "


def absolute(path: str) -> str:
    """Return a path on the site as a full URL, from SITE_URL; a full URL is kept."""
    if not path or path.startswith(("http://", "https://")):
        return path
    return settings.SITE_URL + (path if path.startswith("/") else "/" + path)


def _footer(*, digest: bool) -> str:
    # Where a person lands after signing in is their home page, which lists every notification.
    home = absolute(resolve_url(settings.LOGIN_REDIRECT_URL))
    how = "once a day, in one e-mail" if digest else "as they happen, one e-mail each"
    return (
        f"\n-- \nYou receive Oversight's notifications {how}. Read them all, or change how they "
        f"reach you, on your home page: {home}\n"
    )


def _entry(notification: Notification) -> str:
    lines = [notification.subject]
    if notification.body:
        lines.append(notification.body)
    if notification.url:
        lines.append(absolute(notification.url))
    return "\n".join(lines)


def _indent(text: str) -> str:
    """Return the text with every line but the first indented under its number."""
    first, *rest = text.split("\n")
    return "\n".join([first, *(f"   {line}" if line else "" for line in rest)])


def single(notification: Notification) -> EmailMessage:
    """Return the e-mail for one notification."""
    return EmailMessage(
        subject=PREFIX + notification.subject,
        body=_entry(notification) + "\n" + _footer(digest=False),
        to=[notification.user.email],
    )


def digest(user: User, notifications: Sequence[Notification]) -> EmailMessage:
    """Return one e-mail listing `notifications`, oldest first."""
    count = len(notifications)
    heading = f"{count} notification{'s' if count != 1 else ''} since your last digest"
    entries = "\n\n".join(_indent(f"{i}. {_entry(n)}") for i, n in enumerate(notifications, 1))
    return EmailMessage(
        subject=PREFIX + heading,
        body=f"{heading}:\n\n{entries}\n" + _footer(digest=True),
        to=[user.email],
    )
