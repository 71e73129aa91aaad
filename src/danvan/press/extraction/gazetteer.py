"""Places below the province, old and new, that tell which province an article is about.

An article may name no province at all: "Ban Dân vận Huyện ủy Mường Lát", "xã Nà Phặc, huyện Ngân Sơn",
"UBND huyện Krông Pắc". The gazetteer maps the names of the pre-2025 districts (696) and communes
(10,051) of `vietnam_provinces.legacy` and of the 3,321 communes of 2025 (`vietnam_provinces`, the same
data `danvan territory load` reads) to today's (2025) province code, with the province as the text of
the time named it (the old province for a pre-2025 unit). A name shared by units of several provinces
("Châu Thành" is a district in ten) tells nothing and is dropped; a name of a province or a main town is
left to `provinces`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .provinces import ProvinceRef, lookup, short_name
from .vntext import normalize_tones

_UNIT_PREFIX = re.compile(r"^(?:Huyện|Quận|Thị xã|Thành phố|Xã|Phường|Thị trấn|Đặc khu)\s+")
_NAME = r"([A-ZĐÂĂÊÔƠƯ][^\s,.;:()\"“”]*(?:\s+[A-ZĐÂĂÊÔƠƯ0-9][^\s,.;:()\"“”]*){0,3})"
# "huyện Krông Pắc", "Huyện ủy Mường Lát", "UBND huyện Con Cuông", "thị xã Sa Pa" (not "thành phố": a
# province-level city is the provinces module's)
_DISTRICT = re.compile(r"(?<![^\W\d_])(?:[Hh]uyện(?:\s+ủy)?|[Qq]uận(?:\s+ủy)?|[Tt]hị\s+(?:xã|ủy))\s+" + _NAME)
_COMMUNE = re.compile(r"(?<![^\W\d_])(?:[Xx]ã|[Pp]hường|[Tt]hị\s+trấn|[Đđ]ặc\s+khu)\s+" + _NAME)
_HEADLINE_PLACE = re.compile(r"^\s*" + _NAME + r"\s*:")


@dataclass(frozen=True)
class _Gazetteer:
    districts: dict[str, ProvinceRef]  # folded short name → province (unique names only)
    communes: dict[str, ProvinceRef]


@lru_cache(maxsize=65536)
def _word(word: str) -> str:
    return normalize_tones(word).casefold()


def _key(name: str) -> str:
    """Tones kept (folding would merge "Tả Van" and "Tà Văn", units of different provinces)."""
    return " ".join(_word(w) for w in name.replace("-", " ").split())


def _unique(found: dict[str, dict[int, list[str]]]) -> dict[str, ProvinceRef]:
    out: dict[str, ProvinceRef] = {}
    for key, by_code in found.items():
        if len(by_code) == 1:
            code, names = next(iter(by_code.items()))
            out[key] = ProvinceRef(code, names[0])
    return out


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    from vietnam_provinces import Province, Ward
    from vietnam_provinces.legacy import District as OldDistrict
    from vietnam_provinces.legacy import Province as OldProvince
    from vietnam_provinces.legacy import Ward as OldWard

    old_ref: dict[int, ProvinceRef] = {}
    for p in OldProvince.iter_all():
        ref = lookup(short_name(p.name))
        if ref is not None:
            old_ref[int(p.code)] = ProvinceRef(ref.code, short_name(p.name))
    new_name = {int(p.code): short_name(p.name) for p in Province.iter_all()}
    districts: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    communes: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    district_province: dict[int, int] = {}
    for d in OldDistrict.iter_all():
        district_province[int(d.code)] = int(d.province_code)
        if (ref := old_ref.get(int(d.province_code))) is not None:
            districts[_key(_UNIT_PREFIX.sub("", d.name))][ref.code].append(ref.historical_name)
    for w in OldWard.iter_all():
        ref = old_ref.get(district_province.get(int(w.district_code), -1))
        if ref is not None:
            communes[_key(_UNIT_PREFIX.sub("", w.name))][ref.code].append(ref.historical_name)
    for nw in Ward.iter_all():
        code = int(nw.province_code)
        communes[_key(_UNIT_PREFIX.sub("", nw.name))][code].append(new_name.get(code, ""))  # old names first
    return _Gazetteer(_unique(districts), _unique(communes))


def _resolve(words: str, table: dict[str, ProvinceRef]) -> ProvinceRef | None:
    parts = words.split()
    for n in range(len(parts), 0, -1):
        name = " ".join(parts[:n])
        if lookup(name) is not None:
            return None  # a province's or main town's name: the provinces module counts it
        if (ref := table.get(_key(name))) is not None:
            return ref
    return None


def district_mentions(text: str) -> Iterable[ProvinceRef]:
    """The province of every district named in text ("huyện X", "Huyện ủy X", "thị xã X"), when unique."""
    table = _gazetteer().districts
    for m in _DISTRICT.finditer(text):
        if (ref := _resolve(m.group(1), table)) is not None:
            yield ref


def commune_mentions(text: str) -> Iterable[ProvinceRef]:
    """The province of every commune named in text ("xã X", "phường X", old or 2025), when unique."""
    table = _gazetteer().communes
    for m in _COMMUNE.finditer(text):
        if (ref := _resolve(m.group(1), table)) is not None:
            yield ref


def headline_place(title: str) -> ProvinceRef | None:
    """ "Krông Pắc: Đối thoại …": a district (or else a commune) named before the headline's colon."""
    m = _HEADLINE_PLACE.match(title or "")
    if not m:
        return None
    gaz = _gazetteer()
    return _resolve(m.group(1), gaz.districts) or _resolve(m.group(1), gaz.communes)
