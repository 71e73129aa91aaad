"""Request and response schemas of the REST API (pydantic through django-ninja)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema
from pydantic import ConfigDict


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


class UnitRef(Schema):
    code: str
    name: str
    level: int


class UnitOut(UnitRef):
    parent: str | None
    division_type: str
    path: str


class Page(Schema):
    count: int
    limit: int
    offset: int


class UnitPage(Page):
    items: list[UnitOut]


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
    received_at: dt.datetime
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
    received_at: dt.datetime


class HistoryOut(Schema):
    at: dt.datetime
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
