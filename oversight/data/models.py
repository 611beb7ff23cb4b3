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
