"""Đơn thư: the sender's identity, redaction of protected texts, and reading the encrypted originals."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from typing import Any

from danvan.core import crypto
from danvan.petitions.models import (
    Petition,
)

logger = logging.getLogger(__name__)


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


def public_answer(petition: Petition, answer: str | None = None) -> str:
    """The answer as the citizen sees it on the tracking page: nothing when withheld; a protected
    identity (a denunciator's) redacted from it. `answer`: a draft to preview instead of the stored one."""
    if answer is None:
        if not petition.answer_public:
            return ""
        answer = petition.answer
    if petition.identity_protected and answer:
        return redact(answer, identity_of(petition))
    return answer


def phone_key_text(phone: str) -> str:
    """A phone number as it is indexed: digits only, +84/84 written as a leading 0."""
    digits = "".join(ch for ch in phone or "" if ch.isdigit())
    if digits.startswith("84") and len(digits) >= 11:
        digits = "0" + digits[2:]
    return digits


def identity_keys(name: str, phone: str) -> tuple[str, str]:
    """The blind indexes of a sender's name (folded) and phone, for exact search by those who may."""
    from danvan.core.text import fold_words

    return crypto.blind_index(fold_words(name)), crypto.blind_index(phone_key_text(phone))


def set_identity_keys(petition: Petition, identity: Mapping[str, str]) -> None:
    petition.petitioner_name_key, petition.petitioner_phone_key = identity_keys(
        identity.get("name") or "", identity.get("phone") or ""
    )
