"""Vietnamese text normalisation: folding for diacritic- and case-insensitive search and matching."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^\w\s]", re.UNICODE)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str | None) -> str:
    """Lower-case, strip diacritics (đ → d) and collapse spaces: "Đất  Đai" → "dat dai"."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", stripped.casefold()).strip()


def fold_words(text: str | None) -> str:
    """fold() and replace punctuation with spaces: "TP. Hồ Chí Minh" → "tp ho chi minh"."""
    return _SPACES.sub(" ", _NON_WORD.sub(" ", fold(text))).strip()


def search_terms(query: str | None) -> list[str]:
    """The folded words of a search query, at most 12."""
    return [w for w in fold_words(query).split(" ") if w][:12]
