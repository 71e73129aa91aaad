"""In the browser: a citizen leaves an e-mail address and consents, submits, an officer answers, the answer
e-mail reaches a real SMTP server, and the citizen rates the handling with the code and the key."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from danvan.conftest import browser_login, make_user
from danvan.notifications.tests.conftest import Inbox

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_citizen_who_left_an_email_gets_the_answer_by_email_and_rates_it(
    page: Any, smtp: Inbox, settings: Any, tmp_path: Any
) -> None:
    from danvan.conftest import ensure_territory
    from danvan.territory.models import AdminUnit, Level

    settings.MEDIA_ROOT = tmp_path
    settings.NOTIFICATIONS_SMS_URL = f"file://{tmp_path / 'sms'}"
    settings.SITE_URL = page.base_url
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
    page.fill("input[name=petitioner_email]", "hang@example.vn")
    page.check("input[name=notify_consent]")
    page.click("form[data-testid=petition-form] button[type=submit]")
    code = page.locator("[data-testid=tracking-code]").inner_text()
    key = page.locator("[data-testid=citizen-key]").inner_text()
    assert re.fullmatch(r"DV-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    expect(page.locator("[data-testid=receipt-qr] svg")).to_be_visible()
    assert smtp.received.wait(10) and code in str(smtp.messages[0]["Subject"])

    browser_login(page, "alice")
    page.goto(page.base_url + "/petitions/")
    page.click(f"text={code}")
    page.click("[data-testid=accept]")
    expect(page.locator("[data-testid=state]")).to_have_text("Đã thụ lý")
    page.click("form[data-action=start] button[type=submit]")
    expect(page.locator("[data-testid=state]")).to_have_text("Đang giải quyết")
    page.fill("form[data-action=resolve] textarea[name=answer]", "Xã đã nạo vét cống trước chợ ngày 2/12.")
    page.click("form[data-action=resolve] button[type=submit]")
    expect(page.locator("[data-testid=state]")).to_have_text("Đã giải quyết")
    page.check("form[data-action=close] input[name=confirm]")
    page.click("[data-testid=close]")
    expect(page.locator("[data-testid=state]")).to_have_text("Đã kết thúc")

    subjects = [str(m["Subject"]) for m in smtp.messages]
    answer = next(m for m in smtp.messages if "kết quả giải quyết" in str(m["Subject"]))
    assert "Xã đã nạo vét cống trước chợ ngày 2/12." in smtp.texts(answer)["text/plain"]
    closing = next(m for m in smtp.messages if "mời bạn đánh giá" in str(m["Subject"]))
    assert {r for (r,) in smtp.recipients} == {"hang@example.vn"}, subjects
    link = re.search(r"https?://\S+/petitions/tra-cuu/\?code=[A-Z0-9-]+", smtp.texts(closing)["text/plain"])
    assert link is not None

    page.context.clear_cookies()
    page.goto(link.group(0))
    page.fill("input[name=key]", key)
    rating = page.locator("[name=rating]")
    if rating.first.evaluate("e => e.tagName") == "SELECT":
        rating.select_option("5")
    else:
        page.check("input[name=rating][value='5']")
    page.click("form[action$='/danh-gia/'] button[type=submit]")
    expect(page.locator("main")).to_contain_text("Cảm ơn bạn đã đánh giá")
    assert not page.console_errors
