"""Dân vận khéo: the registry of models (mô hình) and exemplary people or collectives (điển hình),
their evaluation by a council, recognition, replication (nhân rộng) and contests (hội thi)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.models import Created, IsDemo, Versioned
from danvan.core.workflow.records import TransitionRecord
from danvan.territory.models import AdminUnit


class Kind(models.TextChoices):
    MODEL = "model", _("Mô hình")
    PERSON = "person", _("Điển hình cá nhân")
    COLLECTIVE = "collective", _("Điển hình tập thể")


class Field(models.TextChoices):
    ECONOMY = "kinh_te", _("Kinh tế")
    CULTURE_SOCIETY = "van_hoa_xa_hoi", _("Văn hóa – xã hội")
    DEFENCE_SECURITY = "quoc_phong_an_ninh", _("Quốc phòng – an ninh")
    POLITICAL_SYSTEM = "xay_dung_htct", _("Xây dựng hệ thống chính trị")


class Status(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    SUBMITTED = "submitted", _("Đã gửi đề nghị")
    UNDER_EVALUATION = "under_evaluation", _("Đang thẩm định")
    RECOGNISED = "recognised", _("Đã công nhận")
    NOT_RECOGNISED = "not_recognised", _("Không công nhận")
    RETIRED = "retired", _("Đã đưa ra khỏi danh sách")


class RecognitionLevel(models.TextChoices):
    COMMUNE = "commune", _("Cấp xã")
    PROVINCE = "province", _("Cấp tỉnh")
    CENTRAL = "central", _("Cấp Trung ương")


class Award(models.TextChoices):
    NONE = "", _("Không kèm khen thưởng")
    GIAY_KHEN = "giay_khen", _("Giấy khen")
    BANG_KHEN = "bang_khen", _("Bằng khen")


class Measure(models.TextChoices):
    VND = "VND", _("đồng (VND)")
    HOUSEHOLDS = "hộ", _("hộ")
    PEOPLE = "người", _("người")
    KM = "km", _("km")
    SQUARE_METRES = "m²", _("m²")
    CASES = "vụ việc", _("vụ việc")
    WORKS = "công trình", _("công trình")
    WORKDAYS = "ngày công", _("ngày công")
    PERCENT = "%", _("%")


class Exemplar(Created, Versioned, IsDemo):
    """One model or exemplary person/collective registered by a unit."""

    unit = models.ForeignKey(
        AdminUnit, verbose_name=_("đơn vị đăng ký"), on_delete=models.PROTECT, related_name="exemplars"
    )
    kind = models.CharField(_("loại"), max_length=12, choices=Kind.choices, default=Kind.MODEL)
    name = models.CharField(_("tên mô hình, điển hình"), max_length=300)
    place = models.CharField(_("địa bàn thực hiện"), max_length=300)
    field = models.CharField(_("lĩnh vực"), max_length=24, choices=Field.choices, db_index=True)
    period_start = models.DateField(_("thực hiện từ ngày"))
    period_end = models.DateField(_("đến ngày"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("năm đăng ký"), db_index=True)
    problem = models.TextField(_("vấn đề, nhiệm vụ khó đã giải quyết"))
    mobilisation = models.TextField(_("cách vận động, tập hợp nhân dân"))
    supporting_bodies = models.TextField(_("cơ quan, tổ chức phối hợp, hỗ trợ"), blank=True)
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    registered_on = models.DateField(_("ngày đăng ký"), db_index=True)
    # recognition
    recognition_level = models.CharField(
        _("cấp công nhận"), max_length=10, choices=RecognitionLevel.choices, blank=True
    )
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    award = models.CharField(_("khen thưởng"), max_length=10, choices=Award.choices, blank=True)
    award_body = models.CharField(_("cơ quan khen thưởng"), max_length=200, blank=True)
    # yearly review
    retired_on = models.DateField(_("ngày đưa ra khỏi danh sách"), null=True, blank=True)
    retired_reason = models.TextField(_("lý do"), blank=True)
    # search
    search_text = models.TextField(_("nội dung tìm kiếm (không dấu)"), blank=True, editable=False)
    folded_name = models.CharField(max_length=300, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("mô hình, điển hình")
        verbose_name_plural = _("mô hình, điển hình")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["status", "id"], name="exemplar_status_id"),
            models.Index(fields=["status", "field", "id"], name="exemplar_status_field_id"),
            models.Index(fields=["decision_date"], name="exemplar_decision_date"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_public(self) -> bool:
        return self.status == Status.RECOGNISED


class ExemplarHistory(TransitionRecord):
    """History on the workflow kit: who moved the record from which state to which, when and why."""

    exemplar = models.ForeignKey(Exemplar, on_delete=models.CASCADE, related_name="history")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("lịch sử hồ sơ mô hình")
        verbose_name_plural = _("lịch sử hồ sơ mô hình")


class ExemplarResult(models.Model):
    """A measurable result: a figure with its unit of measure."""

    exemplar = models.ForeignKey(Exemplar, on_delete=models.CASCADE, related_name="results")
    label = models.CharField(_("kết quả"), max_length=200)
    value = models.DecimalField(
        _("số liệu"), max_digits=18, decimal_places=2, validators=[MinValueValidator(0)]
    )
    measure = models.CharField(_("đơn vị tính"), max_length=12, choices=Measure.choices)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.label}: {self.value} {self.measure}"


class FileKind(models.TextChoices):
    PHOTO = "photo", _("Ảnh")
    DOCUMENT = "document", _("Tài liệu")


class ExemplarFile(models.Model):
    exemplar = models.ForeignKey(Exemplar, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(max_length=10, choices=FileKind.choices)
    file = models.FileField(upload_to="exemplars/%Y/%m/")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "id"]

    def __str__(self) -> str:
        return self.original_name


class ExemplarWord(models.Model):
    """Inverted index of the folded words of an exemplar (search and near-duplicate candidates)."""

    word = models.CharField(max_length=40)
    province_code = models.CharField(max_length=4)
    exemplar = models.ForeignKey(Exemplar, on_delete=models.CASCADE, related_name="+", db_index=False)

    class Meta:
        indexes = [
            models.Index(fields=["word", "exemplar", "province_code"], name="exemplar_word_idx"),
            models.Index(fields=["exemplar"], name="exemplar_word_ex_idx"),
        ]

    def __str__(self) -> str:
        return self.word


# --- Evaluation --------------------------------------------------------------------------------------


class CriteriaSet(Versioned):
    """The criteria a province uses in a year (editable; seeded from the movement's defaults)."""

    unit = models.ForeignKey(AdminUnit, verbose_name=_("tỉnh"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("năm"))
    name = models.CharField(_("tên bộ tiêu chí"), max_length=200)
    pass_percent = models.PositiveSmallIntegerField(_("ngưỡng đề nghị công nhận (%)"), default=70)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="criteria_set_unique")]
        ordering = ["-year", "unit__path"]

    def __str__(self) -> str:
        return self.name


class Criterion(models.Model):
    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.CASCADE, related_name="criteria")
    order = models.PositiveSmallIntegerField(default=1)
    text = models.CharField(_("tiêu chí"), max_length=300)
    min_score = models.DecimalField(_("điểm tối thiểu"), max_digits=6, decimal_places=2, default=0)
    max_score = models.DecimalField(_("điểm tối đa"), max_digits=6, decimal_places=2, default=10)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text


class Evaluation(models.Model):
    """The council's evaluation of one exemplar against a frozen criteria set."""

    exemplar = models.OneToOneField(Exemplar, on_delete=models.CASCADE, related_name="evaluation")
    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(auto_now_add=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"Thẩm định #{self.exemplar_id}"


class Judge(models.Model):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="judges")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["evaluation", "user"], name="judge_unique")]

    def __str__(self) -> str:
        return f"Giám khảo {self.user_id}"


class Score(models.Model):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="scores")
    judge = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(max_digits=6, decimal_places=2)
    scored_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "judge", "criterion"], name="score_unique")
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.value}"


# --- Replication -------------------------------------------------------------------------------------


class Replication(Created, IsDemo):
    """A unit adopted a recognised model (nhân rộng)."""

    exemplar = models.ForeignKey(Exemplar, on_delete=models.PROTECT, related_name="replications")
    unit = models.ForeignKey(
        AdminUnit, verbose_name=_("đơn vị áp dụng"), on_delete=models.PROTECT, related_name="+"
    )
    adopted_on = models.DateField(_("ngày áp dụng"), db_index=True)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        ordering = ["adopted_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["exemplar", "unit"], name="replication_unique_per_unit")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} áp dụng {self.exemplar_id}"


# --- Contests ----------------------------------------------------------------------------------------


class ContestStatus(models.TextChoices):
    OPEN = "open", _("Đang tổ chức")
    PUBLISHED = "published", _("Đã công bố kết quả")


class Contest(Created, IsDemo):
    unit = models.ForeignKey(
        AdminUnit, verbose_name=_("đơn vị tổ chức"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("tên hội thi"), max_length=300)
    year = models.PositiveSmallIntegerField(_("năm"))
    description = models.TextField(_("thể lệ"), blank=True)
    status = models.CharField(max_length=10, choices=ContestStatus.choices, default=ContestStatus.OPEN)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-year", "-id"]

    def __str__(self) -> str:
        return self.name


class ContestHistory(TransitionRecord):
    """A contest's moves and edits (judges named, entries added, sheets scored, results published)."""

    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="history")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("lịch sử hội thi")
        verbose_name_plural = _("lịch sử hội thi")


class ContestCriterion(models.Model):
    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="criteria")
    order = models.PositiveSmallIntegerField(default=1)
    text = models.CharField(_("tiêu chí chấm"), max_length=300)
    max_score = models.DecimalField(_("điểm tối đa"), max_digits=6, decimal_places=2)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text


class ContestRound(models.Model):
    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="rounds")
    order = models.PositiveSmallIntegerField(default=1)
    name = models.CharField(_("vòng thi"), max_length=200)
    held_on = models.DateField(_("ngày thi"), null=True, blank=True)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class ContestJudge(models.Model):
    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="judges")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["contest", "user"], name="contest_judge_unique")]

    def __str__(self) -> str:
        return f"Giám khảo {self.user_id}"


class ContestEntry(models.Model):
    round = models.ForeignKey(ContestRound, on_delete=models.CASCADE, related_name="entries")
    unit = models.ForeignKey(
        AdminUnit, verbose_name=_("đơn vị dự thi"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("tên bài dự thi"), max_length=300)
    exemplar = models.ForeignKey(
        Exemplar, null=True, blank=True, on_delete=models.SET_NULL, related_name="contest_entries"
    )

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "unit", "title"], name="contest_entry_unique")
        ]

    def __str__(self) -> str:
        return self.title


class ContestScore(models.Model):
    entry = models.ForeignKey(ContestEntry, on_delete=models.CASCADE, related_name="scores")
    judge = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    criterion = models.ForeignKey(ContestCriterion, on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(max_digits=6, decimal_places=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "judge", "criterion"], name="contest_score_unique")
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.value}"
