"""Bodies, not territories (issue #14 item 3, case 5): the receipt and the tracking page name the competent
body ("UBND phường Đông Kinh", "Thanh tra tỉnh Lạng Sơn"), and every change of competent body after the
receipt (routing once the field is known, a transfer) is a dated public step with its reason."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from danvan.petitions import selectors, services
from danvan.petitions.models import Field, PetitionHistory, RoutingRule
from danvan.petitions.tests.conftest import LAND

pytestmark = pytest.mark.django_db


@pytest.fixture
def land_denunciations_go_to_the_province() -> None:
    RoutingRule.objects.create(
        kind="denunciation",
        field=Field.objects.get(code="dat_dai"),
        level="province",
        priority=999,
        effective_from=dt.date(2020, 1, 1),
    )


def test_a_denunciation_routed_to_the_province_after_its_receipt_says_so_on_the_tracking_page(
    make_data, units, asynchronous, land_denunciations_go_to_the_province
):
    data = make_data(
        kind="denunciation",
        petitioner_name="Phạm Thị Hoa",
        accused="Ông Lê Văn Tham, cán bộ địa chính",
        accused_act="Cố ý làm chậm cấp giấy chứng nhận quyền sử dụng đất",
        title=LAND["title"],
        content=LAND["content"],
    )
    petition = services.submit_petition(actor=None, channel="web", data=data)
    receipt = selectors.public_status(petition.tracking_code)
    assert receipt is not None
    assert units.commune_a.name == "Phường Đông Kinh"
    assert receipt.unit_name == "UBND phường Đông Kinh"  # a body, not "Phường Đông Kinh"

    services.enrich_petition(petition.pk)
    tracking = selectors.public_status(petition.tracking_code)
    assert tracking is not None
    assert tracking.unit_name == "Thanh tra tỉnh Lạng Sơn"  # not "Tỉnh Lạng Sơn"
    routed = [step for step in tracking.steps if step.note]
    assert len(routed) == 1
    assert routed[0].label == "Xác định cơ quan có thẩm quyền"
    assert "UBND phường Đông Kinh" in routed[0].note and "Thanh tra tỉnh Lạng Sơn" in routed[0].note
    assert "Đất đai" in routed[0].note or "đất" in routed[0].note.lower()
    assert routed[0].at >= tracking.steps[0].at

    page = Client().get(reverse("petitions:track"), {"code": petition.tracking_code}).content.decode()
    assert "Thanh tra tỉnh Lạng Sơn" in page and "Xác định cơ quan có thẩm quyền" in page
    assert "Phạm Thị Hoa" not in page  # the public reason never carries the denunciator's identity


def test_a_transfer_is_a_public_step_naming_both_bodies(make_data, alice, units):
    petition = services.submit_petition(actor=None, channel="web", data=make_data())
    services.transfer(
        actor=alice, petition=petition, to_unit=units.commune_b, reason="Ghi chú nội bộ của cán bộ."
    )
    row = PetitionHistory.objects.get(petition=petition, action="transfer")
    assert row.is_public
    assert row.public_note == (
        "Đơn không thuộc thẩm quyền của UBND phường Đông Kinh; chuyển đến UBND phường Lương Văn Tri "
        "là cơ quan có thẩm quyền giải quyết."
    )
    page = Client().get(reverse("petitions:track"), {"code": petition.tracking_code}).content.decode()
    assert "chuyển đến UBND phường Lương Văn Tri" in page
    assert "Ghi chú nội bộ" not in page  # the officer's own reason stays inside


def test_the_receipt_page_names_the_body(make_data):
    petition = services.submit_petition(actor=None, channel="web", data=make_data())
    page = Client().get(reverse("petitions:receipt", args=[petition.tracking_code])).content.decode()
    assert 'data-testid="competent-body">UBND phường Đông Kinh<' in page
