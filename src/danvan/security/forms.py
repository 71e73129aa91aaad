from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class EnrolmentForm(forms.Form):
    enrolment_code = forms.CharField(
        label=_("Mã kích hoạt do quản trị viên cấp"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autofocus": True}),
        error_messages={
            "required": _("Hãy nhập mã kích hoạt (16 chữ và số) mà quản trị viên đã cấp cho bạn.")
        },
    )


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Mã xác thực (6 chữ số)"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
        error_messages={"required": _("Hãy nhập mã 6 chữ số đang hiện trong ứng dụng xác thực.")},
    )
