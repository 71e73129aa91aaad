from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from danvan.conftest import browser_login, make_user
from danvan.core import clock
from danvan.exemplars.models import Exemplar, Status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _score_all(page: Any, value: str) -> None:
    page.click("a:has-text('Chấm điểm')")
    # Clicking a link does not wait for the next page: wait for the score form before
    # listing its fields, or the list may be taken from the page being left.
    page.wait_for_url("**/score/")
    fields = page.locator("main form input[inputmode=decimal]")
    fields.first.wait_for()
    for field in fields.all():
        field.fill(value)
    page.click("button:has-text('Lưu phiếu chấm')")
    page.wait_for_selector("[data-testid=evaluation]")


def test_an_officer_registers_a_model_two_judges_score_it_and_it_is_recognised(
    page: Any, alice: Any, hanna: Any, units: Any
) -> None:
    make_user("vera", units.commune_a, "officer")  # a second officer of the commune: the other judge
    browser_login(page, "alice")
    page.goto(page.base_url + "/exemplars/registry/new/")
    page.fill("input[name=name]", "Dân vận khéo trong làm đường giao thông nông thôn thôn Nà Lầu")
    page.fill("input[name=place]", "Thôn Nà Lầu")
    page.select_option("select[name=field]", "kinh_te")
    page.fill("input[name=period_start]", "15/03/2024")
    page.fill("textarea[name=problem]", "Đường vào thôn lầy lội, học sinh không đến trường được")
    page.fill("textarea[name=mobilisation]", "Họp dân, đảng viên hiến đất trước, công khai đóng góp")
    page.fill("input[name=results-0-label]", "Đường bê tông làm mới")
    page.fill("input[name=results-0-value]", "3,5")
    page.select_option("select[name=results-0-measure]", "km")
    page.click("button:has-text('Lưu hồ sơ')")
    page.wait_for_selector("[data-testid=status]")
    assert page.inner_text("[data-testid=status]") == "Dự thảo"

    page.click("button:has-text('Gửi đề nghị công nhận')")
    page.wait_for_selector("[data-testid=open-evaluation]")
    assert page.locator("label:has-text('(alice') input").count() == 0  # the submitter never judges
    page.check("label:has-text('(vera') input")
    page.check("label:has-text('(hanna') input")
    page.click("button:has-text('Lập hội đồng thẩm định')")
    page.wait_for_selector("[data-testid=evaluation]")

    page.click("header button:has-text('Đăng xuất')")
    browser_login(page, "vera")
    exemplar = Exemplar.objects.get()
    page.goto(page.base_url + f"/exemplars/registry/{exemplar.pk}/")
    _score_all(page, "9")

    page.click("header button:has-text('Đăng xuất')")
    browser_login(page, "hanna")
    exemplar = Exemplar.objects.get()
    page.goto(page.base_url + f"/exemplars/registry/{exemplar.pk}/")
    _score_all(page, "8,5")
    assert "Đề nghị công nhận" in page.inner_text("[data-testid=proposal]")

    page.click("[data-testid=recognise] button[type=submit]")  # no decision number yet
    # refused: the page comes back with the message beside the form, the input kept
    expect(page.get_by_text("Thiếu số quyết định").first).to_be_visible()
    page.fill("[data-testid=recognise] input[name=decision_number]", "125/QĐ-UBND")
    page.fill("[data-testid=recognise] input[name=decision_date]", clock.format_date(clock.today()))
    page.select_option("[data-testid=recognise] select[name=award]", "giay_khen")
    page.fill("[data-testid=recognise] input[name=award_body]", "Chủ tịch UBND xã")
    page.click("[data-testid=recognise] button[type=submit]")
    page.wait_for_selector(".msg-success")
    assert page.inner_text("[data-testid=status]") == "Đã công nhận"
    assert "125/QĐ-UBND" in page.inner_text("[data-testid=recognition]")
    assert Exemplar.objects.get().status == Status.RECOGNISED

    page.goto(page.base_url + "/exemplars/?q=duong+giao+thong")
    assert "Nà Lầu" in page.inner_text("[data-testid=gallery]")
    # the refused recognition came back as 400 with the form (as every refused move does); nothing else
    assert [e for e in page.console_errors if "status of 400" not in e] == []
