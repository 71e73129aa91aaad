from __future__ import annotations

import pytest
from vietnam_provinces import Ward
from vietnam_provinces.legacy import Province as LegacyProvinceData

from danvan.territory import selectors
from danvan.territory.models import AdminUnit, LegacyProvince, Level

pytestmark = pytest.mark.django_db


def test_it_has_the_nation_34_provinces_and_3321_communes() -> None:
    assert AdminUnit.objects.filter(level=Level.NATION).count() == 1
    assert AdminUnit.objects.filter(level=Level.PROVINCE).count() == 34
    assert AdminUnit.objects.filter(level=Level.COMMUNE).count() == 3321


def test_every_commune_sits_under_its_own_province() -> None:
    expected = {f"{int(w.code):05d}": f"{int(w.province_code):02d}" for w in Ward.iter_all()}
    rows = AdminUnit.objects.filter(level=Level.COMMUNE).values_list("code", "parent__code", "path")
    for code, parent_code, path in rows:
        assert parent_code == expected[code]
        assert path == f"VN/{parent_code}/{code}/"


def test_the_subtree_of_a_province_is_its_communes_and_itself() -> None:
    hcm = AdminUnit.objects.get(code="79")
    subtree = AdminUnit.objects.subtree(hcm)
    assert subtree.filter(level=Level.COMMUNE).count() == AdminUnit.objects.filter(parent=hcm).count() > 100
    assert set(subtree.values_list("path", flat=True)) == {hcm.path} | set(
        AdminUnit.objects.filter(parent=hcm).values_list("path", flat=True)
    )


@pytest.mark.parametrize(
    "name", ["tp hcm", "Thành phố Hồ Chí Minh", "TP. Hồ Chí Minh", "TPHCM", "ho chi minh", "Sài Gòn"]
)
def test_it_finds_ho_chi_minh_city_however_it_is_written(name: str) -> None:
    unit = selectors.resolve_province(name)
    assert unit is not None and unit.code == "79"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Bạc Liêu", "96"),
        ("Bình Phước", "75"),
        ("Yên Bái", "15"),
        ("tinh ha giang", "08"),
        ("Bà Rịa - Vũng Tàu", "79"),
    ],
)
def test_it_resolves_old_province_names_to_todays_province(old: str, new: str) -> None:
    unit = selectors.resolve_province(old)
    assert unit is not None and unit.code == new


def test_all_63_old_provinces_resolve_to_one_of_the_34() -> None:
    assert LegacyProvince.objects.count() == 63
    for old in LegacyProvinceData.iter_all():
        unit = selectors.resolve_province(old.name)
        assert unit is not None, old.name
        assert unit.level == Level.PROVINCE


def test_it_resolves_an_old_commune_address_to_todays_commune() -> None:
    unit = selectors.resolve_address("xã Vĩnh Hưng, huyện Vĩnh Lợi, tỉnh Bạc Liêu")
    assert unit is not None and unit.name == "Xã Châu Thới" and unit.province_code == "96"


def test_it_resolves_a_new_address_without_diacritics() -> None:
    unit = selectors.resolve_address("so 5, phuong ban co, tp ho chi minh")
    assert unit is not None and unit.name == "Phường Bàn Cờ"


def test_an_unknown_place_resolves_to_nothing() -> None:
    assert selectors.resolve_province("Atlantis") is None
    assert selectors.resolve_address("") is None


def test_an_unknown_unit_code_raises_a_vietnamese_error() -> None:
    with pytest.raises(selectors.UnknownUnitError, match="Không tìm thấy"):
        selectors.get_unit("999999")
