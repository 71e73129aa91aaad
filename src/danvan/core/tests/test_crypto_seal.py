"""Sealed values (AES-256-GCM under keys derived from the field keys): read back by `decrypt`, beside
Fernet tokens; tampering and foreign keys refused; rotation re-seals under the newest key."""

from __future__ import annotations

from typing import Any

import pytest
from cryptography.fernet import Fernet

from danvan.core import crypto


def test_a_sealed_value_reads_back_and_a_fernet_token_still_does() -> None:
    token = crypto.seal("binh@example.vn")
    assert token.startswith("g1.") and "binh" not in token
    assert crypto.decrypt(token) == "binh@example.vn"
    assert crypto.decrypt(crypto.encrypt("0912345678")) == "0912345678"
    assert crypto.seal("") == "" and crypto.decrypt("") == ""


def test_the_same_value_sealed_twice_gives_two_different_tokens() -> None:
    assert crypto.seal("Nguyễn Văn Bình") != crypto.seal("Nguyễn Văn Bình")


def test_a_tampered_sealed_token_is_refused_with_the_decryption_message() -> None:
    token = crypto.seal("binh@example.vn")
    body = bytearray(token.encode())
    body[-5] = ord("A") if body[-5] != ord("A") else ord("B")
    with pytest.raises(crypto.DecryptionError, match="Không giải mã được"):
        crypto.decrypt(body.decode())
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt("g1.%%%")


def test_after_a_key_rotation_old_sealed_values_still_read_and_rotate_reseals_them_with_the_new_key(
    settings: Any,
) -> None:
    old_key = settings.FIELD_ENCRYPTION_KEYS[0]
    token = crypto.seal("binh@example.vn")
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode(), old_key]
    assert crypto.decrypt(token) == "binh@example.vn"
    rotated = crypto.rotate(token)
    assert rotated != token and rotated.startswith("g1.")
    settings.FIELD_ENCRYPTION_KEYS = settings.FIELD_ENCRYPTION_KEYS[:1]  # the old key retired
    assert crypto.decrypt(rotated) == "binh@example.vn"
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(token)
