"""Named people, their titles, and who chaired (chủ trì)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import regex

from .lexicon import (
    NAME_TRIGGERS,
    NON_NAME_WORDS,
    PREFIX_WORDS,
    SURNAMES,
    TITLE_HEAD,
    TITLE_STOP,
    canonical_title,
)
from .provinces import lookup
from .vntext import capitalize_words

_CAP = r"\p{Lu}\p{Ll}*(?:['’]\p{Lu}?\p{Ll}+)*(?!\p{L})"
_LOW = r"\p{Ll}{1,6}(?!\p{L})"
_RUN = regex.compile(r"(?<!\p{L})" + _CAP + r"(?:[ \t]+" + _CAP + r")*")
_TRIGGER_MIXED = regex.compile(
    r"(?<!\p{L})" + NAME_TRIGGERS + r"\s+(" + _CAP + r"\s+" + _LOW + r"\s+" + _CAP + r")"
)
_TRIGGER_BEFORE = regex.compile(r"(?:^|[\s(,:;])" + NAME_TRIGGERS + r"\s*:?\s*$")
_PLACE_BEFORE = re.compile(
    r"(?:đường|phố|phường|xã|thị trấn|quận|huyện|thôn|ấp|bản|trường|THPT|THCS|tiểu học|cầu|chợ|khu|tổ|tỉnh|"
    r"thành phố|TP\.?|sông|núi|làng|chùa|đền|nhà văn hóa|xóm|buôn|plei|sóc|khóm|tư tưởng|lăng|bảo tàng|"
    r"công viên|đại lộ|hẻm|kiệt|ngõ|quảng trường|giải|mang tên|tặng|ủy|UBND|HĐND)\s*$",
    re.IGNORECASE,
)
# Words after which a run of capitals is a place first ("Huyện ủy Cẩm Xuyên Trần Thế Dũng").
_ORG_PLACE_BEFORE = re.compile(
    r"(?:ủy|UBND|HĐND|MTTQ|huyện|xã|phường|quận|thị xã|thị trấn|tỉnh|thành phố)\s*$", re.IGNORECASE
)
# After these a run of three or more capitals is a name ("Bí thư Tỉnh ủy Lê Văn Khánh").
_TITLE_PLACE_BEFORE = re.compile(r"(?:ủy|UBND|HĐND|MTTQ|tỉnh|thành phố)\s*$", re.IGNORECASE)
# "Bí thư Đảng ủy xã Lò Văn Hùng", "Chủ tịch UBND phường Nguyễn Thị Lan": a local office, then the name.
_LOCAL_TITLE_BEFORE = re.compile(
    r"(?:bí thư|chủ tịch|trưởng|phó|chủ nhiệm)[^,.;:()]{0,25}?(?:ủy|UBND|HĐND|MTTQ|Mặt trận)\s+"
    r"(?:xã|phường|thị trấn|thị xã|huyện|quận)\s*$",
    re.IGNORECASE,
)
# Capitalised words that are titles or organisations at a run's start but also common given names.
_GIVEN_TOO = frozenset("Chiến Bằng Đồng Hòa Linh Đức Sáng Thượng".split())
_MINORITY_PREFIX = re.compile(r"^[HKYR]['’]")
_FUNCTION_WORDS = frozenset("và với cùng cho tại dự đã là có được của các những này kia".split())
_NOT_PEOPLE = frozenset(
    {
        "Hồ Chí Minh",
        "Tôn Đức Thắng",
        "Võ Nguyên Giáp",
        "Lê Duẩn",
        "Trường Chinh",
        "Phạm Văn Đồng",
        "Trần Hưng Đạo",
        "Lê Lợi",
        "Quang Trung",
        "Lý Thường Kiệt",
    }
)
_CLAUSE_SPLIT = re.compile(r"\s[-–—]\s|[,;(]\s*|\)\s*")


@dataclass
class Person:
    """A named person and every title the text gives them."""

    name: str
    titles: list[str] = field(default_factory=list)

    def add_title(self, title: str) -> None:
        if title and title.casefold() not in {t.casefold() for t in self.titles}:
            self.titles.append(title)

    def as_dict(self) -> dict[str, object]:
        return {"name": self.name, "titles": list(self.titles)}


@dataclass(frozen=True)
class Mention:
    """One occurrence of a person's name in the text."""

    key: str
    start: int
    end: int
    sentence: int


def _is_place(tokens: list[str]) -> bool:
    return lookup(" ".join(tokens)) is not None


_RUN_TRIGGERS = frozenset({"Ông", "Bà", "Anh", "Chị", "Cụ", "Già", "Hòa", "Đồng"})


def _is_surname(token: str) -> bool:
    return token in SURNAMES or bool(_MINORITY_PREFIX.match(token))


def _cuts_name(rest: list[str], j: int) -> bool:
    """True when rest[j] ends the name (a title or organisation word, not a given name)."""
    token = rest[j]
    if token not in NON_NAME_WORDS or token in SURNAMES:
        return False
    return not (token in _GIVEN_TOO and _is_surname(rest[0]))


def _name_tokens(
    tokens: list[str], triggered: bool, after_place: bool = False
) -> tuple[int, list[str]] | None:
    """Split a run of capitalised words into (index of the name start, name tokens)."""
    if len(tokens) >= 3 and tokens[0] in _RUN_TRIGGERS - {"Đồng", "Hòa", "Già"}:
        found = _name_tokens(tokens[1:], True)
        return (found[0] + 1, found[1]) if found else None
    if after_place and len(tokens) >= 4:
        for i in range(1, len(tokens) - 2):
            rest = tokens[i:]
            if _is_surname(rest[0]) and len(rest) <= 4 and not any(t in NON_NAME_WORDS for t in rest[1:2]):
                return i, rest
    for i in range(len(tokens)):
        rest = tokens[i:]
        cut = next((j for j, t in enumerate(rest) if j > 0 and _cuts_name(rest, j)), len(rest))
        rest = rest[:cut]
        prefix = tokens[:i]
        if prefix and not (_is_place(prefix) or all(t in PREFIX_WORDS for t in prefix)):
            continue
        if len(rest) < 2 or len(rest) > 5:
            continue
        if triggered and i == 0 and rest[0] not in NON_NAME_WORDS:
            return i, rest
        if _is_surname(rest[0]) and rest[0] != "Ông" and not _is_place(rest[:2]) and not _is_place(rest):
            return i, rest
    return None


def _title_after(text: str, end: int) -> list[str]:
    tail = text[end : end + 260]
    if not re.match(r"\s*(?:[,(:]|[-–—]\s)", tail):
        return []
    tail = re.split(r"[.!?\n]|;\s", tail, maxsplit=1)[0]
    titles: list[str] = []
    for piece in (
        _CLAUSE_SPLIT.split(tail)[1:] if _CLAUSE_SPLIT.match(tail.lstrip()) else _CLAUSE_SPLIT.split(tail)
    ):
        piece = piece.strip(" ,;:-–—()")
        if not piece:
            continue
        stopped = TITLE_STOP.sub("", " " + piece).strip()
        if not TITLE_HEAD.match(stopped):
            break
        titles.append(canonical_title(stopped))
        if stopped != piece.strip():
            break
    return titles


def _title_before(text: str, start: int) -> list[str]:
    head = text[max(0, start - 160) : start]
    head = regex.sub(NAME_TRIGGERS + r"\s*:?\s*$", "", head).rstrip(" ,")
    piece = re.split(r"[,.;:!?()\n]|\s[-–—]\s", head)[-1].strip()
    if re.search(r"(?<![^\W\d_])(?:và|cùng|với)$", piece):
        return []
    piece = re.sub(
        r"^(?:do|của|và|cùng|với|gồm|là|có|theo|sau khi|trong đó|thay mặt)\s+", "", piece, flags=re.I
    )
    if piece and TITLE_HEAD.match(piece) and len(piece.split()) <= 16:
        return [canonical_title(piece)]
    return []


def _accept(text: str, start: int, end: int, tokens: list[str], triggered: bool) -> bool:
    name = " ".join(tokens)
    if name in _NOT_PEOPLE or all(t.isupper() and len(t) > 1 for t in tokens):
        return False
    before = text[max(0, start - 40) : start]
    if triggered and re.search(r"(?:già làng|ông|bà)\s*$", before, re.IGNORECASE):
        return True
    if _PLACE_BEFORE.search(before) and (
        len(tokens) < 3 or not (_TITLE_PLACE_BEFORE.search(before) or _LOCAL_TITLE_BEFORE.search(before))
    ):
        return False
    if triggered:
        return True
    if _title_before(text, start) or _title_after(text, end):
        return True
    return len(tokens) >= 3 and _is_surname(tokens[0])


class PeopleFinder:
    """Collect people from sentences, keeping mention offsets for the chair analysis."""

    def __init__(self) -> None:
        self.people: dict[str, Person] = {}
        self.mentions: list[Mention] = []

    def _add(self, text: str, start: int, end: int, tokens: list[str], sentence: int) -> None:
        key = capitalize_words(" ".join(tokens))
        person = self.people.setdefault(key, Person(key))
        for title in _title_before(text, start) + _title_after(text, end):
            person.add_title(title)
        self.mentions.append(Mention(key, start, end, sentence))

    def scan(self, text: str, sentence: int) -> None:
        taken: list[tuple[int, int]] = []
        for m in _TRIGGER_MIXED.finditer(text):
            tokens = m.group(1).split()
            if tokens[0] not in NON_NAME_WORDS and tokens[1] not in _FUNCTION_WORDS and tokens[0] in SURNAMES:
                self._add(text, m.start(1), m.end(1), tokens, sentence)
                taken.append((m.start(1), m.end(1)))
        for m in _RUN.finditer(text):
            if any(s <= m.start() < e for s, e in taken):
                continue
            tokens = m.group(0).split()
            triggered = bool(_TRIGGER_BEFORE.search(text[max(0, m.start() - 20) : m.start()]))
            after_place = bool(_ORG_PLACE_BEFORE.search(text[max(0, m.start() - 20) : m.start()]))
            split = _name_tokens(tokens, triggered, after_place)
            if split is None:
                continue
            index, name = split
            start = m.start() + len(" ".join(tokens[:index])) + (1 if index else 0)
            end = start + len(" ".join(name))
            if _accept(text, start, end, name, triggered and index == 0):
                self._add(text, start, end, name, sentence)

    def result(self, exclude: set[str]) -> list[Person]:
        return [p for k, p in self.people.items() if k.casefold() not in exclude]


_CHAIR = re.compile(r"(?:đồng\s+|cùng\s+)?chủ\s+trì", re.IGNORECASE)
_CHAIR_STOP_VERBS = re.compile(
    r"(?<![^\W\d_])(?:dự|tham dự|phát biểu|chỉ đạo|cho biết|về dự|đến dự)(?![^\W\d_])"
)


def chairs_in_sentence(sentence: str, mentions: list[Mention], offset: int) -> list[str]:
    """Names of the people a sentence says chair (chủ trì) the event."""
    found: list[str] = []
    for m in _CHAIR.finditer(sentence):
        pos = offset + m.start()
        after = sentence[m.end() : m.end() + 90]
        do_idx = sentence.rfind(" do ", 0, m.start())
        if do_idx >= 0:
            found += [x.key for x in mentions if offset + do_idx <= x.start < pos]
        elif (
            re.match(
                r"\s*(?:(?:tại|ở)\s[^,;.]{0,50}?\s)?(?:hội nghị|buổi [^\s,]+|chương trình)?\s*(?:có|gồm|là|của)\s",
                after,
                re.IGNORECASE,
            )
            or m.start() < 3
        ):
            found += [x.key for x in mentions if x.start > pos]
        else:
            first = min((x.start for x in mentions), default=pos)
            listed = re.match(r"^\W*(?:các\s+)?đồng chí\s*:?\s*$", sentence[: max(0, first - offset)], re.I)
            joint = bool(re.match(r"(?:đồng|cùng)\s", m.group(0), re.IGNORECASE) or listed)
            found += _nearest_before(sentence, mentions, offset, pos, joint)
    return list(dict.fromkeys(found))


def _nearest_before(
    sentence: str, mentions: list[Mention], offset: int, pos: int, joint: bool = False
) -> list[str]:
    """The people named just before "chủ trì"; a joint chair ("đồng chủ trì") may list them with ";"."""
    before = sorted((x for x in mentions if x.start < pos), key=lambda x: x.start, reverse=True)
    chosen: list[str] = []
    boundary = pos
    for mention in before:
        gap = sentence[mention.end - offset : boundary - offset]
        if _CHAIR_STOP_VERBS.search(gap) or (";" in gap and not joint):
            break
        chosen.append(mention.key)
        boundary = mention.start
    return chosen
