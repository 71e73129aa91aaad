"""REST API of petitions (mounted at /api/v1/ by the api app): fields, petitions, submission, tracking.

Submissions with an `Idempotency-Key` are an API client's concern (the key belongs to its token): the
api app passes the submitting function to :func:`build_router`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from danvan.accounts.scoping import Scope
from danvan.core import clock
from danvan.core.apikit import (
    CODE_PATTERN,
    ERR,
    NOT_FOUND,
    ApiError,
    Caller,
    IsoDate,
    LocalDateTime,
    Page,
    Paging,
    Strict,
    UnitRef,
    page,
    principal,
    require_write,
    unit_ref,
)
from danvan.petitions import selectors as petition_selectors
from danvan.petitions.models import Channel, Kind, Petition, State
from danvan.petitions.models import Field as PetitionField

TAGS = ["Đơn thư"]

# --- schemas -------------------------------------------------------------------------------------------


class TaxonomyFieldOut(Schema):
    code: str
    name: str
    description: str


PetitionKind = Literal["feedback", "proposal", "complaint", "denunciation"]


class PetitionOut(Schema):
    id: int
    tracking_code: str
    kind: str
    kind_label: str
    state: str
    state_label: str
    channel: str
    unit: UnitRef
    received_unit: UnitRef
    place: UnitRef | None
    field: str | None
    title: str
    content: str = Field(description="Với đơn tố cáo: bản đã che danh tính người tố cáo.")
    received_at: LocalDateTime
    due_date: dt.date | None
    is_collective: bool
    signer_count: int
    is_skip_level: bool
    answer: str | None


class PetitionPage(Page):
    items: list[PetitionOut]


class PetitionIn(Strict):
    kind: PetitionKind
    title: str = Field(min_length=1, max_length=200)
    content: str = Field(min_length=20, max_length=20000)
    field: str | None = Field(None, max_length=40, description="Mã lĩnh vực; bỏ trống để hệ thống gợi ý.")
    address: str | None = Field(
        None, max_length=300, description="Nơi xảy ra sự việc (địa chỉ cũ cũng được)."
    )
    place_code: str | None = Field(
        None, max_length=10, description="Mã GSO của xã, phường nơi xảy ra sự việc."
    )
    incident_date: dt.date | None = None
    petitioner_name: str = Field(min_length=1, max_length=150)
    petitioner_phone: str | None = Field(None, max_length=30)
    petitioner_email: str | None = Field(None, max_length=254)
    petitioner_address: str | None = Field(None, max_length=300)
    petitioner_id_number: str | None = Field(
        None, max_length=20, description="Số CMND (9 chữ số) hoặc CCCD (12 chữ số); được mã hóa."
    )
    is_collective: bool = False
    signer_count: int | None = Field(None, ge=1, le=100000)
    representatives: str | None = Field(None, max_length=2000)
    decision_complained: str | None = Field(None, max_length=300)
    decision_known_on: dt.date | None = None
    previous_code: str | None = Field(None, max_length=20)
    accused: str | None = Field(None, max_length=300)
    accused_act: str | None = Field(None, max_length=5000)


class ReceiptOut(Schema):
    id: int
    tracking_code: str
    state: str
    unit: UnitRef
    received_at: LocalDateTime
    citizen_key: str = Field(
        "",
        description="Mã xác nhận của người gửi (cùng mã hồ sơ, để đánh giá kết quả): chỉ trả về một lần, "
        "khi đơn vừa được tạo; gửi lại cùng Idempotency-Key nhận chuỗi rỗng.",
    )


class HistoryOut(Schema):
    at: LocalDateTime
    action: str


class TrackOut(Schema):
    tracking_code: str
    kind_label: str
    state: str
    state_label: str
    unit: str
    received_on: dt.date
    due_date: dt.date | None
    answer: str | None
    history: list[HistoryOut]


class PetitionQuery(Paging):
    kind: Literal["feedback", "proposal", "complaint", "denunciation"] | None = None
    state: Literal[tuple(State.values)] | None = None  # type: ignore[valid-type]
    field: str | None = Field(None, max_length=40, description="Mã lĩnh vực.")
    unit: str | None = Field(None, pattern=CODE_PATTERN, description="Mã GSO: cả địa bàn trực thuộc.")
    due: Literal["overdue", "soon"] | None = None
    received_from: IsoDate | None = Field(None, description="Nhận từ ngày (YYYY-MM-DD).")
    received_to: IsoDate | None = Field(None, description="Nhận đến hết ngày (YYYY-MM-DD).")
    q: str | None = Field(None, max_length=200, description="Tìm kiếm không phân biệt dấu, hoặc mã hồ sơ.")


# --- reads ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PetitionFilters:
    kind: str | None = None
    state: str | None = None
    field: str | None = None
    unit: str | None = None
    received_from: dt.date | None = None
    received_to: dt.date | None = None
    q: str | None = None
    due: str | None = None


def taxonomy() -> QuerySet[PetitionField]:
    return PetitionField.objects.filter(is_active=True).order_by("order", "name")


def petitions(scope: Scope, filters: PetitionFilters) -> QuerySet[Petition]:
    """Through the petitions module's own selector (same scope and filters as the web list)."""
    qs = petition_selectors.petitions_for(
        scope,
        unit=filters.unit,
        kind=filters.kind,
        field=filters.field,
        state=filters.state,
        due=filters.due,
        date_from=filters.received_from,
        date_to=filters.received_to,
        q=filters.q,
    )
    return qs.select_related("unit", "received_unit", "place", "field")


def petition_out(p: Petition) -> dict[str, Any]:
    """A petition as the API shows it: never the petitioner's personal data or a denunciator's identity."""
    confidential = p.kind == Kind.DENUNCIATION
    return {
        "id": p.pk,
        "tracking_code": p.tracking_code,
        "kind": p.kind,
        "kind_label": p.get_kind_display(),
        "state": p.state,
        "state_label": p.get_state_display(),
        "channel": p.channel,
        "unit": unit_ref(p.unit),
        "received_unit": unit_ref(p.received_unit),
        "place": unit_ref(p.place),
        "field": p.field.code if p.field_id and p.field else None,
        "title": p.title,
        "content": petition_selectors.redacted_content(p) if confidential else p.content,
        "received_at": clock.local(p.received_at),
        "due_date": p.due_date,
        "is_collective": p.is_collective,
        "signer_count": p.signer_count,
        "is_skip_level": p.is_skip_level,
        "answer": None if confidential and not p.answer_public else (p.answer or None),
    }


# --- the router ----------------------------------------------------------------------------------------


class Submit(Protocol):
    """Submits a petition for an API caller; returns (petition, created) - `api.services.submit`."""

    def __call__(
        self, *, principal: Any, channel: str, data: Mapping[str, Any], idempotency_key: str | None = None
    ) -> tuple[Petition, bool]: ...


def build_router(*, submit: Submit) -> Router:
    router = Router(tags=TAGS)

    @router.get("/fields", response={200: list[TaxonomyFieldOut], **ERR}, auth=None)
    def list_fields(request: HttpRequest) -> list[dict[str, Any]]:
        """Lĩnh vực (phân loại đơn thư)."""
        return [{"code": f.code, "name": f.name, "description": f.description} for f in taxonomy()]

    @router.get("/petitions", response={200: PetitionPage, **ERR})
    def list_petitions(request: HttpRequest, filters: Query[PetitionQuery]) -> dict[str, Any]:
        """Đơn thư thuộc địa bàn của khóa hoặc của người đăng nhập, lọc và phân trang."""
        who = principal(request)
        qs = petitions(
            who.scope,
            PetitionFilters(
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
        count, rows = page(qs, filters.limit, filters.offset)
        return {
            "count": count,
            "limit": filters.limit,
            "offset": filters.offset,
            "items": [petition_out(p) for p in rows],
        }

    @router.get("/petitions/{petition_id}", response={200: PetitionOut, **ERR})
    def get_petition(request: HttpRequest, petition_id: int) -> dict[str, Any]:
        if not 0 < petition_id < 2**62:
            raise ApiError(404, "not_found", NOT_FOUND)
        return petition_out(petition_selectors.petition_for(principal(request).scope, petition_id))

    @router.post("/petitions", response={201: ReceiptOut, 200: ReceiptOut, **ERR})
    def create_petition(request: HttpRequest, payload: PetitionIn) -> Status[dict[str, Any]]:
        """Gửi một đơn (khóa có quyền ghi). Trả về biên nhận với mã hồ sơ để tra cứu.

        Tiêu đề `Idempotency-Key` (tùy chọn): gửi lại cùng khóa sẽ nhận lại biên nhận cũ (200), không tạo đơn mới.
        """
        who: Caller = require_write(request)
        data = {k: v for k, v in payload.model_dump().items() if v is not None}
        key = request.headers.get("Idempotency-Key")
        petition, created = submit(principal=who, channel=Channel.API, data=data, idempotency_key=key)
        receipt = {
            "id": petition.pk,
            "tracking_code": petition.tracking_code,
            "state": petition.state,
            "unit": unit_ref(petition.unit),
            "received_at": clock.local(petition.received_at),
            "citizen_key": petition.citizen_key if created else "",
        }
        return Status(201 if created else 200, receipt)

    @router.get("/track/{code}", response={200: TrackOut, **ERR}, auth=None)
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
            "history": [{"at": clock.local(step.at), "action": step.label} for step in status.steps],
        }

    return router
