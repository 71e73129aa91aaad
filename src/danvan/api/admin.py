"""Admin for API tokens: creating one shows the secret once; revoking is an action."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from danvan.api import tokens
from danvan.api.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin[ApiToken]):
    list_display = (
        "name",
        "prefix",
        "scope",
        "portal_intake",
        "unit",
        "created_at",
        "last_used_at",
        "revoked_at",
    )
    list_filter = ("scope", "portal_intake")
    search_fields = ("name", "prefix")
    fields = ("name", "unit", "scope", "portal_intake", "prefix", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("prefix", "created_at", "last_used_at", "revoked_at")
    raw_id_fields = ("unit",)
    actions = ["revoke"]

    def get_readonly_fields(self, request: HttpRequest, obj: ApiToken | None = None) -> Any:
        if obj is not None:
            return ("name", "unit", "scope", "portal_intake", *self.readonly_fields)
        return self.readonly_fields

    def has_delete_permission(self, request: HttpRequest, obj: ApiToken | None = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: ApiToken, form: Any, change: bool) -> None:
        if change:
            return  # tokens are immutable; revoke and create a new one instead
        try:
            token, raw = tokens.create_token(
                actor=request.user,
                name=obj.name,
                unit=obj.unit,
                scope=obj.scope,
                portal_intake=obj.portal_intake,
            )
        except tokens.TokenError as exc:
            messages.error(request, str(exc))
            return
        obj.pk = token.pk
        obj.__dict__.update(token.__dict__)
        messages.warning(request, _("Khóa API (chỉ hiện một lần, hãy lưu lại ngay): %(key)s") % {"key": raw})

    @admin.action(description=_("Thu hồi các khóa đã chọn"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        for token in queryset:
            tokens.revoke_token(actor=request.user, token=token)
        messages.success(request, _("Đã thu hồi %(count)d khóa.") % {"count": queryset.count()})
