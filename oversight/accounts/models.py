"""Users, the organisations they belong to, and the audit trail."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models

from oversight.accounts.permissions import Permission, Role, permissions_for


class Organisation(models.Model):
    """A body whose people use Oversight: the force, the OPCC, or a partner."""

    class Kind(models.TextChoices):
        FORCE = "force", "Police force"
        OPCC = "opcc", "Office of the Police and Crime Commissioner"
        COUNCIL = "council", "Local authority"
        HEALTH = "health", "Health board"
        PROBATION = "probation", "Probation service"
        YOUTH_JUSTICE = "youth_justice", "Youth justice service"
        THIRD_SECTOR = "third_sector", "Third sector"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A signed-in person with exactly one role."""

    role = models.CharField(max_length=40, choices=Role.choices, blank=True)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    job_title = models.CharField(max_length=200, blank=True)

    def clean(self) -> None:
        super().clean()
        if self.role == Role.PARTNER and self.organisation_id is None:
            raise ValidationError({"organisation": "A partner must belong to an organisation."})

    @property
    def permissions(self) -> frozenset[Permission]:
        if not self.is_active:
            return frozenset()
        return permissions_for(self.role)

    def can(self, permission: Permission) -> bool:
        """Return whether this user's role grants the permission."""
        return permission in self.permissions

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class AuditEvent(models.Model):
    """One change to data: who, when, to what, which action, and before and after."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    actor_name = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField(max_length=80, db_index=True)
    object_type = models.CharField(max_length=100, db_index=True)
    object_id = models.CharField(max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(max_length=300, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name or 'system'} {self.action}"
