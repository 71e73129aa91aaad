"""Đơn thư: forms. `PetitionForm` validates every channel (web form, desk, import, API)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core import clock
from danvan.petitions.models import Field, Kind
from danvan.petitions.upload_limits import max_bytes, size_error
from danvan.territory.picker import AnyUnitField, UnitField

ADDRESSED_LEVELS = [
    ("commune", _("Ủy ban nhân dân cấp xã")),
    ("province", _("Cấp tỉnh")),
    ("nation", _("Cơ quan Trung ương")),
]

# The kinds as the citizens' form shows them, in the visitor's language (the model keeps Vietnamese labels).
KIND_CHOICES = [
    (Kind.FEEDBACK.value, _("Phản ánh")),
    (Kind.PROPOSAL.value, _("Kiến nghị")),
    (Kind.COMPLAINT.value, _("Khiếu nại")),
    (Kind.DENUNCIATION.value, _("Tố cáo")),
]


def _not_future(value: dt.date | None, label: object) -> None:
    if value is not None and value > clock.today():
        raise forms.ValidationError(
            _("%(label)s không được ở tương lai (hôm nay là %(today)s).")
            % {"label": label, "today": format(clock.today(), "%d/%m/%Y")}
        )


class PetitionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Loại đơn"),
        choices=KIND_CHOICES,
        error_messages={
            "required": _("Hãy chọn loại đơn."),
            "invalid_choice": _("Loại đơn “%(value)s” không hợp lệ."),
        },
    )
    title = forms.CharField(
        label=_("Tiêu đề"),
        max_length=200,
        error_messages={"required": _("Hãy nhập tiêu đề ngắn gọn của đơn.")},
    )
    content = forms.CharField(
        label=_("Nội dung"),
        widget=forms.Textarea(attrs={"rows": 7}),
        min_length=20,
        max_length=20000,
        error_messages={
            "required": _("Hãy trình bày nội dung sự việc."),
            "min_length": _("Nội dung quá ngắn (ít nhất %(limit_value)d ký tự): hãy trình bày rõ sự việc."),
        },
    )
    field = forms.ModelChoiceField(
        label=_("Lĩnh vực (nếu biết)"),
        queryset=Field.objects.filter(is_active=True),
        to_field_name="code",
        required=False,
        empty_label=_("— Để hệ thống gợi ý —"),
        error_messages={"invalid_choice": _("Lĩnh vực không tồn tại: hãy chọn trong danh sách.")},
    )
    address = forms.CharField(
        label=_("Nơi xảy ra sự việc"),
        max_length=300,
        required=False,
        help_text=_("Ví dụ: Xã Tân Thành, tỉnh Lạng Sơn (địa chỉ cũ trước 2025 cũng được)."),
    )
    place_code = forms.CharField(label=_("Mã xã, phường (GSO)"), max_length=10, required=False)
    addressed_to = forms.ChoiceField(label=_("Gửi đến"), choices=ADDRESSED_LEVELS, required=False)
    incident_date = forms.DateField(
        label=_("Ngày xảy ra sự việc"),
        required=False,
        error_messages={"invalid": _("Ngày không hợp lệ: hãy nhập theo dạng dd/mm/yyyy.")},
    )
    received_on = forms.DateField(
        label=_("Ngày nhận đơn"),
        required=False,
        error_messages={"invalid": _("Ngày nhận đơn không hợp lệ: hãy nhập theo dạng dd/mm/yyyy.")},
    )

    petitioner_name = forms.CharField(
        label=_("Họ và tên người gửi"),
        max_length=150,
        error_messages={"required": _("Hãy nhập họ và tên người gửi đơn.")},
    )
    petitioner_phone = forms.RegexField(
        label=_("Số điện thoại"),
        regex=r"^\+?[0-9 .]{8,15}$",
        required=False,
        error_messages={"invalid": _("Số điện thoại không hợp lệ: chỉ gồm 8–15 chữ số.")},
    )
    petitioner_email = forms.EmailField(
        label=_("Thư điện tử"),
        required=False,
        error_messages={"invalid": _("Địa chỉ thư điện tử không hợp lệ.")},
    )
    notify_consent = forms.BooleanField(
        label=_(
            "Tôi đồng ý nhận thông báo về hồ sơ qua thư điện tử hoặc tin nhắn ở địa chỉ, số điện thoại trên"
        ),
        required=False,
        help_text=_(
            "Tiếp nhận, thụ lý, chuyển đơn, gia hạn, kết quả giải quyết. Thông báo không bao giờ nêu danh tính "
            "hay nội dung đơn tố cáo; bạn ngừng nhận được bằng đường dẫn trong mỗi thư."
        ),
    )
    petitioner_address = forms.CharField(label=_("Địa chỉ liên hệ"), max_length=300, required=False)
    petitioner_id_number = forms.CharField(
        label=_("Số CMND/CCCD"),
        max_length=20,
        required=False,
        help_text=_("9 chữ số (CMND) hoặc 12 chữ số (CCCD); được mã hóa, chỉ người có thẩm quyền được xem."),
    )

    is_collective = forms.BooleanField(label=_("Đơn đông người (nhiều người cùng ký)"), required=False)
    signer_count = forms.IntegerField(
        label=_("Số người ký"),
        required=False,
        min_value=1,
        max_value=100000,
        error_messages={
            "invalid": _("Số người ký phải là số nguyên."),
            "min_value": _("Số người ký ít nhất là 1."),
        },
    )
    representatives = forms.CharField(
        label=_("Người đại diện"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )

    decision_complained = forms.CharField(
        label=_("Quyết định, hành vi bị khiếu nại"), max_length=300, required=False
    )
    decision_known_on = forms.DateField(
        label=_("Ngày biết được quyết định, hành vi"),
        required=False,
        error_messages={"invalid": _("Ngày không hợp lệ: hãy nhập theo dạng dd/mm/yyyy.")},
    )
    previous_code = forms.CharField(
        label=_("Mã hồ sơ khiếu nại lần đầu (nếu là lần hai)"), max_length=20, required=False
    )

    accused = forms.CharField(label=_("Người, cơ quan bị tố cáo"), max_length=300, required=False)
    accused_act = forms.CharField(
        label=_("Hành vi vi phạm bị tố cáo"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )

    is_remote_area = forms.BooleanField(label=_("Vùng sâu, vùng xa, đi lại khó khăn"), required=False)
    is_complex = forms.BooleanField(label=_("Vụ việc phức tạp"), required=False)
    several_places = forms.BooleanField(label=_("Phải xác minh ở nhiều nơi"), required=False)

    def clean_petitioner_id_number(self) -> str:
        value = self.cleaned_data.get("petitioner_id_number") or ""
        digits = "".join(ch for ch in value if ch.isdigit())
        if value.strip() and (
            len(digits) not in (9, 12) or any(ch not in "0123456789 .-" for ch in value.strip())
        ):
            raise forms.ValidationError(
                _(
                    "Số CMND/CCCD không hợp lệ: CMND gồm 9 chữ số, CCCD gồm 12 chữ số (có thể cách bằng dấu cách)."
                )
            )
        return digits

    def clean_incident_date(self) -> dt.date | None:
        value = self.cleaned_data.get("incident_date")
        _not_future(value, _("Ngày xảy ra sự việc"))
        return value

    def clean_received_on(self) -> dt.date | None:
        value = self.cleaned_data.get("received_on")
        _not_future(value, _("Ngày nhận đơn"))
        return value

    def clean_decision_known_on(self) -> dt.date | None:
        value = self.cleaned_data.get("decision_known_on")
        _not_future(value, _("Ngày biết được quyết định, hành vi"))
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        if kind == Kind.COMPLAINT:
            if not data.get("decision_complained"):
                self.add_error(
                    "decision_complained", _("Đơn khiếu nại phải nêu quyết định hoặc hành vi bị khiếu nại.")
                )
            if not data.get("decision_known_on") and "decision_known_on" not in self.errors:
                self.add_error(
                    "decision_known_on",
                    _("Đơn khiếu nại phải nêu ngày biết được quyết định, hành vi (dd/mm/yyyy)."),
                )
        elif data.get("previous_code"):
            self.add_error("previous_code", _("Chỉ đơn khiếu nại mới có khiếu nại lần đầu."))
        if kind == Kind.DENUNCIATION:
            if not data.get("accused"):
                self.add_error("accused", _("Đơn tố cáo phải nêu người hoặc cơ quan bị tố cáo."))
            if not data.get("accused_act"):
                self.add_error("accused_act", _("Đơn tố cáo phải nêu hành vi vi phạm bị tố cáo."))
            if not data.get("petitioner_address"):
                self.add_error(
                    "petitioner_address",
                    _("Người tố cáo phải ghi địa chỉ (được giữ bí mật theo Luật Tố cáo)."),
                )
        if data.get("is_collective"):
            count = data.get("signer_count")
            if count is None or count < 2:
                self.add_error(
                    "signer_count", _("Đơn đông người phải có ít nhất 2 người ký: hãy nhập số người ký.")
                )
            if not data.get("representatives"):
                self.add_error("representatives", _("Đơn đông người phải ghi người đại diện."))
        if (
            data.get("notify_consent")
            and not data.get("petitioner_email")
            and not data.get("petitioner_phone")
        ):
            if "petitioner_email" not in self.errors and "petitioner_phone" not in self.errors:
                self.add_error(
                    "petitioner_email",
                    _("Để nhận thông báo, hãy nhập địa chỉ thư điện tử hoặc số điện thoại."),
                )
        if not data.get("address") and not data.get("place_code") and self.require_place:
            self.add_error("address", _("Hãy nhập nơi xảy ra sự việc (xã, phường và tỉnh, thành phố)."))
        return data

    require_place = True


class PublicPetitionForm(PetitionForm):
    """The citizens' form: a honeypot field that people do not see and bots fill in."""

    website = forms.CharField(required=False, label=_("Website (để trống)"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("received_on", "place_code", "is_remote_area", "is_complex", "several_places"):
            del self.fields[name]
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = [("", _("— Chọn loại đơn —")), *KIND_CHOICES]
        # Required unless a commune code is given, which the citizens' form does not offer: mark it.
        self.fields["address"].shown_required = True  # type: ignore[attr-defined]


class DeskPetitionForm(PetitionForm):
    """Staff entry at a reception desk: the place may default to the officer's unit."""

    require_place = False


class _SharedFields(dict[str, forms.Field]):
    """`base_fields` whose deep copy (made by every form instance) shares the field objects."""

    def __deepcopy__(self, memo: dict[int, Any]) -> dict[str, forms.Field]:
        return dict(self)


def _validator(form_class: type[PetitionForm]) -> type[PetitionForm]:
    """`form_class` for validating data in a service, never rendered: its instances share the field
    objects (validation does not change them) instead of deep-copying about 30 fields and widgets each
    time (0.4 ms of a submission's CPU)."""
    validator: type[PetitionForm] = type(
        f"{form_class.__name__}Validator", (form_class,), {"__module__": __name__}
    )
    validator.base_fields = _SharedFields(form_class.base_fields)
    return validator


PetitionValidator = _validator(PetitionForm)
DeskPetitionValidator = _validator(DeskPetitionForm)


class TrackForm(forms.Form):
    code = forms.CharField(
        label=_("Mã hồ sơ"),
        max_length=30,
        error_messages={"required": _("Hãy nhập mã hồ sơ ghi trên giấy biên nhận.")},
    )


class RatingForm(forms.Form):
    key = forms.CharField(
        label=_("Mã xác nhận (ghi trên giấy biên nhận, dạng XN-XXXX-XXXX)"),
        max_length=20,
        required=False,
    )
    rating = forms.TypedChoiceField(
        label=_("Mức độ hài lòng"),
        coerce=int,
        choices=[
            ("", _("— Chọn mức độ hài lòng —")),
            (5, _("Rất hài lòng")),
            (4, _("Hài lòng")),
            (3, _("Bình thường")),
            (2, _("Chưa hài lòng")),
            (1, _("Không hài lòng")),
        ],
        error_messages={
            "required": _("Hãy chọn mức độ hài lòng."),
            "invalid_choice": _("Mức đánh giá không hợp lệ."),
        },
    )
    comment = forms.CharField(
        label=_("Ý kiến"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReasonForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Lý do, căn cứ pháp lý"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )


class ConfirmForm(ReasonForm):
    """An irreversible move: the officer ticks that she means it (a mis-click does not close a case)."""

    confirm = forms.BooleanField(
        label=_("Tôi xác nhận thao tác này: không thể hoàn tác."),
        error_messages={"required": _("Hãy đánh dấu xác nhận: thao tác này không thể hoàn tác.")},
    )


class TransferForm(ConfirmForm):
    to_unit = AnyUnitField(
        label=_("Chuyển đến đơn vị"),
        error_messages={"required": _("Hãy chọn đơn vị nhận đơn.")},
    )

    field_order = ["version", "to_unit", "reason", "confirm"]


class ResolveForm(ReasonForm):
    decision_ref = forms.CharField(label=_("Số quyết định, văn bản trả lời"), max_length=120, required=False)
    answer = forms.CharField(
        label=_("Nội dung trả lời"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=20000,
        error_messages={"required": _("Hãy nhập nội dung trả lời, kết quả giải quyết.")},
    )
    answer_public = forms.BooleanField(
        label=_("Công khai nội dung trả lời trên trang tra cứu"),
        required=False,
        initial=True,
        help_text=_("Danh tính người gửi, người tố cáo luôn được che trên trang tra cứu."),
    )
    withhold_reason = forms.CharField(
        label=_("Lý do không công khai (nếu bỏ đánh dấu)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("answer_public") and not (data.get("withhold_reason") or "").strip():
            self.add_error(
                "withhold_reason",
                _("Không công khai nội dung trả lời phải nêu lý do (người gửi sẽ không thấy)."),
            )
        return data


class ExtendForm(ReasonForm):
    days = forms.IntegerField(label=_("Số ngày gia hạn"), required=False, min_value=1, max_value=60)


class FieldForm(ReasonForm):
    field = forms.ModelChoiceField(
        label=_("Lĩnh vực"),
        queryset=Field.objects.filter(is_active=True),
        to_field_name="code",
        error_messages={"required": _("Hãy chọn lĩnh vực."), "invalid_choice": _("Lĩnh vực không tồn tại.")},
        widget=forms.Select(attrs={"aria-label": _("Lĩnh vực")}),
    )


class AssignForm(ReasonForm):
    handler = forms.IntegerField(
        label=_("Cán bộ thụ lý"), error_messages={"required": _("Hãy chọn cán bộ thụ lý trong danh sách.")}
    )


class LinkForm(ReasonForm):
    master_code = forms.CharField(label=_("Mã hồ sơ đơn gốc"), max_length=20)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp CSV hoặc XLSX"), error_messages={"required": _("Hãy chọn tệp CSV hoặc XLSX để nhập.")}
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload is not None and upload.size is not None and upload.size > max_bytes():
            raise forms.ValidationError(size_error(upload.size))
        return upload


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm kiếm"), required=False, max_length=200)
    who = forms.CharField(label=_("Người gửi (họ tên hoặc số điện thoại)"), required=False, max_length=150)
    unit = UnitField(label=_("Đơn vị"), required=False)
    kind = forms.ChoiceField(
        label=_("Loại đơn"),
        choices=[("", _("Mọi loại đơn")), *KIND_CHOICES],
        required=False,
        widget=forms.Select(attrs={"aria-label": _("Loại đơn")}),
    )
    field = forms.CharField(label=_("Lĩnh vực"), required=False, max_length=40)
    state = forms.CharField(label=_("Trạng thái"), required=False, max_length=20)
    due = forms.ChoiceField(
        label=_("Thời hạn"),
        choices=[("", _("Mọi thời hạn")), ("overdue", _("Quá hạn")), ("soon", _("Đến hạn trong 3 ngày"))],
        required=False,
        widget=forms.Select(attrs={"aria-label": _("Thời hạn")}),
    )
    date_from = forms.DateField(label=_("Từ ngày"), required=False)
    date_to = forms.DateField(label=_("Đến ngày"), required=False)

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        """`units`: the units the person may filter on (the picker's scope)."""
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        assert isinstance(field, UnitField)
        if units is not None:
            field.set_units(units)
        if isinstance(field.widget, forms.Select):
            field.widget.choices = [("", _("Mọi đơn vị")), *field.widget.choices]
        field.widget.attrs["aria-label"] = _("Đơn vị")


BULK_ACTIONS = [
    ("", _("— Chọn thao tác với các đơn đã đánh dấu —")),
    ("export_xlsx", _("Xuất các đơn đã chọn (XLSX)")),
    ("export_csv", _("Xuất các đơn đã chọn (CSV)")),
    ("assign", _("Phân công cán bộ thụ lý")),
    ("transfer", _("Chuyển đơn")),
]


class BulkForm(forms.Form):
    """One action on the petitions ticked in the list."""

    action = forms.ChoiceField(
        label=_("Thao tác"),
        choices=BULK_ACTIONS,
        error_messages={"required": _("Hãy chọn thao tác với các đơn đã đánh dấu.")},
    )
    handler: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Cán bộ thụ lý"),
        queryset=None,
        required=False,
        empty_label=_("— Cán bộ —"),
        error_messages={"invalid_choice": _("Hãy chọn cán bộ thụ lý trong danh sách.")},
    )
    to_unit = AnyUnitField(label=_("Chuyển đến đơn vị"), required=False)
    reason = forms.CharField(label=_("Lý do chuyển"), required=False, max_length=5000)
    confirm = forms.BooleanField(label=_("Tôi xác nhận: không thể hoàn tác."), required=False)

    def __init__(self, *args: Any, handlers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["handler"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = handlers
        field.label_from_instance = lambda u: str(u.full_name or u.get_username())  # type: ignore[method-assign,assignment]
        if not handlers.exists():  # only a unit head assigns
            self.fields["action"].choices = [c for c in BULK_ACTIONS if c[0] != "assign"]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        action = data.get("action")
        if action == "assign" and not data.get("handler"):
            self.add_error("handler", _("Hãy chọn cán bộ thụ lý để phân công."))
        if action == "transfer":
            if not data.get("to_unit") and "to_unit" not in self.errors:
                self.add_error("to_unit", _("Hãy chọn đơn vị nhận đơn."))
            if not (data.get("reason") or "").strip():
                self.add_error("reason", _("Chuyển đơn phải nêu lý do."))
            if not data.get("confirm"):
                self.add_error("confirm", _("Hãy đánh dấu xác nhận: thao tác này không thể hoàn tác."))
        return data
