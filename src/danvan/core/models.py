"""Core models: the append-only, hash-chained audit log, and the abstract bases of the columns every
module repeats (demo marker, creation, optimistic-lock version)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core import clock


class IsDemo(models.Model):
    """Rows made by `danvan demo`: marked, so they can be told apart and removed."""

    is_demo = models.BooleanField(_("dữ liệu mẫu"), default=False)

    class Meta:
        abstract = True


class CreatedAt(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class Created(CreatedAt):
    """Who made the row (kept if the account goes) and when."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        abstract = True


class Versioned(models.Model):
    """The optimistic-lock counter: a service compares the version a form was read at before a change."""

    version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True


class AuditAction(models.TextChoices):
    CREATE = "create", _("Tạo mới")
    UPDATE = "update", _("Cập nhật")
    DELETE = "delete", _("Xóa")
    TRANSITION = "transition", _("Chuyển trạng thái")
    EXPORT = "export", _("Xuất dữ liệu")
    VIEW_CONFIDENTIAL = "view_confidential", _("Xem thông tin mật")
    IMPORT = "import", _("Nhập dữ liệu")
    LOGIN = "login", _("Đăng nhập")
    LOGIN_FAILED = "login_failed", _("Đăng nhập thất bại")


class AuditEntry(models.Model):
    """One append-only row; `hash` is an HMAC-SHA256, under the audit key `key_id` (kept outside the
    database, settings.AUDIT_KEYS), of the row and the previous row's hash.

    Rows are never updated or deleted (database triggers refuse it); `danvan audit verify` recomputes
    the chain and reports the first edited or missing row.
    """

    at = models.DateTimeField(_("thời điểm"), db_index=True)
    actor_id = models.BigIntegerField(_("người thực hiện (id)"), null=True, blank=True, db_index=True)
    actor_label = models.CharField(_("người thực hiện"), max_length=200, blank=True)
    unit_id = models.BigIntegerField(_("đơn vị (id)"), null=True, blank=True, db_index=True)
    unit_path = models.CharField(_("đường dẫn đơn vị"), max_length=64, blank=True, db_index=True)
    action = models.CharField(_("hành động"), max_length=32, choices=AuditAction.choices, db_index=True)
    object_type = models.CharField(_("loại đối tượng"), max_length=100)
    object_id = models.CharField(_("mã đối tượng"), max_length=64, blank=True)
    summary = models.CharField(_("mô tả"), max_length=500, blank=True)
    changes = models.JSONField(_("trường thay đổi"), default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)
    key_id = models.CharField(_("mã khóa ký"), max_length=16, default="", blank=True)

    class Meta:
        verbose_name = _("nhật ký kiểm tra")
        verbose_name_plural = _("nhật ký kiểm tra")
        ordering = ["id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]

    def __str__(self) -> str:
        return (
            f"#{self.pk} {clock.format_datetime(self.at)} {self.actor_label} {self.action} {self.object_type}"
        )

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise RuntimeError("Nhật ký kiểm tra chỉ được ghi thêm, không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise RuntimeError("Nhật ký kiểm tra không được xóa.")


class AuditChainHead(models.Model):
    """A single row holding the chain's end: serialises appends and detects a deleted tail."""

    last_id = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)
    count = models.BigIntegerField(default=0)
    # HMAC of (last_id, last_hash, count) under `key_id`: moving the head back after deleting the last
    # rows needs the key.
    key_id = models.CharField(max_length=16, default="", blank=True)
    mac = models.CharField(max_length=64, default="", blank=True)

    class Meta:
        verbose_name = _("đầu chuỗi nhật ký")

    def __str__(self) -> str:
        return f"#{self.last_id} ({self.count})"
