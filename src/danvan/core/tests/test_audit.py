from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from danvan.core import audit
from danvan.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def _write_three(actor: Any, units: Any) -> list[AuditEntry]:
    return [
        audit.record(
            actor=actor,
            action="create",
            object_type="test.thing",
            object_id=i,
            unit=units.commune_a,
            summary=f"thing {i}",
            changes={"n": [None, i]},
        )
        for i in range(3)
    ]


def _drop_triggers() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP TRIGGER IF EXISTS core_auditentry_no_update ON core_auditentry")
        else:
            cursor.execute("DROP TRIGGER IF EXISTS core_auditentry_no_update")
            cursor.execute("DROP TRIGGER IF EXISTS core_auditentry_no_delete")


def test_a_fresh_chain_verifies(alice: Any, units: Any) -> None:
    _write_three(alice, units)
    result = audit.verify()
    assert result.ok and result.checked >= 3


def test_each_row_carries_the_previous_rows_hash(alice: Any, units: Any) -> None:
    rows = _write_three(alice, units)
    assert rows[1].prev_hash == rows[0].hash and rows[2].prev_hash == rows[1].hash
    assert rows[0].actor_label == "alice" and rows[0].unit_path == units.commune_a.path


def test_the_database_refuses_to_update_an_audit_row(alice: Any, units: Any) -> None:
    rows = _write_three(alice, units)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=rows[0].pk).update(summary="sửa lén")


def test_the_model_refuses_to_save_or_delete_twice(alice: Any, units: Any) -> None:
    row = _write_three(alice, units)[0]
    with pytest.raises(RuntimeError):
        row.save()
    with pytest.raises(RuntimeError):
        row.delete()


def test_verify_detects_an_edited_row(alice: Any, units: Any) -> None:
    rows = _write_three(alice, units)
    _drop_triggers()
    AuditEntry.objects.filter(pk=rows[1].pk).update(summary="đã bị sửa")
    result = audit.verify()
    assert not result.ok and result.bad_id == rows[1].pk
    with pytest.raises(CommandError, match="bị sửa"):
        call_command("audit", "verify")


def test_verify_detects_a_deleted_row(alice: Any, units: Any) -> None:
    rows = _write_three(alice, units)
    _drop_triggers()
    AuditEntry.objects.filter(pk=rows[1].pk).delete()
    result = audit.verify()
    assert not result.ok and result.bad_id == rows[2].pk


def test_verify_detects_a_deleted_last_row(alice: Any, units: Any) -> None:
    rows = _write_three(alice, units)
    _drop_triggers()
    AuditEntry.objects.filter(pk=rows[2].pk).delete()
    assert not audit.verify().ok


def test_diff_lists_only_changed_fields() -> None:
    assert audit.diff({"a": 1, "b": 2}, {"a": 1, "b": 3, "c": 4}) == {"b": [2, 3], "c": [None, 4]}


@pytest.mark.django_db(transaction=True)
def test_flushing_the_database_keeps_the_append_only_guard(units: Any) -> None:
    audit.record(actor=None, action="create", object_type="test.thing", object_id=1)
    call_command("flush", interactive=False, verbosity=0)
    assert AuditEntry.objects.count() == 0
    row = audit.record(actor=None, action="create", object_type="test.thing", object_id=2)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=row.pk).update(summary="sửa lén")
