"""Sơ kết, tổng kết: periods and annual themes, the indicator catalogue (manual part), manual figures,
targets, frozen snapshots of closed periods, unit reports with their history, conferences and tasks."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.jobs import Job
from danvan.core.models import Created, IsDemo, Versioned
from danvan.core.workflow.records import TransitionRecord
from danvan.territory.models import AdminUnit, InUnit


class AnnualTheme(models.Model):
    """Chủ đề năm: an editable registry (2018–2019 "Năm dân vận chính quyền", ...)."""

    year_from = models.PositiveSmallIntegerField(_("từ năm"))
    year_to = models.PositiveSmallIntegerField(_("đến năm"))
    title = models.CharField(_("chủ đề"), max_length=255)
    description = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("chủ đề năm")
        verbose_name_plural = _("chủ đề năm")
        ordering = ["year_from"]
        constraints = [models.UniqueConstraint(fields=["year_from", "title"], name="theme_unique_year_title")]

    def __str__(self) -> str:
        years = str(self.year_from) if self.year_from == self.year_to else f"{self.year_from}–{self.year_to}"
        return f"{years}: {self.title}"


class PeriodKind(models.TextChoices):
    SIX_MONTH = "six_month", _("Sơ kết 6 tháng")
    NINE_MONTH = "nine_month", _("9 tháng")
    ANNUAL = "annual", _("Tổng kết năm")
    MULTI_YEAR = "multi_year", _("Nhiều năm")
    CUSTOM = "custom", _("Tùy chọn")


class PeriodStatus(models.TextChoices):
    OPEN = "open", _("Đang mở")
    CLOSED = "closed", _("Đã khóa số liệu")


class Period(IsDemo):
    kind = models.CharField(_("loại kỳ"), max_length=20, choices=PeriodKind.choices)
    name = models.CharField(_("tên kỳ"), max_length=200)
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("đến ngày"))
    theme = models.ForeignKey(
        AnnualTheme, verbose_name=_("chủ đề năm"), null=True, blank=True, on_delete=models.SET_NULL
    )
    status = models.CharField(_("trạng thái"), max_length=10, choices=PeriodStatus.choices, default="open")
    closed_at = models.DateTimeField(_("khóa lúc"), null=True, blank=True)
    report_due = models.DateField(_("hạn nộp báo cáo"), null=True, blank=True)

    class Meta:
        verbose_name = _("kỳ báo cáo")
        verbose_name_plural = _("kỳ báo cáo")
        ordering = ["-end", "start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="period_end_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_closed(self) -> bool:
        return self.status == PeriodStatus.CLOSED

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


class IndicatorDefinition(models.Model):
    """An indicator entered by hand by units (the computed ones live in `danvan.reporting.registry`)."""

    code = models.CharField(_("mã"), max_length=80, unique=True)
    name = models.CharField(_("tên chỉ tiêu"), max_length=255)
    definition = models.TextField(_("định nghĩa"), blank=True)
    unit = models.CharField(_("đơn vị tính"), max_length=40)
    aggregation = models.CharField(
        _("cách tổng hợp"),
        max_length=10,
        choices=[
            ("sum", _("Cộng")),
            ("ratio", _("Tỷ lệ có trọng số")),
            ("max", _("Lớn nhất")),
            ("min", _("Nhỏ nhất")),
        ],
    )
    module = models.CharField(_("phân hệ"), max_length=40)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=100)
    min_value = models.FloatField(_("giá trị nhỏ nhất"), null=True, blank=True, default=0)
    max_value = models.FloatField(_("giá trị lớn nhất"), null=True, blank=True)
    integer_only = models.BooleanField(_("chỉ nhận số nguyên"), default=True)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("chỉ tiêu nhập tay")
        verbose_name_plural = _("chỉ tiêu nhập tay")
        ordering = ["module", "order", "code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"


class ManualFigure(models.Model):
    """A figure a unit entered for a manual indicator; for ratios `denominator` is the base."""

    indicator_code = models.CharField(_("chỉ tiêu"), max_length=80, db_index=True)
    unit = models.ForeignKey(AdminUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT)
    period = models.ForeignKey(Period, verbose_name=_("kỳ"), on_delete=models.PROTECT)
    numerator = models.FloatField(_("giá trị"))
    denominator = models.FloatField(_("mẫu số"), default=1)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("số liệu nhập tay")
        verbose_name_plural = _("số liệu nhập tay")
        constraints = [
            models.UniqueConstraint(fields=["indicator_code", "unit", "period"], name="manual_figure_unique")
        ]

    def __str__(self) -> str:
        return f"{self.indicator_code} {self.unit} {self.period}: {self.numerator}"


class Target(models.Model):
    """Chỉ tiêu: the planned figure of an indicator for a unit (its whole subtree) in a period."""

    indicator_code = models.CharField(_("chỉ tiêu"), max_length=80, db_index=True)
    unit = models.ForeignKey(AdminUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT)
    period = models.ForeignKey(Period, verbose_name=_("kỳ"), on_delete=models.PROTECT, related_name="targets")
    value = models.FloatField(_("chỉ tiêu"))
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)

    class Meta:
        verbose_name = _("chỉ tiêu kế hoạch")
        verbose_name_plural = _("chỉ tiêu kế hoạch")
        constraints = [
            models.UniqueConstraint(fields=["indicator_code", "unit", "period"], name="target_unique")
        ]

    def __str__(self) -> str:
        return f"{self.indicator_code} {self.unit}: {self.value}"


class IndicatorSnapshot(models.Model):
    """The leaf figures of a closed period, frozen: a later edit of a record does not change them."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="snapshots")
    indicator_code = models.CharField(max_length=80)
    unit = models.ForeignKey(AdminUnit, on_delete=models.PROTECT)
    numerator = models.FloatField()
    denominator = models.FloatField(default=1)

    class Meta:
        verbose_name = _("số liệu đã khóa")
        verbose_name_plural = _("số liệu đã khóa")
        indexes = [models.Index(fields=["period", "indicator_code"], name="snapshot_period_code")]

    def __str__(self) -> str:
        return f"{self.period} {self.indicator_code} {self.unit_id}"


class SnapshotTotals(models.Model):
    """The frozen figures of a closed period already rolled up to every unit, one row per indicator:
    {unit id: [numerator, denominator]}. Reading a closed period decodes 25 rows instead of fetching and
    re-adding tens of thousands of leaf rows; the leaves (IndicatorSnapshot) stay for drill-downs."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="snapshot_totals")
    indicator_code = models.CharField(max_length=80)
    totals = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("số liệu đã khóa (tổng hợp)")
        verbose_name_plural = _("số liệu đã khóa (tổng hợp)")
        constraints = [
            models.UniqueConstraint(fields=["period", "indicator_code"], name="snapshot_totals_unique")
        ]

    def __str__(self) -> str:
        return f"{self.period} {self.indicator_code}"


class ReportStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Chưa bắt đầu")  # shown for units without a report row
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã gửi")
    RETURNED = "returned", _("Bị trả lại")
    ACCEPTED = "accepted", _("Đã tiếp nhận")


class BodyKind(models.TextChoices):
    STATE = "state", _("Cơ quan nhà nước (Quốc hiệu, Tiêu ngữ)")
    PARTY = "party", _("Cơ quan Đảng (ĐẢNG CỘNG SẢN VIỆT NAM)")


class Report(InUnit, Created, Versioned, IsDemo):
    period = models.ForeignKey(Period, verbose_name=_("kỳ"), on_delete=models.PROTECT, related_name="reports")
    status = models.CharField(_("trạng thái"), max_length=12, choices=ReportStatus.choices, default="draft")
    title = models.CharField(_("trích yếu"), max_length=300)
    number = models.CharField(_("số, ký hiệu"), max_length=60, blank=True)
    issuing_body = models.CharField(_("cơ quan ban hành"), max_length=200)
    parent_body = models.CharField(_("cơ quan chủ quản"), max_length=200, blank=True)
    body_kind = models.CharField(_("loại cơ quan"), max_length=8, choices=BodyKind.choices, default="party")
    place = models.CharField(_("địa danh"), max_length=100, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=150, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=150, blank=True)
    results = models.TextField(_("Kết quả thực hiện"), blank=True)
    limitations = models.TextField(_("Hạn chế, nguyên nhân"), blank=True)
    lessons = models.TextField(_("Bài học kinh nghiệm"), blank=True)
    next_tasks = models.TextField(_("Nhiệm vụ kỳ tới"), blank=True)
    is_consolidated = models.BooleanField(_("báo cáo tổng hợp"), default=False)
    figures = models.JSONField(_("số liệu khi gửi"), default=dict, blank=True)
    return_comment = models.TextField(_("ý kiến trả lại"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("báo cáo")
        verbose_name_plural = _("báo cáo")
        ordering = ["-period__end", "unit__path"]
        constraints = [models.UniqueConstraint(fields=["unit", "period"], name="report_unique_unit_period")]

    def __str__(self) -> str:
        return self.title


class ReportHistory(TransitionRecord):
    """A report's moves and edits on the workflow kit (started, edited, compiled, submitted, returned...)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="history")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("lịch sử báo cáo")
        verbose_name_plural = _("lịch sử báo cáo")


class ConferenceKind(models.TextChoices):
    INTERIM = "so_ket", _("Sơ kết")
    ANNUAL = "tong_ket", _("Tổng kết")
    THEMATIC = "chuyen_de", _("Chuyên đề")


class Conference(Created, IsDemo):
    unit = models.ForeignKey(
        AdminUnit, verbose_name=_("đơn vị chủ trì"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("loại hội nghị"), max_length=12, choices=ConferenceKind.choices)
    title = models.CharField(_("tên hội nghị"), max_length=300)
    held_on = models.DateField(_("ngày tổ chức"))
    period = models.ForeignKey(
        Period,
        verbose_name=_("kỳ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="conferences",
    )
    chairs = models.JSONField(_("chủ trì"), default=list)  # [{"name": ..., "title": ...}]
    online = models.BooleanField(_("trực tuyến"), default=False)
    documents = models.JSONField(_("văn bản quán triệt"), default=list)  # ["25-NQ/TW", ...]
    conclusions = models.TextField(_("kết luận"), blank=True)
    source = models.CharField(_("nguồn"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("hội nghị")
        verbose_name_plural = _("hội nghị")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.title


class BridgePoint(models.Model):
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="bridge_points")
    unit = models.ForeignKey(
        AdminUnit, verbose_name=_("điểm cầu"), on_delete=models.PROTECT, related_name="+"
    )
    chair = models.CharField(_("chủ trì tại điểm cầu"), max_length=200, blank=True)
    participants = models.PositiveIntegerField(_("số đại biểu"), default=0)

    class Meta:
        verbose_name = _("điểm cầu")
        verbose_name_plural = _("điểm cầu")
        ordering = ["unit__path"]
        constraints = [models.UniqueConstraint(fields=["conference", "unit"], name="bridge_point_unique")]

    def __str__(self) -> str:
        return f"{self.conference_id} @ {self.unit_id}"


class TaskStatus(models.TextChoices):
    OPEN = "open", _("Đang thực hiện")
    DONE = "done", _("Hoàn thành")


class Task(IsDemo):
    """A directive of a conference assigned to a unit with a due date; overdue = open past its due date."""

    conference = models.ForeignKey(Conference, on_delete=models.PROTECT, related_name="tasks")
    unit = models.ForeignKey(
        AdminUnit, verbose_name=_("đơn vị thực hiện"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("nhiệm vụ"), max_length=500)
    due_on = models.DateField(_("hạn hoàn thành"))
    status = models.CharField(_("trạng thái"), max_length=8, choices=TaskStatus.choices, default="open")
    done_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    result = models.TextField(_("kết quả"), blank=True)

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["due_on"], name="task_due_idx")]

    def __str__(self) -> str:
        return self.title

    def state(self, today: dt.date) -> str:
        if self.status == TaskStatus.DONE:
            return "done"
        return "overdue" if self.due_on < today else "open"


class TaskHistory(TransitionRecord):
    """A task's moves on the workflow kit (assigned, completed)."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="history")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("lịch sử nhiệm vụ")
        verbose_name_plural = _("lịch sử nhiệm vụ")


class FactCount(models.Model):
    """Aggregate counts behind the computed indicators (see reporting/counts.py): how many records of a
    fact (e.g. "petitions.received") a unit has in a year, a month or a day (grain Y/M/D, `bucket` = the
    first day), split by a small key (the petition's kind...). Kept exact by database triggers on the
    records' tables; `danvan reporting rebuild-counts` recomputes them from the records."""

    fact = models.CharField(max_length=60)
    grain = models.CharField(max_length=1)  # "Y", "M" or "D"
    bucket = models.DateField()
    unit_id = models.BigIntegerField()  # no foreign key: the triggers write here, never Django
    dim = models.CharField(max_length=60, default="")  # the split: petition kind, on time or not...
    n = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("số đếm tổng hợp")
        verbose_name_plural = _("số đếm tổng hợp")
        constraints = [
            models.UniqueConstraint(
                fields=["fact", "grain", "bucket", "unit_id", "dim"], name="factcount_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.fact} {self.grain}{self.bucket} {self.unit_id} {self.dim}: {self.n}"


class ReportDocxJob(Job):
    """A report's DOCX generated in the background (django.tasks, `reporting.tasks`): the figures of a
    large unit's subtree and the document take seconds; the page shows the progress, then the download
    (the file kept encrypted, `core.jobs.stash`, for the person who asked only)."""

    report = models.ForeignKey(Report, verbose_name=_("báo cáo"), on_delete=models.CASCADE, related_name="+")
    stored_path = models.CharField(_("tệp đã tạo (mã hóa)"), max_length=300, blank=True)
    file_name = models.CharField(_("tên tệp"), max_length=200, blank=True)

    class Meta(Job.Meta):
        verbose_name = _("lượt tạo văn bản báo cáo")
        verbose_name_plural = _("lượt tạo văn bản báo cáo")

    def __str__(self) -> str:
        return f"{self.report} ({self.get_status_display()})"
