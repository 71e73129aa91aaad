from __future__ import annotations

from django.contrib import admin

from danvan.situation.models import ReportSchedule, RiseThreshold, Topic


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin[Topic]):
    list_display = ("order", "code", "name", "is_sensitive", "is_active")
    list_editable = ("is_active",)
    search_fields = ("code", "name", "keywords")


@admin.register(RiseThreshold)
class RiseThresholdAdmin(admin.ModelAdmin[RiseThreshold]):
    list_display = ("level", "p_value", "min_count", "min_ratio", "baseline_weeks")


@admin.register(ReportSchedule)
class ReportScheduleAdmin(admin.ModelAdmin[ReportSchedule]):
    list_display = ("unit", "frequency", "grace_days")
    raw_id_fields = ("unit",)
