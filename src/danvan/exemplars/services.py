"""Dân vận khéo: every write (registration, evaluation, recognition, replication, contests).

One function per state change: keyword-only arguments, a required `actor`, one transaction,
a transition table, a history row and the audit log.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from danvan.accounts.models import User
from danvan.accounts.scoping import ACT_ROLES, scope_for
from danvan.core import audit, clock
from danvan.core.models import AuditAction
from danvan.core.text import fold_words
from danvan.exemplars import selectors
from danvan.exemplars.models import (
    Award,
    Contest,
    ContestCriterion,
    ContestEntry,
    ContestJudge,
    ContestRound,
    ContestScore,
    ContestStatus,
    CriteriaSet,
    Criterion,
    Evaluation,
    Exemplar,
    ExemplarEvent,
    ExemplarFile,
    ExemplarResult,
    ExemplarWord,
    Field,
    FileKind,
    Judge,
    Kind,
    Measure,
    RecognitionLevel,
    Replication,
    Score,
    Status,
)
from danvan.territory.models import AdminUnit, Level

# The movement's recognition criteria (../shared/legal/RULES.md), seeded for each province and year.
DEFAULT_CRITERIA: tuple[str, ...] = (
    "Có tên gọi cụ thể, địa chỉ, địa bàn thực hiện rõ ràng",
    "Nội dung thuộc một lĩnh vực (kinh tế; văn hóa – xã hội; quốc phòng – an ninh; "
    "xây dựng hệ thống chính trị)",
    "Do cấp ủy, chính quyền lãnh đạo, chỉ đạo; đăng ký với cơ quan phát động phong trào",
    "Huy động được nhiều lực lượng tham gia",
    "Kết quả thiết thực, đo đếm được",
    "Được nhân dân đồng tình, ủng hộ",
    "Giải quyết được nhiệm vụ khó ở địa phương",
    "Bền vững, có khả năng nhân rộng",
)
DEFAULT_MAX_SCORE = Decimal(10)
DEFAULT_PASS_PERCENT = 70

TRANSITIONS: dict[str, frozenset[str]] = {
    Status.DRAFT: frozenset({Status.SUBMITTED}),
    Status.SUBMITTED: frozenset({Status.DRAFT, Status.UNDER_EVALUATION}),
    Status.UNDER_EVALUATION: frozenset({Status.RECOGNISED, Status.NOT_RECOGNISED}),
    Status.RECOGNISED: frozenset({Status.RETIRED}),
    Status.NOT_RECOGNISED: frozenset(),
    Status.RETIRED: frozenset(),
}

MAX_PHOTO_BYTES = 8 * 1024 * 1024
MAX_DOCUMENT_BYTES = 15 * 1024 * 1024
MAX_INDEXED_WORDS = 200
PHOTO_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "WEBP": "image/webp"}
DOCUMENT_TYPES: dict[str, tuple[bytes, str]] = {
    "pdf": (b"%PDF", "application/pdf"),
    "docx": (b"PK\x03\x04", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": (b"PK\x03\x04", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "odt": (b"PK\x03\x04", "application/vnd.oasis.opendocument.text"),
    "doc": (b"\xd0\xcf\x11\xe0", "application/msword"),
    "xls": (b"\xd0\xcf\x11\xe0", "application/vnd.ms-excel"),
}


class PossibleDuplicateError(ValidationError):
    """Raised by `register` when near-duplicates exist and the officer has not acknowledged them."""

    def __init__(self, candidates: list[Any]) -> None:
        super().__init__(
            "Có mô hình tương tự đã được đăng ký trong tỉnh. Hãy xem danh sách bên dưới; nếu đúng là "
            "mô hình khác, đánh dấu “Tôi đã xem các mô hình tương tự” rồi lưu lại."
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


@dataclass(frozen=True)
class CheckedFile:
    kind: str
    name: str
    content: bytes
    content_type: str


# --- helpers -----------------------------------------------------------------------------------------
def _province_code(unit: AdminUnit) -> str:
    return unit.province_code or ""


def build_search_text(exemplar: Exemplar, unit: AdminUnit | None = None) -> str:
    """The folded words a gallery search matches, padded with spaces for whole-word matching."""
    unit = unit or exemplar.unit
    parts = [
        exemplar.name,
        exemplar.place,
        unit.name,
        Kind(exemplar.kind).label,
        Field(exemplar.field).label,
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
    province = _province_code(exemplar.unit)
    ExemplarWord.objects.bulk_create(
        [
            ExemplarWord(word=w, province_code=province, exemplar_id=exemplar.pk)
            for w in index_words(exemplar.search_text) + selectors.name_bigrams(exemplar.folded_name)
        ]
    )


def _event(exemplar: Exemplar, actor: Any, from_status: str, to_status: str, note: str = "") -> None:
    ExemplarEvent.objects.create(
        exemplar=exemplar, actor=actor, from_status=from_status, to_status=to_status, note=note
    )


def _lock(exemplar: Exemplar, version: int | None = None) -> Exemplar:
    locked = Exemplar.objects.select_for_update().select_related("unit").get(pk=exemplar.pk)
    if version is not None and locked.version != version:
        raise ValidationError(
            "Hồ sơ vừa được người khác cập nhật. Hãy tải lại trang để xem nội dung mới rồi thao tác lại."
        )
    return locked


def _transition(
    *,
    actor: Any,
    exemplar: Exemplar,
    to_status: str,
    note: str = "",
    version: int | None = None,
    roles: Iterable[str] = ACT_ROLES,
    extra_fields: dict[str, Any] | None = None,
) -> Exemplar:
    locked = _lock(exemplar, version)
    scope_for(actor).require(locked.unit, roles)
    from_status = locked.status
    if to_status not in TRANSITIONS[from_status]:
        raise ValidationError(
            f"Không thể chuyển hồ sơ từ “{Status(from_status).label}” sang “{Status(to_status).label}”."
        )
    before = audit.snapshot(locked, ["status", *(extra_fields or {}).keys()])
    locked.status = to_status
    for key, value in (extra_fields or {}).items():
        setattr(locked, key, value)
    locked.version += 1
    locked.save()
    _event(locked, actor, from_status, to_status, note)
    audit.record(
        actor=actor,
        action=AuditAction.TRANSITION,
        obj=locked,
        unit=locked.unit,
        summary=f"Mô hình “{locked.name[:120]}”: {Status(from_status).label} → {Status(to_status).label}",
        changes=audit.diff(before, audit.snapshot(locked, before.keys())),
    )
    return locked


# --- files -------------------------------------------------------------------------------------------
def check_photo(upload: UploadedFile) -> CheckedFile:
    """Accept only real images (decoded by Pillow), whatever the file name says."""
    from PIL import Image, UnidentifiedImageError

    name = upload.name or "anh"
    if (upload.size or 0) > MAX_PHOTO_BYTES:
        raise ValidationError(f"Ảnh “{name}” lớn hơn 8 MB. Hãy giảm kích thước ảnh rồi tải lên lại.")
    content = upload.read()
    try:
        with Image.open(io.BytesIO(content)) as image:
            fmt = image.format or ""
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            f"Tệp “{name}” không phải là ảnh hợp lệ. Chỉ nhận ảnh JPEG, PNG, GIF hoặc WebP."
        ) from exc
    if fmt not in PHOTO_FORMATS:
        raise ValidationError(f"Ảnh “{name}” có định dạng {fmt}; chỉ nhận JPEG, PNG, GIF hoặc WebP.")
    return CheckedFile(FileKind.PHOTO, name[:255], content, PHOTO_FORMATS[fmt])


def check_document(upload: UploadedFile) -> CheckedFile:
    name = upload.name or "tai-lieu"
    if (upload.size or 0) > MAX_DOCUMENT_BYTES:
        raise ValidationError(f"Tài liệu “{name}” lớn hơn 15 MB. Hãy chia nhỏ hoặc nén lại.")
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in DOCUMENT_TYPES:
        raise ValidationError(
            f"Tài liệu “{name}” không đúng định dạng. Chỉ nhận PDF, DOC, DOCX, XLS, XLSX hoặc ODT."
        )
    magic, content_type = DOCUMENT_TYPES[ext]
    content = upload.read()
    if not content.startswith(magic):
        raise ValidationError(f"Nội dung tệp “{name}” không khớp với định dạng .{ext}.")
    return CheckedFile(FileKind.DOCUMENT, name[:255], content, content_type)


def _store_files(exemplar: Exemplar, files: Sequence[CheckedFile], written: list[str]) -> list[ExemplarFile]:
    """Write checked files to storage; `written` collects their paths so a rollback can remove them."""
    stored = []
    for checked in files:
        digest = hashlib.sha256(checked.content).hexdigest()
        ext = checked.name.rsplit(".", 1)[-1].lower() if "." in checked.name else "bin"
        record = ExemplarFile(
            exemplar=exemplar,
            kind=checked.kind,
            original_name=checked.name,
            content_type=checked.content_type,
            size=len(checked.content),
            sha256=digest,
        )
        record.file.save(f"{digest[:32]}.{ext[:8]}", ContentFile(checked.content), save=False)
        written.append(record.file.name or "")
        record.save()
        stored.append(record)
    return stored


def _discard(paths: list[str]) -> None:
    """Nothing half-saved: files written by a transaction that rolled back are removed."""
    for path in paths:
        if default_storage.exists(path):
            default_storage.delete(path)


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
        raise ValidationError(errors)


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
    scope_for(actor).require(unit, ACT_ROLES)
    _clean_input(data, results)
    checked = [check_photo(p) for p in photos] + [check_document(d) for d in documents]
    if check_duplicates and not acknowledged_duplicates:
        candidates = selectors.near_duplicates(unit=unit, name=data.name, problem=data.problem)
        if candidates:
            raise PossibleDuplicateError(candidates)
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
            _store_files(exemplar, checked, written)
            reindex(exemplar)
            _event(exemplar, actor, "", Status.DRAFT, "Đăng ký mới")
            audit.record(
                actor=actor,
                action=AuditAction.CREATE,
                obj=exemplar,
                unit=unit,
                summary=f"Đăng ký {Kind(data.kind).label.lower()} “{exemplar.name[:150]}”",
                changes={
                    "kind": [None, data.kind],
                    "field": [None, data.field],
                    "results": [None, len(results)],
                    "files": [None, len(checked)],
                    "duplicates_acknowledged": [None, acknowledged_duplicates],
                },
            )
    except BaseException:
        _discard(written)
        raise
    return exemplar


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


def update_draft(
    *,
    actor: Any,
    exemplar: Exemplar,
    version: int,
    data: ExemplarInput,
    results: Sequence[ResultInput] = (),
) -> Exemplar:
    """Edit a draft (its unit stays); results are replaced. Only drafts are editable."""
    _clean_input(data, results)
    with transaction.atomic():
        locked = _lock(exemplar, version)
        scope_for(actor).require(locked.unit, ACT_ROLES)
        if locked.status != Status.DRAFT:
            raise ValidationError(
                "Chỉ sửa được hồ sơ ở trạng thái dự thảo; hồ sơ đã gửi cần được trả lại trước."
            )
        before = audit.snapshot(locked, EDITABLE_FIELDS)
        before["results"] = [f"{r.label}: {r.value} {r.measure}" for r in locked.results.all()]
        for name in EDITABLE_FIELDS:
            value = getattr(data, name)
            setattr(locked, name, value.strip() if isinstance(value, str) else value)
        locked.version += 1
        locked.save()
        locked.results.all().delete()
        ExemplarResult.objects.bulk_create(
            [
                ExemplarResult(exemplar=locked, label=r.label.strip(), value=r.value, measure=r.measure)
                for r in results
            ]
        )
        reindex(locked)
        after = audit.snapshot(locked, EDITABLE_FIELDS)
        after["results"] = [f"{r.label.strip()}: {r.value:.2f} {r.measure}" for r in results]
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=locked,
            unit=locked.unit,
            summary=f"Sửa hồ sơ dự thảo “{locked.name[:150]}”",
            changes=audit.diff(before, after),
        )
    return locked


def add_files(
    *,
    actor: Any,
    exemplar: Exemplar,
    photos: Sequence[UploadedFile] = (),
    documents: Sequence[UploadedFile] = (),
) -> list[ExemplarFile]:
    checked = [check_photo(p) for p in photos] + [check_document(d) for d in documents]
    if not checked:
        raise ValidationError("Hãy chọn ít nhất một ảnh hoặc tài liệu để tải lên.")
    written: list[str] = []
    try:
        with transaction.atomic():
            locked = _lock(exemplar)
            scope_for(actor).require(locked.unit, ACT_ROLES)
            if locked.status in {Status.RETIRED, Status.NOT_RECOGNISED}:
                raise ValidationError("Hồ sơ đã đóng, không bổ sung tệp được nữa.")
            stored = _store_files(locked, checked, written)
            audit.record(
                actor=actor,
                action=AuditAction.UPDATE,
                obj=locked,
                unit=locked.unit,
                summary=f"Bổ sung {len(stored)} tệp cho “{locked.name[:150]}”",
                changes={"files": [None, [f.original_name for f in stored]]},
            )
    except BaseException:
        _discard(written)
        raise
    return stored


def submit(*, actor: Any, exemplar: Exemplar, version: int | None = None) -> Exemplar:
    with transaction.atomic():
        return _transition(
            actor=actor,
            exemplar=exemplar,
            to_status=Status.SUBMITTED,
            note="Gửi đề nghị công nhận",
            version=version,
        )


def return_to_draft(*, actor: Any, exemplar: Exemplar, reason: str) -> Exemplar:
    if not reason.strip():
        raise ValidationError("Hãy ghi lý do trả lại hồ sơ để đơn vị bổ sung.")
    with transaction.atomic():
        return _transition(actor=actor, exemplar=exemplar, to_status=Status.DRAFT, note=reason.strip())


# --- criteria ----------------------------------------------------------------------------------------
def province_of(unit: AdminUnit) -> AdminUnit:
    if unit.level == Level.PROVINCE:
        return unit
    if unit.level == Level.COMMUNE and unit.parent_id is not None:
        return AdminUnit.objects.get(pk=unit.parent_id)
    return unit  # the nation: central criteria


def ensure_criteria_set(*, province: AdminUnit, year: int, actor: Any = None) -> CriteriaSet:
    """The province's criteria for the year, seeded from the movement's defaults when missing."""
    with transaction.atomic():
        criteria_set, created = CriteriaSet.objects.get_or_create(
            unit=province,
            year=year,
            defaults={
                "name": f"Tiêu chí “Dân vận khéo” {province.name} năm {year}",
                "pass_percent": DEFAULT_PASS_PERCENT,
            },
        )
        if created:
            Criterion.objects.bulk_create(
                [
                    Criterion(criteria_set=criteria_set, order=i, text=text, max_score=DEFAULT_MAX_SCORE)
                    for i, text in enumerate(DEFAULT_CRITERIA, start=1)
                ]
            )
            audit.record(
                actor=actor,
                action=AuditAction.CREATE,
                obj=criteria_set,
                unit=province,
                summary=f"Tạo bộ tiêu chí {year} của {province.name} từ tiêu chí mặc định của phong trào",
                changes={"criteria": [None, len(DEFAULT_CRITERIA)]},
            )
    return criteria_set


@dataclass(frozen=True)
class CriterionInput:
    text: str
    max_score: Decimal
    min_score: Decimal = Decimal(0)


def update_criteria(
    *,
    actor: Any,
    criteria_set: CriteriaSet,
    name: str,
    pass_percent: int,
    criteria: Sequence[CriterionInput],
    version: int,
) -> CriteriaSet:
    errors = []
    if not criteria:
        errors.append("Bộ tiêu chí phải có ít nhất một tiêu chí.")
    if not 1 <= pass_percent <= 100:
        errors.append("Ngưỡng đề nghị công nhận phải từ 1 đến 100 (%).")
    for i, c in enumerate(criteria, start=1):
        if not c.text.strip():
            errors.append(f"Tiêu chí {i}: hãy ghi nội dung.")
        if c.max_score <= c.min_score:
            errors.append(f"Tiêu chí {i}: điểm tối đa phải lớn hơn điểm tối thiểu.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = CriteriaSet.objects.select_for_update().select_related("unit").get(pk=criteria_set.pk)
        scope_for(actor).require(locked.unit, ACT_ROLES)
        if locked.version != version:
            raise ValidationError("Bộ tiêu chí vừa được người khác sửa. Hãy tải lại trang rồi sửa lại.")
        if Score.objects.filter(criterion__criteria_set=locked).exists():
            raise ValidationError(
                "Bộ tiêu chí đã được dùng để chấm điểm nên không sửa được; thay đổi sẽ áp dụng cho năm sau."
            )
        before = {
            "name": locked.name,
            "pass_percent": locked.pass_percent,
            "criteria": [f"{c.text} ({c.min_score}–{c.max_score})" for c in locked.criteria.all()],
        }
        locked.criteria.all().delete()
        Criterion.objects.bulk_create(
            [
                Criterion(
                    criteria_set=locked,
                    order=i,
                    text=c.text.strip(),
                    min_score=c.min_score,
                    max_score=c.max_score,
                )
                for i, c in enumerate(criteria, start=1)
            ]
        )
        locked.name = name.strip() or locked.name
        locked.pass_percent = pass_percent
        locked.version += 1
        locked.save()
        after = {
            "name": locked.name,
            "pass_percent": locked.pass_percent,
            "criteria": [f"{c.text.strip()} ({c.min_score}–{c.max_score})" for c in criteria],
        }
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=locked,
            unit=locked.unit,
            summary=f"Sửa bộ tiêu chí {locked.year} của {locked.unit.name}",
            changes=audit.diff(before, after),
        )
    return locked


# --- evaluation --------------------------------------------------------------------------------------
def _judge_users(user_ids: Iterable[int]) -> list[Any]:
    ids = list(dict.fromkeys(user_ids))
    users = list(User.objects.filter(pk__in=ids, is_active=True))
    if len(users) != len(ids):
        raise ValidationError("Có thành viên hội đồng không tồn tại hoặc đã bị khóa tài khoản.")
    return users


def open_evaluation(*, actor: Any, exemplar: Exemplar, judge_ids: Sequence[int]) -> Evaluation:
    """Submitted → under evaluation: freeze the province's criteria for the year and name the council."""
    if not judge_ids:
        raise ValidationError("Hãy chọn ít nhất một thành viên hội đồng chấm điểm.")
    judges = _judge_users(judge_ids)
    with transaction.atomic():
        locked = _transition(
            actor=actor, exemplar=exemplar, to_status=Status.UNDER_EVALUATION, note="Mở thẩm định"
        )
        for judge in judges:
            if not scope_for(judge).can_see(locked.unit):
                raise ValidationError(
                    f"{judge} không có phạm vi tại {locked.unit.name} nên không thể là thành viên hội đồng."
                )
        criteria_set = ensure_criteria_set(province=province_of(locked.unit), year=locked.year, actor=actor)
        evaluation = Evaluation.objects.create(exemplar=locked, criteria_set=criteria_set, opened_by=actor)
        Judge.objects.bulk_create([Judge(evaluation=evaluation, user=j) for j in judges])
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=evaluation,
            unit=locked.unit,
            summary=f"Lập hội đồng thẩm định “{locked.name[:120]}” ({len(judges)} thành viên)",
            changes={"judges": [None, [j.username for j in judges]], "criteria_set": [None, criteria_set.pk]},
        )
    return evaluation


def _parse_score(raw: Any) -> Decimal | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    try:
        value = Decimal(str(raw).strip().replace(",", "."))
    except InvalidOperation:
        return Decimal("NaN")
    return value


def score_exemplar(*, actor: Any, exemplar: Exemplar, scores: dict[int, Any]) -> list[Score]:
    """A council member's scoring sheet: one score per criterion, each within the criterion's range."""
    with transaction.atomic():
        locked = _lock(exemplar)
        if locked.status != Status.UNDER_EVALUATION:
            raise ValidationError("Hồ sơ không ở giai đoạn thẩm định nên không chấm điểm được.")
        evaluation = Evaluation.objects.select_related("criteria_set").get(exemplar=locked)
        if not evaluation.judges.filter(user_id=actor.pk).exists():
            raise ValidationError("Bạn không phải thành viên hội đồng thẩm định hồ sơ này.")
        criteria = list(evaluation.criteria_set.criteria.all())
        errors: list[str] = []
        values: dict[int, Decimal] = {}
        for c in criteria:
            value = _parse_score(scores.get(c.pk))
            if value is None:
                errors.append(f"Tiêu chí “{c.text}”: chưa nhập điểm.")
            elif value.is_nan() or not c.min_score <= value <= c.max_score:
                errors.append(
                    f"Tiêu chí “{c.text}”: điểm phải từ {c.min_score.normalize():f} "
                    f"đến {c.max_score.normalize():f}."
                )
            else:
                values[c.pk] = value
        unknown = set(scores) - {c.pk for c in criteria}
        if unknown:
            errors.append("Có tiêu chí không thuộc bộ tiêu chí của hồ sơ này.")
        if errors:
            raise ValidationError(errors)
        before = {
            str(s.criterion_id): str(s.value)
            for s in Score.objects.filter(evaluation=evaluation, judge_id=actor.pk)
        }
        saved = []
        for c in criteria:
            score, _ = Score.objects.update_or_create(
                evaluation=evaluation, judge_id=actor.pk, criterion=c, defaults={"value": values[c.pk]}
            )
            saved.append(score)
        after = {str(k): str(v) for k, v in values.items()}
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=evaluation,
            unit=locked.unit,
            summary=f"Chấm điểm “{locked.name[:120]}”: tổng {sum(values.values())}",
            changes=audit.diff(before, after),
        )
    return saved


def recognise(
    *,
    actor: Any,
    exemplar: Exemplar,
    level: str,
    decision_number: str,
    decision_date: dt.date | None,
    award: str = "",
    award_body: str = "",
    note: str = "",
) -> Exemplar:
    """Under evaluation → recognised at a level, by a numbered and dated decision."""
    errors = []
    if level not in RecognitionLevel.values:
        errors.append("Hãy chọn cấp công nhận: cấp xã, cấp tỉnh hoặc cấp Trung ương.")
    if not decision_number.strip():
        errors.append(
            "Thiếu số quyết định công nhận (ví dụ 125/QĐ-UBND). Không thể công nhận khi chưa có quyết định."
        )
    if decision_date is None:
        errors.append("Thiếu ngày ký quyết định công nhận (dd/mm/yyyy).")
    elif decision_date > clock.today():
        errors.append("Ngày quyết định không được ở tương lai.")
    if award not in Award.values:
        errors.append("Hình thức khen thưởng không hợp lệ.")
    if award and not award_body.strip():
        errors.append("Hãy ghi cơ quan tặng giấy khen, bằng khen.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        evaluation = Evaluation.objects.filter(exemplar_id=exemplar.pk).first()
        if evaluation is None or not selectors.evaluation_summary(evaluation).complete_sheets:
            raise ValidationError("Chưa có phiếu chấm điểm đầy đủ của hội đồng; chưa thể công nhận.")
        return _transition(
            actor=actor,
            exemplar=exemplar,
            to_status=Status.RECOGNISED,
            note=note or f"Quyết định {decision_number.strip()}",
            extra_fields={
                "recognition_level": level,
                "decision_number": decision_number.strip(),
                "decision_date": decision_date,
                "award": award,
                "award_body": award_body.strip(),
            },
        )


def refuse_recognition(*, actor: Any, exemplar: Exemplar, reason: str) -> Exemplar:
    if not reason.strip():
        raise ValidationError("Hãy ghi lý do không công nhận.")
    with transaction.atomic():
        return _transition(
            actor=actor, exemplar=exemplar, to_status=Status.NOT_RECOGNISED, note=reason.strip()
        )


def retire(*, actor: Any, exemplar: Exemplar, reason: str, review_year: int | None = None) -> Exemplar:
    """Yearly review: a recognised model that stopped being effective is retired, with the reason."""
    if len(reason.strip()) < 5:
        raise ValidationError("Hãy ghi rõ lý do đưa mô hình ra khỏi danh sách (ít nhất 5 ký tự).")
    year = review_year or clock.today().year
    with transaction.atomic():
        return _transition(
            actor=actor,
            exemplar=exemplar,
            to_status=Status.RETIRED,
            note=f"Rà soát năm {year}: {reason.strip()}",
            extra_fields={"retired_on": clock.today(), "retired_reason": reason.strip()},
        )


# --- replication -------------------------------------------------------------------------------------
def replicate(
    *,
    actor: Any,
    exemplar: Exemplar,
    unit: AdminUnit,
    adopted_on: dt.date | None,
    note: str = "",
    is_demo: bool = False,
) -> Replication:
    """A unit records that it adopted a recognised model."""
    if adopted_on is None:
        raise ValidationError("Hãy nhập ngày bắt đầu áp dụng (dd/mm/yyyy).")
    if adopted_on > clock.today():
        raise ValidationError("Ngày áp dụng không được ở tương lai.")
    with transaction.atomic():
        locked = _lock(exemplar)
        scope_for(actor).require(unit, ACT_ROLES)
        if locked.status != Status.RECOGNISED:
            raise ValidationError(
                "Chỉ nhân rộng được mô hình đã được công nhận; mô hình này "
                f"đang ở trạng thái “{Status(locked.status).label}”."
            )
        if unit.pk == locked.unit_id:
            raise ValidationError(
                "Đơn vị đăng ký mô hình không cần ghi nhận nhân rộng chính mô hình của mình."
            )
        if Replication.objects.filter(exemplar=locked, unit=unit).exists():
            raise ValidationError(f"{unit.name} đã ghi nhận áp dụng mô hình này rồi.")
        if adopted_on < locked.period_start:
            raise ValidationError("Ngày áp dụng không thể trước khi mô hình bắt đầu thực hiện.")
        replication = Replication.objects.create(
            exemplar=locked,
            unit=unit,
            adopted_on=adopted_on,
            note=note.strip(),
            created_by=actor,
            is_demo=is_demo,
        )
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=replication,
            unit=unit,
            summary=f"{unit.name} nhân rộng mô hình “{locked.name[:120]}”",
            changes={"exemplar": [None, locked.pk], "adopted_on": [None, adopted_on]},
        )
    return replication


# --- contests ----------------------------------------------------------------------------------------
def create_contest(
    *,
    actor: Any,
    unit: AdminUnit,
    name: str,
    year: int,
    description: str = "",
    criteria: Sequence[CriterionInput],
    rounds: Sequence[str] = ("Vòng sơ khảo", "Vòng chung kết"),
    is_demo: bool = False,
) -> Contest:
    errors = []
    if len(name.strip()) < 5:
        errors.append("Hãy ghi tên hội thi (ít nhất 5 ký tự).")
    if not criteria:
        errors.append("Hội thi phải có ít nhất một tiêu chí chấm.")
    if not [r for r in rounds if r.strip()]:
        errors.append("Hội thi phải có ít nhất một vòng thi.")
    for i, c in enumerate(criteria, start=1):
        if not c.text.strip() or c.max_score <= 0:
            errors.append(f"Tiêu chí {i}: hãy ghi nội dung và điểm tối đa lớn hơn 0.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        scope_for(actor).require(unit, ACT_ROLES)
        contest = Contest.objects.create(
            unit=unit,
            name=name.strip(),
            year=year,
            description=description.strip(),
            created_by=actor,
            is_demo=is_demo,
        )
        ContestCriterion.objects.bulk_create(
            [
                ContestCriterion(contest=contest, order=i, text=c.text.strip(), max_score=c.max_score)
                for i, c in enumerate(criteria, start=1)
            ]
        )
        ContestRound.objects.bulk_create(
            [
                ContestRound(contest=contest, order=i, name=r.strip())
                for i, r in enumerate(rounds, 1)
                if r.strip()
            ]
        )
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=contest,
            unit=unit,
            summary=f"Tổ chức hội thi “{contest.name[:150]}”",
            changes={"criteria": [None, len(criteria)], "rounds": [None, len(rounds)]},
        )
    return contest


def _lock_contest(actor: Any, contest: Contest, *, organiser: bool = True) -> Contest:
    locked = Contest.objects.select_for_update().select_related("unit").get(pk=contest.pk)
    if organiser:
        scope_for(actor).require(locked.unit, ACT_ROLES)
    if locked.status == ContestStatus.PUBLISHED:
        raise ValidationError("Kết quả hội thi đã công bố; không thay đổi được nữa.")
    return locked


def add_contest_judge(*, actor: Any, contest: Contest, user: Any) -> ContestJudge:
    with transaction.atomic():
        locked = _lock_contest(actor, contest)
        if not scope_for(user).can_see(locked.unit):
            raise ValidationError(
                f"{user} không có phạm vi tại {locked.unit.name} nên không thể làm giám khảo."
            )
        judge, created = ContestJudge.objects.get_or_create(contest=locked, user=user)
        if not created:
            raise ValidationError(f"{user} đã là giám khảo của hội thi.")
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=locked,
            unit=locked.unit,
            summary=f"Thêm giám khảo {user} cho hội thi “{locked.name[:120]}”",
            changes={"judge": [None, getattr(user, "username", str(user))]},
        )
    return judge


def add_contest_entry(
    *, actor: Any, round: ContestRound, unit: AdminUnit, title: str, exemplar: Exemplar | None = None
) -> ContestEntry:
    if len(title.strip()) < 3:
        raise ValidationError("Hãy ghi tên bài dự thi.")
    with transaction.atomic():
        locked = _lock_contest(actor, round.contest)
        if not locked.unit.contains(unit):
            raise ValidationError(f"{unit.name} không thuộc địa bàn của hội thi.")
        if exemplar is not None and exemplar.unit_id != unit.pk:
            raise ValidationError("Mô hình dự thi phải do chính đơn vị dự thi đăng ký.")
        if ContestEntry.objects.filter(round=round, unit=unit, title=title.strip()).exists():
            raise ValidationError("Bài dự thi này đã có trong vòng thi.")
        entry = ContestEntry.objects.create(round=round, unit=unit, title=title.strip(), exemplar=exemplar)
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=entry,
            unit=unit,
            summary=f"{unit.name} dự thi “{entry.title[:120]}” ({round.name})",
        )
    return entry


def score_contest_entry(*, actor: Any, entry: ContestEntry, scores: dict[int, Any]) -> list[ContestScore]:
    """A judge's scoring sheet for one entry."""
    with transaction.atomic():
        locked = _lock_contest(actor, entry.round.contest, organiser=False)
        if not ContestJudge.objects.filter(contest=locked, user_id=actor.pk).exists():
            raise ValidationError("Bạn không phải giám khảo của hội thi này.")
        criteria = list(locked.criteria.all())
        errors: list[str] = []
        values: dict[int, Decimal] = {}
        for c in criteria:
            value = _parse_score(scores.get(c.pk))
            if value is None:
                errors.append(f"Tiêu chí “{c.text}”: chưa nhập điểm.")
            elif value.is_nan() or not Decimal(0) <= value <= c.max_score:
                errors.append(f"Tiêu chí “{c.text}”: điểm phải từ 0 đến {c.max_score.normalize():f}.")
            else:
                values[c.pk] = value
        if errors:
            raise ValidationError(errors)
        saved = [
            ContestScore.objects.update_or_create(
                entry=entry, judge_id=actor.pk, criterion=c, defaults={"value": values[c.pk]}
            )[0]
            for c in criteria
        ]
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=entry,
            unit=entry.unit,
            summary=f"Chấm bài dự thi “{entry.title[:120]}”: tổng {sum(values.values())}",
            changes={"scores": [None, {str(k): str(v) for k, v in values.items()}]},
        )
    return saved


def publish_contest(*, actor: Any, contest: Contest) -> Contest:
    with transaction.atomic():
        locked = _lock_contest(actor, contest)
        if not ContestScore.objects.filter(entry__round__contest=locked).exists():
            raise ValidationError("Chưa có phiếu chấm nào; chưa thể công bố kết quả.")
        locked.status = ContestStatus.PUBLISHED
        locked.published_at = timezone.now()
        locked.save(update_fields=["status", "published_at"])
        audit.record(
            actor=actor,
            action=AuditAction.TRANSITION,
            obj=locked,
            unit=locked.unit,
            summary=f"Công bố kết quả hội thi “{locked.name[:120]}”",
            changes={"status": [ContestStatus.OPEN, ContestStatus.PUBLISHED]},
        )
    return locked
