"""The official letters' editable parts and the letters attached to cases (imported by `models.py`)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

LETTER_KINDS = [
    ("acceptance", _("Thông báo thụ lý")),
    ("refusal", _("Thông báo không thụ lý")),
    ("transfer", _("Phiếu chuyển đơn")),
    ("extension", _("Thông báo gia hạn")),
    ("answer", _("Văn bản trả lời")),
]


class LetterTemplate(models.Model):
    """An administrator's version of a letter's variable parts: the body (one paragraph per line, with
    placeholders) and the signer's title. Without a row (or a blank field) the built-in text is used
    (`letters.DEFAULT_BODIES`, `letters.DEFAULT_SIGNER`)."""

    kind = models.CharField(_("loại văn bản"), max_length=20, choices=LETTER_KINDS, unique=True)
    body = models.TextField(
        _("nội dung"),
        blank=True,
        help_text=_(
            "Mỗi dòng là một đoạn. Chỗ điền: {ma_don}, {ngay_nhan}, {ten_nguoi_gui}, {don_vi}, {linh_vuc}, "
            "{han_giai_quyet}, {loai_don}, {ngay_tra_loi}, {ly_do}, {tra_loi}, {so_van_ban}. Để trống: "
            "dùng nội dung mặc định."
        ),
    )
    signer_title = models.CharField(
        _("chức danh người ký"), max_length=120, blank=True, help_text=_("Để trống: THỦ TRƯỞNG CƠ QUAN.")
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("mẫu văn bản")
        verbose_name_plural = _("mẫu văn bản")
        ordering = ["kind"]

    def __str__(self) -> str:
        return str(self.get_kind_display())

    def clean(self) -> None:
        from danvan.notifications.letters import LETTER_PLACEHOLDERS
        from danvan.petitions.services import unknown_message, unknown_names

        unknown = unknown_names(self.body, LETTER_PLACEHOLDERS)
        if unknown:
            raise ValidationError({"body": unknown_message(unknown, LETTER_PLACEHOLDERS)})


class CaseLetter(models.Model):
    """A letter generated for a move of a petition (`move` = the move's history row) and attached to the
    case as a PDF (`attachment`, a petitions attachment); the e-mail telling of the move carries it."""

    petition = models.ForeignKey(
        "petitions.Petition", verbose_name=_("đơn thư"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("loại văn bản"), max_length=20, choices=LETTER_KINDS)
    move = models.PositiveBigIntegerField(_("bước xử lý"), unique=True)
    attachment = models.ForeignKey(
        "petitions.Attachment", verbose_name=_("tệp"), on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)

    class Meta:
        verbose_name = _("văn bản của hồ sơ")
        verbose_name_plural = _("văn bản của hồ sơ")

    def __str__(self) -> str:
        return f"{self.kind} #{self.petition_id}"
