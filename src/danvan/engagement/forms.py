"""Tiếp công dân và đối thoại: forms (parse and validate input; the services decide)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from danvan.accounts.picker import PersonField
from danvan.engagement.models import (
    WEEKDAYS,
    DialogueForm,
    HeadRole,
    Mode,
    Receiver,
)
from danvan.engagement.services.receptions import CitizenInput
from danvan.territory.models import AdminUnit
from danvan.territory.picker import UnitField, set_units

DATE_ATTRS = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"}
DATE_MSG = {"invalid": _("Ngày không hợp lệ: hãy nhập theo dạng ngày/tháng/năm, ví dụ 25/12/2026.")}


def _enter_text(label: StrOrPromise) -> str:
    return gettext("Hãy nhập %(label)s.") % {"label": str(label).lower()}


# "Enter the …" in the reader's language, though the field is built when its form's module is imported.
_enter = lazy(_enter_text, str)


def date_field(
    label: StrOrPromise,
    *,
    required: bool = True,
    help_text: StrOrPromise = "",
    required_message: StrOrPromise = "",
) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        input_formats=["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"],
        widget=forms.DateInput(format="%d/%m/%Y", attrs=DATE_ATTRS),
        error_messages={**DATE_MSG, "required": required_message or _enter(label)},
    )


class ScheduleForm(forms.Form):
    unit = UnitField(label=_("Đơn vị"))
    head_role = forms.ChoiceField(label=_("Người đứng đầu"), choices=HeadRole.choices)
    head_name = forms.CharField(label=_("Họ tên người đứng đầu"), max_length=150)
    weekday = forms.TypedChoiceField(
        label=_("Tiếp vào thứ (hằng tuần)"),
        choices=[("", "—")] + [(str(k), v) for k, v in WEEKDAYS],
        coerce=int,
        empty_value=None,
        required=False,
    )
    month_days = forms.CharField(
        label=_("Các ngày trong tháng"), max_length=100, required=False, help_text=_("Ví dụ: 10, 25")
    )
    usual_days = forms.CharField(label=_("Ghi chú"), max_length=200, required=False)
    location = forms.CharField(label=_("Địa điểm"), max_length=255)
    mode = forms.ChoiceField(label=_("Hình thức"), choices=Mode.choices)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_units(self, units)


class ReceptionForm(forms.Form):
    unit = UnitField(label=_("Đơn vị"))
    head_role = forms.ChoiceField(label=_("Người đứng đầu"), choices=HeadRole.choices)
    date = date_field(_("Ngày tiếp"))
    start_time = forms.TimeField(
        label=_("Từ giờ"), required=False, widget=forms.TimeInput(attrs={"placeholder": "08:00"})
    )
    end_time = forms.TimeField(
        label=_("Đến giờ"), required=False, widget=forms.TimeInput(attrs={"placeholder": "11:30"})
    )
    received_by = forms.ChoiceField(label=_("Người tiếp"), choices=Receiver.choices)
    receiver_name = forms.CharField(label=_("Họ tên người tiếp"), max_length=150)
    mode = forms.ChoiceField(label=_("Hình thức"), choices=Mode.choices)
    location = forms.CharField(label=_("Địa điểm"), max_length=255, required=False)
    citizens_count = forms.IntegerField(
        label=_("Số lượt công dân"),
        min_value=0,
        initial=0,
        error_messages={"min_value": _("Số lượt công dân không được âm.")},
    )
    citizens = forms.CharField(
        label=_("Danh tính công dân (mật)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Mỗi dòng một người: Họ tên; địa chỉ; điện thoại. Thông tin được mã hóa."),
    )
    notes = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_units(self, units)

    def citizen_inputs(self) -> list[CitizenInput]:
        return parse_citizens(self.cleaned_data.get("citizens", ""))


def parse_citizens(text: str) -> list[CitizenInput]:
    out = []
    for line in text.splitlines():
        parts = [p.strip() for p in line.split(";")]
        if not any(parts):
            continue
        parts += ["", "", ""]
        out.append(CitizenInput(name=parts[0], address=parts[1], phone=parts[2]))
    return out


class CitizenForm(forms.Form):
    name = forms.CharField(label=_("Họ tên"), max_length=150)
    address = forms.CharField(label=_("Địa chỉ"), max_length=300, required=False)
    phone = forms.CharField(label=_("Điện thoại"), max_length=30, required=False)


class MatterForm(forms.Form):
    summary = forms.CharField(
        label=_("Nội dung vụ việc"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Hãy nhập nội dung vụ việc công dân trình bày.")},
    )
    citizen = forms.TypedChoiceField(
        label=_("Công dân trình bày"), coerce=int, empty_value=None, required=False
    )

    def __init__(self, *args: Any, positions: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(p), gettext("Công dân %(n)s") % {"n": p}) for p in positions]
        self.fields["citizen"].choices = [("", "—"), *choices]  # type: ignore[attr-defined]


class DialogueCreateForm(forms.Form):
    unit = UnitField(label=_("Đơn vị"))
    title = forms.CharField(label=_("Tên hội nghị"), max_length=255)
    host_role = forms.ChoiceField(label=_("Chủ trì"), choices=HeadRole.choices)
    host_name = forms.CharField(label=_("Họ tên người chủ trì"), max_length=150)
    host_is_head = forms.BooleanField(
        label=_("Người đứng đầu trực tiếp chủ trì"), required=False, initial=True
    )
    co_chairs = forms.CharField(
        label=_("Đồng chủ trì"), max_length=300, required=False, help_text=_("Ví dụ: Thường trực HĐND xã")
    )
    organisers = forms.CharField(
        label=_("Cơ quan phối hợp tổ chức"),
        max_length=300,
        required=False,
        help_text=_("Ví dụ: Ủy ban MTTQ Việt Nam xã"),
    )
    starts_at = forms.DateTimeField(
        label=_("Thời gian"),
        input_formats=["%d/%m/%Y %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(format="%d/%m/%Y %H:%M", attrs={"placeholder": "dd/mm/yyyy hh:mm"}),
        error_messages={
            "required": _("Hãy nhập thời gian hội nghị."),
            "invalid": _(
                "Thời gian không hợp lệ: hãy nhập theo dạng ngày/tháng/năm giờ:phút, ví dụ 25/12/2026 08:00."
            ),
        },
    )
    place = forms.CharField(label=_("Địa điểm"), max_length=255, required=False)
    form = forms.ChoiceField(label=_("Hình thức"), choices=DialogueForm.choices)
    content = forms.CharField(label=_("Nội dung"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    topics = forms.CharField(
        label=_("Chủ đề"), max_length=300, required=False, help_text=_("Ví dụ: đất đai, môi trường")
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_units(self, units)


class DialogueEditForm(DialogueCreateForm):
    reason = forms.CharField(
        label=_("Lý do dời lịch"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Bắt buộc khi đổi thời gian hội nghị. Hội nghị đã thông báo được thông báo lại: "
            "dưới 7 ngày trước hội nghị sẽ bị đánh dấu thông báo muộn."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, units=AdminUnit.objects.none(), **kwargs)
        del self.fields["unit"]


class AnnounceForm(forms.Form):
    announced_on = date_field(_("Ngày thông báo"), required=False, help_text=_("Để trống: hôm nay."))
    reason = forms.CharField(
        label=_("Lý do thông báo dưới 7 ngày"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class HoldForm(forms.Form):
    held_on = date_field(_("Ngày tổ chức"))
    participants_count = forms.IntegerField(
        label=_("Số người tham dự"),
        min_value=0,
        required=False,
        error_messages={"min_value": _("Số người tham dự không được âm.")},
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class PublishForm(forms.Form):
    results_summary = forms.CharField(
        label=_("Kết quả đối thoại"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Hãy nhập kết quả đối thoại để công khai.")},
    )
    published_on = date_field(_("Ngày công khai"), required=False, help_text=_("Để trống: hôm nay."))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do hủy"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Hãy ghi lý do hủy hội nghị đối thoại.")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class PublicQuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Câu hỏi, kiến nghị của bạn"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        error_messages={
            "required": _("Hãy nhập câu hỏi."),
            "max_length": _("Câu hỏi quá dài: tối đa 4.000 ký tự."),
        },
    )
    name = forms.CharField(
        label=_("Họ tên (không bắt buộc, được giữ bí mật)"), max_length=150, required=False
    )
    contact = forms.CharField(
        label=_("Điện thoại hoặc thư điện tử (không bắt buộc)"), max_length=200, required=False
    )
    website = forms.CharField(required=False, label=_("Để trống ô này"))  # honeypot


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Câu hỏi nêu tại hội nghị"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Hãy nhập câu hỏi.")},
    )
    name = forms.CharField(label=_("Họ tên người hỏi (mật)"), max_length=150, required=False)


class AnswerForm(forms.Form):
    question_id = forms.IntegerField(widget=forms.HiddenInput)
    answer = forms.CharField(
        label=_("Trả lời"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Hãy nhập nội dung trả lời.")},
    )
    on_spot = forms.BooleanField(
        label=_("Trả lời trực tiếp tại hội nghị"),
        required=False,
        initial=False,
        help_text=_("Chỉ khi câu trả lời được đưa ra tại hội nghị (ghi từ giờ bắt đầu hội nghị)."),
    )


class QuestionToPetitionForm(forms.Form):
    question_id = forms.IntegerField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(
        label=_("Loại đơn"), choices=[("proposal", _("Kiến nghị")), ("feedback", _("Phản ánh"))]
    )


class CommitmentForm(forms.Form):
    content = forms.CharField(
        label=_("Nội dung cam kết"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Hãy nhập nội dung cam kết.")},
    )
    owner = PersonField(
        label=_("Người chịu trách nhiệm"),
        required=True,
        help_text=_("Người của đơn vị tổ chức hội nghị (hoặc của tỉnh): gõ tên để tìm."),
        error_messages={
            "required": _(
                "Cam kết phải có người chịu trách nhiệm thực hiện: hãy chọn người chịu trách nhiệm."
            ),
        },
    )
    due_date = date_field(
        _("Hạn thực hiện"),
        required_message=_("Cam kết phải có hạn thực hiện: hãy nhập hạn theo dạng ngày/tháng/năm."),
    )
    question = forms.TypedChoiceField(
        label=_("Gắn với câu hỏi"), coerce=int, empty_value=None, required=False
    )

    def __init__(self, *args: Any, owners: Any, questions: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        assert isinstance(owner, PersonField)
        owner.set_people(owners)
        self.fields["question"].choices = [("", "—")] + [(str(pk), label) for pk, label in questions]  # type: ignore[attr-defined]


class StartForm(forms.Form):
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class CompleteForm(forms.Form):
    done_on = date_field(_("Ngày hoàn thành"), required=False, help_text=_("Để trống: hôm nay."))
    note = forms.CharField(label=_("Kết quả"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ExplainForm(forms.Form):
    note = forms.CharField(
        label=_("Giải trình"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Hãy ghi giải trình vì sao cam kết không thực hiện được.")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class PeriodForm(forms.Form):
    start = date_field(_("Từ ngày"), required=False)
    end = date_field(_("Đến ngày"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            raise forms.ValidationError(_("Khoảng thời gian không hợp lệ: “đến ngày” phải sau “từ ngày”."))
        return data
