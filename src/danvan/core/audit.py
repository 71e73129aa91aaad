"""Writing and verifying the audit log. Every service function that writes calls `record()`."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Required, TypedDict, Unpack

from django.db import connection, models, transaction
from django.utils import timezone

from danvan.core.models import AuditAction, AuditChainHead, AuditEntry
from danvan.core.prepared import PreparedInsert

GENESIS = "0" * 64


def _canonical(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str, ensure_ascii=False, sort_keys=True))


def _digest(prev_hash: str, entry: AuditEntry) -> str:
    at = entry.at.astimezone(dt.UTC).isoformat(timespec="microseconds")
    payload = [
        prev_hash,
        at,
        entry.actor_id,
        entry.actor_label,
        entry.unit_id,
        entry.unit_path,
        entry.action,
        entry.object_type,
        entry.object_id,
        entry.summary,
        entry.changes,
    ]
    blob = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _actor_label(actor: Any) -> str:
    if actor is None:
        return "hệ thống"
    if not getattr(actor, "is_authenticated", False):
        return "công dân (ẩn danh)"
    return str(getattr(actor, "username", actor))[:200]


class EntryFields(TypedDict, total=False):
    """What a caller says of an audit row: `record()` and `unlinked()` take these keywords."""

    actor: Required[Any]
    action: Required[str | AuditAction]
    obj: models.Model | None
    object_type: str | None
    object_id: str | int | None
    unit: Any
    summary: str
    changes: Mapping[str, Any] | None


def record(**fields: Unpack[EntryFields]) -> AuditEntry:
    """Append one row to the audit log inside the caller's transaction (or a new one).

    No savepoint: a failure here must undo the caller's whole write, never leave it without its audit row.
    """
    return PendingEntry(unlinked(**fields)).append()


class PendingEntry:
    """An audit row prepared before the write transaction; `append()` chains and inserts it inside.

    Everything but the chain link (the previous row's hash, known only under the head's lock) is computed
    up front, so the part that serialises every writer is three short statements.
    """

    def __init__(self, entry: AuditEntry) -> None:
        self.entry = entry
        self._insert = PreparedInsert(entry)

    def append(self, *, object_id: str | int | None = None) -> AuditEntry:
        """Link to the chain's head and insert; `object_id` for an object created in this transaction."""
        entry = self.entry
        if object_id is not None:
            self._insert.set(object_id=str(object_id))
        with transaction.atomic(savepoint=False), connection.cursor() as cursor:
            count = _link(cursor, [entry])
            self._insert.execute(prev_hash=entry.prev_hash, hash=entry.hash)
            _move_head(cursor, entry, count + 1)
        return entry


def append_many(entries: list[AuditEntry]) -> None:
    """Chain and insert `unlinked()` rows, in order, inside the caller's transaction."""
    if not entries:
        return
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        count = _link(cursor, entries)
        AuditEntry.objects.bulk_create(entries)
        _move_head(cursor, entries[-1], count + len(entries))


def _link(cursor: Any, entries: list[AuditEntry]) -> int:
    """Lock the chain's head, give `entries` their previous and own hashes; returns the rows so far."""
    if connection.features.has_select_for_update:
        cursor.execute("SELECT last_hash, count FROM core_auditchainhead WHERE id = 1 FOR UPDATE")
    else:  # SQLite: the write transaction already excludes every other writer
        cursor.execute("SELECT last_hash, count FROM core_auditchainhead WHERE id = 1")
    row = cursor.fetchone()
    if row is None:
        AuditChainHead.objects.create(pk=1)
        row = (GENESIS, 0)
    prev_hash, count = row
    for entry in entries:
        entry.prev_hash = prev_hash
        entry.hash = prev_hash = _digest(prev_hash, entry)
    return int(count)


def _move_head(cursor: Any, last: AuditEntry, count: int) -> None:
    cursor.execute(
        "UPDATE core_auditchainhead SET last_id = %s, last_hash = %s, count = %s WHERE id = 1",
        [last.pk, last.hash, count],
    )


def unlinked(
    *,
    actor: Any,
    action: str | AuditAction,
    obj: models.Model | None = None,
    object_type: str | None = None,
    object_id: str | int | None = None,
    unit: Any = None,
    summary: str = "",
    changes: Mapping[str, Any] | None = None,
) -> AuditEntry:
    """The unsaved audit row, not yet linked to the chain: for `append_many`, possibly in another process."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = obj.pk if object_id is None else object_id
    return AuditEntry(
        at=timezone.now(),
        actor_id=getattr(actor, "pk", None) if getattr(actor, "is_authenticated", False) else None,
        actor_label=_actor_label(actor),
        unit_id=getattr(unit, "pk", None),
        unit_path=getattr(unit, "path", "") or "",
        action=str(action),
        object_type=object_type or "",
        object_id="" if object_id is None else str(object_id),
        summary=summary[:500],
        changes=_canonical(dict(changes or {})),
        prev_hash=GENESIS,
        hash="",
    )


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """Changed fields as {field: [old, new]}."""
    keys = set(before) | set(after)
    return {k: [before.get(k), after.get(k)] for k in sorted(keys) if before.get(k) != after.get(k)}


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    return {f: _canonical(getattr(obj, f)) for f in fields}


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    message: str
    bad_id: int | None = None


def verify(batch_size: int = 5000) -> VerifyResult:
    """Recompute the chain; report the first edited, inserted or deleted row."""
    prev_hash = GENESIS
    checked = 0
    last_id = 0
    queryset = AuditEntry.objects.order_by("id")
    for entry in queryset.iterator(chunk_size=batch_size):
        if entry.prev_hash != prev_hash:
            return VerifyResult(
                False,
                checked,
                f"Dòng #{entry.pk}: mắt xích trước bị thiếu hoặc bị xóa (chain broken).",
                entry.pk,
            )
        if _digest(prev_hash, entry) != entry.hash:
            return VerifyResult(
                False, checked, f"Dòng #{entry.pk}: nội dung đã bị sửa (hash mismatch).", entry.pk
            )
        prev_hash = entry.hash
        last_id = entry.pk
        checked += 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and (head.last_hash != prev_hash or head.count != checked):
        return VerifyResult(
            False,
            checked,
            f"Cuối chuỗi không khớp: đầu chuỗi ghi #{head.last_id} ({head.count} dòng), "
            f"thực tế #{last_id} ({checked} dòng): dòng cuối đã bị xóa.",
            head.last_id,
        )
    return VerifyResult(True, checked, f"Nhật ký toàn vẹn: {checked} dòng đã kiểm tra.")
