"""Dân vận khéo: forms (parsing and Vietnamese messages only; rules live in services)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from danvan.core import clock
from danvan.core.a11y import label_widgets
from danvan.exemplars.models import Award, Field, Kind, Measure, RecognitionLevel
from danvan.territory.models import AdminUnit
from danvan.territory.picker import UnitField, set_units

DATE_HELP = _("Định dạng dd/mm/yyyy, ví dụ 15/03/2025.")
DATE_ERRORS = {"invalid": _("Ngày không hợp lệ: hãy nhập theo dạng dd/mm/yyyy (ví dụ 15/03/2025).")}
REQUIRED = {"required": _("Trường này bắt buộc.")}


def set_choices(field: forms.Field, choices: list[tuple[str, str]]) -> None:
    if not isinstance(field, forms.ChoiceField):
        raise TypeError("set_choices needs a ChoiceField")
    field.choices = choices


class DateInput(forms.DateInput):
    input_type = "text"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", **(attrs or {})}, format="%d/%m/%Y"
        )


def date_field(label: StrOrPromise, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        help_text=DATE_HELP,
        error_messages={**DATE_ERRORS, **REQUIRED},
    )


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


class ExemplarForm(forms.Form):
    unit = UnitField(label=_("Đơn vị đăng ký"))
    kind = forms.ChoiceField(label=_("Loại"), choices=Kind.choices, initial=Kind.MODEL)
    name = forms.CharField(
        label=_("Tên mô hình, điển hình"),
        max_length=300,
        error_messages=REQUIRED,
        help_text=_("Tên cụ thể, ví dụ “Dân vận khéo trong làm đường giao thông nông thôn ở thôn Nà Lầu”."),
    )
    place = forms.CharField(label=_("Địa bàn thực hiện"), max_length=300, error_messages=REQUIRED)
    field = forms.ChoiceField(label=_("Lĩnh vực"), choices=Field.choices)
    period_start = date_field(_("Thực hiện từ ngày"))
    period_end = date_field(_("Đến ngày (nếu đã kết thúc)"), required=False)
    problem = forms.CharField(
        label=_("Vấn đề, nhiệm vụ khó đã giải quyết"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=REQUIRED,
    )
    mobilisation = forms.CharField(
        label=_("Cách vận động, tập hợp nhân dân"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=REQUIRED,
    )
    supporting_bodies = forms.CharField(
        label=_("Cơ quan, tổ chức phối hợp, hỗ trợ"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    photos = MultipleFileField(
        label=_("Ảnh (JPEG, PNG, GIF, WebP; tối đa 8 MB mỗi ảnh)"),
        widget=MultipleFileInput(attrs={"accept": "image/*"}),
    )
    documents = MultipleFileField(label=_("Tài liệu (PDF, DOC, DOCX, XLS, XLSX, ODT)"))
    acknowledged_duplicates = forms.BooleanField(
        label=_("Tôi đã xem các mô hình tương tự và xác nhận đây là mô hình khác"), required=False
    )

    def __init__(self, *args: Any, units: QuerySet[AdminUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_units(self, units)


_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


def parse_vn_number(raw: str) -> str:
    """Vietnamese numbers: "1.500.000" (dots group thousands), "12,5" (comma decimals); "3.5" also read as 3,5."""
    text = raw.strip().replace(" ", "").replace("\u00a0", "")
    if "," in text:
        return text.replace(".", "").replace(",", ".")
    if _THOUSANDS.match(text):
        return text.replace(".", "")
    return text


class VNDecimalField(forms.DecimalField):
    widget = forms.TextInput(attrs={"inputmode": "decimal"})

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return {"inputmode": "decimal"}

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if isinstance(value, str):
            value = parse_vn_number(value)
        return super().to_python(value)


class ResultForm(forms.Form):
    label = forms.CharField(label=_("Kết quả"), max_length=200, required=False)
    value = VNDecimalField(
        label=_("Số liệu"),
        required=False,
        min_value=Decimal(0),
        max_digits=18,
        decimal_places=2,
        error_messages={
            "invalid": _("Số liệu phải là một số (ví dụ 1.500.000 hoặc 12,5)."),
            "min_value": _("Số liệu không được âm."),
        },
    )
    measure = forms.ChoiceField(label=_("Đơn vị tính"), choices=[("", "—"), *Measure.choices], required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        label_widgets(self)  # shown as a table row under column headings

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        filled = [bool(data.get("label")), data.get("value") is not None, bool(data.get("measure"))]
        if any(filled) and not all(filled):
            raise forms.ValidationError(_("Kết quả phải có đủ nội dung, số liệu và đơn vị tính."))
        return data


ResultFormSet = forms.formset_factory(ResultForm, extra=3, max_num=20, validate_max=True)


def version_field() -> forms.IntegerField:
    """The version of the record the form was read at (the service refuses a stale one)."""
    return forms.IntegerField(widget=forms.HiddenInput, required=False)


class VersionForm(forms.Form):
    version = version_field()


class EvaluationOpenForm(forms.Form):
    """The council: people of the exemplar's unit and the units above it up to its province (the
    registrant and the submitter left out), with a search box over the list."""

    judges = forms.MultipleChoiceField(
        label=_("Thành viên hội đồng chấm điểm"),
        widget=forms.CheckboxSelectMultiple(attrs={"data-filter-list": "judges"}),
        error_messages={"required": _("Hãy chọn ít nhất một thành viên hội đồng.")},
    )
    version = version_field()

    def __init__(self, *args: Any, candidates: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(
            self.fields["judges"],
            [(str(u.pk), f"{u.full_name or u.username} ({u.username}{unit_hint(u)})") for u in candidates],
        )


def unit_hint(user: Any) -> str:
    unit = getattr(user, "judge_unit", "")
    return f", {unit}" if unit else ""


class RecognitionForm(forms.Form):
    level = forms.ChoiceField(label=_("Cấp công nhận"), choices=RecognitionLevel.choices)
    decision_number = forms.CharField(
        label=_("Số quyết định"), max_length=60, required=False, help_text=_("Ví dụ 125/QĐ-UBND.")
    )
    decision_date = date_field(_("Ngày quyết định"), required=False)
    award = forms.ChoiceField(label=_("Khen thưởng"), choices=Award.choices, required=False)
    award_body = forms.CharField(label=_("Cơ quan khen thưởng"), max_length=200, required=False)
    note = forms.CharField(
        label=_("Lý do (bắt buộc khi quyết định khác đề xuất của hội đồng)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = version_field()

    def __init__(self, *args: Any, levels: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if levels is not None:
            set_choices(
                self.fields["level"],
                [(v, str(label)) for v, label in RecognitionLevel.choices if v in levels],
            )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 3}), error_messages=REQUIRED
    )
    version = version_field()


class FilesForm(forms.Form):
    photos = MultipleFileField(label=_("Bổ sung ảnh"), required=False)
    documents = MultipleFileField(label=_("Bổ sung tài liệu"), required=False)
    version = version_field()


class ReplicationForm(forms.Form):
    unit = UnitField(label=_("Đơn vị áp dụng"))
    adopted_on = date_field(_("Ngày bắt đầu áp dụng"))
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, units: QuerySet[AdminUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_units(self, units)
        self.fields["adopted_on"].initial = clock.today()


class CriteriaSetForm(forms.Form):
    name = forms.CharField(label=_("Tên bộ tiêu chí"), max_length=200)
    pass_percent = forms.IntegerField(
        label=_("Ngưỡng đề nghị công nhận (%)"),
        min_value=1,
        max_value=100,
        error_messages={
            "min_value": _("Ngưỡng phải từ 1 đến 100."),
            "max_value": _("Ngưỡng phải từ 1 đến 100."),
        },
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class CriterionForm(forms.Form):
    text = forms.CharField(label=_("Tiêu chí"), max_length=300, required=False)
    min_score = VNDecimalField(label=_("Điểm tối thiểu"), required=False, initial=0)
    max_score = VNDecimalField(label=_("Điểm tối đa"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        label_widgets(self)  # the table's column headings are the visible labels


CriterionFormSet = forms.formset_factory(CriterionForm, extra=2, max_num=30)


class ContestForm(forms.Form):
    unit = UnitField(label=_("Đơn vị tổ chức"))
    name = forms.CharField(label=_("Tên hội thi"), max_length=300)
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    description = forms.CharField(label=_("Thể lệ"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    rounds = forms.CharField(
        label=_("Các vòng thi (mỗi dòng một vòng)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        initial="Vòng sơ khảo\nVòng chung kết",
    )
    criteria = forms.CharField(
        label=_("Tiêu chí chấm (mỗi dòng: nội dung | điểm tối đa)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        initial="Nội dung, tính sáng tạo của mô hình | 40\nHiệu quả, kết quả đo đếm được | 40\n"
        "Hình thức trình bày | 20",
    )

    def __init__(self, *args: Any, units: QuerySet[AdminUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_units(self, units)
        self.fields["year"].initial = clock.today().year

    def clean_criteria(self) -> list[tuple[str, Decimal]]:
        out = []
        for i, line in enumerate(self.cleaned_data["criteria"].splitlines(), start=1):
            if not line.strip():
                continue
            text, sep, score = line.rpartition("|")
            try:
                value = Decimal(score.strip().replace(",", "."))
            except ArithmeticError:
                value = Decimal(-1)
            if not sep or not text.strip() or value <= 0:
                raise forms.ValidationError(
                    _("Dòng %(i)s: hãy ghi theo dạng “nội dung | điểm tối đa”, điểm tối đa là số lớn hơn 0.")
                    % {"i": i}
                )
            out.append((text.strip(), value))
        return out


class EntryForm(forms.Form):
    round = forms.ChoiceField(label=_("Vòng thi"))
    unit = UnitField(label=_("Đơn vị dự thi"))
    title = forms.CharField(label=_("Tên bài dự thi"), max_length=300)

    def __init__(
        self, *args: Any, rounds: list[tuple[str, str]], units: QuerySet[AdminUnit], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self.fields["round"], rounds)
        set_units(self, units)


class JudgeForm(forms.Form):
    """A contest's judge: one of the people of the organising unit's area, found by name or account."""

    user = forms.ChoiceField(label=_("Giám khảo"), widget=forms.Select(attrs={"data-filter-list": "jury"}))

    def __init__(self, *args: Any, candidates: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(
            self.fields["user"],
            [
                ("", "—"),
                *[
                    (str(u.pk), f"{u.full_name or u.username} ({u.username}{unit_hint(u)})")
                    for u in candidates
                ],
            ],
        )
