from __future__ import annotations

from django.contrib import admin

from danvan.notifications.models import MessageTemplate, OfficerPreference, Outbox, ScheduledRun, Unsubscribed


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
