"""Admin: the editable registries (annual themes, manual indicators); the rest is read-mostly."""

from __future__ import annotations

from django.contrib import admin

from danvan.reporting.models import AnnualTheme, Conference, IndicatorDefinition, Period, Report, Task


@admin.register(AnnualTheme)
class AnnualThemeAdmin(admin.ModelAdmin[AnnualTheme]):
    list_display = ("year_from", "year_to", "title")


@admin.register(IndicatorDefinition)
class IndicatorDefinitionAdmin(admin.ModelAdmin[IndicatorDefinition]):
    list_display = ("code", "name", "unit", "aggregation", "module", "is_active")
    list_filter = ("module", "aggregation", "is_active")
    search_fields = ("code", "name")


@admin.register(Period)
class PeriodAdmin(admin.ModelAdmin[Period]):
    list_display = ("name", "kind", "start", "end", "status", "theme")
    readonly_fields = ("status", "closed_at")


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin[Report]):
    list_display = ("title", "unit", "period", "status")
    list_filter = ("status",)
    readonly_fields = [f.name for f in Report._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False


@admin.register(Conference)
class ConferenceAdmin(admin.ModelAdmin[Conference]):
    list_display = ("title", "kind", "held_on", "unit", "online")
    readonly_fields = [f.name for f in Conference._meta.fields]


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin[Task]):
    list_display = ("title", "unit", "due_on", "status")
    readonly_fields = [f.name for f in Task._meta.fields]
