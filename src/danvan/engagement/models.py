"""Tiếp công dân và đối thoại: reception rules and sessions, direct dialogues, questions, commitments.

Identities of citizens received (and of citizens who send a question to a dialogue) are encrypted
with `danvan.core.crypto` and shown only to the unit head or the officer in charge, with an audit row.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core import clock
from danvan.core.models import Created, CreatedAt, IsDemo, Versioned
from danvan.core.workflow import TransitionRecord
from danvan.territory import naming
from danvan.territory.models import AdminUnit, InUnit, Level


class HeadRole(models.TextChoices):
    """Heads whose periodic reception days the law fixes (Luật Tiếp công dân 2013; Quy định 11-QĐi/TW)."""

    COMMUNE_CHAIRMAN = "commune_chairman", _("Chủ tịch UBND xã")
    COMMUNE_SECRETARY = "commune_secretary", _("Bí thư Đảng ủy xã")
    PROVINCE_CHAIRMAN = "province_chairman", _("Chủ tịch UBND tỉnh")
    PROVINCE_SECRETARY = "province_secretary", _("Bí thư Tỉnh ủy, Thành ủy")


ROLE_LEVEL: dict[str, int] = {
    HeadRole.COMMUNE_CHAIRMAN: Level.COMMUNE,
    HeadRole.COMMUNE_SECRETARY: Level.COMMUNE,
    HeadRole.PROVINCE_CHAIRMAN: Level.PROVINCE,
    HeadRole.PROVINCE_SECRETARY: Level.PROVINCE,
}


def head_title(role: str, unit: AdminUnit) -> str:
    """The head's title for the unit's type ("Chủ tịch UBND phường", "Bí thư Thành ủy"): the choice labels
    say "xã" and "tỉnh" for every commune and province."""
    official: naming.Official = "secretary" if role.endswith("secretary") else "chairman"
    return naming.official_title(unit, official)


class RulePeriod(models.TextChoices):
    WEEK = "week", _("tuần")
    MONTH = "month", _("tháng")


class Mode(models.TextChoices):
    IN_PERSON = "in_person", _("Trực tiếp")
    ONLINE = "online", _("Trực tuyến")


class ReceptionRule(models.Model):
    """The legal minimum of reception days for a head, in force from `effective_from` (editable data)."""

    head_role = models.CharField(_("người đứng đầu"), max_length=32, choices=HeadRole.choices)
    days_required = models.PositiveSmallIntegerField(_("số ngày tối thiểu"))
    period = models.CharField(_("mỗi"), max_length=8, choices=RulePeriod.choices)
    delegation_allowed = models.BooleanField(_("được ủy quyền cho cấp phó"), default=True)
    online_allowed = models.BooleanField(_("được tiếp trực tuyến"), default=False)
    effective_from = models.DateField(_("hiệu lực từ"))
    effective_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("quy định số ngày tiếp công dân")
        verbose_name_plural = _("quy định số ngày tiếp công dân")
        ordering = ["head_role", "effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["head_role", "effective_from"], name="reception_rule_unique_start"
            ),
            models.CheckConstraint(
                condition=models.Q(effective_to__isnull=True)
                | models.Q(effective_to__gte=models.F("effective_from")),
                name="reception_rule_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_head_role_display()}: {self.days_required} ngày/{self.get_period_display()} "
            f"(từ {self.effective_from:%d/%m/%Y})"
        )

    def in_force_on(self, day: dt.date) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day <= self.effective_to)


WEEKDAYS = [
    (0, _("Thứ Hai")),
    (1, _("Thứ Ba")),
    (2, _("Thứ Tư")),
    (3, _("Thứ Năm")),
    (4, _("Thứ Sáu")),
    (5, _("Thứ Bảy")),
    (6, _("Chủ Nhật")),
]


class ReceptionSchedule(InUnit, Created, IsDemo):
    """A head's periodic reception schedule at a unit (lịch tiếp công dân định kỳ)."""

    head_role = models.CharField(_("người đứng đầu"), max_length=32, choices=HeadRole.choices)
    head_name = models.CharField(_("họ tên người đứng đầu"), max_length=150)
    weekday = models.PositiveSmallIntegerField(
        _("thứ trong tuần"), choices=WEEKDAYS, null=True, blank=True, help_text=_("Với lịch tiếp hằng tuần.")
    )
    month_days = models.CharField(
        _("ngày trong tháng"),
        max_length=100,
        blank=True,
        help_text=_("Với lịch tiếp hằng tháng: các ngày cách nhau bởi dấu phẩy, ví dụ 10, 25."),
    )
    usual_days = models.CharField(
        _("ghi chú lịch"), max_length=200, blank=True, help_text=_("Ví dụ: buổi sáng.")
    )
    location = models.CharField(_("địa điểm"), max_length=255)
    mode = models.CharField(_("hình thức"), max_length=16, choices=Mode.choices, default=Mode.IN_PERSON)
    active = models.BooleanField(_("đang áp dụng"), default=True)

    class Meta:
        verbose_name = _("lịch tiếp công dân")
        verbose_name_plural = _("lịch tiếp công dân")
        ordering = ["unit__path", "head_role"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "head_role"], name="reception_schedule_one_per_head")
        ]

    @property
    def head_title(self) -> str:
        return head_title(self.head_role, self.unit)

    def __str__(self) -> str:
        return f"{self.head_title} — {self.unit}"

    def month_day_list(self) -> list[int]:
        return sorted({int(p) for p in self.month_days.replace(";", ",").split(",") if p.strip().isdigit()})

    def planned_days(self, start: dt.date, end: dt.date) -> list[dt.date]:
        """The reception days this schedule plans in [start, end]."""
        days: list[dt.date] = []
        current = start
        month_days = set(self.month_day_list())
        while current <= end:
            if (self.weekday is not None and current.weekday() == self.weekday) or current.day in month_days:
                days.append(current)
            current += dt.timedelta(days=1)
        return days


class Receiver(models.TextChoices):
    HEAD = "head", _("Người đứng đầu trực tiếp tiếp")
    DEPUTY = "deputy", _("Cấp phó được ủy quyền")


class ReceptionSession(InUnit, Created, IsDemo):
    """One day of periodic reception by a head (or a deputy where the rules in force allow it)."""

    head_role = models.CharField(_("người đứng đầu"), max_length=32, choices=HeadRole.choices)
    date = models.DateField(_("ngày tiếp"))
    start_time = models.TimeField(_("từ"), null=True, blank=True)
    end_time = models.TimeField(_("đến"), null=True, blank=True)
    received_by = models.CharField(
        _("người tiếp"), max_length=16, choices=Receiver.choices, default=Receiver.HEAD
    )
    receiver_name = models.CharField(_("họ tên người tiếp"), max_length=150)
    mode = models.CharField(_("hình thức"), max_length=16, choices=Mode.choices, default=Mode.IN_PERSON)
    location = models.CharField(_("địa điểm"), max_length=255, blank=True)
    citizens_count = models.PositiveIntegerField(_("số lượt công dân"), default=0)
    notes = models.TextField(_("ghi chú"), blank=True)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ phụ trách"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("buổi tiếp công dân")
        verbose_name_plural = _("buổi tiếp công dân")
        ordering = ["-date", "-id"]
        indexes = [
            # compliance: distinct days per (unit, head), read from the index in group order
            models.Index(fields=["unit", "head_role", "date"], name="reception_unit_role_date_idx"),
            models.Index(fields=["unit", "date"], name="reception_unit_date_idx"),
        ]

    @property
    def head_title(self) -> str:
        return head_title(self.head_role, self.unit)

    def __str__(self) -> str:
        return f"Tiếp công dân {self.date:%d/%m/%Y} — {self.unit}"


class ReceptionCitizen(CreatedAt):
    """A citizen received; identity fields are encrypted (same confidentiality rules as petitions)."""

    session = models.ForeignKey(ReceptionSession, on_delete=models.CASCADE, related_name="citizens")
    position = models.PositiveSmallIntegerField(_("số thứ tự"))
    name_enc = models.TextField(_("họ tên (mã hóa)"))
    address_enc = models.TextField(_("địa chỉ (mã hóa)"), blank=True)
    phone_enc = models.TextField(_("điện thoại (mã hóa)"), blank=True)

    class Meta:
        verbose_name = _("công dân được tiếp")
        verbose_name_plural = _("công dân được tiếp")
        ordering = ["session", "position"]
        constraints = [
            models.UniqueConstraint(fields=["session", "position"], name="reception_citizen_position")
        ]

    def __str__(self) -> str:
        return f"Công dân {self.position}"


class ReceptionMatter(InUnit, Created):
    """A matter raised at a reception session; it becomes a petition in one step."""

    session = models.ForeignKey(ReceptionSession, on_delete=models.CASCADE, related_name="matters")
    citizen = models.ForeignKey(
        ReceptionCitizen, null=True, blank=True, on_delete=models.SET_NULL, related_name="matters"
    )
    summary = models.TextField(_("nội dung vụ việc"))
    petition = models.ForeignKey(
        "petitions.Petition",
        verbose_name=_("đơn thư"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("vụ việc tại buổi tiếp")
        verbose_name_plural = _("vụ việc tại buổi tiếp")
        ordering = ["session", "id"]

    def __str__(self) -> str:
        return self.summary[:80]


class DialogueState(models.TextChoices):
    PLANNED = "planned", _("Dự kiến")
    ANNOUNCED = "announced", _("Đã thông báo")
    HELD = "held", _("Đã tổ chức")
    PUBLISHED = "published", _("Đã công khai kết quả")
    CANCELLED = "cancelled", _("Đã hủy")


class DialogueForm(models.TextChoices):
    IN_PERSON = "in_person", _("Trực tiếp")
    ONLINE = "online", _("Trực tuyến")
    SOCIAL = "social", _("Trên mạng xã hội hợp pháp")
    MIXED = "mixed", _("Trực tiếp kết hợp trực tuyến")


class Dialogue(InUnit, Created, Versioned, IsDemo):
    """A direct dialogue between a head and citizens (đối thoại trực tiếp)."""

    title = models.CharField(_("tên hội nghị"), max_length=255)
    host_role = models.CharField(_("chủ trì"), max_length=32, choices=HeadRole.choices)
    host_name = models.CharField(_("họ tên người chủ trì"), max_length=150)
    host_is_head = models.BooleanField(_("người đứng đầu trực tiếp chủ trì"), default=True)
    co_chairs = models.CharField(_("đồng chủ trì"), max_length=300, blank=True)
    organisers = models.CharField(_("cơ quan phối hợp tổ chức"), max_length=300, blank=True)
    starts_at = models.DateTimeField(_("thời gian"))
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    form = models.CharField(
        _("hình thức"), max_length=16, choices=DialogueForm.choices, default=DialogueForm.IN_PERSON
    )
    content = models.TextField(_("nội dung"), blank=True)
    topics = models.CharField(_("chủ đề"), max_length=300, blank=True)
    state = models.CharField(
        _("trạng thái"), max_length=16, choices=DialogueState.choices, default=DialogueState.PLANNED
    )
    announced_on = models.DateField(_("ngày thông báo"), null=True, blank=True)
    short_notice = models.BooleanField(_("thông báo dưới 7 ngày"), default=False)
    short_notice_reason = models.TextField(_("lý do thông báo muộn"), blank=True)
    held_on = models.DateField(_("ngày tổ chức"), null=True, blank=True)
    participants_count = models.PositiveIntegerField(_("số người tham dự"), null=True, blank=True)
    results_summary = models.TextField(_("kết quả đối thoại"), blank=True)
    published_on = models.DateField(_("ngày công khai kết quả"), null=True, blank=True)
    published_late = models.BooleanField(_("công khai quá 10 ngày"), default=False)
    # kept by the services under the dialogue's row lock, so that coverage reads no question rows
    questions_count = models.PositiveIntegerField(_("số câu hỏi"), default=0)
    answered_on_spot_count = models.PositiveIntegerField(_("số câu trả lời tại hội nghị"), default=0)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ phụ trách"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("hội nghị đối thoại")
        verbose_name_plural = _("hội nghị đối thoại")
        ordering = ["-starts_at", "-id"]
        indexes = [
            models.Index(fields=["held_on", "unit", "host_is_head"], name="dialogue_held_unit_idx"),
            models.Index(
                fields=["unit", "held_on", "host_is_head", "questions_count", "answered_on_spot_count"],
                name="dialogue_unit_held_cover_idx",
            ),
            models.Index(fields=["state", "starts_at"], name="dialogue_state_start_idx"),
        ]

    @property
    def host_title(self) -> str:
        return head_title(self.host_role, self.unit)

    def __str__(self) -> str:
        return f"{self.title} ({clock.format_date(self.starts_at)})"

    @property
    def is_open_for_questions(self) -> bool:
        return self.state == DialogueState.ANNOUNCED


class DialogueHistory(TransitionRecord):
    """History of a dialogue (`danvan.core.workflow`): every move and recorded act, who, when, why."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="history")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("lịch sử hội nghị đối thoại")
        verbose_name_plural = _("lịch sử hội nghị đối thoại")


class QuestionSource(models.TextChoices):
    ADVANCE = "advance", _("Gửi trước qua trang công khai")
    ON_SITE = "on_site", _("Nêu tại hội nghị")


class DialogueQuestion(models.Model):
    """A citizen's question, sent in advance or raised at the dialogue, and its answer."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="questions")
    source = models.CharField(_("nguồn"), max_length=16, choices=QuestionSource.choices)
    text = models.TextField(_("câu hỏi"))
    asker_name_enc = models.TextField(_("người hỏi (mã hóa)"), blank=True)
    asker_contact_enc = models.TextField(_("liên hệ (mã hóa)"), blank=True)
    submitted_at = models.DateTimeField(_("thời điểm gửi"), auto_now_add=True)
    answer = models.TextField(_("trả lời"), blank=True)
    answered_on_spot = models.BooleanField(_("trả lời trực tiếp tại hội nghị"), default=False)
    answered_at = models.DateTimeField(_("thời điểm trả lời"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    petition = models.ForeignKey(
        "petitions.Petition",
        verbose_name=_("đơn thư"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("câu hỏi đối thoại")
        verbose_name_plural = _("câu hỏi đối thoại")
        ordering = ["dialogue", "id"]
        indexes = [models.Index(fields=["dialogue", "answered_on_spot"], name="question_dialogue_spot_idx")]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_answered(self) -> bool:
        return bool(self.answer)


class CommitmentState(models.TextChoices):
    OPEN = "open", _("Chưa thực hiện")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Đã thực hiện")
    EXPLAINED = "explained", _("Không thực hiện được, đã giải trình")


OPEN_COMMITMENT_STATES = (CommitmentState.OPEN, CommitmentState.IN_PROGRESS)


class Commitment(InUnit, CreatedAt, Versioned, IsDemo):
    """A promise made at a dialogue, followed until done or explained."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.PROTECT, related_name="commitments")
    question = models.ForeignKey(
        DialogueQuestion, null=True, blank=True, on_delete=models.SET_NULL, related_name="commitments"
    )
    content = models.TextField(_("nội dung cam kết"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người chịu trách nhiệm"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    made_on = models.DateField(_("ngày cam kết"))
    due_date = models.DateField(_("hạn thực hiện"))
    state = models.CharField(
        _("trạng thái"), max_length=16, choices=CommitmentState.choices, default=CommitmentState.OPEN
    )
    done_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    explanation = models.TextField(_("kết quả hoặc giải trình"), blank=True)

    class Meta:
        verbose_name = _("cam kết")
        verbose_name_plural = _("cam kết")
        ordering = ["due_date", "id"]
        indexes = [
            # kept on time per unit: a covering index read in group order
            models.Index(fields=["unit", "due_date", "state", "done_on"], name="commitment_unit_due_idx"),
            models.Index(fields=["owner", "state", "due_date"], name="commitment_owner_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(due_date__gte=models.F("made_on")), name="commitment_due_after_made"
            )
        ]

    def __str__(self) -> str:
        return self.content[:80]

    def is_overdue(self, today: dt.date) -> bool:
        return self.state in OPEN_COMMITMENT_STATES and self.due_date < today

    @property
    def kept_on_time(self) -> bool:
        return (
            self.state == CommitmentState.DONE and self.done_on is not None and self.done_on <= self.due_date
        )


class CommitmentHistory(TransitionRecord):
    """History of a commitment's follow-up (`danvan.core.workflow`)."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="history")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("lịch sử cam kết")
        verbose_name_plural = _("lịch sử cam kết")
