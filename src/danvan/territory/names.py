"""Name normalisation for administrative units: prefixes, abbreviations, diacritics."""

from __future__ import annotations

import re
from functools import lru_cache

from danvan.core.text import fold_words

# Folded prefixes, longest first, stripped from the start of a unit name.
_PREFIXES = (
    "thanh pho truc thuoc trung uong",
    "thanh pho",
    "tinh",
    "dac khu",
    "thi tran",
    "thi xa",
    "phuong",
    "xa",
    "quan",
    "huyen",
    "tp",
    "t p",
    "tx",
    "tt",
)
_PREFIX_RE = re.compile(r"^(?:" + "|".join(re.escape(p) for p in _PREFIXES) + r")\s+")

# Common abbreviations and other names (folded) -> folded canonical name.
ALIASES = {
    "hcm": "ho chi minh",
    "hcmc": "ho chi minh",
    "tphcm": "ho chi minh",
    "sai gon": "ho chi minh",
    "saigon": "ho chi minh",
    "hn": "ha noi",
    "hp": "hai phong",
    "dn": "da nang",
    "ct": "can tho",
    "brvt": "ba ria vung tau",
    "tt hue": "thua thien hue",
    "hue": "hue",
}


@lru_cache(maxsize=8192)
def strip_prefix(name: str) -> str:
    """'Thành phố Hồ Chí Minh' -> 'Hồ Chí Minh'; 'Xã Vĩnh Hưng' -> 'Vĩnh Hưng' (keeps diacritics).
    Remembered per name (a pure function of it, asked for each body named on a page, letter or message)."""
    original = name.strip()
    lowered = fold_words(original)
    match = _PREFIX_RE.match(lowered)
    if not match:
        return original
    words_to_drop = len(match.group(0).split())
    return " ".join(original.replace(".", ". ").split()[words_to_drop:]) or original


def lookup_key(name: str) -> str:
    """The folded key used for lookups: no prefix, no diacritics, no punctuation, aliases applied."""
    key = fold_words(name)
    key = re.sub(r"^tp(?=[a-z])", "tp ", key)  # "tphcm" -> "tp hcm"
    for _ in range(2):
        key = _PREFIX_RE.sub("", key)
    key = key.strip()
    return ALIASES.get(key, key)
