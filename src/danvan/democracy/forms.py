"""Dân chủ ở cơ sở: forms (parse and check input; the services decide)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core import clock
from danvan.democracy.models import DisclosureChannel
from danvan.territory.models import VillageKind
from danvan.territory.picker import UnitField, VillageField

DATE_ERRORS = {"invalid": _("Ngày không hợp lệ: nhập theo dạng ngày/tháng/năm, ví dụ 05/03/2026.")}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class VillageForm(forms.Form):
    unit = UnitField(label=_("Xã, phường, đặc khu"))
    code = forms.CharField(label=_("Mã thôn"), max_length=20)
    name = forms.CharField(label=_("Tên thôn, tổ dân phố"), max_length=150)
    kind = forms.ChoiceField(label=_("Loại"), choices=VillageKind.choices, initial=VillageKind.THON)


class HouseholdForm(forms.Form):
    village = VillageField(label=_("Thôn, tổ dân phố"))
    code = forms.CharField(label=_("Mã hộ"), max_length=30)
    representative = forms.CharField(label=_("Họ tên người đại diện hộ"), max_length=150)


class ImportForm(forms.Form):
    unit = UnitField(label=_("Xã, phường, đặc khu"))
    file = forms.FileField(
        label=_("Tệp CSV hoặc XLSX"), error_messages={"required": _("Hãy chọn tệp CSV hoặc XLSX để nhập.")}
    )


class DisclosureForm(forms.Form):
    unit = UnitField(label=_("Xã, phường, đặc khu"))
    item = forms.ChoiceField(label=_("Nội dung phải công khai"))
    title = forms.CharField(label=_("Tiêu đề văn bản"), max_length=250)
    document_ref = forms.CharField(label=_("Số, ký hiệu văn bản"), max_length=100, required=False)
    issued_on = forms.DateField(label=_("Ngày ban hành (ngày/tháng/năm)"), error_messages=DATE_ERRORS)
    documents = MultipleFileField(label=_("Văn bản công khai (PDF hoặc ảnh)"))

    def __init__(self, *args: Any, items: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        item = self.fields["item"]
        assert isinstance(item, forms.ChoiceField)
        item.choices = items or []


class PublishForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    posted_on = forms.DateField(
        label=_("Ngày bắt đầu công khai (ngày/tháng/năm)"), error_messages=DATE_ERRORS, initial=clock.today
    )
    channels = forms.MultipleChoiceField(
        label=_("Hình thức công khai đã thực hiện"),
        choices=DisclosureChannel.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Hãy chọn ít nhất một hình thức công khai.")},
    )
    loudspeaker_days = forms.IntegerField(
        label=_("Số ngày phát liên tục trên truyền thanh"),
        min_value=0,
        max_value=366,
        initial=0,
        required=False,
    )
    evidence = MultipleFileField(label=_("Tệp minh chứng (ảnh niêm yết, biên bản; PDF hoặc ảnh)"))
    reason = forms.CharField(label=_("Ghi chú"), max_length=1000, required=False)


class EndForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    ended_on = forms.DateField(
        label=_("Ngày kết thúc công khai (ngày/tháng/năm)"), error_messages=DATE_ERRORS, initial=clock.today
    )
    reason = forms.CharField(label=_("Ghi chú"), max_length=1000, required=False)


class AttachForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    uploads = MultipleFileField(label=_("Tệp (PDF hoặc ảnh)"))
    is_document = forms.BooleanField(
        label=_("Là văn bản công khai (hiện trên trang công khai)"), required=False
    )


class ComplianceForm(forms.Form):
    unit = UnitField(label=_("Đơn vị"), required=False)
    year = forms.IntegerField(label=_("Năm"), min_value=2023, max_value=2100, required=False)
