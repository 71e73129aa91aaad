"""Cleaning badly scraped Vietnamese press text.

``clean_text`` repairs the characters (mojibake, legacy encodings, "?"-damaged names, old
tone placement) and then removes the page furniture that scrapers leave around an
article: share buttons, "Các tin khác" blocks, lists of unrelated headlines, bare
timestamps and photo captions.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import ftfy

from .errors import ExtractionError
from .legacy import convert_legacy, detect_legacy
from .provinces import damaged_name_pattern, province_names
from .vntext import normalize_tones

# --- character repair ------------------------------------------------------------------------
_VIET_LETTERS = re.compile(r"[ăđơưĂĐƠƯạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]")
_LATIN1_VIET = frozenset("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
_SUSPECT = re.compile(
    r"[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2122]"
)


def _suspicious_chars(text: str) -> int:
    return sum(1 for ch in _SUSPECT.findall(text) if ch not in _LATIN1_VIET and ch not in "–—‘’“”…•·")


def _viet_score(text: str) -> int:
    return len(_VIET_LETTERS.findall(text)) - 2 * _suspicious_chars(text)


def repair_characters(text: str) -> str:
    """Fix mojibake (ftfy), TCVN3/VNI text and old tone placement; NFC-normalise."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if _suspicious_chars(text) > 0:
        fixed = ftfy.fix_text(text, uncurl_quotes=False, fix_line_breaks=True)
        candidates = [text, fixed, convert_legacy(text), convert_legacy(fixed)]
        text = max(candidates, key=_viet_score)
    return repair_question_marks(normalize_tones(text))


# --- "?"-damaged words ----------------------------------------------------------------------
_DAMAGE_RE = re.compile(
    r"(?<=[^\W\d_])\?(?=[^\W\d_])|(?<![^\s(\[])\?(?=[^\W\d_])|(?<=[^\W\d_])\?(?=[\s,.]|$)"
)
_HEADER_WORDS = (
    "CÔNG AN",
    "TỈNH ỦY",
    "THÀNH ỦY",
    "HUYỆN ỦY",
    "ỦY BAN NHÂN DÂN",
    "ỦY BAN",
    "TỈNH",
    "HUYỆN",
    "THÀNH PHỐ",
    "DÂN VẬN",
    "MẶT TRẬN TỔ QUỐC",
    "BÁO",
    "ĐIỆN TỬ",
    "CỔNG THÔNG TIN",
    "HỘI NGHỊ",
    "TỔNG KẾT",
    "SƠ KẾT",
    "CÔNG TÁC",
    "ĐẢNG",
    "VIỆT NAM",
    "NHÂN DÂN",
    "ĐỐI THOẠI",
    "TRANG CHỦ",
    "TIN TỨC",
    "SỰ KIỆN",
    "CHÍNH TRỊ",
    "XÃ HỘI",
    "THỜI SỰ",
    "Tỉnh ủy",
    "Thành ủy",
    "Dân vận",
)


def _question_pattern(word: str, allow_drop: bool) -> re.Pattern[str]:
    if allow_drop:
        body = damaged_name_pattern(word)
    else:
        body = "".join(
            re.escape(ch) if ord(ch) < 128 else "(?:" + re.escape(ch) + r"|\?)" for ch in word
        ).replace(r"\ ", r"\s+")
    return re.compile(r"(?<![^\W\d_?])" + body + r"(?![^\W\d_?])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _damage_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    names = [n for n in province_names() if any(ord(c) > 127 for c in n)]
    pats = [(n, _question_pattern(n, allow_drop=True)) for n in sorted(names, key=len, reverse=True)]
    pats += [(w, _question_pattern(w, allow_drop=False)) for w in _HEADER_WORDS]
    return tuple(pats)


def _restore(word: str, found: str) -> str:
    out: list[str] = []
    for target, seen in zip(word.split(), found.split(), strict=False):
        letters = [ch for ch in seen if ch.isalpha()]
        if letters and all(ch.isupper() for ch in letters) and (len(letters) > 1 or seen[0] != "?"):
            out.append(target.upper())
        elif letters and (seen[0].isupper() or (seen[0] == "?" and letters[0].isupper())):
            out.append(target[0].upper() + target[1:].lower())
        else:
            out.append(target.lower())
    return " ".join(out) if len(out) == len(word.split()) else word


def _plausible_repair(word: str, found: str) -> bool:
    if found == word or found.upper() == word.upper():
        return False
    letters = sum(ch.isalpha() or ch == "?" for ch in found)
    return "?" in found or letters >= 0.7 * sum(ch.isalpha() for ch in word)


def _repairer(word: str) -> Callable[[re.Match[str]], str]:
    def repl(match: re.Match[str]) -> str:
        found = match.group(0)
        return _restore(word, found) if _plausible_repair(word, found) else found

    return repl


def _repair_line(line: str) -> str:
    for word, pattern in _damage_patterns():
        line = pattern.sub(_repairer(word), line)
    return line


def repair_question_marks(text: str) -> str:
    """Repair letters lost to '?' (or dropped next to one) in province names and header words.

    Only lines that show the damage (a '?' inside or at the start of a word) are touched:
    "CÔNG AN B?C LIU" → "CÔNG AN BẠC LIÊU".
    """
    if "?" not in text:
        return text
    return "\n".join(_repair_line(ln) if _DAMAGE_RE.search(ln) else ln for ln in text.split("\n"))


# --- decoding bytes and HTML -----------------------------------------------------------------
def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\t\n\r\f") or ch == "\ufffd")
    return bad / len(text)


def _utf16_guess(data: bytes) -> str | None:
    even, odd = data[0::2], data[1::2]
    if odd.count(0) > len(odd) * 0.3 and even.count(0) < len(even) * 0.1:
        return "utf-16-le"
    if even.count(0) > len(even) * 0.3 and odd.count(0) < len(odd) * 0.1:
        return "utf-16-be"
    return None


def _decode_with_bom(data: bytes) -> str | None:
    for bom, enc in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(enc)
            except UnicodeDecodeError as exc:
                raise ExtractionError(f"Tệp có dấu BOM {enc} nhưng nội dung không giải mã được.") from exc
    return None


def _decode_8bit(data: bytes) -> str | None:
    latin = data.decode("latin-1")
    if detect_legacy(latin):
        return convert_legacy(latin)
    try:
        text = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        return None
    return text if _VIET_LETTERS.search(text) else None


def decode_bytes(data: bytes) -> str:
    """Decode raw article bytes: UTF-8, UTF-16/32 (with or without BOM), TCVN3, VNI, cp1258.

    Raises :class:`ExtractionError` (Vietnamese message) for binary or undecodable data.
    """
    if not data or not data.strip():
        raise ExtractionError("Dữ liệu rỗng, không có văn bản để xử lý.")
    text = _decode_with_bom(data)
    if text is None and b"\x00" in data:
        enc = _utf16_guess(data)
        if enc is None:
            raise ExtractionError("Dữ liệu nhị phân, không phải văn bản.")
        try:
            text = data.decode(enc)
        except UnicodeDecodeError as exc:
            raise ExtractionError("Dữ liệu nhị phân, không phải văn bản.") from exc
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode_8bit(data)
    if text is None or _control_ratio(text) > 0.05:
        raise ExtractionError("Không xác định được bảng mã của văn bản (không phải UTF-8, TCVN3 hay VNI).")
    return unicodedata.normalize("NFC", text)


def looks_like_html(text: str) -> bool:
    """True when the input is an HTML page rather than plain text."""
    head = text.lstrip()[:2000].lower()
    return head.startswith(("<!doctype html", "<html")) or bool(
        re.search(r"<(body|article|div|p)[\s>]", head)
    )


def html_to_text(html: str) -> tuple[str, dict[str, Any]]:
    """Main text of an HTML page via trafilatura, with the metadata it finds.

    Returns (text, {"title", "date", "author", "sitename", "url"}); text is "" when no main
    content is found.
    """
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False, favor_recall=True
    )
    meta: dict[str, Any] = {"title": None, "date": None, "author": None, "sitename": None, "url": None}
    if doc is None:
        return "", meta
    data = doc if isinstance(doc, dict) else doc.as_dict()
    for key in meta:
        value = data.get(key)
        meta[key] = str(value).strip() if value else None
    if not meta["sitename"] and data.get("hostname"):
        meta["sitename"] = str(data["hostname"])
    return str(data.get("text") or ""), meta


# --- line-level boilerplate ------------------------------------------------------------------
_BOILERPLATE = re.compile(
    r"^(gửi cho bạn bè|gửi bạn bè|phản hồi|in bài( viết)?|in trang|(gửi|viết) bình luận|gửi phản hồi|bản in|chia sẻ( bài viết)?|share|tweet|"
    r"facebook|zalo|twitter|email|e-mail|bình luận|ý kiến bạn đọc|gửi ý kiến|lưu bài( viết)?|lưu|"
    r"theo dõi|xem thêm|đọc thêm|quay lại|về đầu trang|trở về|trở lại|gửi bài|cỡ chữ|lượt xem.*|"
    r"copy link|sao chép liên kết|trang chủ|like|thích|\d+\s*(lượt xem|bình luận|like)|"
    r"(tags?|từ khóa)\s*:.*|nguồn tin\s*:?|top|[<>|»«•\-–—]+|[aA]\s*[-+]?\s*[aA]?\s*[+-]?|"
    r"(?:chia sẻ|share)\s*:?(?:\s*(?:facebook|zalo|twitter|email|in|messenger|linkedin|\|))*|"
    r"(?:facebook|zalo|twitter|email)(?:\s+(?:facebook|zalo|twitter|email))+)\s*:?$",
    re.IGNORECASE,
)
_END_MARKERS = re.compile(
    r"^(các tin khác|tin khác|tin liên quan|bài liên quan|bài viết liên quan|xem nhiều nhất|"
    r"đọc nhiều nhất|đọc nhiều|tin đọc nhiều|tin cùng chuyên mục|bài viết cùng chuyên mục|"
    r"các tin đã đưa|tin mới nhất|tin mới|tin bài khác|cùng chuyên mục|có thể bạn quan tâm|xem thêm|đọc thêm|"
    r"bài viết khác|các bài viết khác|bài khác|tin tức khác|các tin tức khác|tin tức liên quan|tin bài liên quan|"
    r"nội dung liên quan|tin cùng chủ đề|bài cùng chủ đề|cùng chủ đề|tin nổi bật|tin xem nhiều|xem nhiều|"
    r"các tin cũ hơn|các tin mới hơn|tin cùng loại|tin tiêu điểm|tin đã đưa|bài đã đăng|các bài đã đăng)\s*:?$",
    re.IGNORECASE,
)
_TS_TIME = (
    r"\d{1,2}(?::|h)\d{2}(?::\d{2})?(?:\s*(?:SA|CH|AM|PM)(?![^\W\d_]))?(?:\s*[\[(]?\s*GMT\s*\+\s*7\s*[\])]?)?"
)
_TS_DATE = r"(?:ngày\s+)?\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}"
_TS_WEEKDAY = r"(?:(?:thứ\s+(?:\d|[^\W\d_]+)|chủ\s+nhật)\s*[,-]?\s*)"
TIMESTAMP = (
    r"(?:"
    + _TS_TIME
    + r"\s*[,|-]?\s*"
    + _TS_WEEKDAY
    + r"?"
    + _TS_DATE
    + r"(?:\s*[\[(]?\s*GMT\s*\+\s*7\s*[\])]?)?"
    r"|" + _TS_WEEKDAY + r"?" + _TS_DATE + r"(?:\s*[,|-]?\s*(?:lúc\s+)?" + _TS_TIME + r")?)"
)
_BARE_TIMESTAMP = re.compile(
    r"^\(?(?:cập nhật|đăng|ngày đăng|ngày)?\s*:?\s*" + TIMESTAMP + r"\)?$", re.IGNORECASE
)
_LEADING_TIMESTAMP = re.compile(r"^\s*\d{1,2}:\d{2}(?::\d{2})?\s+\d{1,2}/\d{1,2}/\d{4}\s+(?=\S)")
_CAPTION_STRONG = re.compile(
    r"^(quang cảnh|toàn cảnh|ảnh\s*:|ảnh minh họa|các đại biểu|đại biểu dự|đại biểu tham dự)", re.IGNORECASE
)
_CAPTION_TAIL = re.compile(
    r"(\(\s*ảnh\s*:[^)]*\)|[-–]\s*ảnh\s*:.*|\bảnh\s*:\s*[^\s.]+(?:\s+[^\s.]+){0,3})\s*$", re.IGNORECASE
)
_CAPTION_VERB = re.compile(
    r"^(đồng chí|ông|bà|lãnh đạo|thường trực|phó|bí thư|chủ tịch|trưởng)\b.*\b(phát biểu|trao|tặng|"
    r"chụp ảnh|thăm|kết luận|chỉ đạo|tặng quà|khen thưởng|đối thoại|trò chuyện|báo cáo|tham quan|"
    r"dự hội nghị|dự và)\b",
    re.IGNORECASE,
)
_BREADCRUMB = re.compile(r"^[^.!?]{0,80}(?:\s[|»>/]\s[^.!?|»>]{1,40}){1,}$")
_SENT_END = re.compile(r"[.!?…:;\"”»)]\s*$")


def _is_sentence(line: str) -> bool:
    return bool(_SENT_END.search(line))


def _join_broken_lines(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if out and out[-1] and line and line[0].islower() and not _is_sentence(out[-1]):
            out[-1] = out[-1] + " " + line
        else:
            out.append(line)
    return out


def _is_caption(line: str, body_started: bool) -> bool:
    words = len(line.split())
    if words > 40 or (_is_sentence(line) and not _CAPTION_TAIL.search(line)):
        return False
    if _CAPTION_STRONG.search(line) or _CAPTION_TAIL.search(line):
        return True
    return body_started and words <= 30 and bool(_CAPTION_VERB.search(line))


def _is_headline_like(line: str) -> bool:
    words = len(line.split())
    return 4 <= words <= 30 and not _is_sentence(line) and not _BARE_TIMESTAMP.match(line)


def _drop_headline_runs(lines: list[str]) -> list[str]:
    """Drop runs of 3+ headline-like lines after the article body has started (related news)."""
    keep = [True] * len(lines)
    i = next((k for k, ln in enumerate(lines) if len(ln.split()) >= 20 and _is_sentence(ln)), len(lines))
    while i < len(lines):
        j = i
        while j < len(lines) and _is_headline_like(lines[j]):
            j += 1
        if j - i >= 3:
            keep[i:j] = [False] * (j - i)
        i = max(j, i + 1)
    return [ln for ln, k in zip(lines, keep, strict=True) if k]


def _strip_boilerplate(lines: list[str], captions: list[str] | None = None) -> list[str]:
    out: list[str] = []
    body_started = False
    for line in lines:
        if body_started and (_END_MARKERS.match(line) or _BARE_TIMESTAMP.match(line)):
            break
        if _END_MARKERS.match(line) or _BREADCRUMB.match(line):
            continue
        if _BOILERPLATE.match(line) or _BARE_TIMESTAMP.match(line):
            continue
        if _is_caption(line, body_started):
            if captions is not None:
                captions.append(line)
            continue
        out.append(line)
        body_started = body_started or (len(line.split()) >= 20 and _is_sentence(line))
    return out


def clean_lines(raw: str) -> list[str]:
    """Repaired, boilerplate-free paragraphs (one per item)."""
    return clean_repaired_lines(repair_characters(raw))


def clean_repaired_lines(text: str, captions: list[str] | None = None) -> list[str]:
    """Boilerplate-free paragraphs of text whose characters are already repaired.

    Photo captions are dropped; when ``captions`` is given they are collected there.
    """
    lines = [" ".join(ln.split()) for ln in text.split("\n")]
    lines = [ln for ln in lines if ln]
    if lines:
        lines[0] = _LEADING_TIMESTAMP.sub("", lines[0])
    lines = _join_broken_lines(lines)
    lines = _strip_boilerplate(lines, captions)
    return _drop_headline_runs(lines)


def clean_text(raw: str) -> str:
    """Clean scraped article text: repair characters, drop boilerplate, captions, headline lists."""
    if looks_like_html(raw):
        raw = html_to_text(raw)[0]
    return "\n".join(clean_lines(raw))
