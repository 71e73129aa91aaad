"""Issue #16 item 6: Open311 publishes a public id distinct from the citizen's tracking code; rating needs
what only the citizen holds (the code and the confirmation key given at submission); titles published
through Open311 pass the identity detection unless an officer marked them public."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from danvan.conftest import client_for
from danvan.petitions import services
from danvan.petitions.models import Petition
from danvan.petitions.tests.conftest import petition_data

pytestmark = pytest.mark.django_db

BASE = "/open311/v2"


@pytest.fixture
def desk_petition(alice, units):
    """An officer-typed desk petition whose title names the citizen ("Ông Sinh phản ánh…")."""
    data = petition_data(
        units,
        title="Ông Sinh phản ánh đường liên thôn bị sụt lún",
        petitioner_name="Trần Văn Sinh",
        petitioner_phone="0912 888 777",
    )
    return services.submit_petition(actor=alice, channel="desk", data=data, unit=units.commune_a)


def _closed(petition, alice):
    p = services.accept(actor=alice, petition=petition)
    p = services.start(actor=alice, petition=p)
    p = services.resolve(actor=alice, petition=p, answer="Đã sửa xong đoạn đường.")
    return services.close(actor=alice, petition=p)


def test_the_anonymous_request_list_never_shows_a_tracking_code(desk_petition, units):
    web = services.submit_petition(actor=None, channel="web", data=petition_data(units))
    body = Client().get(f"{BASE}/requests.json").content.decode()
    for p in (desk_petition, web):
        p.refresh_from_db()
        assert p.tracking_code not in body and p.public_id in body
        assert p.public_id != p.tracking_code
    assert Client().get(f"{BASE}/requests/{web.tracking_code}.json").status_code == 404
    assert Client().get(f"{BASE}/requests/{web.public_id}.json").status_code == 200


def test_the_code_alone_no_longer_lets_anyone_rate_a_closed_case(desk_petition, alice, client):
    closed = _closed(desk_petition, alice)
    with pytest.raises(services.Refused, match="mã xác nhận"):
        services.rate(code=closed.tracking_code, key="", rating=1)
    answer = client.post(f"/petitions/tra-cuu/{closed.tracking_code}/danh-gia/", {"rating": "1"}, follow=True)
    assert "mã xác nhận" in answer.content.decode()
    assert Petition.objects.get(pk=closed.pk).rating is None
    rated = services.rate(code=closed.tracking_code, key=desk_petition.citizen_key, rating=5)
    assert rated.rating == 5


def test_the_confirmation_key_is_given_once_at_submission_and_stored_only_as_a_digest(units, client):
    response = client.post("/petitions/gui-don/", petition_data(units), follow=True)
    petition = Petition.objects.get()
    page = response.content.decode()
    found = re.search(r"XN-[A-Z0-9]{4}-[A-Z0-9]{4}", page)
    assert found is not None
    key = found.group()
    assert petition.citizen_key_hash and key not in petition.citizen_key_hash
    # shown once: the receipt page opened again (or by anyone else with the code) no longer has it
    assert key not in client.get(f"/petitions/bien-nhan/{petition.tracking_code}/").content.decode()
    assert key not in Client().get(f"/petitions/bien-nhan/{petition.tracking_code}/").content.decode()


def test_a_title_naming_the_citizen_is_published_redacted_until_an_officer_marks_it_public(
    desk_petition, alice
):
    body = Client().get(f"{BASE}/requests.json").content.decode()
    assert "Sinh" not in body and "đường liên thôn bị sụt lún" in body
    client_for(alice).post(
        f"/petitions/{desk_petition.pk}/publish-title/",
        {"version": Petition.objects.get(pk=desk_petition.pk).version},
    )
    assert Petition.objects.get(pk=desk_petition.pk).title_public
    assert "Ông Sinh phản ánh" in Client().get(f"{BASE}/requests.json").content.decode()


def test_before_the_analysis_open311_describes_a_request_by_its_kind_and_field_only(alice, units, settings):
    settings.PETITIONS_ENRICH_SYNC = False
    data = petition_data(units, title="Ông Sinh phản ánh đường hỏng", petitioner_name="Trần Văn Sinh")
    services.submit_petition(actor=alice, channel="desk", data=data, unit=units.commune_a)
    body = Client().get(f"{BASE}/requests.json").json()
    assert [item["description"] for item in body] == ["Phản ánh"]
