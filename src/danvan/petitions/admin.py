from __future__ import annotations

from django.contrib import admin

from danvan.petitions.models import DeadlineRule, Field, RoutingRule


@admin.register(Field)
class FieldAdmin(admin.ModelAdmin[Field]):
    list_display = ("code", "name", "order", "is_active")
    list_editable = ("order", "is_active")


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(admin.ModelAdmin[DeadlineRule]):
    list_display = (
        "kind",
        "step",
        "variant",
        "days",
        "working_days",
        "max_times",
        "effective_from",
        "effective_to",
        "legal_basis",
    )
    list_filter = ("kind", "step")


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin[RoutingRule]):
    list_display = ("kind", "field", "level", "priority", "effective_from", "effective_to", "note")
