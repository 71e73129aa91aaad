from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.test import Client, override_settings

from danvan.api.models import ApiToken
from danvan.api.tests.conftest import PETITION, bearer, post_json
from danvan.conftest import Units, client_for
from danvan.core.models import AuditAction, AuditEntry
from danvan.petitions.models import Petition


def _petition_data(units: Units, **extra: Any) -> dict[str, Any]:
    return {**PETITION, "place_code": units.commune_a.code, **extra}


def test_the_openapi_document_and_the_docs_page_are_served_locally(db: None) -> None:
    client = Client()
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/petitions" in schema["paths"]
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html and "cdn" not in html.lower()


def test_a_write_token_submits_a_petition_and_gets_a_receipt(
    units: Units, fields: Any, write_token: Any
) -> None:
    token, raw = write_token
    response = post_json(
        Client(), "/api/v1/petitions", _petition_data(units, field="ha_tang_giao_thong"), **bearer(raw)
    )
    assert response.status_code == 201, response.content
    receipt = response.json()
    petition = Petition.objects.get(tracking_code=receipt["tracking_code"])
    assert petition.channel == "api"
    assert AuditEntry.objects.filter(action=AuditAction.CREATE, object_id=str(petition.pk)).exists()
    token.refresh_from_db()
    assert token.last_used_at is not None
    track = Client().get(f"/api/v1/track/{receipt['tracking_code']}").json()
    assert track["state"] == "received"
    assert "Nguyễn Văn An" not in str(track)


def test_a_read_token_cannot_write(units: Units, fields: Any, read_token_b: Any) -> None:
    response = post_json(Client(), "/api/v1/petitions", _petition_data(units), **bearer(read_token_b[1]))
    assert response.status_code == 403
    assert response.json()["code"] == "read_only"
    assert Petition.objects.count() == 0


def test_a_revoked_or_unknown_token_gets_401_with_the_common_error_body(
    units: Units, write_token: Any
) -> None:
    token, raw = write_token
    call_command("api", "token", "revoke", token.prefix)
    for key in (raw, "dv_nope_nope", "garbage"):
        response = Client().get("/api/v1/petitions", **bearer(key))
        assert response.status_code == 401
        assert set(response.json()) == {"status", "code", "message", "errors"}


def test_the_token_command_prints_the_secret_once_and_stores_only_a_digest(units: Units, capsys: Any) -> None:
    call_command("api", "token", "create", "--unit", "20", "--scope", "read", "--name", "Cổng tỉnh")
    raw = capsys.readouterr().out.strip()
    token = ApiToken.objects.get(name="Cổng tỉnh")
    assert raw.startswith("dv_") and raw not in token.digest and len(token.digest) == 64
    assert Client().get("/api/v1/petitions", **bearer(raw)).status_code == 200


def test_tokens_see_only_their_subtree(
    units: Units, fields: Any, write_token: Any, read_token_b: Any
) -> None:
    post_json(Client(), "/api/v1/petitions", _petition_data(units), **bearer(write_token[1]))
    mine = Client().get("/api/v1/petitions", **bearer(write_token[1])).json()
    assert mine["count"] == 1
    other = Client().get("/api/v1/petitions", **bearer(read_token_b[1])).json()
    assert other["count"] == 0
    pk = mine["items"][0]["id"]
    assert Client().get(f"/api/v1/petitions/{pk}", **bearer(read_token_b[1])).status_code == 404
    assert Client().get(f"/api/v1/petitions/{pk}", **bearer(write_token[1])).status_code == 200


def test_the_web_session_uses_the_same_scope(
    units: Units, fields: Any, write_token: Any, alice: Any, bob: Any
) -> None:
    post_json(Client(), "/api/v1/petitions", _petition_data(units), **bearer(write_token[1]))
    assert client_for(alice).get("/api/v1/petitions").json()["count"] == 1
    assert client_for(bob).get("/api/v1/petitions").json()["count"] == 0
    assert Client().get("/api/v1/petitions").status_code == 401


def test_a_session_write_needs_the_csrf_token(units: Units, fields: Any, alice: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = post_json(client, "/api/v1/petitions", _petition_data(units))
    assert response.status_code == 403
    assert Petition.objects.count() == 0


def test_filters_and_pagination(units: Units, fields: Any, write_token: Any) -> None:
    raw = write_token[1]
    for i in range(3):
        post_json(
            Client(),
            "/api/v1/petitions",
            _petition_data(units, title=f"Ô nhiễm nguồn nước số {i}", field="moi_truong", kind="proposal"),
            **bearer(raw),
        )
    post_json(Client(), "/api/v1/petitions", _petition_data(units, field="dat_dai"), **bearer(raw))
    page = Client().get("/api/v1/petitions?limit=2&offset=0&field=moi_truong", **bearer(raw)).json()
    assert page["count"] == 3 and len(page["items"]) == 2
    assert Client().get("/api/v1/petitions?kind=feedback", **bearer(raw)).json()["count"] == 1
    assert Client().get(f"/api/v1/petitions?unit={units.commune_b.code}", **bearer(raw)).json()["count"] == 0
    bad = Client().get("/api/v1/petitions?limit=100000", **bearer(raw))
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "limit"


def test_bad_input_gets_a_clear_4xx_and_nothing_is_stored(
    units: Units, fields: Any, write_token: Any
) -> None:
    raw = write_token[1]
    client = Client()
    url = "/api/v1/petitions"
    cases = [
        (
            client.post(url, b'{"kind": "feedback",', content_type="application/json", **bearer(raw)),
            400,
            "malformed_json",
        ),
        (
            client.post(url, b'{"title": "\xff\xfe"}', content_type="application/json", **bearer(raw)),
            400,
            "invalid_utf8",
        ),
        (
            client.post(url, "kind=feedback", content_type="text/plain", **bearer(raw)),
            415,
            "unsupported_media_type",
        ),
        (post_json(client, url, [1, 2], **bearer(raw)), 400, "not_an_object"),
        (post_json(client, url, {**_petition_data(units), "is_admin": True}, **bearer(raw)), 400, "invalid"),
        (
            post_json(client, url, {**_petition_data(units), "content": "x" * 300_000}, **bearer(raw)),
            413,
            "too_large",
        ),
        (
            post_json(client, url, {**_petition_data(units), "kind": "complaint"}, **bearer(raw)),
            400,
            "invalid",
        ),
        (
            post_json(client, url, {**_petition_data(units), "place_code": "99999"}, **bearer(raw)),
            400,
            "invalid",
        ),
    ]
    for response, status, code in cases:
        assert response.status_code == status, response.content
        body = response.json()
        assert body["code"] == code and body["status"] == status and body["message"]
    assert Petition.objects.count() == 0


def test_unknown_fields_are_named_in_the_error(units: Units, fields: Any, write_token: Any) -> None:
    response = post_json(
        Client(), "/api/v1/petitions", {**_petition_data(units), "is_admin": True}, **bearer(write_token[1])
    )
    assert {
        "field": "is_admin",
        "message": "Trường không được hỗ trợ: hãy bỏ trường này (xem tài liệu API).",
    } in response.json()["errors"]


def test_injection_strings_are_stored_as_text_and_never_executed(
    units: Units, fields: Any, write_token: Any
) -> None:
    evil = "'; DROP TABLE petitions_petition; -- <script>alert(1)</script>"
    response = post_json(
        Client(), "/api/v1/petitions", _petition_data(units, title=evil[:200]), **bearer(write_token[1])
    )
    assert response.status_code == 201
    listed = Client().get(f"/api/v1/petitions?q={evil}", **bearer(write_token[1]))
    assert listed.status_code == 200
    assert Petition.objects.get().title == evil[:200]


def test_units_and_fields_are_public(units: Units, fields: Any) -> None:
    body = Client().get("/api/v1/units?parent=20&limit=5").json()
    assert body["count"] > 5 and len(body["items"]) == 5
    assert Client().get("/api/v1/units/20").json()["name"]
    assert Client().get("/api/v1/units/xyz").status_code == 404
    assert {f["code"] for f in Client().get("/api/v1/fields").json()} >= {"dat_dai", "khac"}


@override_settings(DANVAN_API_MAX_BODY_BYTES=1000)
def test_the_body_limit_is_a_setting(units: Units, fields: Any, write_token: Any) -> None:
    response = post_json(
        Client(), "/api/v1/petitions", _petition_data(units, content="y" * 2000), **bearer(write_token[1])
    )
    assert response.status_code == 413


def test_an_idempotency_key_turns_a_retry_into_the_same_receipt(
    units: Units, fields: Any, write_token: Any
) -> None:
    headers = {**bearer(write_token[1]), "HTTP_IDEMPOTENCY_KEY": "client-42-attempt"}
    first = post_json(Client(), "/api/v1/petitions", _petition_data(units), **headers)
    again = post_json(Client(), "/api/v1/petitions", _petition_data(units), **headers)
    assert first.status_code == 201 and again.status_code == 200
    assert first.json()["tracking_code"] == again.json()["tracking_code"]
    assert Petition.objects.count() == 1
    bad = post_json(
        Client(), "/api/v1/petitions", _petition_data(units), **{**headers, "HTTP_IDEMPOTENCY_KEY": "x"}
    )
    assert bad.status_code == 400 and bad.json()["code"] == "bad_idempotency_key"


def test_an_administrator_creates_a_token_in_the_admin_and_sees_it_once(units: Units, root: Any) -> None:
    client = client_for(root)
    response = client.post(
        "/admin/api/apitoken/add/",
        {"name": "Cổng dịch vụ công", "unit": units.province.pk, "scope": "read"},
        follow=True,
    )
    assert response.status_code == 200
    token = ApiToken.objects.get(name="Cổng dịch vụ công")
    shown = [str(m) for m in response.context["messages"]]
    raw = next(m.split(": ", 1)[1] for m in shown if "dv_" in m)
    assert raw.startswith(f"dv_{token.prefix}_") and token.digest != raw
    assert Client().get("/api/v1/petitions", **bearer(raw)).status_code == 200
    client.post("/admin/api/apitoken/", {"action": "revoke", "_selected_action": [token.pk]})
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert Client().get("/api/v1/petitions", **bearer(raw)).status_code == 401


def test_the_token_command_explains_an_unknown_unit(db: None) -> None:
    import pytest
    from django.core.management import CommandError

    with pytest.raises(CommandError):
        call_command("api", "token", "create", "--unit", "999999", "--scope", "read", "--name", "x")
    assert ApiToken.objects.count() == 0


def test_a_commune_write_token_cannot_file_a_petition_outside_its_subtree_and_nothing_is_saved(
    units: Units, fields: Any
) -> None:
    from danvan.api import tokens

    _, raw = tokens.create_token(actor=None, name="Ứng dụng xã A", unit=units.commune_a, scope="write")
    before = Petition.objects.count()
    response = post_json(
        Client(), "/api/v1/petitions", _petition_data(units, place_code=units.commune_c.code), **bearer(raw)
    )
    assert response.status_code == 400, response.content
    error = response.json()["errors"][0]
    assert error["field"] == "place_code" and "ngoài địa bàn" in error["message"]
    assert Petition.objects.count() == before
    inside = post_json(Client(), "/api/v1/petitions", _petition_data(units), **bearer(raw))
    assert inside.status_code == 201
    code = inside.json()["tracking_code"]
    assert Client().get(f"/api/v1/petitions?q={code}", **bearer(raw)).json()["count"] == 1


def test_a_portal_intake_token_files_anywhere_and_the_command_issues_one(
    units: Units, fields: Any, capsys: Any
) -> None:
    call_command(
        "api", "token", "create", "--unit", units.commune_a.code, "--scope", "write",
        "--name", "Cổng tiếp nhận", "--portal-intake",
    )  # fmt: skip
    raw = capsys.readouterr().out.strip()
    assert ApiToken.objects.get(name="Cổng tiếp nhận").portal_intake
    response = post_json(
        Client(), "/api/v1/petitions", _petition_data(units, place_code=units.commune_c.code), **bearer(raw)
    )
    assert response.status_code == 201, response.content
