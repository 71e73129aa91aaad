"""What notifications registers with the workflow kit (`core.workflow.on_transition`): core never imports it.

Petitions: a sender who left an e-mail address or a phone number and agreed (`Petition.notify_consent`) is
told of the receipt, acceptance or refusal (with the reason), transfer (to which body, why), extension, the
answer, closure (how to rate) and withdrawal. The outbox rows are written in the move's transaction.
A denunciation's messages (and those of any petition whose identity is protected) carry the code, the kind
and the body only: never the sender's identity, the content, the reason or the answer (the address itself
is read from the encrypted identity and stored encrypted in the outbox)."""

from __future__ import annotations

from functools import cache, lru_cache
from types import SimpleNamespace
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import models
from django.urls import get_script_prefix, reverse
from django.utils import translation

from danvan.core import clock
from danvan.core.workflow import Moved, on_transition
from danvan.notifications import case_letters, letter_tasks
from danvan.notifications.models import Channel
from danvan.notifications.services import Message, enqueue
from danvan.petitions.services import identity_of
from danvan.territory import naming

PETITION_TEMPLATES = {
    "receive": "petition_received",
    "accept": "petition_accepted",
    "refuse": "petition_refused",
    "transfer": "petition_transferred",
    "extend": "petition_extended",
    "resolve": "petition_resolved",
    "close": "petition_closed",
    "withdraw": "petition_withdrawn",
    "message": "petition_message",  # the handler wrote in the two-way thread: only "open the tracking page"
}


def register() -> None:
    """Register the post-transition hooks of the workflows whose moves are told to someone."""
    on_transition("petitions", petition_moved)
    on_transition("petitions", letter_tasks.schedule)  # the move's letter, attached to the case after commit


def _contact(petition: Any) -> tuple[str, str]:
    if petition.identity_enc:
        identity = identity_of(petition)
        return identity.get("email") or "", identity.get("phone") or ""
    return petition.petitioner_email, petition.petitioner_phone


@cache
def _track_page(site_url: str, script_prefix: str) -> str:
    """The tracking page's address (resolved once per process and prefix: it was a tenth of the hook)."""
    return f"{site_url}{reverse('petitions:track')}"


@cache
def _kind_word(model_label: str, kind: str, language: str) -> str:
    """A kind's label in `language`, lower case ("phản ánh", "feedback"): `get_kind_display()` rebuilt the
    choices at every call (20 µs), and switching the language per move cost as much again."""
    field = apps.get_model(model_label)._meta.get_field("kind")
    assert isinstance(field, models.Field)
    with translation.override(language):
        return str(dict(field.flatchoices)[kind]).lower()


@lru_cache(maxsize=4096)
def _body(unit_id: int, name: str, division_type: str, level: int, kind: str) -> str:
    """`naming.competent_body` of a unit, remembered per unit, name and type (a renamed unit is named anew)."""
    unit = SimpleNamespace(pk=unit_id, name=name, division_type=division_type, level=level)
    return naming.competent_body(unit, kind)


def _competent_body(petition: Any) -> str:
    unit = petition.unit
    return _body(unit.pk, unit.name, unit.division_type, unit.level, petition.kind)


def petition_context(moved: Moved) -> dict[str, Any]:
    """What the petition templates receive. A protected petition's context holds no text from the case."""
    p = moved.record
    language = p.notify_language or "vi"
    track_url = f"{_track_page(settings.SITE_URL, get_script_prefix())}?code={p.tracking_code}"
    body = _competent_body(p)  # the body, not the territory (#14 item 3)
    context: dict[str, Any] = {
        "code": p.tracking_code,
        "kind": _kind_word(p._meta.label, p.kind, language),
        "unit": body,
        "track_url": track_url,
        "rate_url": track_url,
    }
    due = {
        "receive": p.accept_due,
        "transfer": p.accept_due,
        "accept": p.resolve_due,
        "extend": p.resolve_due,
    }.get(moved.action)
    if due is not None:
        context["due"] = clock.format_date(due)
    if moved.action == "transfer":
        context["to_unit"] = body
    if p.is_confidential or p.identity_protected:
        return context
    if moved.action == "refuse":
        context["reason"] = p.refusal_reason
    elif moved.action == "transfer":
        context["reason"] = moved.reason.removeprefix(f"Chuyển đến {body}.").strip()
    elif moved.action == "extend":
        context["reason"] = moved.reason
    elif moved.action == "resolve":
        context["answer"] = p.answer
        context["decision_ref"] = p.decision_ref
    return context


def petition_moved(moved: Moved) -> None:
    template = PETITION_TEMPLATES.get(moved.action)
    petition = moved.record
    if template is None or not petition.notify_consent:
        return
    email, phone = _contact(petition)
    if not email and not phone:
        return
    context = petition_context(moved)
    language = petition.notify_language or "vi"
    # The e-mail carries the move's letter as PDF (`case_letters`); an SMS never does.
    letter = case_letters.letter_of(moved) if email else None
    with_letter = {**context, "letter": letter[0], "move": letter[1]} if letter else context
    enqueue(
        Message(
            channel,
            address,
            template,
            with_letter if channel == Channel.EMAIL else context,
            language=language,
            case=petition,
        )
        for channel, address in ((Channel.EMAIL, email), (Channel.SMS, phone))
        if address
    )
