"""The audit chain is keyed (issue #16 item 5): whoever can write the database but does not hold the
audit key cannot delete rows and recompute the chain unnoticed; signed checkpoints kept outside the
database catch a rolled-back tail."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from danvan.core import audit
from danvan.core.models import AuditAction, AuditChainHead, AuditEntry
from danvan.core.tests.test_audit import _drop_triggers

pytestmark = pytest.mark.django_db

GENESIS = "0" * 64


def _published_digest(prev_hash: str, row: AuditEntry) -> str:
    """The chain formula as published before the key (sha256 over the row's JSON)."""
    at = row.at.astimezone(dt.UTC).isoformat(timespec="microseconds")
    payload = [prev_hash, at, row.actor_id, row.actor_label, row.unit_id, row.unit_path, row.action,
               row.object_type, row.object_id, row.summary, row.changes]  # fmt: skip
    blob = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _recompute_without_the_key(digest: Any = _published_digest) -> None:
    """What the penetration test did on a copy of the database: recompute every hash, move the head."""
    prev = GENESIS
    rows = list(AuditEntry.objects.order_by("id"))
    with connection.cursor() as cursor:
        for row in rows:
            new = digest(prev, row)
            cursor.execute(
                "UPDATE core_auditentry SET prev_hash = %s, hash = %s WHERE id = %s", [prev, new, row.pk]
            )
            row.prev_hash, row.hash, prev = prev, new, new
    AuditChainHead.objects.filter(pk=1).update(last_id=rows[-1].pk, last_hash=prev, count=len(rows))


def _write(actor: Any, units: Any, n: int = 4) -> list[AuditEntry]:
    rows = []
    for i in range(n):
        rows.append(
            audit.record(
                actor=actor,
                action=AuditAction.VIEW_CONFIDENTIAL if i % 2 else AuditAction.CREATE,
                object_type="petitions.petition",
                object_id=i,
                unit=units.commune_a,
                summary=f"row {i}",
            )
        )
    return rows


def test_deleting_view_confidential_rows_and_recomputing_the_published_hashes_is_detected(
    alice: Any, units: Any
) -> None:
    _write(alice, units)
    assert audit.verify().ok
    _drop_triggers()
    AuditEntry.objects.filter(action=AuditAction.VIEW_CONFIDENTIAL).delete()
    _recompute_without_the_key()
    result = audit.verify()
    assert not result.ok
    with pytest.raises(CommandError):
        call_command("audit", "verify")


def test_recomputing_with_a_guessed_key_is_detected_too(alice: Any, units: Any) -> None:
    import hmac

    _write(alice, units)
    _drop_triggers()
    AuditEntry.objects.filter(action=AuditAction.VIEW_CONFIDENTIAL).delete()

    def guessed(prev: str, row: AuditEntry) -> str:
        return hmac.new(b"guessed-key", _published_digest(prev, row).encode(), hashlib.sha256).hexdigest()

    _recompute_without_the_key(guessed)
    assert not audit.verify().ok


def test_deleting_the_last_rows_and_moving_the_head_back_is_detected(alice: Any, units: Any) -> None:
    rows = _write(alice, units)
    _drop_triggers()
    AuditEntry.objects.filter(pk__in=[r.pk for r in rows[2:]]).delete()
    kept = rows[1]
    AuditChainHead.objects.filter(pk=1).update(
        last_id=kept.pk, last_hash=kept.hash, count=AuditEntry.objects.count()
    )
    result = audit.verify()
    assert not result.ok and "đầu chuỗi" in result.message.lower()


def test_a_signed_checkpoint_outside_the_database_catches_a_rolled_back_tail(
    alice: Any, units: Any, settings: Any, tmp_path: Path
) -> None:
    settings.DANVAN_AUDIT_CHECKPOINT_FILE = tmp_path / "audit_checkpoints.jsonl"
    rows = _write(alice, units, 2)
    saved_head = AuditChainHead.objects.values().get(pk=1)  # an old copy of the database
    more = _write(alice, units, 2)
    call_command("audit", "checkpoint")
    assert audit.verify().ok
    # Roll the database back to the old copy: the tail rows go, the old (validly keyed) head returns.
    _drop_triggers()
    AuditEntry.objects.filter(pk__in=[r.pk for r in more]).delete()
    AuditChainHead.objects.filter(pk=1).update(**{k: v for k, v in saved_head.items() if k != "id"})
    result = audit.verify()
    assert not result.ok and "điểm kiểm" in result.message.lower()
    assert rows  # the old rows themselves are intact


def test_a_forged_checkpoint_line_is_refused(alice: Any, units: Any, settings: Any, tmp_path: Path) -> None:
    path = tmp_path / "audit_checkpoints.jsonl"
    settings.DANVAN_AUDIT_CHECKPOINT_FILE = path
    _write(alice, units, 2)
    call_command("audit", "checkpoint")
    line = json.loads(path.read_text().splitlines()[-1])
    line["count"] = 1
    path.write_text(json.dumps(line) + "\n")
    assert not audit.verify().ok


def test_rows_carry_the_id_of_the_key_that_signed_them_and_an_old_key_still_verifies_after_rotation(
    alice: Any, units: Any, settings: Any
) -> None:
    first = _write(alice, units, 2)
    old_id = first[0].key_id
    assert old_id and old_id == settings.AUDIT_KEYS[0][0]
    settings.AUDIT_KEYS = [("k-new", "n" * 64), *settings.AUDIT_KEYS]
    later = _write(alice, units, 2)
    assert {r.key_id for r in later} == {"k-new"}
    assert audit.verify().ok
    settings.AUDIT_KEYS = settings.AUDIT_KEYS[:1]  # the old key was thrown away: its rows cannot be checked
    result = audit.verify()
    assert not result.ok and old_id in result.message
