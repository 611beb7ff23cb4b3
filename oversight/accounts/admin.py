"""The Django admin's models; every change made there writes an Oversight audit row."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.db import models, transaction
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse

from oversight.accounts import audit
from oversight.accounts.models import AuditEvent, Organisation, User


class AuditedAdmin(admin.ModelAdmin):
    """A ModelAdmin whose every add, change and delete is audited like a service's write.

    The row, `admin.<model>.added|changed|deleted`, holds the object's fields before and after
    (many-to-many links as lists of ids), so a role given in the admin is as visible in the
    audit log as one given anywhere else. A password hash is never recorded.
    """

    audit_exclude: tuple[str, ...] = ("password",)

    def audit_state(self, obj: models.Model) -> dict[str, Any]:
        """Return the object's fields, and its many-to-many links by id, as JSON-safe values."""
        names = [f.attname for f in obj._meta.concrete_fields if f.name not in self.audit_exclude]
        state = audit.state_of(obj, names)
        for field in obj._meta.many_to_many:
            if field.name not in self.audit_exclude and obj.pk is not None:
                related = getattr(obj, field.name).order_by("pk").values_list("pk", flat=True)
                state[field.name] = list(related)
        return state

    def save_model(self, request: HttpRequest, obj: models.Model, form: Any, change: bool) -> None:
        # The form has already changed `obj` in memory: the state before is the stored one.
        stored = type(obj)._default_manager.filter(pk=obj.pk).first() if change else None
        form._audit_before = self.audit_state(stored) if stored is not None else None
        super().save_model(request, obj, form, change)

    def save_related(
        self, request: HttpRequest, form: ModelForm, formsets: Any, change: bool
    ) -> None:
        # Recorded here rather than in save_model, once the many-to-many links are saved too.
        super().save_related(request, form, formsets, change)
        obj = form.instance
        before = getattr(form, "_audit_before", None)
        after = self.audit_state(obj)
        if change and before == after:
            return
        audit.record(
            by=request.user,
            action=f"admin.{obj._meta.model_name}.{'changed' if change else 'added'}",
            obj=obj,
            before=before,
            after=after,
        )

    def delete_model(self, request: HttpRequest, obj: models.Model) -> None:
        with transaction.atomic():
            self._record_deletion(request, obj)
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        # The changelist's "delete selected" action deletes without calling delete_model.
        with transaction.atomic():
            for obj in queryset:
                self._record_deletion(request, obj)
            super().delete_queryset(request, queryset)

    def _record_deletion(self, request: HttpRequest, obj: models.Model) -> None:
        audit.record(
            by=request.user,
            action=f"admin.{obj._meta.model_name}.deleted",
            obj=obj,
            before=self.audit_state(obj),
        )


@admin.register(User)
class OversightUserAdmin(AuditedAdmin, UserAdmin):
    audit_exclude = ("password", "last_login")
    fieldsets = (
        *UserAdmin.fieldsets,
        ("Oversight", {"fields": ("role", "organisation", "job_title")}),
    )
    list_display = ("username", "first_name", "last_name", "role", "organisation", "is_active")
    list_filter = ("role", "organisation", "is_active")

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        # The password form saves the user itself, not through save_model: audit it here
        # (that it changed, by whom; never the hash).
        before = User.objects.filter(pk=id).values_list("password", flat=True).first()
        response = super().user_change_password(request, id, form_url)
        user = User.objects.filter(pk=id).first()
        if user is not None and user.password != before:
            usable = {"usable_password": user.has_usable_password()}
            audit.record(
                by=request.user, action="admin.user.password_changed", obj=user, after=usable
            )
        return response


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    list_display = ("name", "kind")
    prepopulated_fields = {"slug": ("name",)}


# Django's groups carry Django permissions: a change there is audited like any other.
admin.site.unregister(Group)


@admin.register(Group)
class AuditedGroupAdmin(AuditedAdmin, GroupAdmin):
    pass


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("at", "actor_name", "action", "object_type", "object_repr")
    list_filter = ("action", "object_type")
    readonly_fields = [f.name for f in AuditEvent._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
