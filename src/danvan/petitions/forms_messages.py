"""Đơn thư: the forms of the two-way messages (`services.messages`)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.petitions.services.messages import MAX_BODY


class MessageForm(forms.Form):
    """The handler's message to the sender (the workflow action `message`)."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    body = forms.CharField(
        label=_("Tin nhắn gửi người gửi đơn (câu hỏi, đề nghị bổ sung tài liệu)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_BODY,
        error_messages={
            "required": _("Hãy viết nội dung tin nhắn gửi người gửi đơn."),
            "max_length": _("Tin nhắn quá dài: tối đa %(limit_value)s ký tự."),
        },
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
