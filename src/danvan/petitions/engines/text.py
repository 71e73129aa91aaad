"""Vietnamese text normalisation shared by the engines."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^\w]+")
_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})


def _strip_slow(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", stripped)


def _strip_table() -> dict[int, str]:
    """Each Latin letter with marks (and each combining mark) → what `_strip_slow` makes of it."""
    table: dict[int, str] = {}
    for start, end in ((0x00C0, 0x0250), (0x0300, 0x0370), (0x1E00, 0x1F00)):
        for cp in range(start, end):
            stripped = _strip_slow(chr(cp))
            if stripped != chr(cp):
                table[cp] = stripped
    return table


def _safe_chars() -> frozenset[str]:
    """Characters the table leaves alone and the general path leaves alone too, whatever their
    neighbours: Latin and punctuation that no normalisation changes, no combining marks."""
    out = set()
    for start, end in ((0x0000, 0x0300), (0x2000, 0x2100)):
        for cp in range(start, end):
            ch = chr(cp)
            if (
                cp not in _STRIP_TABLE
                and unicodedata.normalize("NFD", ch) == ch
                and not unicodedata.category(ch).startswith("M")
            ):
                out.add(ch)
    return frozenset(out)


_STRIP_TABLE = _strip_table()
_SAFE = _safe_chars()


def strip_diacritics(text: str) -> str:
    """Remove Vietnamese tone and vowel marks (``đ`` → ``d``), keeping case and punctuation.

    A translation table does it in one pass; a text that is not plain ASCII afterwards (other
    scripts) takes the general path (decompose, drop the marks, recompose), which gives the same
    result for the Latin letters."""
    fast = text.translate(_STRIP_TABLE)
    return fast if fast.isascii() or _SAFE.issuperset(fast) else _strip_slow(text)


def collapse_spaces(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=512)
def normalise(text: str) -> str:
    """NFC, casefold, strip diacritics (incl. đ→d), drop punctuation, collapse spaces.

    Cached (the last 512 texts): one letter's analysis folds its text for the copy key, the shingles
    and the identifiers."""
    folded = strip_diacritics(unicodedata.normalize("NFC", text)).casefold()
    return collapse_spaces(_NON_WORD.sub(" ", folded).replace("_", " "))


def syllables(text: str) -> list[str]:
    """Vietnamese syllables (space-separated units) of the normalised text."""
    norm = normalise(text)
    return norm.split(" ") if norm else []
