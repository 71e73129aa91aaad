"""Sending the outbox: claim due rows with a lease, render, send, mark each row right after its attempt;
retry with exponential backoff; a failure on the case's timeline.

Delivery is at least once with a stable `Message-ID` per outbox row: a worker killed after the SMTP server
accepted a message but before the row was marked sent would let the next worker send it again (the
receiving server or client folds the copies by Message-ID); a worker killed before that loses nothing (the
lease runs out and the row is claimed again) and sends nothing twice.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import uuid
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db import connection, models, transaction
from django.db.models import F, Q
from django.template import Context, Engine, Template
from django.utils import timezone

from danvan.core import crypto
from danvan.core.workflow import history_row, workflow_for
from danvan.notifications.addresses import unsubscribe_url
from danvan.notifications.channels import DeliveryError, Mailer, Rendered, SmsGateway, sms_gateway
from danvan.notifications.defaults import DEFAULTS, html_of
from danvan.notifications.models import Channel, MessageTemplate, Outbox, Status, Unsubscribed

logger = logging.getLogger(__name__)


_TEXT = Engine(
    autoescape=False, libraries={}, builtins=["django.template.defaulttags", "django.template.defaultfilters"]
)
_HTML = Engine(autoescape=True, builtins=["django.template.defaulttags", "django.template.defaultfilters"])


def template_for(key: str, language: str) -> tuple[str, str, str, str]:
    """(subject, text, html, sms) of a template: the administrator's version, else the default."""
    own = MessageTemplate.objects.filter(key=key, language__in=(language, "vi")).order_by(
        models.Case(models.When(language=language, then=0), default=1)
    )
    found = own.first()
    if found is not None:
        return found.subject, found.body_text, found.body_html or html_of(found.body_text), found.sms_text
    by_language = DEFAULTS.get(key)
    if by_language is None:
        raise DeliveryError(f"unknown template {key!r}")
    default = by_language.get(language) or by_language["vi"]
    return default.subject, default.text, html_of(default.text), default.sms


@dataclass(frozen=True)
class Compiled:
    subject: Template
    text: Template
    html: Template | None
    sms: Template


class Templates:
    """The templates of one batch, each looked up and compiled once."""

    def __init__(self) -> None:
        self.cache: dict[tuple[str, str], Compiled] = {}

    def get(self, key: str, language: str) -> Compiled:
        found = self.cache.get((key, language))
        if found is None:
            subject, text, html, sms = template_for(key, language)
            found = Compiled(
                subject=_TEXT.from_string(subject),
                text=_TEXT.from_string(text),
                html=_HTML.from_string(html) if html else None,
                sms=_TEXT.from_string(sms or subject),
            )
            self.cache[(key, language)] = found
        return found


def render(row: Outbox, address: str, templates: Templates | None = None) -> Rendered:
    compiled = (templates or Templates()).get(row.template, row.language)
    link = unsubscribe_url(row.channel, address)
    values = {**row.context, "unsubscribe_url": link}
    # Plain text (subject, text body, SMS) is not HTML: a `&` in a link or a `<` in a citizen's words must
    # stay as written. `Template.render(Context)` takes its escaping from the Context (on by default), not
    # from the Engine, so each kind of output gets its own Context; only the HTML body is escaped.
    plain = Context(values, autoescape=False)
    html = Context(values, autoescape=True)
    headers = {
        "Message-ID": f"<outbox-{row.pk}@{_domain()}>",
        "List-Unsubscribe": f"<{link}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Auto-Submitted": "auto-generated",
    }
    return Rendered(
        subject=" ".join(compiled.subject.render(plain).split())[:200],
        text=compiled.text.render(plain),
        html=compiled.html.render(html) if compiled.html is not None else "",
        sms=compiled.sms.render(plain).strip(),
        headers=headers,
    )


def _domain() -> str:
    return settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "danvan"


@dataclass
class Sent:
    sent: int = 0
    failed: int = 0
    cancelled: int = 0
    retry_at: dt.datetime | None = None

    def add(self, other: Sent) -> None:
        self.sent += other.sent
        self.failed += other.failed
        self.cancelled += other.cancelled
        if other.retry_at is not None and (self.retry_at is None or other.retry_at < self.retry_at):
            self.retry_at = other.retry_at


def backoff(attempts: int) -> dt.timedelta:
    """Wait before the next attempt: 30 s, 1 min, 2 min, … doubled each time, at most 6 hours."""
    seconds = settings.NOTIFICATIONS_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    return dt.timedelta(seconds=min(seconds, 6 * 3600))


def claim(worker: str, limit: int) -> list[Outbox]:
    """Claim up to `limit` due rows for `worker`: pending ones whose time has come, and rows whose worker's
    lease ran out (killed mid-send). One short transaction; SKIP LOCKED where the database has it."""
    now = timezone.now()
    due = Q(status=Status.PENDING, next_attempt_at__lte=now) | Q(status=Status.SENDING, lease_until__lt=now)
    with transaction.atomic():
        queryset = Outbox.objects.filter(due).order_by("next_attempt_at", "pk")
        if connection.features.has_select_for_update_skip_locked:
            queryset = queryset.select_for_update(skip_locked=True)
        ids = list(queryset.values_list("pk", flat=True)[:limit])
        if not ids:
            return []
        Outbox.objects.filter(pk__in=ids).update(
            status=Status.SENDING,
            lease_until=now + dt.timedelta(seconds=settings.NOTIFICATIONS_LEASE_SECONDS),
            claimed_by=worker,
            attempts=F("attempts") + 1,
        )
    return list(Outbox.objects.filter(pk__in=ids, claimed_by=worker).order_by("pk"))


def _mine(row: Outbox, worker: str) -> models.QuerySet[Outbox]:
    return Outbox.objects.filter(pk=row.pk, claimed_by=worker, status=Status.SENDING)


def _mark_sent(row: Outbox, worker: str) -> None:
    """`_mine(row, worker).update(status=SENT, …)` as one plain statement (autocommit): the row is marked
    right after the server took the message, and the ORM's compilation of that UPDATE cost more than the
    statement, once per message."""
    table = connection.ops.quote_name(Outbox._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET status = %s, sent_at = %s, lease_until = NULL, last_error = ''"  # noqa: S608 (model table)
            " WHERE id = %s AND claimed_by = %s AND status = %s",
            [
                Status.SENT,
                connection.ops.adapt_datetimefield_value(timezone.now()),
                row.pk,
                worker,
                Status.SENDING,
            ],
        )


def _failed(row: Outbox, worker: str, error: str, result: Sent) -> None:
    now = timezone.now()
    give_up = row.attempts >= settings.NOTIFICATIONS_MAX_ATTEMPTS
    retry_at = now + backoff(row.attempts)
    _mine(row, worker).update(
        status=Status.FAILED if give_up else Status.PENDING,
        next_attempt_at=now if give_up else retry_at,
        lease_until=None,
        last_error=error[:500],
    )
    result.failed += 1
    if not give_up and (result.retry_at is None or retry_at < result.retry_at):
        result.retry_at = retry_at
    if row.attempts == 1 or give_up:
        _note_on_case(row, error, final=give_up)


def _note_on_case(row: Outbox, error: str, *, final: bool) -> None:
    """A failed delivery on the case's timeline (officers only): at the first failure and when abandoned."""
    if not row.case_label or not row.case_id:
        return
    try:
        model = apps.get_model(row.case_label)
        record = model._default_manager.get(pk=row.case_id)
        workflow = workflow_for(record)
    except (LookupError, KeyError, models.ObjectDoesNotExist):
        return
    extra = {"is_public": False} if any(f.name == "is_public" for f in workflow.history._meta.fields) else {}
    state = workflow.state_of(record)
    what = "Thư điện tử" if row.channel == Channel.EMAIL else "Tin nhắn SMS"
    reason = (
        f"{what} “{row.template}” gửi {row.recipient_hint} "
        + (
            "không gửi được, đã dừng sau " + str(row.attempts) + " lần"
            if final
            else "chưa gửi được, sẽ gửi lại"
        )
        + f": {error}"
    )[:1000]
    history_row(
        workflow,
        record,
        actor=None,
        action="notify_failed",
        from_state=state,
        to_state=state,
        reason=reason,
        **extra,
    ).save(force_insert=True)


def send_batch(worker: str, limit: int = 100, *, gateway: SmsGateway | None = None) -> Sent:
    """Claim and send one batch; each row is marked (sent, retry, failed) right after its own attempt."""
    rows = claim(worker, limit)
    result = Sent()
    if not rows:
        return result
    stopped = set(
        Unsubscribed.objects.filter(address_hash__in={r.recipient_hash for r in rows}).values_list(
            "channel", "address_hash"
        )
    )
    mailer: Mailer | None = None
    templates = Templates()
    try:
        for row in rows:
            if (row.channel, row.recipient_hash) in stopped:
                _mine(row, worker).update(status=Status.CANCELLED, lease_until=None)
                result.cancelled += 1
                continue
            try:
                address = crypto.decrypt(row.recipient_enc)
                message = render(row, address, templates)
                if row.channel == Channel.EMAIL and row.context.get("letter"):
                    message = _with_letter(row, message)
                if row.channel == Channel.EMAIL:
                    mailer = mailer or Mailer()
                    mailer.send(address, message)
                else:
                    gateway = gateway or sms_gateway()
                    gateway.send(address, message.sms)
            except DeliveryError as exc:
                _failed(row, worker, str(exc), result)
                continue
            except Exception as exc:  # a broken template or key: shown, retried, given up
                logger.exception("Notifications: outbox row %s", row.pk)
                _failed(row, worker, f"{exc.__class__.__name__}: {exc}", result)
                continue
            _mark_sent(row, worker)
            result.sent += 1
    finally:
        if mailer is not None:
            mailer.close()
    return result


def _with_letter(row: Outbox, message: Rendered) -> Rendered:
    """The e-mail with the letter of the move it tells of, as PDF (built now if the task has not yet)."""
    from danvan.notifications.case_letters import mail_attachment

    found = mail_attachment(row.context, row.case_label, row.case_id)
    return dataclasses.replace(message, attachments=(found,)) if found is not None else message


def has_due() -> bool:
    """Is some message due (pending and its time come, or claimed by a worker whose lease ran out)? One
    read on the outbox's (status, next attempt) index, no transaction: what the task worker asks when its
    queue is empty (`management/commands/db_worker.py`)."""
    now = timezone.now()
    return (
        Outbox.objects.filter(
            Q(status=Status.PENDING, next_attempt_at__lte=now) | Q(status=Status.SENDING, lease_until__lt=now)
        )
        .only("pk")
        .exists()
    )


def send_due(*, limit: int = 100, max_batches: int = 1000) -> Sent:
    """Send every due message, batch after batch (the task `deliver` and `danvan notifications send`)."""
    worker = uuid.uuid4().hex[:16]
    total = Sent()
    for _ in range(max_batches):
        batch = send_batch(worker, limit)
        total.add(batch)
        if batch.sent + batch.failed + batch.cancelled == 0:
            break
    return total
