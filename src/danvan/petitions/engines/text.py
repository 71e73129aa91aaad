"""Vietnamese text normalisation shared by the engines."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^\w]+")
_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})


def strip_diacritics(text: str) -> str:
    """Remove Vietnamese tone and vowel marks (``đ`` → ``d``), keeping case and punctuation."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", stripped)


def collapse_spaces(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def normalise(text: str) -> str:
    """NFC, casefold, strip diacritics (incl. đ→d), drop punctuation, collapse spaces."""
    folded = strip_diacritics(unicodedata.normalize("NFC", text)).casefold()
    return collapse_spaces(_NON_WORD.sub(" ", folded).replace("_", " "))


def syllables(text: str) -> list[str]:
    """Vietnamese syllables (space-separated units) of the normalised text."""
    norm = normalise(text)
    return norm.split(" ") if norm else []
