"""The concrete matter of a text: where (places, named objects) and what (content words).

Two petitions raise the same matter when they name the same place or object and speak of the same
thing, whatever their words: a citizen's letter, a People's Council summary and a reporter's
restatement of one pig farm share the farm's hamlet and commune and a handful of content words,
while the same complaint about another farm shares the words but not the place. So:

* :func:`places` finds the names that follow a place or object marker ("xã", "thôn", "đường",
  "trường tiểu học", "chợ", "công ty", ...) — capitalised names, numbers ("tổ 5", "quốc lộ 1A"),
  or, in text typed without capitals, the next syllables up to a marker or a pause;
* :func:`content` keeps the words that say what happened (folded syllables and syllable pairs,
  with formulae, place names and pronouns left out, and regional synonyms merged);
* :func:`similarity` weighs the content words by IDF (from the shipped labelled texts) and
  :func:`compare` combines it with the places: shared names confirm, different communes or hamlets
  on both sides keep two texts apart.

Pure Python (no Django); ``Matter.of(text)`` takes about 0.1 ms.
"""

from __future__ import annotations

import csv
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .dedup import identifiers
from .items import SourceItem as SourceItem  # re-exported: `matter.SourceItem`
from .text import normalise

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

# Markers, folded, longest first when they share a start. Kind: "u" administrative unit, "v" hamlet
# or residential group, "s" street or route, "o" named object (school, market, company, river, ...).
_MARKERS: dict[str, str] = {
    "xa": "u",
    "phuong": "u",
    "thi tran": "u",
    "dac khu": "u",
    "huyen": "u",
    "quan": "u",
    "thanh pho": "u",
    "tp": "u",
    "tinh": "u",
    "thi xa": "u",
    "thon": "v",
    "ap": "v",
    "ban": "v",
    "buon": "v",
    "xom": "v",
    "to dan pho": "v",
    "khu pho": "v",
    "to": "v",
    "khu": "v",
    "cum": "v",
    "khu dan cu": "v",
    "khu tap the": "v",
    "khu do thi": "v",
    "khu tai dinh cu": "v",
    "lang": "v",
    "khu vuc": "v",
    "doi": "v",
    "kp": "v",
    "tdp": "v",
    "duong": "s",
    "pho": "s",
    "ngo": "s",
    "hem": "s",
    "kiet": "s",
    "quoc lo": "s",
    "tinh lo": "s",
    "duong tinh": "s",
    "ql": "s",
    "dt": "s",
    "deo": "s",
    "de": "s",
    "cau": "s",
    "cau tran": "s",
    "cau treo": "s",
    "nga ba": "s",
    "nga tu": "s",
    "dai lo": "s",
    "truong": "o",
    "truong tieu hoc": "o",
    "truong thcs": "o",
    "truong thpt": "o",
    "truong mam non": "o",
    "diem truong": "o",
    "diem truong mam non": "o",
    "cho": "o",
    "benh vien": "o",
    "benh vien da khoa": "o",
    "tram y te": "o",
    "tram y te xa": "o",
    "tram y te phuong": "o",
    "trung tam y te": "o",
    "cong ty": "o",
    "nha may": "o",
    "nha may xi mang": "o",
    "chung cu": "o",
    "du an": "o",
    "cong trinh": "o",
    "khu cong nghiep": "o",
    "cum cong nghiep": "o",
    "song": "o",
    "suoi": "o",
    "kenh": "o",
    "dap": "o",
    "ho": "o",
    "hop tac xa": "o",
    "hop tac xa nong nghiep": "o",
    "dinh": "o",
    "dinh lang": "o",
    "den": "o",
    "chua": "o",
    "nha van hoa": "o",
    "trai": "o",
    "trang trai": "o",
    "xuong": "o",
    "ben": "o",
    "dong": "o",
    "canh dong": "o",
    "cong ty may": "o",
    "cong ty gach": "o",
    "ban quan ly du an": "o",
    "ubnd xa": "u",
    "ubnd phuong": "u",
    "cong an xa": "u",
    "cong an phuong": "u",
}
_MARKER_INDEX: dict[str, list[tuple[str, ...]]] = {}
for _m in _MARKERS:
    _MARKER_INDEX.setdefault(_m.split()[0], []).append(tuple(_m.split()))
for _entries in _MARKER_INDEX.values():
    _entries.sort(key=len, reverse=True)

# Words that end a name typed without capitals (verbs, function words, pronouns, time words).
_STOP = frozenset(
    """
    o tai cua va voi la thi ma nhung cung da dang se bi duoc khong co con roi nay do kia day
    toi chung ta minh nha ong ba anh chi em chau co bac ho nguoi dan ca cac nhieu moi mot hai
    ba bon nam sau bay tam chin muoi tu den ve ra vao len xuống xuong tren duoi trong ngoai gan
    sat canh giua qua lai phai nen vi de khi luc hom ngay dem toi sang chieu thang tuan nam gio
    bao phan anh kien nghi de nghi to cao khieu nai xin mong lam xay thu hut xa
    """.split()
)
# Syllables that say nothing about the matter (formulae, pronouns, petition vocabulary).
_FILLER = frozenset(
    """
    toi chung ta minh nha ong ba anh chi em chau bac ho nguoi dan cu tri cong dan ca cac nhieu
    va voi la thi ma nhung cung da dang se bi duoc khong ko co con roi nay do kia day o tai cua
    kinh gui xin cam on de nghi kien nghi phan anh mong xem xet giai quyet som quan tam cho biet
    theo quy dinh viec su tinh trang van de lanh dao co quan chuc nang cap ubnd uy ban nhan
    dan hoi dong xa phuong thon ap ban tren trong ngoai gan qua lai rat lam ngay nam thang
    tuan gio hom nay gan day thoi gian hien het roi chua moi mot hai tu den ve ra vao len
    gia dinh nguoi dan ba con cac ho ho dan de co the nen vi khi luc sau truoc dong thoi
    """.split()
)
# Regional words and paraphrases merged into one spelling (folded).
_SYNONYMS: tuple[tuple[str, str], ...] = (
    ("trang trai", "trai"),
    ("lon", "heo"),
    ("bap", "ngo"),
    ("giay chung nhan quyen su dung dat", "so do"),
    ("giay chung nhan", "so do"),
    ("bao hiem y te", "bhyt"),
    ("bao hiem xa hoi", "bhxh"),
    ("ubnd", "uy ban"),
    ("den chieu sang cong cong", "den duong"),
    ("den chieu sang", "den duong"),
    ("nuoc sinh hoat", "nuoc may"),
    ("chat doc hoa hoc", "chat doc da cam"),
    ("giet mo", "lo mo"),
    ("co so giet mo", "lo mo"),
    ("tieng on", "on"),
    ("lan chiem", "lan"),
    ("ghe hut cat", "hut cat"),
    ("khai thac cat", "hut cat"),
)
_SYN_RE = [(re.compile(rf"\b{re.escape(a)}\b"), b) for a, b in _SYNONYMS]
_TOKEN = re.compile(r"[\w]+", re.UNICODE)
_PAUSE = re.compile(r"[,.;:!?()\"“”\n]")


@dataclass(frozen=True)
class Matter:
    """Where and what of one text."""

    folded: str
    places: frozenset[tuple[str, str]]  # (kind, folded name)
    words: Counter[str]
    cased: bool  # names were read from capitals (reliable), not guessed from lower-case text
    numbers: frozenset[str] = frozenset()  # plot numbers, years, amounts (two digits or more)
    persons: frozenset[str] = frozenset()  # person names ("nguyen van hung")

    @classmethod
    def of(cls, text: str) -> Matter:
        return _matter_of(text)

    @classmethod
    def build(cls, text: str) -> Matter:
        folded = " " + normalise(text) + " "
        spans = _spans(text)
        cased = _cased([(w, f, p) for w, f, p, _ in spans])
        found = frozenset((kind, name) for kind, name, _ in _find(text, spans))
        ids = identifiers(text)
        return cls(
            folded,
            found,
            content(text, found),
            cased,
            frozenset(x for x in ids if x.isdigit() and len(x) >= 2),
            frozenset(x for x in ids if not x.isdigit()),
        )

    def names(self, kinds: str = "uvso") -> set[str]:
        return {name for kind, name in self.places if kind in kinds}


def _tokens(text: str) -> list[tuple[str, str, bool]]:
    """(original, folded, pause-before) for every word of ``text``."""
    return [(w, f, p) for w, f, p, _ in _spans(text)]


@lru_cache(maxsize=4096)
def _matter_of(text: str) -> Matter:
    """Matters are computed once per text in a process (candidates recur from one lookup to the next)."""
    return Matter.build(text)


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    return normalise(word)


def _spans(text: str) -> list[tuple[str, str, bool, tuple[int, int]]]:
    out: list[tuple[str, str, bool, tuple[int, int]]] = []
    pos = 0
    for m in _TOKEN.finditer(text):
        pause = bool(_PAUSE.search(text, pos, m.start()))
        word = m.group(0)
        out.append((word, _fold_word(word), pause, m.span()))
        pos = m.end()
    return out


def _is_name_word(word: str, folded: str, cased: bool) -> bool:
    if folded.isdigit() or (folded[:1].isdigit() and len(folded) <= 4):
        return True  # "5", "781", "1A", "11A3"
    if cased:
        return word[:1].isupper()
    return folded not in _STOP and folded not in _MARKER_INDEX


def _cased(toks: list[tuple[str, str, bool]]) -> bool:
    """Typed with capitals (names capitalised), not all lower or upper case."""
    letters = [w for w, _, _ in toks if w[:1].isalpha()]
    return any(w[:1].isupper() for w in letters[1:]) and not all(w.isupper() for w in letters)


def is_cased(text: str) -> bool:
    return _cased(_tokens(text))


def places(text: str) -> frozenset[tuple[str, str]]:
    """The places and named objects ``text`` names, as (kind, folded name)."""
    return frozenset((kind, name) for kind, name, _ in _find(text))


def mask_places(text: str, kinds: str = "uvs") -> str:
    """``text`` without the names of its places (the markers stay): "đường Nguyễn Thái Học" → "đường".

    A name says where, not what: the field suggestion reads the rest."""
    if not is_cased(text):
        return text  # without capitals a name cannot be told from the words around it
    out = text
    for kind, _, (start, end) in sorted(_find(text), key=lambda f: -f[2][0]):
        if kind in kinds:
            out = out[:start] + out[end:]
    return out


def _find(
    text: str, spans: list[tuple[str, str, bool, tuple[int, int]]] | None = None
) -> list[tuple[str, str, tuple[int, int]]]:
    spans = _spans(text) if spans is None else spans
    toks = [(w, f, p) for w, f, p, _ in spans]
    cased = _cased(toks)
    found: list[tuple[str, str, tuple[int, int]]] = []
    i = 0
    while i < len(toks):
        entries = _MARKER_INDEX.get(toks[i][1], ())
        matched = None
        for marker in entries:
            n = len(marker)
            if tuple(t[1] for t in toks[i : i + n]) == marker and not any(t[2] for t in toks[i + 1 : i + n]):
                matched = marker
                break
        if matched is None:
            i += 1
            continue
        j = i + len(matched)
        name: list[str] = []
        limit = 4 if cased else 3
        while j < len(toks) and len(name) < limit:
            word, folded, pause = toks[j]
            if pause or not _is_name_word(word, folded, cased):
                break
            if folded == "so" and j + 1 < len(toks) and toks[j + 1][1][:1].isdigit():
                j += 1  # "đường số 7" → "7"
                continue
            name.append(folded)
            j += 1
            if folded.isdigit() and not cased:
                break
        if name:
            start = spans[i + len(matched)][3][0]
            found.append((_MARKERS[" ".join(matched)], " ".join(name), (start, spans[j - 1][3][1])))
            i = j
        else:
            i += len(matched)
    return found


def _merge_synonyms(folded: str) -> str:
    for pattern, repl in _SYN_RE:
        folded = pattern.sub(repl, folded)
    return folded


def content(text: str, found: Iterable[tuple[str, str]] = ()) -> Counter[str]:
    """Content syllables and syllable pairs, without place names, formulae and pronouns."""
    folded = " " + _merge_synonyms(normalise(text)) + " "
    for _, name in found:
        folded = folded.replace(" " + name + " ", " | ")
    words: Counter[str] = Counter()
    for chunk in folded.split("|"):
        sylls = [s for s in chunk.split() if not s.isdigit()]
        keep = [s for s in sylls if s not in _FILLER and len(s) > 1]
        words.update(keep)
        words.update(
            f"{a}_{b}" for a, b in zip(sylls, sylls[1:], strict=False) if not (a in _FILLER and b in _FILLER)
        )
    return words


@lru_cache(maxsize=1)
def idf() -> dict[str, float]:
    """Inverse document frequency of content words over the shipped labelled texts."""
    docs: list[Counter[str]] = []
    path = DATA_DIR / "fields_labelled.csv"
    if path.exists():
        with path.open(encoding="utf-8", newline="") as fh:
            docs.extend(content(row["text"]) for row in csv.DictReader(fh))
    df: Counter[str] = Counter()
    for d in docs:
        df.update(d.keys())
    n = len(docs) + 1
    return {w: math.log(n / (1 + c)) + 1.0 for w, c in df.items()} | {"": math.log(n) + 1.0}


def _vector(words: Counter[str]) -> dict[str, float]:
    table = idf()
    default = table[""]
    vec = {w: (1.0 + math.log(c)) * table.get(w, default) for w, c in words.items()}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {w: v / norm for w, v in vec.items()}


def similarity(a: Matter, b: Matter) -> float:
    """Cosine of the IDF-weighted content words."""
    va, vb = _vector(a.words), _vector(b.words)
    if len(va) > len(vb):
        va, vb = vb, va
    return sum(v * vb.get(w, 0.0) for w, v in va.items())


def _mentions(names: Iterable[str], folded: str) -> set[str]:
    return {n for n in names if (" " + n + " ") in folded and not n.isdigit()}


@dataclass(frozen=True)
class Comparison:
    content: float
    shared_places: int  # names of one found in the other's text
    conflict: bool  # both name a commune (or a hamlet/street) and none is the other's
    score: float


#: each shared name (up to three) adds this much to the content similarity's multiplier
PLACE_BONUS = 0.8
#: different communes or hamlets on both sides multiply it by this
PLACE_CONFLICT = 0.15
#: with no place on one side the content alone decides, damped by this
NO_PLACE = 0.8
#: different plot numbers, years or people multiply it by this
CASE_CONFLICT = 0.1
THRESHOLD = 0.15
#: the rarest content words of a text whose pairs are index keys
WORD_PAIR_WORDS = 6


def compare(a: Matter, b: Matter) -> Comparison:
    sim = similarity(a, b)
    shared = _mentions(a.names(), b.folded) | _mentions(b.names(), a.folded)
    conflict = False
    if not shared and a.cased and b.cased:  # names guessed from lower-case text are not evidence
        for kinds in ("u", "v", "s", "o"):
            na, nb = a.names(kinds), b.names(kinds)
            if na and nb and not (na & nb):
                conflict = True
                break
    if conflict:
        score = sim * PLACE_CONFLICT
    elif shared:
        score = min(1.0, sim * (1.0 + PLACE_BONUS * min(len(shared), 3)))
    else:
        score = sim * NO_PLACE
    if case_conflict(a, b):
        score *= CASE_CONFLICT
    return Comparison(round(sim, 4), len(shared), conflict, round(score, 4))


def case_conflict(a: Matter, b: Matter) -> bool:
    """Two different cases: both give two or more numbers and share none (another plot, another year),
    or both name people and none is the same."""
    if len(a.numbers) >= 2 and len(b.numbers) >= 2 and not (a.numbers & b.numbers):
        return True
    return bool(a.persons and b.persons and not (a.persons & b.persons))


def score(a: str, b: str) -> float:
    return compare(Matter.of(a), Matter.of(b)).score


def keys(m: Matter, limit: int = 5) -> list[str]:
    """Index keys of a matter: each place name, and each name paired with the text's rarer content words.

    Two texts about one matter share a name and some words, so they share several keys; the same
    topic elsewhere shares the words but not the place (no key); another matter at the same place
    shares the name key only. Rank candidates by the number of keys they share.
    """
    names = sorted(n for n in m.names() if not n.isdigit())[:4]
    table = idf()
    # Words seen in the background texts first (an unseen word is often a typo), rarest first.
    singles = [w for w in m.words if "_" not in w]
    rare = sorted(singles, key=lambda w: (w not in table, -table.get(w, 0.0), w))[:limit]
    # Pairs of the rarest words: a text that names no place (or names it without capitals) still
    # meets the other renditions of its matter.
    top = sorted(rare[:WORD_PAIR_WORDS])
    pairs = [f"{a}+{b}" for i, a in enumerate(top) for b in top[i + 1 :]]
    return [f"@{n}" for n in names] + [f"{n}|{w}" for n in names for w in rare] + pairs


class MatterIndex:
    """In memory: items indexed by their matter keys (and optionally MinHash bands), best matches first."""

    def __init__(self, threshold: float = THRESHOLD, rescore: int = 12) -> None:
        self.threshold = threshold
        self.rescore = rescore
        self._matters: dict[str, Matter] = {}
        self._postings: dict[str, set[str]] = {}

    def add(self, key: str, text: str, extra_keys: Iterable[str] = ()) -> Matter:
        m = Matter.of(text)
        self._matters[key] = m
        for k in [*keys(m), *extra_keys]:
            self._postings.setdefault(k, set()).add(key)
        return m

    def candidates(self, m: Matter, extra_keys: Iterable[str] = ()) -> list[str]:
        counts: Counter[str] = Counter()
        for k in [*keys(m), *extra_keys]:
            counts.update(self._postings.get(k, ()))
        return [key for key, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[: self.rescore]]

    def query(
        self, text: str, extra_keys: Iterable[str] = (), exclude: str | None = None
    ) -> list[tuple[str, float]]:
        m = Matter.of(text)
        hits = []
        for key in self.candidates(m, extra_keys):
            if key == exclude:
                continue
            s = compare(m, self._matters[key]).score
            if s >= self.threshold:
                hits.append((key, s))
        return sorted(hits, key=lambda h: (-h[1], h[0]))


def _units_compatible(a: str, b: str) -> bool:
    if not a or not b:
        return True
    return a.startswith(b) or b.startswith(a)


def group_items(items: Iterable[SourceItem], threshold: float = THRESHOLD) -> list[list[SourceItem]]:
    """Group items of any sources that raise the same concrete matter (single link over confirmed pairs).

    Candidates come from the matter keys (a place or object and rare words in common), so the cost is
    near-linear in the number of items; each candidate pair is confirmed by :func:`compare` and kept
    apart when the units are different places. Groups are returned largest first, singletons included.
    """
    chosen = list(items)
    matters = [Matter.of(it.text) for it in chosen]
    postings: dict[str, list[int]] = {}
    for i, m in enumerate(matters):
        for k in keys(m):
            postings.setdefault(k, []).append(i)
    parent = list(range(len(chosen)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    seen: set[tuple[int, int]] = set()
    for members in postings.values():
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                i, j = members[x], members[y]
                if (i, j) in seen or root(i) == root(j):
                    continue
                seen.add((i, j))
                if not _units_compatible(chosen[i].unit, chosen[j].unit):
                    continue
                if compare(matters[i], matters[j]).score >= threshold:
                    parent[root(j)] = root(i)
    groups: dict[int, list[SourceItem]] = {}
    for i, it in enumerate(chosen):
        groups.setdefault(root(i), []).append(it)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0].source, g[0].id))
