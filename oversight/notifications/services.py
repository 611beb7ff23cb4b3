"""Writes to notifications: notify people, send what is due, record what they have read.

`notify` is what the apps call when something happens that someone should know about: it
stores a row per person (shown on their home page) and, for those who want them at once,
e-mails after the transaction commits, so that nothing is sent for a change rolled back.
Those who chose the daily digest get one e-mail a day from `send_digests` (`oversight notify
--digest`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone

from oversight.accounts import audit
from oversight.accounts.models import User
from oversight.notifications import mail
from oversight.notifications.models import Delivery, Kind, Notification, Preference

logger = logging.getLogger(__name__)


def delivery_of(user: User) -> str:
    """Return how `user` wants notifications e-mailed: at once (the default) or in a digest."""
    found = Preference.objects.filter(user=user).values_list("delivery", flat=True).first()
    return found or Delivery.IMMEDIATE


@transaction.atomic
def notify(
    *,
    users: Iterable[User],
    kind: str,
    subject: str,
    body: str = "",
    url: str = "",
    key: str = "",
) -> list[Notification]:
    """Store a notification for each active user (once per `key`); e-mail the immediate ones.

    Returns the notifications created; a user who already has one with `key` gets no other.
    """
    if kind not in Kind.values:
        raise ValueError(f"Unknown kind of notification {kind!r}")
    people = {u.pk: u for u in users if u is not None and u.pk and u.is_active}
    if key:
        had = Notification.objects.filter(user_id__in=people, key=key).values_list("user_id")
        for (user_id,) in had:
            people.pop(user_id, None)
    if not people:
        return []
    now = timezone.now()
    created = Notification.objects.bulk_create(
        Notification(
            user=user, kind=kind, subject=subject[:200], body=body, url=url, key=key, created_at=now
        )
        for user in people.values()
    )
    digest = set(
        Preference.objects.filter(user_id__in=people, delivery=Delivery.DIGEST).values_list(
            "user_id", flat=True
        )
    )
    at_once = [n.pk for n in created if n.user_id not in digest]
    if at_once:
        transaction.on_commit(lambda: send_now(at_once))
    return created


def send_now(ids: Sequence[int]) -> int:
    """E-mail each of these notifications not yet sent to its user; return how many were sent.

    A failed send is logged and left unsent: the change that caused it has committed, and the
    notification stays on the person's home page.
    """
    pending = Notification.objects.filter(pk__in=ids, sent_at__isnull=True).select_related("user")
    ready = [n for n in pending if n.user.email]
    if not ready:
        return 0
    try:
        with get_connection() as connection:
            connection.send_messages([mail.single(n) for n in ready])
    except OSError:  # smtplib's errors are OSErrors, as are refused connections and timeouts
        logger.exception("Could not e-mail notifications %s", [n.pk for n in ready])
        return 0
    Notification.objects.filter(pk__in=[n.pk for n in ready]).update(sent_at=timezone.now())
    return len(ready)


@dataclass
class DigestReport:
    """What one run of the digest sent."""

    sent: dict[str, int] = field(default_factory=dict)  # username → notifications in the e-mail
    without_email: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """Return the report as lines of text."""
        total = sum(self.sent.values())
        out = [f"Digests: {len(self.sent)} e-mail(s), {total} notification(s)."]
        out += [f"  {name}: {n}" for name, n in sorted(self.sent.items())]
        if self.without_email:
            out.append(
                "  No e-mail address (notifications kept on the home page): "
                + ", ".join(sorted(self.without_email))
            )
        out += [f"  FAILED {failure}" for failure in self.failures]
        return out


def send_digests() -> DigestReport:
    """E-mail each digest user one message of their unsent notifications; mark them sent."""
    report = DigestReport()
    users = User.objects.filter(
        is_active=True, notification_preference__delivery=Delivery.DIGEST
    ).order_by("username")
    with get_connection() as connection:
        for user in users:
            unsent = user.notifications.filter(sent_at__isnull=True)
            pending = list(unsent.order_by("created_at", "id"))
            if not pending:
                continue
            if not user.email:
                report.without_email.append(user.username)
                continue
            try:
                connection.send_messages([mail.digest(user, pending)])
            except OSError as exc:
                report.failures.append(f"{user.username}: {exc}")
                continue
            Notification.objects.filter(pk__in=[n.pk for n in pending]).update(
                sent_at=timezone.now()
            )
            report.sent[user.username] = len(pending)
    return report


@transaction.atomic
def set_delivery(*, user: User, delivery: str, by: User | None) -> Preference:
    """Record how `user` wants notifications e-mailed: at once or in a daily digest (audited)."""
    if delivery not in Delivery.values:
        raise ValueError(f"Unknown delivery {delivery!r}")
    preference, _ = Preference.objects.select_for_update().get_or_create(user=user)
    before = preference.delivery
    if before != delivery:
        preference.delivery = delivery
        preference.save()
        audit.record(
            by=by,
            action="notifications.delivery",
            obj=preference,
            before={"delivery": before},
            after={"delivery": delivery},
        )
    return preference


def mark_all_read(*, user: User) -> int:
    """Mark every unread notification of `user` read; return how many."""
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
