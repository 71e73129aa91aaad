"""Thực hiện dân chủ ở cơ sở: households, the disclosure register and its rule table.

Villages (thôn, tổ dân phố…) live in `territory.Village`; every record here carries the commune as
`unit` so that `accounts.scoping.Scope` filters it like every other record.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.jobs import Heartbeat
from danvan.core.workflow.records import TransitionRecord
from danvan.territory.models import AdminUnit, Village


class Household(models.Model):
    """A household and its representative: what the law needs to count a village's votes, nothing more."""

    unit = models.ForeignKey(AdminUnit, verbose_name=_("xã"), on_delete=models.PROTECT, related_name="+")
    village = models.ForeignKey(
        Village, verbose_name=_("thôn, tổ dân phố"), on_delete=models.PROTECT, related_name="households"
    )
    code = models.CharField(_("mã hộ"), max_length=30)
    representative = models.CharField(_("họ tên đại diện hộ"), max_length=150)
    is_active = models.BooleanField(_("còn cư trú"), default=True)
    is_demo = models.BooleanField(default=False)
    created_at = models.DateTimeField(_("ngày đăng ký"))

    class Meta:
        verbose_name = _("hộ gia đình")
        verbose_name_plural = _("hộ gia đình")
        ordering = ["village_id", "code"]
        constraints = [models.UniqueConstraint(fields=["unit", "code"], name="household_unit_code_uniq")]
        indexes = [models.Index(fields=["village", "is_active"], name="household_village_idx")]

    def __str__(self) -> str:
        return f"{self.code} – {self.representative}"


class DisclosureChannel(models.TextChoices):
    NOTICE_BOARD = "notice_board", _("Niêm yết tại trụ sở UBND xã")
    LOUDSPEAKER = "loudspeaker", _("Hệ thống truyền thanh của xã")
    VILLAGE_MEETING = "village_meeting", _("Hội nghị thôn, tổ dân phố")
    HOUSEHOLD_NOTICE = "household_notice", _("Thông báo bằng văn bản đến hộ gia đình")
    SMS = "sms", _("Tin nhắn đến đại diện hộ")
    WEB = "web", _("Trang thông tin điện tử của xã")
    SOCIAL_GROUP = "social_group", _("Nhóm mạng xã hội hợp pháp của cộng đồng")


class DisclosureItem(models.Model):
    """One row of the editable rule table: what a commune must disclose, how, how long and how soon.

    Rows are versioned by `effective_from` / `effective_to`: a disclosure is judged by the row in force
    on its document's issue date. `per_year` is how many disclosures a commune owes each year
    (4 for a quarterly budget report; 0 when it arises only with a document: it is then never "missing").
    """

    code = models.SlugField(_("mã"), max_length=40)
    name = models.CharField(_("nội dung công khai"), max_length=250)
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=250)
    required_channels = models.JSONField(_("hình thức bắt buộc"), default=list, blank=True)
    min_days = models.PositiveSmallIntegerField(_("thời gian niêm yết tối thiểu (ngày)"), default=30)
    loudspeaker_days = models.PositiveSmallIntegerField(_("số ngày phát thanh liên tục tối thiểu"), default=0)
    deadline_days = models.PositiveSmallIntegerField(
        _("thời hạn công khai sau khi ban hành (ngày)"), default=5
    )
    per_year = models.PositiveSmallIntegerField(_("số lần phải công khai mỗi năm"), default=1)
    effective_from = models.DateField(_("hiệu lực từ"))
    effective_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    is_verified = models.BooleanField(_("đã đối chiếu văn bản luật"), default=False)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=100)

    class Meta:
        verbose_name = _("nội dung phải công khai")
        verbose_name_plural = _("nội dung phải công khai (bảng quy tắc)")
        ordering = ["order", "code", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["code", "effective_from"], name="disclosure_item_version_uniq")
        ]

    def __str__(self) -> str:
        return self.name


class DisclosureState(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    PUBLISHED = "published", _("Đang công khai")
    ENDED = "ended", _("Đã hết thời gian công khai")


class Disclosure(models.Model):
    """One act of disclosure by a commune: a document of an item, through channels, for a time."""

    unit = models.ForeignKey(AdminUnit, verbose_name=_("xã"), on_delete=models.PROTECT, related_name="+")
    item = models.ForeignKey(DisclosureItem, verbose_name=_("nội dung"), on_delete=models.PROTECT)
    title = models.CharField(_("tiêu đề"), max_length=250)
    document_ref = models.CharField(_("số, ký hiệu văn bản"), max_length=100, blank=True)
    issued_on = models.DateField(_("ngày ban hành văn bản"))
    channels = models.JSONField(_("hình thức công khai"), default=list, blank=True)
    loudspeaker_days = models.PositiveSmallIntegerField(_("số ngày phát thanh"), default=0)
    state = models.CharField(
        _("trạng thái"), max_length=20, choices=DisclosureState.choices, default=DisclosureState.DRAFT
    )
    version = models.PositiveIntegerField(default=0)
    posted_on = models.DateField(_("ngày bắt đầu công khai"), null=True, blank=True)
    ended_on = models.DateField(_("ngày kết thúc công khai"), null=True, blank=True)
    deadline_on = models.DateField(_("hạn phải công khai"), null=True, blank=True)
    min_until = models.DateField(_("công khai ít nhất đến"), null=True, blank=True)
    is_late = models.BooleanField(_("công khai muộn"), default=False)
    is_too_short = models.BooleanField(_("thời gian công khai chưa đủ"), default=False)
    missing_channels = models.JSONField(_("thiếu hình thức bắt buộc"), default=list, blank=True)
    lacks_channels = models.BooleanField(_("thiếu hình thức bắt buộc"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("ngày tạo"))
    is_demo = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("công khai")
        verbose_name_plural = _("công khai")
        ordering = ["-issued_on", "-id"]
        indexes = [
            models.Index(fields=["unit", "posted_on"], name="disclosure_unit_posted_idx"),
            # the compliance view and indicator read a year of disclosures by posting day: every column they
            # read is in the key, so SQLite and PostgreSQL can answer from the index alone
            models.Index(
                fields=["posted_on", "state", "unit", "item", "is_late", "is_too_short", "lacks_channels"],
                name="disclosure_posted_cover_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_compliant(self) -> bool:
        return not (self.is_late or self.is_too_short or self.lacks_channels)


class DisclosureHistory(TransitionRecord):
    disclosure = models.ForeignKey(Disclosure, on_delete=models.CASCADE, related_name="history")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("lịch sử công khai")


class DisclosureFile(models.Model):
    """The disclosed document (`is_document`, shown on the public page) or evidence of posting."""

    disclosure = models.ForeignKey(Disclosure, on_delete=models.CASCADE, related_name="files")
    is_document = models.BooleanField(_("là văn bản công khai"), default=False)
    original_name = models.CharField(_("tên tệp"), max_length=200)
    content_type = models.CharField(_("loại tệp"), max_length=60)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(max_length=64)
    storage_name = models.CharField(max_length=200, unique=True)
    uploaded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("tệp công khai")
        verbose_name_plural = _("tệp công khai")
        ordering = ["-is_document", "id"]

    def __str__(self) -> str:
        return self.original_name


# --- consultations (tham gia ý kiến) ----------------------------------------------------------------


class ConsultationMatter(models.TextChoices):
    SOCIO_ECONOMIC_PLAN = "socio_economic_plan", _("Dự thảo kế hoạch phát triển kinh tế – xã hội")
    LAND_USE = "land_use", _("Quy hoạch, kế hoạch sử dụng đất; quy hoạch xây dựng")
    INVESTMENT = "investment", _("Chủ trương đầu tư, bồi thường, tái định cư của dự án lớn")
    VILLAGE_CHANGE = "village_change", _("Thành lập, nhập, chia, đặt tên thôn, tổ dân phố")
    GRASSROOTS_RULES = "grassroots_rules", _("Dự thảo quy chế thực hiện dân chủ của xã")
    OTHER = "other", _("Quyết định khác của xã ảnh hưởng đến cộng đồng")


class ConsultationState(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    OPEN = "open", _("Đang lấy ý kiến")
    CLOSED = "closed", _("Đã hết hạn góp ý")
    ANSWERED = "answered", _("Đã công bố tiếp thu, giải trình")


class Consultation(models.Model):
    """A draft the commune puts to the people for comment, with its deadline and channels."""

    unit = models.ForeignKey(AdminUnit, verbose_name=_("xã"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("tên dự thảo"), max_length=250)
    matter = models.CharField(_("loại nội dung"), max_length=30, choices=ConsultationMatter.choices)
    summary = models.TextField(_("nội dung chính"))
    channels = models.JSONField(_("hình thức lấy ý kiến"), default=list, blank=True)
    opens_on = models.DateField(_("bắt đầu lấy ý kiến"), null=True, blank=True)
    closes_on = models.DateField(_("hạn góp ý"), null=True, blank=True)
    state = models.CharField(
        _("trạng thái"), max_length=20, choices=ConsultationState.choices, default=ConsultationState.DRAFT
    )
    version = models.PositiveIntegerField(default=0)
    answer = models.TextField(_("báo cáo tiếp thu, giải trình"), blank=True)
    answered_on = models.DateField(_("ngày công bố tiếp thu, giải trình"), null=True, blank=True)
    created_at = models.DateTimeField(_("ngày tạo"))
    is_demo = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("lấy ý kiến")
        verbose_name_plural = _("lấy ý kiến")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class ConsultationPart(models.Model):
    """A part of the draft (chapter, article, section) that opinions are grouped by."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="parts")
    number = models.PositiveSmallIntegerField(_("thứ tự"))
    title = models.CharField(_("phần của dự thảo"), max_length=250)

    class Meta:
        verbose_name = _("phần dự thảo")
        ordering = ["consultation_id", "number"]
        constraints = [models.UniqueConstraint(fields=["consultation", "number"], name="consult_part_uniq")]

    def __str__(self) -> str:
        return self.title


class CommentChannel(models.TextChoices):
    WEB = "web", _("Trang lấy ý kiến (không cần tài khoản)")
    MEETING = "meeting", _("Hội nghị, cuộc họp")
    SUGGESTION_BOX = "suggestion_box", _("Hòm thư góp ý")
    WRITTEN = "written", _("Văn bản gửi UBND xã")


class Disposition(models.TextChoices):
    PENDING = "pending", _("Chưa xử lý")
    ACCEPTED = "accepted", _("Tiếp thu")
    EXPLAINED = "explained", _("Giải trình (không tiếp thu)")


class ConsultationComment(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="comments")
    part = models.ForeignKey(
        ConsultationPart, verbose_name=_("phần dự thảo"), null=True, blank=True, on_delete=models.SET_NULL
    )
    channel = models.CharField(_("hình thức"), max_length=20, choices=CommentChannel.choices)
    author = models.CharField(_("người góp ý"), max_length=150, blank=True)
    content = models.TextField(_("ý kiến"))
    received_at = models.DateTimeField(_("thời điểm nhận"))
    disposition = models.CharField(
        _("tiếp thu, giải trình"), max_length=20, choices=Disposition.choices, default=Disposition.PENDING
    )
    response = models.TextField(_("nội dung tiếp thu, giải trình"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_demo = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("ý kiến góp ý")
        verbose_name_plural = _("ý kiến góp ý")
        ordering = ["part__number", "received_at", "id"]

    def __str__(self) -> str:
        return self.content[:60]


class ConsultationHistory(TransitionRecord):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="history")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("lịch sử lấy ý kiến")


# --- community decisions (bàn và quyết định) --------------------------------------------------------


class DecisionRule(models.Model):
    """The editable rules of a village's community decision, versioned by effective dates (defaults to verify).

    A proposal passes when the agreeing household representatives are more than `pass_percent` % of the
    village's households; a meeting is valid with more than `quorum_percent` % of them present; the
    counting committee has `committee_min`–`committee_max` people; a draft village convention is posted
    at least `convention_min_days` days before it is decided.
    """

    name = models.CharField(_("tên"), max_length=150)
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=250)
    pass_percent = models.PositiveSmallIntegerField(_("tỷ lệ tán thành phải vượt (%)"), default=50)
    quorum_percent = models.PositiveSmallIntegerField(_("tỷ lệ đại diện hộ dự họp phải vượt (%)"), default=50)
    committee_min = models.PositiveSmallIntegerField(_("tổ kiểm phiếu tối thiểu (người)"), default=3)
    committee_max = models.PositiveSmallIntegerField(_("tổ kiểm phiếu tối đa (người)"), default=5)
    convention_min_days = models.PositiveSmallIntegerField(
        _("niêm yết dự thảo hương ước tối thiểu (ngày)"), default=30
    )
    effective_from = models.DateField(_("hiệu lực từ"))
    effective_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    is_verified = models.BooleanField(_("đã đối chiếu văn bản luật"), default=False)

    class Meta:
        verbose_name = _("quy tắc bàn và quyết định")
        verbose_name_plural = _("quy tắc bàn và quyết định (bảng quy tắc)")
        ordering = ["-effective_from"]

    def __str__(self) -> str:
        return self.name


class DecisionMatter(models.TextChoices):
    CONTRIBUTIONS = "contributions", _("Chủ trương, mức đóng góp xây dựng công trình công cộng")
    CONVENTION = "convention", _("Nội dung hương ước, quy ước")
    ELECTION = "election", _("Bầu, cho thôi làm trưởng thôn, thành viên Ban TTND, Ban GSĐTCĐ")
    OTHER = "other", _("Công việc tự quản khác của cộng đồng")


class DecisionForm(models.TextChoices):
    MEETING = "meeting", _("Hội nghị đại diện hộ gia đình")
    BALLOT = "ballot", _("Phát phiếu lấy ý kiến hộ gia đình")
    ONLINE = "online", _("Biểu quyết trực tuyến")


class VotingMethod(models.TextChoices):
    HANDS = "hands", _("Giơ tay")
    SECRET = "secret", _("Bỏ phiếu kín")


class DecisionState(models.TextChoices):
    DRAFT = "draft", _("Chuẩn bị")
    RECORDED = "recorded", _("Đã có kết quả")
    SENT = "sent", _("Đã gửi UBND xã")
    RECOGNISED = "recognised", _("UBND xã đã công nhận")


class CommunityDecision(models.Model):
    """A matter the village's household representatives decide; the minutes and the result."""

    unit = models.ForeignKey(AdminUnit, verbose_name=_("xã"), on_delete=models.PROTECT, related_name="+")
    village = models.ForeignKey(Village, verbose_name=_("thôn"), on_delete=models.PROTECT, related_name="+")
    matter = models.CharField(_("nội dung"), max_length=20, choices=DecisionMatter.choices)
    title = models.CharField(_("vấn đề quyết định"), max_length=250)
    proposal = models.TextField(_("phương án đưa ra"), blank=True)
    form = models.CharField(_("hình thức"), max_length=20, choices=DecisionForm.choices)
    # online voting: the law's conditions, each recorded
    head_and_front_agree = models.BooleanField(
        _("trưởng thôn và Ban công tác Mặt trận thống nhất không cần họp, phát phiếu"), default=False
    )
    social_group_chosen = models.BooleanField(_("cộng đồng đã chọn nhóm mạng xã hội hợp pháp"), default=False)
    households_have_means = models.BooleanField(_("các hộ có điều kiện biểu quyết trực tuyến"), default=False)
    state = models.CharField(
        _("trạng thái"), max_length=20, choices=DecisionState.choices, default=DecisionState.DRAFT
    )
    version = models.PositiveIntegerField(default=0)
    rule = models.ForeignKey(
        DecisionRule, verbose_name=_("quy tắc áp dụng"), null=True, blank=True, on_delete=models.PROTECT
    )
    held_on = models.DateField(_("ngày họp, lấy ý kiến"), null=True, blank=True)
    households_total = models.PositiveIntegerField(_("tổng số hộ của thôn"), default=0)
    attended = models.PositiveIntegerField(_("số đại diện hộ tham dự, trả lời"), default=0)
    agree = models.PositiveIntegerField(_("số hộ tán thành"), default=0)
    disagree = models.PositiveIntegerField(_("số hộ không tán thành"), default=0)
    invalid = models.PositiveIntegerField(_("số phiếu không hợp lệ"), default=0)
    voting_method = models.CharField(
        _("cách biểu quyết"), max_length=10, choices=VotingMethod.choices, blank=True
    )
    counting_committee = models.JSONField(_("tổ kiểm phiếu"), default=list, blank=True)
    minutes = models.TextField(_("biên bản"), blank=True)
    quorum_met = models.BooleanField(_("đủ số đại diện hộ"), default=False)
    passed = models.BooleanField(_("được thông qua"), default=False)
    recognised_on = models.DateField(_("ngày công nhận"), null=True, blank=True)
    recognition_ref = models.CharField(_("số quyết định công nhận"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("ngày tạo"))
    is_demo = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("bàn và quyết định")
        verbose_name_plural = _("bàn và quyết định")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def agree_share(self) -> float:
        return round(100 * self.agree / self.households_total, 1) if self.households_total else 0.0


class DecisionHistory(TransitionRecord):
    decision = models.ForeignKey(CommunityDecision, on_delete=models.CASCADE, related_name="history")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("lịch sử bàn và quyết định")


class ContributionKind(models.TextChoices):
    MONEY = "money", _("Tiền (đồng)")
    LABOUR = "labour", _("Ngày công")
    IN_KIND = "in_kind", _("Hiện vật (quy ra đồng)")


class Contribution(models.Model):
    """What a household gave for works its community decided (one row per payment)."""

    unit = models.ForeignKey(AdminUnit, on_delete=models.PROTECT, related_name="+")
    decision = models.ForeignKey(CommunityDecision, on_delete=models.PROTECT, related_name="contributions")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="contributions")
    kind = models.CharField(
        _("hình thức"), max_length=10, choices=ContributionKind.choices, default=ContributionKind.MONEY
    )
    amount = models.PositiveBigIntegerField(_("giá trị (đồng)"))
    paid_on = models.DateField(_("ngày đóng góp"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField()
    is_demo = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("đóng góp")
        verbose_name_plural = _("đóng góp")
        ordering = ["-paid_on", "-id"]

    def __str__(self) -> str:
        return f"{self.amount} đồng ({self.paid_on:%d/%m/%Y})"


class ConventionState(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    POSTED = "posted", _("Đang niêm yết lấy ý kiến")
    ADOPTED = "adopted", _("Cộng đồng đã thông qua")
    RECOGNISED = "recognised", _("UBND xã đã công nhận")


class Convention(models.Model):
    """Hương ước, quy ước of a village: posted ≥ N days, adopted by a community decision, recognised."""

    unit = models.ForeignKey(AdminUnit, on_delete=models.PROTECT, related_name="+")
    village = models.ForeignKey(Village, verbose_name=_("thôn"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("tên"), max_length=250)
    text = models.TextField(_("nội dung"))
    state = models.CharField(
        _("trạng thái"), max_length=20, choices=ConventionState.choices, default=ConventionState.DRAFT
    )
    version = models.PositiveIntegerField(default=0)
    posted_on = models.DateField(_("ngày niêm yết"), null=True, blank=True)
    earliest_decision_on = models.DateField(_("được quyết định từ ngày"), null=True, blank=True)
    decision = models.ForeignKey(
        CommunityDecision,
        verbose_name=_("quyết định thông qua"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    recognised_on = models.DateField(_("ngày công nhận"), null=True, blank=True)
    recognition_ref = models.CharField(_("số quyết định công nhận"), max_length=100, blank=True)
    created_at = models.DateTimeField()
    is_demo = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("hương ước, quy ước")
        verbose_name_plural = _("hương ước, quy ước")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class ConventionHistory(TransitionRecord):
    convention = models.ForeignKey(Convention, on_delete=models.CASCADE, related_name="history")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("lịch sử hương ước")


# --- people's oversight (kiểm tra, giám sát) --------------------------------------------------------


class OversightRule(models.Model):
    """Editable oversight rules, versioned by effective dates (defaults to verify)."""

    name = models.CharField(_("tên"), max_length=150)
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=250)
    inspection_min_members = models.PositiveSmallIntegerField(_("Ban TTND tối thiểu (người)"), default=5)
    investment_max_deputies = models.PositiveSmallIntegerField(_("Ban GSĐTCĐ tối đa phó ban"), default=2)
    reply_days = models.PositiveSmallIntegerField(_("thời hạn trả lời kiến nghị (ngày)"), default=15)
    reply_working_days = models.BooleanField(_("tính theo ngày làm việc"), default=True)
    effective_from = models.DateField(_("hiệu lực từ"))
    effective_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    is_verified = models.BooleanField(_("đã đối chiếu văn bản luật"), default=False)

    class Meta:
        verbose_name = _("quy tắc kiểm tra, giám sát")
        verbose_name_plural = _("quy tắc kiểm tra, giám sát (bảng quy tắc)")
        ordering = ["-effective_from"]

    def __str__(self) -> str:
        return self.name


class BoardKind(models.TextChoices):
    INSPECTION = "inspection", _("Ban Thanh tra nhân dân")
    INVESTMENT = "investment", _("Ban Giám sát đầu tư của cộng đồng")


class OversightBoard(models.Model):
    """The commune's People's Inspection Board, or a Community Investment Supervision Board of a project."""

    unit = models.ForeignKey(AdminUnit, verbose_name=_("xã"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("loại ban"), max_length=20, choices=BoardKind.choices)
    project = models.CharField(_("dự án, công trình giám sát"), max_length=250, blank=True)
    elected_on = models.DateField(_("ngày bầu tại hội nghị"))
    election_note = models.CharField(_("hội nghị bầu"), max_length=250)
    members = models.JSONField(_("thành viên"), default=list)  # [{"name": ..., "role": "head|deputy|member"}]
    plan = models.TextField(_("kế hoạch kiểm tra, giám sát"), blank=True)
    plan_announced_on = models.DateField(_("ngày thông báo kế hoạch"), null=True, blank=True)
    created_at = models.DateTimeField()
    is_demo = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("ban kiểm tra, giám sát")
        verbose_name_plural = _("ban kiểm tra, giám sát")
        ordering = ["unit_id", "kind", "-elected_on"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.project}".strip()


class RecommendationState(models.TextChoices):
    DRAFT = "draft", _("Ban đã lập")
    CONFIRMED = "confirmed", _("MTTQ xã đã xác nhận")
    SENT = "sent", _("Đã gửi cơ quan có thẩm quyền")
    ANSWERED = "answered", _("Đã được trả lời")


class Recommendation(models.Model):
    """A board's finding and recommendation: confirmed by the commune Fatherland Front, sent, answered."""

    unit = models.ForeignKey(AdminUnit, verbose_name=_("xã"), on_delete=models.PROTECT, related_name="+")
    board = models.ForeignKey(OversightBoard, on_delete=models.PROTECT, related_name="recommendations")
    finding = models.TextField(_("phát hiện qua kiểm tra, giám sát"))
    text = models.TextField(_("kiến nghị"))
    state = models.CharField(
        _("trạng thái"), max_length=20, choices=RecommendationState.choices, default=RecommendationState.DRAFT
    )
    version = models.PositiveIntegerField(default=0)
    confirmed_on = models.DateField(_("ngày MTTQ xác nhận"), null=True, blank=True)
    recipient = models.CharField(_("cơ quan nhận kiến nghị"), max_length=250, blank=True)
    sent_on = models.DateField(_("ngày gửi"), null=True, blank=True)
    due_on = models.DateField(_("hạn trả lời"), null=True, blank=True)
    reply = models.TextField(_("nội dung trả lời"), blank=True)
    replied_on = models.DateField(_("ngày trả lời"), null=True, blank=True)
    answered_on_time = models.BooleanField(_("trả lời đúng hạn"), default=False)
    created_at = models.DateTimeField()
    is_demo = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("kiến nghị của ban")
        verbose_name_plural = _("kiến nghị của ban")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "due_on"], name="recommendation_due_idx")]

    def __str__(self) -> str:
        return self.text[:60]


class RecommendationHistory(TransitionRecord):
    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="history")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("lịch sử kiến nghị")


# --- agencies and enterprises (hội nghị cán bộ, công chức, viên chức; hội nghị người lao động) -----------


class WorkplaceKind(models.TextChoices):
    AGENCY = "agency", _("Cơ quan hành chính nhà nước")
    PUBLIC_SERVICE = "public_service", _("Đơn vị sự nghiệp công lập")
    ENTERPRISE = "enterprise", _("Doanh nghiệp, tổ chức có thuê mướn lao động")


class Workplace(models.Model):
    """A state agency, public service unit or enterprise registered at a unit (province or commune)."""

    unit = models.ForeignKey(
        AdminUnit, verbose_name=_("đơn vị hành chính"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("loại"), max_length=20, choices=WorkplaceKind.choices)
    name = models.CharField(_("tên cơ quan, đơn vị, doanh nghiệp"), max_length=250)
    code = models.CharField(_("mã số (thuế, đơn vị)"), max_length=30, blank=True)
    employees = models.PositiveIntegerField(_("số cán bộ, người lao động"), null=True, blank=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    created_at = models.DateTimeField()
    is_demo = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("cơ quan, đơn vị, doanh nghiệp")
        verbose_name_plural = _("cơ quan, đơn vị, doanh nghiệp")
        ordering = ["unit_id", "kind", "name"]
        constraints = [models.UniqueConstraint(fields=["unit", "name"], name="workplace_unit_name_uniq")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_enterprise(self) -> bool:
        return self.kind == WorkplaceKind.ENTERPRISE


class WorkplaceRule(models.Model):
    """Editable rules for the workplace conferences, versioned by effective dates.

    The yearly conference of year Y is due by `conference_due_month`/`conference_due_day` of Y (late after
    it); an enterprise owes `dialogues_per_year` periodic workplace dialogues each year.
    """

    name = models.CharField(_("tên"), max_length=150)
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=250)
    conference_due_month = models.PositiveSmallIntegerField(_("hạn tổ chức hội nghị: tháng"), default=12)
    conference_due_day = models.PositiveSmallIntegerField(_("hạn tổ chức hội nghị: ngày"), default=31)
    dialogues_per_year = models.PositiveSmallIntegerField(
        _("số lần đối thoại định kỳ tối thiểu mỗi năm"), default=1
    )
    effective_from = models.DateField(_("hiệu lực từ"))
    effective_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    is_verified = models.BooleanField(_("đã đối chiếu văn bản luật"), default=False)

    class Meta:
        verbose_name = _("quy tắc hội nghị tại nơi làm việc")
        verbose_name_plural = _("quy tắc hội nghị tại nơi làm việc (bảng quy tắc)")
        ordering = ["-effective_from"]

    def __str__(self) -> str:
        return self.name


class MeetingKind(models.TextChoices):
    CONFERENCE = "conference", _("Hội nghị hằng năm (cán bộ, công chức, viên chức / người lao động)")
    DIALOGUE = "dialogue", _("Đối thoại tại nơi làm việc")


class MeetingState(models.TextChoices):
    PLANNED = "planned", _("Đã lên kế hoạch")
    HELD = "held", _("Đã tổ chức")
    CANCELLED = "cancelled", _("Đã hủy")


class WorkplaceMeeting(models.Model):
    """A yearly conference or a workplace dialogue of a workplace: planned → held (minutes) or cancelled."""

    unit = models.ForeignKey(
        AdminUnit, verbose_name=_("đơn vị hành chính"), on_delete=models.PROTECT, related_name="+"
    )
    workplace = models.ForeignKey(Workplace, verbose_name=_("cơ quan, doanh nghiệp"), on_delete=models.PROTECT,
                                  related_name="meetings")  # fmt: skip
    kind = models.CharField(_("loại"), max_length=20, choices=MeetingKind.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    planned_on = models.DateField(_("ngày dự kiến"))
    state = models.CharField(
        _("trạng thái"), max_length=20, choices=MeetingState.choices, default=MeetingState.PLANNED
    )
    version = models.PositiveIntegerField(default=0)
    held_on = models.DateField(_("ngày tổ chức"), null=True, blank=True)
    due_on = models.DateField(_("hạn tổ chức"), null=True, blank=True)
    is_late = models.BooleanField(_("tổ chức muộn"), default=False)
    attendees = models.PositiveIntegerField(_("số người dự"), null=True, blank=True)
    minutes = models.TextField(_("biên bản, nghị quyết hội nghị"), blank=True)
    created_at = models.DateTimeField()
    is_demo = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("hội nghị, đối thoại tại nơi làm việc")
        verbose_name_plural = _("hội nghị, đối thoại tại nơi làm việc")
        ordering = ["-year", "-planned_on", "-id"]
        indexes = [
            models.Index(fields=["workplace", "year", "kind", "state"], name="workplace_meeting_year_idx")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}"


class WorkplaceMeetingHistory(TransitionRecord):
    meeting = models.ForeignKey(WorkplaceMeeting, on_delete=models.CASCADE, related_name="history")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("lịch sử hội nghị tại nơi làm việc")


# --- background imports of a commune's villages and households ----------------------------------------


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang nhập")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Không nhập được")


class VillageImportJob(Heartbeat):
    """A villages-and-households file imported in the background (django.tasks), all or nothing.

    The file waits encrypted under the media folder and is deleted once read."""

    unit = models.ForeignKey(AdminUnit, verbose_name=_("xã"), on_delete=models.PROTECT, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người nhập"), on_delete=models.PROTECT, related_name="+"
    )
    file_name = models.CharField(_("tên tệp"), max_length=200)
    stored_path = models.CharField(_("tệp chờ nhập (mã hóa)"), max_length=300, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    villages = models.PositiveIntegerField(_("số thôn đã nhập"), default=0)
    households = models.PositiveIntegerField(_("số hộ đã nhập"), default=0)
    error = models.CharField(_("lỗi"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("thời điểm gửi"))
    finished_at = models.DateTimeField(_("thời điểm xong"), null=True, blank=True)

    class Meta:
        verbose_name = _("lượt nhập thôn, hộ gia đình")
        verbose_name_plural = _("lượt nhập thôn, hộ gia đình")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def running(self) -> bool:
        return self.status in (ImportStatus.QUEUED, ImportStatus.RUNNING)
