"""REST API of the territory (mounted at /api/v1/ by the api app): public, no authentication."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router

from danvan.core.apikit import CODE_PATTERN, ERR, ApiError, Page, Paging, UnitRef, page
from danvan.core.text import fold
from danvan.territory.models import AdminUnit
from danvan.territory.selectors import UnknownUnitError, get_unit

router = Router(tags=["Địa bàn"])


class UnitOut(UnitRef):
    parent: str | None
    division_type: str
    path: str


class UnitPage(Page):
    items: list[UnitOut]


class UnitFilters(Paging):
    parent: str | None = Field(None, pattern=CODE_PATTERN, description="Mã GSO của đơn vị cha.")
    level: int | None = Field(None, ge=0, le=2, description="0 quốc gia, 1 tỉnh, 2 xã.")
    q: str | None = Field(None, max_length=100, description="Tên (không phân biệt dấu).")


def units(
    *, parent: str | None = None, level: int | None = None, q: str | None = None
) -> QuerySet[AdminUnit]:
    """The territory is public information."""
    qs = AdminUnit.objects.select_related("parent").order_by("path")
    if parent:
        try:
            qs = qs.filter(parent=get_unit(parent))
        except UnknownUnitError:
            return qs.none()
    if level is not None:
        qs = qs.filter(level=level)
    if q:
        qs = qs.filter(folded_name__contains=fold(q))
    return qs


def unit_out(unit: AdminUnit) -> dict[str, Any]:
    return {
        "code": unit.code,
        "name": unit.name,
        "level": unit.level,
        "parent": unit.parent.code if unit.parent_id and unit.parent else None,
        "division_type": unit.division_type,
        "path": unit.path,
    }


@router.get("/units", response={200: UnitPage, **ERR}, auth=None)
def list_units(request: HttpRequest, filters: Query[UnitFilters]) -> dict[str, Any]:
    """Đơn vị hành chính (34 tỉnh, 3.321 xã): thông tin công khai."""
    count, rows = page(
        units(parent=filters.parent, level=filters.level, q=filters.q), filters.limit, filters.offset
    )
    return {
        "count": count,
        "limit": filters.limit,
        "offset": filters.offset,
        "items": [unit_out(u) for u in rows],
    }


@router.get("/units/{code}", response={200: UnitOut, **ERR}, auth=None)
def get_unit_detail(request: HttpRequest, code: str) -> dict[str, Any]:
    try:
        unit = get_unit(code)
    except UnknownUnitError as exc:
        raise ApiError(404, "unknown_unit", str(exc)) from exc
    return unit_out(unit)
