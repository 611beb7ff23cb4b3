"""Publishing as a process: request, approve or reject; file and release papers to the Panel.

Every change goes through here and is audited. A request freezes the content (with disclosure
control applied); approval needs a second person with the right to approve, gives the next
public number, records what changed since the last publication and marks the snapshot
published. A paper uploaded is released at once; a Panel paper made from a publication is filed
awaiting release, and the Panel sees it only when someone with the right releases it.
"""

from __future__ import annotations

import hashlib
import mimetypes
from pathlib import PurePath

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation

from oversight.accountability import record as accountability_record
from oversight.accounts import audit
from oversight.accounts.models import User
from oversight.accounts.permissions import Permission
from oversight.analysis.accountability import carry_forward
from oversight.analysis.disclosure import DEFAULT_THRESHOLD
from oversight.analysis.publication_changes import compare
from oversight.analysis.welsh import missing_welsh, with_current_welsh
from oversight.notifications.models import Kind
from oversight.notifications.recipients import with_permission
from oversight.notifications.services import notify
from oversight.performance import services as performance
from oversight.performance.models import Snapshot, SnapshotStatus
from oversight.plans import welsh as plan_welsh
from oversight.publishing.freeze import build_content, content_hash
from oversight.publishing.models import PanelPaper, PaperStatus, Publication, PublicationStatus

# Papers the Panel can open without special software; checked by their first bytes too.
PAPER_TYPES = {
    ".pdf": (b"%PDF-",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".pptx": (b"PK\x03\x04",),
    ".odt": (b"PK\x03\x04",),
    ".csv": (),
    ".txt": (),
}
MAX_PAPER_BYTES = 20 * 1024 * 1024


class PublishingError(ValueError):
    """A publishing step that is not allowed, with the reason in words."""


def threshold() -> int:
    """Return the disclosure threshold in force (smallest sub-force count published)."""
    return int(getattr(settings, "DISCLOSURE_THRESHOLD", DEFAULT_THRESHOLD))


def latest_published() -> Publication | None:
    return Publication.objects.published().order_by("-number").first()


def published_records() -> list[tuple[int, str, dict | None]]:
    """Return (number, period, accountability record) of every publication, oldest first."""
    rows = (
        Publication.objects.published()
        .order_by("number")
        .values_list("number", "period", "content__record")
    )
    return [(number, period, record) for number, period, record in rows]


def carried_keys() -> list[str]:
    """Return the keys of the record's items in the latest publication: the default to carry."""
    records = published_records()
    if not records:
        return []
    return [item["key"] for item in (records[-1][2] or {}).get("items", [])]


def record_items(keys: list[str]) -> list[dict]:
    """Build the chosen items of the record, each with how it moved on since it was last out."""
    items = accountability_record.build(keys)
    last: dict[str, tuple[int, str, dict]] = {}
    for number, period, record in published_records():
        for item in (record or {}).get("items", []):
            last[item["key"]] = (number, period, item)
    return [carry_forward(item, last.get(item["key"])) for item in items]


def request_publication(
    *,
    snapshot: Snapshot,
    by: User | None,
    includes_roadmap: bool = True,
    note: str = "",
    record_keys: list[str] | None = None,
) -> Publication:
    """Freeze a publication of a presented snapshot (and the roadmap) for approval.

    ``record_keys`` names the items of the accountability record to publish with it (opt-in,
    item by item); each is frozen as it stands, with how it moved on since it was last
    published.
    """
    snapshot = Snapshot.objects.get(pk=snapshot.pk)
    if snapshot.status == SnapshotStatus.DRAFT:
        raise PublishingError(
            f"Snapshot {snapshot.pk} is a draft: present it to the Board before publishing it."
        )
    pending = Publication.objects.filter(snapshot=snapshot, status=PublicationStatus.REQUESTED)
    if pending.exists():
        raise PublishingError(
            f"Snapshot {snapshot.pk} already has a request awaiting approval "
            f"(request {pending.first().pk})."
        )
    limit = threshold()
    try:
        record = record_items(list(record_keys or []))
    except accountability_record.RecordError as exc:
        raise PublishingError(str(exc)) from exc
    content = build_content(
        snapshot, includes_roadmap=includes_roadmap, threshold=limit, record_items=record
    )
    # Welsh written since the snapshot was made (the figures and the English stay its own).
    frozen_plan = (snapshot.context or {}).get("plan") or {}
    welsh_since = with_current_welsh(
        content,
        plan_welsh.current_texts(frozen_plan.get("force_slug", ""), frozen_plan.get("first_year")),
    )
    with transaction.atomic():
        publication = Publication.objects.create(
            snapshot=snapshot,
            period=snapshot.period,
            includes_roadmap=includes_roadmap,
            requested_by=by if (by is not None and by.pk) else None,
            request_note=note.strip(),
            threshold=limit,
            content=content,
            content_hash=content_hash(content),
        )
        audit.record(
            by=by,
            action="publication.requested",
            obj=publication,
            after={
                "snapshot": snapshot.pk,
                "period": snapshot.period,
                "includes_roadmap": includes_roadmap,
                "threshold": limit,
                "content_hash": publication.content_hash,
                "record": [item["key"] for item in record],
                "welsh_since_snapshot": welsh_since,
            },
            note=note,
        )
        who = by.display_name if (by is not None and by.pk) else "The system"
        notify(
            users=with_permission(Permission.APPROVE_PUBLICATION, exclude=by),
            kind=Kind.PUBLICATION_AWAITING,
            subject=f"A publication of {snapshot.period} awaits approval",
            body=f"{who} requested it; someone other than the requester approves or rejects it."
            + (f" Note: {note.strip()}" if note.strip() else ""),
            url=reverse("publications:detail", args=[publication.pk]),
        )
    return publication


def _pending(publication: Publication) -> Publication:
    current = Publication.objects.select_for_update().get(pk=publication.pk)
    if current.status != PublicationStatus.REQUESTED:
        raise PublishingError(
            f"{current} has already been decided ({current.get_status_display()})."
        )
    return current


def _check_decider(publication: Publication, by: User | None) -> None:
    if by is None or not by.pk or not by.can(Permission.APPROVE_PUBLICATION):
        raise PublishingError("Only someone whose role may approve publications can decide this.")
    if publication.requested_by_id == by.pk:
        raise PublishingError(
            "The person who requested a publication cannot also approve or reject it; "
            "ask a colleague to decide."
        )


def _check_welsh(publication: Publication, reason: str) -> list[str]:
    """Return the texts missing Welsh; refuse them unless the approver says why."""
    missing = missing_welsh(publication.content)
    if missing and not reason:
        shown = "; ".join(missing[:5]) + ("; …" if len(missing) > 5 else "")
        raise PublishingError(
            f"{len(missing)} published text{'s' if len(missing) != 1 else ''} "
            f"{'have' if len(missing) != 1 else 'has'} no Welsh version ({shown}). Add the "
            "Welsh and request the publication again, or record why it is published without it."
        )
    return missing


def approve(
    *, publication: Publication, by: User | None, note: str = "", welsh_reason: str = ""
) -> Publication:
    """Publish a requested publication: number it, record its changes, publish its snapshot.

    A publication with texts that have no Welsh version is approved only with
    ``welsh_reason``, the approver's reason for publishing it so; it is kept and audited.
    """
    with transaction.atomic():
        current = _pending(publication)
        _check_decider(current, by)
        missing = _check_welsh(current, welsh_reason.strip())
        current.welsh_missing_reason = welsh_reason.strip() if missing else ""
        previous = latest_published()
        number = (Publication.objects.aggregate(n=Max("number"))["n"] or 0) + 1
        current.status = PublicationStatus.PUBLISHED
        current.number = number
        current.decided_by = by
        current.decided_at = timezone.now()
        current.decision_note = note.strip()
        current.previous = previous
        current.changes = compare(
            previous.content if previous else None,
            current.content,
            previous_number=previous.number if previous else None,
        ).to_dict()
        current.save()
        snapshot = Snapshot.objects.get(pk=current.snapshot_id)
        if snapshot.status == SnapshotStatus.PRESENTED:
            performance.publish(snapshot=snapshot, by=by)
        audit.record(
            by=by,
            action="publication.approved",
            obj=current,
            before={"status": PublicationStatus.REQUESTED},
            after={
                "status": current.status,
                "number": number,
                "supersedes": previous.number if previous else None,
                "content_hash": current.content_hash,
                "welsh_missing": missing,
                "welsh_missing_reason": current.welsh_missing_reason,
            },
            note=note,
        )
        notify(
            users=[current.requested_by],
            kind=Kind.PUBLICATION_APPROVED,
            subject=f"Publication {number} ({current.period}) is approved and public",
            body=f"Approved by {by.display_name}." + (f" {note.strip()}" if note.strip() else ""),
            url=reverse("publishing:overview", args=[number]),
        )
    return current


def reject(*, publication: Publication, by: User | None, reason: str) -> Publication:
    """Reject a requested publication with the reason; it is kept for the record."""
    if not reason.strip():
        raise PublishingError("Say why the publication is rejected.")
    with transaction.atomic():
        current = _pending(publication)
        _check_decider(current, by)
        current.status = PublicationStatus.REJECTED
        current.decided_by = by
        current.decided_at = timezone.now()
        current.decision_note = reason.strip()
        current.save()
        audit.record(
            by=by,
            action="publication.rejected",
            obj=current,
            before={"status": PublicationStatus.REQUESTED},
            after={"status": current.status},
            note=reason,
        )
        notify(
            users=[current.requested_by],
            kind=Kind.PUBLICATION_REJECTED,
            subject=f"Your publication request for {current.period} was rejected",
            body=f"Rejected by {by.display_name}: {reason.strip()}",
            url=reverse("publications:detail", args=[current.pk]),
        )
    return current


def check_paper(file_name: str, data: bytes) -> str:
    """Return the content type of an acceptable paper, or raise PublishingError saying why."""
    suffix = PurePath(file_name).suffix.lower()
    if suffix not in PAPER_TYPES:
        allowed = ", ".join(sorted(PAPER_TYPES))
        raise PublishingError(f"{file_name}: papers must be one of {allowed}.")
    if not data:
        raise PublishingError(f"{file_name} is empty.")
    if len(data) > MAX_PAPER_BYTES:
        raise PublishingError(f"{file_name} is larger than {MAX_PAPER_BYTES // (1024 * 1024)} MB.")
    signatures = PAPER_TYPES[suffix]
    if signatures and not data.startswith(signatures):
        raise PublishingError(f"{file_name} is not a {suffix[1:].upper()} file.")
    if not signatures:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise PublishingError(f"{file_name} is not UTF-8 text.") from exc
    return mimetypes.guess_type(file_name)[0] or "application/octet-stream"


def _person(by: User | None) -> User | None:
    return by if (by is not None and by.pk) else None


def _new_paper(
    *,
    title: str,
    file_name: str,
    data: bytes,
    by: User | None,
    summary: str,
    meeting_date,
    publication: Publication | None = None,
    released: bool,
) -> PanelPaper:
    if not title.strip():
        raise PublishingError("A paper needs a title.")
    content_type = check_paper(file_name, data)
    now = timezone.now()
    return PanelPaper.objects.create(
        title=title.strip(),
        summary=summary.strip(),
        meeting_date=meeting_date,
        file_name=PurePath(file_name).name,
        content_type=content_type,
        data=data,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        publication=publication,
        status=PaperStatus.RELEASED if released else PaperStatus.AWAITING_RELEASE,
        filed_by=_person(by),
        filed_at=now,
        released_by=_person(by) if released else None,
        released_at=now if released else None,
    )


def release_paper(
    *,
    title: str,
    file_name: str,
    data: bytes,
    by: User | None,
    summary: str = "",
    meeting_date=None,
) -> PanelPaper:
    """Release an uploaded paper to the Police and Crime Panel at once."""
    with transaction.atomic():
        paper = _new_paper(
            title=title,
            file_name=file_name,
            data=data,
            by=by,
            summary=summary,
            meeting_date=meeting_date,
            released=True,
        )
        audit.record(
            by=by,
            action="panel_paper.released",
            obj=paper,
            after={"file_name": paper.file_name, "size": paper.size, "sha256": paper.sha256},
        )
    return paper


def file_panel_paper(
    *, publication: Publication, by: User | None, meeting_date=None, language: str = "en-gb"
) -> PanelPaper:
    """Make the Panel paper of a published publication (a landscape PDF) and file it.

    ``language`` is "en-gb" or "cy": the paper, its title and summary in English or Welsh (the
    content's own Welsh where it has it). The paper awaits release: the Panel sees it only
    once someone releases it (``release``).
    """
    if language not in dict(settings.LANGUAGES):
        raise PublishingError(f"No Panel paper in {language!r}: English (en-gb) or Welsh (cy).")
    with translation.override(language):
        return _file_panel_paper(publication=publication, by=by, meeting_date=meeting_date)


def _file_panel_paper(*, publication: Publication, by: User | None, meeting_date) -> PanelPaper:
    # Imported here: printing needs WeasyPrint and the chart renderer, which only this needs.
    from oversight.publishing import panel_paper

    publication = Publication.objects.get(pk=publication.pk)
    if publication.status != PublicationStatus.PUBLISHED or publication.number is None:
        raise PublishingError(
            f"{publication} is not published: a Panel paper is made from a publication."
        )
    data = panel_paper.render_pdf(publication)
    with transaction.atomic():
        paper = _new_paper(
            title=panel_paper.title(publication),
            file_name=panel_paper.file_name(publication),
            data=data,
            by=by,
            summary=panel_paper.summary(publication),
            meeting_date=meeting_date,
            publication=publication,
            released=False,
        )
        audit.record(
            by=by,
            action="panel_paper.filed",
            obj=paper,
            after={
                "publication": publication.number,
                "file_name": paper.file_name,
                "size": paper.size,
                "sha256": paper.sha256,
                "status": paper.status,
                "language": translation.get_language(),
            },
        )
    return paper


def release(*, paper: PanelPaper, by: User | None) -> PanelPaper:
    """Release a paper awaiting release to the Police and Crime Panel."""
    if by is None or not by.pk or not by.can(Permission.RELEASE_PANEL_PAPERS):
        raise PublishingError("Only someone whose role may release Panel papers can release one.")
    with transaction.atomic():
        current = PanelPaper.objects.select_for_update().defer("data").get(pk=paper.pk)
        if current.status != PaperStatus.AWAITING_RELEASE:
            raise PublishingError(f"“{current}” is {current.get_status_display().lower()}.")
        current.status = PaperStatus.RELEASED
        current.released_by = by
        current.released_at = timezone.now()
        current.save(update_fields=["status", "released_by", "released_at"])
        audit.record(
            by=by,
            action="panel_paper.released",
            obj=current,
            before={"status": PaperStatus.AWAITING_RELEASE},
            after={"status": current.status, "sha256": current.sha256},
        )
    return current


def withdraw_paper(*, paper: PanelPaper, by: User | None, reason: str) -> PanelPaper:
    """Withdraw a paper, released or awaiting release; it is kept, with who withdrew it and why."""
    if not reason.strip():
        raise PublishingError("Say why the paper is withdrawn.")
    if paper.is_withdrawn:
        raise PublishingError(f"{paper} has already been withdrawn.")
    with transaction.atomic():
        before = paper.status
        paper.status = PaperStatus.WITHDRAWN
        paper.withdrawn_by = _person(by)
        paper.withdrawn_at = timezone.now()
        paper.withdrawal_reason = reason.strip()
        paper.save(update_fields=["status", "withdrawn_by", "withdrawn_at", "withdrawal_reason"])
        audit.record(
            by=by,
            action="panel_paper.withdrawn",
            obj=paper,
            before={"status": before},
            after={"status": paper.status},
            note=reason,
        )
    return paper
