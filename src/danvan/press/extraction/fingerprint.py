"""Content fingerprints: the same article from two sites hashes the same."""

from __future__ import annotations

import hashlib
import re

from .clean import clean_lines
from .vntext import fold

_DATELINE = re.compile(r"^\s*\(?[\w.\-]{2,25}\)?\s*[-–—]\s*(?=\S)")
_SHINGLE = 5


def _body_words(text: str) -> list[str]:
    lines = [ln for ln in clean_lines(text) if len(ln.split()) >= 12]
    if lines:
        lines[0] = _DATELINE.sub("", lines[0])
    words: list[str] = []
    for line in lines:
        words += re.findall(r"[^\W_]+", fold(line))
    return words


def content_fingerprint(text: str) -> str:
    """SHA-256 of the normalised body text (boilerplate, title, author, dateline, case and accents removed)."""
    return hashlib.sha256(" ".join(_body_words(text)).encode("utf-8")).hexdigest()


def _shingles(text: str) -> set[str]:
    words = _body_words(text)
    if len(words) < _SHINGLE:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + _SHINGLE]) for i in range(len(words) - _SHINGLE + 1)}


def similarity(a: str, b: str) -> float:
    """Jaccard similarity of word 5-gram shingles of the two bodies (0..1)."""
    sa, sb = _shingles(a), _shingles(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / len(sa | sb)


def is_near_duplicate(a: str, b: str, threshold: float = 0.7) -> bool:
    """True when two texts are the same article with small edits (same fingerprint or high overlap)."""
    return content_fingerprint(a) == content_fingerprint(b) or similarity(a, b) >= threshold
