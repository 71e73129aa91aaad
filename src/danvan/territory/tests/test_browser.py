from __future__ import annotations

from typing import Any

import pytest

from danvan.conftest import Units, browser_login, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_national_officer_types_a_commune_without_diacritics_and_gets_suggestions(
    page: Any, units: Units
) -> None:
    make_user("nina", units.nation, "officer")
    browser_login(page, "nina")
    page.goto(page.base_url + "/exemplars/registry/new/")
    page.fill("input[name=unit]", "bac lieu")
    option = page.locator(f"datalist#id_unit-options option[value*='({units.commune_c.code})']")
    option.wait_for(state="attached")
    assert page.console_errors == []
