"""Reads of the territory: subtree queries and name/address resolution (old names included)."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.utils.translation import gettext as _

from danvan.core.text import fold_words
from danvan.territory.models import NATION_CODE, AdminUnit, LegacyProvince, Level
from danvan.territory.names import lookup_key


class UnknownUnitError(LookupError):
    """Raised with a Vietnamese message when a unit cannot be resolved."""


def nation() -> AdminUnit:
    unit = _cached_unit(_unit_index().by_code.get(NATION_CODE))
    return unit if unit is not None else AdminUnit.objects.get(code=NATION_CODE)


def get_unit(code: str) -> AdminUnit:
    unit = _cached_unit(_unit_index().by_code.get(code.strip())) or (
        AdminUnit.objects.filter(code=code.strip()).first()
    )
    if unit is None and code.strip().isdigit():
        digits = code.strip()
        unit = AdminUnit.objects.filter(code__in=[digits.zfill(2), digits.zfill(5)]).order_by("level").first()
    if unit is None:
        raise UnknownUnitError(_("Không tìm thấy đơn vị hành chính có mã “%(code)s”.") % {"code": code})
    return unit


def subtree(unit: AdminUnit) -> Any:
    return AdminUnit.objects.subtree(unit)


@dataclass(frozen=True)
class _ProvinceIndex:
    current: dict[str, int]  # lookup key -> AdminUnit id
    legacy: dict[str, int]  # lookup key of an old province -> AdminUnit id of today's province


@lru_cache(maxsize=1)
def _province_index() -> _ProvinceIndex:
    current = {lookup_key(u.name): u.pk for u in AdminUnit.objects.filter(level=Level.PROVINCE)}
    legacy = {lookup_key(p.name): p.current_id for p in LegacyProvince.objects.all()}
    return _ProvinceIndex(current=current, legacy=legacy)


_UNIT_FIELDS = tuple(f.attname for f in AdminUnit._meta.concrete_fields)


@dataclass(frozen=True)
class _UnitIndex:
    rows: dict[int, tuple[Any, ...]]  # AdminUnit id -> its column values (in _UNIT_FIELDS order)
    by_code: dict[str, int]


@lru_cache(maxsize=1)
def _unit_index() -> _UnitIndex:
    """Every unit's row (about 3,400), loaded once per process: resolving an address needs no query.

    The territory is reference data, loaded at deployment (`danvan territory load`, which clears these
    caches in its own process); a running server picks up a reloaded territory when it restarts.
    """
    rows = {row[0]: row for row in AdminUnit.objects.values_list(*_UNIT_FIELDS)}
    code_at = _UNIT_FIELDS.index("code")
    return _UnitIndex(rows=rows, by_code={row[code_at]: pk for pk, row in rows.items()})


def _cached_unit(unit_id: int | None) -> AdminUnit | None:
    """A fresh AdminUnit instance (with its parents attached) built from the in-memory index."""
    row = _unit_index().rows.get(unit_id) if unit_id is not None else None
    if row is None:
        return None
    unit = AdminUnit.from_db(AdminUnit.objects.db, _UNIT_FIELDS, row)
    if unit.parent_id is not None:
        parent = _cached_unit(unit.parent_id)
        if parent is not None:
            unit.parent = parent
    return unit


def clear_caches() -> None:
    _province_index.cache_clear()
    _commune_index.cache_clear()
    _unit_index.cache_clear()


def resolve_province(name: str) -> AdminUnit | None:
    """Today's province for a current or pre-2025 name, ignoring case, diacritics and prefixes.

    "tp hcm", "Thành phố Hồ Chí Minh", "TP. Hồ Chí Minh" -> 79; "Bạc Liêu" -> Cà Mau (96).
    """
    key = lookup_key(name)
    if not key:
        return None
    index = _province_index()
    unit_id = index.current.get(key) or index.legacy.get(key)
    if unit_id is None and key.isdigit():
        unit = AdminUnit.objects.filter(level=Level.PROVINCE, code=key.zfill(2)).first()
        if unit:
            return unit
        legacy = LegacyProvince.objects.filter(code=key.zfill(2)).select_related("current").first()
        return legacy.current if legacy else None
    if not unit_id:
        return None
    return _cached_unit(unit_id) or AdminUnit.objects.get(pk=unit_id)


def is_legacy_province_name(name: str) -> bool:
    key = lookup_key(name)
    index = _province_index()
    return key in index.legacy and key not in index.current


@lru_cache(maxsize=1)
def _commune_index() -> dict[str, list[tuple[int, str]]]:
    """Lookup key of a commune -> [(unit id, province code)], for today's communes."""
    index: dict[str, list[tuple[int, str]]] = {}
    for unit_id, name, path in AdminUnit.objects.filter(level=Level.COMMUNE).values_list(
        "id", "name", "path"
    ):
        index.setdefault(lookup_key(name), []).append((unit_id, path.split("/")[1]))
    return index


def resolve_commune(name: str, province: AdminUnit | None = None) -> AdminUnit | None:
    matches = _commune_index().get(lookup_key(name), [])
    if province is not None:
        matches = [m for m in matches if m[1] == province.code]
    if len(matches) == 1:
        return _cached_unit(matches[0][0]) or AdminUnit.objects.get(pk=matches[0][0])
    return None


_converter_lock = threading.Lock()


def _convert_old_address(text: str) -> tuple[str, str] | None:
    """(new ward name, new province name) for a pre-2025 address, via vietnam-address-converter."""
    with _converter_lock:
        from vietnam_address_converter import auto_convert_address

        result = auto_convert_address(text)
    converted = (result or {}).get("converted_new") or {}
    ward = (converted.get("ward") or {}).get("name_with_type")
    province = (converted.get("province") or {}).get("name_with_type")
    if not ward or not province:
        return None
    return ward, province


_SPLIT = re.compile(r"[,;\-–]")


def resolve_address(text: str) -> AdminUnit | None:
    """The commune (or, failing that, the province) of a free-text address, old or new.

    Tries today's names first ("Phường Bàn Cờ, TP. Hồ Chí Minh"), then converts a pre-2025 address
    ("xã Vĩnh Hưng, huyện Vĩnh Lợi, tỉnh Bạc Liêu" -> Xã Châu Thới, Cà Mau).
    """
    parts = [p.strip() for p in _SPLIT.split(text) if p.strip()]
    if not parts:
        return None
    province: AdminUnit | None = None
    for part in reversed(parts):
        province = resolve_province(part)
        if province is not None:
            break
    legacy_hint = any(w in fold_words(text) for w in ("huyen", "quan ", "thi tran", "thi xa")) or any(
        is_legacy_province_name(p) for p in parts
    )
    if not legacy_hint:
        for part in parts:
            commune = resolve_commune(part, province)
            if commune is not None:
                return commune
    converted = _convert_old_address(text)
    if converted is not None:
        new_province = resolve_province(converted[1])
        commune = resolve_commune(converted[0], new_province)
        if commune is not None:
            return commune
    return province
