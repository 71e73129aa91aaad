"""The outbox (one row per message to send), the templates an administrator edits, the unsubscribed addresses."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("Thư điện tử")
    SMS = "sms", _("Tin nhắn SMS")


class Status(models.TextChoices):
    PENDING = "pending", _("Chờ gửi")
    SENDING = "sending", _("Đang gửi")
    SENT = "sent", _("Đã gửi")
    FAILED = "failed", _("Gửi không được")
    CANCELLED = "cancelled", _("Đã hủy (người nhận từ chối nhận tin)")


class Outbox(models.Model):
    """One message, written in the transaction of the change it tells of, sent after commit by a task.

    The address is stored encrypted (a denunciator's address is part of the identity); `recipient_hash`
    finds the unsubscribed ones, `recipient_hint` is what an officer sees ("n…@gmail.com").
    A worker claims a row by setting `status=sending` and `lease_until`; a row whose lease ran out (its
    worker was killed) is claimed again. `attempts` counts claims.
    """

    channel = models.CharField(_("kênh"), max_length=10, choices=Channel.choices)
    recipient_enc = models.TextField(_("người nhận (mã hóa)"))
    # Not indexed: only unsubscribing looks rows up by it, among the pending ones (`notif_outbox_due`); an
    # index would be one more b-tree written by every notified move.
    recipient_hash = models.CharField(_("người nhận (băm)"), max_length=64)
    recipient_hint = models.CharField(_("người nhận"), max_length=80, blank=True)
    template = models.CharField(_("mẫu tin"), max_length=60)
    language = models.CharField(_("ngôn ngữ"), max_length=8, default="vi")
    context = models.JSONField(_("nội dung điền vào mẫu"), default=dict)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("số lần gửi"), default=0)
    next_attempt_at = models.DateTimeField(_("gửi lúc"))
    lease_until = models.DateTimeField(_("giữ đến"), null=True, blank=True)
    claimed_by = models.CharField(_("tiến trình gửi"), max_length=40, blank=True)
    last_error = models.CharField(_("lỗi gần nhất"), max_length=500, blank=True)
    case_label = models.CharField(_("loại hồ sơ"), max_length=60, blank=True)
    case_id = models.CharField(_("mã số hồ sơ"), max_length=40, blank=True)
    created_at = models.DateTimeField(_("thời điểm tạo"))
    sent_at = models.DateTimeField(_("thời điểm gửi"), null=True, blank=True)

    class Meta:
        verbose_name = _("tin nhắn đi")
        verbose_name_plural = _("hộp thư đi")
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="notif_outbox_due"),
            models.Index(fields=["case_label", "case_id"], name="notif_outbox_case"),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.template} → {self.recipient_hint} ({self.get_status_display()})"


class MessageTemplate(models.Model):
    """An administrator's version of a message template (the defaults live in `defaults.py`).

    Django template syntax; the variables each template receives are listed in `defaults.py`."""

    key = models.CharField(_("mẫu tin"), max_length=60)
    language = models.CharField(_("ngôn ngữ"), max_length=8, default="vi")
    subject = models.CharField(_("tiêu đề thư"), max_length=200)
    body_text = models.TextField(_("nội dung (văn bản thuần)"))
    body_html = models.TextField(_("nội dung (HTML)"), blank=True)
    sms_text = models.CharField(_("nội dung SMS"), max_length=320, blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("mẫu tin nhắn")
        verbose_name_plural = _("mẫu tin nhắn")
        constraints = [models.UniqueConstraint(fields=["key", "language"], name="notif_template_key_lang")]

    def __str__(self) -> str:
        return f"{self.key} ({self.language})"


class Unsubscribed(models.Model):
    """An address that asked for no more messages (kept as a hash only)."""

    channel = models.CharField(_("kênh"), max_length=10, choices=Channel.choices)
    address_hash = models.CharField(_("địa chỉ (băm)"), max_length=64)
    at = models.DateTimeField(_("thời điểm"))

    class Meta:
        verbose_name = _("địa chỉ từ chối nhận tin")
        verbose_name_plural = _("địa chỉ từ chối nhận tin")
        constraints = [models.UniqueConstraint(fields=["channel", "address_hash"], name="notif_unsub_unique")]

    def __str__(self) -> str:
        return f"{self.channel} {self.address_hash[:12]}…"


class OfficerPreference(models.Model):
    """What an officer wants by e-mail (no row: everything on): the 07:00 digest of the units they see,
    the 07:00 alert of their own petitions due soon or overdue, heads' Monday summary of their units, the
    early warnings of issues rising at their units (situation's rise detector)."""

    user = models.OneToOneField(
        "accounts.User",
        verbose_name=_("tài khoản"),
        on_delete=models.CASCADE,
        related_name="notify_preference",
    )
    daily_digest = models.BooleanField(_("bản tin hằng ngày lúc 7 giờ"), default=True)
    due_alerts = models.BooleanField(_("cảnh báo đơn mình thụ lý sắp đến hạn, quá hạn"), default=True)
    weekly_summary = models.BooleanField(_("tổng hợp hằng tuần (lãnh đạo đơn vị)"), default=True)
    rise_alerts = models.BooleanField(_("cảnh báo sớm vấn đề đang tăng ở đơn vị mình"), default=True)
    language = models.CharField(_("ngôn ngữ"), max_length=8, default="vi")

    class Meta:
        verbose_name = _("lựa chọn nhận thông báo của cán bộ")
        verbose_name_plural = _("lựa chọn nhận thông báo của cán bộ")

    def __str__(self) -> str:
        return str(self.user)


class ScheduledRun(models.Model):
    """The next run of a scheduled job (the 07:00 digest, the Monday summary). The task that runs it moves
    `next_at` forward first, in one transaction: a duplicate task finds it already done and does nothing."""

    name = models.CharField(_("công việc"), max_length=40, unique=True)
    next_at = models.DateTimeField(_("lần chạy tới"))
    last_at = models.DateTimeField(_("lần chạy trước"), null=True, blank=True)

    class Meta:
        verbose_name = _("lịch chạy")
        verbose_name_plural = _("lịch chạy")

    def __str__(self) -> str:
        return f"{self.name} → {self.next_at}"


# The letters' templates and the letters attached to cases live in their own module.
from danvan.notifications.letter_models import CaseLetter as CaseLetter  # noqa: E402
from danvan.notifications.letter_models import LetterTemplate as LetterTemplate  # noqa: E402
