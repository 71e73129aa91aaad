"""#14 item 2: a denunciation taken from the citizen's receipt to closure at the competent unit, in a
browser, with the README's demo accounts (run on SQLite and on PostgreSQL with DANVAN_DATABASE_URL)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from danvan.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAME = "Hà Thị Tâm Sự"


def _demo_accounts() -> None:
    """The demo (its accounts and communes) with one known password for its accounts."""
    from danvan.accounts.models import User

    call_command("demo", "--size", "small", verbosity=0)
    for user in User.objects.filter(is_demo=True):
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])


def _login(page: Any, username: str) -> None:
    page.context.clear_cookies()
    page.goto(page.base_url + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/dashboard/**")


def _open(page: Any, code: str) -> None:
    page.goto(page.base_url + "/petitions/?q=" + code)
    page.click(f"text={code}")
    expect(page.locator("[data-testid=tracking-code]")).to_have_text(code)


def test_a_denunciation_goes_from_receipt_to_closure_at_the_competent_unit_with_the_demo_accounts(
    page: Any, settings: Any, tmp_path: Any
) -> None:
    from danvan.petitions.models import Petition

    settings.MEDIA_ROOT = tmp_path
    settings.PETITIONS_ENRICH_SYNC = True
    from danvan.accounts.models import RoleAssignment

    _demo_accounts()
    commune = RoleAssignment.objects.get(user__username="demo-canbo").unit  # the first demo commune

    # the citizen
    page.goto(page.base_url + "/petitions/gui-don/")
    page.select_option("select[name=kind]", "denunciation")
    page.fill("input[name=title]", "Tố cáo cán bộ nhận tiền khi chứng thực")
    page.fill(
        "textarea[name=content]",
        f"Tôi là {NAME}. Ông Tham, cán bộ tư pháp xã, nhận tiền của người dân khi chứng thực hồ sơ.",
    )
    page.fill("input[name=address]", f"{commune.name}, tỉnh Lạng Sơn")
    page.fill("input[name=petitioner_name]", NAME)
    page.fill("input[name=petitioner_address]", "Thôn Nà Phai")
    page.fill("input[name=accused]", "Ông Lê Văn Tham, cán bộ tư pháp")
    page.fill("textarea[name=accused_act]", "Nhận tiền khi chứng thực hồ sơ")
    page.click("form[data-testid=petition-form] button[type=submit]")
    code = page.locator("[data-testid=tracking-code]").inner_text()
    assert re.fullmatch(r"DV-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    petition = Petition.objects.get(tracking_code=code)
    assert petition.unit.code == "20", "a denunciation is handled by the province"

    # the province's officer accepts it (she works on the redacted copy until assigned)
    _login(page, "demo-canbotinh")
    _open(page, code)
    assert NAME not in page.content()
    page.click("[data-testid=accept]")
    expect(page.locator("[data-testid=state]")).to_have_text("Đã thụ lý")

    # the province's head assigns her as handler
    _login(page, "demo-lanhdaotinh")
    _open(page, code)
    page.select_option("form[data-testid=assign] select[name=handler]", label="Lộc Thị Hoa (mẫu)")
    page.click("form[data-testid=assign] button[type=submit]")
    expect(page.locator("[data-testid=handler]")).to_have_text("Lộc Thị Hoa (mẫu)")

    # the handler starts, answers (the preview hides the denunciator), and closes after confirming
    _login(page, "demo-canbotinh")
    _open(page, code)
    page.click("form[data-action=start] button[type=submit]")
    expect(page.locator("[data-testid=state]")).to_have_text("Đang giải quyết")
    page.fill(
        "form[data-action=resolve] textarea[name=answer]", f"Kết luận: tố cáo của bà {NAME} đúng một phần."
    )
    page.click("[data-testid=preview-answer]")
    expect(page.locator("[data-testid=answer-preview]")).to_contain_text("Kết luận")
    assert NAME not in page.locator("[data-testid=answer-preview]").inner_text()
    page.click("form[data-action=resolve] button[type=submit]")
    expect(page.locator("[data-testid=state]")).to_have_text("Đã giải quyết")
    page.click("[data-testid=close]")  # without the confirmation box: refused
    expect(page.locator("[data-testid=state]")).to_have_text("Đã giải quyết")
    page.check("form[data-action=close] input[name=confirm]")
    page.click("[data-testid=close]")
    expect(page.locator("[data-testid=state]")).to_have_text("Đã kết thúc")
    timeline = page.locator("[data-testid=timeline]").inner_text()
    for words in ("Tiếp nhận", "Thụ lý", "Phân công cán bộ thụ lý", "Kết thúc hồ sơ", "Lộc Thị Hoa (mẫu)"):
        assert words in timeline

    # the citizen reads the published answer, without her name
    page.context.clear_cookies()
    page.goto(page.base_url + "/petitions/tra-cuu/?code=" + code)
    expect(page.locator("[data-testid=state]")).to_have_text("Đã kết thúc")
    expect(page.locator("[data-testid=answer]")).to_contain_text("Kết luận")
    assert NAME not in page.content()
    assert not page.console_errors
