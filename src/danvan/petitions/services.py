"""Đơn thư: services (every write). One function per move of the state machine.

Each move runs in one transaction, locks the petition row (`select_for_update`) and compares the
`version` the officer saw, checks the move against `TRANSITIONS`, writes a history row and the audit
log. Of two officers acting on one petition at once, one wins and the other gets `ConflictError`.
"""

from __future__ import annotations

import collections
import datetime as dt
import json
import logging
import secrets
import threading
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from danvan.accounts.models import Role
from danvan.accounts.scoping import ACT_ROLES, scope_for
from danvan.core import audit, clock, crypto
from danvan.core.models import AuditAction
from danvan.core.prepared import PreparedInsert, from_row, to_row
from danvan.petitions import files, rules, search, writelock
from danvan.petitions.forms import DeskPetitionValidator, PetitionValidator
from danvan.petitions.models import (
    Attachment,
    Channel,
    DuplicateCandidate,
    Field,
    FieldCorrection,
    IntakeJournal,
    Kind,
    Petition,
    PetitionBand,
    PetitionHistory,
    State,
    Step,
)
from danvan.territory.models import AdminUnit, Level
from danvan.territory.selectors import UnknownUnitError, get_unit, resolve_address

logger = logging.getLogger(__name__)

CHANNELS = frozenset({"web", "desk", "import", "api", "open311", "reception", "dialogue"})
STAFF_CHANNELS = frozenset({"desk", "import", "reception", "dialogue"})
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I

TRANSITIONS: dict[str, set[str]] = {
    State.RECEIVED: {State.ACCEPTED, State.REFUSED, State.TRANSFERRED, State.WITHDRAWN},
    State.TRANSFERRED: {State.ACCEPTED, State.REFUSED, State.TRANSFERRED, State.WITHDRAWN},
    State.ACCEPTED: {State.IN_PROGRESS, State.WITHDRAWN},
    State.IN_PROGRESS: {State.RESOLVED, State.WITHDRAWN},
    State.RESOLVED: {State.CLOSED},
    State.REFUSED: set(),
    State.CLOSED: set(),
    State.WITHDRAWN: set(),
}
OPEN_STATES = (State.RECEIVED, State.TRANSFERRED, State.ACCEPTED, State.IN_PROGRESS)


class IntakeError(Exception):
    """Invalid submission: `errors` maps field names to Vietnamese messages; nothing was saved."""

    def __init__(self, errors: Mapping[str, list[str]]) -> None:
        self.errors: dict[str, list[str]] = {k: list(v) for k, v in errors.items()}
        super().__init__("; ".join(m for msgs in self.errors.values() for m in msgs))


class PetitionError(Exception):
    """A refused move, with a Vietnamese message for the officer."""


class ConflictError(PetitionError):
    """Another officer changed the petition first."""


def new_tracking_code() -> str:
    """An unguessable code (about 60 bits), easy to read out: "DV-7KQ4-MZ2X-9WPA"."""
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(12))
    return f"DV-{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def new_public_id() -> str:
    """The id Open311 publishes: unrelated to the tracking code."""
    return "YC-" + "".join(secrets.choice(_ALPHABET) for _ in range(10))


def new_citizen_key() -> str:
    """The confirmation key the receipt gives the citizen once (40 bits; needed with the code to rate)."""
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(8))
    return f"XN-{raw[:4]}-{raw[4:]}"


def citizen_key_digest(key: str) -> str:
    from django.utils.crypto import salted_hmac

    raw = "".join(ch for ch in key.upper() if ch.isalnum()).removeprefix("XN")
    return salted_hmac("danvan.petitions.citizen_key", raw, algorithm="sha256").hexdigest()


def normalise_code(code: str) -> str:
    raw = "".join(ch for ch in code.upper() if ch.isalnum())
    raw = raw.removeprefix("DV")
    return f"DV-{raw[:4]}-{raw[4:8]}-{raw[8:]}" if len(raw) == 12 else code.strip().upper()


def _identity_payload(data: Mapping[str, Any]) -> dict[str, str]:
    return {
        "name": data.get("petitioner_name") or "",
        "phone": data.get("petitioner_phone") or "",
        "email": data.get("petitioner_email") or "",
        "address": data.get("petitioner_address") or "",
        "id_number": data.get("petitioner_id_number") or "",
    }


# The free-text fields of a petition whose identity is protected: stored as redacted working copies, the
# originals kept encrypted in `identity_enc` (with the declared identity).
PROTECTED_TEXTS = ("title", "content", "accused", "accused_act", "representatives")


def redact(text: str, identity: Mapping[str, str], *, names: bool = False, keep: Sequence[str] = ()) -> str:
    """`text` with everything that could reveal the person of `identity` replaced by "[đã che]"
    (`redaction.find`: other spellings of the declared values, phones, ID numbers, e-mails, address
    fragments, relatives' names; with `names=True` also person names found by the NER)."""
    from danvan.petitions import redaction

    return redaction.redact(text, identity, names=names, keep=keep)


def protect(
    petition: Petition, identity: dict[str, str], originals: Mapping[str, str], *, names: bool = False
) -> None:
    """Store `identity` and the original texts encrypted on `petition`, and its texts as redacted copies.

    The representatives of a collective petition are people who signed it: their field is blanked whole."""
    from danvan.petitions import redaction

    identity = {**identity, **{k: originals.get(k) or "" for k in PROTECTED_TEXTS}}
    keep = [originals.get("accused") or ""]
    petition.title = redact(originals.get("title") or "", identity, names=names, keep=keep)[:200]
    petition.content = redact(originals.get("content") or "", identity, names=names, keep=keep)
    petition.accused = redact(originals.get("accused") or "", identity)[:300]
    petition.accused_act = redact(originals.get("accused_act") or "", identity, names=names, keep=keep)
    petition.representatives = redaction.MASK if (originals.get("representatives") or "").strip() else ""
    petition.petitioner_name = petition.petitioner_phone = petition.petitioner_email = ""
    petition.petitioner_address = petition.petitioner_id_enc = ""
    petition.identity_enc = crypto.encrypt(json.dumps(identity, ensure_ascii=False))


def identity_of(petition: Petition) -> dict[str, str]:
    """The petitioner's identity (decrypted when protected) and, for a protected identity, the original
    texts. Callers check the right to see it (`reveal_identity`)."""
    if petition.identity_enc:
        return dict(json.loads(crypto.decrypt(petition.identity_enc)))
    return {
        "name": petition.petitioner_name,
        "phone": petition.petitioner_phone,
        "email": petition.petitioner_email,
        "address": petition.petitioner_address,
        "id_number": crypto.decrypt(petition.petitioner_id_enc) if petition.petitioner_id_enc else "",
    }


def _history(
    petition: Petition, actor: Any, action: str, from_state: str, reason: str = "", *, public: bool = True
) -> None:
    _history_row(petition, actor, action, from_state, reason, public=public).save(force_insert=True)


def _history_row(
    petition: Petition, actor: Any, action: str, from_state: str, reason: str = "", *, public: bool = True
) -> PetitionHistory:
    return PetitionHistory(
        petition=petition,
        at=timezone.now(),
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_label=audit._actor_label(actor),
        action=action,
        from_state=from_state,
        to_state=petition.state,
        reason=reason,
        is_public=public,
    )


def _resolve_place(
    form_data: Mapping[str, Any], unit: AdminUnit | None
) -> tuple[AdminUnit | None, dict[str, list[str]]]:
    code = (form_data.get("place_code") or "").strip()
    address = (form_data.get("address") or "").strip()
    if code:
        try:
            return get_unit(code), {}
        except UnknownUnitError as exc:
            return None, {"place_code": [str(exc)]}
    if address:
        place = resolve_address(address)
        if place is None or place.level == Level.NATION:
            return None, {
                "address": [
                    f"Không xác định được xã, phường hoặc tỉnh từ địa chỉ “{address}”: hãy ghi rõ tên xã, phường "
                    "và tỉnh, thành phố (ví dụ: Xã Tân Thành, tỉnh Lạng Sơn)."
                ]
            }
        return place, {}
    if unit is not None and unit.level != Level.NATION:
        return unit, {}
    return None, {"address": ["Hãy nhập nơi xảy ra sự việc (xã, phường và tỉnh, thành phố)."]}


_suggest_lock = threading.Lock()  # underthesea's tokenizer is not thread-safe (gunicorn --threads)


def _suggest(text: str) -> tuple[Field | None, float | None]:
    from danvan.petitions import training

    try:
        with _suggest_lock:
            suggestions = training.suggest(text)
    except (OSError, ValueError) as exc:  # the suggestion is a help, never a reason to lose a petition
        logger.warning("Field suggestion unavailable: %s", exc.__class__.__name__)
        return None, None
    if not suggestions:
        return None, None
    code, prob = suggestions[0]
    return Field.objects.filter(code=code, is_active=True).first(), prob


def submit_petition(
    *,
    actor: Any,
    channel: str,
    data: Mapping[str, Any],
    files: Sequence[UploadedFile] = (),
    unit: AdminUnit | None = None,
    journal: bool = False,
    place_within: AdminUnit | None = None,
) -> Petition:
    """Record a petition from any channel; raises IntakeError (nothing saved) on bad input.

    `journal=True` (the public form): when the intake journal is on, the submission is written to the
    journal and entered in the register right after (`ingest_journal`); the returned petition then has
    its tracking code but no primary key yet. `place_within` (an API token's unit): the place must lie
    in that unit's subtree, otherwise the place is refused like any other invalid field.
    """
    from danvan.petitions import files as file_store

    if channel not in CHANNELS:
        raise IntakeError({"channel": [f"Kênh tiếp nhận “{channel}” không hợp lệ."]})
    staff = channel in STAFF_CHANNELS
    form_class = DeskPetitionValidator if staff else PetitionValidator
    form = form_class(data=dict(data) if not hasattr(data, "getlist") else data)
    if not form.is_valid():
        raise IntakeError({k: [str(m) for m in v] for k, v in form.errors.items()})
    cd = form.cleaned_data
    if unit is not None and actor is not None and getattr(actor, "is_authenticated", False):
        scope_for(actor).require(unit, ACT_ROLES)
    errors: dict[str, list[str]] = {}
    place, place_errors = _resolve_place(cd, unit if staff else None)
    errors.update(place_errors)
    if place is not None and place_within is not None and not place.path.startswith(place_within.path):
        key = "place_code" if (cd.get("place_code") or "").strip() else "address"
        errors[key] = [
            f"Nơi xảy ra sự việc ({place.name}) nằm ngoài địa bàn của {place_within.name}: khóa API này chỉ "
            "gửi được đơn về sự việc trong địa bàn của đơn vị mình. Hãy gửi qua cổng tiếp nhận chung hoặc "
            "đơn vị có thẩm quyền."
        ]
    checked, file_errors = file_store.check(list(files))
    if file_errors:
        errors["attachments"] = file_errors
    previous: Petition | None = None
    if cd.get("previous_code"):
        previous = Petition.objects.filter(tracking_code=normalise_code(cd["previous_code"])).first()
        if previous is None or previous.kind != Kind.COMPLAINT:
            errors["previous_code"] = ["Không tìm thấy đơn khiếu nại lần đầu với mã hồ sơ này."]
        elif previous.state not in (State.RESOLVED, State.CLOSED):
            errors["previous_code"] = ["Khiếu nại lần đầu chưa được giải quyết: chưa thể khiếu nại lần hai."]
    if errors:
        raise IntakeError(errors)
    assert place is not None

    now = timezone.now()
    received_on: dt.date = cd.get("received_on") or clock.local_date(now)
    received_at = (
        now
        if received_on == clock.local_date(now)
        else timezone.make_aware(dt.datetime.combine(received_on, dt.time(8, 0)))
    )
    kind = cd["kind"]
    chosen: Field | None = cd.get("field")
    # The field suggestion and the duplicate check run after the receipt (`enrich_petition`): routing
    # uses the chosen field now and is refined by the suggestion while the petition is still new.
    field = chosen
    ruleset = rules.current()  # in memory, one stamp query
    competent = ruleset.competent_unit(kind=kind, field=field, place=place, on=received_on)
    if staff and unit is not None:
        received_unit = unit
    else:
        received_unit = rules.addressed_unit(place, cd.get("addressed_to") or "commune")
    confidential = kind == Kind.DENUNCIATION or (staff and bool(data.get("protect_identity")))
    identity = _identity_payload(cd)
    title, content = cd["title"], cd["content"]
    # Everything but the writes is prepared before the transaction: the database's write lock is held
    # only for the inserts.
    petition = Petition(
        tracking_code=new_tracking_code(),
        kind=kind,
        channel=channel,
        state=State.RECEIVED,
        unit=competent,
        received_unit=received_unit,
        place=place,
        address_text=cd.get("address") or "",
        field=field,
        field_confirmed=bool(chosen and staff),
        title=title,
        content=content,
        incident_date=cd.get("incident_date"),
        received_at=received_at,
        petitioner_name=identity["name"],
        petitioner_phone=identity["phone"],
        petitioner_email=identity["email"],
        petitioner_address=identity["address"],
        petitioner_id_enc=crypto.encrypt(identity["id_number"]) if identity["id_number"] else "",
        is_collective=bool(cd.get("is_collective")),
        signer_count=cd.get("signer_count") or 1 if cd.get("is_collective") else 1,
        representatives=cd.get("representatives") or "",
        decision_complained=cd.get("decision_complained") or "",
        decision_known_on=cd.get("decision_known_on"),
        previous=previous,
        limitation_warning=ruleset.limitation_warning(kind, cd.get("decision_known_on"), received_on),
        accused=cd.get("accused") or "",
        accused_act=cd.get("accused_act") or "",
        is_remote_area=bool(cd.get("is_remote_area")),
        is_complex=bool(cd.get("is_complex")),
        several_places=bool(cd.get("several_places")),
        is_skip_level=received_unit.level < competent.level,
        submitted_by=actor if staff and getattr(actor, "is_authenticated", False) else None,
        enrich_queued_at=now,
    )
    citizen_key = new_citizen_key()
    petition.public_id = new_public_id()
    petition.citizen_key_hash = citizen_key_digest(citizen_key)
    if confidential:
        # The stored texts are redacted working copies; the originals are kept encrypted with the identity.
        # Names that only the NER finds are blanked by the analysis (`enrich_petition`), seconds later.
        protect(petition, identity, {k: getattr(petition, k) for k in PROTECTED_TEXTS})
        petition.public_title = petition.title
    # Otherwise the title Open311 publishes (`public_title`) is made by the analysis (rules and NER), not in
    # the web request (1.5 ms): until then Open311 describes the petition by its kind and field only.
    petition.accept_due = ruleset.due_date(kind, Step.ACCEPT, rules.accept_variant(petition), received_on)
    petition.due_date = petition.accept_due
    # A protected petition is indexed by its code only until the analysis has run the NER over it.
    petition.search_text = (
        search.search_text_for(petition.tracking_code, "", "", "", "")
        if confidential
        else search.search_text_for(
            petition.tracking_code,
            petition.title,
            petition.content,
            petition.accused,
            petition.decision_complained,
        )
    )
    if not petition.is_collective:
        petition.signer_count = 1
    note = "Tiếp nhận đơn qua kênh " + Channel(channel).label
    if petition.is_skip_level:
        note += " (đơn vượt cấp)"
    history = _history_row(petition, actor, "receive", "", note)
    audit_row = audit.unlinked(
        actor=actor,
        action=AuditAction.CREATE,
        object_type=Petition._meta.label_lower,
        unit=competent,
        summary=f"Tiếp nhận đơn {petition.tracking_code} ({petition.get_kind_display()}, kênh {channel})",
        changes={"state": [None, petition.state], "unit": [None, competent.code]},
    )
    journaled = journal and _journal_intake()
    written: list[str] = []
    try:
        attachments = []
        for number, item in enumerate(checked, start=1):
            storage_name, digest = file_store.write(item, encrypt=confidential)
            written.append(storage_name)
            attachments.append(
                Attachment(
                    original_name=f"tep-{number}{item.type.extension}" if confidential else item.name,
                    original_name_enc=crypto.encrypt(item.name) if confidential else "",
                    content_type=item.type.content_type,
                    size=len(item.data),
                    sha256=digest,
                    storage_name=storage_name,
                    is_encrypted=confidential,
                    is_identity=confidential,
                    uploaded_at=now,
                )
            )
        petition.citizen_key = citizen_key
        if journaled:
            _journal(petition, history, audit_row, attachments)
            return petition
        # The rows are compiled now; inside the transaction only the new petition's id is filled in.
        insert_petition = PreparedInsert(petition)
        insert_history = PreparedInsert(history)
        audit_entry = audit.PendingEntry(audit_row)
        with writelock.writer_turn(), transaction.atomic():
            pk = insert_petition.execute()
            for attachment in attachments:
                attachment.petition = petition
                attachment.save(force_insert=True)
            insert_history.execute(petition_id=pk)
            audit_entry.append(object_id=pk)
    except BaseException:
        for name in written:
            file_store.remove(name)
        raise
    if _enrich_synchronously():
        enrich_petition(petition.pk)
        petition.refresh_from_db()
        petition.citizen_key = citizen_key
    return petition


# --- the intake journal: the public form's receipt first, the register right after ---------------------
#
# A citizen's submission through the public form is validated, routed and given its deadline and tracking
# code in the request, then written as one row of `IntakeJournal` (one short transaction) and answered with
# the receipt. The analysis process (`danvan petitions enrich --watch`, started by `make run`) enters the
# journaled submissions in the register in batches (`ingest_journal`): the petition, its history row, its
# attachments and its audit row, in one transaction per batch. The tracking page finds a journaled
# submission by its code meanwhile (`selectors.public_status`).


def _journal_intake() -> bool:
    """`PETITIONS_INTAKE_JOURNAL` (default: on, off under tests): the public form writes to the journal."""
    return bool(settings.PETITIONS_INTAKE_JOURNAL)


def _journal(
    petition: Petition, history: PetitionHistory, entry: Any, attachments: Sequence[Attachment]
) -> None:
    row = IntakeJournal(
        tracking_code=petition.tracking_code,
        received_at=petition.received_at,
        payload={
            "petition": to_row(petition),
            "history": to_row(history),
            "audit": to_row(entry),
            "attachments": [to_row(a) for a in attachments],
        },
    )
    insert = PreparedInsert(row)
    # One small row: the write lock is held for a fraction of a millisecond, and SQLite's own wait for it
    # costs less here than queueing on `writelock` (measured: 332 vs 422 receipts/s under load).
    with transaction.atomic():
        insert.execute()


def rows_of(payload: Mapping[str, Any]) -> tuple[Petition, PetitionHistory, Any, list[Attachment]]:
    """The unsaved rows a journal payload holds: the petition, its history row, audit row, attachments."""
    from danvan.core.models import AuditEntry

    petition = from_row(Petition, payload["petition"])
    history = from_row(PetitionHistory, payload["history"])
    entry = from_row(AuditEntry, payload["audit"])
    files = [from_row(Attachment, a) for a in payload.get("attachments", [])]
    return petition, history, entry, files  # type: ignore[return-value]


def journal_count() -> int:
    return IntakeJournal.objects.filter(error="").count()


INGEST_BATCH = 500
INGEST_BATCH_IN_BURST = 25


BURST_PER_SECOND = 20


def _journal_burst() -> bool:
    """A burst of public submissions: `BURST_PER_SECOND` or more journaled within the last second."""
    nth = IntakeJournal.objects.order_by("-pk").values_list("received_at", flat=True)[
        BURST_PER_SECOND - 1 : BURST_PER_SECOND
    ]
    return any((timezone.now() - at).total_seconds() < 1.0 for at in nth)


def journal_waited() -> float:
    """Seconds the oldest journaled submission has waited for the register."""
    oldest = IntakeJournal.objects.filter(error="").order_by("pk").values_list("received_at", flat=True)[:1]
    return max([(timezone.now() - at).total_seconds() for at in oldest], default=0.0)


def _max_defer(seconds: float) -> float:
    return float(seconds)


def ingest_journal(*, limit: int = INGEST_BATCH) -> int:
    """Enter up to `limit` journaled submissions in the register, oldest first; returns how many.

    One transaction for the batch. If the batch fails, its rows are entered one by one: a row that still
    fails keeps its error (`IntakeJournal.error`, logged) and is left aside, the others go in.
    """
    from django.db import InterfaceError, OperationalError

    transient = (OperationalError, InterfaceError)  # the database, not the row: retried later as they are
    try:
        return _ingest(limit)
    except transient:
        raise
    except Exception:
        logger.exception("Intake journal: a batch failed; entering its rows one by one")
    done = 0
    pending = IntakeJournal.objects.filter(error="").order_by("pk").values_list("pk", flat=True)
    for pk in list(pending[:limit]):
        try:
            done += _ingest(1, only=pk)
        except transient:
            raise
        except Exception as exc:
            logger.exception("Intake journal: submission %s cannot be entered", pk)
            IntakeJournal.objects.filter(pk=pk).update(error=f"{exc.__class__.__name__}: {exc}"[:500])
    return done


def _ingest(limit: int, only: int | None = None) -> int:
    from django.db import connection

    with writelock.writer_turn(), transaction.atomic():
        queryset = IntakeJournal.objects.filter(error="").order_by("pk")
        if only is not None:
            queryset = queryset.filter(pk=only)
        if connection.features.has_select_for_update_skip_locked:
            queryset = queryset.select_for_update(skip_locked=True)
        entries = list(queryset[:limit])
        if not entries:
            return 0
        parts = [rows_of(e.payload) for e in entries]
        Petition.objects.bulk_create([petition for petition, *_ in parts])
        histories: list[PetitionHistory] = []
        files: list[Attachment] = []
        audits = []
        for petition, history, entry, attachments in parts:
            history.petition = petition
            histories.append(history)
            for attachment in attachments:
                attachment.petition = petition
                files.append(attachment)
            entry.object_id = str(petition.pk)
            audits.append(entry)
        PetitionHistory.objects.bulk_create(histories)
        Attachment.objects.bulk_create(files)
        audit.append_many(audits)
        IntakeJournal.objects.filter(pk__in=[e.pk for e in entries]).delete()
    return len(entries)


# --- enrichment: receipt first; field suggestion and duplicate check in a separate process -------------
#
# The web workers only mark a new petition pending (`enrich_queued_at`); they never import the classifier
# (underthesea, scikit-learn) nor the MinHash engine (datasketch, numpy). `danvan petitions enrich
# --watch` (started by `make run` beside gunicorn) polls the pending queue and runs `enrich_petition`.


def _enrich_synchronously() -> bool:
    """`PETITIONS_ENRICH_SYNC` (default: True under tests): enrich right after the write, in the caller."""
    return bool(settings.PETITIONS_ENRICH_SYNC)


def enrich_petition(petition_id: int) -> bool:
    """Compute the field suggestion and the duplicate candidates of a pending petition.

    Idempotent: returns False when the petition is already enriched (or gone). The expensive work (the
    classifier, the MinHash signature and the band lookup) runs outside the write transaction; the
    write locks the row and applies the results only if the petition is still pending. A new petition
    (still "received") without a chosen field takes the suggested one and is re-routed by it.
    """
    from danvan.petitions import duplicates

    row = (
        Petition.objects.filter(pk=petition_id, enrich_queued_at__isnull=False)
        .only(
            "pk",
            "kind",
            "title",
            "content",
            "identity_enc",
            "field_id",
            "place_id",
            # the declared identity, for the Open311 title's NER pass (`identity_of`)
            "petitioner_name",
            "petitioner_phone",
            "petitioner_email",
            "petitioner_address",
            "petitioner_id_enc",
        )
        .first()
    )
    if row is None:
        return False
    redacted: dict[str, str] = {}
    if row.identity_enc:
        original = identity_of(row)
        text = duplicates.dedup_text(original.get("title", row.title), original.get("content", row.content))
        # The NER pass: person names the rules at intake could not know (relatives, witnesses) are blanked.
        shadow = Petition(identity_enc=row.identity_enc)
        protect(shadow, original, original, names=True)
        redacted = {
            k: getattr(shadow, k) for k in ("title", "content", "accused", "accused_act") if k in original
        }
        redacted["public_title"] = shadow.title
    else:
        text = duplicates.dedup_text(row.title, row.content)
        if row.kind in (Kind.FEEDBACK, Kind.PROPOSAL):  # published by Open311: the NER pass on its title
            redacted["public_title"] = redact(row.title, identity_of(row), names=True)[:200]
    suggested, probability = _suggest(text)
    analysis = duplicates.analyse(text, place_id=row.place_id, exclude=[petition_id])
    sig, candidates = analysis.signature, analysis.candidates
    with writelock.writer_turn(), transaction.atomic():
        petition = (
            Petition.objects.select_for_update(of=("self",))
            .select_related("unit", "place", "received_unit")
            .filter(pk=petition_id, enrich_queued_at__isnull=False)
            .first()
        )
        if petition is None:
            return False
        changes: dict[str, list[Any]] = {
            "suggested_field": [None, suggested.code if suggested else None],
            "duplicate_candidates": [None, [pk for pk, _ in candidates]],
        }
        petition.suggested_field = suggested
        petition.suggested_probability = probability
        petition.signature = sig
        petition.enrich_queued_at = None
        for key, value in redacted.items():
            setattr(petition, key, value)
        if row.identity_enc and redacted:
            petition.search_text = search.search_text_for(
                petition.tracking_code,
                petition.title,
                petition.content,
                petition.accused,
                petition.decision_complained,
            )
        if petition.field_id is None and suggested is not None:
            petition.field = suggested
            changes["field"] = [None, suggested.code]
            if petition.state == State.RECEIVED and petition.place is not None:
                competent = rules.competent_unit(
                    kind=petition.kind,
                    field=suggested,
                    place=petition.place,
                    on=clock.local_date(petition.received_at),
                )
                if competent.pk != petition.unit_id:
                    changes["unit"] = [petition.unit.code, competent.code]
                    petition.unit = competent
                    petition.is_skip_level = petition.received_unit.level < competent.level
        petition.save(
            update_fields=[
                "suggested_field",
                "suggested_probability",
                "signature",
                "enrich_queued_at",
                "field",
                "unit",
                "is_skip_level",
                *redacted,
                *(["search_text"] if row.identity_enc and redacted else []),
            ]
        )
        PetitionBand.objects.bulk_create(analysis.rows(petition.pk))  # none for a copy: it joins the group
        DuplicateCandidate.objects.bulk_create(
            [DuplicateCandidate(petition=petition, candidate_id=pk, score=s) for pk, s in candidates]
        )
        found = f", {len(candidates)} đơn có thể trùng" if candidates else ""
        audit.record(
            actor=None,
            action=AuditAction.UPDATE,
            obj=petition,
            unit=petition.unit,
            summary=(
                f"Phân tích tự động đơn {petition.tracking_code}: gợi ý lĩnh vực "
                f"{suggested.name if suggested else 'không có'}{found}"
            ),
            changes=changes,
        )
    return True


def pending_ids(*, limit: int = 100, exclude: Collection[int] = ()) -> list[int]:
    """Ids of the petitions waiting for their analysis, oldest first (partial index)."""
    queryset = Petition.objects.filter(enrich_queued_at__isnull=False)
    if exclude:
        queryset = queryset.exclude(pk__in=list(exclude))
    return list(queryset.order_by("enrich_queued_at", "pk").values_list("pk", flat=True)[:limit])


def pending_count() -> int:
    return Petition.objects.filter(enrich_queued_at__isnull=False).count()


def enrich_pending(*, limit: int | None = None) -> int:
    """Enrich every pending petition, oldest first (the catch-up after a worker died); returns the count.

    Journaled public submissions are entered in the register first (`ingest_journal`)."""
    while ingest_journal():
        pass
    done = 0
    while limit is None or done < limit:
        batch = pending_ids()
        if not batch:
            break
        progressed = False
        from danvan.petitions import campaigns  # the MinHash engine: never in the web workers

        joined = campaigns.join_copies(
            batch if limit is None else batch[: limit - done], enrich_petition=enrich_petition
        )
        done += len(joined)
        progressed = bool(joined)
        for pk in batch:
            if limit is not None and done >= limit:
                break
            if pk in joined:
                continue
            if enrich_petition(pk):
                done += 1
                progressed = True
        if not progressed:
            break
    while search.merge_step():  # the full-text index merge the submissions left (see search.merge_step)
        pass
    return done


@dataclass
class WatchStats:
    ingested: int = 0
    enriched: int = 0
    failed: int = 0


def watch_pending(
    *,
    stop: threading.Event,
    interval: float = 0.5,
    batch: int = 50,
    report: Callable[[str], None] | None = None,
) -> WatchStats:
    """The enrichment process (`danvan petitions enrich --watch`): analyse pending petitions until `stop`.

    Polls the pending queue every `interval` seconds when it is empty, and yields to a burst of
    submissions (`_burst_in_progress`) for at most a minute; checks `stop` between petitions,
    so a stop request (SIGTERM) ends it after the petition in hand (each one is its own transaction:
    nothing is half-written, what is left stays pending for the next start). A petition whose analysis
    fails is logged and skipped until the process restarts; a lost database connection is retried.
    """
    from django.db import DatabaseError, close_old_connections, connection

    say = report or (lambda line: logger.info("%s", line))
    stats = WatchStats()
    failed: set[int] = set()
    db_errors: collections.Counter[int] = collections.Counter()
    while not stop.is_set():
        if not connection.in_atomic_block:  # (a test runs it inside its transaction)
            close_old_connections()  # drops a connection past its CONN_MAX_AGE or broken
        try:
            # The register first: the public form's journaled submissions, a batch at a time. During a
            # burst of submissions the receipts go first: the register waits (at most
            # PETITIONS_INGEST_MAX_DEFER_SECONDS), then takes small batches that hold the lock briefly.
            journal_burst = _journal_burst()
            ingested = 0
            if not journal_burst or journal_waited() >= _max_defer(
                settings.PETITIONS_INGEST_MAX_DEFER_SECONDS
            ):
                size = INGEST_BATCH_IN_BURST if journal_burst else INGEST_BATCH
                ingested = ingest_journal(limit=size)
                if ingested:
                    stats.ingested += ingested
                    say(f"Đã vào sổ {ingested} đơn nhận qua cổng công khai (tổng {stats.ingested}).")
                    if ingested >= size:
                        continue  # more are waiting: the register before the analyses
            ids = pending_ids(limit=batch, exclude=failed)
            burst = journal_burst or (bool(ids) and _burst_in_progress())
        except DatabaseError as exc:
            say(f"Không đọc được hàng đợi ({exc.__class__.__name__}): thử lại sau {interval:g} giây.")
            _drop_connection()
            stop.wait(max(interval, 1.0))
            continue
        if burst:
            stop.wait(interval)  # the receipts go first; the analyses follow right after the burst
            continue
        if not ids:
            # Idle: merge the full-text index a little (taken off the submissions, see search.merge_step).
            if not _merge_index(stop, steps=50):
                stop.wait(interval)
            continue
        started = stats.enriched
        from danvan.petitions import campaigns  # the MinHash engine: never in the web workers

        try:
            joined = campaigns.join_copies(
                ids, enrich_petition=enrich_petition
            )  # copies of one letter together
        except DatabaseError:
            logger.exception("Enrichment of a batch of copies: database error, retried one by one")
            _drop_connection()
            joined = set()
        stats.enriched += len(joined)
        for pk in ids:
            if stop.is_set():
                break
            if pk in joined:
                continue
            try:
                if enrich_petition(pk):
                    stats.enriched += 1
            except DatabaseError:
                logger.exception("Enrichment of petition %s: database error, retried later", pk)
                db_errors[pk] += 1
                if db_errors[pk] >= 3:  # not a passing outage: this petition's own problem
                    failed.add(pk)
                    stats.failed += 1
                _drop_connection()
                stop.wait(max(interval, 1.0))
                break
            except Exception:  # one bad petition must not stop the analyses of the others
                logger.exception("Enrichment of petition %s failed; it stays pending", pk)
                failed.add(pk)
                stats.failed += 1
        if stats.enriched > started:
            say(f"Đã phân tích {stats.enriched - started} đơn (tổng {stats.enriched}).")
        _merge_index(stop, steps=5)  # keep the index compact during a long burst too
    return stats


BURST_IDLE_SECONDS = 0.5


def _burst_in_progress() -> bool:
    """Submissions are arriving (the newest pending one is under 0.5 s old) and the oldest pending one has
    waited less than `PETITIONS_ENRICH_MAX_DEFER_SECONDS` (default 60): the analysis process then yields
    the CPU and the database's write lock to the intake."""
    from django.db.models import Max, Min

    span = Petition.objects.filter(enrich_queued_at__isnull=False).aggregate(
        oldest=Min("enrich_queued_at"), newest=Max("enrich_queued_at")
    )
    if span["newest"] is None:
        return False
    now = timezone.now()
    max_defer = _max_defer(settings.PETITIONS_ENRICH_MAX_DEFER_SECONDS)
    return bool(
        (now - span["newest"]).total_seconds() < BURST_IDLE_SECONDS
        and (now - span["oldest"]).total_seconds() < max_defer
    )


def _merge_index(stop: threading.Event, *, steps: int) -> bool:
    """A few steps of the full-text index merge; True if there may be more to do."""
    from django.db import DatabaseError

    more = False
    for _ in range(steps):
        if stop.is_set():
            break
        try:
            more = search.merge_step()
        except DatabaseError:
            logger.exception("Full-text index merge failed; retried later")
            return False
        if not more:
            break
    return more


def _drop_connection() -> None:
    from django.db import connection

    if connection.in_atomic_block:
        return
    try:
        connection.close()
    except Exception:  # the connection is already broken; a new one is opened next time
        logger.debug("closing a broken database connection failed", exc_info=True)


# --- moves ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Move:
    action: str
    label: str


def _lock(petition_id: int, version: int | None) -> Petition:
    petition = Petition.objects.select_for_update().select_related("unit").get(pk=petition_id)
    if version is not None and petition.version != version:
        raise ConflictError(
            "Đơn này vừa được cán bộ khác cập nhật (hiện ở trạng thái "
            f"“{petition.get_state_display()}”). Hãy tải lại trang để xem thay đổi rồi thao tác lại."
        )
    return petition


def _move(
    *,
    actor: Any,
    petition: Petition,
    version: int | None,
    to: str,
    action: str,
    reason: str = "",
    apply: Callable[[Petition], None] | None = None,
    require_reason: str = "",
) -> Petition:
    if require_reason and not reason.strip():
        raise PetitionError(require_reason)
    with transaction.atomic():
        locked = _lock(petition.pk, version)
        scope_for(actor).require(locked.unit, ACT_ROLES)
        from_state = locked.state
        if to not in TRANSITIONS.get(from_state, set()):
            raise PetitionError(
                f"Không thể chuyển đơn từ trạng thái “{locked.get_state_display()}” sang “{State(to).label}”."
            )
        before = audit.snapshot(locked, ["state", "unit_id", "due_date", "handler_id"])
        locked.state = to
        if apply is not None:
            apply(locked)
        locked.version += 1
        locked.save()
        _history(locked, actor, action, from_state, reason)
        audit.record(
            actor=actor,
            action=AuditAction.TRANSITION,
            obj=locked,
            unit=locked.unit,
            summary=f"Đơn {locked.tracking_code}: {State(from_state).label} → {locked.get_state_display()}",
            changes=audit.diff(
                before, audit.snapshot(locked, ["state", "unit_id", "due_date", "handler_id"])
            ),
        )
    return locked


def accept(*, actor: Any, petition: Petition, version: int | None = None, reason: str = "") -> Petition:
    """Thụ lý: the resolution deadline starts; the officer becomes the handler, except of a denunciation,
    whose handler the unit head assigns (`assign_handler`): until then officers work on the redacted copy."""

    def apply(p: Petition) -> None:
        now = timezone.now()
        p.accepted_at = now
        if not p.is_confidential:
            p.handler = actor
        p.resolve_due = rules.due_date(p.kind, Step.RESOLVE, rules.resolve_variant(p), clock.local_date(now))
        p.due_date = p.resolve_due

    return _move(
        actor=actor,
        petition=petition,
        version=version,
        to=State.ACCEPTED,
        action="accept",
        reason=reason,
        apply=apply,
    )


def refuse(*, actor: Any, petition: Petition, version: int | None = None, reason: str = "") -> Petition:
    def apply(p: Petition) -> None:
        p.refusal_reason = reason
        p.due_date = None

    return _move(
        actor=actor,
        petition=petition,
        version=version,
        to=State.REFUSED,
        action="refuse",
        reason=reason,
        apply=apply,
        require_reason="Không thụ lý phải nêu lý do và căn cứ pháp lý.",
    )


def transfer(
    *, actor: Any, petition: Petition, to_unit: AdminUnit, version: int | None = None, reason: str = ""
) -> Petition:
    """Chuyển đơn to the competent unit; the acceptance deadline restarts there."""
    if to_unit.pk == petition.unit_id:
        raise PetitionError("Đơn vị nhận phải khác đơn vị đang giải quyết.")
    if not reason.strip():
        raise PetitionError("Chuyển đơn phải nêu lý do.")

    def apply(p: Petition) -> None:
        p.unit = to_unit
        p.handler = None
        today = clock.today()
        p.accept_due = rules.due_date(p.kind, Step.ACCEPT, rules.accept_variant(p), today)
        p.due_date = p.accept_due

    return _move(
        actor=actor,
        petition=petition,
        version=version,
        to=State.TRANSFERRED,
        action="transfer",
        reason=f"Chuyển đến {to_unit.name}. {reason}".strip(),
        apply=apply,
    )


def start(*, actor: Any, petition: Petition, version: int | None = None, reason: str = "") -> Petition:
    return _move(
        actor=actor, petition=petition, version=version, to=State.IN_PROGRESS, action="start", reason=reason
    )


def resolve(
    *,
    actor: Any,
    petition: Petition,
    answer: str,
    decision_ref: str = "",
    answer_public: bool = False,
    version: int | None = None,
) -> Petition:
    if not answer.strip():
        raise PetitionError("Hãy nhập nội dung trả lời, kết quả giải quyết.")

    def apply(p: Petition) -> None:
        now = timezone.now()
        p.resolved_at = now
        p.answer = answer
        p.decision_ref = decision_ref
        p.answer_public = answer_public
        p.resolved_on_time = p.resolve_due is None or clock.local_date(now) <= p.resolve_due
        p.due_date = None

    return _move(
        actor=actor,
        petition=petition,
        version=version,
        to=State.RESOLVED,
        action="resolve",
        reason=decision_ref,
        apply=apply,
    )


def close(*, actor: Any, petition: Petition, version: int | None = None, reason: str = "") -> Petition:
    def apply(p: Petition) -> None:
        p.closed_at = timezone.now()

    return _move(
        actor=actor,
        petition=petition,
        version=version,
        to=State.CLOSED,
        action="close",
        reason=reason,
        apply=apply,
    )


def withdraw(*, actor: Any, petition: Petition, version: int | None = None, reason: str = "") -> Petition:
    def apply(p: Petition) -> None:
        p.due_date = None
        p.closed_at = timezone.now()

    return _move(
        actor=actor,
        petition=petition,
        version=version,
        to=State.WITHDRAWN,
        action="withdraw",
        reason=reason,
        apply=apply,
        require_reason="Hãy ghi lý do hoặc văn bản rút đơn của người gửi.",
    )


def publish_title(*, actor: Any, petition: Petition, version: int | None = None) -> Petition:
    """An officer of the handling unit lets Open311 publish the title as typed (checked: no identity)."""
    with transaction.atomic():
        locked = _lock(petition.pk, version)
        scope_for(actor).require(locked.unit, ACT_ROLES)
        if locked.kind not in (Kind.FEEDBACK, Kind.PROPOSAL):
            raise PetitionError("Chỉ phản ánh, kiến nghị được công bố qua Open311.")
        locked.title_public = True
        locked.version += 1
        locked.save(update_fields=["title_public", "version"])
        _history(locked, actor, "publish_title", locked.state, "Công bố nguyên văn tiêu đề", public=False)
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=locked,
            unit=locked.unit,
            summary=f"Công bố nguyên văn tiêu đề đơn {locked.tracking_code} qua Open311",
            changes={"title_public": [False, True]},
        )
    return locked


def _simple_update(
    actor: Any,
    petition: Petition,
    version: int | None,
    action: str,
    reason: str,
    change: Callable[[Petition], dict[str, list[Any]]],
    summary: str,
) -> Petition:
    with transaction.atomic():
        locked = _lock(petition.pk, version)
        scope_for(actor).require(locked.unit, ACT_ROLES)
        changes = change(locked)
        locked.version += 1
        locked.save()
        _history(locked, actor, action, locked.state, reason, public=False)
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=locked,
            unit=locked.unit,
            summary=f"Đơn {locked.tracking_code}: {summary}",
            changes=changes,
        )
    return locked


def extend(
    *, actor: Any, petition: Petition, reason: str, days: int | None = None, version: int | None = None
) -> Petition:
    """Gia hạn giải quyết, decided in writing with a reason, within the rule's limits."""
    if not reason.strip():
        raise PetitionError("Gia hạn phải có văn bản nêu lý do.")

    def change(p: Petition) -> dict[str, list[Any]]:
        if p.state not in (State.ACCEPTED, State.IN_PROGRESS) or p.resolve_due is None:
            raise PetitionError("Chỉ gia hạn được đơn đã thụ lý và đang trong hạn giải quyết.")
        rule = rules.rule_for(p.kind, Step.EXTENSION, "normal", clock.today())
        if rule is None:
            raise PetitionError(
                f"Quy định hiện hành không cho phép gia hạn giải quyết {p.get_kind_display().lower()}."
            )
        if p.extension_count >= rule.max_times:
            raise PetitionError(
                f"Đã gia hạn {p.extension_count} lần: quy định cho phép tối đa {rule.max_times} lần."
            )
        n = min(days or rule.days, rule.days)
        from danvan.core.calendar import add_days

        old = p.resolve_due
        p.resolve_due = add_days(old, n, working=rule.working_days)
        p.due_date = p.resolve_due
        p.extension_count += 1
        return {"resolve_due": [old.isoformat(), p.resolve_due.isoformat()]}

    return _simple_update(actor, petition, version, "extend", reason, change, "gia hạn giải quyết")


def confirm_field(*, actor: Any, petition: Petition, field: Field, version: int | None = None) -> Petition:
    """The officer confirms or corrects the suggested field."""

    def change(p: Petition) -> dict[str, list[Any]]:
        old = p.field.code if p.field else None
        p.field = field
        p.field_confirmed = True
        # The officer's decision is labelled data for the next training (`train-classifier`).
        FieldCorrection.objects.create(
            petition=p,
            unit=p.unit,
            suggested_id=p.suggested_field_id,
            field=field,
            actor=actor,
            at=timezone.now(),
        )
        return {"field": [old, field.code]}

    return _simple_update(
        actor, petition, version, "classify", f"Lĩnh vực: {field.name}", change, "xác nhận lĩnh vực"
    )


def link_duplicate(
    *, actor: Any, petition: Petition, master: Petition, version: int | None = None, reason: str = ""
) -> Petition:
    """Mark `petition` as a duplicate of `master` (same matter sent again or to several bodies)."""
    if master.pk == petition.pk:
        raise PetitionError("Không thể đánh dấu đơn trùng với chính nó.")
    master = Petition.objects.select_related("unit").get(pk=master.pk)
    if not scope_for(actor).can_see(master.unit):
        raise PetitionError("Không tìm thấy đơn gốc trong phạm vi của bạn.")
    root = master
    while root.master_id is not None:
        if root.master_id == petition.pk:
            raise PetitionError("Đơn gốc đang là đơn trùng của đơn này: không thể liên kết vòng.")
        root = Petition.objects.get(pk=root.master_id)

    def change(p: Petition) -> dict[str, list[Any]]:
        old = p.master.tracking_code if p.master else None
        p.master = root
        return {"master": [old, root.tracking_code]}

    return _simple_update(
        actor,
        petition,
        version,
        "link_duplicate",
        f"Trùng với đơn {root.tracking_code}. {reason}".strip(),
        change,
        f"đánh dấu trùng với {root.tracking_code}",
    )


def rate(*, code: str, key: str, rating: int, comment: str = "") -> Petition:
    """The citizen rates the handling, once, after closure, with the tracking code and the confirmation
    key of the receipt (the code alone is known to officers and was once published: it is not enough)."""
    import hmac

    if rating not in range(1, 6):
        raise PetitionError("Mức đánh giá phải từ 1 đến 5.")
    with transaction.atomic():
        petition = Petition.objects.select_for_update().filter(tracking_code=normalise_code(code)).first()
        if petition is None:
            raise PetitionError("Không tìm thấy hồ sơ với mã này. Hãy kiểm tra mã ghi trên giấy biên nhận.")
        if not petition.citizen_key_hash:
            raise PetitionError(
                "Hồ sơ này không có mã xác nhận đánh giá: hãy đánh giá trực tiếp với cơ quan đã giải quyết."
            )
        if not key.strip() or not hmac.compare_digest(petition.citizen_key_hash, citizen_key_digest(key)):
            raise PetitionError(
                "Mã xác nhận không đúng: hãy nhập mã xác nhận (dạng XN-XXXX-XXXX) ghi trên giấy biên nhận."
            )
        if petition.state != State.CLOSED:
            raise PetitionError("Chỉ đánh giá được sau khi hồ sơ đã kết thúc.")
        if petition.rating is not None:
            raise PetitionError("Hồ sơ này đã được đánh giá.")
        petition.rating = rating
        petition.rating_comment = comment[:500]
        petition.rated_at = timezone.now()
        petition.version += 1
        petition.save(update_fields=["rating", "rating_comment", "rated_at", "version"])
        _history(petition, None, "rate", petition.state, f"Đánh giá {rating}/5", public=False)
        audit.record(
            actor=None,
            action=AuditAction.UPDATE,
            obj=petition,
            unit=petition.unit,
            summary=f"Công dân đánh giá đơn {petition.tracking_code}: {rating}/5",
            changes={"rating": [None, rating]},
        )
    return petition


# --- confidentiality -----------------------------------------------------------------------------


def is_unit_head(user: Any, petition: Petition) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return any(g.role == Role.UNIT_HEAD and g.unit_id == petition.unit_id for g in scope_for(user).grants)


def can_see_identity(user: Any, petition: Petition) -> bool:
    """Who sees the sender's identity and the original texts.

    A denunciation: only the handler the unit head assigned, and the head of the handling unit. A matter
    from a reception or a dialogue (identity protected): the officers and the head of the handling unit,
    not verifiers nor supervisors. Any other petition: whoever sees it."""
    if not getattr(user, "is_authenticated", False):
        return False
    if petition.is_confidential:
        if petition.handler_id is not None and petition.handler_id == user.pk:
            return True
        return is_unit_head(user, petition)
    if petition.identity_protected:
        return any(
            g.role in (Role.OFFICER, Role.UNIT_HEAD) and g.unit_id == petition.unit_id
            for g in scope_for(user).grants
        )
    return scope_for(user).can_see(petition.unit)


def reveal_identity(*, actor: Any, petition: Petition) -> dict[str, str]:
    """The sender's identity (and a protected petition's original texts) for an authorised user; every
    view of a protected identity or of an ID number is written to the audit log."""
    if not can_see_identity(actor, petition):
        from django.core.exceptions import PermissionDenied

        if petition.is_confidential:
            raise PermissionDenied(
                "Chỉ cán bộ thụ lý được phân công và người đứng đầu đơn vị được xem danh tính người tố cáo."
            )
        raise PermissionDenied("Danh tính người gửi được bảo mật: chỉ cán bộ của đơn vị giải quyết được xem.")
    identity = identity_of(petition)
    if petition.identity_protected or petition.petitioner_id_enc:
        audit.record(
            actor=actor,
            action=AuditAction.VIEW_CONFIDENTIAL,
            obj=petition,
            unit=petition.unit,
            summary=(
                f"Xem danh tính người tố cáo của đơn {petition.tracking_code}"
                if petition.is_confidential
                else f"Xem danh tính người gửi đơn {petition.tracking_code}"
            ),
        )
    return identity


def assignable_handlers(petition: Petition) -> list[Any]:
    """The officers and heads of the handling unit: who may be assigned as handler."""
    from danvan.accounts.models import User

    return list(
        User.objects.filter(
            is_active=True,
            roles__unit_id=petition.unit_id,
            roles__role__in=(Role.OFFICER, Role.UNIT_HEAD),
        )
        .distinct()
        .order_by("full_name", "username")
    )


def assign_handler(*, actor: Any, petition: Petition, handler: Any, version: int | None = None) -> Petition:
    """Phân công cán bộ thụ lý: only the head of the handling unit, only to an officer of that unit. The
    handler of a denunciation then sees the identity (audited); other officers keep the redacted copy."""
    from django.core.exceptions import PermissionDenied

    with transaction.atomic():
        locked = _lock(petition.pk, version)
        if not is_unit_head(actor, locked):
            raise PermissionDenied("Chỉ người đứng đầu đơn vị giải quyết được phân công cán bộ thụ lý.")
        if handler is None or handler.pk not in {u.pk for u in assignable_handlers(locked)}:
            raise PetitionError("Chỉ phân công được cho cán bộ của đơn vị giải quyết đơn này.")
        if locked.state in (State.REFUSED, State.CLOSED, State.WITHDRAWN):
            raise PetitionError(
                f"Đơn đã ở trạng thái “{locked.get_state_display()}”: không phân công được nữa."
            )
        before = locked.handler_id
        locked.handler = handler
        locked.version += 1
        locked.save(update_fields=["handler", "version"])
        label = getattr(handler, "full_name", "") or handler.get_username()
        _history(locked, actor, "assign", locked.state, f"Phân công cán bộ thụ lý: {label}", public=False)
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=locked,
            unit=locked.unit,
            summary=f"Phân công cán bộ thụ lý đơn {locked.tracking_code}",
            changes={"handler_id": [before, handler.pk]},
        )
    return locked


def open_attachment(*, actor: Any, attachment: Attachment) -> bytes:
    """The bytes of an attachment; identity-bearing ones only for authorised users, audited."""
    petition = attachment.petition
    if attachment.is_identity and not can_see_identity(actor, petition):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("Tệp này có thông tin danh tính người tố cáo: bạn không có quyền xem.")
    data = files.read(attachment.storage_name, encrypted=attachment.is_encrypted)
    if attachment.is_identity or attachment.original_name_enc:
        audit.record(
            actor=actor,
            action=AuditAction.VIEW_CONFIDENTIAL,
            obj=petition,
            unit=petition.unit,
            summary=f"Mở tệp mật #{attachment.pk} của đơn {petition.tracking_code}",
        )
    return data


def attachment_name(attachment: Attachment) -> str:
    """The name the file was sent with (decrypted for an identity-bearing file). Callers show it only to
    someone who may see the identity, in a view that is audited (`reveal_identity`, `open_attachment`)."""
    if attachment.original_name_enc:
        return crypto.decrypt(attachment.original_name_enc)
    return attachment.original_name


def rotate_keys() -> tuple[int, int]:
    """Re-encrypt identities and confidential files with the newest key; returns (rows, files)."""
    rows = 0
    for petition in Petition.objects.exclude(identity_enc="").only("pk", "identity_enc").iterator():
        Petition.objects.filter(pk=petition.pk).update(identity_enc=crypto.rotate(petition.identity_enc))
        rows += 1
    count = 0
    for attachment in Attachment.objects.filter(is_encrypted=True).only(
        "pk", "storage_name", "original_name_enc"
    ):
        files.rewrite_encrypted(attachment.storage_name)
        if attachment.original_name_enc:
            Attachment.objects.filter(pk=attachment.pk).update(
                original_name_enc=crypto.rotate(attachment.original_name_enc)
            )
        count += 1
    audit.record(
        actor=None,
        action=AuditAction.UPDATE,
        object_type="petitions.keys",
        object_id="rotate",
        summary=f"Xoay khóa mã hóa: {rows} đơn, {count} tệp",
    )
    return rows, count
