"""Đơn thư: the forms of the two-way messages (`services.messages`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from danvan.petitions import files as file_store
from danvan.petitions.services.messages import MAX_BODY


def _documents_help() -> str:
    return str(
        _(
            "Ảnh JPEG, PNG, GIF, WEBP hoặc PDF; tối đa %(files)s tệp, mỗi tệp %(mb)s MB. Người gửi đơn tải "
            "được trên trang trao đổi; tệp của đơn tố cáo được mã hóa và đặt tên trung tính."
        )
    ) % {"files": file_store.MAX_FILES, "mb": file_store.MAX_BYTES // (1024 * 1024)}


class DocumentsInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class DocumentsField(forms.FileField):
    """Several files under one name, handed to the service as they came: the service checks them (type by
    content, size, count) with the intake's messages, so the field adds no check of its own."""

    widget = DocumentsInput

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        items = data if isinstance(data, list | tuple) else [data]
        return [item for item in items if item]


class MessageForm(forms.Form):
    """The handler's message to the sender (the workflow action `message`)."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    body = forms.CharField(
        label=_("Tin nhắn gửi người gửi đơn (câu hỏi, đề nghị bổ sung tài liệu)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,  # a document alone may be the message: the service asks for one or the other
        max_length=MAX_BODY,
        error_messages={"max_length": _("Tin nhắn quá dài: tối đa %(limit_value)s ký tự.")},
    )
    attachments = DocumentsField(
        label=_("Tài liệu gửi kèm"),
        help_text=lazy(_documents_help, str)(),
        widget=DocumentsInput(attrs={"accept": "image/jpeg,image/png,image/gif,image/webp,application/pdf"}),
    )


class IssuePhraseForm(forms.Form):
    """A new secret phrase, handed to the sender in person (the previous one stops working)."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    confirm = forms.BooleanField(
        label=_("Tôi sẽ trao cụm từ mới trực tiếp cho người gửi đơn; cụm từ cũ (nếu có) hết hiệu lực."),
        error_messages={"required": _("Hãy đánh dấu xác nhận trước khi cấp cụm từ bí mật mới.")},
    )


class PhraseForm(forms.Form):
    """The citizen opens the thread with the secret phrase of the receipt."""

    phrase = forms.CharField(
        label=_("Cụm từ bí mật (ghi trên giấy biên nhận, 4 nhóm 4 ký tự)"),
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
        error_messages={"required": _("Hãy nhập cụm từ bí mật ghi trên giấy biên nhận.")},
    )


class ReplyForm(forms.Form):
    """The citizen's answer; the documents are checked by the service (type by content, size, count)."""

    body = forms.CharField(
        label=_("Trả lời của bạn"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=MAX_BODY,
        error_messages={"max_length": _("Tin nhắn quá dài: tối đa %(limit_value)s ký tự.")},
    )
