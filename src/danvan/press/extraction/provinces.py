"""Province lookup: names old (63) and new (34), 2025 merger map, outlets and site domains."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from vietnam_provinces import Province
from vietnam_provinces._province_conversion_2025 import OLD_TO_NEW
from vietnam_provinces.legacy import Province as LegacyProvince

from .vntext import fold, normalize_tones

_PREFIX_RE = re.compile(r"^(Tỉnh|Thành phố)\s+")


@dataclass(frozen=True)
class ProvinceRef:
    """A province as the text names it, resolved to today's (2025) GSO code."""

    code: int
    historical_name: str


def short_name(full: str) -> str:
    """'Tỉnh Hoà Bình' → 'Hòa Bình'."""
    return normalize_tones(_PREFIX_RE.sub("", full))


def _new_code_for_old(old_code: int) -> int:
    entry = OLD_TO_NEW[old_code]
    codes = [int(ref.code) for ref in entry.new_provinces]
    return old_code if old_code in codes else codes[0]


# Extra spellings seen in the press, keyed to the canonical short (old or new) name.
_ALIASES: dict[str, str] = {
    "Thừa Thiên Huế": "Huế",
    "Thừa Thiên - Huế": "Huế",
    "Thừa Thiên – Huế": "Huế",
    "TP Hồ Chí Minh": "Hồ Chí Minh",
    "TP. Hồ Chí Minh": "Hồ Chí Minh",
    "TP.HCM": "Hồ Chí Minh",
    "TPHCM": "Hồ Chí Minh",
    "TP HCM": "Hồ Chí Minh",
    "Thành phố Hồ Chí Minh": "Hồ Chí Minh",
    "thành phố Hồ Chí Minh": "Hồ Chí Minh",
    "Sài Gòn": "Hồ Chí Minh",
    "Bà Rịa – Vũng Tàu": "Bà Rịa - Vũng Tàu",
    "Bà Rịa-Vũng Tàu": "Bà Rịa - Vũng Tàu",
    "BR-VT": "Bà Rịa - Vũng Tàu",
    "Bắc Cạn": "Bắc Kạn",
    "Đắc Lắc": "Đắk Lắk",
    "Đăk Lăk": "Đắk Lắk",
    "Đắk Lăk": "Đắk Lắk",
    "Đăk Nông": "Đắk Nông",
    "Đắc Nông": "Đắk Nông",
    "Kontum": "Kon Tum",
}
# Main towns (old provincial capitals and well-known cities) that identify their province.
_TOWNS: dict[str, str] = {
    "Biên Hòa": "Đồng Nai",
    "Đồng Xoài": "Bình Phước",
    "Buôn Ma Thuột": "Đắk Lắk",
    "Pleiku": "Gia Lai",
    "Quy Nhơn": "Bình Định",
    "Tuy Hòa": "Phú Yên",
    "Nha Trang": "Khánh Hòa",
    "Phan Rang": "Ninh Thuận",
    "Phan Thiết": "Bình Thuận",
    "Đà Lạt": "Lâm Đồng",
    "Gia Nghĩa": "Đắk Nông",
    "Vũng Tàu": "Bà Rịa - Vũng Tàu",
    "Thủ Dầu Một": "Bình Dương",
    "Tam Kỳ": "Quảng Nam",
    "Hội An": "Quảng Nam",
    "Mỹ Tho": "Tiền Giang",
    "Rạch Giá": "Kiên Giang",
    "Phú Quốc": "Kiên Giang",
    "Long Xuyên": "An Giang",
    "Cao Lãnh": "Đồng Tháp",
    "Vị Thanh": "Hậu Giang",
    "Tân An": "Long An",
    "Hạ Long": "Quảng Ninh",
    "Việt Trì": "Phú Thọ",
    "Vĩnh Yên": "Vĩnh Phúc",
    "Phủ Lý": "Hà Nam",
    "Đồng Hới": "Quảng Bình",
    "Đông Hà": "Quảng Trị",
    "Sầm Sơn": "Thanh Hóa",
    "Sa Pa": "Lào Cai",
    "Mộc Châu": "Sơn La",
    "Móng Cái": "Quảng Ninh",
    "Điện Biên Phủ": "Điện Biên",
    "Uông Bí": "Quảng Ninh",
}
# Provincial newspapers: dateline tags and site domains.
OUTLET_TAGS: dict[str, tuple[str, str]] = {
    "LSO": ("Báo Lạng Sơn", "Lạng Sơn"),
    "BLS": ("Báo Lạng Sơn", "Lạng Sơn"),
    "BPO": ("Báo Bình Phước", "Bình Phước"),
    "BBP": ("Báo Bình Phước", "Bình Phước"),
    "YBĐT": ("Báo Yên Bái", "Yên Bái"),
    "YBÐT": ("Báo Yên Bái", "Yên Bái"),
    "HGĐT": ("Báo Hà Giang", "Hà Giang"),
    "BHG": ("Báo Hà Giang", "Hà Giang"),
    "QNO": ("Báo Quảng Nam", "Quảng Nam"),
    "QTO": ("Báo Quảng Trị", "Quảng Trị"),
    "BKT": ("Báo Kon Tum", "Kon Tum"),
    "QBĐT": ("Báo Quảng Bình", "Quảng Bình"),
    "BQB": ("Báo Quảng Bình", "Quảng Bình"),
    "HBĐT": ("Báo Hòa Bình", "Hòa Bình"),
    "BLC": ("Báo Lào Cai", "Lào Cai"),
    "BNA": ("Báo Nghệ An", "Nghệ An"),
    "BHT": ("Báo Hà Tĩnh", "Hà Tĩnh"),
    "BVP": ("Báo Vĩnh Phúc", "Vĩnh Phúc"),
    "PTO": ("Báo Phú Thọ", "Phú Thọ"),
    "TBO": ("Báo Thái Bình", "Thái Bình"),
    "BTN": ("Báo Tây Ninh", "Tây Ninh"),
    "CTO": ("Báo Cần Thơ", "Cần Thơ"),
    "BCT": ("Báo Cần Thơ", "Cần Thơ"),
    "ĐNO": ("Báo Đồng Nai", "Đồng Nai"),
    "BĐN": ("Báo Đồng Nai", "Đồng Nai"),
    "BBL": ("Báo Bạc Liêu", "Bạc Liêu"),
    "BCM": ("Báo Cà Mau", "Cà Mau"),
    "BST": ("Báo Sóc Trăng", "Sóc Trăng"),
    "BHGi": ("Báo Hậu Giang", "Hậu Giang"),
    "BĐK": ("Báo Đắk Lắk", "Đắk Lắk"),
    "BĐL": ("Báo Đắk Lắk", "Đắk Lắk"),
    "BĐN ": ("Báo Đắk Nông", "Đắk Nông"),
    "GLO": ("Báo Gia Lai", "Gia Lai"),
    "BGL": ("Báo Gia Lai", "Gia Lai"),
    "BKH": ("Báo Khánh Hòa", "Khánh Hòa"),
    "BNT": ("Báo Ninh Thuận", "Ninh Thuận"),
    "BBT": ("Báo Bình Thuận", "Bình Thuận"),
    "BBĐ": ("Báo Bình Định", "Bình Định"),
    "BPY": ("Báo Phú Yên", "Phú Yên"),
    "QNg": ("Báo Quảng Ngãi", "Quảng Ngãi"),
    "BTTH": ("Báo Thừa Thiên Huế", "Huế"),
    "HNM": ("Báo Hà Nội Mới", "Hà Nội"),
    "HNMO": ("Báo Hà Nội Mới", "Hà Nội"),
    "BQN": ("Báo Quảng Ninh", "Quảng Ninh"),
    "BBG": ("Báo Bắc Giang", "Bắc Giang"),
    "BBN": ("Báo Bắc Ninh", "Bắc Ninh"),
    "BHD": ("Báo Hải Dương", "Hải Dương"),
    "BHY": ("Báo Hưng Yên", "Hưng Yên"),
    "BNĐ": ("Báo Nam Định", "Nam Định"),
    "BHNa": ("Báo Hà Nam", "Hà Nam"),
    "BNB": ("Báo Ninh Bình", "Ninh Bình"),
    "BTH": ("Báo Thanh Hóa", "Thanh Hóa"),
    "BCB": ("Báo Cao Bằng", "Cao Bằng"),
    "BBK": ("Báo Bắc Kạn", "Bắc Kạn"),
    "BTQ": ("Báo Tuyên Quang", "Tuyên Quang"),
    "BTNg": ("Báo Thái Nguyên", "Thái Nguyên"),
    "BSL": ("Báo Sơn La", "Sơn La"),
    "BLC ": ("Báo Lai Châu", "Lai Châu"),
    "BĐBP": ("Báo Điện Biên Phủ", "Điện Biên"),
    "BLA": ("Báo Long An", "Long An"),
    "BAG": ("Báo An Giang", "An Giang"),
    "BĐT": ("Báo Đồng Tháp", "Đồng Tháp"),
    "BVL": ("Báo Vĩnh Long", "Vĩnh Long"),
    "BTV": ("Báo Trà Vinh", "Trà Vinh"),
    "BKG": ("Báo Kiên Giang", "Kiên Giang"),
    "BBD": ("Báo Bình Dương", "Bình Dương"),
    "BBR-VT": ("Báo Bà Rịa - Vũng Tàu", "Bà Rịa - Vũng Tàu"),
    "BLĐ": ("Báo Lâm Đồng", "Lâm Đồng"),
    "HPO": ("Báo Hải Phòng", "Hải Phòng"),
    "ĐNĐT": ("Báo Đà Nẵng", "Đà Nẵng"),
    "SGGP": ("Báo Sài Gòn Giải Phóng", "Hồ Chí Minh"),
}
OUTLET_TAGS.update(
    {
        "BĐ": ("Báo Bình Định", "Bình Định"),
        "CMO": ("Báo Cà Mau", "Cà Mau"),
        "ĐBP": ("Báo Điện Biên Phủ", "Điện Biên"),
        "BNO": ("Báo Bắc Ninh", "Bắc Ninh"),
        "BTO": ("Báo Bình Thuận", "Bình Thuận"),
        "NTO": ("Báo Ninh Thuận", "Ninh Thuận"),
        "STO": ("Báo Sóc Trăng", "Sóc Trăng"),
        "AGO": ("Báo An Giang", "An Giang"),
        "VLO": ("Báo Vĩnh Long", "Vĩnh Long"),
        "TVO": ("Báo Trà Vinh", "Trà Vinh"),
        "ĐTO": ("Báo Đồng Tháp", "Đồng Tháp"),
        "BĐT": ("Báo Đồng Tháp", "Đồng Tháp"),
        "KGO": ("Báo Kiên Giang", "Kiên Giang"),
        "LAO": ("Báo Long An", "Long An"),
        "BRVT": ("Báo Bà Rịa - Vũng Tàu", "Bà Rịa - Vũng Tàu"),
        "KTO": ("Báo Kon Tum", "Kon Tum"),
        "QNg": ("Báo Quảng Ngãi", "Quảng Ngãi"),
        "BQNg": ("Báo Quảng Ngãi", "Quảng Ngãi"),
        "TTH": ("Báo Thừa Thiên Huế", "Huế"),
        "ĐNĐT": ("Báo Đà Nẵng", "Đà Nẵng"),
        "BHN": ("Báo Hà Nam", "Hà Nam"),
        "NĐO": ("Báo Nam Định", "Nam Định"),
        "HYO": ("Báo Hưng Yên", "Hưng Yên"),
        "HDO": ("Báo Hải Dương", "Hải Dương"),
        "BGĐT": ("Báo Bắc Giang", "Bắc Giang"),
        "TQĐT": ("Báo Tuyên Quang", "Tuyên Quang"),
        "CBO": ("Báo Cao Bằng", "Cao Bằng"),
        "SLO": ("Báo Sơn La", "Sơn La"),
        "HBO": ("Báo Hòa Bình", "Hòa Bình"),
        "PTĐT": ("Báo Phú Thọ", "Phú Thọ"),
        "VPO": ("Báo Vĩnh Phúc", "Vĩnh Phúc"),
        "NBO": ("Báo Ninh Bình", "Ninh Bình"),
        "THO": ("Báo Thanh Hóa", "Thanh Hóa"),
        "NAO": ("Báo Nghệ An", "Nghệ An"),
        "HTO": ("Báo Hà Tĩnh", "Hà Tĩnh"),
        "QBO": ("Báo Quảng Bình", "Quảng Bình"),
        "KHO": ("Báo Khánh Hòa", "Khánh Hòa"),
        "PYO": ("Báo Phú Yên", "Phú Yên"),
        "ĐLO": ("Báo Đắk Lắk", "Đắk Lắk"),
        "ĐKN": ("Báo Đắk Nông", "Đắk Nông"),
        "BDO": ("Báo Bình Dương", "Bình Dương"),
        "BPĐT": ("Báo Bình Phước", "Bình Phước"),
        "ĐKO": ("Báo Đồng Khởi", "Bến Tre"),
        "ABO": ("Báo Ấp Bắc", "Tiền Giang"),
    }
)
OUTLET_TAGS = {k.strip(): v for k, v in OUTLET_TAGS.items()}
# National outlets: their dateline tags name the source but no province.
NATIONAL_TAGS: dict[str, str] = {
    "ĐCSVN": "Báo Điện tử Đảng Cộng sản Việt Nam",
    "ĐCS": "Báo Điện tử Đảng Cộng sản Việt Nam",
    "DCSVN": "Báo Điện tử Đảng Cộng sản Việt Nam",
    "NDO": "Báo Nhân Dân",
    "TTXVN": "Thông tấn xã Việt Nam",
    "VNA": "Thông tấn xã Việt Nam",
    "TTO": "Báo Tuổi Trẻ",
    "VOV": "Đài Tiếng nói Việt Nam",
    "VOV.VN": "Đài Tiếng nói Việt Nam",
    "VTV": "Đài Truyền hình Việt Nam",
    "QĐND": "Báo Quân đội nhân dân",
    "CAND": "Báo Công an nhân dân",
    "ĐĐK": "Báo Đại Đoàn Kết",
    "TG": "Ban Tuyên giáo Trung ương",
    "TGĐT": "Ban Tuyên giáo Trung ương",
    "MTTQ": "Mặt trận Tổ quốc Việt Nam",
    "NLĐO": "Báo Người Lao Động",
    "PLO": "Báo Pháp luật TP.HCM",
    "GDVN": "Báo Giáo dục Việt Nam",
    "VTC": "VTC News",
    "Dân trí": "Báo Dân trí",
    "Dân Trí": "Báo Dân trí",
    "Baotintuc.vn": "Báo Tin tức",
    "Chinhphu.vn": "Báo Điện tử Chính phủ",
}


def _initials(name: str) -> str:
    return "".join(w[0].upper() for w in re.split(r"[\s-]+", name) if w)


@lru_cache(maxsize=1)
def _generated_tags() -> dict[str, str]:
    """Dateline tags built from a province's initials (B+XY, XY+O, XY+ĐT); ambiguous ones dropped."""
    from vietnam_provinces.legacy import Province as Legacy

    seen: dict[str, set[str]] = {}
    for p in list(Legacy.iter_all()) + list(Province.iter_all()):
        name = short_name(p.name)
        ini = _initials(name)
        if len(ini) < 2:
            continue
        for tag in ("B" + ini, ini + "O", ini + "ĐT", "B" + ini + "ĐT"):
            seen.setdefault(tag, set()).add(name)
    return {tag: next(iter(names)) for tag, names in seen.items() if len(names) == 1}


# Site domains: the "bao<name>" pattern is generated below; these are the irregular ones.
_DOMAINS: dict[str, tuple[str, str]] = {
    "baclieu.gov.vn": ("Cổng thông tin điện tử tỉnh Bạc Liêu", "Bạc Liêu"),
    "baoapbac.vn": ("Báo Ấp Bắc", "Tiền Giang"),
    "baodongkhoi.vn": ("Báo Đồng Khởi", "Bến Tre"),
    "hanoimoi.vn": ("Báo Hà Nội Mới", "Hà Nội"),
    "hanoimoi.com.vn": ("Báo Hà Nội Mới", "Hà Nội"),
    "sggp.org.vn": ("Báo Sài Gòn Giải Phóng", "Hồ Chí Minh"),
    "baodienbienphu.com.vn": ("Báo Điện Biên Phủ", "Điện Biên"),
    "baothuathienhue.vn": ("Báo Thừa Thiên Huế", "Huế"),
    "baobariavungtau.com.vn": ("Báo Bà Rịa - Vũng Tàu", "Bà Rịa - Vũng Tàu"),
    "anhp.vn": ("Công an Hải Phòng", "Hải Phòng"),
    "congan.haiphong.gov.vn": ("Công an Hải Phòng", "Hải Phòng"),
    "qdnd.vn": ("Báo Quân đội nhân dân", ""),
    "dangcongsan.vn": ("Báo Điện tử Đảng Cộng sản Việt Nam", ""),
    "danvan.vn": ("Tạp chí Dân vận", ""),
    "nhandan.vn": ("Báo Nhân Dân", ""),
    "nhandan.com.vn": ("Báo Nhân Dân", ""),
    "tuyengiao.vn": ("Ban Tuyên giáo Trung ương", ""),
    "tuyengiaovadanvan.vn": ("Ban Tuyên giáo và Dân vận Trung ương", ""),
    "mattran.org.vn": ("Ủy ban Trung ương MTTQ Việt Nam", ""),
    "daidoanket.vn": ("Báo Đại Đoàn Kết", ""),
    "baotintuc.vn": ("Báo Tin tức", ""),
    "vietnamplus.vn": ("VietnamPlus", ""),
    "dantri.com.vn": ("Báo Dân trí", ""),
    "vnexpress.net": ("VnExpress", ""),
    "tuoitre.vn": ("Báo Tuổi Trẻ", ""),
    "thanhnien.vn": ("Báo Thanh Niên", ""),
    "laodong.vn": ("Báo Lao Động", ""),
    "nld.com.vn": ("Báo Người Lao Động", ""),
    "vov.vn": ("Đài Tiếng nói Việt Nam", ""),
    "vtv.vn": ("Đài Truyền hình Việt Nam", ""),
    "baochinhphu.vn": ("Báo Điện tử Chính phủ", ""),
    "chinhphu.vn": ("Báo Điện tử Chính phủ", ""),
    "cand.com.vn": ("Báo Công an nhân dân", ""),
    "tapchicongsan.org.vn": ("Tạp chí Cộng sản", ""),
    "xaydungdang.org.vn": ("Tạp chí Xây dựng Đảng", ""),
    "baodantoc.vn": ("Báo Dân tộc và Phát triển", ""),
    "vietnamnet.vn": ("VietNamNet", ""),
    "huengaynay.vn": ("Báo Huế ngày nay", "Huế"),
    "baohuengaynay.vn": ("Báo Huế ngày nay", "Huế"),
    "kinhtedothi.vn": ("Báo Kinh tế và Đô thị", "Hà Nội"),
    "anninhthudo.vn": ("Báo An ninh Thủ đô", "Hà Nội"),
    "hcmcpv.org.vn": ("Cổng thông tin Đảng bộ TP. Hồ Chí Minh", "Hồ Chí Minh"),
    "thdt.vn": ("Báo Đồng Tháp", "Đồng Tháp"),
    "baoapbac.com.vn": ("Báo Ấp Bắc", "Tiền Giang"),
    "baodaknong.vn": ("Báo Đắk Nông", "Đắk Nông"),
    "baotuyenquang.com.vn": ("Báo Tuyên Quang", "Tuyên Quang"),
}
# Prefixes and suffixes around a province name in a site's host label
# ("tinhuylangson", "baobacninhtv", "danvanhagiang").
_HOST_AFFIX = re.compile(
    r"^(?:bao|cong|portal|tinhuy|thanhuy|danvan|bandanvan|bdv|tuyengiao|mattran|ubmttq|mttq|dangbo|dcs|"
    r"congan|sotttt|stttt|dbnd|hdnd|ubnd|ptth|tv)?(?P<core>[a-z]+?)(?:tv|online|dientu|news|portal|dcs|gov)?$"
)


_CITIES = frozenset({"Hà Nội", "Hải Phòng", "Đà Nẵng", "Huế", "Cần Thơ", "Hồ Chí Minh"})


@dataclass(frozen=True)
class _Names:
    by_surface: dict[str, tuple[str, int]]  # surface form → (historical name, 2025 code)
    pattern: re.Pattern[str]
    by_fold: dict[str, tuple[str, int]]


@lru_cache(maxsize=1)
def _names() -> _Names:
    surface: dict[str, tuple[str, int]] = {}
    for p in LegacyProvince.iter_all():
        name = short_name(p.name)
        surface[name] = (name, _new_code_for_old(int(p.code)))
    for new in Province.iter_all():
        name = short_name(new.name)
        surface.setdefault(name, (name, int(new.code)))
    canonical = dict(surface)
    for alias, target in _ALIASES.items():
        hist = "Thừa Thiên Huế" if alias.startswith("Thừa Thiên") else canonical[target][0]
        surface[alias] = (hist, canonical[target][1])
    for town, target in _TOWNS.items():
        surface.setdefault(town, canonical[target])
    by_fold = {fold(name).replace(" ", "").replace("-", ""): ref for name, ref in canonical.items()}
    # "Hồ Chí Minh" alone is mostly the President ("tư tưởng Hồ Chí Minh"): only match it with "TP".
    searchable = [s for s in surface if s != "Hồ Chí Minh"]
    alternatives = "|".join(re.escape(s) for s in sorted(searchable, key=len, reverse=True))
    pattern = re.compile(r"(?<![^\W\d_])(" + alternatives + r")(?![^\W\d_])")
    return _Names(surface, pattern, by_fold)


def is_province(name: str) -> bool:
    """True for a province name or alias (old or new), False for towns and other places."""
    ref = lookup(name)
    return ref is not None and normalize_tones(name.strip()) not in _TOWNS


def province_names() -> list[str]:
    """Canonical short names of the 63 old and 34 new provinces."""
    return sorted({ref[0] for ref in _names().by_surface.values()})


def lookup(name: str) -> ProvinceRef | None:
    """Resolve a province name (old, new, alias or main town) to its 2025 code."""
    names = _names()
    ref = names.by_surface.get(normalize_tones(name.strip()))
    if ref is None:
        ref = names.by_fold.get(fold(name).replace(" ", "").replace("-", ""))
    return ProvinceRef(ref[1], ref[0]) if ref else None


def find_mentions(text: str) -> Iterable[tuple[int, ProvinceRef]]:
    """Yield (offset, province) for every capitalised province or main-town name in text."""
    names = _names()
    for match in names.pattern.finditer(text):
        hist, code = names.by_surface[match.group(1)]
        yield match.start(), ProvinceRef(code, hist)


def outlet_from_tag(tag: str) -> tuple[str, ProvinceRef | None] | None:
    """'LSO' → ('Báo Lạng Sơn', Lạng Sơn)."""
    tag = tag.strip()
    hit = OUTLET_TAGS.get(tag)
    if hit is None and tag in NATIONAL_TAGS:
        return NATIONAL_TAGS[tag], None
    if hit is None and tag in _generated_tags():
        name = _generated_tags()[tag]
        return "Báo " + name, lookup(name)
    if hit is None:
        return None
    return hit[0], lookup(hit[1])


def outlet_from_domain(domain_or_url: str) -> tuple[str, ProvinceRef | None] | None:
    """'https://baolangson.vn/...' → ('Báo Lạng Sơn', Lạng Sơn)."""
    match = re.search(r"(?:https?://)?(?:www\.)?([a-z0-9.-]+\.[a-z]{2,})", domain_or_url.lower())
    if not match:
        return None
    host = match.group(1)
    for domain, (outlet, prov) in _DOMAINS.items():
        if host == domain or host.endswith("." + domain):
            return outlet, lookup(prov) if prov else None
    labels = [lb.replace("-", "") for lb in host.split(".")]
    first = labels[0]
    if host.startswith("bao") and (m := _HOST_AFFIX.match(first)):
        ref = _names().by_fold.get(m.group("core")) or _names().by_fold.get(first[3:])
        if ref:
            return "Báo " + ref[0], ProvinceRef(ref[1], ref[0])
    party_or_state = host.endswith((".gov.vn", ".dcs.vn", ".org.vn")) or re.match(
        r"(?:tinhuy|thanhuy|danvan|bandanvan|tuyengiao|mattran|ubmttq|dangbo)", first
    )
    if party_or_state:
        for label in labels[:-1]:
            m = _HOST_AFFIX.match(label)
            ref = _names().by_fold.get(label) or (_names().by_fold.get(m.group("core")) if m else None)
            if ref:
                kind = "thành phố" if ref[0] in _CITIES else "tỉnh"
                return f"Cổng thông tin điện tử {kind} {ref[0]}", ProvinceRef(ref[1], ref[0])
    return None


def damaged_name_pattern(name: str) -> str:
    """Regex for a name whose non-ASCII letters may have become '?' or been dropped."""
    parts: list[str] = []
    for ch in name:
        if ch == " ":
            parts.append(r"\s+")
        elif ord(ch) < 128:
            parts.append(re.escape(ch))
        else:
            alt = {ch, ch.upper(), ch.lower(), fold(ch), fold(ch).upper()}
            parts.append("(?:" + "|".join(re.escape(a) for a in sorted(alt)) + r"|\?)?")
    return "".join(parts)
