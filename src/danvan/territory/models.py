"""Vietnam's territory since 1 July 2025: the nation, 34 provinces, 3,321 communes (GSO codes)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

NATION_CODE = "VN"
SUBTREE_END = "~"  # sorts after "/" and digits: path range [p, p + "~") is "everything under p"


def subtree_range(path: str) -> tuple[str, str]:
    """[low, high): every path in the subtree rooted at `path` (itself included) sorts in this range."""
    return path, path + SUBTREE_END


def subtree_q(root: AdminUnit | str, lookup: str = "path") -> models.Q:
    """The one subtree predicate: rows whose materialised path lies under `root` (a unit or its path).

    `lookup` names the path column: "path" on AdminUnit itself, "unit__path" through a unit foreign key,
    "dialogue__unit__path" further away, or a copied path column such as "unit_path". An index on the
    path serves it as one range scan.
    """
    low, high = subtree_range(root if isinstance(root, str) else root.path)
    return models.Q(**{f"{lookup}__gte": low, f"{lookup}__lt": high})


class Level(models.IntegerChoices):
    NATION = 0, _("Trung ương")
    PROVINCE = 1, _("Tỉnh, thành phố")
    COMMUNE = 2, _("Xã, phường, đặc khu")


class AdminUnitQuerySet(models.QuerySet["AdminUnit"]):
    def subtree(self, unit: AdminUnit) -> AdminUnitQuerySet:
        return self.filter(subtree_q(unit))

    def provinces(self) -> AdminUnitQuerySet:
        return self.filter(level=Level.PROVINCE)

    def communes(self) -> AdminUnitQuerySet:
        return self.filter(level=Level.COMMUNE)


class AdminUnit(models.Model):
    """A unit of the territory. `path` is materialised ("VN/79/26734/") so a subtree is one range scan."""

    code = models.CharField(_("mã GSO"), max_length=10, unique=True)
    name = models.CharField(_("tên"), max_length=150)
    short_name = models.CharField(_("tên rút gọn"), max_length=150)
    division_type = models.CharField(_("loại"), max_length=50)
    level = models.PositiveSmallIntegerField(_("cấp"), choices=Level.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(_("đường dẫn"), max_length=64, unique=True)
    folded_name = models.CharField(_("tên không dấu"), max_length=150, db_index=True)

    objects = AdminUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    @property
    def province_code(self) -> str | None:
        parts = self.path.strip("/").split("/")
        return parts[1] if len(parts) > 1 else None

    @property
    def is_commune(self) -> bool:
        return self.level == Level.COMMUNE

    def contains(self, other: AdminUnit) -> bool:
        return other.path.startswith(self.path)

    def ancestors_paths(self) -> list[str]:
        parts = self.path.strip("/").split("/")
        return ["/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


class LegacyProvince(models.Model):
    """One of the 63 provinces before 1 July 2025, and the province that contains it today."""

    code = models.CharField(_("mã cũ"), max_length=4, unique=True)
    name = models.CharField(_("tên cũ"), max_length=150)
    folded_name = models.CharField(max_length=150, db_index=True)
    current = models.ForeignKey(AdminUnit, verbose_name=_("thuộc tỉnh mới"), on_delete=models.PROTECT)

    class Meta:
        verbose_name = _("tỉnh trước sáp nhập")
        verbose_name_plural = _("tỉnh trước sáp nhập")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name} → {self.current.name}"


class InUnit(models.Model):
    """A record that belongs to one administrative unit: the scope (accounts.scoping) filters on it."""

    unit = models.ForeignKey(AdminUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        abstract = True


class VillageKind(models.TextChoices):
    THON = "thon", _("Thôn")
    TO_DAN_PHO = "to_dan_pho", _("Tổ dân phố")
    BAN = "ban", _("Bản")
    AP = "ap", _("Ấp")
    BUON = "buon", _("Buôn")
    PHUM = "phum", _("Phum")
    SOC = "soc", _("Sóc")
    OTHER = "other", _("Khác")


class Village(models.Model):
    """Thôn, tổ dân phố, bản, ấp…: the community level below a commune, registered by the commune.

    `unit` is the commune (scoping goes through it like every record); `code` is the commune's own
    code for the village, unique within the commune.
    """

    unit = models.ForeignKey(
        AdminUnit, verbose_name=_("xã, phường, đặc khu"), on_delete=models.PROTECT, related_name="villages"
    )
    code = models.CharField(_("mã thôn"), max_length=20)
    name = models.CharField(_("tên"), max_length=150)
    kind = models.CharField(_("loại"), max_length=20, choices=VillageKind.choices, default=VillageKind.THON)
    folded_name = models.CharField(_("tên không dấu"), max_length=150, db_index=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    is_demo = models.BooleanField(default=False)
    created_at = models.DateTimeField(_("ngày đăng ký"))

    class Meta:
        verbose_name = _("thôn, tổ dân phố")
        verbose_name_plural = _("thôn, tổ dân phố")
        ordering = ["unit__path", "code"]
        constraints = [models.UniqueConstraint(fields=["unit", "code"], name="village_unit_code_uniq")]

    def __str__(self) -> str:
        return self.name
