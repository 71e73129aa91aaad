"""Giao diện lập trình (API): per-client API tokens.

A token is shown once when created; only its SHA-256 digest is stored (tokens are 256-bit random, so a
fast digest is safe and lets a request be authenticated with one indexed lookup). Each token belongs to
a unit subtree and is either read-only or read-write; it acts through a service account of its own so
that audit rows and `submitted_by` name the client.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.territory.models import AdminUnit


class TokenScope(models.TextChoices):
    READ = "read", _("Chỉ đọc")
    WRITE = "write", _("Đọc và ghi")


class ApiToken(models.Model):
    name = models.CharField(_("tên ứng dụng"), max_length=120)
    unit = models.ForeignKey(
        AdminUnit, verbose_name=_("đơn vị (cả địa bàn trực thuộc)"), on_delete=models.PROTECT
    )
    scope = models.CharField(_("quyền"), max_length=10, choices=TokenScope.choices, default=TokenScope.READ)
    # A write token files petitions only about places inside its subtree, unless it was issued as the
    # intake token of a citizens' portal, which takes matters about any place and routes them.
    portal_intake = models.BooleanField(
        _("khóa tiếp nhận của cổng thông tin"),
        default=False,
        help_text=_("Được gửi đơn về sự việc ở bất kỳ địa bàn nào (cổng tiếp nhận phản ánh, kiến nghị)."),
    )
    prefix = models.CharField(_("tiền tố"), max_length=12, unique=True)
    digest = models.CharField(_("mã băm SHA-256"), max_length=64, unique=True)
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản dịch vụ"),
        on_delete=models.PROTECT,
        related_name="api_token",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("thời điểm tạo"))
    last_used_at = models.DateTimeField(_("lần dùng gần nhất"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("thời điểm thu hồi"), null=True, blank=True)

    class Meta:
        verbose_name = _("khóa API")
        verbose_name_plural = _("khóa API")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…, {self.get_scope_display()}, {self.unit})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @property
    def can_write(self) -> bool:
        return self.scope == TokenScope.WRITE and self.is_active


class IdempotentSubmission(models.Model):
    """An `Idempotency-Key` a client sent with a submission: a retry gets the same receipt, not a copy."""

    token = models.ForeignKey(
        ApiToken, verbose_name=_("khóa API"), on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(_("khóa chống gửi trùng"), max_length=100)
    petition = models.ForeignKey(
        "petitions.Petition", verbose_name=_("đơn thư"), on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("thời điểm"))

    class Meta:
        verbose_name = _("lần gửi có khóa chống trùng")
        verbose_name_plural = _("lần gửi có khóa chống trùng")
        constraints = [models.UniqueConstraint(fields=["token", "key"], name="api_idempotency_unique")]

    def __str__(self) -> str:
        return f"{self.token_id}:{self.key}"
