"""The Police and Crime Reduction Plan: priorities, outcomes, measures, BCUs and themes."""

from django.conf import settings
from django.db import models

# The one unit vocabulary is analysis.units; Unit is re-exported for the apps above.
from oversight.analysis.units import UNIT_CHOICES
from oversight.analysis.units import Unit as Unit


class Plan(models.Model):
    """A multi-year Police and Crime Reduction Plan for one force."""

    title = models.CharField(max_length=200)
    title_cy = models.CharField("title (Welsh)", max_length=200, blank=True, default="")
    force_name = models.CharField(max_length=120, help_text="As police.uk reports it")
    force_slug = models.SlugField(max_length=60, help_text="The police.uk force id, e.g. gwent")
    first_year = models.PositiveIntegerField(help_text="First plan year, starting in April")
    last_year = models.PositiveIntegerField()
    summary = models.TextField(blank=True)
    summary_cy = models.TextField("summary (Welsh)", blank=True, default="")
    published = models.BooleanField(default=False)

    class Meta:
        ordering = ["-first_year"]

    def __str__(self) -> str:
        return self.title

    @property
    def years(self) -> list[int]:
        return list(range(self.first_year, self.last_year + 1))

    @property
    def year_labels(self) -> list[str]:
        return [f"{y}/{str(y + 1)[-2:]}" for y in self.years]


class Priority(models.Model):
    """A priority of the plan, of one of the three kinds the paper proposes."""

    class Kind(models.TextChoices):
        POLICING = "policing", "Policing priority"
        PARTNERSHIP = "partnership", "Partnership priority"
        DEVELOPMENT = "development", "Development priority"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="priorities")
    code = models.CharField(max_length=20)
    title = models.CharField(max_length=200)
    title_cy = models.CharField("title (Welsh)", max_length=200, blank=True, default="")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    description = models.TextField(blank=True)
    description_cy = models.TextField("description (Welsh)", blank=True, default="")
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["plan", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="priority_code")]
        verbose_name_plural = "priorities"

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Outcome(models.Model):
    """An outcome a priority seeks, evidenced by measures."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="outcomes")
    code = models.CharField(max_length=20)
    title = models.CharField(max_length=300)
    title_cy = models.CharField("title (Welsh)", max_length=300, blank=True, default="")
    description = models.TextField(blank=True)
    description_cy = models.TextField("description (Welsh)", blank=True, default="")
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["priority__order", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["priority", "code"], name="outcome_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Bcu(models.Model):
    """A Basic Command Unit of the force and the local authorities it covers."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="bcus")
    code = models.SlugField(max_length=40)
    name = models.CharField(max_length=120)

    class Meta:
        ordering = ["plan", "name"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="bcu_code")]
        verbose_name = "BCU"

    def __str__(self) -> str:
        return self.name


class LocalAuthority(models.Model):
    """A local authority (as named in LSOA names) and the BCU that covers it."""

    bcu = models.ForeignKey(Bcu, on_delete=models.CASCADE, related_name="local_authorities")
    name = models.CharField(max_length=120)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["bcu", "name"], name="la_name")]
        verbose_name_plural = "local authorities"

    def __str__(self) -> str:
        return self.name


class Theme(models.Model):
    """An area of strategic importance that measures are grouped under (paragraph 6)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="themes")
    slug = models.SlugField(max_length=60)
    title = models.CharField(max_length=200)
    title_cy = models.CharField("title (Welsh)", max_length=200, blank=True, default="")
    description = models.TextField(blank=True)
    description_cy = models.TextField("description (Welsh)", blank=True, default="")
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["plan", "order", "title"]
        constraints = [models.UniqueConstraint(fields=["plan", "slug"], name="theme_slug")]

    def __str__(self) -> str:
        return self.title


class Direction(models.TextChoices):
    UP = "up", "Higher is better"
    DOWN = "down", "Lower is better"
    NEUTRAL = "neutral", "Neither"


class Source(models.TextChoices):
    POLICE_UK = "police-uk", "data.police.uk"
    FORCE = "force-supplied", "Force-supplied"


class MeasureStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    UNDER_REVIEW = "under_review", "Under review"
    AMENDED = "amended", "Amended"
    RETIRED = "retired", "Retired"


class Measure(models.Model):
    """A measure that evidences an outcome; its current definition (history in versions)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="measures")
    outcome = models.ForeignKey(Outcome, on_delete=models.PROTECT, related_name="measures")
    code = models.CharField(max_length=30)
    name = models.CharField(max_length=200)
    name_cy = models.CharField("name (Welsh)", max_length=200, blank=True, default="")
    description = models.TextField(blank=True)
    description_cy = models.TextField("description (Welsh)", blank=True, default="")
    unit = models.CharField(max_length=20, choices=UNIT_CHOICES)
    improvement = models.CharField(max_length=10, choices=Direction.choices)
    source = models.CharField(max_length=20, choices=Source.choices)
    # The police.uk definition: dataset, crime types, outcome categories, statistic.
    police_uk = models.JSONField(default=dict, blank=True)
    breakdowns = models.JSONField(default=list, blank=True)
    target = models.FloatField(null=True, blank=True)
    target_start = models.DateField(null=True, blank=True)
    target_end = models.DateField(null=True, blank=True)
    rag_rule = models.JSONField(default=dict, blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="measures")
    owner = models.CharField(max_length=200, blank=True)
    # Chart as count ÷ days in month, to take month length out of seasonal series.
    daily_rate = models.BooleanField(default=False)
    # Values come from a sample survey: the pages show each value's confidence interval.
    survey = models.BooleanField(default=False)
    # Periods where the SPC chart starts new limits, each with its documented cause:
    # [{"period": "2023-10", "reason": "..."}].
    rebases = models.JSONField(default=list, blank=True)
    status = models.CharField(
        max_length=20, choices=MeasureStatus.choices, default=MeasureStatus.ACTIVE
    )
    version = models.PositiveIntegerField(default=1)
    effective_from = models.DateField(null=True, blank=True)
    effective_to = models.DateField(null=True, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["outcome__priority__order", "outcome__order", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="measure_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def priority(self) -> Priority:
        return self.outcome.priority

    @property
    def is_sample(self) -> bool:
        """Force-supplied measures in the demo carry sample values, labelled as such."""
        return self.source == Source.FORCE


class MeasureVersion(models.Model):
    """One version of a measure's definition, with the dates it applied and why it changed."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    status = models.CharField(max_length=20, choices=MeasureStatus.choices)
    definition = models.JSONField()
    effective_from = models.DateField(null=True, blank=True)
    effective_to = models.DateField(null=True, blank=True)
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["measure", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "version"], name="measure_version")
        ]

    def __str__(self) -> str:
        return f"{self.measure.code} v{self.version}"
