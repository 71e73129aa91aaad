from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import transaction
from django.http import HttpRequest

from danvan.core import audit
from danvan.core.models import AuditAction
from danvan.engagement.models import ReceptionRule

RULE_FIELDS = [
    "head_role",
    "days_required",
    "period",
    "delegation_allowed",
    "online_allowed",
    "effective_from",
    "effective_to",
    "legal_basis",
]


@admin.register(ReceptionRule)
class ReceptionRuleAdmin(admin.ModelAdmin[ReceptionRule]):
    """The editable rule table: minimum reception days per head, with effective dates."""

    list_display = (
        "head_role",
        "days_required",
        "period",
        "delegation_allowed",
        "online_allowed",
        "effective_from",
        "effective_to",
    )
    list_filter = ("head_role", "period")
    ordering = ("head_role", "effective_from")

    def save_model(self, request: HttpRequest, obj: ReceptionRule, form: Any, change: bool) -> None:
        with transaction.atomic():
            before = audit.snapshot(ReceptionRule.objects.get(pk=obj.pk), RULE_FIELDS) if change else {}
            super().save_model(request, obj, form, change)
            audit.record(
                actor=request.user,
                action=AuditAction.UPDATE if change else AuditAction.CREATE,
                obj=obj,
                summary=f"Quy định ngày tiếp công dân: {obj}",
                changes=audit.diff(before, audit.snapshot(obj, RULE_FIELDS)),
            )
