"""Nắm tình hình nhân dân: forms (parse and check input; the services decide)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from danvan.core import clock
from danvan.situation.models import Frequency, Mood, PollTarget, ReportKind, Risk, SeriesLevel, Source, Topic
from danvan.territory.picker import UnitField, UnitsField, VillageField

DATE_ERRORS = {"invalid": _("Ngày không hợp lệ: nhập theo dạng ngày/tháng/năm, ví dụ 05/03/2026.")}


def _version() -> forms.IntegerField:
    return forms.IntegerField(widget=forms.HiddenInput)


def _data(text: Any) -> str:
    """A record's words (a topic's name, a question, a choice) marked as data: they stay as recorded
    whatever the page's language."""
    return format_html('<span class="data">{}</span>', text)


class TopicChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return _data(obj.name)


class ReportForm(forms.Form):
    """The collaborator's report: short, phone-first (the page keeps a draft in the browser)."""

    unit = UnitField(label=_("Xã, phường, đặc khu"))
    village = VillageField(label=_("Thôn, tổ dân phố (nếu có)"), required=False)
    kind = forms.ChoiceField(
        label=_("Loại báo cáo"),
        choices=ReportKind.choices,
        widget=forms.RadioSelect,
        initial=ReportKind.PERIODIC,
    )
    period_day = forms.DateField(
        label=_("Kỳ báo cáo: một ngày trong tháng (quý) báo cáo"),
        required=False,
        error_messages=DATE_ERRORS,
        initial=clock.today,
    )
    event_on = forms.DateField(
        label=_("Ngày xảy ra sự việc (báo cáo đột xuất)"), required=False, error_messages=DATE_ERRORS
    )
    topics = TopicChoiceField(
        label=_("Chủ đề"),
        queryset=Topic.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Hãy chọn ít nhất một chủ đề.")},
    )
    mood = forms.ChoiceField(
        label=_("Tâm trạng nhân dân"),
        choices=Mood.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Hãy chọn tâm trạng của nhân dân.")},
    )
    people_say = forms.CharField(
        label=_("Nhân dân nói gì, quan tâm gì"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        error_messages={"required": _("Hãy nhập nhân dân nói gì, quan tâm gì.")},
    )
    proposed_action = forms.CharField(
        label=_("Đề xuất, kiến nghị"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
    )


class ReviewForm(forms.Form):
    version = _version()
    note = forms.CharField(
        label=_("Ý kiến của xã"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, required=False
    )


class ResubmitForm(forms.Form):
    version = _version()
    people_say = forms.CharField(
        label=_("Nhân dân nói gì, quan tâm gì"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000
    )
    proposed_action = forms.CharField(
        label=_("Đề xuất, kiến nghị"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
    )


class ScheduleForm(forms.Form):
    unit = UnitField(label=_("Đơn vị"))
    frequency = forms.ChoiceField(label=_("Định kỳ"), choices=Frequency.choices)
    grace_days = forms.IntegerField(
        label=_("Hạn nộp sau khi hết kỳ (ngày)"), min_value=0, max_value=60, initial=5
    )


class AnswerAlertForm(forms.Form):
    version = _version()
    answer = forms.CharField(
        label=_("Đã xử lý thế nào"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class ThresholdForm(forms.Form):
    level = forms.TypedChoiceField(label=_("Cấp chuỗi"), choices=SeriesLevel.choices, coerce=int)
    p_value = forms.FloatField(label=_("Ngưỡng xác suất"), min_value=0.0000001, max_value=0.49)
    min_count = forms.IntegerField(label=_("Số tín hiệu tối thiểu trong tuần"), min_value=1, max_value=1000)
    min_ratio = forms.FloatField(label=_("Gấp tối thiểu so với mức nền"), min_value=1, max_value=100)
    baseline_weeks = forms.IntegerField(label=_("Số tuần tính mức nền"), min_value=4, max_value=52)


class HotspotForm(forms.Form):
    unit = UnitField(label=_("Đơn vị theo dõi"))
    title = forms.CharField(label=_("Tên điểm nóng"), max_length=250)
    topic = forms.ModelChoiceField(label=_("Chủ đề"), queryset=Topic.objects.filter(is_active=True))
    risk = forms.ChoiceField(label=_("Mức độ nguy cơ"), choices=Risk.choices, initial=Risk.MEDIUM)
    summary = forms.CharField(
        label=_("Diễn biến"), widget=forms.Textarea(attrs={"rows": 5}), max_length=10000
    )
    responsible = UnitsField(
        label=_("Đơn vị chịu trách nhiệm"),
        help_text=_("Một hay nhiều đơn vị trong phạm vi của bạn; cán bộ của các đơn vị này thấy điểm nóng."),
        error_messages={"required": _("Hãy chọn ít nhất một đơn vị chịu trách nhiệm.")},
    )
    petitions = forms.CharField(
        label=_("Đơn thư liên quan (mã hồ sơ, cách nhau bởi dấu phẩy)"),
        required=False,
        max_length=1000,
        help_text=_("Chỉ liên kết theo mã hồ sơ: danh tính người gửi không bao giờ sang hồ sơ điểm nóng."),
    )
    alert = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ResponsibleForm(forms.Form):
    version = _version()
    responsible = UnitsField(
        label=_("Đơn vị chịu trách nhiệm"),
        help_text=_("Một hay nhiều đơn vị trong phạm vi của bạn; cán bộ của các đơn vị này thấy điểm nóng."),
        error_messages={"required": _("Hãy chọn ít nhất một đơn vị chịu trách nhiệm.")},
    )

    def __init__(self, *args: Any, units: Any = None, current: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["responsible"]
        if units is not None:
            field.set_units(units)  # type: ignore[attr-defined]
        if current is not None:
            self.initial.setdefault("responsible", list(current))


class LinkForm(forms.Form):
    version = _version()
    source = forms.ChoiceField(label=_("Loại hồ sơ"), choices=Source.choices)
    ref = forms.CharField(label=_("Mã hồ sơ hoặc số"), max_length=40)


class TaskForm(forms.Form):
    version = _version()
    text = forms.CharField(label=_("Việc cần làm"), max_length=500)
    owner = UnitField(label=_("Đơn vị thực hiện"))
    due_on = forms.DateField(label=_("Hạn (ngày/tháng/năm)"), error_messages=DATE_ERRORS)

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["owner"].set_units(units)  # type: ignore[attr-defined]


class DoneForm(forms.Form):
    version = _version()
    task_id = forms.IntegerField(widget=forms.HiddenInput)


class EscalateForm(forms.Form):
    version = _version()
    reason = forms.CharField(
        label=_("Lý do báo cáo lên cấp trên"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class CloseHotspotForm(forms.Form):
    version = _version()
    lesson = forms.CharField(
        label=_("Bài học kinh nghiệm"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )


class PollForm(forms.Form):
    unit = UnitField(label=_("Đơn vị"))
    title = forms.CharField(label=_("Tên cuộc thăm dò"), max_length=250)
    target = forms.ChoiceField(label=_("Đối tượng"), choices=PollTarget.choices)
    intro = forms.CharField(
        label=_("Lời giới thiệu"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )
    questions = forms.CharField(
        label=_("Câu hỏi (mỗi dòng một câu)"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20000,
        help_text=_(
            "Ví dụ: “[một] Bạn có hài lòng? | Có | Không”, “[nhiều] … | A | B | C”, “[thang] Mức độ tin tưởng?”, “[tự do] Ý kiến khác?”"
        ),
    )


class OpenPollForm(forms.Form):
    version = _version()
    closes_on = forms.DateField(label=_("Kết thúc (ngày/tháng/năm)"), error_messages=DATE_ERRORS)


class ClosePollForm(forms.Form):
    version = _version()


class BriefNewForm(forms.Form):
    unit = UnitField(label=_("Đơn vị"))
    week = forms.DateField(
        label=_("Một ngày trong tuần (ngày/tháng/năm)"), error_messages=DATE_ERRORS, initial=clock.today
    )


class BriefEditForm(forms.Form):
    version = _version()
    number = forms.CharField(label=_("Số"), max_length=40, required=False)
    rising = forms.CharField(
        label=_("Vấn đề đang tăng"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    hotspots = forms.CharField(label=_("Điểm nóng"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    polls = forms.CharField(
        label=_("Kết quả thăm dò"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    reports = forms.CharField(
        label=_("Tình hình báo cáo của cộng tác viên"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    proposals = forms.CharField(
        label=_("Đề xuất, kiến nghị"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=150, required=False)
    signer_name = forms.CharField(label=_("Người ký"), max_length=150, required=False)


class BriefMoveForm(forms.Form):
    version = _version()


class AnswerForm(forms.Form):
    """The poll's questions as fields `q<id>`; citizens may give a phone (one answer per phone) and their
    commune; a honeypot catches bots."""

    phone = forms.CharField(
        label=_("Số điện thoại (không bắt buộc; để mỗi người chỉ trả lời một lần)"),
        max_length=20,
        required=False,
    )
    place = UnitField(label=_("Xã, phường nơi bạn ở"), required=False)
    website = forms.CharField(
        required=False, widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"})
    )

    def __init__(self, *args: Any, poll: Any, public: bool, places: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not public:
            del self.fields["phone"]
            del self.fields["website"]
        if places is not None:
            self.fields["place"].set_units(places)  # type: ignore[attr-defined]
        for q in poll.questions.all():
            name = f"q{q.pk}"
            label = format_html('{}. <span class="data">{}</span>', q.number, q.text)
            choices = [(str(i), _data(c)) for i, c in enumerate(q.choices)]
            if q.kind == "single":
                self.fields[name] = forms.ChoiceField(
                    label=label, choices=choices, widget=forms.RadioSelect, required=False
                )
            elif q.kind == "multiple":
                self.fields[name] = forms.MultipleChoiceField(
                    label=label, choices=choices, widget=forms.CheckboxSelectMultiple, required=False
                )
            elif q.kind == "scale":
                self.fields[name] = forms.ChoiceField(
                    label=label,
                    choices=[(str(i), str(i)) for i in range(1, 6)],
                    widget=forms.RadioSelect,
                    required=False,
                )
            else:
                self.fields[name] = forms.CharField(
                    label=label, widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000
                )

    def answers(self) -> dict[int, Any]:
        out: dict[int, Any] = {}
        for name, value in self.cleaned_data.items():
            if name.startswith("q") and name[1:].isdigit():
                out[int(name[1:])] = value
        return out
