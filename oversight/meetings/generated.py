"""Extension point: agenda items that apps above this one work out for a meeting when shown.

An app's AppConfig may define ``agenda_for(meeting: Meeting, today: datetime.date) ->
list[GeneratedItem]``: items the meeting's agenda shows that come from that app's records as
they stand, rather than being stored on the agenda (the Panel's overdue questions on the next
JPMG's, from the questions app). The meeting page lists them after the stored items, so this
app needs no import of the apps above it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.apps import apps

from oversight.meetings.models import Meeting


@dataclass(frozen=True)
class GeneratedItem:
    """An agenda item worked out when the agenda is shown: what, why, where it came from."""

    title: str
    purpose: str
    origin: str
    # The things the item covers, each as (words, link); the link may be "".
    lines: tuple[tuple[str, str], ...] = field(default_factory=tuple)


def generated_agenda(meeting: Meeting, today: dt.date) -> list[GeneratedItem]:
    """Return every installed app's generated agenda items for `meeting`, in app order."""
    items: list[GeneratedItem] = []
    for config in apps.get_app_configs():
        hook = getattr(config, "agenda_for", None)
        if callable(hook):
            items.extend(hook(meeting, today))
    return items
