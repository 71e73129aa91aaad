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


def transliterate(text: str | None) -> str:
    """Vietnamese letters to ASCII, case kept: "Đông Kinh" → "Dong Kinh" (Đ → D, never dropped)."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


_SLUG_DROP = re.compile(r"[^a-z0-9\s-]")
_SLUG_JOIN = re.compile(r"[\s-]+")


def slug(text: str | None) -> str:
    """The piece of a file name or address for a name: "Phường Đông Kinh" → "phuong-dong-kinh".

    Django's slugify drops "Đ" ("ong-kinh"); every file name the project builds goes through here."""
    return _SLUG_JOIN.sub("-", _SLUG_DROP.sub("", transliterate(text).lower())).strip("-")


_FILE_DROP = re.compile(r"[^A-Za-z0-9._-]+")


def ascii_filename(name: str | None, default: str = "tep") -> str:
    """A file name safe for a plain `filename=` header: "Đơn khiếu nại.pdf" → "Don-khieu-nai.pdf"."""
    stem, dot, ext = transliterate(name).rpartition(".")
    if not dot:
        stem, ext = ext, ""
    stem = _FILE_DROP.sub("-", stem).strip("-.")
    ext = _FILE_DROP.sub("", ext)
    if not stem:
        return default
    return f"{stem}.{ext}" if ext else stem


def end_sentence(text: str) -> str:
    """`text` ending with exactly one full stop: a message that adds its own after a name or a quoted text
    that already ends with one ("…hòa giải.." becomes "…hòa giải.")."""
    stripped = text.rstrip()
    while stripped.endswith("..") and not stripped.endswith("..."):
        stripped = stripped[:-1]
    if stripped.endswith((".", "!", "?", "…", ":")):
        return stripped
    return stripped + "."
