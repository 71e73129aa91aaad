"""Security tests from the outside: a table over EVERY URL pattern of the project (walked from the root
resolver, so new routes are included automatically), for an anonymous visitor, an officer of another
province and a verifier; and planted identity strings that must never leak.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from danvan.api.tests.conftest import bearer
from danvan.api.tests.routes import all_routes, build
from danvan.conftest import Units, client_for
from danvan.core.models import AuditAction, AuditEntry
from danvan.core.registry import nav_items
from danvan.petitions import services as petition_services
from danvan.petitions.models import Petition

IDENTITY_NAME = "Hoàng Bí Mật Zq7XkW"
IDENTITY_PHONE = "0999887766"
IDENTITY_ADDRESS = "Số 77 ngõ Kín Đáo Zq7XaD"
IDENTITY_EMAIL = "zq7x.to.cao@example.vn"
PLANTED = (IDENTITY_NAME, IDENTITY_PHONE, IDENTITY_ADDRESS, IDENTITY_EMAIL, "Zq7X")
SECRET_TITLE = "Tố cáo sai phạm đất công Tq5Rm"
SECRET_CONTENT_MARK = "Kx9Lp"

# Pages anyone may open (the citizens' side, the login page, machine-readable public interfaces).
ALWAYS_PUBLIC = {
    "portal:home",
    "portal:healthz",
    "accounts:login",
    "admin:login",
    "set_language",
    "petitions:submit",
    "petitions:receipt",
    "petitions:receipt_pdf",  # the printable receipt: the same public status as tracking, by code
    "petitions:track",
    "petitions:rate",
    "petitions:thread",  # the two-way messages: a citizen's form for code + secret phrase, nothing before it
    "api-v1:list_units",
    "api-v1:get_unit_detail",
    "api-v1:list_fields",
    "api-v1:track",
    "api-v1:openapi-json",
    "api-v1:openapi-view",
    "open311_discovery",
    "open311_services",
    "open311_service",
    "open311_requests",
    "open311_request",
    "open311_token",
}
WRITE_ACTIONS = {
    AuditAction.CREATE,
    AuditAction.UPDATE,
    AuditAction.DELETE,
    AuditAction.TRANSITION,
    AuditAction.EXPORT,
    AuditAction.IMPORT,
    AuditAction.VIEW_CONFIDENTIAL,
}


def public_names() -> set[str]:
    return ALWAYS_PUBLIC | {item.url_name for item in nav_items("public")}


@pytest.fixture
def planted(units: Units, fields: Any, alice: Any) -> Petition:
    """A denunciation at commune A whose denunciator identity carries unique strings."""
    return petition_services.submit_petition(
        actor=alice,
        channel="desk",
        unit=units.commune_a,
        data={
            "kind": "denunciation",
            "title": SECRET_TITLE,
            "content": f"Người dân phản ánh việc lấn chiếm đất công tại thôn 3 kéo dài nhiều tháng {SECRET_CONTENT_MARK}.",
            "place_code": units.commune_a.code,
            "petitioner_name": IDENTITY_NAME,
            "petitioner_phone": IDENTITY_PHONE,
            "petitioner_address": IDENTITY_ADDRESS,
            "petitioner_email": IDENTITY_EMAIL,
            "accused": "Cán bộ địa chính xã",
            "accused_act": "Cho thuê đất công trái phép",
        },
    )


@pytest.fixture
def captured_logs() -> Iterator[list[str]]:
    lines: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(self.format(record))

    handler = Collect(level=logging.DEBUG)
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield lines
    root.removeHandler(handler)
    root.setLevel(old_level)


def _samples(p: Petition) -> dict[str, list[Any]]:
    return {
        "fmt": ["json"],
        "code": [p.tracking_code, "20"],
        "request_id": [p.tracking_code],
        "token": [p.tracking_code],
        "_int": [p.pk],
        "_str": [p.tracking_code, str(p.pk), "x"],
    }


def _urls(p: Petition) -> list[tuple[str, str]]:
    out = []
    skipped = []
    for route in all_routes():
        url = build(route, _samples(p))
        if url is None:
            skipped.append(route.pattern)
            continue
        out.append((route.name or route.pattern, url))
    # Only Django admin's unnamed regular-expression catch-alls cannot be filled in.
    assert all(s.startswith("admin/") for s in skipped), skipped
    assert len(out) > 50
    return out


def _leaks(body: str) -> list[str]:
    return [s for s in PLANTED if s in body]


def _visit_all(client: Client, urls: list[tuple[str, str]]) -> list[tuple[str, str, int, str]]:
    table = []
    for name, url in urls:
        response = client.get(url)
        body = response.content.decode("utf-8", "replace") if not response.streaming else ""
        table.append((name, url, response.status_code, body))
    return table


def _write_audit_count() -> int:
    return AuditEntry.objects.filter(action__in=WRITE_ACTIONS).count()


def test_an_anonymous_visitor_gets_only_public_pages_and_no_identity(planted: Petition) -> None:
    table = _visit_all(Client(), _urls(planted))
    public = public_names()
    problems = []
    for name, url, status, body in table:
        if status >= 500:
            problems.append(f"{url}: {status}")
        if status == 200 and name not in public:
            problems.append(f"{url}: 200 for an anonymous visitor ({name})")
        if _leaks(body) or SECRET_TITLE in body or SECRET_CONTENT_MARK in body:
            problems.append(f"{url}: shows the planted petition")
    assert problems == []


def test_an_officer_of_another_province_never_sees_the_petition(planted: Petition, olga: Any) -> None:
    table = _visit_all(client_for(olga), _urls(planted))
    problems = [
        f"{url}: {status}"
        for name, url, status, body in table
        if status >= 500 or _leaks(body) or SECRET_TITLE in body or SECRET_CONTENT_MARK in body
    ]
    assert problems == []


def test_a_verifier_works_on_a_redacted_copy_and_never_sees_the_identity(
    planted: Petition, victor: Any
) -> None:
    table = _visit_all(client_for(victor), _urls(planted))
    problems = [f"{url}: {status}" for name, url, status, body in table if status >= 500 or _leaks(body)]
    assert problems == []
    seen = [url for name, url, status, body in table if SECRET_CONTENT_MARK in body]
    assert seen, "the verifier should see the (redacted) petition somewhere"


def test_posting_to_every_route_changes_nothing_for_anonymous_another_officer_or_a_verifier(
    planted: Petition, olga: Any, victor: Any
) -> None:
    urls = [(n, u) for n, u in _urls(planted) if not u.startswith("/admin/")]
    before = (_write_audit_count(), Petition.objects.count(), planted.version, planted.state)
    problems = []
    for client in (Client(), client_for(olga), client_for(victor)):
        for _name, url in urls:
            response = client.post(url, {})
            if response.status_code >= 500:
                problems.append(f"POST {url}: {response.status_code}")
    planted.refresh_from_db()
    after = (_write_audit_count(), Petition.objects.count(), planted.version, planted.state)
    assert problems == []
    assert after == before


def test_planted_identity_never_appears_in_api_answers_exports_searches_or_logs(
    units: Units, planted: Petition, hanna: Any, alice: Any, captured_logs: list[str]
) -> None:
    from danvan.api import tokens
    from danvan.petitions import selectors as petition_selectors

    _, raw = tokens.create_token(actor=None, name="Kiểm tra rò rỉ", unit=units.province, scope="read")
    answers = []
    for client, headers in ((Client(), bearer(raw)), (client_for(hanna), {}), (client_for(alice), {})):
        answers.append(client.get("/api/v1/petitions", **headers))
        answers.append(client.get(f"/api/v1/petitions/{planted.pk}", **headers))
        answers.append(client.get(f"/api/v1/petitions?q={IDENTITY_NAME}", **headers))
        answers.append(client.get(f"/api/v1/track/{planted.tracking_code}", **headers))
    answers.append(Client().get(f"/open311/v2/requests/{planted.tracking_code}.xml"))
    answers.append(client_for(hanna).get("/petitions/xuat.csv"))
    for response in answers:
        assert response.status_code < 500
        body = b"".join(response.streaming_content) if response.streaming else response.content  # type: ignore[attr-defined]
        assert _leaks(body.decode("utf-8", "replace")) == [], response.request["PATH_INFO"]
    assert Client().get("/api/v1/petitions", **bearer(raw)).json()["count"] == 1
    assert Client().get(f"/api/v1/petitions?q={IDENTITY_NAME}", **bearer(raw)).json()["count"] == 0
    from danvan.accounts.scoping import scope_for

    assert not petition_selectors.petitions_for(scope_for(hanna), q=IDENTITY_NAME).exists()
    assert not petition_selectors.petitions_for(scope_for(hanna), q=IDENTITY_PHONE).exists()
    for entry in AuditEntry.objects.all():
        assert _leaks(entry.summary + str(entry.changes)) == []
    stored = (
        Petition.objects.filter(pk=planted.pk).values_list("search_text", "petitioner_name", "content").get()
    )
    assert _leaks(" ".join(stored)) == []
    assert [line for line in captured_logs if _leaks(line)] == []
