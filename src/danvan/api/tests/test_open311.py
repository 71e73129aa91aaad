from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import pytest
from django.test import Client

from danvan.conftest import Units
from danvan.petitions.models import Petition

BASE = "/open311/v2"
NAME = "Trần Thị Bích Ngọc"


def _post(raw: str, fmt: str = "json", **fields: str) -> Any:
    data = {
        "api_key": raw,
        "service_code": "ha_tang_giao_thong",
        "attribute[kind]": "feedback",
        "description": "Đèn đường trên trục chính của xã bị hỏng hơn một tháng nay, buổi tối rất tối và nguy hiểm.",
        "first_name": "Ngọc",
        "last_name": NAME,
        "email": "ngoc@example.vn",
        "phone": "0987654321",
        **fields,
    }
    return Client().post(f"{BASE}/requests.{fmt}", data)


def test_discovery_and_services_list_one_service_per_field_in_json_and_xml(fields: Any) -> None:
    discovery = Client().get(f"{BASE}/discovery.json").json()
    assert discovery["endpoints"][0]["specification"] == "http://wiki.open311.org/GeoReport_v2"
    services = Client().get(f"{BASE}/services.json").json()
    assert [s["service_code"] for s in services] == [f.code for f in fields]
    xml = Client().get(f"{BASE}/services.xml")
    assert xml["Content-Type"].startswith("text/xml")
    assert xml.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    root = ET.fromstring(xml.content)
    assert root.tag == "services" and len(root.findall("service")) == len(fields)
    assert root.find("service/service_name").text == "Đất đai"  # type: ignore[union-attr]


def test_a_service_definition_lists_its_attributes_and_unknown_codes_get_404(fields: Any) -> None:
    definition = Client().get(f"{BASE}/services/ha_tang_giao_thong.json").json()
    kinds = next(a for a in definition["attributes"] if a["code"] == "kind")
    assert kinds["required"] and {v["key"] for v in kinds["values"]} == {"feedback", "proposal"}
    missing = Client().get(f"{BASE}/services/khong-co.xml")
    assert missing.status_code == 404
    assert ET.fromstring(missing.content).find("error/code").text == "404"  # type: ignore[union-attr]


def test_a_post_with_an_address_string_creates_a_petition_at_the_resolved_commune(
    units: Units, fields: Any, write_token: Any
) -> None:
    response = _post(write_token[1], address_string=f"{units.commune_a.name}, tỉnh Lạng Sơn")
    assert response.status_code == 201, response.content
    answer = response.json()[0]
    petition = Petition.objects.get(public_id=answer["service_request_id"])
    assert petition.tracking_code in answer["service_notice"]
    assert petition.place == units.commune_a and petition.channel == "open311"
    assert petition.field.code == "ha_tang_giao_thong"  # type: ignore[union-attr]
    token = Client().get(f"{BASE}/tokens/{answer['service_request_id']}.json").json()
    assert token[0]["service_request_id"] == answer["service_request_id"]


def test_an_old_pre_2025_address_is_resolved_too(units: Units, fields: Any) -> None:
    from danvan.api import tokens

    # A Hồ Chí Minh City address: outside Lạng Sơn, so sent through a portal intake token.
    _, raw = tokens.create_token(
        actor=None, name="Cổng tiếp nhận", unit=units.nation, scope="write", portal_intake=True
    )
    response = _post(raw, address_string="Phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh")
    assert response.status_code == 201, response.content
    petition = Petition.objects.get()
    assert (
        petition.place is not None
        and petition.place.code.startswith("2")
        or petition.place.parent.code == "79"
    )  # type: ignore[union-attr]


def test_coordinates_alone_are_placed_in_a_commune_keys_own_commune(units: Units, fields: Any) -> None:
    from danvan.api import tokens

    _, raw = tokens.create_token(actor=None, name="App xã A", unit=units.commune_a, scope="write")
    response = _post(raw, lat="21.85", long="106.76")
    assert response.status_code == 201
    assert Petition.objects.get().place == units.commune_a


def test_get_requests_and_a_request_carry_no_personal_data(
    units: Units, fields: Any, write_token: Any
) -> None:
    code = _post(write_token[1], address_string=f"{units.commune_a.name}, Lạng Sơn").json()[0][
        "service_request_id"
    ]
    for fmt in ("json", "xml"):
        for url in (f"{BASE}/requests.{fmt}", f"{BASE}/requests/{code}.{fmt}"):
            body = Client().get(url).content.decode("utf-8")
            assert code in body
            for private in (NAME, "ngoc@example.vn", "0987654321"):
                assert private not in body
    item = Client().get(f"{BASE}/requests/{code}.json").json()[0]
    assert item["status"] == "open"
    assert item["requested_datetime"][-6:] == "+07:00"


def test_get_requests_filters_and_defaults(units: Units, fields: Any, write_token: Any) -> None:
    code = _post(write_token[1], address_string=f"{units.commune_a.name}, Lạng Sơn").json()[0][
        "service_request_id"
    ]
    _post(write_token[1], address_string=f"{units.commune_b.name}, Lạng Sơn", service_code="dat_dai")
    client = Client()
    assert len(client.get(f"{BASE}/requests.json").json()) == 2
    assert len(client.get(f"{BASE}/requests.json?service_code=dat_dai").json()) == 1
    assert len(client.get(f"{BASE}/requests.json?status=closed").json()) == 0
    assert len(client.get(f"{BASE}/requests.json?status=open").json()) == 2
    assert [
        r["service_request_id"] for r in client.get(f"{BASE}/requests.json?service_request_id={code}").json()
    ] == [code]
    old = Petition.objects.get(public_id=code)
    Petition.objects.filter(pk=old.pk).update(
        received_at=old.received_at.replace(year=old.received_at.year - 1)
    )
    assert len(client.get(f"{BASE}/requests.json").json()) == 1  # the 90-day default window
    assert len(client.get(f"{BASE}/requests.json?start_date=2000-01-01T00:00:00%2B07:00").json()) == 2
    bad = client.get(f"{BASE}/requests.json?start_date=hôm-qua")
    assert bad.status_code == 400 and bad.json()[0]["code"] == 400


def test_complaints_and_denunciations_never_appear_in_open311(
    units: Units, fields: Any, write_token: Any
) -> None:
    from danvan.api.tests.conftest import PETITION, bearer, post_json

    post_json(
        Client(),
        "/api/v1/petitions",
        {
            **PETITION,
            "kind": "denunciation",
            "place_code": units.commune_a.code,
            "accused": "Ông X",
            "accused_act": "Nhận tiền của dân",
            "petitioner_address": "Thôn 1",
        },
        **bearer(write_token[1]),
    )
    assert Petition.objects.count() == 1
    assert Client().get(f"{BASE}/requests.json").json() == []


def test_post_errors_follow_the_spec(units: Units, fields: Any, write_token: Any, read_token_b: Any) -> None:
    address = f"{units.commune_a.name}, Lạng Sơn"
    assert _post("dv_wrong_key", address_string=address).status_code == 403
    assert _post(read_token_b[1], address_string=address).status_code == 403
    assert _post(write_token[1], address_string=address, service_code="khong-co").status_code == 404
    missing = _post(write_token[1])
    assert missing.status_code == 400 and "address_string" in missing.json()[0]["description"]
    assert _post(write_token[1], address_string="Sao Hỏa").status_code == 400
    assert (
        _post(write_token[1], address_string=address, **{"attribute[kind]": "complaint"}).status_code == 400
    )
    assert _post(write_token[1], address_string=address, lat="91", long="500").status_code == 400
    assert _post(write_token[1], address_string=address, role="admin").status_code == 400
    short = _post(write_token[1], address_string=address, description="ngắn")
    assert short.status_code == 400 and "description" in short.json()[0]["description"]
    xml = _post(write_token[1], fmt="xml")
    assert ET.fromstring(xml.content).tag == "errors"
    raw = Client().post(
        f"{BASE}/requests.json", b"api_key=\xff\xfe", content_type="application/x-www-form-urlencoded"
    )
    assert raw.status_code == 400
    json_body = Client().post(f"{BASE}/requests.json", "{}", content_type="application/json")
    assert json_body.status_code == 400
    assert Petition.objects.count() == 0
    assert Client().get(f"{BASE}/requests/DV-NONE.json").status_code == 404


def test_an_address_id_is_the_gso_code_of_the_commune(units: Units, fields: Any, write_token: Any) -> None:
    assert _post(write_token[1], address_id=units.commune_b.code).status_code == 201
    assert Petition.objects.get().place == units.commune_b
    assert _post(write_token[1], address_id="20").status_code == 400
    assert _post(write_token[1], address_id="khong-co").status_code == 400


@pytest.mark.parametrize(
    "query",
    ["start_date=2020-99-01", "end_date=2020-02-31", "start_date=2020-01-01T25:61:00", "end_date=9999999"],
)
def test_an_impossible_date_in_a_requests_query_gets_a_vietnamese_400_not_a_500(
    fields: Any, query: str
) -> None:
    response = Client().get(f"/open311/v2/requests.json?{query}")
    assert response.status_code == 400
    assert "không hợp lệ" in response.json()[0]["description"]


def test_a_commune_write_token_cannot_file_an_open311_request_outside_its_subtree(
    units: Units, fields: Any
) -> None:
    from danvan.api import tokens

    _, raw = tokens.create_token(actor=None, name="Ứng dụng xã A", unit=units.commune_a, scope="write")
    before = Petition.objects.count()
    response = _post(raw, address_id=units.commune_c.code)
    assert response.status_code == 400, response.content
    assert "ngoài địa bàn" in response.json()[0]["description"]
    assert Petition.objects.count() == before
