from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from oversight.accounts.models import AuditEvent, Organisation, User


@admin.register(User)
class OversightUserAdmin(UserAdmin):
    fieldsets = (
        *UserAdmin.fieldsets,
        ("Oversight", {"fields": ("role", "organisation", "job_title")}),
    )
    list_display = ("username", "first_name", "last_name", "role", "organisation", "is_active")
    list_filter = ("role", "organisation", "is_active")


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind")
    prepopulated_fields = {"slug": ("name",)}


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
