"""Theo dõi báo chí: articles found on the web and the structured events extracted from them.

Who sees what: press events are public information (they were published in newspapers), so every
staff member (any role at any unit) may browse and search every event; `Event.unit` is still set (the
province the event took place in, today's unit, or the nation when unknown) so that lists can be
narrowed to a province and every record has a unit like the rest of the platform. Only officers, unit
heads and administrators (ACT_ROLES) may ingest articles or turn an event into a conference record.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.jobs import Job
from danvan.core.models import IsDemo
from danvan.territory.models import AdminUnit


class EventType(models.TextChoices):
    TONG_KET = "tong_ket", _("Tổng kết")
    SO_KET = "so_ket", _("Sơ kết")
    OTHER = "other", _("Khác")


class EventScope(models.TextChoices):
    NATIONAL = "national", _("Toàn quốc")
    PROVINCIAL = "provincial", _("Cấp tỉnh")
    LOCAL = "local", _("Cơ sở")


class Article(IsDemo):
    """One ingested article: its source, the raw input kept as received, and the cleaned text."""

    source_url = models.CharField("địa chỉ nguồn", max_length=500, blank=True)
    site = models.CharField("trang web", max_length=200, blank=True)
    outlet = models.CharField("cơ quan báo chí", max_length=200, blank=True)
    filename = models.CharField("tên tệp", max_length=255, blank=True)
    is_html = models.BooleanField("dạng HTML", default=False)
    raw = models.TextField("nội dung gốc (văn bản hoặc HTML)")
    cleaned_text = models.TextField("nội dung đã làm sạch")
    fingerprint = models.CharField("dấu vân tay nội dung", max_length=64, unique=True)
    title = models.CharField("tiêu đề", max_length=500, blank=True)
    published_date = models.DateField("ngày đăng", null=True, blank=True)
    extraction = models.JSONField("kết quả trích xuất", default=dict)
    other_sources = models.JSONField("nguồn khác đăng cùng bài", default=list, blank=True)
    ingested_at = models.DateTimeField("thời điểm nhập", auto_now_add=True, db_index=True)
    ingested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người nhập",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "bài báo"
        verbose_name_plural = "bài báo"
        ordering = ["-ingested_at", "-id"]

    def __str__(self) -> str:
        return self.title or self.filename or f"Bài #{self.pk}"


class Event(IsDemo):
    """The mobilisation event an article reports (one per article)."""

    article = models.OneToOneField(
        Article, verbose_name="bài báo", on_delete=models.CASCADE, related_name="event"
    )
    unit = models.ForeignKey(
        AdminUnit,
        verbose_name="đơn vị (tỉnh nơi diễn ra)",
        on_delete=models.PROTECT,
        related_name="press_events",
    )
    province = models.ForeignKey(
        AdminUnit,
        verbose_name="tỉnh, thành phố (hiện nay)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    historical_province = models.CharField("tên tỉnh trong bài", max_length=150, blank=True)
    title = models.CharField("tiêu đề", max_length=500, blank=True)
    type = models.CharField("loại sự kiện", max_length=16, choices=EventType.choices, default=EventType.OTHER)
    date = models.DateField("ngày diễn ra", null=True, blank=True, db_index=True)
    scope = models.CharField("phạm vi", max_length=16, choices=EventScope.choices, blank=True)
    online = models.BooleanField("trực tuyến", default=False)
    organizer = models.CharField("cơ quan tổ chức", max_length=300, blank=True)
    period_year = models.PositiveSmallIntegerField("năm của kỳ", null=True, blank=True, db_index=True)
    period_half = models.PositiveSmallIntegerField("nửa năm", null=True, blank=True)
    themes = models.JSONField("chủ đề, khẩu hiệu", default=list, blank=True)
    documents = models.JSONField("văn bản", default=list, blank=True)
    indicators = models.JSONField("số liệu", default=list, blank=True)
    search_text = models.TextField("văn bản tìm kiếm (không dấu)", blank=True)
    documents_key = models.CharField("số văn bản (chuẩn hóa)", max_length=1000, blank=True)
    conference_ref = models.CharField("hồ sơ hội nghị đã tạo", max_length=100, blank=True)

    class Meta:
        verbose_name = "sự kiện"
        verbose_name_plural = "sự kiện"
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["province", "date"], name="press_event_province_date")]

    def __str__(self) -> str:
        return self.title or f"Sự kiện #{self.pk}"

    @property
    def display_title(self) -> str:
        """The article's title or, when the page had none, a description built from the structured fields
        (whether it was online is shown beside it, by the pages' badge, not in the title)."""
        if self.title:
            return self.title
        kind = "Hội nghị" if self.type == EventType.OTHER else f"Hội nghị {self.get_type_display().lower()}"
        parts = [kind, self.period_label.lower() if self.period_label else ""]
        if self.organizer:
            parts.append(f"của {self.organizer}")
        return " ".join(p for p in parts if p)

    @property
    def conference_pk(self) -> int | None:
        """The id of the conference record made from this event, if any."""
        prefix = "reporting.conference:"
        ref = self.conference_ref
        return (
            int(ref.removeprefix(prefix)) if ref.startswith(prefix) and ref[len(prefix) :].isdigit() else None
        )

    @property
    def period_label(self) -> str:
        if self.period_year is None:
            return ""
        if self.period_half:
            return f"6 tháng {'đầu' if self.period_half == 1 else 'cuối'} năm {self.period_year}"
        return f"Năm {self.period_year}"


class Person(models.Model):
    """A named person seen in the press, by normalised name (NFC, single spaces, title case)."""

    name = models.CharField("họ và tên", max_length=150, unique=True)
    folded_name = models.CharField("họ tên không dấu", max_length=150, db_index=True)

    class Meta:
        verbose_name = "nhân vật"
        verbose_name_plural = "nhân vật"
        ordering = ["folded_name", "id"]

    def __str__(self) -> str:
        return self.name


class Appearance(models.Model):
    """A person at an event, with the titles the article gives them there."""

    person = models.ForeignKey(
        Person, verbose_name="nhân vật", on_delete=models.PROTECT, related_name="appearances"
    )
    event = models.ForeignKey(
        Event, verbose_name="sự kiện", on_delete=models.CASCADE, related_name="appearances"
    )
    titles = models.JSONField("chức danh", default=list, blank=True)
    is_chair = models.BooleanField("chủ trì", default=False)

    class Meta:
        verbose_name = "lần xuất hiện"
        verbose_name_plural = "lần xuất hiện"
        ordering = ["-is_chair", "id"]
        constraints = [models.UniqueConstraint(fields=["person", "event"], name="press_appearance_unique")]

    def __str__(self) -> str:
        return f"{self.person} @ {self.event_id}"


class IngestJob(Job):
    """A batch of uploaded articles ingested in the background (django.tasks, `press.tasks`): the files wait
    encrypted (`core.jobs.stash`); the articles are read and extracted first, then all stored in one
    transaction; the outcome of each file is kept for the page."""

    files = models.JSONField("tệp chờ nhập", default=list, blank=True)  # [{"name", "path" | "problem"}]
    source_url = models.CharField("địa chỉ bài viết", max_length=500, blank=True)
    outcomes = models.JSONField("kết quả từng tệp", default=list, blank=True)
    created = models.PositiveIntegerField("bài đã nhập", default=0)
    duplicates = models.PositiveIntegerField("bài trùng", default=0)
    errors = models.PositiveIntegerField("tệp lỗi", default=0)

    class Meta(Job.Meta):
        verbose_name = "lượt nhập bài báo"
        verbose_name_plural = "lượt nhập bài báo"

    def __str__(self) -> str:
        return f"{len(self.files)} tệp ({self.get_status_display()})"
