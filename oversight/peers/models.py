"""Every force's police.uk rows per month, counted by category, for peer comparison.

The warehouse holds every force's rows; web requests never read it (DESIGN.md). So after
an import (``receivers``) and on each `oversight peers`, ``counts.store_counts`` writes here,
for each loaded month of each force and dataset, its rows by category and outcome: what any
police.uk measure definition selects can be summed from them, and what peers and funnel
plots need is read from the database.
"""

from django.db import models


class CountedMonth(models.Model):
    """A loaded police.uk file (dataset, force, month), as the warehouse batch that holds it."""

    dataset = models.CharField(max_length=20, help_text="street, outcomes or stop-and-search")
    force = models.SlugField(max_length=60)
    period = models.CharField(max_length=7, help_text="YYYY-MM")
    batch = models.PositiveIntegerField(help_text="The warehouse import batch of the month")
    rows = models.PositiveIntegerField()
    counted_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["dataset", "force", "period"]
        constraints = [
            models.UniqueConstraint(fields=["dataset", "force", "period"], name="counted_month")
        ]

    def __str__(self) -> str:
        return f"police.uk {self.dataset} {self.force} {self.period} ({self.rows} rows)"


class ForceCount(models.Model):
    """Rows of one counted month with one category and outcome."""

    month = models.ForeignKey(CountedMonth, on_delete=models.CASCADE, related_name="counts")
    # The crime type for street rows; "" for outcomes and stop-and-search.
    category = models.CharField(max_length=120, blank=True)
    # Last outcome category (street), outcome type (outcomes) or outcome (stop and search).
    outcome = models.CharField(max_length=120, blank=True)
    rows = models.PositiveIntegerField()

    class Meta:
        ordering = ["month", "category", "outcome"]
        constraints = [
            models.UniqueConstraint(fields=["month", "category", "outcome"], name="force_count")
        ]

    def __str__(self) -> str:
        return f"{self.month} {self.category or '-'} / {self.outcome or '-'}: {self.rows}"
