"""Accounts, organisations at units, and roles scoped to a unit's subtree."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.models import IsDemo
from danvan.territory.models import AdminUnit


class OrganisationKind(models.TextChoices):
    BAN_DAN_VAN = "ban_dan_van", _("Ban Tuyên giáo và Dân vận / Ban Dân vận")
    UBND = "ubnd", _("Ủy ban nhân dân")
    HDND = "hdnd", _("Hội đồng nhân dân")
    CAP_UY = "cap_uy", _("Cấp ủy Đảng")
    MTTQ = "mttq", _("Ủy ban Mặt trận Tổ quốc")
    HOI_NONG_DAN = "hoi_nong_dan", _("Hội Nông dân")
    DOAN_THANH_NIEN = "doan_thanh_nien", _("Đoàn Thanh niên")
    HOI_PHU_NU = "hoi_phu_nu", _("Hội Liên hiệp Phụ nữ")
    HOI_CCB = "hoi_ccb", _("Hội Cựu chiến binh")
    CONG_DOAN = "cong_doan", _("Công đoàn")
    THANH_TRA = "thanh_tra", _("Thanh tra")
    KHAC = "khac", _("Khác")


class Organisation(IsDemo):
    unit = models.ForeignKey(
        AdminUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="organisations"
    )
    kind = models.CharField(_("loại"), max_length=32, choices=OrganisationKind.choices)
    name = models.CharField(_("tên"), max_length=255)

    class Meta:
        verbose_name = _("cơ quan, tổ chức")
        verbose_name_plural = _("cơ quan, tổ chức")
        constraints = [
            models.UniqueConstraint(fields=["unit", "kind", "name"], name="organisation_unique_per_unit")
        ]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    title = models.CharField(_("chức vụ"), max_length=200, blank=True)
    is_demo = models.BooleanField(_("tài khoản mẫu"), default=False)

    class Meta:
        verbose_name = _("tài khoản")
        verbose_name_plural = _("tài khoản")

    def __str__(self) -> str:
        return self.full_name or self.username


class Role(models.TextChoices):
    OFFICER = "officer", _("Cán bộ")
    UNIT_HEAD = "unit_head", _("Lãnh đạo đơn vị")
    SUPERVISOR = "supervisor", _("Giám sát (tỉnh, trung ương)")
    VERIFIER = "verifier", _("Người xác minh")
    ADMIN = "admin", _("Quản trị hệ thống")
    COLLABORATOR = "collaborator", _("Cộng tác viên dư luận xã hội")


class RoleAssignment(models.Model):
    """A user's role at a unit; it reaches the unit's whole subtree."""

    user = models.ForeignKey(
        User, verbose_name=_("tài khoản"), on_delete=models.CASCADE, related_name="roles"
    )
    unit = models.ForeignKey(
        AdminUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="role_assignments"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("cơ quan"), null=True, blank=True, on_delete=models.PROTECT
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("phân quyền")
        verbose_name_plural = _("phân quyền")
        constraints = [models.UniqueConstraint(fields=["user", "unit", "role"], name="role_unique_per_unit")]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit}"


class SavedFilter(models.Model):
    """A list's filters as one person saved them under a name ("Đơn quá hạn của xã tôi"): only she sees it."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="saved_filters")
    list_name = models.CharField(_("danh sách"), max_length=60)
    name = models.CharField(_("tên bộ lọc"), max_length=80)
    query = models.CharField(_("điều kiện lọc"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("ngày lưu"))

    class Meta:
        verbose_name = _("bộ lọc đã lưu")
        verbose_name_plural = _("bộ lọc đã lưu")
        ordering = ["list_name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "list_name", "name"], name="saved_filter_user_list_name_uniq"
            )
        ]

    def __str__(self) -> str:
        return self.name
