"""Encryption of confidential fields with keys kept outside the database (MultiFernet, rotatable).

settings.FIELD_ENCRYPTION_KEYS lists Fernet keys, newest first: new values are encrypted with the
first key; any listed key decrypts. `rotate()` re-encrypts a token with the newest key.
"""

from __future__ import annotations

from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
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


def encrypt(plaintext: str) -> str:
    if plaintext == "":
        return ""
    return _current().encrypt(plaintext.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    if token == "":
        return ""
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
