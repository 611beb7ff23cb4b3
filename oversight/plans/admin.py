from django.contrib import admin

from oversight.accounts.admin import AuditedAdmin
from oversight.plans.models import (
    Bcu,
    LocalAuthority,
    Measure,
    MeasureVersion,
    Outcome,
    Plan,
    Priority,
    Theme,
)

# Every change made in the admin writes an audit row (see AuditedAdmin).
for model in (Plan, Priority, Outcome, Bcu, LocalAuthority, Theme, MeasureVersion):
    admin.site.register(model, AuditedAdmin)


@admin.register(Measure)
class MeasureAdmin(AuditedAdmin):
    list_display = ("code", "name", "unit", "improvement", "source", "status", "version")
    list_filter = ("source", "status", "unit")
    search_fields = ("code", "name", "name_cy")
