"""Themes, document numbers and reported figures."""

from __future__ import annotations

import re

from .lexicon import COUNT_UNITS, KNOWN_THEMES, NON_THEME_CUE, PERSON_UNITS, THEME_CUE, UNQUOTED_THEMES
from .vntext import fold

# --- themes ---------------------------------------------------------------------------------
_QUOTE = re.compile(r"“([^”\n]{2,220})”|\"([^\"\n]{2,220})\"|«([^»\n]{2,220})»|‘([^’\n]{2,120})’")
_KNOWN_FOLDED = {fold(t): t for t in KNOWN_THEMES}
_DOC_TITLE = re.compile(
    r"^(?:nghị quyết|luật|quyết định|kế hoạch|chỉ thị|báo cáo|đề án|kết luận|quy định|thông tư)",
    re.IGNORECASE,
)


def _theme_key(text: str) -> str:
    return " ".join(re.sub(r"[\"“”'‘’.,;:()\-–]", " ", text.casefold()).split())


def _is_known(quote: str) -> bool:
    folded = fold(quote).strip(" .,;:!")
    return folded in _KNOWN_FOLDED or any(k in folded for k in _KNOWN_FOLDED if len(k) > 14)


# A quotation of someone's words, not a slogan: 'ông A chia sẻ: "..."'.
_SPEECH_BEFORE = re.compile(
    r"(?:nói|cho biết|chia sẻ|bày tỏ|tâm sự|kể|cho rằng|phấn khởi|xúc động|khẳng định|nhấn mạnh|phát biểu|"
    r"trao đổi|nêu|hỏi|trả lời|kiến nghị|đề nghị|mong muốn)\s*:?\s*$",
    re.IGNORECASE,
)


def _accept_theme(quote: str, before: str) -> bool:
    words = quote.split()
    if not 1 <= len(words) <= 22 or NON_THEME_CUE.search(before):
        return False
    if _is_known(quote):
        return True
    if _SPEECH_BEFORE.search(before):
        return False
    if not quote[0].isupper() or _DOC_TITLE.match(quote) or re.search(r"[.!?]\s+\S", quote):
        return False
    if before.rstrip().endswith(":") and len(words) > 8:
        return False
    return bool(THEME_CUE.search(before)) or len(words) >= 3


def find_themes(text: str) -> list[str]:
    """Quoted slogans, year themes and movement names, plus unquoted well-known ones."""
    found: dict[str, str] = {}
    for m in _QUOTE.finditer(text):
        quote = next(g for g in m.groups() if g is not None).strip(" .,;:!…")
        if quote and _accept_theme(quote, text[max(0, m.start() - 60) : m.start()]):
            found.setdefault(_theme_key(quote), quote)
    for theme in UNQUOTED_THEMES:
        if re.search(r"(?<![^\W\d_])" + re.escape(theme) + r"(?![^\W\d_])", text):
            key = _theme_key(theme)
            if not any(key in k or k in key for k in found):
                found[key] = theme
    return list(found.values())


# --- documents ------------------------------------------------------------------------------
_DOC = re.compile(
    r"(?<![\w/])(\d{1,4})((?:\s*(?:,|và)\s*\d{1,4})*)\s*[-–]\s*([A-ZĐ][A-Za-zĐđ]{0,5}(?:-[A-ZĐ][A-Za-zĐđ]{0,6})?)"
    r"\s*/\s*([A-ZĐ][A-Za-zĐđ]{1,9}(?:-[A-ZĐ][A-Za-zĐđ]{1,9})?)(?![\w/])"
)
_GOV_DOC = re.compile(
    r"(?<![\w/])(\d{1,4})\s*/\s*((?:19|20)\d{2})\s*/\s*([A-ZĐ]{2,6}(?:\d{1,2}|(?:-[A-ZĐa-z]{2,10}\d{0,2})+))(?![\w/])"
)


# Party documents written the other way round: "Nghị quyết 25/NQ-TW" → "25-NQ/TW".
_SWAPPED_DOC = re.compile(
    r"(?<![\w/])(\d{1,4})\s*/\s*(NQ|QĐ|CT|KL|HD|HĐ|KH|TB|QC|QyĐ|BC|CV|ĐA)\s*-\s*"
    r"(TW|TU|TƯ|HU|ĐU|ĐUK|BCS|BTV|BDVTW|BDVTU|BDV|BCĐ|BTGTW|BTGDVTW|TGDVTW|MTTW|MTTQ)(?![\w/])"
)


# Local state documents: "Kế hoạch số 125/KH-UBND", "Quyết định 1234/QĐ-UBND" (kept as written).
_STATE_DOC = re.compile(
    r"(?<![\w/])(\d{1,5})\s*/\s*(QĐ|KH|CT|TB|HD|BC|CV|NQ|KL|ĐA|QC|CĐ)\s*-\s*"
    r"(UBND|HĐND|BCĐ|MTTQ|BTT|UBMTTQ|BDV|VP|SNV|BCH|HĐTĐKT|UBMT)(?![\w/])"
)
# Party documents of the mass-mobilisation system that articles name by number alone
# ("10 năm thực hiện Nghị quyết 25"): the number is read as the well-known document.
_KNOWN_DOCS: dict[tuple[str, str], str] = {
    ("nghị quyết", "25"): "25-NQ/TW",
    ("kết luận", "114"): "114-KL/TW",
    ("kết luận", "120"): "120-KL/TW",
    ("quyết định", "217"): "217-QĐ/TW",
    ("quyết định", "218"): "218-QĐ/TW",
}
_BARE_KNOWN_DOC = re.compile(
    r"(Nghị quyết|Kết luận|Quyết định)\s+(?:số\s+)?(\d{2,3})(?![\d\w/-]|[.,]\d)", re.IGNORECASE
)


def find_documents(text: str) -> list[str]:
    """Normalised document numbers: 'Nghị quyết số 25-NQ/TW' → '25-NQ/TW'."""
    docs: list[str] = []
    for m in _DOC.finditer(text):
        numbers = [m.group(1)] + re.findall(r"\d{1,4}", m.group(2) or "")
        docs += [f"{n}-{m.group(3)}/{m.group(4)}" for n in numbers]
    for m in _SWAPPED_DOC.finditer(text):
        docs.append(f"{m.group(1)}-{m.group(2)}/{m.group(3)}")
    for m in _GOV_DOC.finditer(text):
        docs.append(f"{m.group(1)}/{m.group(2)}/{m.group(3)}")
    for m in _STATE_DOC.finditer(text):
        docs.append(f"{m.group(1)}/{m.group(2)}-{m.group(3)}")
    cited = {d.split("-")[0] for d in docs}
    for m in _BARE_KNOWN_DOC.finditer(text):
        known = _KNOWN_DOCS.get((m.group(1).casefold(), m.group(2)))
        if known and m.group(2) not in cited:
            docs.append(known)
    return list(dict.fromkeys(docs))


# --- indicators -----------------------------------------------------------------------------
_NUMBER = r"(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?"
_PERCENT = re.compile(r"(?<![\d.,/-])" + _NUMBER + r"\s*%")
_UNITS_RE = "|".join(re.escape(u) for u in sorted(COUNT_UNITS, key=len, reverse=True))
_COUNT = re.compile(
    r"(?<![\d.,/\-–\w])"
    + _NUMBER
    + r"(?:/(?:\d{1,3}(?:\.\d{3})+|\d+))?(?:\s+(nghìn|ngàn|triệu))?\s+("
    + _UNITS_RE
    + r")(?![^\W\d_])"
)
# "27 tỷ 500 triệu đồng" → 27.5 tỷ đồng
_MONEY_PAIR = re.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d{3})*)\s+(?:tỷ|tỉ)\s+(\d{1,3})\s+triệu(?:\s+đồng)?")
# "nâng tổng số mô hình lên 2.076", "tổng số hội viên là 12.500"
_TOTAL = re.compile(
    r"tổng số\s+("
    + _UNITS_RE
    + r")(?![^\W\d_])[^\d.;:]{0,30}?\s(?:lên|là|đạt)\s+(?:hơn\s+|trên\s+|gần\s+)?"
    + _NUMBER
    + r"(?![\d%]|\s*(?:"
    + _UNITS_RE
    + r")(?![^\W\d_]))"
)
# Head-counts of an audience are not reported results ("với sự tham dự của hơn 200 đại biểu").
_AUDIENCE_BEFORE = re.compile(
    r"(?:(?:sự\s+)?(?:tham dự|tham gia|có mặt)\s+của|(?:kết nối|trực tuyến|truyền hình trực tiếp)\s+"
    r"(?:tới|đến|với)(?:\s+các)?|điểm cầu(?:\s+của)?|(?:đối thoại|gặp mặt|gặp gỡ|tọa đàm|trò chuyện)\s+với)"
    r"\s+(?:hơn|gần|khoảng|trên)?\s*$",
    re.IGNORECASE,
)
_NOT_COUNT_BEFORE = re.compile(
    r"(?:số|khóa|khoá|điều|khoản|nhiệm kỳ|giai đoạn|lần thứ|thứ|ngày|tháng|năm|"
    r"quý|tuần|kỳ|phiên|mục|chương|trang|tổ|xóm|đội|khu|ấp|thôn|bản|phường|quận)\s*$",
    re.IGNORECASE,
)
_SUBJECT_END = re.compile(r"[;.)(:\n]|\s(?:và|với|so với|đạt|tăng|giảm)\s+(?:\d|hơn|gần|trên)|,\s*\d|\s\d")


def _value(integer: str, decimal: str | None) -> float:
    number = float(integer.replace(".", ""))
    if decimal:
        number += float("0." + decimal)
    return round(number, 2)


def _subject(text: str, start: int) -> str:
    tail = text[start : start + 160]
    cut = _SUBJECT_END.search(tail)
    subject = (tail[: cut.start()] if cut else tail).strip(" ,")
    words = subject.split()
    return " ".join(words[:14])


def _percent_subject(text: str, m: re.Match[str]) -> str:
    after = _subject(text, m.end())
    if after and not re.match(
        r"(?:so với|trở lên|kế hoạch|chỉ tiêu|trên|trong|tổng số)", after, re.IGNORECASE
    ):
        return after
    clause = re.split(r"[,;.:()]", text[max(0, m.start() - 120) : m.start()])[-1]
    return " ".join(clause.split()[-12:])


def find_indicators(text: str) -> list[dict[str, object]]:
    """Reported figures: percentages and counts of countable things (Vietnamese decimal comma)."""
    found: list[dict[str, object]] = []
    seen: set[tuple[float, str]] = set()
    for m in _PERCENT.finditer(text):
        value = _value(m.group(1), m.group(2))
        if value <= 1000 and (value, "%") not in seen:
            seen.add((value, "%"))
            found.append({"value": value, "unit": "%", "subject": _percent_subject(text, m)})
    taken: list[tuple[int, int]] = []
    for m in _MONEY_PAIR.finditer(text):
        value = _value(m.group(1), None) + int(m.group(2)) / 1000
        taken.append(m.span())
        if (value, "tỷ đồng") not in seen:
            seen.add((value, "tỷ đồng"))
            found.append({"value": round(value, 3), "unit": "tỷ đồng", "subject": _subject(text, m.end())})
    for m in _TOTAL.finditer(text):
        value = _value(m.group(2), m.group(3))
        unit = "người" if m.group(1) in PERSON_UNITS else m.group(1)
        if (value, unit) not in seen:
            seen.add((value, unit))
            found.append(
                {"value": int(value) if value.is_integer() else value, "unit": unit, "subject": m.group(1)}
            )
    for m in _COUNT.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        before = text[max(0, m.start() - 40) : m.start()]
        if _NOT_COUNT_BEFORE.search(before[-12:]) or _AUDIENCE_BEFORE.search(before):
            continue
        multiplier = m.group(3)
        value = _value(m.group(1), m.group(2)) * (1000 if multiplier in ("nghìn", "ngàn") else 1)
        noun = m.group(4)
        unit = "người" if noun in PERSON_UNITS else noun
        if multiplier == "triệu":
            unit = "triệu " + noun
        if value < 1 or (value, unit) in seen:
            continue
        seen.add((value, unit))
        found.append(
            {
                "value": int(value) if value.is_integer() else value,
                "unit": unit,
                "subject": _subject(text, m.start(4)),
            }
        )
    return found
