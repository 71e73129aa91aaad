"""REST API of reporting (mounted at /api/v1/ by the api app): reports and conferences, read-only, and
the figures of a unit for a period: the catalogue's definitions, as the dashboard, the reports and their
DOCX/XLSX give them (issue #15)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Schema

from danvan.accounts.scoping import Scope
from danvan.core.apikit import CODE_PATTERN, ERR, ApiError, Resource, UnitRef, principal, records_router
from danvan.reporting import catalogue as cat
from danvan.reporting import selectors
from danvan.reporting.models import Conference, Period
from danvan.territory.models import AdminUnit


def _conferences(scope: Scope) -> QuerySet[Any]:
    return scope.filter(Conference.objects.select_related("unit")).order_by("-held_on", "-id")


RESOURCES = [
    Resource(
        "reports",
        "report",
        "Báo cáo sơ kết, tổng kết",
        lambda scope: selectors.reports(scope).order_by("-id"),
        lambda o: o.title,
        lambda o: o.status,
        lambda o: o.submitted_at or o.created_at,
        "reporting:report_detail",
    ),
    Resource(
        "conferences",
        "conference",
        "Hội nghị",
        _conferences,
        lambda o: o.title,
        lambda o: o.kind,
        lambda o: o.held_on,
        "reporting:conference_detail",
    ),
]

router = records_router(RESOURCES)


class FiguresQuery(Schema):
    unit: str | None = Field(
        None, pattern=CODE_PATTERN, description="Mã đơn vị (mặc định: đơn vị của người gọi)."
    )
    period: int | None = Field(None, ge=1, lt=2**62, description="Mã kỳ báo cáo (mặc định: kỳ đang xem xét).")


class PeriodOut(Schema):
    id: int
    name: str
    start: str
    end: str


class FigureOut(Schema):
    code: str
    name: str
    unit: str
    base: str = Field(description="Ngày đưa bản ghi vào kỳ (tiếp nhận, giải quyết, tổ chức…).")
    stock: bool = Field(description="Số tồn, tính tại ngày `as_of` (quá hạn, đang mở).")
    value: float | None
    target: float | None


class FiguresOut(Schema):
    unit: UnitRef
    period: PeriodOut
    live: bool = Field(description="Tính trực tiếp từ dữ liệu (false: số liệu đã khóa khi khóa kỳ).")
    as_of: str = Field(description="Ngày tính các số tồn: cuối kỳ nếu đã qua, hôm nay nếu kỳ đang diễn ra.")
    label: str
    figures: list[FigureOut]


NOT_FOUND = "Không tìm thấy đơn vị hoặc kỳ báo cáo trong phạm vi của bạn."


@router.get(
    "/figures",
    response={200: FiguresOut, **ERR},
    tags=["Số liệu"],
    operation_id="get_figures",
    summary="Số liệu chỉ tiêu của một đơn vị trong một kỳ",
)
def figures(request: HttpRequest, query: Query[FiguresQuery]) -> dict[str, Any]:
    scope = principal(request).scope
    unit = AdminUnit.objects.filter(code=query.unit).first() if query.unit else scope.home_unit()
    if unit is None or not scope.can_see(unit):
        raise ApiError(404, "not_found", NOT_FOUND)
    period = (
        Period.objects.filter(pk=query.period).first()
        if query.period is not None
        else selectors.default_period()
    )
    if period is None:
        raise ApiError(404, "not_found", NOT_FOUND)
    tables = selectors.build_tables(unit, period)
    out = []
    for row in tables["rows"]:
        indicator = cat.get(row["code"])
        out.append(
            {**{k: row[k] for k in ("code", "name", "unit", "value", "target")},
             "base": str(indicator.base) if indicator else "", "stock": bool(indicator and indicator.stock)}
        )  # fmt: skip
    return {
        "unit": {"code": unit.code, "name": unit.name, "level": unit.level},
        "period": {"id": period.pk, "name": period.name, "start": period.start.isoformat(),
                   "end": period.end.isoformat()},
        "live": tables["live"],
        "as_of": tables["as_of"],
        "label": tables["as_of_label"],
        "figures": out,
    }  # fmt: skip
