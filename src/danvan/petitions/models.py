"""Đơn thư: petitions (phản ánh, kiến nghị, khiếu nại, tố cáo), their history, attachments and rule tables."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core import clock
from danvan.core.jobs import Heartbeat
from danvan.core.workflow.records import TransitionRecord
from danvan.territory.models import AdminUnit


class Kind(models.TextChoices):
    FEEDBACK = "feedback", _("Phản ánh")
    PROPOSAL = "proposal", _("Kiến nghị")
    COMPLAINT = "complaint", _("Khiếu nại")
    DENUNCIATION = "denunciation", _("Tố cáo")


class State(models.TextChoices):
    RECEIVED = "received", _("Đã tiếp nhận")
    ACCEPTED = "accepted", _("Đã thụ lý")
    REFUSED = "refused", _("Không thụ lý")
    TRANSFERRED = "transferred", _("Đã chuyển đơn")
    IN_PROGRESS = "in_progress", _("Đang giải quyết")
    RESOLVED = "resolved", _("Đã giải quyết")
    CLOSED = "closed", _("Đã kết thúc")
    WITHDRAWN = "withdrawn", _("Đã rút đơn")


# Not finished: the states in which a petition is "open" and runs against the deadline of its current step.
OPEN_STATES = ("received", "transferred", "accepted", "in_progress")


class Channel(models.TextChoices):
    WEB = "web", _("Cổng thông tin (biểu mẫu công khai)")
    DESK = "desk", _("Bộ phận tiếp nhận")
    IMPORT = "import", _("Nhập từ tệp")
    API = "api", _("API")
    OPEN311 = "open311", _("Open311")
    RECEPTION = "reception", _("Tiếp công dân")
    DIALOGUE = "dialogue", _("Đối thoại")


class Step(models.TextChoices):
    ACCEPT = "accept", _("Thụ lý hoặc từ chối thụ lý")
    RESOLVE = "resolve", _("Giải quyết")
    NOTIFY = "notify", _("Thông báo cho người gửi đơn")
    LIMITATION = "limitation", _("Thời hiệu gửi đơn")
    EXTENSION = "extension", _("Gia hạn giải quyết")


class Variant(models.TextChoices):
    NORMAL = "normal", _("Thông thường")
    COMPLEX = "complex", _("Vụ việc phức tạp")
    REMOTE = "remote", _("Vùng sâu, vùng xa")
    REMOTE_COMPLEX = "remote_complex", _("Vùng sâu, vùng xa, phức tạp")
    SECOND = "second", _("Khiếu nại lần hai")
    SECOND_COMPLEX = "second_complex", _("Khiếu nại lần hai, phức tạp")
    SECOND_REMOTE = "second_remote", _("Khiếu nại lần hai, vùng sâu, vùng xa")
    SECOND_REMOTE_COMPLEX = "second_remote_complex", _("Khiếu nại lần hai, vùng sâu, vùng xa, phức tạp")
    SEVERAL_PLACES = "several_places", _("Phải xác minh ở nhiều nơi")


class RouteLevel(models.TextChoices):
    COMMUNE = "commune", _("Cấp xã nơi phát sinh vụ việc")
    PROVINCE = "province", _("Cấp tỉnh nơi phát sinh vụ việc")


class Field(models.Model):
    """Lĩnh vực: the editable field taxonomy."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên lĩnh vực"), max_length=120)
    description = models.TextField(_("mô tả"), blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=100)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class DeadlineRule(models.Model):
    """A statutory time limit, editable, valid from `effective_from` (to `effective_to`, exclusive)."""

    kind = models.CharField(_("loại đơn"), max_length=20, choices=Kind.choices)
    step = models.CharField(_("bước"), max_length=20, choices=Step.choices)
    variant = models.CharField(
        _("trường hợp"), max_length=30, choices=Variant.choices, default=Variant.NORMAL
    )
    days = models.PositiveSmallIntegerField(_("số ngày"))
    working_days = models.BooleanField(_("tính theo ngày làm việc"), default=False)
    max_times = models.PositiveSmallIntegerField(_("số lần tối đa (gia hạn)"), default=0)
    effective_from = models.DateField(_("hiệu lực từ"))
    effective_to = models.DateField(_("hết hiệu lực từ"), null=True, blank=True)
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("quy định thời hạn")
        verbose_name_plural = _("quy định thời hạn")
        ordering = ["kind", "step", "variant", "-effective_from"]
        indexes = [
            models.Index(fields=["kind", "step", "variant", "effective_from"], name="pet_rule_lookup_idx")
        ]

    def __str__(self) -> str:
        unit = "ngày làm việc" if self.working_days else "ngày"
        return f"{self.get_kind_display()} · {self.get_step_display()} · {self.get_variant_display()}: {self.days} {unit}"


class RoutingRule(models.Model):
    """Which level is competent for a kind and field (blank = any); the highest priority match wins."""

    kind = models.CharField(_("loại đơn"), max_length=20, choices=Kind.choices, blank=True)
    field = models.ForeignKey(
        Field, verbose_name=_("lĩnh vực"), null=True, blank=True, on_delete=models.CASCADE
    )
    level = models.CharField(_("cấp có thẩm quyền"), max_length=20, choices=RouteLevel.choices)
    priority = models.PositiveSmallIntegerField(_("độ ưu tiên"), default=100)
    effective_from = models.DateField(_("hiệu lực từ"))
    effective_to = models.DateField(_("hết hiệu lực từ"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("quy tắc chuyển đơn")
        verbose_name_plural = _("quy tắc chuyển đơn")
        ordering = ["-priority", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display() or 'Mọi loại'} · {self.field or 'mọi lĩnh vực'} → {self.get_level_display()}"


class RuleTableStamp(models.Model):
    """One row whose `stamp` changes (database triggers, migration 0005) on every write to the routing or
    deadline rule tables: web workers keep the rules in memory and reload them when the stamp changes."""

    stamp = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("dấu phiên bản bảng quy tắc")

    def __str__(self) -> str:
        return str(self.stamp)


class Petition(models.Model):
    tracking_code = models.CharField(_("mã hồ sơ"), max_length=20, unique=True)
    kind = models.CharField(_("loại đơn"), max_length=20, choices=Kind.choices)
    state = models.CharField(_("trạng thái"), max_length=20, choices=State.choices, default=State.RECEIVED)
    channel = models.CharField(_("kênh tiếp nhận"), max_length=20, choices=Channel.choices)
    unit = models.ForeignKey(
        AdminUnit, verbose_name=_("đơn vị giải quyết"), on_delete=models.PROTECT, related_name="petitions"
    )
    received_unit = models.ForeignKey(
        AdminUnit, verbose_name=_("đơn vị tiếp nhận"), on_delete=models.PROTECT, related_name="+"
    )
    place = models.ForeignKey(
        AdminUnit,
        verbose_name=_("nơi phát sinh"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    address_text = models.CharField(_("địa chỉ nơi phát sinh"), max_length=300, blank=True)
    field = models.ForeignKey(
        Field,
        verbose_name=_("lĩnh vực"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="petitions",
    )
    suggested_field = models.ForeignKey(
        Field,
        verbose_name=_("lĩnh vực gợi ý"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    suggested_probability = models.FloatField(_("độ tin cậy gợi ý"), null=True, blank=True)
    field_confirmed = models.BooleanField(_("lĩnh vực đã xác nhận"), default=False)

    title = models.CharField(_("tiêu đề"), max_length=200)
    content = models.TextField(_("nội dung"))
    incident_date = models.DateField(_("ngày xảy ra sự việc"), null=True, blank=True)
    received_at = models.DateTimeField(_("thời điểm tiếp nhận"), db_index=True)

    # Petitioner (not for denunciations: their identity lives only in `identity_enc`).
    petitioner_name = models.CharField(_("họ và tên người gửi"), max_length=150, blank=True)
    petitioner_phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    petitioner_email = models.EmailField(_("thư điện tử"), blank=True)
    petitioner_address = models.CharField(_("địa chỉ người gửi"), max_length=300, blank=True)
    # The sender agreed to be told of the case's moves at the e-mail address or phone number given
    # (danvan.notifications), in this language.
    notify_consent = models.BooleanField(_("đồng ý nhận thông báo"), default=False)
    notify_language = models.CharField(_("ngôn ngữ thông báo"), max_length=8, default="vi", blank=True)
    identity_enc = models.TextField(_("danh tính người tố cáo (mã hóa)"), blank=True)
    # Number of the ID card (CMND/CCCD) of a sender whose identity is not kept in `identity_enc`: encrypted.
    petitioner_id_enc = models.TextField(_("số CMND/CCCD (mã hóa)"), blank=True)
    # Blind indexes (keyed hashes, `core.crypto.blind_index`) of the sender's folded name and phone: exact
    # search by those allowed to see the identity, without decrypting every row.
    petitioner_name_key = models.CharField(max_length=32, blank=True, db_index=True)
    petitioner_phone_key = models.CharField(max_length=32, blank=True, db_index=True)

    is_collective = models.BooleanField(_("đơn đông người"), default=False)
    signer_count = models.PositiveIntegerField(_("số người ký"), default=1)
    representatives = models.TextField(_("người đại diện"), blank=True)

    # Complaint (khiếu nại)
    decision_complained = models.CharField(_("quyết định, hành vi bị khiếu nại"), max_length=300, blank=True)
    decision_known_on = models.DateField(_("ngày biết được quyết định, hành vi"), null=True, blank=True)
    previous = models.ForeignKey(
        "self",
        verbose_name=_("khiếu nại lần đầu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="second_complaints",
    )
    limitation_warning = models.CharField(_("cảnh báo thời hiệu"), max_length=300, blank=True)
    # Denunciation (tố cáo)
    accused = models.CharField(_("người, cơ quan bị tố cáo"), max_length=300, blank=True)
    accused_act = models.TextField(_("hành vi bị tố cáo"), blank=True)

    is_remote_area = models.BooleanField(_("vùng sâu, vùng xa"), default=False)
    is_complex = models.BooleanField(_("vụ việc phức tạp"), default=False)
    several_places = models.BooleanField(_("phải xác minh ở nhiều nơi"), default=False)
    is_skip_level = models.BooleanField(_("đơn vượt cấp"), default=False)

    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ thụ lý"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ nhập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    accept_due = models.DateField(_("hạn thụ lý"), null=True, blank=True)
    resolve_due = models.DateField(_("hạn giải quyết"), null=True, blank=True)
    due_date = models.DateField(_("hạn của bước hiện tại"), null=True, blank=True)
    # The local day the current step began (receipt, or the last change of unit or deadline): with the
    # ended steps kept in `PetitionStep` it tells which unit held the petition open, against which
    # deadline, at the end of any past day (the exact "open" and "overdue" of a past period).
    step_started_on = models.DateField(_("ngày bắt đầu bước hiện tại"), null=True, blank=True)
    extension_count = models.PositiveSmallIntegerField(_("số lần gia hạn"), default=0)
    accepted_at = models.DateTimeField(_("thời điểm thụ lý"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("thời điểm giải quyết"), null=True, blank=True)
    closed_at = models.DateTimeField(_("thời điểm kết thúc"), null=True, blank=True)
    resolved_on_time = models.BooleanField(_("giải quyết đúng hạn"), null=True, blank=True)

    refusal_reason = models.TextField(_("lý do không thụ lý"), blank=True)
    decision_ref = models.CharField(_("số quyết định, văn bản trả lời"), max_length=120, blank=True)
    answer = models.TextField(_("nội dung trả lời"), blank=True)
    answer_public = models.BooleanField(_("công khai nội dung trả lời"), default=False)

    master = models.ForeignKey(
        "self",
        verbose_name=_("đơn gốc (trùng với)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
    )
    rating = models.PositiveSmallIntegerField(_("mức độ hài lòng"), null=True, blank=True)
    rating_comment = models.CharField(_("ý kiến đánh giá"), max_length=500, blank=True)
    rated_at = models.DateTimeField(_("thời điểm đánh giá"), null=True, blank=True)

    # Open311 publishes feedback and proposals under `public_id`, never under the tracking code (which,
    # with the confirmation key whose digest is `citizen_key_hash`, is what only the citizen holds), and
    # with `public_title` (the title through the identity detection) unless an officer set `title_public`.
    public_id = models.CharField(
        _("mã công khai (Open311)"), max_length=20, unique=True, null=True, blank=True
    )
    citizen_key_hash = models.CharField(_("mã xác nhận của người gửi (băm)"), max_length=64, blank=True)
    public_title = models.CharField(_("tiêu đề công bố (đã che danh tính)"), max_length=200, blank=True)
    title_public = models.BooleanField(_("công bố nguyên văn tiêu đề"), default=False)
    # The secret phrase of the two-way messages (`services.messages`): shown once on the receipt, kept
    # only as a keyed, salted digest ("hmac-sha256$salt$hex", `phrases.digest`). Empty: no phrase issued.
    message_phrase_hash = models.CharField(_("cụm từ bí mật trao đổi (băm)"), max_length=128, blank=True)

    search_text = models.TextField(_("văn bản tìm kiếm (không dấu)"), blank=True)
    signature = models.BinaryField(_("chữ ký MinHash"), null=True, blank=True)
    # Set at intake while the field suggestion and the duplicate check are pending (the receipt is issued
    # first); cleared by `services.enrich_petition`. `danvan petitions enrich --pending` catches up.
    enrich_queued_at = models.DateTimeField(_("chờ phân tích từ"), null=True, blank=True)
    version = models.PositiveIntegerField(default=0)
    is_demo = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("đơn thư")
        verbose_name_plural = _("đơn thư")
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["unit", "-received_at"], name="pet_unit_received_idx"),
            models.Index(fields=["unit", "state", "-received_at"], name="pet_unit_state_idx"),
            models.Index(fields=["unit", "due_date"], name="pet_unit_due_idx"),
            models.Index(fields=["state", "-received_at"], name="pet_state_received_idx"),
            models.Index(fields=["due_date"], name="pet_due_idx"),
            models.Index(
                fields=["enrich_queued_at"],
                name="pet_enrich_pending_idx",
                condition=models.Q(enrich_queued_at__isnull=False),
            ),
        ]

    # Set by `services.submit_petition` on the petition it returns, never stored: the confirmation key
    # the receipt shows once (only its digest is kept).
    citizen_key: str = ""
    # Likewise the secret phrase of the two-way messages (submission, or an officer issuing a new one).
    message_phrase: str = ""

    def __str__(self) -> str:
        return f"{self.tracking_code} · {self.title}"

    # --- steps: which unit held the petition open, against which deadline, on each day -------------------
    _STEP_FIELDS = ("state", "unit_id", "due_date", "step_started_on")

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Saves the petition; when an open step ends (the petition leaves the open states, or changes
        unit or deadline while open) it is kept as a `PetitionStep` and the new step starts today. Every
        save path of the ORM goes through here (services, the workflow kit, the admin); a bulk
        `QuerySet.update` does not (the demo and tests that backdate records call `services.reset_steps`)."""
        loaded = getattr(self, "_loaded_step", None)
        ended: PetitionStep | None = None
        if self.pk is None:  # a new petition (or a copy of one): its first step begins on the day of receipt
            if (self.step_started_on is None or loaded is not None) and self.received_at is not None:
                self.step_started_on = clock.local_date(self.received_at)
        elif loaded is not None:
            state, unit_id, due_date, started_on = loaded
            if started_on is None and self.received_at is not None:  # a row loaded in bulk without it
                started_on = clock.local_date(self.received_at)
            was_open = state in OPEN_STATES
            now_open = self.state in OPEN_STATES
            changed = not now_open or unit_id != self.unit_id or due_date != self.due_date
            if was_open and changed:
                today = clock.today()
                if started_on is not None and started_on < today:
                    ended = PetitionStep(
                        petition=self,
                        unit_id=unit_id,
                        started_on=started_on,
                        ended_on=today,
                        due_date=due_date,
                    )
                if now_open:
                    self.step_started_on = max(today, started_on) if started_on else today
            elif now_open and not was_open:  # reopened
                self.step_started_on = clock.today()
        if self.step_started_on is None and self.received_at is not None:
            self.step_started_on = clock.local_date(self.received_at)
        super().save(*args, **kwargs)
        if ended is not None:
            ended.save(force_insert=True)
        self._loaded_step = tuple(self.__dict__.get(f) for f in self._STEP_FIELDS)

    @classmethod
    def from_db(cls, db: Any, field_names: Any, values: Any, **kwargs: Any) -> Petition:
        instance = super().from_db(db, field_names, values, **kwargs)
        instance._loaded_step = tuple(instance.__dict__.get(f) for f in cls._STEP_FIELDS)
        return instance

    @property
    def is_enrichment_pending(self) -> bool:
        return self.enrich_queued_at is not None

    @property
    def is_confidential(self) -> bool:
        return self.kind == Kind.DENUNCIATION

    @property
    def identity_protected(self) -> bool:
        """The sender's identity is kept only encrypted (a denunciation, or a matter raised at a reception
        or a dialogue): the stored texts are redacted working copies."""
        return bool(self.identity_enc)


class PetitionStep(models.Model):
    """An ended step of a petition: held open by `unit` from the end of `started_on` to the start of
    `ended_on` (local days), against the deadline `due_date`. The current step lives on the petition
    (`unit`, `due_date`, `step_started_on`). Open at the end of day D: started_on ≤ D < ended_on; overdue
    then: also due_date < D. Counted by the reporting count tables like the petitions themselves."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="steps")
    unit = models.ForeignKey(AdminUnit, on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField(_("từ ngày"))
    ended_on = models.DateField(_("đến ngày"))
    due_date = models.DateField(_("hạn của bước"), null=True, blank=True)

    class Meta:
        verbose_name = _("bước xử lý đã qua")
        verbose_name_plural = _("các bước xử lý đã qua")
        indexes = [models.Index(fields=["ended_on", "started_on"], name="pet_step_days_idx")]

    def __str__(self) -> str:
        return f"{self.petition_id} {self.started_on}–{self.ended_on}"

    def covers(self, day: dt.date) -> bool:
        return self.started_on <= day < self.ended_on


class PetitionHistory(TransitionRecord):
    """A petition's moves and edits (the workflow kit's record), some shown on the tracking page."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="history")
    is_public = models.BooleanField(_("hiện trên trang tra cứu"), default=True)
    # What the tracking page says about this step beside its label: for a change of the competent body
    # (routing, transfer) the body it went to and why, in words fit for the public (no officer's notes).
    public_note = models.CharField(_("ghi chú công khai"), max_length=400, blank=True)

    class Meta(TransitionRecord.Meta):
        verbose_name = _("lịch sử xử lý")
        verbose_name_plural = _("lịch sử xử lý")


class Attachment(models.Model):
    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="attachments")
    # For an identity-bearing file a neutral name ("tep-1.png"); the name it was sent with (which often
    # holds the sender's name) is then kept only encrypted in `original_name_enc`.
    original_name = models.CharField(_("tên tệp"), max_length=200)
    original_name_enc = models.TextField(_("tên tệp gốc (mã hóa)"), blank=True)
    content_type = models.CharField(_("loại tệp"), max_length=60)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(max_length=64)
    storage_name = models.CharField(max_length=200, unique=True)
    is_encrypted = models.BooleanField(_("mã hóa"), default=False)
    is_identity = models.BooleanField(_("có thông tin danh tính"), default=False)
    uploaded_at = models.DateTimeField()
    # The message of the two-way thread this document came with, the citizen's or the handler's (None: sent
    # with the petition, or a letter the body generated).
    message = models.ForeignKey(
        "PetitionMessage", null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name


class PetitionBand(models.Model):
    """One LSH band key of a petition's MinHash: an indexed table so candidate lookup scales."""

    key = models.BigIntegerField()
    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="+", db_index=False)

    class Meta:
        verbose_name = _("khóa dải LSH")
        indexes = [
            models.Index(
                fields=["key", "petition"], name="pet_band_key_idx"
            ),  # covering: lookups never touch rows
            models.Index(fields=["petition"], name="pet_band_petition_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.petition_id}:{self.key}"


class DuplicateCandidate(models.Model):
    """A stored petition found at intake to be about the same matter, with its similarity score."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="duplicate_candidates")
    candidate = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(_("độ tương đồng"))

    class Meta:
        verbose_name = _("đơn có thể trùng")
        ordering = ["-score"]
        constraints = [models.UniqueConstraint(fields=["petition", "candidate"], name="pet_dup_unique")]

    def __str__(self) -> str:
        return f"{self.petition_id}~{self.candidate_id} ({self.score:.2f})"


class IntakeJournal(models.Model):
    """A public submission received and given its tracking code, waiting to be entered in the register.

    The public form writes one row here (one short transaction) and answers with the receipt; the
    analysis process (`danvan petitions enrich --watch`) enters journaled submissions in the petitions
    tables in batches, oldest first (`services.ingest_journal`). `payload` holds the prepared rows (the
    petition, its first history row, its audit row, its attachments) as JSON: a denunciator's identity
    is in it only encrypted, as in the petition table. A row that cannot be entered keeps its `error`.
    """

    tracking_code = models.CharField(_("mã hồ sơ"), max_length=20, unique=True)
    received_at = models.DateTimeField(_("thời điểm tiếp nhận"))
    payload = models.JSONField(_("dữ liệu đơn"))
    error = models.CharField(_("lỗi khi vào sổ"), max_length=500, blank=True, default="")

    class Meta:
        verbose_name = _("đơn chờ vào sổ")
        verbose_name_plural = _("đơn chờ vào sổ")

    def __str__(self) -> str:
        return self.tracking_code


class FieldCorrection(models.Model):
    """An officer's decision on a petition's field: labelled data for the next training of the suggestion.

    Written by `services.confirm_field` (who, when, what the suggestion said, what the officer chose),
    kept with the handling unit so that reading it goes through the user's scope; `danvan petitions
    train-classifier` exports the decisions (the petition's working text, never a denunciator's
    identity) and trains the next model on them beside the shipped labelled texts.
    """

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="field_corrections")
    unit = models.ForeignKey(AdminUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    suggested = models.ForeignKey(
        Field,
        verbose_name=_("lĩnh vực gợi ý"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    field = models.ForeignKey(
        Field, verbose_name=_("lĩnh vực cán bộ chọn"), on_delete=models.PROTECT, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("cán bộ"), null=True, blank=True, on_delete=models.SET_NULL
    )
    at = models.DateTimeField(_("thời điểm"))

    class Meta:
        verbose_name = _("lĩnh vực do cán bộ xác định")
        verbose_name_plural = _("lĩnh vực do cán bộ xác định")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["unit", "-at"], name="pet_fieldcorr_unit_idx")]

    def __str__(self) -> str:
        return f"{self.petition_id}: {self.suggested_id} → {self.field_id}"

    @property
    def is_correction(self) -> bool:
        """The officer chose another field than the suggestion."""
        return self.suggested_id != self.field_id


class ImportJobStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang nhập")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Không nhập được")


class ImportJob(Heartbeat):
    """A file import run in the background (django.tasks): progress and per-row report for the page.

    The uploaded file waits encrypted under the media folder and is deleted once read."""

    # an interrupted import keeps the rows it had imported (one transaction per row): say so (core.jobs)
    job_interrupted = _(
        "Tác vụ bị gián đoạn (máy chủ xử lý dừng giữa chừng); các dòng đã nhập vẫn được giữ. "
        "Hãy kiểm tra danh sách đơn rồi chạy lại với các dòng còn thiếu."
    )

    unit = models.ForeignKey(AdminUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người nhập"), on_delete=models.PROTECT, related_name="+"
    )
    file_name = models.CharField(_("tên tệp"), max_length=200)
    stored_path = models.CharField(_("tệp chờ nhập (mã hóa)"), max_length=300, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=ImportJobStatus.choices, default=ImportJobStatus.QUEUED
    )
    rows_done = models.PositiveIntegerField(_("số dòng đã xử lý"), default=0)
    created = models.PositiveIntegerField(_("dòng thành công"), default=0)
    failed = models.PositiveIntegerField(_("dòng lỗi"), default=0)
    report = models.JSONField(_("kết quả từng dòng"), default=list, blank=True)
    error = models.CharField(_("lỗi của tệp"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("thời điểm gửi"), auto_now_add=True)
    finished_at = models.DateTimeField(_("thời điểm xong"), null=True, blank=True)

    class Meta:
        verbose_name = _("lượt nhập tệp")
        verbose_name_plural = _("lượt nhập tệp")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    # what the shared job page (`includes/job.html`, core.jobs) reads
    @property
    def running(self) -> bool:
        return self.status in (ImportJobStatus.QUEUED, ImportJobStatus.RUNNING)

    @property
    def stage(self) -> str:
        from django.utils.translation import gettext

        return gettext("Đã xử lý %(n)s dòng: %(ok)s dòng thành công, %(bad)s dòng lỗi.") % {
            "n": self.rows_done,
            "ok": self.created,
            "bad": self.failed,
        }


class MessageAuthor(models.TextChoices):
    CITIZEN = "citizen", _("Người gửi đơn")
    OFFICER = "officer", _("Cơ quan giải quyết")


class PetitionMessage(models.Model):
    """One message of the two-way thread between the handling body and the sender (`services.messages`).

    The citizen reads and writes with the tracking code and the secret phrase; the body is stored
    encrypted. An officer's message is stored as the citizen reads it (the identity detection has run on
    it) and is shown to the citizen as written by the body (`unit`), never by the officer by name."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="messages")
    author = models.CharField(_("người viết"), max_length=10, choices=MessageAuthor.choices)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    unit = models.ForeignKey(
        AdminUnit, verbose_name=_("đơn vị giải quyết"), on_delete=models.PROTECT, related_name="+"
    )
    body_enc = models.TextField(_("nội dung (mã hóa)"))
    at = models.DateTimeField(_("thời điểm"))
    # When the other side first read it (the citizen for an officer's message, an officer for a citizen's).
    read_at = models.DateTimeField(_("thời điểm đọc"), null=True, blank=True)

    class Meta:
        verbose_name = _("tin nhắn trao đổi")
        verbose_name_plural = _("tin nhắn trao đổi")
        ordering = ["at", "id"]
        indexes = [
            models.Index(
                fields=["petition"],
                name="pet_msg_unread_idx",
                condition=models.Q(author="citizen", read_at__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return f"{self.petition_id}: {self.author} {clock.format_datetime(self.at)}"

    @property
    def body(self) -> str:
        from danvan.core import crypto

        return crypto.decrypt(self.body_enc)


# Answer templates live in their own module (registered with this app through this import).
from danvan.petitions.answer_models import AnswerTemplate as AnswerTemplate  # noqa: E402
