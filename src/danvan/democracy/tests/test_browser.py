"""Browser tests (Playwright, Chromium): the four flows of issue #18 as people do them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from danvan.conftest import browser_login, make_user
from danvan.democracy.tests.conftest import PDF, PNG

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _commune() -> Any:
    from danvan.conftest import ensure_territory
    from danvan.territory.models import AdminUnit, Level

    ensure_territory()
    province = AdminUnit.objects.get(code="20")
    commune = AdminUnit.objects.subtree(province).filter(level=Level.COMMUNE).order_by("code").first()
    assert commune is not None
    return commune


def _root() -> Any:
    from danvan.accounts.models import User

    return User.objects.create_superuser(username="root-b", password="x-Root-2025", full_name="Root")


def test_an_officer_publishes_a_disclosure_with_evidence(page: Any, settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path
    commune = _commune()
    make_user("alice", commune, "officer")
    doc = tmp_path / "du-toan.pdf"
    doc.write_bytes(PDF)
    photo = tmp_path / "niem-yet.png"
    photo.write_bytes(PNG)
    browser_login(page, "alice")
    page.goto(page.base_url + "/democracy/cong-khai/moi/")
    page.select_option("select[name=item]", "budget_estimate")
    page.fill("input[name=title]", "Dự toán ngân sách xã năm nay")
    from danvan.core import clock

    page.fill("input[name=issued_on]", clock.today().strftime("%d/%m/%Y"))
    page.set_input_files("input[name=documents]", str(doc))
    page.click("form[data-testid=disclosure-form] button[type=submit]")
    expect(page.locator("[data-testid=state]")).to_have_text("Đang soạn")
    page.check("input[name=publish-channels][value=notice_board]")
    page.check("input[name=publish-channels][value=web]")
    page.set_input_files("input[name=publish-evidence]", str(photo))
    page.click("[data-testid=publish]")
    expect(page.locator("[data-testid=state]")).to_have_text("Đang công khai")
    expect(page.locator("[data-testid=files]")).to_contain_text("niem-yet.png")
    page.goto(page.base_url + f"/democracy/xa/{commune.code}/cong-khai/")
    expect(page.locator("[data-testid=public-disclosures]")).to_contain_text("Dự toán ngân sách xã năm nay")
    assert not page.console_errors


def test_a_citizen_comments_on_a_draft_and_reads_the_answer(page: Any, settings: Any, tmp_path: Path) -> None:
    from danvan.core import clock
    from danvan.democracy import services

    settings.MEDIA_ROOT = tmp_path
    commune = _commune()
    root = _root()
    c = services.create_consultation(actor=root, unit=commune, title="Dự thảo quy hoạch chợ", matter="land_use",
                                     summary="Quy hoạch lại chợ xã.", parts=["Vị trí", "Quy mô"])  # fmt: skip
    c = services.open_consultation(actor=root, consultation=c, opens_on=clock.today(),
                                   closes_on=clock.today() + dt.timedelta(days=10), channels=["web"])  # fmt: skip
    page.goto(page.base_url + f"/democracy/gop-y/{c.pk}/")
    page.select_option("select[name=part]", label="2. Quy mô")
    page.fill("textarea[name=content]", "Nên có khu để xe riêng.")
    page.click("[data-testid=send-comment]")
    expect(page.locator("body")).to_contain_text("Cảm ơn bạn đã góp ý")
    comment = c.comments.get()
    c = services.close_consultation(actor=root, consultation=c)
    c = services.respond(actor=root, consultation=c, comment_id=comment.pk, disposition="accepted",
                         response="Bố trí bãi xe phía sau chợ.")  # fmt: skip
    services.publish_answer(actor=root, consultation=c, answer="Xã tiếp thu ý kiến về bãi xe.")
    page.goto(page.base_url + f"/democracy/gop-y/{c.pk}/")
    expect(page.locator("[data-testid=answer]")).to_contain_text("Bố trí bãi xe phía sau chợ.")
    assert not page.console_errors


def test_a_village_meeting_records_a_household_vote_and_its_result(
    page: Any, settings: Any, tmp_path: Path
) -> None:
    from danvan.core import clock
    from danvan.democracy import services

    settings.MEDIA_ROOT = tmp_path
    commune = _commune()
    root = _root()
    make_user("alice", commune, "officer")
    v = services.register_village(actor=root, unit=commune, code="T01", name="Thôn Nà Sla")
    for i in range(10):
        services.register_household(
            actor=root, unit=commune, village=v, code=f"H{i}", representative=f"Hộ {i}"
        )
    d = services.create_decision(
        actor=root, village=v, matter="contributions", title="Làm đường thôn", form="meeting"
    )
    browser_login(page, "alice")
    page.goto(page.base_url + f"/democracy/quyet-dinh/{d.pk}/")
    page.fill("input[name=result-held_on]", clock.today().strftime("%d/%m/%Y"))
    page.fill("input[name=result-attended]", "9")
    page.fill("input[name=result-agree]", "7")
    page.fill("input[name=result-disagree]", "2")
    page.select_option("select[name=result-voting_method]", "hands")
    page.click("[data-testid=record-result]")
    expect(page.locator("[data-testid=passed]")).to_be_visible()
    expect(page.locator("[data-testid=counts]")).to_contain_text("7 / 2 / 0")
    assert not page.console_errors


def test_an_inspection_boards_recommendation_is_answered(page: Any, settings: Any, tmp_path: Path) -> None:
    from danvan.core import clock
    from danvan.democracy import services

    settings.MEDIA_ROOT = tmp_path
    commune = _commune()
    root = _root()
    make_user("alice", commune, "officer")
    board = services.elect_board(actor=root, unit=commune, kind="inspection", elected_on=clock.today(),
                                 election_note="Hội nghị", members=[("A", "head"), ("B", "member"), ("C", "member"),
                                                                    ("D", "member"), ("E", "member")])  # fmt: skip
    r = services.create_recommendation(
        actor=root, board=board, finding="Chưa công khai quỹ", text="Công khai quỹ"
    )
    r = services.confirm(actor=root, recommendation=r, confirmed_on=clock.today())
    r = services.send_recommendation(actor=root, recommendation=r, recipient="UBND xã", sent_on=clock.today())
    browser_login(page, "alice")
    page.goto(page.base_url + f"/democracy/kien-nghi/{r.pk}/")
    page.fill("textarea[name=reply-reply]", "Đã niêm yết quỹ tại trụ sở.")
    page.click("[data-testid=record-reply]")
    expect(page.locator("[data-testid=state]")).to_have_text("Đã được trả lời")
    expect(page.locator("[data-testid=reply]")).to_contain_text("Đã niêm yết quỹ")
    assert not page.console_errors
