"""Browser tests (Playwright, Chromium): the three flows of issue #19 as people do them."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from danvan.conftest import browser_login, make_user
from danvan.core import clock

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _units() -> tuple[Any, Any]:
    from danvan.conftest import ensure_territory
    from danvan.territory.models import AdminUnit, Level

    ensure_territory()
    province = AdminUnit.objects.get(code="20")
    commune = AdminUnit.objects.subtree(province).filter(level=Level.COMMUNE).order_by("code").first()
    assert commune is not None
    return province, commune


def test_a_collaborator_files_a_report_on_a_phone_and_the_draft_survives_a_reload(page: Any) -> None:
    from danvan.situation.models import SituationReport

    _province, commune = _units()
    make_user("cuong", commune, "collaborator")
    page.set_viewport_size({"width": 390, "height": 844})
    browser_login(page, "cuong")
    page.goto(page.base_url + "/situation/bao-cao/moi/")
    page.check("input[name=kind][value=event]")
    page.fill("input[name=event_on]", clock.format_date(clock.today()))
    page.locator("label", has_text="Môi trường, ô nhiễm").click()
    page.check("input[name=mood][value=tense]")
    page.fill("textarea[name=people_say]", "Bà con bức xúc vì nước giếng có mùi sau khi xưởng xả thải.")
    expect(page.locator("[data-testid=draft-status]")).to_have_text("Đã lưu bản nháp trên máy này.")
    page.reload()  # a weak connection, a closed tab: the draft is back
    expect(page.locator("[data-testid=draft-status]")).to_have_text("Đã khôi phục bản nháp chưa gửi.")
    expect(page.locator("textarea[name=people_say]")).to_have_value(
        "Bà con bức xúc vì nước giếng có mùi sau khi xưởng xả thải."
    )
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the form scrolls sideways on a phone ({width}px)"
    page.click("[data-testid=send-report]")
    expect(page.locator("[data-testid=state]")).to_have_text("Đã gửi, chờ xã xem xét")
    expect(page.locator("[data-testid=mood]")).to_have_text("Bức xúc, căng thẳng")
    assert SituationReport.objects.get().author.username == "cuong"
    assert page.evaluate("window.localStorage.getItem('situation-report-draft')") is None
    assert page.console_errors == []


def test_an_officer_opens_a_hotspot_from_a_rising_issue(page: Any) -> None:

    from danvan.situation.models import Hotspot, RiseAlert, Topic

    _province, commune = _units()
    make_user("alice", commune, "officer")
    alert = RiseAlert.objects.create(
        unit=commune, topic=Topic.objects.get(code="moi_truong"), week_start=clock.today() - dt.timedelta(days=7),
        count=9, baseline=0.3, p_value=1e-7, created_at=clock.now(),
    )  # fmt: skip
    browser_login(page, "alice")
    card = page.locator("[data-testid=card-situation]")
    expect(card).to_contain_text("Môi trường, ô nhiễm")
    card.locator("[data-testid=rising-item]").first.click()
    page.click("[data-testid=open-hotspot]")
    page.select_option("select[name=risk]", "high")
    page.click("[data-testid=save-hotspot]")
    expect(page.locator("[data-testid=state]")).to_have_text("Đang theo dõi")
    expect(page.locator("[data-testid=risk]")).to_have_text("Cao")
    h = Hotspot.objects.get()
    assert h.alert_id == alert.pk
    alert.refresh_from_db()
    assert alert.state == "answered"
    assert page.console_errors == []


def test_a_citizen_answers_a_poll_through_its_public_link(page: Any) -> None:
    from danvan.accounts.models import User
    from danvan.situation import services
    from danvan.situation.models import PollResponse

    _province, commune = _units()
    root = User.objects.create_superuser(username="root-b", password="x-Root-2025", full_name="Root")
    poll = services.create_poll(
        actor=root, unit=commune, title="Ý kiến về tuyến đường liên xã", target="public",
        questions=services.parse_questions("[một] Bạn có đồng tình? | Đồng tình | Chưa đồng tình\n[tự do] Ý kiến khác?"),
    )  # fmt: skip
    poll = services.open_poll(actor=root, poll=poll, closes_on=clock.today() + dt.timedelta(days=7))
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base_url + f"/situation/y-kien/{poll.public_key}/")
    page.locator("label", has_text="Đồng tình").first.click()
    page.fill("textarea", "Mong sớm làm đường.")
    page.click("[data-testid=send-answer]")
    expect(page.locator(".messages, [role=status]").first).to_contain_text("Cảm ơn bạn đã trả lời")
    page.locator("label", has_text="Chưa đồng tình").click()
    page.click("[data-testid=send-answer]")  # the same device again
    expect(page.locator("main")).to_contain_text("mỗi người chỉ trả lời một lần")
    assert PollResponse.objects.count() == 1


def _hotspot_at(commune: Any, actor: Any) -> Any:
    from danvan.situation import services
    from danvan.situation.models import Topic

    return services.open_hotspot(
        actor=actor, unit=commune, title="Tranh chấp đất rừng giữa hai xã", topic=Topic.objects.get(code="dat_dai"),
        risk="high", summary="Hai xã cùng nhận một khu rừng.", responsible=[commune],
    )  # fmt: skip


def test_a_province_officer_names_two_responsible_communes_in_the_multiple_select_and_sees_both(
    page: Any,
) -> None:
    from danvan.territory.models import AdminUnit, Level

    province, commune = _units()
    other = AdminUnit.objects.subtree(province).filter(level=Level.COMMUNE).order_by("code")[1]
    phuong = make_user("phuong", province, "officer")
    h = _hotspot_at(commune, phuong)
    browser_login(page, "phuong")
    page.goto(page.base_url + f"/situation/diem-nong/{h.pk}/")
    page.get_by_text("Sửa đơn vị chịu trách nhiệm").click()
    picker = page.locator("select[name=resp-responsible]")
    expect(picker).to_have_attribute("multiple", "")
    picker.select_option([commune.code, other.code])  # ctrl-click both: the two chosen, nothing else
    page.click("[data-testid=save-responsible]")
    expect(page.locator(".messages, [role=status]").first).to_contain_text(
        "Đã cập nhật đơn vị chịu trách nhiệm"
    )
    responsible = page.locator("[data-testid=responsible]")
    expect(responsible).to_contain_text(commune.name)
    expect(responsible).to_contain_text(other.name)
    assert set(h.responsible.values_list("code", flat=True)) == {commune.code, other.code}
    assert page.console_errors == []


def test_a_national_officer_adds_a_responsible_commune_through_a_search_box_and_sees_both(page: Any) -> None:
    from danvan.territory.models import AdminUnit, Level

    _province, commune = _units()
    elsewhere = (
        AdminUnit.objects.filter(level=Level.COMMUNE, name__icontains="Bạc Liêu").order_by("code").first()
    )
    assert elsewhere is not None
    nina = make_user("nina", AdminUnit.objects.get(level=Level.NATION), "officer")
    h = _hotspot_at(commune, nina)
    browser_login(page, "nina")
    page.goto(page.base_url + f"/situation/diem-nong/{h.pk}/")
    page.get_by_text("Sửa đơn vị chịu trách nhiệm").click()
    boxes = page.locator("input[name=resp-responsible]")  # 3,000 units and more: rows of search boxes
    expect(boxes).to_have_count(4)  # the hotspot's unit, then three empty rows
    expect(boxes.nth(0)).to_have_value(re.compile(rf"\({commune.code}\)$"))
    boxes.nth(1).fill("bac lieu")  # typed without diacritics: the server suggests
    option = page.locator(
        f"datalist#{boxes.nth(1).get_attribute('list')} option[value$='({elsewhere.code})']"
    )
    option.wait_for(state="attached")
    boxes.nth(1).fill(option.get_attribute("value") or "")  # picked from the suggestions
    page.click("[data-testid=save-responsible]")
    responsible = page.locator("[data-testid=responsible]")
    expect(responsible).to_contain_text(commune.name)
    expect(responsible).to_contain_text(elsewhere.name)
    assert set(h.responsible.values_list("code", flat=True)) == {commune.code, elsewhere.code}
    expect(page.locator("input[name=resp-responsible]")).to_have_count(5)  # both kept, three rows to add more
    assert page.console_errors == []
