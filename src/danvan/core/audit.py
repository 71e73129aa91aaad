"""Writing and verifying the audit log. Every service function that writes calls `record()`.

The chain is keyed: each row's `hash` is an HMAC-SHA256 under the newest audit key (settings.AUDIT_KEYS,
kept outside the database; the key's id is stored on the row), and so is the chain's head. Someone who can
write the database but does not hold the key cannot delete rows and recompute the chain. Signed
checkpoints of the head written outside the database (`write_checkpoint`) catch a database rolled back
to an older copy.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Required, TypedDict, Unpack

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, models, transaction
from django.utils import timezone

from danvan.core.models import AuditAction, AuditChainHead, AuditEntry
from danvan.core.prepared import PreparedInsert

GENESIS = "0" * 64
logger = logging.getLogger("danvan.audit")


def keys() -> list[tuple[str, bytes]]:
    """The audit keys, newest first: [(key id, secret)]."""
    return [(key_id, secret.encode("utf-8")) for key_id, secret in settings.AUDIT_KEYS]


def _key(key_id: str) -> bytes | None:
    return next((secret for kid, secret in keys() if kid == key_id), None)


def _newest() -> tuple[str, bytes]:
    found = keys()
    if not found:
        raise ImproperlyConfigured("Chưa có khóa nhật ký kiểm tra (DANVAN_AUDIT_KEYS).")
    return found[0]


def _mac(secret: bytes, text: str) -> str:
    return hmac.new(secret, text.encode("utf-8"), hashlib.sha256).hexdigest()


def _head_text(last_id: int | None, last_hash: str, count: int) -> str:
    return f"head|{last_id or 0}|{last_hash}|{count}"


def _canonical(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str, ensure_ascii=False, sort_keys=True))


def _digest(prev_hash: str, entry: AuditEntry, secret: bytes) -> str:
    """HMAC-SHA256 under the row's key of the previous hash, the key id and every field of the row."""
    at = entry.at.astimezone(dt.UTC).isoformat(timespec="microseconds")
    payload = [
        prev_hash,
        entry.key_id,
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
    return _mac(secret, blob)


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
            self._insert.execute(prev_hash=entry.prev_hash, hash=entry.hash, key_id=entry.key_id)
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
    key_id, secret = _newest()
    for entry in entries:
        entry.prev_hash = prev_hash
        entry.key_id = key_id
        entry.hash = prev_hash = _digest(prev_hash, entry, secret)
    return int(count)


def _move_head(cursor: Any, last: AuditEntry, count: int) -> None:
    key_id, secret = _newest()
    cursor.execute(
        "UPDATE core_auditchainhead SET last_id = %s, last_hash = %s, count = %s, key_id = %s, mac = %s "
        "WHERE id = 1",
        [last.pk, last.hash, count, key_id, _mac(secret, _head_text(last.pk, last.hash, count))],
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
    """Recompute the keyed chain; report the first edited, inserted or deleted row, a head moved without
    the key, or a database older than the newest signed checkpoint."""
    prev_hash = GENESIS
    checked = 0
    last_id = 0
    order = {key_id: i for i, (key_id, _) in enumerate(keys())}  # 0 = newest
    oldest_allowed = len(order)  # rows go from older keys to newer ones, never back
    queryset = AuditEntry.objects.order_by("id")
    for entry in queryset.iterator(chunk_size=batch_size):
        secret = _key(entry.key_id)
        if secret is None:
            return VerifyResult(
                False,
                checked,
                f"Dòng #{entry.pk}: ký bằng khóa “{entry.key_id or '(không có khóa)'}” không có trong "
                "DANVAN_AUDIT_KEYS (khóa cũ đã bị bỏ, hoặc dòng không do hệ thống ký).",
                entry.pk,
            )
        if order[entry.key_id] > oldest_allowed:
            return VerifyResult(
                False,
                checked,
                f"Dòng #{entry.pk}: ký bằng khóa cũ sau khi đã đổi khóa (key rollback).",
                entry.pk,
            )
        oldest_allowed = order[entry.key_id]
        if entry.prev_hash != prev_hash:
            return VerifyResult(
                False,
                checked,
                f"Dòng #{entry.pk}: mắt xích trước bị thiếu hoặc bị xóa (chain broken).",
                entry.pk,
            )
        if not hmac.compare_digest(_digest(prev_hash, entry, secret), entry.hash):
            return VerifyResult(
                False, checked, f"Dòng #{entry.pk}: nội dung đã bị sửa (hash mismatch).", entry.pk
            )
        prev_hash = entry.hash
        last_id = entry.pk
        checked += 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is None and checked:
        return VerifyResult(
            False, checked, "Mất đầu chuỗi nhật ký (bảng đầu chuỗi trống) dù còn dòng nhật ký."
        )
    if head is not None and (head.last_hash != prev_hash or head.count != checked):
        return VerifyResult(
            False,
            checked,
            f"Cuối chuỗi không khớp: đầu chuỗi ghi #{head.last_id} ({head.count} dòng), "
            f"thực tế #{last_id} ({checked} dòng): dòng cuối đã bị xóa.",
            head.last_id,
        )
    if head is not None and head.count:
        head_secret = _key(head.key_id)
        if head_secret is None or not hmac.compare_digest(
            _mac(head_secret, _head_text(head.last_id, head.last_hash, head.count)), head.mac
        ):
            return VerifyResult(
                False,
                checked,
                f"Đầu chuỗi nhật ký không có chữ ký hợp lệ (đầu chuỗi bị dời mà không có khóa): "
                f"ghi #{head.last_id} ({head.count} dòng).",
                head.last_id,
            )
    problem = _check_checkpoints(checked)
    if problem:
        return VerifyResult(False, checked, problem)
    return VerifyResult(True, checked, f"Nhật ký toàn vẹn: {checked} dòng đã kiểm tra.")


# --- signed checkpoints outside the database --------------------------------------------------------
def checkpoint_path() -> Path | None:
    value = settings.DANVAN_AUDIT_CHECKPOINT_FILE
    return Path(value) if value else None


def _checkpoint_text(point: Mapping[str, Any]) -> str:
    return f"checkpoint|{point['at']}|{point['last_id']}|{point['last_hash']}|{point['count']}"


def write_checkpoint() -> dict[str, Any] | None:
    """Append the head, signed with the newest key, to the checkpoint file (created 0600) and the log."""
    path = checkpoint_path()
    head = AuditChainHead.objects.filter(pk=1).first()
    if path is None or head is None:
        return None
    key_id, secret = _newest()
    point: dict[str, Any] = {
        "at": timezone.now().isoformat(timespec="seconds"),
        "last_id": int(head.last_id),
        "last_hash": head.last_hash,
        "count": int(head.count),
        "key_id": key_id,
    }
    point["mac"] = _mac(secret, _checkpoint_text(point))
    line = json.dumps(point, sort_keys=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as handle:
        handle.write(line + "\n")
    logger.info("audit checkpoint %s", line)
    return point


def _check_checkpoints(checked: int) -> str:
    """A problem with the checkpoints (a forged line, or a database behind the newest one), or ""."""
    path = checkpoint_path()
    if path is None or not path.exists():
        return ""
    newest: dict[str, Any] | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            point = json.loads(raw)
            secret = _key(str(point["key_id"]))
            valid = secret is not None and hmac.compare_digest(
                _mac(secret, _checkpoint_text(point)), point["mac"]
            )
        except (ValueError, KeyError, TypeError):
            valid = False
        if not valid:
            return f"Điểm kiểm dòng {number} của {path.name} không có chữ ký hợp lệ (tệp điểm kiểm bị sửa)."
        if newest is None or int(point["count"]) >= int(newest["count"]):
            newest = point
    if newest is None or int(newest["count"]) == 0:
        return ""
    row = AuditEntry.objects.filter(pk=newest["last_id"]).values_list("hash", flat=True).first()
    position = AuditEntry.objects.filter(pk__lte=newest["last_id"]).count()
    if row != newest["last_hash"] or position != int(newest["count"]) or checked < int(newest["count"]):
        return (
            f"Cơ sở dữ liệu không khớp điểm kiểm đã ký lúc {newest['at']}: khi đó nhật ký có "
            f"{newest['count']} dòng, đến dòng #{newest['last_id']}; nay thiếu hoặc khác (nhật ký bị cắt "
            "hoặc cơ sở dữ liệu bị đưa về bản cũ)."
        )
    return ""
