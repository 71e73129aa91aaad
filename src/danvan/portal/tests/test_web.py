from __future__ import annotations

from typing import Any

import pytest

from danvan.conftest import client_for

pytestmark = pytest.mark.django_db


def test_the_home_page_speaks_vietnamese(client: Any) -> None:
    response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="vi">' in body and "Dân Vận" in body and "3.321" in body


def test_the_home_page_can_be_switched_to_english(client: Any) -> None:
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    assert '<html lang="en">' in response.content.decode()


def test_healthz_reports_the_database_as_reachable(client: Any) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"]["reachable"] is True


def test_pages_carry_a_strict_content_security_policy(client: Any) -> None:
    csp = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_the_dashboard_shows_the_officers_unit(alice: Any, units: Any) -> None:
    body = client_for(alice).get("/dashboard/").content.decode()
    assert units.commune_a.name in body


def test_a_wrong_password_gets_a_vietnamese_message(client: Any, alice: Any) -> None:
    response = client.post("/accounts/login/", {"username": "alice", "password": "sai"})
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


def test_unknown_pages_answer_404_in_vietnamese(client: Any) -> None:
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy" in response.content.decode()


def test_the_admin_speaks_vietnamese(root: Any) -> None:
    body = client_for(root).get("/admin/").content.decode()
    assert "Quản trị" in body


def test_a_browser_asking_for_english_still_gets_vietnamese_by_default(client: Any) -> None:
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="vi">' in response.content.decode()
