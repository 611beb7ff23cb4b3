"""`oversight notify`: the daily notifications job, for cron or a systemd timer."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from oversight.notifications.models import Kind
from oversight.notifications.services import send_digests
from oversight.notifications.sources import notify_by_date


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--today must be a date as YYYY-MM-DD, not {value!r}") from None


class Command(BaseCommand):
    help = (
        "Create the notifications that dates bring (reporting-cycle steps due tomorrow, to the "
        "owning team; actions due within OVERSIGHT_NOTIFY_ACTION_DAYS days or overdue, to their "
        "owner or the owner's organisation; Panel questions past their due date, to whoever "
        "answers them or else the Commissioner's team, once a question), once a day however "
        "often it runs; people who want notifications at once are e-mailed straight away. With "
        "--digest, also e-mail each person who chose the daily digest one message of their "
        "unsent notifications. Run it once a day, e.g. `oversight notify --digest` from cron or "
        "a systemd timer."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--digest",
            action="store_true",
            help="also send the daily digests (one e-mail a person of their unsent notifications)",
        )
        parser.add_argument(
            "--today",
            metavar="YYYY-MM-DD",
            help="act as on this day (default: today, in the site's time zone)",
        )

    def handle(self, *args: object, **options: Any) -> None:
        today = _date(options["today"]) if options["today"] else timezone.localdate()
        created = notify_by_date(today)
        labels = dict(Kind.choices)
        summary = ", ".join(f"{labels.get(k, k)}: {n}" for k, n in sorted(created.items()) if n)
        self.stdout.write(
            f"Notifications for {today:%a %Y-%m-%d} (actions due within "
            f"{settings.NOTIFY_ACTION_DAYS} days): {summary or 'none new'}."
        )
        if not options["digest"]:
            return
        report = send_digests()
        for line in report.lines():
            self.stdout.write(line)
        if report.failures:
            raise CommandError(f"notify: {len(report.failures)} digest(s) not sent")
