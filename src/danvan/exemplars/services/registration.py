"""Registration: a unit registers a model or an exemplary person/collective as a draft, edits it, adds
files and submits it for recognition (or gets it back to complete)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from danvan.core import audit, clock
from danvan.core.models import AuditAction
from danvan.core.text import fold_words
from danvan.core.workflow import Refused, history_row, perform
from danvan.exemplars import selectors
from danvan.exemplars.models import Exemplar, ExemplarFile, ExemplarResult, ExemplarWord, Field, Kind, Measure
from danvan.exemplars.rulebook import RULEBOOK
from danvan.exemplars.services.files import check_all, discard, store_files
from danvan.exemplars.workflow import EXEMPLAR
from danvan.territory.models import AdminUnit

MAX_INDEXED_WORDS = 200


class PossibleDuplicate(Refused):
    """Raised by `register` when near-duplicates exist and the officer has not acknowledged them."""

    def __init__(self, candidates: list[Any]) -> None:
        super().__init__(
            "Có mô hình tương tự đã được đăng ký trong tỉnh. Hãy xem danh sách bên dưới; nếu đúng là "
            "mô hình khác, đánh dấu “Tôi đã xem các mô hình tương tự” rồi lưu lại.",
            field="acknowledged_duplicates",
        )
        self.candidates = candidates


@dataclass(frozen=True)
class ResultInput:
    label: str
    value: Decimal
    measure: str


@dataclass(frozen=True)
class ExemplarInput:
    kind: str
    name: str
    place: str
    field: str
    period_start: dt.date
    period_end: dt.date | None
    problem: str
    mobilisation: str
    supporting_bodies: str = ""


EDITABLE_FIELDS = (
    "kind",
    "name",
    "place",
    "field",
    "period_start",
    "period_end",
    "problem",
    "mobilisation",
    "supporting_bodies",
)


def _vi(label: Any) -> str:
    """A choice label in Vietnamese whatever the page's language (stored search text and audit are Vietnamese)."""
    with translation.override("vi"):
        return str(label)


# --- search index ------------------------------------------------------------------------------------
def build_search_text(exemplar: Exemplar, unit: AdminUnit | None = None) -> str:
    """The folded words a gallery search matches, padded with spaces for whole-word matching."""
    unit = unit or exemplar.unit
    parts = [
        exemplar.name,
        exemplar.place,
        unit.name,
        _vi(Kind(exemplar.kind).label),
        _vi(Field(exemplar.field).label),
        exemplar.problem,
        exemplar.mobilisation,
        exemplar.supporting_bodies,
    ]
    return " " + fold_words(" ".join(p for p in parts if p)) + " "


def index_words(search_text: str) -> list[str]:
    seen: dict[str, None] = {}
    for word in search_text.split():
        if 1 < len(word) <= 40 and word not in seen:
            seen[word] = None
            if len(seen) >= MAX_INDEXED_WORDS:
                break
    return list(seen)


def reindex(exemplar: Exemplar) -> None:
    """Refresh the folded search text and the word index of one exemplar (inside the caller's transaction)."""
    exemplar.search_text = build_search_text(exemplar)
    exemplar.folded_name = fold_words(exemplar.name)[:300]
    Exemplar.objects.filter(pk=exemplar.pk).update(
        search_text=exemplar.search_text, folded_name=exemplar.folded_name
    )
    ExemplarWord.objects.filter(exemplar_id=exemplar.pk).delete()
    province = exemplar.unit.province_code or ""
    ExemplarWord.objects.bulk_create(
        [
            ExemplarWord(word=w, province_code=province, exemplar_id=exemplar.pk)
            for w in index_words(exemplar.search_text) + selectors.name_bigrams(exemplar.folded_name)
        ]
    )


# --- registration ------------------------------------------------------------------------------------
def _clean_input(data: ExemplarInput, results: Sequence[ResultInput]) -> None:
    errors: list[str] = []
    if data.kind not in Kind.values:
        errors.append("Loại không hợp lệ: chọn mô hình, điển hình cá nhân hoặc điển hình tập thể.")
    if data.field not in Field.values:
        errors.append("Lĩnh vực không hợp lệ: chọn một trong bốn lĩnh vực của phong trào.")
    if len(data.name.strip()) < 5:
        errors.append("Tên mô hình quá ngắn: hãy ghi tên cụ thể (ít nhất 5 ký tự).")
    if not data.place.strip():
        errors.append("Hãy ghi địa bàn thực hiện (thôn, xã…).")
    if not data.problem.strip() or not data.mobilisation.strip():
        errors.append("Hãy mô tả vấn đề đã giải quyết và cách vận động nhân dân.")
    if data.period_end and data.period_end < data.period_start:
        errors.append("Ngày kết thúc phải sau ngày bắt đầu thực hiện.")
    if data.period_start > clock.today():
        errors.append("Ngày bắt đầu thực hiện không được ở tương lai.")
    for i, r in enumerate(results, start=1):
        if not r.label.strip():
            errors.append(f"Kết quả {i}: hãy ghi nội dung kết quả.")
        if r.measure not in Measure.values:
            errors.append(f"Kết quả {i}: đơn vị tính không hợp lệ.")
        if r.value < 0:
            errors.append(f"Kết quả {i}: số liệu không được âm.")
    if errors:
        raise Refused(" ".join(errors))


def register(
    *,
    actor: Any,
    unit: AdminUnit,
    data: ExemplarInput,
    results: Sequence[ResultInput] = (),
    photos: Sequence[UploadedFile] = (),
    documents: Sequence[UploadedFile] = (),
    acknowledged_duplicates: bool = False,
    is_demo: bool = False,
    check_duplicates: bool = True,
) -> Exemplar:
    """Register a new exemplar as a draft. Near-duplicates in the province must be acknowledged first."""
    RULEBOOK.require(actor, "register", unit)
    _clean_input(data, results)
    checked = check_all(photos, documents)
    if check_duplicates and not acknowledged_duplicates:
        candidates = selectors.near_duplicates(unit=unit, name=data.name, problem=data.problem)
        if candidates:
            raise PossibleDuplicate(candidates)
    written: list[str] = []
    try:
        with transaction.atomic():
            exemplar = Exemplar.objects.create(
                unit=unit,
                kind=data.kind,
                name=data.name.strip(),
                place=data.place.strip(),
                field=data.field,
                period_start=data.period_start,
                period_end=data.period_end,
                year=clock.today().year,
                problem=data.problem.strip(),
                mobilisation=data.mobilisation.strip(),
                supporting_bodies=data.supporting_bodies.strip(),
                registered_on=clock.today(),
                created_by=actor if getattr(actor, "is_authenticated", False) else None,
                is_demo=is_demo,
            )
            ExemplarResult.objects.bulk_create(
                [
                    ExemplarResult(exemplar=exemplar, label=r.label.strip(), value=r.value, measure=r.measure)
                    for r in results
                ]
            )
            store_files(exemplar, checked, written)
            reindex(exemplar)
            history_row(
                EXEMPLAR, exemplar, actor=actor, action="register", from_state="", reason="Đăng ký mới"
            ).save(force_insert=True)
            audit.record(
                actor=actor,
                action=AuditAction.CREATE,
                obj=exemplar,
                unit=unit,
                summary=f"Đăng ký {_vi(Kind(data.kind).label).lower()} “{exemplar.name[:150]}”",
                changes={
                    "kind": [None, data.kind],
                    "field": [None, data.field],
                    "results": [None, len(results)],
                    "files": [None, len(checked)],
                    "duplicates_acknowledged": [None, acknowledged_duplicates],
                },
            )
    except BaseException:
        discard(written)
        raise
    return exemplar


def update_draft(
    *,
    actor: Any,
    exemplar: Exemplar,
    version: int | None,
    data: ExemplarInput,
    results: Sequence[ResultInput] = (),
) -> Exemplar:
    """Edit a draft (its unit stays); results are replaced. Only drafts are editable."""
    _clean_input(data, results)

    def apply(locked: Exemplar) -> dict[str, Any]:
        before = audit.snapshot(locked, EDITABLE_FIELDS)
        before["results"] = [f"{r.label}: {r.value} {r.measure}" for r in locked.results.all()]
        for name in EDITABLE_FIELDS:
            value = getattr(data, name)
            setattr(locked, name, value.strip() if isinstance(value, str) else value)
        locked.results.all().delete()
        ExemplarResult.objects.bulk_create(
            [
                ExemplarResult(exemplar=locked, label=r.label.strip(), value=r.value, measure=r.measure)
                for r in results
            ]
        )
        after = audit.snapshot(locked, EDITABLE_FIELDS)
        after["results"] = [f"{r.label.strip()}: {r.value:.2f} {r.measure}" for r in results]
        return audit.diff(before, after)

    with transaction.atomic():
        locked = perform(
            EXEMPLAR,
            "edit",
            actor=actor,
            record=exemplar,
            version=version,
            apply=apply,
            summary=f"Sửa hồ sơ dự thảo “{data.name.strip()[:150]}”",
        )
        reindex(locked)
    return locked


def add_files(
    *,
    actor: Any,
    exemplar: Exemplar,
    photos: Sequence[UploadedFile] = (),
    documents: Sequence[UploadedFile] = (),
    version: int | None = None,
) -> list[ExemplarFile]:
    checked = check_all(photos, documents)
    if not checked:
        raise Refused(_("Hãy chọn ít nhất một ảnh hoặc tài liệu để tải lên."), field="photos")
    written: list[str] = []
    stored: list[ExemplarFile] = []

    def apply(locked: Exemplar) -> dict[str, Any]:
        stored.extend(store_files(locked, checked, written))
        return {"files": [None, [f.original_name for f in stored]]}

    try:
        perform(
            EXEMPLAR,
            "attach",
            actor=actor,
            record=exemplar,
            version=version,
            apply=apply,
            reason=", ".join(c.name for c in checked)[:500],
        )
    except BaseException:
        discard(written)
        raise
    return stored


def submit(*, actor: Any, exemplar: Exemplar, version: int | None = None) -> Exemplar:
    return perform(
        EXEMPLAR, "submit", actor=actor, record=exemplar, version=version, reason="Gửi đề nghị công nhận"
    )


def return_to_draft(*, actor: Any, exemplar: Exemplar, reason: str, version: int | None = None) -> Exemplar:
    if not reason.strip():
        raise Refused(_("Hãy ghi lý do trả lại hồ sơ để đơn vị bổ sung."), field="reason")
    return perform(
        EXEMPLAR, "return_to_draft", actor=actor, record=exemplar, version=version, reason=reason.strip()
    )
