"""Giao diện lập trình (API): writes. Submissions go through the petitions module's intake service."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from danvan.api.models import ApiToken, IdempotentSubmission
from danvan.api.tokens import Principal
from danvan.core.apikit import ApiError
from danvan.petitions import services as petition_services
from danvan.petitions.models import Petition
from danvan.territory.models import AdminUnit

KEY_PATTERN = re.compile(r"^[A-Za-z0-9_.:-]{8,100}$")


def submit(
    *, principal: Principal, channel: str, data: Mapping[str, Any], idempotency_key: str | None = None
) -> tuple[Petition, bool]:
    """Submit a petition for an API client; returns (petition, created).

    With an Idempotency-Key (token clients only), the petition and the key are committed together, so a
    client that lost the answer (server killed, network cut) can send the same request again and gets
    the first receipt instead of a second petition.
    """
    token = principal.token
    unit = token.unit if token is not None else None
    if idempotency_key is not None:
        if not KEY_PATTERN.fullmatch(idempotency_key):
            raise ApiError(
                400,
                "bad_idempotency_key",
                "Idempotency-Key phải dài 8–100 ký tự, chỉ gồm chữ, số và . _ : -",
            )
        if token is None:
            raise ApiError(400, "bad_idempotency_key", "Idempotency-Key chỉ dùng với khóa API.")
        existing = _existing(token.pk, idempotency_key)
        if existing is not None:
            return existing, False
    try:
        with transaction.atomic():
            petition = petition_services.submit_petition(
                actor=principal.actor, channel=channel, data=data, unit=unit, place_within=filing_area(token)
            )
            if idempotency_key is not None and token is not None:
                IdempotentSubmission.objects.create(
                    token=token, key=idempotency_key, petition=petition, created_at=timezone.now()
                )
    except IntegrityError:
        # The same key committed by a concurrent request a moment ago: answer with its receipt.
        if idempotency_key is not None and token is not None:
            existing = _existing(token.pk, idempotency_key)
            if existing is not None:
                return existing, False
        raise
    except petition_services.IntakeError as exc:
        raise ApiError(
            400,
            "invalid",
            "Đơn chưa hợp lệ, chưa được lưu: xem danh sách lỗi theo trường.",
            [{"field": k, "message": m} for k, msgs in exc.errors.items() for m in msgs],
        ) from exc
    return petition, True


def filing_area(token: ApiToken | None) -> AdminUnit | None:
    """The subtree a token may file petitions about: its own, or anywhere for a portal intake token."""
    if token is None or token.portal_intake:
        return None
    return token.unit


def _existing(token_id: int, key: str) -> Petition | None:
    row = (
        IdempotentSubmission.objects.filter(token_id=token_id, key=key)
        .select_related("petition__unit")
        .first()
    )
    return row.petition if row is not None else None
