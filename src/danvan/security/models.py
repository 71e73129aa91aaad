"""Bảo mật tài khoản: one-time enrolment codes for two-factor authentication.

A password alone must not be enough to enrol an authenticator: an administrator issues a one-time code
(shown once; only its SHA-256 digest is stored) that the officer enters before the TOTP secret is shown.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core import clock


class EnrolmentCode(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ"),
        on_delete=models.CASCADE,
        related_name="otp_enrolment_codes",
    )
    digest = models.CharField(_("mã băm SHA-256"), max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người cấp"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("thời điểm cấp"))
    expires_at = models.DateTimeField(_("hết hạn lúc"))
    used_at = models.DateTimeField(_("đã dùng lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("mã kích hoạt xác thực hai lớp")
        verbose_name_plural = _("mã kích hoạt xác thực hai lớp")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user} ({clock.format_datetime(self.created_at)})"
