"""Building blocks of the REST API that every module's router uses (`danvan.<module>.api`).

The `api` app owns the `NinjaAPI` instance, authentication (tokens, web session) and the mounting of
each module's `Router`; a module's router only needs what is here: the one error type and body, the
caller (`principal`, `require_write`), paging, the compact unit reference, and the read-only record
resources. Nothing here imports an app of the project: the caller's scope is the accounts app's
`Scope`, received through the request.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Protocol, runtime_checkable

from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import NoReverseMatch, reverse
from ninja import Field, Query, Router, Schema
from pydantic import BeforeValidator, ConfigDict, PlainSerializer, WithJsonSchema

from danvan.core import clock

# --- errors: one body for the whole API {"status", "code", "message", "errors": [{"field", "message"}]} --

ERROR_CODES = frozenset({400, 401, 403, 404, 413, 415})
NOT_FOUND = "Không tìm thấy bản ghi trong phạm vi của bạn."


# Instants leave the API in Vietnam time with their offset: 2026-12-03T01:05:00+07:00.
LocalDateTime = Annotated[
    dt.datetime,
    PlainSerializer(lambda value: clock.iso(value), return_type=str),
    WithJsonSchema({"type": "string", "format": "date-time", "example": "2026-12-03T01:05:00+07:00"}),
]


class ApiError(Exception):
    def __init__(
        self, status: int, code: str, message: str, errors: list[dict[str, str]] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.errors = errors or []


def error_body(
    status: int, code: str, message: str, errors: list[dict[str, str]] | None = None
) -> dict[str, Any]:
    return {"status": status, "code": code, "message": message, "errors": errors or []}


def error_response(
    status: int, code: str, message: str, errors: list[dict[str, str]] | None = None
) -> HttpResponse:
    return JsonResponse(
        error_body(status, code, message, errors), status=status, json_dumps_params={"ensure_ascii": False}
    )


def response_for(exc: ApiError) -> HttpResponse:
    return error_response(exc.status, exc.code, exc.message, exc.errors)


# --- the caller ----------------------------------------------------------------------------------------


@runtime_checkable
class Caller(Protocol):
    """Who calls the API (`api.tokens.Principal`): the acting user and the `accounts.scoping.Scope`."""

    actor: Any
    scope: Any
    can_write: bool


def principal(request: HttpRequest) -> Caller:
    found = getattr(request, "principal", None)
    if not isinstance(found, Caller):
        raise ApiError(401, "unauthorized", "Cần xác thực: gửi khóa API (Bearer) hoặc đăng nhập.")
    return found


def require_write(request: HttpRequest) -> Caller:
    found = principal(request)
    if not found.can_write:
        raise ApiError(403, "read_only", "Khóa API này chỉ có quyền đọc: hãy dùng khóa có quyền ghi (write).")
    return found


# --- shared schemas ------------------------------------------------------------------------------------

MAX_LIMIT = 200
CODE_PATTERN = r"^[0-9A-Za-z]{1,10}$"


class Strict(Schema):
    """Input schemas refuse unknown fields."""

    model_config = ConfigDict(extra="forbid")


class FieldError(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    status: int
    code: str
    message: str
    errors: list[FieldError]


ERR: dict[int, type[Schema]] = {code: ErrorOut for code in ERROR_CODES}


class UnitRef(Schema):
    code: str
    name: str
    level: int


class Page(Schema):
    count: int
    limit: int
    offset: int


class Paging(Schema):
    limit: int = Field(50, ge=1, le=MAX_LIMIT, description="Số bản ghi mỗi trang (1–200).")
    offset: int = Field(0, ge=0, le=10_000_000, description="Bỏ qua bao nhiêu bản ghi.")


def _iso_date(value: Any) -> Any:
    """Only YYYY-MM-DD: pydantic alone would also take a number of seconds as a date."""
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("Ngày phải có dạng YYYY-MM-DD.")
    if not isinstance(value, (str, dt.date)):
        raise ValueError("Ngày phải có dạng YYYY-MM-DD.")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]


def page(qs: QuerySet[Any], limit: int, offset: int) -> tuple[int, list[Any]]:
    limit = max(1, min(limit, MAX_LIMIT))
    return qs.count(), list(qs[offset : offset + limit])


def unit_ref(unit: Any) -> dict[str, Any] | None:
    """A `territory.AdminUnit` as `UnitRef` (None stays None)."""
    if unit is None:
        return None
    return {"code": unit.code, "name": unit.name, "level": unit.level}


# --- read-only record resources: GET /{path} (paginated) and GET /{path}/{id} ----------------------------


class RecordOut(Schema):
    """A read-only record of another module (receptions, dialogues, exemplars, reports, press)."""

    id: int
    type: str
    unit: UnitRef | None
    title: str
    state: str | None
    date: str | None
    url: str | None


class RecordPage(Page):
    items: list[RecordOut]


@dataclass(frozen=True)
class Resource:
    """One kind of record, read through its module's selector and the caller's scope.

    Every resource answers the same compact shape (`RecordOut`): id, type, unit, title, state, date and
    the web page's URL. Personal data (citizens' names at receptions, question askers, signers) is never
    included.
    """

    path: str
    type: str
    summary: str
    queryset: Callable[[Any], QuerySet[Any]]  # (scope) -> the records the scope may read
    title: Callable[[Any], str]
    state: Callable[[Any], str | None]
    date: Callable[[Any], Any]
    detail_url: str | None


def _date(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return clock.iso(value)
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def display(obj: Model, name: str) -> str | None:
    getter = getattr(obj, f"get_{name}_display", None)
    return str(getter()) if callable(getter) else None


def record_out(resource: Resource, obj: Any) -> dict[str, Any]:
    url: str | None = None
    if resource.detail_url:
        try:
            url = reverse(resource.detail_url, args=[obj.pk])
        except NoReverseMatch:
            url = None
    return {
        "id": obj.pk,
        "type": resource.type,
        "unit": unit_ref(getattr(obj, "unit", None)),
        "title": str(resource.title(obj) or "")[:300],
        "state": resource.state(obj),
        "date": _date(resource.date(obj)),
        "url": url,
    }


def records_router(resources: Sequence[Resource]) -> Router:
    """A router answering the list and the detail of each resource (authenticated by the mounting API)."""
    router = Router()
    for resource in resources:
        _add_resource(router, resource)
    return router


def _add_resource(router: Router, res: Resource) -> None:
    @router.get(
        f"/{res.path}",
        response={200: RecordPage, **ERR},
        tags=[res.summary],
        operation_id=f"list_{res.type}",
        summary=f"{res.summary}: danh sách",
    )
    def list_records(request: HttpRequest, paging: Query[Paging]) -> dict[str, Any]:
        count, rows = page(res.queryset(principal(request).scope), paging.limit, paging.offset)
        return {
            "count": count,
            "limit": paging.limit,
            "offset": paging.offset,
            "items": [record_out(res, o) for o in rows],
        }

    @router.get(
        f"/{res.path}/{{record_id}}",
        response={200: RecordOut, **ERR},
        tags=[res.summary],
        operation_id=f"get_{res.type}",
        summary=f"{res.summary}: chi tiết",
    )
    def get_record(request: HttpRequest, record_id: int) -> dict[str, Any]:
        if not 0 < record_id < 2**62:
            raise ApiError(404, "not_found", NOT_FOUND)
        obj = res.queryset(principal(request).scope).filter(pk=record_id).first()
        if obj is None:
            raise ApiError(404, "not_found", NOT_FOUND)
        return record_out(res, obj)
