"""Extension point: the apps whose notifications come from dates rather than from events.

An app's AppConfig may define ``notify_by_date(today: datetime.date) -> dict[str, int]``: it
creates the notifications due on ``today`` (once, however often it is called that day) and
returns how many of each kind it created. ``oversight notify`` calls every one, so this app
needs no import of the apps above it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.apps import apps


def notify_by_date(today: dt.date) -> dict[str, int]:
    """Run every installed app's `notify_by_date`; return the notifications created, by kind."""
    counts: Counter[str] = Counter()
    for config in apps.get_app_configs():
        hook = getattr(config, "notify_by_date", None)
        if callable(hook):
            counts.update(hook(today))
    return dict(counts)
