"""Admin for two-factor enrolment codes: adding one issues a code and shows it once."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin

from danvan.security import enrolment
from danvan.security.models import EnrolmentCode

# django-otp writes this help in English when its admin is imported, around the user's field names of that
# moment (Vietnamese): one sentence per language instead.
TOTPDeviceAdmin.search_help_text = _("Tìm theo tên đăng nhập hoặc địa chỉ thư điện tử của người dùng")


@admin.register(EnrolmentCode)
class EnrolmentCodeAdmin(admin.ModelAdmin[EnrolmentCode]):
    list_display = ("user", "created_by", "created_at", "expires_at", "used_at")
    search_fields = ("user__username", "user__full_name")
    fields = ("user", "created_by", "created_at", "expires_at", "used_at")
    readonly_fields = ("created_by", "created_at", "expires_at", "used_at")
    raw_id_fields = ("user",)

    def get_readonly_fields(self, request: HttpRequest, obj: EnrolmentCode | None = None) -> Any:
        return ("user", *self.readonly_fields) if obj is not None else self.readonly_fields

    def has_delete_permission(self, request: HttpRequest, obj: EnrolmentCode | None = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: EnrolmentCode, form: Any, change: bool) -> None:
        if change:
            return  # codes are immutable; issue a new one instead (it voids the earlier ones)
        try:
            raw = enrolment.issue_code(actor=request.user, user=obj.user)
        except enrolment.EnrolmentError as exc:
            messages.error(request, str(exc))
            return
        issued = EnrolmentCode.objects.filter(user=obj.user).order_by("-pk").first()
        assert issued is not None
        obj.pk = issued.pk
        obj.__dict__.update(issued.__dict__)
        messages.warning(
            request,
            _("Mã kích hoạt cho %(user)s (dùng một lần, chỉ hiện lần này, hãy trao trực tiếp): %(code)s")
            % {"user": obj.user, "code": raw},
        )
