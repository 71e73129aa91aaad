"""Sơ kết, tổng kết: forms (input parsing only; rules live in services)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from danvan.reporting.models import AnnualTheme, BodyKind, ConferenceKind, PeriodKind
from danvan.territory.models import AdminUnit
from danvan.territory.picker import UnitField, set_units

DATE_INPUT = ["%d/%m/%Y", "%Y-%m-%d"]
DATE_HELP = "dd/mm/yyyy"


def date_field(label: StrOrPromise, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_INPUT,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": DATE_HELP, "inputmode": "numeric"}),
        error_messages={
            "invalid": gettext_lazy("Ngày không hợp lệ: nhập theo dạng dd/mm/yyyy, ví dụ 31/12/2025."),
            "required": gettext_lazy("Hãy nhập ngày (dd/mm/yyyy)."),
        },  # fmt: skip
    )


class PeriodForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại kỳ"), choices=PeriodKind.choices)
    name = forms.CharField(label=_("Tên kỳ"), max_length=200)
    start = date_field(gettext_lazy("Từ ngày"))
    end = date_field(gettext_lazy("Đến ngày"))
    theme = forms.ModelChoiceField(
        label=_("Chủ đề năm"),
        queryset=AnnualTheme.objects.all(),
        required=False,
        empty_label=_("(tự chọn theo năm)"),
    )
    report_due = date_field(gettext_lazy("Hạn nộp báo cáo"), required=False)


class ThemeForm(forms.Form):
    year_from = forms.IntegerField(label=_("Từ năm"), min_value=1930, max_value=2100)
    year_to = forms.IntegerField(label=_("Đến năm"), min_value=1930, max_value=2100)
    title = forms.CharField(label=_("Chủ đề"), max_length=255)
    description = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class FigureForm(forms.Form):
    indicator_code = forms.ChoiceField(label=_("Chỉ tiêu"))
    unit_code = UnitField(label=_("Đơn vị"))  # the units the person sees (`set_units`): names or codes
    value = forms.CharField(label=_("Giá trị (tử số nếu là tỷ lệ)"), max_length=40)
    denominator = forms.CharField(label=_("Mẫu số (chỉ với tỷ lệ)"), max_length=40, required=False)

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator_code"].choices = choices  # type: ignore[attr-defined]


class TargetForm(forms.Form):
    indicator_code = forms.CharField(label=_("Mã chỉ tiêu"), max_length=80)
    unit_code = UnitField(label=_("Đơn vị"))
    value = forms.CharField(label=_("Chỉ tiêu giao"), max_length=40)


class ReportStartForm(forms.Form):
    body_kind = forms.ChoiceField(
        label=_("Loại cơ quan ban hành"), choices=BodyKind.choices, initial=BodyKind.PARTY
    )


class ReportForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(label=_("Trích yếu"), max_length=300)
    number = forms.CharField(label=_("Số, ký hiệu"), max_length=60, required=False)
    body_kind = forms.ChoiceField(label=_("Loại cơ quan ban hành"), choices=BodyKind.choices)
    parent_body = forms.CharField(label=_("Cơ quan chủ quản (dòng trên)"), max_length=200, required=False)
    issuing_body = forms.CharField(label=_("Cơ quan ban hành"), max_length=200)
    place = forms.CharField(label=_("Địa danh"), max_length=100, required=False)
    signer_title = forms.CharField(
        label=_("Chức vụ người ký (mỗi dòng một dòng)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    signer_name = forms.CharField(label=_("Người ký"), max_length=150, required=False)
    results = forms.CharField(
        label=_("I. Kết quả thực hiện"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    limitations = forms.CharField(
        label=_("II. Hạn chế, nguyên nhân"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    lessons = forms.CharField(
        label=_("III. Bài học kinh nghiệm"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    next_tasks = forms.CharField(
        label=_("IV. Nhiệm vụ, giải pháp kỳ tới"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Ý kiến trả lại"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Hãy ghi ý kiến: cần bổ sung, sửa những gì.")},
    )


class ConferenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại hội nghị"), choices=ConferenceKind.choices)
    title = forms.CharField(label=_("Tên hội nghị"), max_length=300)
    held_on = date_field(gettext_lazy("Ngày tổ chức"))
    unit = UnitField(label=_("Đơn vị chủ trì"))
    chairs = forms.CharField(
        label=_("Chủ trì (mỗi dòng: Họ tên | Chức vụ)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    online = forms.BooleanField(label=_("Trực tuyến"), required=False)
    documents = forms.CharField(
        label=_("Văn bản quán triệt, đánh giá (cách nhau bởi dấu phẩy)"),
        required=False,
        initial="25-NQ/TW, 43-KL/TW, 23-QĐ/TW",
    )
    conclusions = forms.CharField(
        label=_("Kết luận"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args: Any, units: QuerySet[AdminUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_units(self, units)

    def parsed_chairs(self) -> list[dict[str, str]]:
        out = []
        for line in self.cleaned_data["chairs"].splitlines():
            if line.strip():
                name, _, title = line.partition("|")
                out.append({"name": name.strip(), "title": title.strip()})
        return out

    def parsed_documents(self) -> list[str]:
        return [d.strip() for d in self.cleaned_data.get("documents", "").split(",") if d.strip()]


class UnitRowForm(forms.Form):
    """One row of a list of units (a bridge point, a unit a task is assigned to): a unit picker."""

    unit = UnitField(label=_("Đơn vị"), required=False)

    def __init__(self, *args: Any, units: QuerySet[AdminUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_units(self, units)


class BridgePointForm(UnitRowForm):
    chair = forms.CharField(label=_("Người chủ trì tại điểm cầu"), max_length=200, required=False)
    participants = forms.IntegerField(
        label=_("Số đại biểu"),
        min_value=0,
        required=False,
        error_messages={
            "min_value": gettext_lazy("Số đại biểu không được âm."),
            "invalid": gettext_lazy("Số đại biểu phải là số nguyên."),
        },
    )


BridgePointFormSet = forms.formset_factory(BridgePointForm, extra=3, max_num=200, validate_max=True)
TaskUnitFormSet = forms.formset_factory(UnitRowForm, extra=3, max_num=500, validate_max=True)


def unit_rows(formset: Any) -> list[dict[str, Any]]:
    """The filled rows of a unit formset (empty rows skipped)."""
    return [row for row in formset.cleaned_data if row and row.get("unit") is not None]


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Nhiệm vụ"), max_length=500)
    due_on = date_field(gettext_lazy("Hạn hoàn thành"))


class TaskDoneForm(forms.Form):
    done_on = date_field(gettext_lazy("Ngày hoàn thành"))
    result = forms.CharField(label=_("Kết quả"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
