"""Legacy Vietnamese 8-bit encodings: TCVN3 (ABC, TCVN 5712 VN3) and VNI-Windows.

Both were in wide use before Unicode.  Text typed in them usually reaches us either as raw
bytes or as a ``str`` that was decoded as Windows-1252/Latin-1, so the tables below are
keyed by the Latin-1 character of each byte.
"""

from __future__ import annotations

import re
import unicodedata

from .errors import ExtractionError

# --- TCVN3 (ABC) -----------------------------------------------------------------------------
# One byte per precomposed lower-case letter; upper-case letters with tone marks used a
# separate "H" font that reused the lower-case codes, so they decode to lower case.
_TCVN3_PAIRS: tuple[tuple[int, str], ...] = (
    (0xB8, "á"),
    (0xB5, "à"),
    (0xB6, "ả"),
    (0xB7, "ã"),
    (0xB9, "ạ"),
    (0xA8, "ă"),
    (0xBE, "ắ"),
    (0xBB, "ằ"),
    (0xBC, "ẳ"),
    (0xBD, "ẵ"),
    (0xC6, "ặ"),
    (0xA9, "â"),
    (0xCA, "ấ"),
    (0xC7, "ầ"),
    (0xC8, "ẩ"),
    (0xC9, "ẫ"),
    (0xCB, "ậ"),
    (0xAE, "đ"),
    (0xD0, "é"),
    (0xCC, "è"),
    (0xCE, "ẻ"),
    (0xCF, "ẽ"),
    (0xD1, "ẹ"),
    (0xAA, "ê"),
    (0xD5, "ế"),
    (0xD2, "ề"),
    (0xD3, "ể"),
    (0xD4, "ễ"),
    (0xD6, "ệ"),
    (0xDD, "í"),
    (0xD7, "ì"),
    (0xD8, "ỉ"),
    (0xDC, "ĩ"),
    (0xDE, "ị"),
    (0xE3, "ó"),
    (0xDF, "ò"),
    (0xE1, "ỏ"),
    (0xE2, "õ"),
    (0xE4, "ọ"),
    (0xAB, "ô"),
    (0xE8, "ố"),
    (0xE5, "ồ"),
    (0xE6, "ổ"),
    (0xE7, "ỗ"),
    (0xE9, "ộ"),
    (0xAC, "ơ"),
    (0xED, "ớ"),
    (0xEA, "ờ"),
    (0xEB, "ở"),
    (0xEC, "ỡ"),
    (0xEE, "ợ"),
    (0xF3, "ú"),
    (0xEF, "ù"),
    (0xF1, "ủ"),
    (0xF2, "ũ"),
    (0xF4, "ụ"),
    (0xAD, "ư"),
    (0xF8, "ứ"),
    (0xF5, "ừ"),
    (0xF6, "ử"),
    (0xF7, "ữ"),
    (0xF9, "ự"),
    (0xFD, "ý"),
    (0xFA, "ỳ"),
    (0xFB, "ỷ"),
    (0xFC, "ỹ"),
    (0xFE, "ỵ"),
    (0xA1, "Ă"),
    (0xA2, "Â"),
    (0xA7, "Đ"),
    (0xA3, "Ê"),
    (0xA4, "Ô"),
    (0xA5, "Ơ"),
    (0xA6, "Ư"),
)
TCVN3_TO_UNICODE: dict[str, str] = {chr(code): uni for code, uni in _TCVN3_PAIRS}
UNICODE_TO_TCVN3: dict[str, str] = {uni: chr(code) for code, uni in _TCVN3_PAIRS}

# --- VNI-Windows -----------------------------------------------------------------------------
# A base letter followed by a mark byte: ù sắc, ø huyền, û hỏi, õ ngã, ï nặng; â circumflex;
# ê breve; á à å ã ä circumflex + tone; é è ú ü ë breve + tone; ô ơ, ö ư, ñ đ; i and ỵ are
# single bytes (í ì æ ó ò î).
_VNI_TONES = ("ù", "ø", "û", "õ", "ï")
_VNI_CIRC_TONES = ("á", "à", "å", "ã", "ä")
_VNI_BREVE_TONES = ("é", "è", "ú", "ü", "ë")
_VIET_TONED: dict[str, tuple[str, str, str, str, str]] = {
    "a": ("á", "à", "ả", "ã", "ạ"),
    "ă": ("ắ", "ằ", "ẳ", "ẵ", "ặ"),
    "â": ("ấ", "ầ", "ẩ", "ẫ", "ậ"),
    "e": ("é", "è", "ẻ", "ẽ", "ẹ"),
    "ê": ("ế", "ề", "ể", "ễ", "ệ"),
    "o": ("ó", "ò", "ỏ", "õ", "ọ"),
    "ô": ("ố", "ồ", "ổ", "ỗ", "ộ"),
    "ơ": ("ớ", "ờ", "ở", "ỡ", "ợ"),
    "u": ("ú", "ù", "ủ", "ũ", "ụ"),
    "ư": ("ứ", "ừ", "ử", "ữ", "ự"),
    "y": ("ý", "ỳ", "ỷ", "ỹ", "ỵ"),
    "i": ("í", "ì", "ỉ", "ĩ", "ị"),
}


def _build_vni_lower() -> dict[str, str]:
    table: dict[str, str] = {}
    for base in "aeouy":
        for mark, uni in zip(_VNI_TONES, _VIET_TONED[base], strict=True):
            table[base + mark] = uni
    for base, circ in (("a", "â"), ("e", "ê"), ("o", "ô")):
        table[base + "â"] = circ
        for mark, uni in zip(_VNI_CIRC_TONES, _VIET_TONED[circ], strict=True):
            table[base + mark] = uni
    table["aê"] = "ă"
    for mark, uni in zip(_VNI_BREVE_TONES, _VIET_TONED["ă"], strict=True):
        table["a" + mark] = uni
    for mark, uni in zip(_VNI_TONES, _VIET_TONED["ơ"], strict=True):
        table["ô" + mark] = uni
    for mark, uni in zip(_VNI_TONES, _VIET_TONED["ư"], strict=True):
        table["ö" + mark] = uni
    table.update({"ô": "ơ", "ö": "ư", "ñ": "đ", "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ"})
    return table


def _build_vni() -> dict[str, str]:
    lower = _build_vni_lower()
    table = dict(lower)
    for key, uni in lower.items():
        table[key.upper()] = uni.upper()
    return table


VNI_TO_UNICODE: dict[str, str] = _build_vni()
UNICODE_TO_VNI: dict[str, str] = {}
for _key, _uni in sorted(VNI_TO_UNICODE.items(), key=lambda kv: len(kv[0])):
    UNICODE_TO_VNI.setdefault(_uni, _key)
_VNI_PATTERN = re.compile("|".join(re.escape(k) for k in sorted(VNI_TO_UNICODE, key=len, reverse=True)))

# Characters that never occur in Unicode Vietnamese text but are frequent in each legacy form.
_TCVN3_MARKERS = frozenset("¸µ¶·¹¨©ª«¬\xad®¾»¼½ÆÇÈÉËÐÌÎÏÑÕÒÓÔÖÝ×ØÜÞßäåæçëîïñöø÷ûüþ¡¢§£¤¥¦")
_TCVN3_ONLY = frozenset("¸µ¶·¹¨©ª«¬®¾»¼½¡¢§£¤¥¦")
_VNI_ONLY = re.compile(r"[aeouyAEOUY][ùøûõïÙØÛÕÏ]|[aeoAEO][âÂ]|[aAeEoO][äåÄÅ]|[ñÑöÖ]")
_VIET_UNICODE = re.compile(r"[ăđơưĂĐƠƯạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]")


def encode_tcvn3(text: str) -> str:
    """Encode Unicode Vietnamese as TCVN3 (as Latin-1 characters); upper case is lowered."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in UNICODE_TO_TCVN3:
            out.append(UNICODE_TO_TCVN3[ch])
        elif ch.lower() in UNICODE_TO_TCVN3 and ch.lower() != ch:
            out.append(UNICODE_TO_TCVN3[ch.lower()])
        else:
            out.append(ch)
    return "".join(out)


def encode_vni(text: str) -> str:
    """Encode Unicode Vietnamese as VNI-Windows (as Latin-1 characters)."""
    return "".join(UNICODE_TO_VNI.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


def tcvn3_to_unicode(text: str) -> str:
    """Convert TCVN3 text (decoded as Latin-1/cp1252) to Unicode."""
    return "".join(TCVN3_TO_UNICODE.get(ch, ch) for ch in text)


def vni_to_unicode(text: str) -> str:
    """Convert VNI-Windows text (decoded as Latin-1/cp1252) to Unicode."""
    return _VNI_PATTERN.sub(lambda m: VNI_TO_UNICODE[m.group(0)], text)


def detect_legacy(text: str) -> str | None:
    """Return "tcvn3", "vni" or None for a string that may hold legacy-encoded Vietnamese."""
    letters = sum(ch.isalpha() for ch in text)
    if letters < 8 or len(_VIET_UNICODE.findall(text)) > letters * 0.02:
        return None
    tcvn_only = sum(ch in _TCVN3_ONLY for ch in text)
    vni_hits = len(_VNI_ONLY.findall(text))
    if tcvn_only >= max(2, letters * 0.01) and tcvn_only >= vni_hits:
        return "tcvn3"
    if vni_hits >= max(2, letters * 0.02):
        return "vni"
    return _best_conversion(text)


_LATIN1_VIET = frozenset("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")


def _foreign(text: str) -> int:
    """Latin-1 supplement characters that Vietnamese never uses."""
    return sum(1 for ch in text if "\xa0" < ch <= "\xff" and ch not in _LATIN1_VIET)


def _best_conversion(text: str) -> str | None:
    before = _foreign(text)
    if before < 2:
        return None
    after_tcvn3, after_vni = _foreign(tcvn3_to_unicode(text)), _foreign(vni_to_unicode(text))
    best, kind = min((after_tcvn3, "tcvn3"), (after_vni, "vni"))
    return kind if best <= before * 0.3 else None


def convert_legacy(text: str) -> str:
    """Convert legacy-encoded text to Unicode when detected; otherwise return it unchanged."""
    kind = detect_legacy(text)
    if kind == "tcvn3":
        return tcvn3_to_unicode(text)
    if kind == "vni":
        return vni_to_unicode(text)
    return text


def require_legacy(text: str) -> str:
    """Convert legacy-encoded text or raise :class:`ExtractionError` if it is not recognised."""
    if detect_legacy(text) is None:
        raise ExtractionError("Không nhận dạng được bảng mã tiếng Việt cũ (TCVN3/VNI) của văn bản.")
    return convert_legacy(text)
