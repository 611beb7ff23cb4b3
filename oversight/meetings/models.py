"""The monthly reporting cycle, its meetings and their records, actions and escalations."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from oversight.analysis.cycle import JPMG_MAX_DAYS, JPMG_MIN_DAYS, STEPS, WorkingCalendar

STEP_CHOICES = [(s.key, s.title) for s in STEPS]


class OwnerRole(models.TextChoices):
    """Who owns a step of the cycle (paragraph 10): one team, or both."""

    COMMISSIONERS_TEAM = "commissioners_team", "Commissioner's team"
    CHIEF_CONSTABLES_TEAM = "chief_constables_team", "Chief Constable's team"
    JOINT = "joint", "Joint"


class ReportingCycle(models.Model):
    """The nine steps leading to one Commissioner's Strategic Board."""

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETE = "complete", "Complete"

    csb_date = models.DateField(unique=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    # What the scheduler could not do as configured, and the routine moves it made.
    conflicts = models.JSONField(default=list, blank=True)
    notes = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["csb_date"]

    def __str__(self) -> str:
        return f"Cycle for the Board on {self.csb_date:%d %B %Y}"


class CycleStep(models.Model):
    """One of paragraph 10's nine steps, with its planned date, owner and status."""

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        DONE = "done", "Done"
        SKIPPED = "skipped", "Skipped"

    cycle = models.ForeignKey(ReportingCycle, on_delete=models.CASCADE, related_name="steps")
    key = models.CharField(max_length=30, choices=STEP_CHOICES)
    order = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    planned_date = models.DateField(null=True, blank=True)
    owner_role = models.CharField(max_length=30, choices=OwnerRole.choices)
    named_owners = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["cycle__csb_date", "order"]
        constraints = [models.UniqueConstraint(fields=["cycle", "key"], name="cycle_step_key")]

    def __str__(self) -> str:
        return f"{self.title} ({self.cycle.csb_date:%b %Y} cycle)"

    @property
    def is_late(self) -> bool:
        """Return True if the planned date has passed and the step is not done or skipped."""
        return (
            self.status == self.Status.PLANNED
            and self.planned_date is not None
            and self.planned_date < timezone.localdate()
        )

    @property
    def jpmg_outside_window(self) -> bool:
        """Return True for a JPMG dated outside 7 to 10 days before its Board (paragraph 1)."""
        if self.key != "jpmg" or self.planned_date is None:
            return False
        gap = (self.cycle.csb_date - self.planned_date).days
        return not JPMG_MIN_DAYS <= gap <= JPMG_MAX_DAYS

    def warnings(self, calendar: WorkingCalendar | None = None) -> list[str]:
        """Return the board-readable warnings for this step (late, out of window, not dated)."""
        found: list[str] = []
        if self.planned_date is None:
            found.append("Not scheduled: no valid date")
        if self.is_late:
            found.append(f"Late: planned for {self.planned_date:%d %b} and not done")
        if self.jpmg_outside_window:
            gap = (self.cycle.csb_date - self.planned_date).days
            found.append(
                f"JPMG {gap} days before the Board: outside the {JPMG_MIN_DAYS} to "
                f"{JPMG_MAX_DAYS} day window"
            )
        if calendar is not None and self.planned_date is not None:
            closed = calendar.reason_closed(self.planned_date)
            if closed:
                found.append(f"Not a working day ({closed})")
        return found


class Meeting(models.Model):
    """A meeting of the cycle (or the Joint Planning Board) with its record."""

    class Kind(models.TextChoices):
        FORCE_COMPSTAT = "force_compstat", "Force Compstat"
        COMPSTAT_DEBRIEF = "compstat_debrief", "Compstat debrief"
        CHIEF_CONSTABLES_GOLD = "chief_constables_gold", "Chief Constable's Gold"
        BRIEFING = "briefing", "Briefing"
        JPMG = "jpmg", "Joint Performance Management Group"
        CSB = "csb", "Commissioner's Strategic Board"
        JOINT_PLANNING_BOARD = "joint_planning_board", "Joint Planning Board"

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        HELD = "held", "Held"

    kind = models.CharField(max_length=30, choices=Kind.choices)
    cycle = models.ForeignKey(
        ReportingCycle, null=True, blank=True, on_delete=models.CASCADE, related_name="meetings"
    )
    title = models.CharField(max_length=200)
    date = models.DateField()
    start_time = models.TimeField(null=True, blank=True)
    location = models.CharField(max_length=200, blank=True)
    minutes = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)

    class Meta:
        ordering = ["date", "start_time", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "kind"], name="one_meeting_per_kind_a_cycle")
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.date:%d %b %Y}"


class Attendee(models.Model):
    """Someone invited to a meeting, by job title, and whether they attended."""

    class Team(models.TextChoices):
        COMMISSIONERS = "commissioners", "Commissioner's team"
        CHIEF_CONSTABLES = "chief_constables", "Chief Constable's team"
        PARTNER = "partner", "Partner"
        OTHER = "other", "Other"

    class Attended(models.TextChoices):
        UNKNOWN = "unknown", "Not recorded"
        YES = "yes", "Attended"
        NO = "no", "Did not attend"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendees")
    name = models.CharField(max_length=200, blank=True)
    job_title = models.CharField(max_length=200)
    team = models.CharField(max_length=20, choices=Team.choices, default=Team.OTHER)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting_attendances",
    )
    attended = models.CharField(max_length=10, choices=Attended.choices, default=Attended.UNKNOWN)
    apologies = models.BooleanField(default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["meeting", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.job_title})" if self.name else self.job_title


class AgendaItem(models.Model):
    """An item of a meeting's agenda and the purpose it serves."""

    class Origin(models.TextChoices):
        PURPOSE = "purpose", "Standing purpose"
        ESCALATION = "escalation", "Escalation from the JPMG"
        MANUAL = "manual", "Added"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=300)
    purpose = models.TextField(blank=True)
    origin = models.CharField(max_length=20, choices=Origin.choices, default=Origin.MANUAL)
    escalation = models.ForeignKey(
        "Escalation", null=True, blank=True, on_delete=models.SET_NULL, related_name="agenda_items"
    )

    class Meta:
        ordering = ["meeting", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class Decision(models.Model):
    """A decision recorded in a meeting's minutes."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class Action(models.Model):
    """Something someone must do by a date, and where the need for it came from."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"
        CANCELLED = "cancelled", "Cancelled"

    class Origin(models.TextChoices):
        MEETING = "meeting", "Meeting"
        ESCALATION = "escalation", "Escalation"
        THEME = "theme", "Theme"
        CONCERN = "concern", "Compstat concern"

    OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS)

    title = models.CharField(max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting_actions",
    )
    owner_name = models.CharField(max_length=200, blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    due_date = models.DateField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    origin = models.CharField(max_length=20, choices=Origin.choices)
    origin_meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    origin_escalation = models.ForeignKey(
        "Escalation", null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    # A theme or concern (built by the themes app) identifies itself here, e.g. "Theme: Hate crime".
    origin_label = models.CharField(max_length=300, blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_date", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_overdue(self) -> bool:
        """Return True if the due date has passed and the action is still open."""
        return self.status in self.OPEN_STATUSES and self.due_date < timezone.localdate()

    @property
    def owner_display(self) -> str:
        """Return the owner's name: the user's, or the name given for someone without a login."""
        if self.owner is not None:
            return self.owner.display_name
        return self.owner_name or "Unassigned"

    @property
    def origin_display(self) -> str:
        """Return where the action came from, as a reader would say it."""
        if self.origin == self.Origin.MEETING and self.origin_meeting is not None:
            return f"Meeting: {self.origin_meeting}"
        if self.origin == self.Origin.ESCALATION and self.origin_escalation is not None:
            return f"Escalation: {self.origin_escalation}"
        label = self.get_origin_display()
        return f"{label}: {self.origin_label}" if self.origin_label else label


class Escalation(models.Model):
    """An area of concern the JPMG may escalate to the Board, and what became of it."""

    class Source(models.TextChoices):
        SPECIAL_CAUSE_CONCERN = "special_cause_concern", "Special-cause concern"
        FAILING_ASSURANCE = "failing_assurance", "Failing assurance"
        RED = "red", "Red rating"
        OVERDUE_ACTION = "overdue_action", "Overdue action"
        MANUAL = "manual", "Raised at the meeting"

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        ACCEPTED = "accepted", "Accepted for the Board"
        REJECTED = "rejected", "Not escalated"

    jpmg = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="escalations")
    csb = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="escalations_in"
    )
    source = models.CharField(max_length=30, choices=Source.choices)
    measure = models.ForeignKey(
        "plans.Measure", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    area = models.CharField(max_length=200, blank=True)
    breakdown = models.CharField(max_length=100, blank=True)
    action = models.ForeignKey(
        Action, null=True, blank=True, on_delete=models.SET_NULL, related_name="escalations"
    )
    # The performance snapshot the proposal was read from; the label stays if it is deleted.
    snapshot = models.ForeignKey(
        "performance.Snapshot", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    snapshot_label = models.CharField(max_length=100, blank=True)
    reason = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    decision_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    csb_response = models.TextField(blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["jpmg", "pk"]

    def __str__(self) -> str:
        return self.subject

    @property
    def subject(self) -> str:
        """Return what the escalation is about: the measure and area, or the action."""
        if self.measure_id is not None:
            where = f" ({self.area})" if self.area else ""
            return f"{self.measure.code} {self.measure.name}{where}"
        if self.action_id is not None:
            return f"Overdue action: {self.action.title}"
        return self.area or self.get_source_display()


class MeasureReview(models.Model):
    """A JPMG decision that a measure stays fit for purpose, is amended or is retired."""

    class Decision(models.TextChoices):
        KEEP = "keep", "Keep"
        AMEND = "amend", "Amend"
        RETIRE = "retire", "Retire"

    jpmg = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="measure_reviews")
    measure = models.ForeignKey("plans.Measure", on_delete=models.CASCADE, related_name="reviews")
    decision = models.CharField(max_length=10, choices=Decision.choices)
    reason = models.TextField()
    effective_from = models.DateField(null=True, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    resulting_version = models.PositiveIntegerField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["jpmg", "pk"]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} {self.measure.code}"


class CalendarToken(models.Model):
    """The secret in a user's calendar feed URL; revoking it closes the feed."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token"
    )
    token = models.CharField(max_length=100, unique=True)
    created_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Calendar feed of {self.user}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
