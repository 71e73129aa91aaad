from __future__ import annotations

from typing import Any

import pytest

from danvan.accounts.services import ensure_default_organisations
from danvan.conftest import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_citizen_opens_the_home_page_in_vietnamese(page: Any) -> None:
    page.goto(page.base_url + "/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert "Dân Vận" in page.title()
    assert page.locator("text=Cán bộ đăng nhập").is_visible()
    assert page.console_errors == []


def test_an_officer_logs_in_and_sees_only_their_unit(page: Any, alice: Any, units: Any) -> None:
    ensure_default_organisations(unit=units.commune_a)
    ensure_default_organisations(unit=units.commune_b)
    browser_login(page, "alice")
    assert page.get_by_test_id("scope-unit").inner_text() == units.commune_a.name
    page.goto(page.base_url + "/accounts/organisations/")
    table = page.get_by_test_id("organisations").inner_text()
    assert units.commune_a.name in table
    assert units.commune_b.name not in table
