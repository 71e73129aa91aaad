"""Identity detection in free text (Luật Tố cáo 2018, art. 47: anything that could reveal a denunciator).

`find(text, identity)` returns the spans of `text` that could reveal the person whose declared identity
(name, phone, e-mail, address, ID number) is given, and `redact()` blanks them with `MASK`. It finds:

- the declared values in other spellings: without diacritics, in another case, with other spacing
  ("NGUYEN THI XUAN", "NguyễnThịXuân"), the name without its family name ("Thị Xuân"), the given name
  after a form of address or written with a capital ("chị Xuân");
- phone numbers with separators or +84 ("0999.247.230", "+84 999 247 230"), any 9- to 12-digit number
  (CMND 9 digits, CCCD 12 digits, phones 10 or 11 digits) unless it is an amount of money, and the
  declared phone or ID number written with any separators;
- e-mail addresses;
- fragments of the declared address (each part between commas that is more than the name of a commune,
  district or province, and the street without its house number), and house numbers ("số nhà 12");
- with `names=True`, person names found by underthesea's named-entity recogniser (offline, loaded on
  first use: only the analysis process calls it, never a web worker), except names in `keep` (the
  accused).

The labelled set `tests/data/identity_cases.jsonl` (written by the project) measures it: see
`measure()` and `danvan petitions identity-eval`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

MASK = "[đã che]"

HONORIFICS = frozenset(
    "ong ba anh chi em co chu bac di thim mo cau ban chau con vo chong me bo cha ong/ba".split()
)
_ADMIN_WORDS = ("xa", "phuong", "thi tran", "huyen", "quan", "tinh", "thanh pho", "tp", "thi xa", "dac khu")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# 9 to 12 digits, possibly grouped with spaces, dots or dashes, optionally after +84 / 84 (phones).
_NUMBER = re.compile(r"(?<![\w/.,])(?:\(?\+\s?84\)?[\s.\-]?)?\d(?:[\s.\-]?\d){8,11}(?![\w/]|[.,]\d)")
_MONEY_AFTER = re.compile(r"^\s*(?:đ\b|đồng|vnđ|vnd|dong\b|triệu|tỷ|nghìn|ngàn|usd)", re.IGNORECASE)
# An ID number announced as such, whatever its length ("số CCCD 0380 9500 1234", "CMND số 12345678").
_ID_ANNOUNCED = re.compile(
    r"(?:cmnd|cccd|cmt|căn cước(?: công dân)?|chứng minh(?: nhân dân| thư)?|định danh(?: cá nhân)?|hộ chiếu)"
    r"(?:\s*(?:số|là|:|#))*\s*([A-Z]?\d(?:[\s.\-]?\d){5,13})",
    re.IGNORECASE,
)
_HOUSE = re.compile(
    r"(?:số nhà|nhà số|so nha|nha so)\s*\d+[a-z]?(?:/\d+)*(?:\s+(?:ngõ|ngách|hẻm|kiệt|đường|phố|ngo|ngach|hem|duong|pho)"
    r"\s+[\wÀ-ỹ]+(?:\s+[A-ZÀ-Ỹ\d][\wÀ-ỹ]*)*)?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # name, phone, id_number, email, address, person


def _fold_char(ch: str) -> str:
    if ch in "đĐ":
        return "d"
    decomposed = unicodedata.normalize("NFD", ch)
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn").casefold()


def fold_token(text: str) -> str:
    return "".join(_fold_char(ch) for ch in text)


def _fold_same_length(text: str) -> str:
    """fold_token() keeping one character per character, so positions stay valid."""
    return "".join((_fold_char(ch) or ch)[:1] for ch in text)


@dataclass(frozen=True)
class _Word:
    folded: str
    start: int
    end: int
    capital: bool


def _words(text: str) -> list[_Word]:
    return [
        _Word(fold_token(m.group()), m.start(), m.end(), m.group()[:1].isupper())
        for m in _WORD.finditer(text)
    ]


def _tokens(value: str) -> list[str]:
    return [fold_token(m.group()) for m in _WORD.finditer(value)]


def _match_sequence(words: Sequence[_Word], target: Sequence[str], kind: str) -> list[Span]:
    """Runs of consecutive words whose concatenation equals the target's (spacing ignored)."""
    goal = "".join(target)
    if len(goal) < 3:
        return []
    spans = []
    for i, first in enumerate(words):
        if not goal.startswith(first.folded):
            continue
        joined = ""
        for j in range(i, len(words)):
            joined += words[j].folded
            if joined == goal:
                spans.append(Span(first.start, words[j].end, kind))
                break
            if not goal.startswith(joined):
                break
    return spans


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def _name_spans(text: str, words: Sequence[_Word], name: str) -> list[Span]:
    tokens = _tokens(name)
    if not tokens:
        return []
    spans = _match_sequence(words, tokens, "name")
    if len(tokens) >= 3:  # "Thị Xuân", "Văn Bình": the name without the family name, its last two parts
        spans += _match_sequence(words, tokens[1:], "name")
        spans += _match_sequence(words, tokens[-2:], "name")
    given = tokens[-1]
    if len(given) >= 2:
        for i, word in enumerate(words):
            if word.folded != given:
                continue
            after_honorific = (
                i > 0 and words[i - 1].folded in HONORIFICS and words[i - 1].end >= word.start - 2
            )
            if after_honorific or word.capital:
                start = words[i - 1].start if after_honorific else word.start
                spans.append(Span(start, word.end, "name"))
    # Initials: "N.T.X", "NTX" for a name of three or more parts.
    if len(tokens) >= 3:
        initials = "".join(t[0] for t in tokens)
        pattern = r"(?<!\w)" + r"\.?\s?".join(re.escape(c) for c in initials) + r"\.?(?!\w)"
        spans += [Span(m.start(), m.end(), "name") for m in re.finditer(pattern, _fold_same_length(text))]
    return spans


_STREET_WORDS = frozenset({"duong", "pho", "ngo", "ngach", "hem", "kiet"})


def _address_spans(text: str, words: Sequence[_Word], address: str) -> list[Span]:
    spans = []
    for part in re.split(r"[,;\n]", address):
        tokens = _tokens(part)
        if not tokens:
            continue
        folded = " ".join(tokens)
        if any(folded.startswith(w + " ") or folded == w for w in _ADMIN_WORDS):
            continue  # a commune, district or province name is the place of the matter, not the person
        if len(tokens) >= 2 or (tokens and len(tokens[0]) >= 4 and not tokens[0].isdigit()):
            spans += _match_sequence(words, tokens, "address")
        # "Số 9 ngõ Bí Mật" → also "ngõ Bí Mật"
        rest = tokens
        while rest and (rest[0] in {"so", "nha", "can", "ho"} or rest[0][:1].isdigit()):
            rest = rest[1:]
        if len(rest) >= 2 and rest != tokens:
            spans += _match_sequence(words, rest, "address")
        # "đường Bắc Sơn" → also "Bắc Sơn", with the house number written before it ("45 Bắc Sơn")
        if len(rest) >= 3 and rest[0] in _STREET_WORDS:
            for span in _match_sequence(words, rest[1:], "address"):
                before = re.search(r"\d+[a-zA-Z]?(?:/\d+)*\s*$", text[: span.start])
                spans.append(Span(before.start() if before else span.start, span.end, "address"))
    return spans


def _number_spans(text: str, identity: Mapping[str, str]) -> list[Span]:
    spans = []
    for m in _NUMBER.finditer(text):
        digits = _digits(m.group())
        if _MONEY_AFTER.match(text[m.end() : m.end() + 8]):
            continue
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", m.group().strip()) and len(digits) >= 9 and "." in m.group():
            # "150.000.000" grouped by thousands is an amount even without a currency word
            if not digits.startswith("0"):
                continue
        kind = (
            "phone"
            if m.group().lstrip("(").startswith(("+", "84", "0")) and len(digits) in (10, 11)
            else "id_number"
        )
        spans.append(Span(m.start(), m.end(), kind))
    for m in _ID_ANNOUNCED.finditer(text):
        spans.append(Span(m.start(1), m.end(1), "id_number"))
    for key in ("phone", "id_number"):
        declared = _digits(identity.get(key) or "")
        if len(declared) < 6:
            continue
        core = declared[1:] if declared.startswith("0") else declared
        # the declared number with any separators, with or without its leading 0 / +84
        pattern = r"(?<!\d)(?:\+?\s?84[\s.\-]?|0)?" + r"[\s.\-]?".join(core) + r"(?!\d)"
        spans += [Span(m.start(), m.end(), key) for m in re.finditer(pattern, text)]
    return spans


SURNAMES = frozenset(
    "nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly dinh mac ta chau trinh dao "
    "luong mai cao ha lam to kieu doan vuong thai quach lai la trieu thach tong giang khuc luu nong lo "
    "hua dam diep an ung".split()
)
_PLACE_BEFORE = frozenset(
    "duong pho phuong xa quan huyen tinh thon ap ban xom to khu ngo hem kiet truong benh vien cau cho".split()
)
_KIN = re.compile(
    r"\b(?i:vợ|chồng|con trai|con gái|con|em gái|em trai|anh trai|chị gái|mẹ|bố|cha|cháu|anh rể|em rể|"
    r"con dâu|con rể|bạn|người đi cùng|người đi với|hàng xóm|người làm chứng)(?i:\s+(?:ruột|đẻ))?"
    r"\s+(?i:tôi|của tôi|em|chúng tôi)(?i:\s+hôm đó|\s+hôm ấy)?(?i:\s+(?:là|tên là|tên))?[\s,:]+"
    r"((?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*)(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){1,3})",
)


def _titlecase(token: str) -> bool:
    return token[:1].isupper() and not (len(token) > 1 and token.isupper())


def _person_spans(text: str, keep: Iterable[str]) -> list[Span]:
    """Person names: underthesea's NER (PER), proper nouns that begin with a Vietnamese family name, and
    names after a kinship word ("vợ tôi là …"), except the names in `keep` and place names."""
    from underthesea import ner

    found: list[tuple[int, int]] = []
    cursor = 0
    entity: tuple[int, int] | None = None
    previous = ""
    for token, pos, _chunk, tag in ner(text):
        at = text.find(token, cursor)
        if at < 0:
            continue
        cursor = at + len(token)
        if tag in ("B-PER", "I-PER"):
            entity = (entity[0], cursor) if (entity and tag == "I-PER") else (at, cursor)
            if tag == "B-PER" and entity != (at, cursor):
                found.append(entity)
                entity = (at, cursor)
        else:
            if entity is not None:
                found.append(entity)
                entity = None
            words = token.split()
            if (
                pos == "Np"
                and len(words) >= 2
                and fold_token(words[0]) in SURNAMES
                and all(_titlecase(w) for w in words)
                and fold_token(previous.split()[-1] if previous else "") not in _PLACE_BEFORE
            ):
                found.append((at, cursor))
        previous = token
    if entity:
        found.append(entity)
    return _names_kept(text, found, keep)


def _kin_spans(text: str, keep: Iterable[str]) -> list[Span]:
    return _names_kept(text, [(m.start(1), m.end(1)) for m in _KIN.finditer(text)], keep)


def _names_kept(text: str, found: Iterable[tuple[int, int]], keep: Iterable[str]) -> list[Span]:
    kept = {t for value in keep for t in _tokens(value)}
    out = []
    for start, end in found:
        # trim tokens that are not written as names (upper-case headings, acronyms, lower-case words)
        words = [m for m in _WORD.finditer(text, start, end) if _titlecase(m.group())]
        if not words:
            continue
        start, end = words[0].start(), words[-1].end()
        tokens = _tokens(text[start:end])
        if all(t in kept for t in tokens):
            continue  # the accused
        if len(words) == 1 and (
            fold_token(words[0].group()) in HONORIFICS
            or not text[:start].strip()
            or text[:start].rstrip()[-1] in ".!?:;"
        ):
            continue  # one capitalised word opening a sentence is not taken for a name on its own
        out.append(Span(start, end, "person"))
    return out


def find(
    text: str, identity: Mapping[str, str], *, names: bool = False, keep: Iterable[str] = ()
) -> list[Span]:
    """The spans of `text` that could reveal the person of `identity`, merged and sorted."""
    if not text:
        return []
    words = _words(text)
    spans: list[Span] = []
    if identity.get("name"):
        spans += _name_spans(text, words, identity["name"])
    for extra in ("representatives",):
        for person in re.split(r"[,;\n]|\bvà\b", identity.get(extra) or ""):
            if len(_tokens(person)) >= 2:
                spans += _name_spans(text, words, person.strip())
    if identity.get("address"):
        spans += _address_spans(text, words, identity["address"])
    email = (identity.get("email") or "").strip()
    if email:
        spans += [
            Span(m.start(), m.end(), "email") for m in re.finditer(re.escape(email), text, re.IGNORECASE)
        ]
    spans += [Span(m.start(), m.end(), "email") for m in _EMAIL.finditer(text)]
    spans += _number_spans(text, identity)
    spans += [Span(m.start(), m.end(), "address") for m in _HOUSE.finditer(text)]
    spans += _kin_spans(text, keep)
    if names:
        spans += _person_spans(text, keep)
    return _merge(text, spans)


def _merge(text: str, spans: Iterable[Span]) -> list[Span]:
    """Overlapping spans, and spans only a space or a comma apart ("số 3 ngách 15/2"), become one."""
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if merged and (
            span.start <= merged[-1].end
            or (span.start - merged[-1].end <= 2 and not text[merged[-1].end : span.start].strip(" ,"))
        ):
            last = merged[-1]
            if span.end > last.end:
                merged[-1] = Span(last.start, span.end, last.kind)
            continue
        merged.append(span)
    return merged


def redact(text: str, identity: Mapping[str, str], *, names: bool = False, keep: Iterable[str] = ()) -> str:
    """`text` with every span of `find()` replaced by `MASK`."""
    out = []
    cursor = 0
    for span in find(text, identity, names=names, keep=keep):
        out.append(text[cursor : span.start])
        out.append(MASK)
        cursor = span.end
    out.append(text[cursor:])
    return "".join(out)


# --- measurement on a labelled set --------------------------------------------------------------------

MEASURED_FIELDS = ("title", "content", "accused_act")


@dataclass(frozen=True)
class Measure:
    cases: int
    planted: int
    found: int
    spans: int
    correct_spans: int
    missed: tuple[str, ...]
    extra: tuple[str, ...]

    @property
    def recall(self) -> float:
        return self.found / self.planted if self.planted else 1.0

    @property
    def precision(self) -> float:
        return self.correct_spans / self.spans if self.spans else 1.0


def _occurrences(text: str, value: str) -> list[tuple[int, int]]:
    out = []
    start = text.find(value)
    while start >= 0:
        out.append((start, start + len(value)))
        start = text.find(value, start + 1)
    return out


def measure(cases: Iterable[Mapping[str, object]], *, names: bool = True) -> Measure:
    """Recall of the planted identity strings (each fully blanked) and precision of the blanked spans
    (each overlapping a planted string) over `cases`: {"identity", "fields", "planted": {field: [str]}}."""
    count = planted = found = spans_total = correct = 0
    missed: list[str] = []
    extra: list[str] = []
    for case in cases:
        count += 1
        identity = dict(case["identity"])  # type: ignore[call-overload]
        fields: Mapping[str, str] = case["fields"]  # type: ignore[assignment]
        labels: Mapping[str, list[str]] = case["planted"]  # type: ignore[assignment]
        for field in MEASURED_FIELDS:
            text = fields.get(field) or ""
            spans = find(text, identity, names=names, keep=[fields.get("accused") or ""])
            targets = [occ for value in labels.get(field, []) for occ in _occurrences(text, value)[:1]]
            planted += len(labels.get(field, []))
            for start, end in targets:
                if any(s.start <= start and end <= s.end for s in spans):
                    found += 1
                else:
                    missed.append(f"{case.get('id')}/{field}: {text[start:end]}")
            planted_missing = len(labels.get(field, [])) - len(targets)
            missed += [f"{case.get('id')}/{field}: (label not in text)"] * planted_missing
            for span in spans:
                spans_total += 1
                if any(span.start < end and start < span.end for start, end in targets):
                    correct += 1
                else:
                    extra.append(f"{case.get('id')}/{field}: {text[span.start : span.end]}")
    return Measure(count, planted, found, spans_total, correct, tuple(missed), tuple(extra))


def load_cases(path: object) -> list[dict[str, object]]:
    import json
    from pathlib import Path

    return [
        json.loads(line) for line in Path(str(path)).read_text(encoding="utf-8").splitlines() if line.strip()
    ]
