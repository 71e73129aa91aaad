"""Encryption of confidential fields with keys kept outside the database (MultiFernet, rotatable).

settings.FIELD_ENCRYPTION_KEYS lists Fernet keys, newest first: new values are encrypted with the
first key; any listed key decrypts. `rotate()` re-encrypts a token with the newest key.

`seal()` encrypts a short value written on a hot path (the address of a move's outbox row) with
AES-256-GCM under a key derived from each field key (HKDF-SHA256): one call into OpenSSL, 2.6 µs against
Fernet's 16.6 µs (its padding, CBC, HMAC and base64 steps in Python: some 130 µs each inside a move, whose
other work leaves the caches cold). Same keys, same rotation; `decrypt()` reads both kinds of token (a
sealed one starts with "g1.", which no Fernet token can: "." is not in its alphabet).
"""

from __future__ import annotations

import base64
import os
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class DecryptionError(Exception):
    pass


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("Chưa có khóa mã hóa (DANVAN_FIELD_KEYS).")
    try:
        return MultiFernet([Fernet(k.encode()) for k in keys])
    except ValueError as exc:
        raise ImproperlyConfigured("DANVAN_FIELD_KEYS chứa khóa không hợp lệ (Fernet key).") from exc


def _current() -> MultiFernet:
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS))


_SEALED = "g1."


@lru_cache(maxsize=4)
def _sealers(keys: tuple[str, ...]) -> tuple[AESGCM, ...]:
    """One AES-256-GCM key per field key, newest first, derived with HKDF-SHA256 (a label of its own)."""
    _fernet(keys)  # the same checks and messages for missing or malformed keys
    return tuple(
        AESGCM(
            HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"danvan.crypto.seal.v1").derive(
                base64.urlsafe_b64decode(k.encode())
            )
        )
        for k in keys
    )


def seal(plaintext: str) -> str:
    """`plaintext` encrypted and authenticated with AES-256-GCM under the newest field key ("" stays "")."""
    if plaintext == "":
        return ""
    nonce = os.urandom(12)
    sealed = _sealers(tuple(settings.FIELD_ENCRYPTION_KEYS))[0].encrypt(
        nonce, plaintext.encode("utf-8"), None
    )
    return _SEALED + base64.urlsafe_b64encode(nonce + sealed).decode("ascii")


def _unseal(token: str) -> str:
    try:
        raw = base64.urlsafe_b64decode(token[len(_SEALED) :].encode("ascii"))
    except ValueError as exc:
        raise DecryptionError("Không giải mã được dữ liệu mật (khóa không khớp).") from exc
    if len(raw) < 12 + 16:  # the nonce and the tag at least
        raise DecryptionError("Không giải mã được dữ liệu mật (khóa không khớp).")
    for sealer in _sealers(tuple(settings.FIELD_ENCRYPTION_KEYS)):
        try:
            return sealer.decrypt(raw[:12], raw[12:], None).decode("utf-8")
        except InvalidTag:
            continue
    raise DecryptionError("Không giải mã được dữ liệu mật (khóa không khớp).")


def encrypt(plaintext: str) -> str:
    if plaintext == "":
        return ""
    return _current().encrypt(plaintext.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    if token == "":
        return ""
    if token.startswith(_SEALED):
        return _unseal(token)
    try:
        return _current().decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, ValueError) as exc:
        raise DecryptionError("Không giải mã được dữ liệu mật (khóa không khớp).") from exc


def encrypt_bytes(data: bytes) -> bytes:
    return _current().encrypt(data)


def decrypt_bytes(token: bytes) -> bytes:
    try:
        return _current().decrypt(token)
    except InvalidToken as exc:
        raise DecryptionError("Không giải mã được tệp mật (khóa không khớp).") from exc


def rotate(token: str) -> str:
    if token == "":
        return ""
    if token.startswith(_SEALED):
        return seal(_unseal(token))
    return _current().rotate(token.encode("ascii")).decode("ascii")


def blind_index(value: str) -> str:
    """A keyed hash of `value` for exact look-ups of encrypted data (a phone, a folded name): equal values
    give equal indexes, and without the newest field key the index reveals nothing. Rotating the keys
    recomputes the indexes (see petitions.services.rotate_keys). "" stays ""."""
    if not value:
        return ""
    import hashlib
    import hmac

    keys = tuple(settings.FIELD_ENCRYPTION_KEYS)
    if not keys:
        raise ImproperlyConfigured("Chưa có khóa mã hóa (DANVAN_FIELD_KEYS).")
    secret = hashlib.sha256(b"danvan-blind-index|" + keys[0].encode()).digest()
    return hmac.new(secret, value.encode("utf-8"), hashlib.sha256).hexdigest()[:32]
