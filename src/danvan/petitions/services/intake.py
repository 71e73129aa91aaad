"""Đơn thư: intake from every channel (web form, desk, import, API, Open311, reception, dialogue)."""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone, translation

from danvan.accounts.scoping import ACT_ROLES, scope_for
from danvan.core import audit, clock, crypto
from danvan.core.models import AuditAction
from danvan.core.prepared import PreparedInsert
from danvan.core.workflow import announce, history_row
from danvan.petitions import phrases, rules, search, writelock
from danvan.petitions.forms import DeskPetitionValidator, PetitionValidator
from danvan.petitions.models import (
    Channel,
    Field,
    Kind,
    Petition,
    State,
    Step,
)
from danvan.petitions.services.documents import stored_file
from danvan.petitions.services.enrichment import _enrich_synchronously, enrich_petition
from danvan.petitions.services.identity import PROTECTED_TEXTS, _identity_payload, protect, set_identity_keys
from danvan.petitions.services.journal import _journal, _journal_intake
from danvan.petitions.workflow import WORKFLOW, received
from danvan.territory.models import AdminUnit, Level
from danvan.territory.selectors import UnknownUnitError, get_unit, resolve_address

logger = logging.getLogger(__name__)


CHANNELS = frozenset({"web", "desk", "import", "api", "open311", "reception", "dialogue"})


STAFF_CHANNELS = frozenset({"desk", "import", "reception", "dialogue"})


_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


class IntakeError(Exception):
    """Invalid submission: `errors` maps field names to Vietnamese messages; nothing was saved."""

    def __init__(self, errors: Mapping[str, list[str]]) -> None:
        self.errors: dict[str, list[str]] = {k: list(v) for k, v in errors.items()}
        super().__init__("; ".join(m for msgs in self.errors.values() for m in msgs))


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
        notify_consent=bool(cd.get("notify_consent")),
        notify_language="en" if (translation.get_language() or "").startswith("en") else "vi",
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
    set_identity_keys(petition, identity)
    petition.step_started_on = clock.local_date(received_at)  # its first step begins on the day of receipt
    citizen_key = new_citizen_key()
    petition.public_id = new_public_id()
    petition.citizen_key_hash = citizen_key_digest(citizen_key)
    message_phrase = phrases.new()  # the two-way messages' secret phrase: shown once, only its digest kept
    petition.message_phrase_hash = phrases.digest(message_phrase)
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
    history = history_row(WORKFLOW, petition, actor=actor, action="receive", from_state="", reason=note)
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
        attachments = [
            stored_file(item, number=number, protected=confidential, at=now, written=written)
            for number, item in enumerate(checked, start=1)
        ]
        petition.citizen_key = citizen_key
        petition.message_phrase = message_phrase
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
            announce(received(petition, actor=actor, reason=note))
    except BaseException:
        for name in written:
            file_store.remove(name)
        raise
    if _enrich_synchronously():
        enrich_petition(petition.pk)
        petition.refresh_from_db()
        petition.citizen_key = citizen_key
        petition.message_phrase = message_phrase
    return petition
