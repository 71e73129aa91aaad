"""Addresses: normalised, hashed (to find the unsubscribed), hinted (what an officer sees), checked; the
signed unsubscribe token (no address in it)."""

from __future__ import annotations

import hashlib
import hmac
import re
from functools import lru_cache

from django.conf import settings
from django.core import signing
from django.urls import reverse

from danvan.notifications.models import Channel

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_UNSUBSCRIBE_SALT = "danvan.notifications.unsubscribe"


def normalise_address(channel: str, address: str) -> str:
    address = address.strip()
    if channel == Channel.EMAIL:
        return address.lower()
    digits = "".join(ch for ch in address if ch.isdigit() or ch == "+")
    return "0" + digits[3:] if digits.startswith("+84") else digits


_HASH_SALT = "danvan.notifications.address"


@lru_cache(maxsize=4)
def _hash_key(secret: str) -> bytes:
    """The HMAC key of `address_hash`, derived from the secret key as Django's `salted_hmac` derives it
    (so the digests are the same as `salted_hmac(_HASH_SALT, value, algorithm="sha256")`'s), once per
    secret instead of at every call."""
    return hashlib.sha256((_HASH_SALT + secret).encode()).digest()


def address_hash(channel: str, address: str) -> str:
    value = f"{channel}:{normalise_address(channel, address)}"
    return hmac.new(_hash_key(settings.SECRET_KEY), value.encode(), hashlib.sha256).hexdigest()


def hint(channel: str, address: str) -> str:
    """What an officer sees of an address: "n…@gmail.com", "09…67"."""
    address = normalise_address(channel, address)
    if channel == Channel.EMAIL:
        local, _, domain = address.partition("@")
        return f"{local[:1]}…@{domain}"[:80]
    return f"{address[:2]}…{address[-2:]}" if len(address) > 4 else "…"


def valid_address(channel: str, address: str) -> bool:
    address = normalise_address(channel, address)
    if channel == Channel.EMAIL:
        return bool(_EMAIL.match(address)) and len(address) <= 254
    return 9 <= len(address.lstrip("+")) <= 15


def unsubscribe_token(channel: str, address: str) -> str:
    return signing.dumps(
        {"c": channel, "h": address_hash(channel, address)}, salt=_UNSUBSCRIBE_SALT, compress=True
    )


def unsubscribe_url(channel: str, address: str) -> str:
    return settings.SITE_URL + reverse(
        "notifications:unsubscribe", args=[unsubscribe_token(channel, address)]
    )


def read_unsubscribe_token(token: str) -> tuple[str, str] | None:
    try:
        data = signing.loads(token, salt=_UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if (
        not isinstance(data, dict)
        or data.get("c") not in Channel.values
        or not isinstance(data.get("h"), str)
    ):
        return None
    return str(data["c"]), str(data["h"])
