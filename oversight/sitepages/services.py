"""Writes to the site pages: the Commissioner's team saves a page's English and Welsh text."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from oversight.accounts import audit
from oversight.accounts.models import User
from oversight.sitepages.models import Kind, SitePage

MAX_TITLE = 200
MAX_BODY = 50_000
FIELDS = ("title", "body", "title_cy", "body_cy", "welsh_reviewed")
_LABELS = {
    "title": "The title",
    "body": "The text",
    "title_cy": "The Welsh title",
    "body_cy": "The Welsh text",
}


class SitePageError(ValueError):
    """A page that cannot be saved, with the reason in words."""


def _checked(name: str, value: str, limit: int) -> str:
    value = value.strip()
    if not value:
        raise SitePageError(
            f"{_LABELS[name]} is empty: every page is published in English and Welsh, so "
            "each needs a title and text."
        )
    if len(value) > limit:
        raise SitePageError(f"{_LABELS[name]} is longer than {limit:,} characters.")
    return value


@transaction.atomic
def save_page(
    *,
    kind: str,
    title: str,
    body: str,
    title_cy: str,
    body_cy: str,
    welsh_reviewed: bool = False,
    by: User | None,
) -> SitePage:
    """Create or replace the page ``kind`` and audit the change; refuse an empty title or text."""
    kind = Kind(kind)
    values = {
        "title": _checked("title", title, MAX_TITLE),
        "body": _checked("body", body, MAX_BODY),
        "title_cy": _checked("title_cy", title_cy, MAX_TITLE),
        "body_cy": _checked("body_cy", body_cy, MAX_BODY),
        "welsh_reviewed": bool(welsh_reviewed),
    }
    page = SitePage.objects.select_for_update().filter(kind=kind).first()
    before = audit.state_of(page, FIELDS) if page is not None else None
    if before == values:
        return page  # nothing changed: no new date, no audit row
    if page is None:
        page = SitePage(kind=kind)
    for name, value in values.items():
        setattr(page, name, value)
    page.updated_at = timezone.now()
    page.updated_by = by if (by is not None and by.pk) else None
    page.save()
    audit.record(
        by=by,
        action="sitepages.created" if before is None else "sitepages.updated",
        obj=page,
        before=before,
        after=audit.state_of(page, FIELDS),
    )
    return page
