"""Measure values in the Django database: observations and the batches they came from.

Incident-level police.uk rows live in the DuckDB warehouse (see warehouse.py); what the
assessment engine reads are these monthly observations, each traceable to its batches.
"""

from django.conf import settings
from django.db import models

from oversight.plans.models import Measure

FORCE_AREA = "force"


class ValuesBatch(models.Model):
    """One upload of force-supplied values (CSV or Excel), accepted whole or rejected whole."""

    class Status(models.TextChoices):
        LOADED = "loaded", "Loaded"
        REJECTED = "rejected", "Rejected"

    file_name = models.CharField(max_length=300)
    sha256 = models.CharField(max_length=64, db_index=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=20, choices=Status.choices)
    rows = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    is_sample = models.BooleanField(default=False)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "values batches"

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()}, {self.rows} rows)"


class Observation(models.Model):
    """A measure's value for one month, area and breakdown, with its lineage."""

    class Origin(models.TextChoices):
        POLICE_UK = "police-uk", "data.police.uk"
        FORCE = "force-supplied", "Force-supplied"

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="observations")
    period = models.CharField(max_length=7, help_text="YYYY-MM")
    # "force" for the whole force, otherwise a BCU code from the plan.
    area = models.CharField(max_length=40, default=FORCE_AREA)
    # "" for all people; otherwise e.g. "age:under-18", "age:18-and-over".
    breakdown = models.CharField(max_length=60, blank=True, default="")
    value = models.FloatField()
    numerator = models.FloatField(null=True, blank=True)
    denominator = models.FloatField(null=True, blank=True)
    note = models.TextField(blank=True)
    origin = models.CharField(max_length=20, choices=Origin.choices)
    is_sample = models.BooleanField(default=False, help_text="Sample values for the demo")
    # Warehouse import-batch ids (police.uk) this value was aggregated from.
    warehouse_batches = models.JSONField(default=list, blank=True)
    values_batch = models.ForeignKey(
        ValuesBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="observations"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["measure", "area", "breakdown", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "period", "area", "breakdown"], name="one_value_per_cell"
            )
        ]
        indexes = [models.Index(fields=["measure", "area", "breakdown", "period"])]

    def __str__(self) -> str:
        return (
            f"{self.measure.code} {self.area} {self.breakdown or 'all'} {self.period}: {self.value}"
        )


class Population(models.Model):
    """Resident population of an area in a year, for rates per 1,000."""

    area = models.CharField(max_length=120, help_text="force, a BCU code or a local authority")
    year = models.PositiveIntegerField()
    population = models.PositiveIntegerField()
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["area", "year"]
        constraints = [models.UniqueConstraint(fields=["area", "year"], name="population_cell")]

    def __str__(self) -> str:
        return f"{self.area} {self.year}: {self.population}"


class SourceMonth(models.Model):
    """A month of a police.uk dataset the measures were computed from, for one force.

    Written by ``oversight measures refresh`` with the observations, so that an assessment can
    tell a month whose files are not yet imported from a month that was (readiness): a web
    request reads this table, never the warehouse.
    """

    dataset = models.CharField(max_length=20, help_text="street, outcomes or stop-and-search")
    force = models.SlugField(max_length=60)
    period = models.CharField(max_length=7, help_text="YYYY-MM")
    batch = models.PositiveIntegerField(help_text="The warehouse import batch of the month")
    rows = models.PositiveIntegerField(null=True, blank=True)
    refreshed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["force", "dataset", "period"]
        constraints = [
            models.UniqueConstraint(fields=["dataset", "force", "period"], name="source_month")
        ]

    def __str__(self) -> str:
        return f"police.uk {self.dataset} {self.force} {self.period}"


class FindingKind(models.TextChoices):
    BREAK = "break", "Data break"
    REVISION = "revision", "Revision of a published month"
    OUTCOME_MIX = "outcome_mix", "Outcome-mix shift"


class Decision(models.TextChoices):
    OPEN = "open", "Open: under review"
    REAL_CHANGE = "real_change", "Real change"
    RECORDING_CHANGE = "recording_change", "Recording change (rebased)"


class Finding(models.Model):
    """Something the recording-integrity monitor found in the police.uk data, and the decision.

    Until a person decides, an open break or outcome-mix shift holds the ratings of the measures
    it touches at Grey (see ``performance.assessment``). A decision is final and audited; a
    recording change becomes a rebase of each touched measure.
    """

    kind = models.CharField(max_length=20, choices=FindingKind.choices)
    force = models.SlugField(max_length=60)
    dataset = models.CharField(max_length=20)
    period = models.CharField(max_length=7, help_text="The first month of the new level")
    # The replacing warehouse batch of a revision; 0 for the other kinds.
    batch = models.PositiveIntegerField(default=0)
    summary = models.TextField()
    # The categories whose series stepped or were revised (crime types, outcome types, ...).
    categories = models.JSONField(default=list, blank=True)
    # Steps (series, levels, months, z) or revised counts, and the monthly series for a chart.
    evidence = models.JSONField(default=dict, blank=True)
    detected_at = models.DateTimeField(auto_now_add=True)
    last_seen_at = models.DateTimeField(auto_now=True)
    # False when later data no longer show it (kept: someone may have read it).
    still_detected = models.BooleanField(default=True)
    decision = models.CharField(max_length=20, choices=Decision.choices, default=Decision.OPEN)
    reason = models.TextField(blank=True)
    rebase_period = models.CharField(max_length=7, blank=True)
    rebased_measures = models.JSONField(default=list, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["force", "dataset", "period", "kind", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "force", "dataset", "period", "batch"], name="one_finding"
            ),
            models.CheckConstraint(
                condition=models.Q(decision="open") | ~models.Q(reason=""),
                name="decision_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} in {self.force} {self.dataset} at {self.period}"

    @property
    def is_open(self) -> bool:
        return self.decision == Decision.OPEN

    @property
    def holds_ratings(self) -> bool:
        """Return whether it holds the ratings of the measures it touches until decided."""
        return self.is_open and self.still_detected and self.kind != FindingKind.REVISION


class PoliceUpload(models.Model):
    """police.uk files uploaded on the Data page, imported in the background, and the report."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Importing"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    step = models.CharField(max_length=200, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The names and sizes of the files as uploaded, in order.
    files = models.JSONField(default=list)
    # The report, as `oversight import police-uk` prints it, line by line.
    report = models.JSONField(default=list, blank=True)
    # True when every file imported (none rejected or unreadable).
    ok = models.BooleanField(default=False)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"police.uk upload {self.pk} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
