"""Dân chủ ở cơ sở: forms (parse and check input; the services decide)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core import clock
from danvan.democracy.models import (
    BoardKind,
    CommentChannel,
    CommunityDecision,
    ConsultationMatter,
    ContributionKind,
    DecisionForm,
    DecisionMatter,
    DisclosureChannel,
    Disposition,
    Household,
    MeetingKind,
    VotingMethod,
    WorkplaceKind,
)
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


# --- consultations ----------------------------------------------------------------------------------

CONSULT_CHANNEL_CHOICES = [
    ("web", _("Trang lấy ý kiến của xã")),
    ("meeting", _("Hội nghị, cuộc họp")),
    ("notice_board", _("Niêm yết tại trụ sở")),
    ("loudspeaker", _("Hệ thống truyền thanh")),
    ("suggestion_box", _("Hòm thư góp ý")),
    ("social_group", _("Nhóm mạng xã hội của cộng đồng")),
]


class ConsultationForm(forms.Form):
    unit = UnitField(label=_("Xã, phường, đặc khu"))
    title = forms.CharField(label=_("Tên dự thảo"), max_length=250)
    matter = forms.ChoiceField(label=_("Loại nội dung"), choices=ConsultationMatter.choices)
    summary = forms.CharField(
        label=_("Nội dung chính"), widget=forms.Textarea(attrs={"rows": 6}), max_length=20000
    )
    parts = forms.CharField(
        label=_("Các phần của dự thảo (mỗi dòng một phần)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=20000,
    )


def _part_field(parts: list[tuple[int, str]] | None) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=_("Góp ý cho phần"),
        choices=[("", _("Chung cho cả dự thảo"))] + list(parts or []),
        coerce=int,
        empty_value=None,
        required=False,
    )


class OpenForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    opens_on = forms.DateField(
        label=_("Bắt đầu (ngày/tháng/năm)"), error_messages=DATE_ERRORS, initial=clock.today
    )
    closes_on = forms.DateField(label=_("Hạn góp ý (ngày/tháng/năm)"), error_messages=DATE_ERRORS)
    channels = forms.MultipleChoiceField(
        label=_("Hình thức lấy ý kiến"),
        choices=CONSULT_CHANNEL_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Hãy chọn ít nhất một hình thức lấy ý kiến.")},
    )

    def __init__(self, *args: Any, parts: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


class StaffCommentForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    channel = forms.ChoiceField(
        label=_("Nơi nhận ý kiến"),
        choices=[c for c in CommentChannel.choices if c[0] != CommentChannel.WEB],
    )
    author = forms.CharField(label=_("Người, tổ chức góp ý (không bắt buộc)"), max_length=150, required=False)
    content = forms.CharField(label=_("Ý kiến"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)

    def __init__(self, *args: Any, parts: list[tuple[int, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["part"] = _part_field(parts)


class RespondForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    comment_id = forms.IntegerField(widget=forms.HiddenInput)
    disposition = forms.ChoiceField(
        label=_("Xử lý"), choices=[c for c in Disposition.choices if c[0] != Disposition.PENDING]
    )
    response = forms.CharField(
        label=_("Nội dung tiếp thu hoặc lý do không tiếp thu"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=5000,
        required=False,
    )

    def __init__(self, *args: Any, parts: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


class CloseForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Ghi chú"), max_length=1000, required=False)

    def __init__(self, *args: Any, parts: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


class AnswerForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    answer = forms.CharField(
        label=_("Báo cáo tổng hợp tiếp thu, giải trình"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20000,
    )

    def __init__(self, *args: Any, parts: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


class PublicCommentForm(forms.Form):
    author = forms.CharField(label=_("Họ tên (không bắt buộc)"), max_length=150, required=False)
    content = forms.CharField(
        label=_("Ý kiến của bạn"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        error_messages={"required": _("Hãy nhập nội dung ý kiến.")},
    )
    website = forms.CharField(required=False, label=_("Để trống ô này"))

    def __init__(self, *args: Any, parts: list[tuple[int, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["part"] = _part_field(parts)
        self.order_fields(["part", "author", "content", "website"])
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})


# --- community decisions ----------------------------------------------------------------------------


class DecisionCreateForm(forms.Form):
    village = VillageField(label=_("Thôn, tổ dân phố"))
    matter = forms.ChoiceField(label=_("Nội dung"), choices=DecisionMatter.choices)
    title = forms.CharField(label=_("Vấn đề đưa ra quyết định"), max_length=250)
    proposal = forms.CharField(
        label=_("Phương án"), widget=forms.Textarea(attrs={"rows": 3}), max_length=10000, required=False
    )
    form = forms.ChoiceField(label=_("Hình thức"), choices=DecisionForm.choices)
    head_and_front_agree = forms.BooleanField(
        label=_("Trưởng thôn và Ban công tác Mặt trận thống nhất không cần họp, phát phiếu"), required=False
    )
    social_group_chosen = forms.BooleanField(
        label=_("Cộng đồng đã chọn nhóm mạng xã hội hợp pháp"), required=False
    )
    households_have_means = forms.BooleanField(
        label=_("Các hộ gia đình có điều kiện biểu quyết trực tuyến"), required=False
    )


class ResultForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    held_on = forms.DateField(
        label=_("Ngày họp, lấy ý kiến"), error_messages=DATE_ERRORS, initial=clock.today
    )
    attended = forms.IntegerField(label=_("Số đại diện hộ tham dự (hoặc trả lời phiếu)"), min_value=0)
    agree = forms.IntegerField(label=_("Số hộ tán thành"), min_value=0)
    disagree = forms.IntegerField(label=_("Số hộ không tán thành"), min_value=0)
    invalid = forms.IntegerField(label=_("Số phiếu không hợp lệ"), min_value=0, initial=0, required=False)
    voting_method = forms.ChoiceField(
        label=_("Cách biểu quyết (hội nghị)"), choices=[("", "—"), *VotingMethod.choices], required=False
    )
    committee = forms.CharField(
        label=_("Tổ kiểm phiếu (mỗi dòng một người)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    minutes = forms.CharField(label=_("Biên bản"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class RecogniseForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reference = forms.CharField(label=_("Số văn bản công nhận"), max_length=100)


class ContributionForm(forms.Form):
    household = forms.ModelChoiceField(label=_("Hộ gia đình"), queryset=Household.objects.none())
    kind = forms.ChoiceField(label=_("Hình thức"), choices=ContributionKind.choices)
    amount = forms.IntegerField(label=_("Giá trị (đồng)"), min_value=1)
    paid_on = forms.DateField(label=_("Ngày đóng góp"), error_messages=DATE_ERRORS, initial=clock.today)


class ConventionCreateForm(forms.Form):
    village = VillageField(label=_("Thôn, tổ dân phố"))
    title = forms.CharField(label=_("Tên hương ước, quy ước"), max_length=250)
    text = forms.CharField(label=_("Nội dung dự thảo"), widget=forms.Textarea(attrs={"rows": 6}))


class PostForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    posted_on = forms.DateField(label=_("Ngày niêm yết"), error_messages=DATE_ERRORS, initial=clock.today)


class AdoptForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ModelChoiceField(
        label=_("Quyết định của cộng đồng"), queryset=CommunityDecision.objects.none()
    )

    def __init__(self, *args: Any, decisions: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["decision"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = decisions if decisions is not None else CommunityDecision.objects.none()


# --- oversight --------------------------------------------------------------------------------------

ROLE_WORDS = {"truong ban": "head", "pho ban": "deputy", "thanh vien": "member", "": "member"}


class BoardForm(forms.Form):
    unit = UnitField(label=_("Xã, phường, đặc khu"))
    kind = forms.ChoiceField(label=_("Loại ban"), choices=BoardKind.choices)
    project = forms.CharField(label=_("Dự án, công trình (Ban GSĐTCĐ)"), max_length=250, required=False)
    elected_on = forms.DateField(label=_("Ngày bầu"), error_messages=DATE_ERRORS)
    election_note = forms.CharField(label=_("Hội nghị bầu (thôn, số đại diện dự)"), max_length=250)
    members = forms.CharField(
        label=_("Thành viên: mỗi dòng “Họ tên | trưởng ban / phó ban / thành viên”"),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    plan = forms.CharField(
        label=_("Kế hoạch kiểm tra, giám sát"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    plan_announced_on = forms.DateField(
        label=_("Ngày thông báo kế hoạch"), error_messages=DATE_ERRORS, required=False
    )

    def clean_members(self) -> list[tuple[str, str]]:
        from danvan.core.text import fold

        out = []
        for number, line in enumerate(self.cleaned_data["members"].splitlines(), start=1):
            if not line.strip():
                continue
            name, _sep, role = line.partition("|")
            key = fold(role).strip()
            if key not in ROLE_WORDS:
                raise forms.ValidationError(
                    _("Dòng %(n)d: vai trò “%(role)s” không hợp lệ (trưởng ban, phó ban hoặc thành viên).")
                    % {"n": number, "role": role.strip()}
                )
            out.append((name.strip(), ROLE_WORDS[key]))
        return out


class RecommendationForm(forms.Form):
    finding = forms.CharField(
        label=_("Phát hiện"), widget=forms.Textarea(attrs={"rows": 3}), max_length=10000
    )
    text = forms.CharField(label=_("Kiến nghị"), widget=forms.Textarea(attrs={"rows": 3}), max_length=10000)


class ConfirmForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    confirmed_on = forms.DateField(
        label=_("Ngày MTTQ xã xác nhận"), error_messages=DATE_ERRORS, initial=clock.today
    )
    reason = forms.CharField(label=_("Ghi chú"), max_length=1000, required=False)


class SendRecommendationForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    recipient = forms.CharField(label=_("Cơ quan nhận kiến nghị"), max_length=250)
    sent_on = forms.DateField(label=_("Ngày gửi"), error_messages=DATE_ERRORS, initial=clock.today)


class ReplyForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reply = forms.CharField(
        label=_("Nội dung trả lời"), widget=forms.Textarea(attrs={"rows": 3}), max_length=10000
    )
    replied_on = forms.DateField(label=_("Ngày trả lời"), error_messages=DATE_ERRORS, initial=clock.today)


# --- agencies and enterprises -----------------------------------------------------------------------


class WorkplaceForm(forms.Form):
    unit = UnitField(label=_("Tỉnh, xã nơi đặt trụ sở"))
    kind = forms.ChoiceField(label=_("Loại"), choices=WorkplaceKind.choices)
    name = forms.CharField(label=_("Tên cơ quan, đơn vị, doanh nghiệp"), max_length=250)
    code = forms.CharField(label=_("Mã số thuế / mã đơn vị"), max_length=30, required=False)
    employees = forms.IntegerField(
        label=_("Số cán bộ, người lao động"), min_value=1, max_value=10_000_000, required=False
    )


class MeetingPlanForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại"), choices=MeetingKind.choices, initial=MeetingKind.CONFERENCE)
    year = forms.IntegerField(
        label=_("Năm"), min_value=2023, max_value=2100, initial=lambda: clock.today().year
    )
    planned_on = forms.DateField(label=_("Ngày dự kiến"), error_messages=DATE_ERRORS, initial=clock.today)


class HoldMeetingForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    held_on = forms.DateField(label=_("Ngày tổ chức"), error_messages=DATE_ERRORS, initial=clock.today)
    attendees = forms.IntegerField(label=_("Số người dự"), min_value=1, max_value=10_000_000)
    minutes = forms.CharField(
        label=_("Tóm tắt biên bản, nghị quyết"), widget=forms.Textarea(attrs={"rows": 4}), max_length=20000
    )


class CancelMeetingForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Lý do hủy"), max_length=1000)


class WorkplaceComplianceForm(forms.Form):
    unit = UnitField(label=_("Đơn vị"), required=False)
    year = forms.IntegerField(label=_("Năm"), min_value=2023, max_value=2100, required=False)
