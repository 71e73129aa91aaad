"""The secret phrase of the two-way messages: made, shown once, kept only as a keyed digest.

A phrase is 4 groups of 4 characters from the tracking code's alphabet (no 0/O, no 1/I: nothing to mix up
when copied by hand or read out at the desk), e.g. "K7QM-4XPA-ZR2W-9HTB": 16 × 5 = 80 random bits from
`secrets`. Groups of letters and digits rather than words: they need no word list in any language, and a
citizen copies them from a receipt as he copies the tracking code.

Stored as "hmac-sha256$<salt>$<hex>": an HMAC-SHA256 under the site's secret key (`salted_hmac`) of a
random per-phrase salt and the phrase. Not a slow password hash (Argon2 takes about 0.5 s of CPU here): a
slow hash protects low-entropy passwords against guessing, and 80 random bits cannot be guessed anyway;
half a second per receipt would halve the public form's throughput. A stolen database alone cannot even
test a guess (the key is outside it), and guesses through the page are rate-limited.
"""

from __future__ import annotations

import hmac
import secrets

from django.utils.crypto import salted_hmac

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # the tracking code's: no 0/O, 1/I
GROUPS = 4
GROUP_SIZE = 4
_SCHEME = "hmac-sha256"


def new() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(GROUPS * GROUP_SIZE))
    return "-".join(raw[i : i + GROUP_SIZE] for i in range(0, len(raw), GROUP_SIZE))


def normalise(phrase: str) -> str:
    """What counts of a typed phrase: its letters and digits, upper case (spaces, dashes, case ignored)."""
    return "".join(ch for ch in phrase.upper() if ch.isascii() and ch.isalnum())


def _mac(salt: str, phrase: str) -> str:
    return salted_hmac(
        "danvan.petitions.message_phrase", f"{salt}${normalise(phrase)}", algorithm="sha256"
    ).hexdigest()


def digest(phrase: str) -> str:
    salt = secrets.token_hex(8)
    return f"{_SCHEME}${salt}${_mac(salt, phrase)}"


def matches(phrase: str, stored: str) -> bool:
    """Constant-time comparison; False for an empty phrase or no stored digest."""
    scheme, _, rest = stored.partition("$")
    salt, _, expected = rest.partition("$")
    if scheme != _SCHEME or not salt or not expected:
        _mac("0" * 16, phrase)  # the same work whether or not there is a digest to compare with
        return False
    return bool(normalise(phrase)) and hmac.compare_digest(expected, _mac(salt, phrase))
