"""Loading the territory from the `vietnam-provinces` package (never typed by hand)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from vietnam_provinces import Province, Ward
from vietnam_provinces._province_conversion_2025 import OLD_TO_NEW
from vietnam_provinces.legacy import Province as LegacyProvinceData

from danvan.core.text import fold
from danvan.territory.models import NATION_CODE, AdminUnit, LegacyProvince, Level
from danvan.territory.names import strip_prefix

NATION_NAME = "Việt Nam"


@dataclass(frozen=True)
class LoadResult:
    provinces: int
    communes: int
    legacy_provinces: int
    created: int


def _province_code(code: int) -> str:
    return f"{int(code):02d}"


def _ward_code(code: int) -> str:
    return f"{int(code):05d}"


def load_territory(progress: Callable[[int], None] | None = None) -> LoadResult:
    """Create or update the nation, 34 provinces, 3,321 communes and the 63 legacy provinces.

    Idempotent: a second run changes nothing. One transaction.
    """
    provinces = sorted(Province.iter_all(), key=lambda p: int(p.code))
    wards = sorted(Ward.iter_all(), key=lambda w: int(w.code))
    before = AdminUnit.objects.count()
    with transaction.atomic():
        nation, _ = AdminUnit.objects.update_or_create(
            code=NATION_CODE,
            defaults={
                "name": NATION_NAME,
                "short_name": NATION_NAME,
                "division_type": "quốc gia",
                "level": Level.NATION,
                "parent": None,
                "path": f"{NATION_CODE}/",
                "folded_name": fold(NATION_NAME),
            },
        )
        AdminUnit.objects.bulk_create(
            [
                AdminUnit(
                    code=_province_code(p.code),
                    name=p.name,
                    short_name=strip_prefix(p.name),
                    division_type=str(p.division_type),
                    level=Level.PROVINCE,
                    parent=nation,
                    path=f"{NATION_CODE}/{_province_code(p.code)}/",
                    folded_name=fold(strip_prefix(p.name)),
                )
                for p in provinces
            ],
            update_conflicts=True,
            unique_fields=["code"],
            update_fields=["name", "short_name", "division_type", "level", "parent", "path", "folded_name"],
        )
        if progress:
            progress(len(provinces) + 1)
        province_ids = dict(AdminUnit.objects.filter(level=Level.PROVINCE).values_list("code", "id"))
        batch = 500
        for start in range(0, len(wards), batch):
            chunk = wards[start : start + batch]
            AdminUnit.objects.bulk_create(
                [
                    AdminUnit(
                        code=_ward_code(w.code),
                        name=w.name,
                        short_name=strip_prefix(w.name),
                        division_type=str(w.division_type),
                        level=Level.COMMUNE,
                        parent_id=province_ids[_province_code(w.province_code)],
                        path=f"{NATION_CODE}/{_province_code(w.province_code)}/{_ward_code(w.code)}/",
                        folded_name=fold(strip_prefix(w.name)),
                    )
                    for w in chunk
                ],
                update_conflicts=True,
                unique_fields=["code"],
                update_fields=[
                    "name",
                    "short_name",
                    "division_type",
                    "level",
                    "parent",
                    "path",
                    "folded_name",
                ],
            )
            if progress:
                progress(len(chunk))
        legacy = list(LegacyProvinceData.iter_all())
        for old in legacy:
            entry = OLD_TO_NEW[int(old.code)]
            new_codes = [int(ref.code) for ref in entry.new_provinces]
            # An old province split between two new ones (Tiền Giang) maps to the one keeping its code.
            new_code = int(old.code) if int(old.code) in new_codes else new_codes[0]
            LegacyProvince.objects.update_or_create(
                code=_province_code(old.code),
                defaults={
                    "name": old.name,
                    "folded_name": fold(strip_prefix(old.name)),
                    "current_id": province_ids[_province_code(new_code)],
                },
            )
        if progress:
            progress(len(legacy))
    return LoadResult(
        provinces=len(provinces),
        communes=len(wards),
        legacy_provinces=len(legacy),
        created=AdminUnit.objects.count() - before,
    )
