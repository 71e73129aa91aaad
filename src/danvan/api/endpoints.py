"""REST endpoints of /api/v1/ (territory, taxonomy, petitions, public tracking, other modules' records)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Schema, Status
from pydantic import BeforeValidator

from danvan.api import schemas, selectors, services
from danvan.api.api import ERROR_CODES, api
from danvan.api.auth import AUTH, principal, require_write
from danvan.api.errors import ApiError
from danvan.petitions import selectors as petition_selectors
from danvan.petitions.models import Channel, State
from danvan.territory.selectors import UnknownUnitError, get_unit

ERR = {code: schemas.ErrorOut for code in ERROR_CODES}
CODE_PATTERN = r"^[0-9A-Za-z]{1,10}$"


def _iso_date(value: Any) -> Any:
    """Only YYYY-MM-DD: pydantic alone would also take a number of seconds as a date."""
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("Ngày phải có dạng YYYY-MM-DD.")
    if not isinstance(value, (str, dt.date)):
        raise ValueError("Ngày phải có dạng YYYY-MM-DD.")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]


class Paging(Schema):
    limit: int = Field(50, ge=1, le=selectors.MAX_LIMIT, description="Số bản ghi mỗi trang (1–200).")
    offset: int = Field(0, ge=0, le=10_000_000, description="Bỏ qua bao nhiêu bản ghi.")


class UnitFilters(Paging):
    parent: str | None = Field(None, pattern=CODE_PATTERN, description="Mã GSO của đơn vị cha.")
    level: int | None = Field(None, ge=0, le=2, description="0 quốc gia, 1 tỉnh, 2 xã.")
    q: str | None = Field(None, max_length=100, description="Tên (không phân biệt dấu).")


class PetitionQuery(Paging):
    kind: Literal["feedback", "proposal", "complaint", "denunciation"] | None = None
    state: Literal[tuple(State.values)] | None = None  # type: ignore[valid-type]
    field: str | None = Field(None, max_length=40, description="Mã lĩnh vực.")
    unit: str | None = Field(None, pattern=CODE_PATTERN, description="Mã GSO: cả địa bàn trực thuộc.")
    due: Literal["overdue", "soon"] | None = None
    received_from: IsoDate | None = Field(None, description="Nhận từ ngày (YYYY-MM-DD).")
    received_to: IsoDate | None = Field(None, description="Nhận đến hết ngày (YYYY-MM-DD).")
    q: str | None = Field(None, max_length=200, description="Tìm kiếm không phân biệt dấu, hoặc mã hồ sơ.")


@api.get("/units", response={200: schemas.UnitPage, **ERR}, tags=["Địa bàn"], auth=None)
def list_units(request: HttpRequest, filters: Query[UnitFilters]) -> dict[str, Any]:
    """Đơn vị hành chính (34 tỉnh, 3.321 xã): thông tin công khai."""
    count, rows = selectors.page(
        selectors.units(parent=filters.parent, level=filters.level, q=filters.q),
        filters.limit,
        filters.offset,
    )
    return {
        "count": count,
        "limit": filters.limit,
        "offset": filters.offset,
        "items": [selectors.unit_out(u) for u in rows],
    }


@api.get("/units/{code}", response={200: schemas.UnitOut, **ERR}, tags=["Địa bàn"], auth=None)
def get_unit_detail(request: HttpRequest, code: str) -> dict[str, Any]:
    try:
        unit = get_unit(code)
    except UnknownUnitError as exc:
        raise ApiError(404, "unknown_unit", str(exc)) from exc
    return selectors.unit_out(unit)


@api.get("/fields", response={200: list[schemas.TaxonomyFieldOut], **ERR}, tags=["Đơn thư"], auth=None)
def list_fields(request: HttpRequest) -> list[dict[str, Any]]:
    """Lĩnh vực (phân loại đơn thư)."""
    return [{"code": f.code, "name": f.name, "description": f.description} for f in selectors.taxonomy()]


@api.get("/petitions", response={200: schemas.PetitionPage, **ERR}, tags=["Đơn thư"], auth=AUTH)
def list_petitions(request: HttpRequest, filters: Query[PetitionQuery]) -> dict[str, Any]:
    """Đơn thư thuộc địa bàn của khóa hoặc của người đăng nhập, lọc và phân trang."""
    who = principal(request)
    qs = selectors.petitions(
        who.scope,
        selectors.PetitionFilters(
            kind=filters.kind,
            state=filters.state,
            field=filters.field,
            unit=filters.unit,
            due=filters.due,
            received_from=filters.received_from,
            received_to=filters.received_to,
            q=filters.q,
        ),
    )
    count, rows = selectors.page(qs, filters.limit, filters.offset)
    return {
        "count": count,
        "limit": filters.limit,
        "offset": filters.offset,
        "items": [selectors.petition_out(p) for p in rows],
    }


@api.get("/petitions/{petition_id}", response={200: schemas.PetitionOut, **ERR}, tags=["Đơn thư"], auth=AUTH)
def get_petition(request: HttpRequest, petition_id: int) -> dict[str, Any]:
    if not 0 < petition_id < 2**62:
        raise ApiError(404, "not_found", "Không tìm thấy bản ghi trong phạm vi của bạn.")
    return selectors.petition_out(selectors.petition(principal(request).scope, petition_id))


@api.post(
    "/petitions",
    response={201: schemas.ReceiptOut, 200: schemas.ReceiptOut, **ERR},
    tags=["Đơn thư"],
    auth=AUTH,
)
def create_petition(request: HttpRequest, payload: schemas.PetitionIn) -> Status[dict[str, Any]]:
    """Gửi một đơn (khóa có quyền ghi). Trả về biên nhận với mã hồ sơ để tra cứu.

    Tiêu đề `Idempotency-Key` (tùy chọn): gửi lại cùng khóa sẽ nhận lại biên nhận cũ (200), không tạo đơn mới.
    """
    who = require_write(request)
    data = {k: v for k, v in payload.model_dump().items() if v is not None}
    key = request.headers.get("Idempotency-Key")
    petition, created = services.submit(principal=who, channel=Channel.API, data=data, idempotency_key=key)
    receipt = {
        "id": petition.pk,
        "tracking_code": petition.tracking_code,
        "state": petition.state,
        "unit": selectors.unit_ref(petition.unit),
        "received_at": timezone.localtime(petition.received_at),
    }
    return Status(201 if created else 200, receipt)


@api.get("/track/{code}", response={200: schemas.TrackOut, **ERR}, tags=["Đơn thư"], auth=None)
def track(request: HttpRequest, code: str) -> dict[str, Any]:
    """Tra cứu công khai theo mã hồ sơ: trạng thái và trả lời đã công khai, không có thông tin cá nhân."""
    status = petition_selectors.public_status(code[:40])
    if status is None:
        raise ApiError(
            404, "unknown_code", "Không tìm thấy hồ sơ với mã này. Hãy kiểm tra mã trên giấy biên nhận."
        )
    return {
        "tracking_code": status.tracking_code,
        "kind_label": status.kind,
        "state": status.state_code,
        "state_label": status.state,
        "unit": status.unit_name,
        "received_on": status.received_on,
        "due_date": status.due_date,
        "answer": status.answer or None,
        "history": [{"at": timezone.localtime(at), "action": label} for at, label in status.steps],
    }


def _register_records() -> None:
    """GET /{resource} (paginated) and GET /{resource}/{id} for each module's records."""
    from danvan.api.records import RESOURCES, Resource, record_out

    for resource in RESOURCES:

        def make(res: Resource) -> None:
            tag = res.summary

            @api.get(
                f"/{res.path}",
                response={200: schemas.RecordPage, **ERR},
                tags=[tag],
                auth=AUTH,
                operation_id=f"list_{res.type}",
                summary=f"{res.summary}: danh sách",
            )
            def list_records(request: HttpRequest, paging: Query[Paging]) -> dict[str, Any]:
                count, rows = selectors.page(
                    res.queryset(principal(request).scope), paging.limit, paging.offset
                )
                return {
                    "count": count,
                    "limit": paging.limit,
                    "offset": paging.offset,
                    "items": [record_out(res, o) for o in rows],
                }

            @api.get(
                f"/{res.path}/{{record_id}}",
                response={200: schemas.RecordOut, **ERR},
                tags=[tag],
                auth=AUTH,
                operation_id=f"get_{res.type}",
                summary=f"{res.summary}: chi tiết",
            )
            def get_record(request: HttpRequest, record_id: int) -> dict[str, Any]:
                if not 0 < record_id < 2**62:
                    raise ApiError(404, "not_found", "Không tìm thấy bản ghi trong phạm vi của bạn.")
                obj = res.queryset(principal(request).scope).filter(pk=record_id).first()
                if obj is None:
                    raise ApiError(404, "not_found", "Không tìm thấy bản ghi trong phạm vi của bạn.")
                return record_out(res, obj)

        make(resource)


_register_records()
