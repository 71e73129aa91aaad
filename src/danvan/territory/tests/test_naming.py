"""One helper names units, their bodies and their officials by the unit's type (issue #20 item 3, #14 item 3)."""

from __future__ import annotations

import pytest

from danvan.core.text import ascii_filename, end_sentence, slug
from danvan.territory import naming
from danvan.territory.models import AdminUnit


def unit(code: str) -> AdminUnit:
    return AdminUnit.objects.get(code=code)


@pytest.mark.django_db
def test_a_ward_is_named_as_a_ward_in_running_text_and_in_titles() -> None:
    ward = unit("05977")  # Phường Đông Kinh, Lạng Sơn
    assert naming.unit_name(ward) == "phường Đông Kinh"
    assert naming.unit_name(ward, title=True) == "Phường Đông Kinh"
    assert naming.body_name(ward) == "UBND phường Đông Kinh"
    assert naming.body_name(ward, full=True) == "Ủy ban nhân dân phường Đông Kinh"
    assert naming.body_name(ward, "cap_uy") == "Đảng ủy phường Đông Kinh"
    assert naming.official_title(ward) == "Chủ tịch UBND phường"
    assert naming.official_title(ward, "secretary") == "Bí thư Đảng ủy phường"
    assert naming.official_title(ward, with_name=True) == "Chủ tịch UBND phường Đông Kinh"


@pytest.mark.django_db
def test_a_commune_a_special_zone_a_province_and_a_city_each_get_their_own_words() -> None:
    commune = AdminUnit.objects.filter(division_type="xã", path__startswith="VN/20/").order_by("code").first()
    assert commune is not None and naming.official_title(commune) == "Chủ tịch UBND xã"
    special = AdminUnit.objects.filter(division_type="đặc khu").order_by("code").first()
    assert special is not None and naming.official_title(special, "secretary") == "Bí thư Đảng ủy đặc khu"
    province = unit("20")
    assert naming.body_name(province, full=True, upper=True) == "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN"
    assert naming.body_name(province, "thanh_tra") == "Thanh tra tỉnh Lạng Sơn"
    assert naming.body_name(province, "ban_dan_van") == "Ban Dân vận Tỉnh ủy Lạng Sơn"
    assert naming.official_title(province, "secretary") == "Bí thư Tỉnh ủy"
    hanoi = unit("01")
    assert naming.unit_name(hanoi) == "thành phố Hà Nội"
    assert naming.official_title(hanoi) == "Chủ tịch UBND thành phố"
    assert naming.body_name(hanoi, "ban_dan_van") == "Ban Dân vận Thành ủy Hà Nội"
    assert naming.competent_body(province, "denunciation") == "Thanh tra tỉnh Lạng Sơn"
    assert naming.competent_body(unit("05977"), "denunciation") == "UBND phường Đông Kinh"


def test_honorifics_come_from_the_recorded_gender_or_are_neutral() -> None:
    assert naming.addressed("Lý Thị Lan", "female") == "Bà Lý Thị Lan"
    assert naming.addressed("Hoàng Văn Sáng", "male") == "Ông Hoàng Văn Sáng"
    assert naming.addressed("Lý Thị Lan") == "Ông/Bà Lý Thị Lan"
    assert "(bà)" not in naming.addressed("Lý Thị Lan", "")


def test_file_names_keep_the_d_of_dong_kinh() -> None:
    assert slug("Đông Kinh") == "dong-kinh"
    assert f"bao-cao-{slug('Đông Kinh')}-5.docx" == "bao-cao-dong-kinh-5.docx"
    assert ascii_filename("Đơn khiếu nại (bản 2).pdf") == "Don-khieu-nai-ban-2.pdf"
    assert ascii_filename("") == "tep"


def test_a_message_ends_with_one_full_stop() -> None:
    assert end_sentence("Đã chuyển thành đơn: Tổ hòa giải.") == "Đã chuyển thành đơn: Tổ hòa giải."
    assert end_sentence("Đã chuyển thành đơn: Tổ hòa giải..") == "Đã chuyển thành đơn: Tổ hòa giải."
    assert end_sentence("Đã lưu") == "Đã lưu."
    assert end_sentence("Còn nữa...") == "Còn nữa..."
