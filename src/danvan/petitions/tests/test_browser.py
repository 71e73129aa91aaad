from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from danvan.conftest import browser_login, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_citizen_submits_a_petition_and_tracks_it_by_code_then_an_officer_accepts_it(
    page, settings, tmp_path
):
    from danvan.conftest import ensure_territory
    from danvan.territory.models import AdminUnit, Level

    settings.MEDIA_ROOT = tmp_path
    ensure_territory()
    province = AdminUnit.objects.get(code="20")
    commune = AdminUnit.objects.subtree(province).filter(level=Level.COMMUNE).order_by("code").first()
    assert commune is not None
    make_user("alice", commune, "officer")

    page.goto(page.base_url + "/petitions/gui-don/")
    page.select_option("select[name=kind]", "feedback")
    page.fill("input[name=title]", "Cống thoát nước bị tắc")
    page.fill(
        "textarea[name=content]",
        "Cống thoát nước trước chợ bị tắc nhiều ngày, nước thải tràn ra đường gây mùi hôi.",
    )
    page.fill("input[name=address]", f"{commune.name}, tỉnh Lạng Sơn")
    page.fill("input[name=petitioner_name]", "Nguyễn Thị Hằng")
    page.click("form[data-testid=petition-form] button[type=submit]")
    code = page.locator("[data-testid=tracking-code]").inner_text()
    assert re.fullmatch(r"DV-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", code)

    page.goto(page.base_url + "/petitions/tra-cuu/")
    page.fill("input[name=code]", code)
    page.click("main form button[type=submit]")
    expect(page.locator("[data-testid=state]")).to_have_text("Đã tiếp nhận")
    assert "Nguyễn Thị Hằng" not in page.content()

    browser_login(page, "alice")
    page.goto(page.base_url + "/petitions/")
    page.click(f"text={code}")
    page.click("[data-testid=accept]")
    expect(page.locator("[data-testid=state]")).to_have_text("Đã thụ lý")
    assert not page.console_errors
