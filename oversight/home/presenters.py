"""What a person's home page shows, gathered section by section as plain data.

"This month" is the next Board's reporting cycle (the first whose Board is today or later).
What awaits the person depends on what their role may do (`home.awaiting`); the Panel gets its
latest publication and papers and its own questions, administrators the imports and users.
Each section is a `groups.Group` of `Item`s so that one template renders them all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Max
from django.urls import reverse

from oversight.accounts.models import User
from oversight.accounts.permissions import Permission, Role
from oversight.analysis.cycle import WorkingCalendar
from oversight.data.models import Observation, SourceMonth, ValuesBatch
from oversight.display.words import month_words
from oversight.home.awaiting import awaiting
from oversight.home.groups import Group, Item, day, time
from oversight.meetings.models import Meeting, ReportingCycle
from oversight.meetings.presenters import StepRow, cycle_rows, cycles_with_steps
from oversight.notifications.models import Delivery, Notification
from oversight.notifications.services import delivery_of
from oversight.publishing.models import PanelPaper, Publication
from oversight.questions.presenters import for_panel
from oversight.reports import board as boards
from oversight.reports.pages import chosen_snapshot

P = Permission
NOTIFICATIONS_SHOWN = 20


@dataclass
class CycleSection:
    """The next Board's reporting cycle: its steps, and links to the Board."""

    csb_date: dt.date
    status: str
    url: str
    steps: list[StepRow]
    warning_count: int
    meeting_url: str = ""
    board_url: str = ""
    board_note: str = ""


@dataclass
class Currency:
    """How recent the data are."""

    police_uk: str
    values: str
    snapshot: str
    snapshot_url: str = ""


@dataclass
class HomePage:
    """Everything one person's home page shows."""

    user: User
    today: dt.date
    cycle: CycleSection | None = None
    show_cycle: bool = False
    awaiting: list[Group] = field(default_factory=list)
    currency: Currency | None = None
    links: list[tuple[str, str]] = field(default_factory=list)
    panel: list[Group] = field(default_factory=list)
    admin: list[Group] = field(default_factory=list)
    notifications: list[Notification] = field(default_factory=list)
    unread: int = 0
    total_notifications: int = 0
    delivery: str = Delivery.IMMEDIATE

    @property
    def waiting(self) -> int:
        """Return how many things await the person, over every section."""
        return sum(len(g.items) for g in self.awaiting)


# This month -----------------------------------------------------------------------------------


def current_cycle(today: dt.date) -> ReportingCycle | None:
    """Return the next Board's cycle: the first whose Board is today or later."""
    return ReportingCycle.objects.filter(csb_date__gte=today).order_by("csb_date").first()


def cycle_section(today: dt.date, user: User) -> CycleSection | None:
    """Return the current cycle's steps with owners, dates and status, and the Board's links."""
    cycle = current_cycle(today)
    if cycle is None:
        return None
    loaded = cycles_with_steps(ReportingCycle.objects.filter(pk=cycle.pk)).get()
    (row,) = cycle_rows([loaded], today=today, calendar=WorkingCalendar())
    section = CycleSection(
        csb_date=cycle.csb_date,
        status=cycle.get_status_display(),
        url=reverse("meetings:cycle", args=[cycle.csb_date.isoformat()]),
        steps=row.steps,
        warning_count=row.warning_count,
    )
    csb = next((m for m in loaded.meetings.all() if m.kind == Meeting.Kind.CSB), None)
    if csb is not None:
        section.meeting_url = reverse("meetings:detail", args=[csb.pk])
        if user.can(P.VIEW_PACKS):
            try:
                boards.board_snapshot(csb)
            except boards.NoSuchBoard as exc:
                section.board_note = str(exc)
            else:
                section.board_url = reverse("reports:board", args=[csb.date.isoformat()])
    return section


# The data's currency, the Panel's papers, the administrator's view ---------------------------


def currency() -> Currency:
    """Return the latest police.uk month and force-supplied month, and the current snapshot."""
    police = SourceMonth.objects.aggregate(p=Max("period"))["p"]
    supplied = Observation.objects.filter(origin=Observation.Origin.FORCE)
    values = supplied.aggregate(p=Max("period"))["p"]
    snapshot = chosen_snapshot(None)
    return Currency(
        police_uk=month_words(police) if police else "none imported",
        values=month_words(values) if values else "none loaded",
        snapshot=(
            f"{month_words(snapshot.period)}, {snapshot.get_status_display().lower()}"
            if snapshot
            else "none made"
        ),
        snapshot_url=reverse("reports:snapshot", args=[snapshot.pk]) if snapshot else "",
    )


def panel_groups() -> list[Group]:
    """Return the latest publication and the papers released to the Panel."""
    latest = Group("publication", "The latest publication", empty="Nothing is published yet.")
    publication = (
        Publication.objects.published().order_by("-number").defer("content", "changes").first()
    )
    if publication is not None:
        latest.items.append(
            Item(
                f"Publication {publication.number}: performance in "
                f"{month_words(publication.period)}",
                reverse("publishing:overview", args=[publication.number]),
                f"Published {day(publication.decided_at, '%B %Y')}",
            )
        )
    latest.more_url, latest.more_label = reverse("publishing:panel"), "Everything published"
    papers = Group("papers", "Papers released to the Panel", empty="No paper is released yet.")
    for paper in PanelPaper.objects.released().defer("data").order_by("-released_at", "-pk")[:10]:
        when = day(paper.released_at) if paper.released_at else ""
        meeting = (
            f"; for the meeting of {day(paper.meeting_date, '%B %Y')}" if paper.meeting_date else ""
        )
        papers.items.append(
            Item(
                paper.title,
                reverse("publishing:panel_paper", args=[paper.pk]),
                f"Released {when}{meeting}; {paper.file_name}",
            )
        )
    papers.more_url, papers.more_label = reverse("publishing:panel"), "The Panel's page"
    return [latest, papers]


def panel_questions_group(user: User, today: dt.date) -> Group:
    """Return the Panel member's own questions, newest first, with their stage and due date."""
    group = Group(
        "your_questions",
        "Your questions to the Commissioner's team",
        empty="You have not asked a question yet.",
        more_url=reverse("public_questions:ask"),
        more_label="Ask a question",
    )
    for row in for_panel(user, today).mine[:10]:
        q = row.question
        group.items.append(
            Item(
                f"{q.get_kind_display()} {q.pk}: {q.pin_label}",
                reverse("publishing:panel") + f"#question-{q.pk}",
                row.answered if q.is_released else f"{q.stage_label}; {row.due}",
                row.flag,
                row.flag_class,
            )
        )
    return group


def admin_groups() -> list[Group]:
    """Return the latest imports and the users by role, for administrators."""
    imports = Group("imports", "Latest imports", empty="Nothing has been imported yet.")
    for batch in ValuesBatch.objects.select_related("uploaded_by")[:5]:
        who = batch.uploaded_by.display_name if batch.uploaded_by else "the command line"
        rejected = batch.status == ValuesBatch.Status.REJECTED
        imports.items.append(
            Item(
                f"Force-supplied values: {batch.file_name}",
                reverse("data:batch", args=["values", batch.pk]),
                f"{batch.rows:,} rows, {time(batch.at)}, by {who}",
                "Rejected" if rejected else "",
                "rag-red" if rejected else "",
            )
        )
    months = SourceMonth.objects.values("dataset", "force").annotate(
        last=Max("period"), at=Max("refreshed_at"), n=Count("pk")
    )
    for row in months.order_by("force", "dataset"):
        imports.items.append(
            Item(
                f"police.uk {row['dataset']}, {row['force']}: to {month_words(row['last'])}",
                detail=f"{row['n']} months; measures refreshed {time(row['at'])}",
            )
        )
    imports.more_url, imports.more_label = reverse("data:index"), "The Data page"
    users = Group("users", "Users", empty="No users.", counted=False)
    active = User.objects.filter(is_active=True)
    counts = dict(active.order_by().values_list("role").annotate(n=Count("pk")))
    for role, label in Role.choices:
        n = counts.get(role, 0)
        users.items.append(Item(f"{label}: {n} active user{'s' if n != 1 else ''}"))
    no_email = active.filter(email="").count()
    if no_email:
        users.items.append(
            Item(
                f"{no_email} active user{'s have' if no_email != 1 else ' has'} no e-mail address",
                detail="They see their notifications on their home page but get no e-mails.",
                flag="No e-mail",
                flag_class="rag-amber",
            )
        )
    users.more_url, users.more_label = reverse("admin:accounts_user_changelist"), "Manage users"
    return [imports, users]


# The page ----------------------------------------------------------------------------------


def home_page(user: User, *, today: dt.date) -> HomePage:
    """Return everything the person's home page shows."""
    page = HomePage(user=user, today=today)
    page.show_cycle = user.can(P.VIEW_MEETINGS)
    if page.show_cycle:
        page.cycle = cycle_section(today, user)
    page.awaiting = awaiting(user, today)
    if user.can(P.VIEW_DATA):
        page.currency = currency()
    if user.can(P.VIEW_PERFORMANCE):
        page.links.append(("The performance overview", reverse("reports:overview")))
    if user.role == Role.PANEL_MEMBER:
        page.panel = panel_groups()
        if user.can(P.ASK_QUESTIONS):
            page.panel.append(panel_questions_group(user, today))
    if user.can(P.ADMINISTER):
        page.admin = admin_groups()
    notes = Notification.objects.filter(user=user)
    page.total_notifications = notes.count()
    page.unread = notes.filter(read_at__isnull=True).count()
    page.notifications = list(notes.order_by("-created_at", "-id")[:NOTIFICATIONS_SHOWN])
    page.delivery = delivery_of(user)
    return page
