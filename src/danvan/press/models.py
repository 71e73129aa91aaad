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

    source_url = models.CharField(_("địa chỉ nguồn"), max_length=500, blank=True)
    site = models.CharField(_("trang web"), max_length=200, blank=True)
    outlet = models.CharField(_("cơ quan báo chí"), max_length=200, blank=True)
    filename = models.CharField(_("tên tệp"), max_length=255, blank=True)
    is_html = models.BooleanField(_("dạng HTML"), default=False)
    raw = models.TextField(_("nội dung gốc (văn bản hoặc HTML)"))
    cleaned_text = models.TextField(_("nội dung đã làm sạch"))
    fingerprint = models.CharField(_("dấu vân tay nội dung"), max_length=64, unique=True)
    title = models.CharField(_("tiêu đề"), max_length=500, blank=True)
    published_date = models.DateField(_("ngày đăng"), null=True, blank=True)
    extraction = models.JSONField(_("kết quả trích xuất"), default=dict)
    other_sources = models.JSONField(_("nguồn khác đăng cùng bài"), default=list, blank=True)
    ingested_at = models.DateTimeField(_("thời điểm nhập"), auto_now_add=True, db_index=True)
    ingested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("bài báo")
        verbose_name_plural = _("bài báo")
        ordering = ["-ingested_at", "-id"]

    def __str__(self) -> str:
        return self.title or self.filename or f"Bài #{self.pk}"


class Event(IsDemo):
    """The mobilisation event an article reports (one per article)."""

    article = models.OneToOneField(
        Article, verbose_name=_("bài báo"), on_delete=models.CASCADE, related_name="event"
    )
    unit = models.ForeignKey(
        AdminUnit,
        verbose_name=_("đơn vị (tỉnh nơi diễn ra)"),
        on_delete=models.PROTECT,
        related_name="press_events",
    )
    province = models.ForeignKey(
        AdminUnit,
        verbose_name=_("tỉnh, thành phố (hiện nay)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    historical_province = models.CharField(_("tên tỉnh trong bài"), max_length=150, blank=True)
    title = models.CharField(_("tiêu đề"), max_length=500, blank=True)
    type = models.CharField(
        _("loại sự kiện"), max_length=16, choices=EventType.choices, default=EventType.OTHER
    )
    date = models.DateField(_("ngày diễn ra"), null=True, blank=True, db_index=True)
    scope = models.CharField(_("phạm vi"), max_length=16, choices=EventScope.choices, blank=True)
    online = models.BooleanField(_("trực tuyến"), default=False)
    organizer = models.CharField(_("cơ quan tổ chức"), max_length=300, blank=True)
    period_year = models.PositiveSmallIntegerField(_("năm của kỳ"), null=True, blank=True, db_index=True)
    period_half = models.PositiveSmallIntegerField(_("nửa năm"), null=True, blank=True)
    themes = models.JSONField(_("chủ đề, khẩu hiệu"), default=list, blank=True)
    documents = models.JSONField(_("văn bản"), default=list, blank=True)
    indicators = models.JSONField(_("số liệu"), default=list, blank=True)
    search_text = models.TextField(_("văn bản tìm kiếm (không dấu)"), blank=True)
    documents_key = models.CharField(_("số văn bản (chuẩn hóa)"), max_length=1000, blank=True)
    conference_ref = models.CharField(_("hồ sơ hội nghị đã tạo"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("sự kiện")
        verbose_name_plural = _("sự kiện")
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

    name = models.CharField(_("họ và tên"), max_length=150, unique=True)
    folded_name = models.CharField(_("họ tên không dấu"), max_length=150, db_index=True)

    class Meta:
        verbose_name = _("nhân vật")
        verbose_name_plural = _("nhân vật")
        ordering = ["folded_name", "id"]

    def __str__(self) -> str:
        return self.name


class Appearance(models.Model):
    """A person at an event, with the titles the article gives them there."""

    person = models.ForeignKey(
        Person, verbose_name=_("nhân vật"), on_delete=models.PROTECT, related_name="appearances"
    )
    event = models.ForeignKey(
        Event, verbose_name=_("sự kiện"), on_delete=models.CASCADE, related_name="appearances"
    )
    titles = models.JSONField(_("chức danh"), default=list, blank=True)
    is_chair = models.BooleanField(_("chủ trì"), default=False)

    class Meta:
        verbose_name = _("lần xuất hiện")
        verbose_name_plural = _("lần xuất hiện")
        ordering = ["-is_chair", "id"]
        constraints = [models.UniqueConstraint(fields=["person", "event"], name="press_appearance_unique")]

    def __str__(self) -> str:
        return f"{self.person} @ {self.event_id}"


class IngestJob(Job):
    """A batch of uploaded articles ingested in the background (django.tasks, `press.tasks`): the files wait
    encrypted (`core.jobs.stash`); the articles are read and extracted first, then all stored in one
    transaction; the outcome of each file is kept for the page."""

    files = models.JSONField(_("tệp chờ nhập"), default=list, blank=True)  # [{"name", "path" | "problem"}]
    source_url = models.CharField(_("địa chỉ bài viết"), max_length=500, blank=True)
    outcomes = models.JSONField(_("kết quả từng tệp"), default=list, blank=True)
    created = models.PositiveIntegerField(_("bài đã nhập"), default=0)
    duplicates = models.PositiveIntegerField(_("bài trùng"), default=0)
    errors = models.PositiveIntegerField(_("tệp lỗi"), default=0)

    class Meta(Job.Meta):
        verbose_name = _("lượt nhập bài báo")
        verbose_name_plural = _("lượt nhập bài báo")

    def __str__(self) -> str:
        return f"{len(self.files)} tệp ({self.get_status_display()})"
