"""Answer templates (mẫu trả lời): texts with placeholders an officer starts an answer from.

Kept in their own module (imported by `models.py`) so the petition model file stays as it was. A template
belongs to a unit (its officers and those of the units below use it) or to none (national, for everyone);
an administrator edits them in the admin. The placeholders are those of `petitions.placeholders`."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.territory.models import AdminUnit


class AnswerTemplate(models.Model):
    name = models.CharField(_("tên mẫu"), max_length=120)
    unit = models.ForeignKey(
        AdminUnit,
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "Để trống: mẫu dùng chung toàn quốc. Mẫu của một đơn vị dùng được cho đơn của đơn vị đó và các đơn vị cấp dưới."
        ),
    )
    kind = models.CharField(
        _("loại đơn"),
        max_length=20,
        blank=True,
        choices=[
            ("feedback", _("Phản ánh")),
            ("proposal", _("Kiến nghị")),
            ("complaint", _("Khiếu nại")),
            ("denunciation", _("Tố cáo")),
        ],
        help_text=_("Để trống: dùng cho mọi loại đơn."),
    )
    body = models.TextField(
        _("nội dung"),
        help_text=_(
            "Chỗ điền: {ma_don}, {ngay_nhan}, {ten_nguoi_gui}, {don_vi}, {linh_vuc}, {han_giai_quyet}, "
            "{loai_don}, {ngay_tra_loi}."
        ),
    )
    is_active = models.BooleanField(_("đang dùng"), default=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=100)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("mẫu trả lời")
        verbose_name_plural = _("mẫu trả lời")
        ordering = ["order", "name", "id"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from danvan.petitions.placeholder_names import unknown_message, unknown_names

        unknown = unknown_names(self.body)
        if unknown:
            raise ValidationError({"body": unknown_message(unknown)})
        if not self.body.strip():
            raise ValidationError({"body": _("Hãy nhập nội dung mẫu trả lời.")})
