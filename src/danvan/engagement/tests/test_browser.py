from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from danvan.conftest import browser_login
from danvan.core import clock
from danvan.engagement.models import Commitment, Dialogue, DialogueQuestion

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_an_officer_announces_a_citizen_asks_and_the_officer_records_the_answer_and_a_commitment(
    page: Any, alice: Any, units: Any
) -> None:
    start = clock.today() + dt.timedelta(days=10)
    due = clock.today() + dt.timedelta(days=40)

    # 1. the officer plans and announces the dialogue
    browser_login(page, "alice")
    page.goto(page.base_url + "/engagement/dialogues/new/")
    page.fill("#id_title", "Đối thoại về nước sạch")
    page.select_option("#id_host_role", "commune_chairman")
    page.fill("#id_host_name", "Hoàng Văn Chủ")
    page.fill("#id_starts_at", start.strftime("%d/%m/%Y") + " 08:00")
    page.fill("#id_place", "Nhà văn hóa thôn 5")
    page.fill("#id_content", "Cấp nước sạch cho các thôn vùng cao")
    page.click("[data-testid=dialogue-form] button[type=submit]")
    page.wait_for_selector("[data-testid=announce-form]")
    page.click("[data-testid=announce-form] button[type=submit]")
    page.wait_for_selector("[data-testid=hold-not-yet]")  # held only from the scheduled start
    assert page.inner_text("[data-testid=dialogue-state]") == "Đã thông báo"
    page.click("header form button:has-text('Đăng xuất')")

    # 2. a citizen finds the commune's page and sends a question in advance
    page.goto(page.base_url + f"/engagement/doi-thoai/xa/{units.commune_a.code}/")
    page.click("text=Đối thoại về nước sạch")
    assert start.strftime("%d/%m/%Y") in page.inner_text("[data-testid=public-time]")
    page.fill("[data-testid=question-form] textarea[name=text]", "Bao giờ thôn 5 có nước sạch?")
    page.fill("[data-testid=question-form] input[name=name]", "Lò Văn Dân")
    page.click("[data-testid=question-form] button[type=submit]")
    page.wait_for_selector("text=Câu hỏi của bạn đã được gửi")
    question = DialogueQuestion.objects.get()

    # 3. the officer records the answer and a commitment
    browser_login(page, "alice")
    dialogue = Dialogue.objects.get()
    page.goto(page.base_url + f"/engagement/dialogues/{dialogue.pk}/")
    page.click(f"[data-testid=question-{question.pk}] summary")
    page.fill(f"#answer-{question.pk}", "Quý I năm sau sẽ khởi công tuyến ống nước thôn 5.")
    page.click(f"[data-testid=answer-form-{question.pk}] button[type=submit]")
    page.wait_for_selector(f"[data-testid=answer-{question.pk}]")
    page.fill("[data-testid=commitment-form] textarea[name=content]", "Khởi công tuyến ống nước thôn 5")
    page.fill("[data-testid=commitment-form] input[name=owner]", "alice")
    page.fill("[data-testid=commitment-form] input[name=due_date]", due.strftime("%d/%m/%Y"))
    page.click("[data-testid=commitment-form] button[type=submit]")
    page.wait_for_selector("[data-testid=commitments] >> text=Khởi công tuyến ống nước thôn 5")
    assert due.strftime("%d/%m/%Y") in page.inner_text("[data-testid=commitments]")

    question.refresh_from_db()
    commitment = Commitment.objects.get()
    assert not question.answered_on_spot and question.answer.startswith("Quý I")  # before the meeting
    assert commitment.owner == alice and commitment.due_date == due
    assert page.console_errors == []
