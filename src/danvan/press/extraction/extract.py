"""Turn one Vietnamese press report on mass-mobilisation work into the SCHEMA.md event object."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from .clean import TIMESTAMP, clean_repaired_lines, html_to_text, looks_like_html, repair_characters
from .dates import LEAD_DATE, YEAR, DayMonth, find_event_day, parse_iso, parse_numeric_date, year_before
from .errors import ExtractionError
from .fields import find_documents, find_indicators, find_themes
from .gazetteer import commune_mentions, district_mentions, headline_place
from .lexicon import SURNAMES
from .people import PeopleFinder, chairs_in_sentence
from .provinces import ProvinceRef, find_mentions, is_province, lookup, outlet_from_domain, outlet_from_tag
from .vntext import spelling_in_source

# --- document structure ------------------------------------------------------------------------
_WEEKDAY_HEADER = re.compile(
    r"^\s*(?:thứ\s+\S+|chủ\s+nhật)\s*,?\s*(?:ngày\s+)?(\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4})\s*$",
    re.IGNORECASE,
)
_BARE_DATE_LINE = re.compile(r"^\s*\(?(?:ngày\s+)?(\d{1,2}[/.-]\d{1,2}[/.-]\d{4})\)?\s*$", re.IGNORECASE)
_PUBLISHED_LINE = re.compile(
    r"^\(?(?:ngày đăng|cập nhật(?: lúc| ngày)?|đăng lúc|đăng ngày|đăng|xuất bản|thời gian đăng|ngày cập nhật|"
    r"ngày xuất bản|thời gian)\s*:?\s*(" + TIMESTAMP + r")\)?\s*$",
    re.IGNORECASE,
)
_SITE_WORDS = re.compile(r"^(?:CÔNG AN|BÁO|CỔNG THÔNG TIN|ĐÀI|TẠP CHÍ|TRANG TIN|BAN DÂN VẬN)\b")
_TIMED = re.compile(r"\d{1,2}(?::|h)\d{2}")
_LEADING_STAMP = re.compile(r"^\s*(" + TIMESTAMP + r")\s*[-|]?\s*", re.IGNORECASE)
_TAG_BODY = (
    r"(?:[A-ZĐÐ][A-Za-zĐđÐ]{1,7}(?:-[A-Z]{1,3})?|[\w.-]+\.(?:vn|com|net|org)(?:\.vn)?|"
    r"(?:BÁO|Báo)(?:\s+[^\W\d_]+){1,4})"
)
_DATELINE = re.compile(
    r"^\s*(?:\((" + _TAG_BODY + r"|[^()\n]{2,30})\)\s*[-–—:]?|(" + _TAG_BODY + r")\s*[-–—:])\s*"
)
_DOMAIN = re.compile(r"(?<![\w.-])((?:[a-z0-9-]+\.)+(?:vn|com|net|org))(?![\w-])", re.IGNORECASE)
_OUTLET_LINE = re.compile(
    r"^(?:báo|cổng thông tin(?:\s+điện tử)?|trang thông tin(?:\s+điện tử)?|đài phát thanh(?:\s+và|\s+-)?"
    r"\s+truyền hình)\s+(?:điện tử\s+)?(?:(?:tỉnh|thành phố|tp\.?)\s+)?([^-–|:(]+?)(?:\s+điện tử)?\s*(?:[-–|:(].*)?$",
    re.IGNORECASE,
)
_AUTHOR_PREFIX = re.compile(
    r"^(?:tin(?:,| và)? ảnh|bài(?:,| và)? ảnh|bài|tin|nhóm pv|pv|ảnh|theo|tác giả|thực hiện|nhóm phóng viên|"
    r"phóng viên|bài và ảnh|tin và ảnh)\s*:?\s*",
    re.IGNORECASE,
)
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?…])\s+(?=[\"“(]?[\w\d])")


@dataclass
class Article:
    """The parts of an article that the field rules look at."""

    title: str | None = None
    lead: str = ""
    body: list[str] = field(default_factory=list)
    author: str | None = None
    source: str | None = None
    published: date | None = None
    render_date: date | None = None
    site_header: str | None = None
    outlet_province: ProvinceRef | None = None
    top_lines: list[str] = field(default_factory=list)
    source_text: str = ""
    captions: list[str] = field(default_factory=list)
    header_province: ProvinceRef | None = None

    @property
    def text(self) -> str:
        return "\n".join(self.body)

    @property
    def head(self) -> str:
        return ((self.title or "") + "\n" + self.lead).strip()


def _read_top(lines: list[str], art: Article) -> list[str]:
    """Take page-header dates off the first lines; return the rest."""
    rest: list[str] = []
    for i, line in enumerate(lines):
        if i < 4 and (m := _WEEKDAY_HEADER.match(line)):
            art.render_date = art.render_date or parse_numeric_date(m.group(1))
            continue
        if i < 5 and (m := _PUBLISHED_LINE.match(line) or _BARE_DATE_LINE.match(line)):
            art.published = art.published or parse_numeric_date(m.group(1))
            continue
        if i < 4 and (m := _LEADING_STAMP.match(line)) and _TIMED.search(m.group(1)):
            art.published = art.published or parse_numeric_date(m.group(1))
            line = line[m.end() :]
            if not line.strip():
                continue
        rest.append(line)
    return rest


def _is_sentence(line: str) -> bool:
    return bool(re.search(r"[.!?…:;\"”)]\s*$", line)) or len(line.split()) > 35


def _is_heading_end(line: str) -> bool:
    return bool(re.search(r"[.!?…:;]\s*$", line)) or len(line.split()) > 35


def _split_head(lines: list[str], art: Article) -> list[str]:
    """Recognise a site header and a title among the short lines before the lead."""
    idx = 0
    heads: list[str] = []
    while idx < min(len(lines) - 1, 5) and not _is_heading_end(lines[idx]):
        heads.append(lines[idx])
        idx += 1
    candidates: list[str] = []
    for pos, line in enumerate(heads):
        is_last = pos == len(heads) - 1
        site_like = line.isupper() and len(line.split()) <= 6 and (not is_last or _SITE_WORDS.match(line))
        if site_like and art.site_header is None:
            art.site_header = line
        elif _looks_like_byline(line):
            art.author = art.author or _AUTHOR_PREFIX.sub("", line).strip(" .()")
        elif len(line.split()) >= 3:
            candidates.append(line)
            continue
        art.top_lines.append(line)
    if candidates:
        # the title is the longest heading; a short one after it is a section name or a byline
        art.title = max(reversed(candidates), key=lambda ln: min(len(ln.split()), 8))
        art.top_lines += [c for c in candidates if c is not art.title]
    return lines[idx:]


def _looks_like_byline(line: str) -> bool:
    """'Nguyễn Văn Hải', 'Bài, ảnh: Thu Hằng', 'MINH HIỀN – THU HƯƠNG' above the lead."""
    if _AUTHOR_PREFIX.match(line) and re.match(r"^[^:]{0,20}:", line):
        return True
    words = line.replace("–", " ").replace("-", " ").split()
    return (
        2 <= len(words) <= 4
        and all(w[:1].isupper() for w in words)
        and (words[0] in SURNAMES or words[0].capitalize() in SURNAMES)
        and next(iter(find_mentions(line.title())), None) is None
    )


def _read_site_lines(art: Article) -> None:
    """Outlet and province from the page furniture above the title (site name, domain, section)."""
    for line in art.top_lines:
        for m in _DOMAIN.finditer(line):
            hit = outlet_from_domain(m.group(1))
            if hit:
                art.source = art.source or hit[0]
                art.outlet_province = art.outlet_province or hit[1]
        if m2 := _OUTLET_LINE.match(line):
            ref = _resolve_prefix(m2.group(1).strip().title())
            if ref:
                art.source = art.source or "Báo " + ref.historical_name
                art.outlet_province = art.outlet_province or ref
        identifies_site = len(line.split()) <= 6 or _OUTLET_LINE.match(line) or _DOMAIN.search(line)
        if art.header_province is None and identifies_site:
            found = next(iter(find_mentions(line if not line.isupper() else line.title())), None)
            art.header_province = found[1] if found else None


def _take_author(lines: list[str], art: Article) -> list[str]:
    while lines:
        last = lines[-1].strip()
        words = last.split()
        if re.match(r"^\(?(?:theo|nguồn)\s*:?\s*", last, re.IGNORECASE) and len(words) <= 8:
            credited = re.sub(r"^\(?(?:theo|nguồn)\s*:?\s*|\)$", "", last, flags=re.I).strip()
            # "Nguồn: baoyenbai.com.vn", "Theo https://langson.gov.vn/…": the publishing portal's province
            hit = outlet_from_domain(credited) if _DOMAIN.search(credited) else None
            if hit:
                art.outlet_province = art.outlet_province or hit[1]
            art.source = art.source or credited
            lines = lines[:-1]
            continue
        # "Lò Thị Hương (Trung tâm TT-VH-TT huyện)", "Tác giả: Hải Yến - Trung tâm Thông tin tỉnh"
        core = re.sub(r"\s*\([^()]{2,60}\)\s*$", "", last) or last
        if _AUTHOR_PREFIX.match(core):
            core = re.split(r"\s+[-–—]\s+", core)[0]
        words = core.split()
        if (
            1 <= len(words) <= 6
            and not _is_sentence(core.rstrip("."))
            or (len(words) <= 6 and _AUTHOR_PREFIX.match(core))
        ):
            art.author = _AUTHOR_PREFIX.sub("", core).strip(" .()") or None
            lines = lines[:-1]
        break
    return lines


def _place_dateline(lead: str) -> tuple[ProvinceRef, int] | None:
    """'ĐẮK LẮK - Ngày 12/6, ...' / 'BÀ RỊA - VŨNG TÀU - ...': the place in capitals and where the lead starts."""
    parts = list(re.finditer(r"\s+[-–—]\s+", lead[:60]))
    for sep in parts[:2]:
        place = lead[: sep.start()].strip()
        if place.isupper() and 2 <= len(place) <= 30 and (ref := lookup(place.title())):
            return ref, sep.end()
    return None


def _take_dateline(art: Article) -> None:
    # national outlets open with the place in capitals
    if place := _place_dateline(art.lead):
        art.header_province = art.header_province or place[0]
        art.lead = art.lead[place[1] :]
        art.body[0] = art.lead
        return
    m = _DATELINE.match(art.lead)
    if not m:
        return
    tag = (m.group(1) or m.group(2)).strip()
    hit = outlet_from_tag(tag) or (outlet_from_domain(tag) if "." in tag else None)
    if hit is None and re.match(r"(?:BÁO|Báo)\s", tag):
        ref = _resolve_prefix(tag[4:].strip().title())
        hit = ("Báo " + ref.historical_name, ref) if ref else None
    if hit is None and not (tag.isupper() or "." in tag or m.group(1)):
        return
    if hit:
        art.source = art.source or hit[0]
        art.outlet_province = art.outlet_province or hit[1]
    art.lead = art.lead[m.end() :]
    art.body[0] = art.lead


def _apply_hint(art: Article, hint: str | None, meta: dict[str, Any]) -> None:
    for candidate in (hint, meta.get("url"), meta.get("sitename")):
        if not candidate:
            continue
        hit = outlet_from_domain(candidate) or outlet_from_tag(candidate)
        if hit:
            art.source = art.source or hit[0]
            art.outlet_province = art.outlet_province or hit[1]
            return
        ref = lookup(re.sub(r"^(?:báo|cổng thông tin điện tử( tỉnh)?|công an)\s+", "", candidate, flags=re.I))
        if ref:
            art.outlet_province = art.outlet_province or ref
    art.source = art.source or hint or meta.get("sitename")


def parse_article(raw: str, source_hint: str | None = None) -> Article:
    """Split raw text or HTML into title, lead, body, author and metadata."""
    meta: dict[str, Any] = {}
    if looks_like_html(raw):
        raw, meta = html_to_text(raw)
    art = Article(published=parse_iso(meta.get("date")))
    repaired = repair_characters(raw)
    art.source_text = unicodedata.normalize("NFC", raw)
    lines = _read_top([ln.strip() for ln in repaired.split("\n") if ln.strip()], art)
    lines = clean_repaired_lines("\n".join(lines), art.captions)
    lines = _take_author(_split_head(lines, art), art)
    art.title = meta.get("title") or art.title
    art.author = art.author or meta.get("author")
    art.body = lines
    art.lead = lines[0] if lines else ""
    if lines:
        _take_dateline(art)
    _read_site_lines(art)
    _apply_hint(art, source_hint, meta)
    if art.site_header and not art.source:
        art.source = " ".join(
            w.capitalize() if i == 0 else w for i, w in enumerate(art.site_header.lower().split())
        )
    return art


# --- event fields --------------------------------------------------------------------------
_REVIEW = re.compile(r"(?<![^\W\d_])(tổng kết|sơ kết)(?![^\W\d_])", re.IGNORECASE)
_N_YEARS = re.compile(
    r"(?<![^\W\d_])(\d{1,2}|mười|năm|hai mươi|ba mươi)\s+năm\s+(?:thực hiện|triển khai|thi hành)",
    re.IGNORECASE,
)


def event_para(art: Article) -> str:
    """The paragraph that reports the event: the lead, or the dated paragraph after a summary lead."""
    if LEAD_DATE.match(art.lead.strip()) or not art.body:
        return art.lead
    for para in art.body[1:3]:
        if LEAD_DATE.match(para.strip()):
            return para
    return art.lead


def event_type(art: Article) -> str:
    head = art.head
    para = event_para(art)
    m = _REVIEW.search(art.title or "") or _REVIEW.search(para[:400]) or _REVIEW.search(art.lead[:400])
    if m:
        return "tong_ket" if m.group(1).lower() == "tổng kết" else "so_ket"
    if _N_YEARS.search(head) or _N_YEARS.search(para):
        return "tong_ket"
    return "other"


def _lead_after_date(lead: str) -> str:
    m = LEAD_DATE.match(lead.strip())
    if m:
        rest = lead.strip()[m.end() :]
        return re.sub(r"^\s*\)?\s*,?\s*", "", rest)
    return lead


_ORG_START = re.compile(
    r"((?:Ban|Ủy ban|UBND|HĐND|Thường trực|Ban Thường vụ|Tỉnh ủy|Thành ủy|Huyện ủy|Thị ủy|Quận ủy|Đảng ủy|Hội|"
    r"Mặt trận|MTTQ|Bộ|Sở|Trung ương|Liên đoàn|Đoàn|Công an|Bộ Chỉ huy|Văn phòng|Trường|Báo|Cơ quan|Chi bộ|"
    r"Khối|Cụm|Tổng)\b[^,;.]*?)\s+(?:đã\s+|vừa\s+|long trọng\s+|chính thức\s+)?(?:phối hợp[^,;.]*?\s+)?tổ\s+chức",
)


def organizer(art: Article) -> str | None:
    lead = event_para(art)
    m = re.search(r"\bdo\s+([^,;.]+?)\s+(?:tổ chức|chủ trì tổ chức)", lead)
    if m:
        return _trim_org(m.group(1))
    m = _ORG_START.search(_lead_after_date(lead)[:300])
    if m:
        return _trim_org(m.group(1))
    return None


def _trim_org(text: str) -> str:
    text = re.split(r"\s+(?:phối hợp|cùng|và\s+(?:UBND|Ủy ban|Ban|Hội))\b", text)[0]
    text = re.sub(r"^(?:tại [^,]*,\s*)", "", text)
    return " ".join(text.split()).strip(" ,")


_NATIONAL = re.compile(
    r"toàn quốc|Trung ương(?!\s+Đảng)|Chính phủ|Quốc hội|Bộ Chính trị|Ban Bí thư|"
    r"Ủy ban Trung ương|(?<![^\W\d_])Bộ\s+[A-ZĐ]"
)
_LOCAL = re.compile(
    r"(?<![^\W\d_])(?:Huyện ủy|Thị ủy|Quận ủy|huyện|Huyện|thị xã|Thị xã|quận|Quận|xã|Xã|phường|"
    r"Phường|thị trấn|Thị trấn|Đảng ủy xã|Đảng ủy phường|thôn|ấp|bản|khu phố|tổ dân phố)(?![^\W\d_])"
)
_PROVINCIAL = re.compile(
    r"(?<![^\W\d_])(?:Tỉnh ủy|tỉnh|Tỉnh|Thành ủy|thành phố|Thành phố|UBND tỉnh|HĐND tỉnh)"
    r"(?![^\W\d_])"
)


def _city_scope(text: str) -> str | None:
    m = re.search(r"(?:Thành ủy|[Tt]hành phố|TP\.?)\s+([A-ZĐ][^\s,.;]*(?:\s+[A-ZĐ][^\s,.;]*){0,2})", text)
    if not m:
        return "provincial" if re.search(r"Thành ủy", text) else None
    words = m.group(1).split()
    for n in range(len(words), 0, -1):
        if is_province(" ".join(words[:n])):
            return "provincial"
    return "local"


def scope(art: Article, org: str | None) -> str | None:
    head = art.head
    if re.search(r"toàn quốc", head, re.IGNORECASE) or (org and _NATIONAL.search(org)):
        return "national"
    for text in [org] if org else []:
        if _LOCAL.search(text):
            return "local"
        if re.search(r"Thành ủy|[Tt]hành phố|TP", text):
            return _city_scope(text)
        if _PROVINCIAL.search(text):
            return "provincial"
    subject = re.sub(r"(?<![^\W\d_])tại\s+[^,.;]*", "", _lead_after_date(art.lead))
    hits = [
        (m.start(), kind)
        for kind, rx in (("national", _NATIONAL), ("local", _LOCAL), ("provincial", _PROVINCIAL))
        for m in rx.finditer(subject)
    ]
    if hits:
        kind = min(hits)[1]
        if kind == "provincial" and re.search(r"Thành ủy|[Tt]hành phố", subject):
            return _city_scope(subject) or kind
        return kind
    return "provincial"


def online(art: Article) -> bool:
    text = art.head + "\n" + "\n".join(art.body[1:3])
    return bool(_ONLINE.search(text))


# "trực tuyến" of the meeting itself, not of online public services ("dịch vụ công trực tuyến").
_ONLINE = re.compile(
    r"(?:hội nghị|họp|phiên|hình thức|kết hợp|kết nối|tổ chức|hội thảo|tọa đàm|lễ|chương trình)\s+(?:[^\s.;,]+\s+){0,3}?"
    r"trực tuyến|trực tuyến\s+(?:toàn quốc|đến|tới|với|từ|toàn tỉnh|toàn thành phố)|điểm cầu|"
    r"truyền hình trực tiếp|hình thức trực tiếp kết hợp",
    re.IGNORECASE,
)


# --- period and date -------------------------------------------------------------------------
_NEXT_TASKS = re.compile(
    r"(?:nhiệm vụ|phương hướng|kế hoạch|chương trình công tác|mục tiêu)\s*[^.;]{0,40}?$", re.IGNORECASE
)


@dataclass(frozen=True)
class Period:
    """The reviewed period."""

    year: int | None
    half: int | None
    year_is_next: bool = False
    n_years: bool = False


def _half(segment: str) -> tuple[int | None, bool]:
    if re.search(r"6\s+tháng\s+đầu\s+năm|sáu\s+tháng\s+đầu\s+năm", segment, re.IGNORECASE):
        return 1, True
    if re.search(r"6\s+tháng\s+cuối\s+năm|sáu\s+tháng\s+cuối\s+năm", segment, re.IGNORECASE):
        return 2, True
    return None, bool(re.search(r"\d+\s+tháng|quý", segment, re.IGNORECASE))


def period(art: Article, ev_type: str) -> Period:
    head = ((art.title or "") + "\n" + event_para(art)).strip()
    if ev_type == "other":
        # a briefing (giao ban) still reviews a period: "giao ban công tác dân vận quý III/2022"
        brief = re.search(
            r"giao ban[^.;\n]{0,60}?(?:quý|tháng|năm)[^.;\n]{0,12}?((?:19|20)\d{2})", head, re.I
        )
        return Period(int(brief.group(1)), None) if brief else Period(None, None)
    m = _REVIEW.search(head) or _N_YEARS.search(head)
    start = m.end() if m else 0
    segment = re.split(
        r"[,;.]|\s(?:và\s+)?(?:triển khai|phương hướng|đề ra|nhiệm vụ)\s", head[start:], maxsplit=1
    )[0]
    half, partial = _half(segment)
    if half is None:
        for other in list(_REVIEW.finditer(head))[1:]:
            alt = re.split(
                r"[,;.]|\s(?:và\s+)?(?:triển khai|phương hướng|đề ra|nhiệm vụ)\s",
                head[other.end() :],
                maxsplit=1,
            )[0]
            if _half(alt)[0] is not None:
                start, segment = other.end(), alt
                half, partial = _half(alt)
                break
    span = re.search(r"(?:giai đoạn|nhiệm kỳ)?\s*((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})", segment)
    if span and int(span.group(2)) > int(span.group(1)):
        return Period(int(span.group(2)), None, n_years=True)
    if _N_YEARS.search(head[max(0, start - 30) : start + 60]):
        rng = re.search(r"((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})", head[start : start + 400])
        return Period(int(rng.group(2)) if rng else None, None, n_years=True)
    y = YEAR.search(segment)
    if y:
        return Period(int(y.group(1)), half)
    for ym in YEAR.finditer(head[start:]):
        before = head[start : start + ym.start()]
        year = int(ym.group(1))
        if partial or half:
            return Period(year, half)
        if _NEXT_TASKS.search(before):
            return Period(year - 1, half, year_is_next=True)
        return Period(year, half)
    return Period(None, half)


def _most_common_year(text: str) -> int | None:
    counts: dict[int, int] = defaultdict(int)
    for m in YEAR.finditer(text):
        counts[int(m.group(1))] += 1
    return max(counts, key=lambda y: (counts[y], y)) if counts else None


def _year_from_period(day: DayMonth, per: Period, ev_type: str) -> int | None:
    if per.year is None:
        return None
    if per.half == 1:
        return per.year
    if per.n_years:
        return per.year
    if per.half == 2 or (ev_type == "tong_ket" and per.half is None):
        return per.year if day.month >= 9 else per.year + 1
    return per.year


_RELATIVE_DAY = re.compile(
    r"^(?:(?:sáng|chiều|tối|trưa|đêm)\s+(nay|qua|hôm nay|hôm qua)|(hôm nay|hôm qua))(?![^\W\d_])",
    re.IGNORECASE,
)


def _relative_day(art: Article) -> date | None:
    """'Sáng nay, ...' / 'Hôm qua, ...' without a number: the day relative to the article's date."""
    m = _RELATIVE_DAY.match(event_para(art).strip())
    if not m or art.published is None:
        return None
    word = (m.group(1) or m.group(2)).lower()
    return art.published - timedelta(days=1) if word.endswith("qua") else art.published


def event_date(art: Article, per: Period, ev_type: str) -> date | None:
    day = find_event_day(art.head) or find_event_day("\n".join(art.body[1:3]))
    if day is None:
        return _relative_day(art)
    year = day.year
    if year is None and art.published:
        year = year_before(art.published, day.day, day.month)
    if year is None:
        year = _year_from_period(day, per, ev_type)
    if year is None and art.render_date:
        year = year_before(art.render_date, day.day, day.month)
    if year is None:
        year = _most_common_year(art.head) or _most_common_year(art.text)
    if year is None:
        return None
    try:
        return date(year, day.month, day.day)
    except ValueError:
        return None


def published_date(art: Article, ev_date: date | None) -> date | None:
    if art.published:
        return art.published
    if art.render_date and ev_date and 0 <= (art.render_date - ev_date).days <= 45:
        return art.render_date
    return None


# --- province ------------------------------------------------------------------------------
_BRIDGE = re.compile(
    r"điểm cầu\s+(?:chính\s+)?(?:của\s+)?(?:(?:tỉnh|thành phố|TP\.?)\s+)?"
    r"([A-ZĐ][^\s,.;()]*(?:\s+[A-ZĐ–-][^\s,.;()]*){0,4})"
)
_ORG_PLACE = re.compile(
    r"(?:Tỉnh ủy|Thành ủy|UBND tỉnh|HĐND tỉnh|MTTQ Việt Nam tỉnh|MTTQ tỉnh|tỉnh|Tỉnh|"
    r"thành phố|Thành phố|TP\.?)\s+([A-ZĐ][^\s,.;()]*(?:\s+[A-ZĐ–-][^\s,.;()]*){0,4})"
)


_VENUE = re.compile(
    r"(?<![^\W\d_])tại\s+(?:(?:tỉnh|thành phố|TP\.?|Thủ đô)\s+)?([A-ZĐ][^\s,.;()]*(?:\s+[A-ZĐ–-][^\s,.;()]*){0,4})"
)


def _resolve_prefix(words: str) -> ProvinceRef | None:
    parts = words.split()
    for n in range(len(parts), 0, -1):
        ref = lookup(" ".join(parts[:n]))
        if ref:
            return ref
    return None


def province(art: Article) -> ProvinceRef | None:
    scores: dict[int, float] = defaultdict(float)
    names: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))

    def vote(ref: ProvinceRef | None, weight: float) -> None:
        if ref:
            scores[ref.code] += weight
            names[ref.code][ref.historical_name] += weight

    text = art.text
    for m in _BRIDGE.finditer(text):
        vote(_resolve_prefix(m.group(1)), 10)
    vote(art.outlet_province, 8)
    vote(art.header_province, 6)
    if venue := _VENUE.search(_lead_after_date(event_para(art))[:200]):
        vote(_resolve_prefix(venue.group(1)), 5)
    for ref in (lookup(w) for w in re.findall(r"[A-ZĐ][^\s]*(?:\s+[A-ZĐ][^\s]*)*", art.site_header or "")):
        vote(ref, 6)
    if art.site_header:
        for _, ref in find_mentions(art.site_header.title()):
            vote(ref, 6)
    for m in _ORG_PLACE.finditer(art.head + "\n" + text):
        vote(_resolve_prefix(m.group(1)), 2)
    for _, ref in find_mentions(art.title or ""):
        vote(ref, 3)
    for _, ref in find_mentions(text):
        vote(ref, 1)
    # below the province: districts and communes, old and new, whose name belongs to one province only
    vote(headline_place(art.title or ""), 3)
    for ref in district_mentions(art.head + "\n" + text):
        vote(ref, 1.5)
    for ref in commune_mentions(art.head + "\n" + text):
        vote(ref, 1)
    if not scores:
        # last resort: the page furniture around the article (a local site's other headlines
        # name its own province: "Hải Phòng: Phấn đấu 100% xã ...")
        for _, ref in find_mentions(art.source_text):
            vote(ref, 1)
    if not scores:
        return None
    code = max(scores, key=lambda c: scores[c])
    hist = max(names[code], key=lambda n: names[code][n])
    return ProvinceRef(code, hist)


# --- assembly ------------------------------------------------------------------------------
def _people(art: Article) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    finder = PeopleFinder()
    sentences: list[tuple[int, str]] = []
    offset = 0
    chunks = ([art.title] if art.title else []) + art.body + art.captions
    for para in chunks:
        for sent in _SENTENCE_SPLIT.split(para):
            sentences.append((offset, sent))
            offset += len(sent) + 1
    for idx, (_, sent) in enumerate(sentences):
        finder.scan(sent, idx)
    exclude = {art.author.casefold()} if art.author else set()
    people = finder.result(exclude)
    chair_keys: list[str] = []
    for idx, (_, sent) in enumerate(sentences):
        if "chủ trì" in sent.lower():
            local = [m for m in finder.mentions if m.sentence == idx]
            named = chairs_in_sentence(sent, local, 0)
            chair_keys += named or _chair_by_title(sent, people)
    by_key = {p.name: p for p in people}
    chairs = [by_key[k].as_dict() for k in dict.fromkeys(chair_keys) if k in by_key]
    people_out = [p.as_dict() for p in people]
    if art.source_text:  # keep the source's tone placement in names ("Thuỷ" stays "Thuỷ")
        for person in people_out + chairs:
            person["name"] = spelling_in_source(str(person["name"]), art.source_text)
    return people_out, chairs


_TITLE_CHAIR = re.compile(
    r"(?:[Đđ]ồng chí|[Ôô]ng|[Bb]à)\s+((?:Phó\s+)?(?:Bí thư|Chủ tịch|Trưởng [Bb]an|Giám đốc|Chủ nhiệm|Trưởng)"
    r"[^,.;:()]{0,60}?)\s+(?:làm\s+)?chủ trì"
)


def _chair_by_title(sentence: str, people: list[Any]) -> list[str]:
    """ "Đồng chí Bí thư Huyện ủy chủ trì": the one person the article names with that title.

    A person matches when one of their titles starts with the title the sentence gives ("Bí thư Huyện ủy"
    → "Bí thư Huyện ủy Mường Lát"; "Phó Bí thư …" never matches "Bí thư"). None when no one or several do."""
    out: list[str] = []
    for m in _TITLE_CHAIR.finditer(sentence):
        title = " ".join(m.group(1).split()).casefold()
        matches = [
            p.name for p in people if any(" ".join(t.split()).casefold().startswith(title) for t in p.titles)
        ]
        if len(matches) == 1:
            out.append(matches[0])
    return out


def _check_input(text: object) -> str:
    if isinstance(text, bytes):
        from .clean import decode_bytes

        text = decode_bytes(text)
    if not isinstance(text, str):
        raise ExtractionError("Đầu vào phải là văn bản (chuỗi ký tự).")
    if not text.strip():
        raise ExtractionError("Văn bản trống, không có nội dung để trích xuất.")
    control = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\t\n\r\f") or ch == "\ufffd")
    if control > max(3, len(text) * 0.05):
        raise ExtractionError("Dữ liệu nhị phân hoặc hỏng, không phải văn bản tiếng Việt.")
    return text


def extract(text: str, *, source_hint: str | None = None) -> dict[str, Any]:
    """Extract the press event (SCHEMA.md) from one article's plain text or HTML."""
    art = parse_article(_check_input(text), source_hint)
    ev_type = event_type(art)
    org = organizer(art)
    per = period(art, ev_type)
    ev_date = event_date(art, per, ev_type)
    if per.year is None and ev_type != "other" and ev_date is not None:
        shift = ev_type == "tong_ket" and ev_date.month <= 3 and per.half is None and not per.n_years
        per = Period(ev_date.year - (1 if shift else 0), per.half, n_years=per.n_years)
    prov = province(art)
    people, chairs = _people(art)
    body = art.head + "\n" + "\n".join(art.body[1:])
    pub = published_date(art, ev_date)
    return {
        "title": art.title,
        "published_date": pub.isoformat() if pub else None,
        "source": art.source,
        "author": art.author,
        "event": {
            "type": ev_type,
            "date": ev_date.isoformat() if ev_date else None,
            "scope": scope(art, org),
            "online": online(art),
            "organizer": org,
            "period": {"year": per.year, "half": per.half},
            "province": {"code": prov.code, "historical_name": prov.historical_name} if prov else None,
        },
        "chairs": chairs,
        "people": people,
        "themes": find_themes(body),
        "documents": find_documents(body),
        "indicators": find_indicators("\n".join(art.body)),
    }
