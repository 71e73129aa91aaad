"""Small Vietnamese text helpers shared by the cleaner and the extractor."""

from __future__ import annotations

import re
import unicodedata

# Old-style tone placement ("hoà", "uỷ") to the modern one ("hòa", "ủy").
_TONE_FIXES: dict[str, str] = {
    "oà": "òa",
    "oá": "óa",
    "oả": "ỏa",
    "oã": "õa",
    "oạ": "ọa",
    "oè": "òe",
    "oé": "óe",
    "oẻ": "ỏe",
    "oẽ": "õe",
    "oẹ": "ọe",
    "uỳ": "ùy",
    "uý": "úy",
    "uỷ": "ủy",
    "uỹ": "ũy",
    "uỵ": "ụy",
}
_TONE_RE = re.compile(
    r"(?<![qQ])("
    + "|".join(
        sorted(
            {k for k in _TONE_FIXES}
            | {k.capitalize() for k in _TONE_FIXES}
            | {k.upper() for k in _TONE_FIXES}
        )
    )
    + r")(?![^\W\d_])"
)


def _fix_tone(match: re.Match[str]) -> str:
    old = match.group(1)
    new = _TONE_FIXES[old.lower()]
    if old.isupper():
        return new.upper()
    if old[0].isupper():
        return new[0].upper() + new[1:]
    return new


def normalize_tones(text: str) -> str:
    """NFC-normalise and move tone marks to the modern position (hoà → hòa, uỷ → ủy)."""
    return _TONE_RE.sub(_fix_tone, unicodedata.normalize("NFC", text))


_OLD_STYLE = {new: old for old, new in _TONE_FIXES.items()}
_OLD_STYLE_RE = re.compile(
    r"(?<![qQ])("
    + "|".join(
        sorted(
            {k for k in _OLD_STYLE} | {k.capitalize() for k in _OLD_STYLE} | {k.upper() for k in _OLD_STYLE}
        )
    )
    + r")(?![^\W\d_])"
)


def _to_old(match: re.Match[str]) -> str:
    new = match.group(1)
    old = _OLD_STYLE[new.lower()]
    if new.isupper():
        return old.upper()
    if new[0].isupper():
        return old[0].upper() + old[1:]
    return old


def old_style_tones(text: str) -> str:
    """The old tone placement that normalize_tones undoes: 'Thủy Hòa' → 'Thuỷ Hoà'."""
    return _OLD_STYLE_RE.sub(_to_old, unicodedata.normalize("NFC", text))


def spelling_in_source(name: str, source: str) -> str:
    """The name with the tone placement the source text uses (modern unless only the old one occurs)."""
    old = old_style_tones(name)
    if old == name:
        return name
    folded = source.casefold()
    return old if old.casefold() in folded and name.casefold() not in folded else name


def fold(text: str) -> str:
    """Lower-case ASCII folding: 'Bạc Liêu' → 'bac lieu'."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def capitalize_words(text: str) -> str:
    """Proper Vietnamese name capitalisation: 'lê trí vũ' → 'Lê Trí Vũ'."""
    words = (w[:1].upper() + w[1:].lower() for w in text.split())
    return " ".join(re.sub(r"(?<=['’])\w", lambda m: m.group(0).upper(), w) for w in words)


WORD_RE = re.compile(r"[^\W\d_]+")
