from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from danvan.petitions.models import (
    AnswerTemplate,
    DeadlineRule,
    Field,
    FieldCorrection,
    IntakeJournal,
    RoutingRule,
)


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


@admin.register(IntakeJournal)
class IntakeJournalAdmin(admin.ModelAdmin[IntakeJournal]):
    """Read-only: public submissions waiting for the register, and those left aside with an error."""

    list_display = ("tracking_code", "received_at", "error")
    list_filter = (("error", admin.EmptyFieldListFilter),)
    search_fields = ("tracking_code",)
    exclude = ("payload",)  # the prepared rows (a denunciator's identity is in them only encrypted)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: IntakeJournal | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: IntakeJournal | None = None) -> bool:
        return False


@admin.register(FieldCorrection)
class FieldCorrectionAdmin(admin.ModelAdmin[FieldCorrection]):
    """Read-only: the decisions are written by `services.confirm_field` only."""

    list_display = ("petition", "suggested", "field", "actor", "unit", "at")
    list_filter = ("field",)
    raw_id_fields = ("petition", "unit", "actor")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: FieldCorrection | None = None) -> bool:
        return False


@admin.register(AnswerTemplate)
class AnswerTemplateAdmin(admin.ModelAdmin[AnswerTemplate]):
    """Administrators write the answer templates: national (no unit) or a unit's (its officers and those of
    the units below use them). The body's placeholders are checked when saved (`AnswerTemplate.clean`)."""

    list_display = ("name", "unit", "kind", "is_active", "order", "updated_at")
    list_filter = ("is_active", "kind")
    search_fields = ("name", "body")
    autocomplete_fields = ("unit",)
