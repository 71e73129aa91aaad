"""The rule tables are edited here (with effective dates); records are read-only lists."""

from __future__ import annotations

from django.contrib import admin

from danvan.democracy.models import (
    DecisionRule,
    Disclosure,
    DisclosureItem,
    Household,
    OversightRule,
    Workplace,
    WorkplaceRule,
)


@admin.register(DisclosureItem)
class DisclosureItemAdmin(admin.ModelAdmin[DisclosureItem]):
    list_display = (
        "code",
        "name",
        "min_days",
        "deadline_days",
        "per_year",
        "effective_from",
        "effective_to",
        "is_verified",
    )
    list_filter = ("is_verified",)
    search_fields = ("code", "name", "legal_basis")


@admin.register(Household)
class HouseholdAdmin(admin.ModelAdmin[Household]):
    list_display = ("code", "representative", "village", "unit")
    search_fields = ("code", "representative")
    raw_id_fields = ("unit", "village")


@admin.register(Disclosure)
class DisclosureAdmin(admin.ModelAdmin[Disclosure]):
    list_display = ("title", "item", "unit", "state", "issued_on", "posted_on", "is_late", "is_too_short")
    list_filter = ("state", "is_late", "is_too_short")
    raw_id_fields = ("unit", "item", "created_by")
    readonly_fields = ("state", "version")


@admin.register(DecisionRule)
class DecisionRuleAdmin(admin.ModelAdmin[DecisionRule]):
    list_display = ("name", "effective_from", "effective_to", "is_verified")


@admin.register(OversightRule)
class OversightRuleAdmin(admin.ModelAdmin[OversightRule]):
    list_display = ("name", "inspection_min_members", "investment_max_deputies", "reply_days", "effective_from",
                    "is_verified")  # fmt: skip


@admin.register(WorkplaceRule)
class WorkplaceRuleAdmin(admin.ModelAdmin[WorkplaceRule]):
    list_display = ("name", "conference_due_month", "conference_due_day", "dialogues_per_year", "effective_from",
                    "is_verified")  # fmt: skip


@admin.register(Workplace)
class WorkplaceAdmin(admin.ModelAdmin[Workplace]):
    list_display = ("name", "kind", "unit", "employees", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "code")
    raw_id_fields = ("unit",)
