from django.contrib import admin

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

for model in (Plan, Priority, Outcome, Bcu, LocalAuthority, Theme, MeasureVersion):
    admin.site.register(model)


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "unit", "improvement", "source", "status", "version")
    list_filter = ("source", "status", "unit")
    search_fields = ("code", "name")
