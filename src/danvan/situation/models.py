"""Nắm tình hình nhân dân: collaborators' situation reports, hotspots, the signal ledger, rise alerts,
opinion polls and the weekly situation brief.

Every record carries a `unit` so that `accounts.scoping.Scope` filters it like every other record. A
hotspot never holds a denunciator's identity: petitions are linked by id and tracking code only, and its
free texts are refused when they contain a phone, an ID number, an e-mail or a house number.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.workflow.records import TransitionRecord
from danvan.territory.models import AdminUnit, Village


class Topic(models.Model):
    """One row of the editable taxonomy of what people talk about (seeded with the practice's topics).

    `petition_fields`: the petition fields (lĩnh vực) that fall under the topic; `keywords`: one word or
    phrase per line (matched without diacritics) that put a free text (a dialogue question, a press event,
    a poll answer) under the topic.
    """

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("chủ đề"), max_length=150)
    petition_fields = models.JSONField(_("lĩnh vực đơn thư tương ứng"), default=list, blank=True)
    keywords = models.TextField(_("từ khóa (mỗi dòng một từ, cụm từ)"), blank=True)
    is_sensitive = models.BooleanField(_("chủ đề nhạy cảm"), default=False)
    is_active = models.BooleanField(_("đang dùng"), default=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=100)

    class Meta:
        verbose_name = _("chủ đề tình hình")
        verbose_name_plural = _("chủ đề tình hình (danh mục)")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("Hằng tháng")
    QUARTERLY = "quarterly", _("Hằng quý")


class ReportSchedule(models.Model):
    """How often the collaborators of a unit (and of the units below it) report, and the grace days."""

    unit = models.OneToOneField(
        AdminUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    frequency = models.CharField(
        _("định kỳ"), max_length=12, choices=Frequency.choices, default=Frequency.MONTHLY
    )
    grace_days = models.PositiveSmallIntegerField(_("hạn nộp sau khi hết kỳ (ngày)"), default=5)
    is_demo = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("lịch báo cáo tình hình")
        verbose_name_plural = _("lịch báo cáo tình hình")

    def __str__(self) -> str:
        return f"{self.unit} – {self.get_frequency_display()}"


class Mood(models.TextChoices):
    STABLE = "stable", _("Ổn định")
    CONCERNED = "concerned", _("Có băn khoăn, lo lắng")
    TENSE = "tense", _("Bức xúc, căng thẳng")


class ReportKind(models.TextChoices):
    PERIODIC = "periodic", _("Báo cáo định kỳ")
    EVENT = "event", _("Báo cáo đột xuất (khi có sự việc)")


class ReportState(models.TextChoices):
    SUBMITTED = "submitted", _("Đã gửi, chờ xã xem xét")
    RETURNED = "returned", _("Trả lại để bổ sung")
    FORWARDED = "forwarded", _("Đã tổng hợp, chuyển lên cấp trên")


class SituationReport(models.Model):
    """A collaborator's report of what people in a commune (a village) think and say."""

    unit = models.ForeignKey(AdminUnit, verbose_name=_("xã"), on_delete=models.PROTECT, related_name="+")
    village = models.ForeignKey(
        Village,
        verbose_name=_("thôn, tổ dân phố"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người báo cáo"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(_("loại báo cáo"), max_length=10, choices=ReportKind.choices)
    period_start = models.DateField(_("kỳ báo cáo từ"), null=True, blank=True)
    period_end = models.DateField(_("kỳ báo cáo đến"), null=True, blank=True)
    due_on = models.DateField(_("hạn nộp"), null=True, blank=True)
    event_on = models.DateField(_("ngày xảy ra sự việc"), null=True, blank=True)
    topics = models.ManyToManyField(Topic, verbose_name=_("chủ đề"), related_name="reports")
    mood = models.CharField(_("tâm trạng nhân dân"), max_length=12, choices=Mood.choices)
    people_say = models.TextField(_("nhân dân nói gì, quan tâm gì"))
    proposed_action = models.TextField(_("đề xuất, kiến nghị"), blank=True)
    state = models.CharField(
        _("trạng thái"), max_length=12, choices=ReportState.choices, default=ReportState.SUBMITTED
    )
    version = models.PositiveIntegerField(default=0)
    submitted_at = models.DateTimeField(_("thời điểm gửi"))
    is_late = models.BooleanField(_("nộp muộn"), default=False)
    review_note = models.TextField(_("ý kiến của xã"), blank=True)
    forwarded_on = models.DateField(_("ngày chuyển lên"), null=True, blank=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("báo cáo tình hình nhân dân")
        verbose_name_plural = _("báo cáo tình hình nhân dân")
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["unit", "-submitted_at"], name="sitrep_unit_submitted_idx")]

    def __str__(self) -> str:
        return f"Báo cáo #{self.pk}"


class ReportHistory(TransitionRecord):
    report = models.ForeignKey(SituationReport, on_delete=models.CASCADE, related_name="history")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("lịch sử báo cáo tình hình")


# --- the ledger's signals and the rise detector ------------------------------------------------------


class Source(models.TextChoices):
    PETITION = "petition", _("Đơn thư")
    DIALOGUE = "dialogue", _("Câu hỏi đối thoại")
    REPORT = "report", _("Báo cáo tình hình")
    PRESS = "press", _("Sự kiện báo chí")


class Signal(models.Model):
    """One thing people raised, filed under a topic and a place: the ledger's row (one per source record
    and topic). `unit` is the commune when known, else the province; `province` is always set when the
    place is known, so a province's ledger is one index range."""

    source = models.CharField(_("nguồn"), max_length=10, choices=Source.choices)
    source_id = models.PositiveBigIntegerField(_("mã bản ghi nguồn"))
    code = models.CharField(_("số hiệu"), max_length=40, blank=True)
    page_id = models.PositiveBigIntegerField(
        _("mã trang mở được (đơn, hội nghị đối thoại, báo cáo, sự kiện)")
    )
    title = models.CharField(_("nội dung"), max_length=200, blank=True)
    topic = models.ForeignKey(Topic, verbose_name=_("chủ đề"), on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(AdminUnit, verbose_name=_("nơi"), on_delete=models.PROTECT, related_name="+")
    province = models.ForeignKey(
        AdminUnit, verbose_name=_("tỉnh"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    on = models.DateField(_("ngày"))
    # Near-identical copies (a campaign of one letter) within a (topic, place) form one cluster: `cluster`
    # is the key ("source:id") of its first signal, on every member including the first; "" for a signal
    # that has no copy (yet). `signature` is the duplicate engine's MinHash of the text (a petition's own);
    # `clustered` turns true once the worker compared the signal with its group (`services.clusters`).
    cluster = models.CharField(_("cụm bản giống nhau"), max_length=40, blank=True, default="")
    signature = models.BinaryField(_("chữ ký MinHash"), null=True, blank=True)
    clustered = models.BooleanField(_("đã so trùng"), default=False)
    is_demo = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("tín hiệu")
        verbose_name_plural = _("tín hiệu")
        constraints = [
            models.UniqueConstraint(fields=["source", "source_id", "topic"], name="signal_source_topic_uniq")
        ]
        indexes = [
            models.Index(fields=["province", "on"], name="signal_province_on_idx"),
            models.Index(fields=["unit", "topic", "on"], name="signal_unit_topic_on_idx"),
            models.Index(fields=["on"], name="signal_on_idx"),
            models.Index(fields=["id"], condition=models.Q(clustered=False), name="signal_unclustered_idx"),
        ]

    def __str__(self) -> str:
        return self.title or f"{self.get_source_display()} #{self.source_id}"

    @property
    def key(self) -> str:
        return f"{self.source}:{self.source_id}"


class SeriesLevel(models.IntegerChoices):
    PROVINCE = 1, _("Tỉnh")
    COMMUNE = 2, _("Xã")


class RiseThreshold(models.Model):
    """The administrator's thresholds of the rise detector, one row per level of series."""

    level = models.PositiveSmallIntegerField(_("cấp chuỗi"), choices=SeriesLevel.choices, unique=True)
    p_value = models.FloatField(_("ngưỡng xác suất (Poisson, một phía)"), default=0.0001)
    min_count = models.PositiveSmallIntegerField(_("số tín hiệu tối thiểu trong tuần"), default=4)
    min_ratio = models.FloatField(_("gấp tối thiểu so với mức nền"), default=2.0)
    baseline_weeks = models.PositiveSmallIntegerField(_("số tuần tính mức nền"), default=26)

    class Meta:
        verbose_name = _("ngưỡng cảnh báo sớm")
        verbose_name_plural = _("ngưỡng cảnh báo sớm")
        ordering = ["level"]

    def __str__(self) -> str:
        return f"{self.get_level_display()}: p < {self.p_value}, ≥ {self.min_count}"


class AlertState(models.TextChoices):
    NEW = "new", _("Đang tăng, chưa xử lý")
    ANSWERED = "answered", _("Đã xử lý")


class RiseAlert(models.Model):
    """A series (topic × commune or province) whose week rose above its own baseline: a row for the
    officers of that unit, answered by a note or by opening a hotspot."""

    unit = models.ForeignKey(AdminUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    topic = models.ForeignKey(Topic, verbose_name=_("chủ đề"), on_delete=models.PROTECT, related_name="+")
    week_start = models.DateField(_("tuần bắt đầu"))
    count = models.PositiveIntegerField(_("số tín hiệu trong tuần"))
    baseline = models.FloatField(_("mức nền (trung bình tuần)"))
    p_value = models.FloatField(_("xác suất"))
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=AlertState.choices, default=AlertState.NEW
    )
    version = models.PositiveIntegerField(default=0)
    answer = models.TextField(_("cách xử lý"), blank=True)
    answered_at = models.DateTimeField(_("thời điểm xử lý"), null=True, blank=True)
    created_at = models.DateTimeField(_("thời điểm phát hiện"))
    # set once the officers of the unit were written to (or the rise was already told the weeks before)
    notified_at = models.DateTimeField(_("thời điểm báo cho cán bộ"), null=True, blank=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("cảnh báo sớm")
        verbose_name_plural = _("cảnh báo sớm")
        ordering = ["-week_start", "-count"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "topic", "week_start"], name="alert_unit_topic_week_uniq")
        ]

    def __str__(self) -> str:
        return f"{self.topic} – {self.unit}: {self.count}"


class AlertHistory(TransitionRecord):
    alert = models.ForeignKey(RiseAlert, on_delete=models.CASCADE, related_name="history")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("lịch sử cảnh báo")


# --- hotspots -----------------------------------------------------------------------------------------


class Risk(models.TextChoices):
    LOW = "low", _("Thấp")
    MEDIUM = "medium", _("Trung bình")
    HIGH = "high", "Cao"
    CRITICAL = "critical", _("Rất cao")


class HotspotState(models.TextChoices):
    OPEN = "open", _("Đang theo dõi")
    ESCALATED = "escalated", _("Đã báo cáo cấp trên")
    CLOSED = "closed", _("Đã kết thúc")


class Hotspot(models.Model):
    """A mass, long-running or sensitive situation (điểm nóng), followed to its end."""

    unit = models.ForeignKey(AdminUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("tên điểm nóng"), max_length=250)
    topic = models.ForeignKey(Topic, verbose_name=_("chủ đề"), on_delete=models.PROTECT, related_name="+")
    risk = models.CharField(_("mức độ nguy cơ"), max_length=10, choices=Risk.choices, default=Risk.MEDIUM)
    summary = models.TextField(_("diễn biến"))
    responsible = models.ManyToManyField(
        AdminUnit, verbose_name=_("đơn vị chịu trách nhiệm"), related_name="+", blank=True
    )
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=HotspotState.choices, default=HotspotState.OPEN
    )
    version = models.PositiveIntegerField(default=0)
    alert = models.ForeignKey(
        RiseAlert,
        verbose_name=_("cảnh báo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hotspots",
    )
    opened_on = models.DateField(_("ngày mở"))
    escalated_to = models.ForeignKey(
        AdminUnit,
        verbose_name=_("báo cáo lên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    closed_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    lesson = models.TextField(_("bài học kinh nghiệm"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_demo = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("điểm nóng")
        verbose_name_plural = _("điểm nóng")
        ordering = ["state", "-opened_on", "-id"]
        indexes = [models.Index(fields=["unit", "state"], name="hotspot_unit_state_idx")]

    def __str__(self) -> str:
        return self.title


class HotspotLink(models.Model):
    """A record the hotspot follows, by id and number only (a petition's tracking code, never its sender)."""

    hotspot = models.ForeignKey(Hotspot, on_delete=models.CASCADE, related_name="links")
    source = models.CharField(_("loại"), max_length=10, choices=Source.choices)
    source_id = models.PositiveBigIntegerField(_("mã bản ghi"))
    code = models.CharField(_("số hiệu"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("hồ sơ liên quan")
        verbose_name_plural = _("hồ sơ liên quan")
        ordering = ["source", "source_id"]
        constraints = [
            models.UniqueConstraint(fields=["hotspot", "source", "source_id"], name="hotspot_link_uniq")
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.code or self.source_id}"


class HotspotTask(models.Model):
    """An action to take on a hotspot, by a unit, by a deadline."""

    hotspot = models.ForeignKey(Hotspot, on_delete=models.CASCADE, related_name="tasks")
    text = models.CharField(_("việc cần làm"), max_length=500)
    owner = models.ForeignKey(
        AdminUnit, verbose_name=_("đơn vị thực hiện"), on_delete=models.PROTECT, related_name="+"
    )
    due_on = models.DateField(_("hạn"))
    done_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)

    class Meta:
        verbose_name = _("việc cần làm")
        verbose_name_plural = _("việc cần làm")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.text


class HotspotHistory(TransitionRecord):
    hotspot = models.ForeignKey(Hotspot, on_delete=models.CASCADE, related_name="history")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("lịch sử điểm nóng")


# --- opinion polls ------------------------------------------------------------------------------------


class PollTarget(models.TextChoices):
    COLLABORATORS = "collaborators", _("Cộng tác viên của đơn vị")
    PUBLIC = "public", _("Nhân dân (đường dẫn công khai)")


class PollState(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    OPEN = "open", _("Đang thăm dò")
    CLOSED = "closed", _("Đã kết thúc")


class Poll(models.Model):
    unit = models.ForeignKey(AdminUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("tên cuộc thăm dò"), max_length=250)
    intro = models.TextField(_("lời giới thiệu"), blank=True)
    target = models.CharField(_("đối tượng"), max_length=15, choices=PollTarget.choices)
    public_key = models.CharField(_("mã đường dẫn công khai"), max_length=32, unique=True)
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=PollState.choices, default=PollState.DRAFT
    )
    version = models.PositiveIntegerField(default=0)
    opens_on = models.DateField(_("bắt đầu"), null=True, blank=True)
    closes_on = models.DateField(_("kết thúc"), null=True, blank=True)
    created_at = models.DateTimeField()
    is_demo = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("thăm dò dư luận")
        verbose_name_plural = _("thăm dò dư luận")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Chọn một")
    MULTIPLE = "multiple", _("Chọn nhiều")
    SCALE = "scale", _("Thang điểm 1–5")
    TEXT = "text", _("Trả lời tự do")


class PollQuestion(models.Model):
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="questions")
    number = models.PositiveSmallIntegerField(_("thứ tự"))
    kind = models.CharField(_("loại câu hỏi"), max_length=10, choices=QuestionKind.choices)
    text = models.CharField(_("câu hỏi"), max_length=500)
    choices = models.JSONField(_("các lựa chọn"), default=list, blank=True)

    class Meta:
        verbose_name = _("câu hỏi thăm dò")
        ordering = ["poll_id", "number"]
        constraints = [models.UniqueConstraint(fields=["poll", "number"], name="poll_question_uniq")]

    def __str__(self) -> str:
        return self.text


class PollResponse(models.Model):
    """One person's answers: `respondent` is a digest (account, phone or device), never the phone itself."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="responses")
    respondent = models.CharField(_("người trả lời (mã băm)"), max_length=64)
    place = models.ForeignKey(
        AdminUnit, verbose_name=_("nơi ở"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField()
    is_demo = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("phiếu trả lời")
        verbose_name_plural = _("phiếu trả lời")
        constraints = [
            models.UniqueConstraint(fields=["poll", "respondent"], name="poll_one_answer_per_person")
        ]

    def __str__(self) -> str:
        return f"Phiếu #{self.pk}"


class PollAnswer(models.Model):
    response = models.ForeignKey(PollResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(PollQuestion, on_delete=models.CASCADE, related_name="answers")
    choices = models.JSONField(_("lựa chọn"), default=list, blank=True)
    value = models.PositiveSmallIntegerField(_("điểm"), null=True, blank=True)
    text = models.TextField(_("trả lời"), blank=True)
    # a free-text answer's topic: the keywords' when it is saved, then the field classifier's once the
    # worker read it (`classified`; `poll_tasks.classify_answers`, queued after the answer's commit)
    topic = models.ForeignKey(
        Topic, verbose_name=_("chủ đề"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    classified = models.BooleanField(_("đã qua bộ phân loại"), default=False)

    class Meta:
        verbose_name = _("câu trả lời")

    def __str__(self) -> str:
        return self.text[:60] or str(self.choices or self.value)


class PollHistory(TransitionRecord):
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="history")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("lịch sử thăm dò")


# --- the weekly situation brief -----------------------------------------------------------------------


class BriefState(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SENT = "sent", _("Đã gửi cấp trên")
    RECEIVED = "received", _("Cấp trên đã nhận")


class Brief(models.Model):
    """The weekly situation brief of a unit: drafted from the ledger, alerts, hotspots, polls and late
    reports, edited by the officer, exported as DOCX and sent up the tree."""

    unit = models.ForeignKey(AdminUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    week_start = models.DateField(_("tuần từ"))
    number = models.CharField(_("số"), max_length=40, blank=True)
    rising = models.TextField(_("vấn đề đang tăng"), blank=True)
    hotspots = models.TextField(_("điểm nóng"), blank=True)
    polls = models.TextField(_("kết quả thăm dò"), blank=True)
    reports = models.TextField(_("tình hình báo cáo của cộng tác viên"), blank=True)
    proposals = models.TextField(_("đề xuất, kiến nghị"), blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=150, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=150, blank=True)
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=BriefState.choices, default=BriefState.DRAFT
    )
    version = models.PositiveIntegerField(default=0)
    sent_on = models.DateField(_("ngày gửi"), null=True, blank=True)
    created_at = models.DateTimeField()
    is_demo = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("bản tin tình hình tuần")
        verbose_name_plural = _("bản tin tình hình tuần")
        ordering = ["-week_start", "unit_id"]
        constraints = [models.UniqueConstraint(fields=["unit", "week_start"], name="brief_unit_week_uniq")]

    def __str__(self) -> str:
        return f"Bản tin tuần {self.week_start:%d/%m/%Y} – {self.unit}"


class BriefHistory(TransitionRecord):
    brief = models.ForeignKey(Brief, on_delete=models.CASCADE, related_name="history")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("lịch sử bản tin")
