from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from danvan.notifications.models import (
    CaseLetter,
    LetterTemplate,
    MessageTemplate,
    OfficerPreference,
    Outbox,
    ScheduledRun,
    Unsubscribed,
)


@admin.register(Outbox)
class OutboxAdmin(admin.ModelAdmin[Outbox]):
    list_display = ("created_at", "channel", "template", "recipient_hint", "status", "attempts", "last_error")
    list_filter = ("status", "channel", "template")
    search_fields = ("case_id", "template")
    exclude = ("recipient_enc", "recipient_hash", "context")
    readonly_fields = tuple(
        f
        for f in (
            "channel",
            "recipient_hint",
            "template",
            "language",
            "status",
            "attempts",
            "next_attempt_at",
            "lease_until",
            "claimed_by",
            "last_error",
            "case_label",
            "case_id",
            "created_at",
            "sent_at",
        )
    )

    def has_add_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(MessageTemplate)
class MessageTemplateAdmin(admin.ModelAdmin[MessageTemplate]):
    """Administrators edit the messages; a template saved here replaces the default of the same key and
    language (`notifications/defaults.py` lists the keys and the variables each receives)."""

    list_display = ("key", "language", "subject", "updated_at")
    list_filter = ("language",)


@admin.register(Unsubscribed)
class UnsubscribedAdmin(admin.ModelAdmin[Unsubscribed]):
    list_display = ("channel", "at")
    readonly_fields = ("channel", "address_hash", "at")


@admin.register(OfficerPreference)
class OfficerPreferenceAdmin(admin.ModelAdmin[OfficerPreference]):
    list_display = ("user", "daily_digest", "due_alerts", "weekly_summary", "language")
    raw_id_fields = ("user",)


@admin.register(ScheduledRun)
class ScheduledRunAdmin(admin.ModelAdmin[ScheduledRun]):
    list_display = ("name", "next_at", "last_at")


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin[LetterTemplate]):
    """Administrators edit the letters' variable parts: the body (one paragraph per line, placeholders
    checked when saved) and the signer's title; a new template starts from the built-in text of its kind."""

    list_display = ("kind", "signer_title", "updated_at")

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        from danvan.notifications.letters import DEFAULT_BODIES, DEFAULT_SIGNER

        initial = dict(super().get_changeform_initial_data(request))
        kind = str(initial.get("kind") or request.GET.get("kind") or "acceptance")
        initial.setdefault("kind", kind)
        initial.setdefault("body", DEFAULT_BODIES.get(kind, ""))
        initial.setdefault("signer_title", DEFAULT_SIGNER)
        return initial


@admin.register(CaseLetter)
class CaseLetterAdmin(admin.ModelAdmin[CaseLetter]):
    list_display = ("petition", "kind", "created_at")
    readonly_fields = ("petition", "kind", "move", "attachment", "created_at")

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
