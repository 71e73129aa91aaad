"""Nắm tình hình nhân dân: collaborators' situation reports, hotspots, the signal ledger, rise alerts,
opinion polls and the weekly situation brief.

Every record carries a `unit` so that `accounts.scoping.Scope` filters it like every other record. A
hotspot never holds a denunciator's identity: petitions are linked by id and tracking code only, and its
free texts are refused when they contain a phone, an ID number, an e-mail or a house number.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from danvan.core.workflow.records import TransitionRecord
from danvan.territory.models import AdminUnit, Village


class Topic(models.Model):
    """One row of the editable taxonomy of what people talk about (seeded with the practice's topics).

    `petition_fields`: the petition fields (lĩnh vực) that fall under the topic; `keywords`: one word or
    phrase per line (matched without diacritics) that put a free text (a dialogue question, a press event,
    a poll answer) under the topic.
    """

    code = models.SlugField("mã", max_length=40, unique=True)
    name = models.CharField("chủ đề", max_length=150)
    petition_fields = models.JSONField("lĩnh vực đơn thư tương ứng", default=list, blank=True)
    keywords = models.TextField("từ khóa (mỗi dòng một từ, cụm từ)", blank=True)
    is_sensitive = models.BooleanField("chủ đề nhạy cảm", default=False)
    is_active = models.BooleanField("đang dùng", default=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=100)

    class Meta:
        verbose_name = "chủ đề tình hình"
        verbose_name_plural = "chủ đề tình hình (danh mục)"
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class Frequency(models.TextChoices):
    MONTHLY = "monthly", "Hằng tháng"
    QUARTERLY = "quarterly", "Hằng quý"


class ReportSchedule(models.Model):
    """How often the collaborators of a unit (and of the units below it) report, and the grace days."""

    unit = models.OneToOneField(AdminUnit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="+")
    frequency = models.CharField(
        "định kỳ", max_length=12, choices=Frequency.choices, default=Frequency.MONTHLY
    )
    grace_days = models.PositiveSmallIntegerField("hạn nộp sau khi hết kỳ (ngày)", default=5)
    is_demo = models.BooleanField(default=False)

    class Meta:
        verbose_name = "lịch báo cáo tình hình"
        verbose_name_plural = "lịch báo cáo tình hình"

    def __str__(self) -> str:
        return f"{self.unit} – {self.get_frequency_display()}"


class Mood(models.TextChoices):
    STABLE = "stable", "Ổn định"
    CONCERNED = "concerned", "Có băn khoăn, lo lắng"
    TENSE = "tense", "Bức xúc, căng thẳng"


class ReportKind(models.TextChoices):
    PERIODIC = "periodic", "Báo cáo định kỳ"
    EVENT = "event", "Báo cáo đột xuất (khi có sự việc)"


class ReportState(models.TextChoices):
    SUBMITTED = "submitted", "Đã gửi, chờ xã xem xét"
    RETURNED = "returned", "Trả lại để bổ sung"
    FORWARDED = "forwarded", "Đã tổng hợp, chuyển lên cấp trên"


class SituationReport(models.Model):
    """A collaborator's report of what people in a commune (a village) think and say."""

    unit = models.ForeignKey(AdminUnit, verbose_name="xã", on_delete=models.PROTECT, related_name="+")
    village = models.ForeignKey(
        Village,
        verbose_name="thôn, tổ dân phố",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người báo cáo",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField("loại báo cáo", max_length=10, choices=ReportKind.choices)
    period_start = models.DateField("kỳ báo cáo từ", null=True, blank=True)
    period_end = models.DateField("kỳ báo cáo đến", null=True, blank=True)
    due_on = models.DateField("hạn nộp", null=True, blank=True)
    event_on = models.DateField("ngày xảy ra sự việc", null=True, blank=True)
    topics = models.ManyToManyField(Topic, verbose_name="chủ đề", related_name="reports")
    mood = models.CharField("tâm trạng nhân dân", max_length=12, choices=Mood.choices)
    people_say = models.TextField("nhân dân nói gì, quan tâm gì")
    proposed_action = models.TextField("đề xuất, kiến nghị", blank=True)
    state = models.CharField(
        "trạng thái", max_length=12, choices=ReportState.choices, default=ReportState.SUBMITTED
    )
    version = models.PositiveIntegerField(default=0)
    submitted_at = models.DateTimeField("thời điểm gửi")
    is_late = models.BooleanField("nộp muộn", default=False)
    review_note = models.TextField("ý kiến của xã", blank=True)
    forwarded_on = models.DateField("ngày chuyển lên", null=True, blank=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        verbose_name = "báo cáo tình hình nhân dân"
        verbose_name_plural = "báo cáo tình hình nhân dân"
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["unit", "-submitted_at"], name="sitrep_unit_submitted_idx")]

    def __str__(self) -> str:
        return f"Báo cáo #{self.pk}"


class ReportHistory(TransitionRecord):
    report = models.ForeignKey(SituationReport, on_delete=models.CASCADE, related_name="history")

    class Meta(TransitionRecord.Meta):
        verbose_name = "lịch sử báo cáo tình hình"


# --- the ledger's signals and the rise detector ------------------------------------------------------


class Source(models.TextChoices):
    PETITION = "petition", "Đơn thư"
    DIALOGUE = "dialogue", "Câu hỏi đối thoại"
    REPORT = "report", "Báo cáo tình hình"
    PRESS = "press", "Sự kiện báo chí"


class Signal(models.Model):
    """One thing people raised, filed under a topic and a place: the ledger's row (one per source record
    and topic). `unit` is the commune when known, else the province; `province` is always set when the
    place is known, so a province's ledger is one index range."""

    source = models.CharField("nguồn", max_length=10, choices=Source.choices)
    source_id = models.PositiveBigIntegerField("mã bản ghi nguồn")
    code = models.CharField("số hiệu", max_length=40, blank=True)
    page_id = models.PositiveBigIntegerField("mã trang mở được (đơn, hội nghị đối thoại, báo cáo, sự kiện)")
    title = models.CharField("nội dung", max_length=200, blank=True)
    topic = models.ForeignKey(Topic, verbose_name="chủ đề", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(AdminUnit, verbose_name="nơi", on_delete=models.PROTECT, related_name="+")
    province = models.ForeignKey(
        AdminUnit, verbose_name="tỉnh", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    on = models.DateField("ngày")
    # Near-identical copies (a campaign of one letter) within a (topic, place) form one cluster: `cluster`
    # is the key ("source:id") of its first signal, on every member including the first; "" for a signal
    # that has no copy (yet). `signature` is the duplicate engine's MinHash of the text (a petition's own);
    # `clustered` turns true once the worker compared the signal with its group (`services.clusters`).
    cluster = models.CharField("cụm bản giống nhau", max_length=40, blank=True, default="")
    signature = models.BinaryField("chữ ký MinHash", null=True, blank=True)
    clustered = models.BooleanField("đã so trùng", default=False)
    is_demo = models.BooleanField(default=False)

    class Meta:
        verbose_name = "tín hiệu"
        verbose_name_plural = "tín hiệu"
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
    PROVINCE = 1, "Tỉnh"
    COMMUNE = 2, "Xã"


class RiseThreshold(models.Model):
    """The administrator's thresholds of the rise detector, one row per level of series."""

    level = models.PositiveSmallIntegerField("cấp chuỗi", choices=SeriesLevel.choices, unique=True)
    p_value = models.FloatField("ngưỡng xác suất (Poisson, một phía)", default=0.0001)
    min_count = models.PositiveSmallIntegerField("số tín hiệu tối thiểu trong tuần", default=4)
    min_ratio = models.FloatField("gấp tối thiểu so với mức nền", default=2.0)
    baseline_weeks = models.PositiveSmallIntegerField("số tuần tính mức nền", default=26)

    class Meta:
        verbose_name = "ngưỡng cảnh báo sớm"
        verbose_name_plural = "ngưỡng cảnh báo sớm"
        ordering = ["level"]

    def __str__(self) -> str:
        return f"{self.get_level_display()}: p < {self.p_value}, ≥ {self.min_count}"


class AlertState(models.TextChoices):
    NEW = "new", "Đang tăng, chưa xử lý"
    ANSWERED = "answered", "Đã xử lý"


class RiseAlert(models.Model):
    """A series (topic × commune or province) whose week rose above its own baseline: a row for the
    officers of that unit, answered by a note or by opening a hotspot."""

    unit = models.ForeignKey(AdminUnit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="+")
    topic = models.ForeignKey(Topic, verbose_name="chủ đề", on_delete=models.PROTECT, related_name="+")
    week_start = models.DateField("tuần bắt đầu")
    count = models.PositiveIntegerField("số tín hiệu trong tuần")
    baseline = models.FloatField("mức nền (trung bình tuần)")
    p_value = models.FloatField("xác suất")
    state = models.CharField("trạng thái", max_length=10, choices=AlertState.choices, default=AlertState.NEW)
    version = models.PositiveIntegerField(default=0)
    answer = models.TextField("cách xử lý", blank=True)
    answered_at = models.DateTimeField("thời điểm xử lý", null=True, blank=True)
    created_at = models.DateTimeField("thời điểm phát hiện")
    # set once the officers of the unit were written to (or the rise was already told the weeks before)
    notified_at = models.DateTimeField("thời điểm báo cho cán bộ", null=True, blank=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        verbose_name = "cảnh báo sớm"
        verbose_name_plural = "cảnh báo sớm"
        ordering = ["-week_start", "-count"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "topic", "week_start"], name="alert_unit_topic_week_uniq")
        ]

    def __str__(self) -> str:
        return f"{self.topic} – {self.unit}: {self.count}"


class AlertHistory(TransitionRecord):
    alert = models.ForeignKey(RiseAlert, on_delete=models.CASCADE, related_name="history")

    class Meta(TransitionRecord.Meta):
        verbose_name = "lịch sử cảnh báo"


# --- hotspots -----------------------------------------------------------------------------------------


class Risk(models.TextChoices):
    LOW = "low", "Thấp"
    MEDIUM = "medium", "Trung bình"
    HIGH = "high", "Cao"
    CRITICAL = "critical", "Rất cao"


class HotspotState(models.TextChoices):
    OPEN = "open", "Đang theo dõi"
    ESCALATED = "escalated", "Đã báo cáo cấp trên"
    CLOSED = "closed", "Đã kết thúc"


class Hotspot(models.Model):
    """A mass, long-running or sensitive situation (điểm nóng), followed to its end."""

    unit = models.ForeignKey(AdminUnit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="+")
    title = models.CharField("tên điểm nóng", max_length=250)
    topic = models.ForeignKey(Topic, verbose_name="chủ đề", on_delete=models.PROTECT, related_name="+")
    risk = models.CharField("mức độ nguy cơ", max_length=10, choices=Risk.choices, default=Risk.MEDIUM)
    summary = models.TextField("diễn biến")
    responsible = models.ManyToManyField(
        AdminUnit, verbose_name="đơn vị chịu trách nhiệm", related_name="+", blank=True
    )
    state = models.CharField(
        "trạng thái", max_length=10, choices=HotspotState.choices, default=HotspotState.OPEN
    )
    version = models.PositiveIntegerField(default=0)
    alert = models.ForeignKey(
        RiseAlert,
        verbose_name="cảnh báo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hotspots",
    )
    opened_on = models.DateField("ngày mở")
    escalated_to = models.ForeignKey(
        AdminUnit,
        verbose_name="báo cáo lên",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    closed_on = models.DateField("ngày kết thúc", null=True, blank=True)
    lesson = models.TextField("bài học kinh nghiệm", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_demo = models.BooleanField(default=False)

    class Meta:
        verbose_name = "điểm nóng"
        verbose_name_plural = "điểm nóng"
        ordering = ["state", "-opened_on", "-id"]
        indexes = [models.Index(fields=["unit", "state"], name="hotspot_unit_state_idx")]

    def __str__(self) -> str:
        return self.title


class HotspotLink(models.Model):
    """A record the hotspot follows, by id and number only (a petition's tracking code, never its sender)."""

    hotspot = models.ForeignKey(Hotspot, on_delete=models.CASCADE, related_name="links")
    source = models.CharField("loại", max_length=10, choices=Source.choices)
    source_id = models.PositiveBigIntegerField("mã bản ghi")
    code = models.CharField("số hiệu", max_length=40, blank=True)

    class Meta:
        verbose_name = "hồ sơ liên quan"
        verbose_name_plural = "hồ sơ liên quan"
        ordering = ["source", "source_id"]
        constraints = [
            models.UniqueConstraint(fields=["hotspot", "source", "source_id"], name="hotspot_link_uniq")
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.code or self.source_id}"


class HotspotTask(models.Model):
    """An action to take on a hotspot, by a unit, by a deadline."""

    hotspot = models.ForeignKey(Hotspot, on_delete=models.CASCADE, related_name="tasks")
    text = models.CharField("việc cần làm", max_length=500)
    owner = models.ForeignKey(
        AdminUnit, verbose_name="đơn vị thực hiện", on_delete=models.PROTECT, related_name="+"
    )
    due_on = models.DateField("hạn")
    done_on = models.DateField("ngày hoàn thành", null=True, blank=True)

    class Meta:
        verbose_name = "việc cần làm"
        verbose_name_plural = "việc cần làm"
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.text


class HotspotHistory(TransitionRecord):
    hotspot = models.ForeignKey(Hotspot, on_delete=models.CASCADE, related_name="history")

    class Meta(TransitionRecord.Meta):
        verbose_name = "lịch sử điểm nóng"


# --- opinion polls ------------------------------------------------------------------------------------


class PollTarget(models.TextChoices):
    COLLABORATORS = "collaborators", "Cộng tác viên của đơn vị"
    PUBLIC = "public", "Nhân dân (đường dẫn công khai)"


class PollState(models.TextChoices):
    DRAFT = "draft", "Đang soạn"
    OPEN = "open", "Đang thăm dò"
    CLOSED = "closed", "Đã kết thúc"


class Poll(models.Model):
    unit = models.ForeignKey(AdminUnit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="+")
    title = models.CharField("tên cuộc thăm dò", max_length=250)
    intro = models.TextField("lời giới thiệu", blank=True)
    target = models.CharField("đối tượng", max_length=15, choices=PollTarget.choices)
    public_key = models.CharField("mã đường dẫn công khai", max_length=32, unique=True)
    state = models.CharField("trạng thái", max_length=10, choices=PollState.choices, default=PollState.DRAFT)
    version = models.PositiveIntegerField(default=0)
    opens_on = models.DateField("bắt đầu", null=True, blank=True)
    closes_on = models.DateField("kết thúc", null=True, blank=True)
    created_at = models.DateTimeField()
    is_demo = models.BooleanField(default=False)

    class Meta:
        verbose_name = "thăm dò dư luận"
        verbose_name_plural = "thăm dò dư luận"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class QuestionKind(models.TextChoices):
    SINGLE = "single", "Chọn một"
    MULTIPLE = "multiple", "Chọn nhiều"
    SCALE = "scale", "Thang điểm 1–5"
    TEXT = "text", "Trả lời tự do"


class PollQuestion(models.Model):
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="questions")
    number = models.PositiveSmallIntegerField("thứ tự")
    kind = models.CharField("loại câu hỏi", max_length=10, choices=QuestionKind.choices)
    text = models.CharField("câu hỏi", max_length=500)
    choices = models.JSONField("các lựa chọn", default=list, blank=True)

    class Meta:
        verbose_name = "câu hỏi thăm dò"
        ordering = ["poll_id", "number"]
        constraints = [models.UniqueConstraint(fields=["poll", "number"], name="poll_question_uniq")]

    def __str__(self) -> str:
        return self.text


class PollResponse(models.Model):
    """One person's answers: `respondent` is a digest (account, phone or device), never the phone itself."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="responses")
    respondent = models.CharField("người trả lời (mã băm)", max_length=64)
    place = models.ForeignKey(
        AdminUnit, verbose_name="nơi ở", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField()
    is_demo = models.BooleanField(default=False)

    class Meta:
        verbose_name = "phiếu trả lời"
        verbose_name_plural = "phiếu trả lời"
        constraints = [
            models.UniqueConstraint(fields=["poll", "respondent"], name="poll_one_answer_per_person")
        ]

    def __str__(self) -> str:
        return f"Phiếu #{self.pk}"


class PollAnswer(models.Model):
    response = models.ForeignKey(PollResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(PollQuestion, on_delete=models.CASCADE, related_name="answers")
    choices = models.JSONField("lựa chọn", default=list, blank=True)
    value = models.PositiveSmallIntegerField("điểm", null=True, blank=True)
    text = models.TextField("trả lời", blank=True)
    topic = models.ForeignKey(
        Topic, verbose_name="chủ đề", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "câu trả lời"

    def __str__(self) -> str:
        return self.text[:60] or str(self.choices or self.value)


class PollHistory(TransitionRecord):
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="history")

    class Meta(TransitionRecord.Meta):
        verbose_name = "lịch sử thăm dò"


# --- the weekly situation brief -----------------------------------------------------------------------


class BriefState(models.TextChoices):
    DRAFT = "draft", "Đang soạn"
    SENT = "sent", "Đã gửi cấp trên"
    RECEIVED = "received", "Cấp trên đã nhận"


class Brief(models.Model):
    """The weekly situation brief of a unit: drafted from the ledger, alerts, hotspots, polls and late
    reports, edited by the officer, exported as DOCX and sent up the tree."""

    unit = models.ForeignKey(AdminUnit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="+")
    week_start = models.DateField("tuần từ")
    number = models.CharField("số", max_length=40, blank=True)
    rising = models.TextField("vấn đề đang tăng", blank=True)
    hotspots = models.TextField("điểm nóng", blank=True)
    polls = models.TextField("kết quả thăm dò", blank=True)
    reports = models.TextField("tình hình báo cáo của cộng tác viên", blank=True)
    proposals = models.TextField("đề xuất, kiến nghị", blank=True)
    signer_title = models.CharField("chức vụ người ký", max_length=150, blank=True)
    signer_name = models.CharField("người ký", max_length=150, blank=True)
    state = models.CharField(
        "trạng thái", max_length=10, choices=BriefState.choices, default=BriefState.DRAFT
    )
    version = models.PositiveIntegerField(default=0)
    sent_on = models.DateField("ngày gửi", null=True, blank=True)
    created_at = models.DateTimeField()
    is_demo = models.BooleanField(default=False)

    class Meta:
        verbose_name = "bản tin tình hình tuần"
        verbose_name_plural = "bản tin tình hình tuần"
        ordering = ["-week_start", "unit_id"]
        constraints = [models.UniqueConstraint(fields=["unit", "week_start"], name="brief_unit_week_uniq")]

    def __str__(self) -> str:
        return f"Bản tin tuần {self.week_start:%d/%m/%Y} – {self.unit}"


class BriefHistory(TransitionRecord):
    brief = models.ForeignKey(Brief, on_delete=models.CASCADE, related_name="history")

    class Meta(TransitionRecord.Meta):
        verbose_name = "lịch sử bản tin"
