"""How to name a unit, its bodies and its officials in Vietnamese, by the unit's type.

One place for the names every screen, letter and report writes, so that a phường is never called a xã
and an administrative name follows the capitalisation of Nghị định 30/2020/NĐ-CP (Phụ lục II):

- in running text the common noun of a unit stays lower case: "phường Đông Kinh", "tỉnh Lạng Sơn",
  "Ủy ban nhân dân tỉnh Lạng Sơn", "Đảng ủy phường Đông Kinh";
- at the start of a title or a heading it takes a capital: "Phường Đông Kinh" (`title=True`);
- in the header of a document (`upper=True`): "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN".

Bodies ("UBND phường Đông Kinh", "Thanh tra tỉnh Lạng Sơn", "Ban Dân vận Tỉnh ủy Lạng Sơn") and
officials ("Chủ tịch UBND phường", "Bí thư Đảng ủy phường", "Bí thư Tỉnh ủy") are built from the same
type. Honorifics come from a recorded gender, else the neutral "Ông/Bà" (never "Ông (bà)").
"""

from __future__ import annotations

from typing import Literal, Protocol

from danvan.territory.names import strip_prefix

NATION_NAME = "Việt Nam"

Body = Literal["ubnd", "hdnd", "cap_uy", "thanh_tra", "ban_dan_van", "mttq"]
Official = Literal["chairman", "secretary"]


class NamedUnit(Protocol):
    """What naming needs of a unit (an AdminUnit, or anything shaped like one)."""

    name: str
    division_type: str
    level: int


def unit_type(unit: NamedUnit) -> str:
    """The common noun of the unit's type, lower case: "xã", "phường", "đặc khu", "tỉnh", "thành phố"."""
    kind = (unit.division_type or "").strip().lower()
    if kind.startswith("thành phố"):  # "thành phố trung ương" (the package's word for Hà Nội, Huế...)
        return "thành phố"
    if kind in {"xã", "phường", "đặc khu", "tỉnh", "thị trấn", "quận", "huyện", "thị xã"}:
        return kind
    if unit.level == 0:
        return ""
    # A unit with an unknown type: read it from its name ("Phường Đông Kinh").
    lowered = unit.name.lower()
    for candidate in ("thành phố", "đặc khu", "phường", "tỉnh", "xã"):
        if lowered.startswith(candidate + " "):
            return candidate
    return "tỉnh" if unit.level == 1 else "xã"


def proper_name(unit: NamedUnit) -> str:
    """The proper name without its type: "Đông Kinh", "Lạng Sơn", "Hồ Chí Minh"."""
    if unit.level == 0:
        return NATION_NAME
    return strip_prefix(unit.name)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _finish(text: str, *, title: bool, upper: bool) -> str:
    if upper:
        return text.upper()
    return _cap(text) if title else text


def unit_name(unit: NamedUnit, *, title: bool = False, upper: bool = False) -> str:
    """ "phường Đông Kinh" in running text, "Phường Đông Kinh" at the start of a title."""
    if unit.level == 0:
        return _finish("toàn quốc", title=title, upper=upper)
    return _finish(f"{unit_type(unit)} {proper_name(unit)}", title=title, upper=upper)


def type_label(unit: NamedUnit, *, title: bool = False) -> str:
    """The type alone ("phường"), for officials' titles ("Chủ tịch UBND phường")."""
    return _finish(unit_type(unit) or "toàn quốc", title=title, upper=False)


def party_committee(unit: NamedUnit, *, with_name: bool = True) -> str:
    """The unit's party committee: "Đảng ủy phường Đông Kinh", "Tỉnh ủy Lạng Sơn", "Thành ủy Hà Nội"."""
    if unit.level == 0:
        return "Ban Chấp hành Trung ương Đảng"
    if unit.level == 1:
        head = "Thành ủy" if unit_type(unit) == "thành phố" else "Tỉnh ủy"
        return f"{head} {proper_name(unit)}" if with_name else head
    return f"Đảng ủy {unit_name(unit)}" if with_name else f"Đảng ủy {unit_type(unit)}"


def body_name(unit: NamedUnit, body: Body = "ubnd", *, full: bool = False, upper: bool = False) -> str:
    """A body of the unit, named as a body: "UBND phường Đông Kinh" ("Ủy ban nhân dân phường Đông Kinh"
    with `full`), "Thanh tra tỉnh Lạng Sơn", "Ban Dân vận Tỉnh ủy Lạng Sơn", "Đảng ủy phường Đông Kinh"."""
    place = unit_name(unit)
    if body == "cap_uy":
        text = party_committee(unit)
    elif body == "ban_dan_van":
        # Since 2025 the provincial board is "Ban Tuyên giáo và Dân vận" (its full name); "Ban Dân vận" in short.
        board = "Ban Tuyên giáo và Dân vận" if full and unit.level == 1 else "Ban Dân vận"
        text = "Ban Dân vận Trung ương" if unit.level == 0 else f"{board} {party_committee(unit)}"
    elif body == "mttq":
        if unit.level == 0:
            text = (
                "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam" if full else "Ủy ban Trung ương MTTQ Việt Nam"
            )
        else:
            text = f"Ủy ban Mặt trận Tổ quốc Việt Nam {place}" if full else f"Ủy ban MTTQ Việt Nam {place}"
    elif body == "thanh_tra":
        text = "Thanh tra Chính phủ" if unit.level == 0 else f"Thanh tra {place}"
    elif body == "hdnd":
        text = "Quốc hội" if unit.level == 0 else f"{'Hội đồng nhân dân' if full else 'HĐND'} {place}"
    else:
        text = "Chính phủ" if unit.level == 0 else f"{'Ủy ban nhân dân' if full else 'UBND'} {place}"
    return text.upper() if upper else text


def official_title(unit: NamedUnit, official: Official = "chairman", *, with_name: bool = False) -> str:
    """An official of the unit: "Chủ tịch UBND phường", "Bí thư Đảng ủy phường", "Bí thư Tỉnh ủy",
    "Chủ tịch UBND thành phố"; with the unit's name when `with_name` ("Chủ tịch UBND phường Đông Kinh")."""
    if official == "secretary":
        if unit.level == 0:
            return "Tổng Bí thư"
        return f"Bí thư {party_committee(unit, with_name=with_name)}"
    if unit.level == 0:
        return "Thủ tướng Chính phủ"
    return f"Chủ tịch UBND {unit_name(unit) if with_name else unit_type(unit)}"


def competent_body(unit: NamedUnit, kind: str) -> str:
    """The body that settles a petition of `kind` at `unit`: the People's Committee ("UBND phường Đông
    Kinh"), except a denunciation at a province, which its Inspectorate handles ("Thanh tra tỉnh Lạng Sơn")."""
    if unit.level == 1 and kind == "denunciation":
        return body_name(unit, "thanh_tra")
    return body_name(unit, "ubnd")


def honorific(gender: str | None = None) -> str:
    """ "Ông" or "Bà" from a recorded gender ("male"/"female", "nam"/"nữ"), else the neutral "Ông/Bà"."""
    value = (gender or "").strip().lower()
    if value in {"male", "m", "nam", "ông"}:
        return "Ông"
    if value in {"female", "f", "nữ", "bà"}:
        return "Bà"
    return "Ông/Bà"


def addressed(full_name: str, gender: str | None = None) -> str:
    """ "Bà Lý Thị Lan", or "Ông/Bà Lý Thị Lan" when the gender is not recorded."""
    return f"{honorific(gender)} {full_name}".strip()


def capitalise(text: str) -> str:
    """The first letter upper case, the rest untouched (a title that starts with a running-text name)."""
    return _cap(text)
