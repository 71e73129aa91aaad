"""Key the audit chain (issue #16 item 5): every existing row is re-signed with HMAC-SHA256 under the
newest audit key (settings.AUDIT_KEYS) — but only if the old, unkeyed chain still verifies. A chain
that was already broken is left as it is, so that `danvan audit verify` keeps reporting the break
instead of the migration laundering it."""

import datetime as dt
import hashlib
import hmac
import json

from django.conf import settings
from django.db import migrations, models

from danvan.core import audit_sql as audit_triggers

GENESIS = "0" * 64


def _payload(prev_hash, row, key_id=None):
    at = row.at.astimezone(dt.UTC).isoformat(timespec="microseconds")
    head = [prev_hash] if key_id is None else [prev_hash, key_id]
    payload = [*head, at, row.actor_id, row.actor_label, row.unit_id, row.unit_path, row.action,
               row.object_type, row.object_id, row.summary, row.changes]  # fmt: skip
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def rekey(apps, schema_editor):
    try:
        _rekey(apps, schema_editor)
    finally:
        restore_triggers(apps, schema_editor)


def _rekey(apps, schema_editor):
    AuditEntry = apps.get_model("core", "AuditEntry")
    AuditChainHead = apps.get_model("core", "AuditChainHead")
    connection = schema_editor.connection
    pg = connection.vendor == "postgresql"
    rows = AuditEntry.objects.order_by("id")
    prev = GENESIS
    count = 0
    for row in rows.iterator(chunk_size=5000):  # the old chain: plain SHA-256
        expected = hashlib.sha256(_payload(prev, row).encode("utf-8")).hexdigest()
        if row.prev_hash != prev or row.hash != expected:
            print(f"\n  Audit chain already broken at row #{row.pk}: rows left unkeyed, `audit verify` reports it.")
            return
        prev, count = row.hash, count + 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and (head.last_hash != prev or head.count != count):
        print("\n  Audit chain head does not match its rows: rows left unkeyed, `audit verify` reports it.")
        return
    key_id, secret = settings.AUDIT_KEYS[0]
    secret = secret.encode("utf-8")
    with connection.cursor() as cursor:
        for sql in audit_triggers.PG_DROP if pg else audit_triggers.SQLITE_DROP:
            cursor.execute(sql)
        prev = GENESIS
        last_id = 0
        batch = []
        for row in rows.iterator(chunk_size=5000):
            new = hmac.new(secret, _payload(prev, row, key_id).encode("utf-8"), hashlib.sha256).hexdigest()
            batch.append((prev, new, key_id, row.pk))
            prev, last_id = new, row.pk
            if len(batch) >= 5000:
                cursor.executemany(
                    "UPDATE core_auditentry SET prev_hash = %s, hash = %s, key_id = %s WHERE id = %s", batch
                )
                batch = []
        if batch:
            cursor.executemany(
                "UPDATE core_auditentry SET prev_hash = %s, hash = %s, key_id = %s WHERE id = %s", batch
            )
        if count:
            text = f"head|{last_id}|{prev}|{count}"
            mac = hmac.new(secret, text.encode("utf-8"), hashlib.sha256).hexdigest()
            AuditChainHead.objects.update_or_create(
                pk=1, defaults={"last_id": last_id, "last_hash": prev, "count": count, "key_id": key_id, "mac": mac}
            )


def restore_triggers(apps, schema_editor):
    """SQLite rebuilds the table to add a column, which drops its triggers: create them again."""
    pg = schema_editor.connection.vendor == "postgresql"
    with schema_editor.connection.cursor() as cursor:
        for sql in audit_triggers.PG_DROP if pg else audit_triggers.SQLITE_DROP:
            cursor.execute(sql)
        for sql in audit_triggers.PG_CREATE if pg else audit_triggers.SQLITE_CREATE:
            cursor.execute(sql)


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='auditchainhead',
            name='key_id',
            field=models.CharField(blank=True, default='', max_length=16),
        ),
        migrations.AddField(
            model_name='auditchainhead',
            name='mac',
            field=models.CharField(blank=True, default='', max_length=64),
        ),
        migrations.AddField(
            model_name='auditentry',
            name='key_id',
            field=models.CharField(blank=True, default='', max_length=16, verbose_name='mã khóa ký'),
        ),
        migrations.RunPython(rekey, restore_triggers),
    ]
