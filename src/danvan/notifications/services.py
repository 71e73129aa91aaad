"""Notifications: writing messages to the outbox inside the caller's transaction (sent after commit: by the
database backend's worker, which looks at the outbox when its queue is empty, or by the task `tasks.deliver`
queued after commit with other backends; see `sending`), unsubscribing."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from danvan.core import crypto
from danvan.core.prepared import binding_cursor
from danvan.notifications import tasks
from danvan.notifications.addresses import (
    address_hash,
    hint,
    normalise_address,
    read_unsubscribe_token,
    unsubscribe_token,
    unsubscribe_url,
    valid_address,
)
from danvan.notifications.models import Outbox, Status, Unsubscribed
from danvan.notifications.sending import Sent, backoff, claim, render, send_batch, send_due, template_for

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Message:
    """A message to write: to whom (channel + address), which template, what to fill in, about which case."""

    channel: str
    address: str
    template: str
    context: Mapping[str, Any] = field(default_factory=dict)
    language: str = "vi"
    case: Any = None


def enqueue(messages: Iterable[Message]) -> int:
    """Write `messages` to the outbox in the caller's transaction; they are sent after commit.

    Unsubscribed or malformed addresses are skipped (nothing written). Returns how many rows were written.

    This runs inside a state change's transaction, so it does the least it can there: the rows' values are
    computed in Python (the address encrypted, its keyed hash, the hint) and written by one statement that
    also leaves out the unsubscribed addresses (`INSERT … SELECT … WHERE NOT EXISTS`, on the unique index of
    `Unsubscribed`), without model instances or the ORM's per-field preparation. The message is rendered at
    send time. Measured in-process on SQLite with two rows (e-mail and SMS): ORM bulk insert plus lookup
    1.8 ms; model instances, `core.prepared.insert_all` plus lookup about 0.5 ms (until 03/12/2026); one
    statement from plain values now (see bench/bench_notifications.py for the figure per move).
    """
    now = timezone.now()
    values: list[tuple[Any, ...]] = []
    for message in messages:
        if not message.address or not valid_address(message.channel, message.address):
            continue
        case = message.case
        values.append(
            (
                message.channel,
                crypto.seal(normalise_address(message.channel, message.address)),
                address_hash(message.channel, message.address),
                hint(message.channel, message.address),
                message.template,
                message.language,
                dict(message.context),
                case._meta.label_lower if case is not None else "",
                str(case.pk) if case is not None else "",
            )
        )
    if not values:
        return 0
    written = _insert_unless_unsubscribed(values, now)
    if written:
        _kick_after_commit()
    return written


#: the outbox columns `enqueue` fills (the others take their defaults: no lease, no error, not sent)
_COLUMNS = (
    "channel",
    "recipient_enc",
    "recipient_hash",
    "recipient_hint",
    "template",
    "language",
    "context",
    "case_label",
    "case_id",
    "status",
    "attempts",
    "claimed_by",
    "last_error",
    "next_attempt_at",
    "created_at",
)


@cache
def _insert_sql(vendor: str, rows: int) -> str:
    """One INSERT of `rows` rows, each left out when its (channel, address hash) unsubscribed."""
    quote = connection.ops.quote_name
    outbox = quote(Outbox._meta.db_table)
    stopped = quote(Unsubscribed._meta.db_table)
    marks = ", ".join(["%s"] * len(_COLUMNS))
    one = (
        f"SELECT {marks} WHERE NOT EXISTS (SELECT 1 FROM {stopped} "  # noqa: S608 (model tables)
        f"WHERE {quote('channel')} = %s AND {quote('address_hash')} = %s)"
    )
    columns = ", ".join(quote(c) for c in _COLUMNS)
    return f"INSERT INTO {outbox} ({columns}) " + " UNION ALL ".join([one] * rows)


def _insert_unless_unsubscribed(values: list[tuple[Any, ...]], now: Any) -> int:
    context_field = Outbox._meta.get_field("context")
    assert isinstance(context_field, models.JSONField)
    at = connection.ops.adapt_datetimefield_value(now)
    params: list[Any] = []
    for channel, enc, digest, hint_, template, language, context, case_label, case_id in values:
        params += (
            channel,
            enc,
            digest,
            hint_,
            template,
            language,
            context_field.get_db_prep_save(context, connection),
            case_label,
            case_id,
            Status.PENDING.value,
            0,
            "",
            "",
            at,
            at,
            channel,
            digest,
        )
    with binding_cursor() as cursor:  # prepared on PostgreSQL after a few runs: no planning per move
        cursor.execute(_insert_sql(connection.vendor, len(values)), params)
        return max(cursor.rowcount, 0)


def _sent_by_worker() -> bool:
    """The database task backend's worker (`danvan db_worker`, this app's version of the command) sends the
    outbox itself whenever its queue is empty: no task to queue. Other backends (Redis, the tests'
    immediate one) run the task `deliver`, queued after commit."""
    from django.tasks import task_backends
    from django_tasks_db import DatabaseBackend

    return isinstance(task_backends[tasks.deliver.backend], DatabaseBackend)


def _kick() -> None:
    try:
        tasks.deliver.enqueue()
    except Exception:  # the rows wait: the next kick or `danvan notifications send` sends them
        logger.exception("Notifications: the sending task could not be queued")


def _kick_after_commit() -> None:
    """Have the rows sent after the transaction commits: nothing to do with the database backend (its
    worker looks at the outbox, see `management/commands/db_worker.py`); otherwise queue the sending task,
    once per transaction.

    Until 03/12/2026 the database backend too was sent a task after each commit that wrote messages (or,
    when one was already waiting, read so): a second transaction per notified move, the largest part of
    what notifying added to it."""
    if _sent_by_worker():
        return
    conn = transaction.get_connection()
    if conn.in_atomic_block and any(func is _kick for _, func, *_ in conn.run_on_commit):
        return
    transaction.on_commit(_kick)


def unsubscribe(token: str) -> bool:
    """Stop every message to the address of `token` (pending ones are cancelled). False: invalid token."""
    found = read_unsubscribe_token(token)
    if found is None:
        return False
    channel, digest = found
    with transaction.atomic():
        Unsubscribed.objects.get_or_create(
            channel=channel, address_hash=digest, defaults={"at": timezone.now()}
        )
        Outbox.objects.filter(channel=channel, recipient_hash=digest, status=Status.PENDING).update(
            status=Status.CANCELLED
        )
    return True


__all__ = [
    "Message",
    "Sent",
    "address_hash",
    "backoff",
    "claim",
    "enqueue",
    "hint",
    "normalise_address",
    "read_unsubscribe_token",
    "render",
    "send_batch",
    "send_due",
    "template_for",
    "unsubscribe",
    "unsubscribe_token",
    "unsubscribe_url",
    "valid_address",
]
