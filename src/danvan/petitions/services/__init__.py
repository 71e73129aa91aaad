"""Đơn thư: services (every write), split by topic as Zulip splits `zerver/actions/`.

- `intake`: `submit_petition` from every channel (receipt first), tracking codes, redaction;
- `journal`: the public form's intake journal, entered in the register by the analysis process;
- `enrichment`: field suggestion and duplicate check (`enrich_petition`, `watch_pending`);
- `moves`: the state machine's moves and edits, each through `danvan.core.workflow.perform`;
- `identity`: the sender's identity, redaction of protected texts (`protect`, `redact`, `identity_of`);
- `confidentiality`: who sees an identity or a confidential file (audited), key rotation;
- `placeholders`, `answers`: answer templates' placeholders, group answers; `documents`: the letters the body
  generates, attached to the case;
- `messages`: the two-way messages by code and secret phrase (#17 item 5);
- `steps`: which unit held a petition open against which deadline (rewritten for backdated records);
- `analysis`: the field classifier and the MinHash signatures for other modules' texts (workers only).

Callers keep importing from `danvan.petitions.services`; tests that replace a function patch the module
that uses it (`services.journal._ingest`, `services.enrichment.enrich_petition`).
"""

from danvan.core.workflow import Conflict, NotPermitted, Refused
from danvan.petitions.services.analysis import COPY_SIMILARITY, similarities, suggest_field, text_signature
from danvan.petitions.services.confidentiality import (
    assignable_handlers,
    attachment_name,
    can_see_identity,
    handlers_for_head,
    is_unit_head,
    open_attachment,
    reveal_identity,
    rotate_keys,
)
from danvan.petitions.services.documents import attach_document, last_move, petition_of, read_document
from danvan.petitions.services.enrichment import (
    WatchStats,
    enrich_pending,
    enrich_petition,
    pending_count,
    pending_ids,
    watch_pending,
)
from danvan.petitions.services.identity import (
    PROTECTED_TEXTS,
    identity_keys,
    identity_of,
    protect,
    public_answer,
    redact,
)
from danvan.petitions.services.intake import (
    CHANNELS,
    STAFF_CHANNELS,
    IntakeError,
    citizen_key_digest,
    new_citizen_key,
    new_public_id,
    new_tracking_code,
    normalise_code,
    submit_petition,
)
from danvan.petitions.services.journal import (
    BURST_PER_SECOND,
    INGEST_BATCH,
    INGEST_BATCH_IN_BURST,
    ingest_journal,
    journal_count,
    journal_waited,
    rows_of,
)
from danvan.petitions.services.messages import (
    citizen_document,
    citizen_read,
    citizen_reply,
    issue_phrase,
    may_message,
    new_message_q,
    officer_read,
    send_message,
    verify_phrase,
)
from danvan.petitions.services.moves import (
    accept,
    assign_handler,
    close,
    confirm_field,
    extend,
    link_duplicate,
    publish_title,
    rate,
    refuse,
    resolve,
    start,
    transfer,
    withdraw,
)
from danvan.petitions.services.placeholders import (
    PLACEHOLDERS,
    fill,
    unknown_message,
    unknown_names,
    values_for,
)
from danvan.petitions.services.steps import PastStep, reset_steps
from danvan.petitions.workflow import OPEN_STATES, TRANSITIONS, WORKFLOW

__all__ = [
    "COPY_SIMILARITY",
    "similarities",
    "suggest_field",
    "text_signature",
    "PLACEHOLDERS",
    "attach_document",
    "fill",
    "last_move",
    "petition_of",
    "read_document",
    "unknown_message",
    "unknown_names",
    "values_for",
    "citizen_document",
    "citizen_read",
    "citizen_reply",
    "issue_phrase",
    "may_message",
    "new_message_q",
    "officer_read",
    "send_message",
    "verify_phrase",
    "PastStep",
    "reset_steps",
    "publish_title",
    "new_public_id",
    "new_citizen_key",
    "citizen_key_digest",
    "attachment_name",
    "CHANNELS",
    "BURST_PER_SECOND",
    "INGEST_BATCH",
    "INGEST_BATCH_IN_BURST",
    "OPEN_STATES",
    "PROTECTED_TEXTS",
    "STAFF_CHANNELS",
    "TRANSITIONS",
    "WORKFLOW",
    "Conflict",
    "IntakeError",
    "NotPermitted",
    "Refused",
    "WatchStats",
    "accept",
    "assign_handler",
    "assignable_handlers",
    "can_see_identity",
    "close",
    "confirm_field",
    "enrich_pending",
    "enrich_petition",
    "extend",
    "handlers_for_head",
    "identity_keys",
    "identity_of",
    "is_unit_head",
    "ingest_journal",
    "journal_count",
    "journal_waited",
    "link_duplicate",
    "new_tracking_code",
    "normalise_code",
    "open_attachment",
    "pending_count",
    "pending_ids",
    "protect",
    "rate",
    "redact",
    "refuse",
    "public_answer",
    "resolve",
    "reveal_identity",
    "rotate_keys",
    "rows_of",
    "start",
    "submit_petition",
    "transfer",
    "watch_pending",
    "withdraw",
]
