"""#17 item 5 in the browser: a denunciator whose identity stays confidential reads the handler's question by
tracking code and secret phrase, downloads the document the handler sent with it, answers with a document,
and the handler reads the answer and the document."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from danvan.conftest import browser_login, make_user
from danvan.petitions.tests.conftest import PDF, PNG

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAME = "Hà Thị Tâm Sự"
QUESTION = "Xin cho biết ông Tham nhận tiền vào ngày nào, ở đâu?"
ANSWER = "Sáng 12/5 tại bộ phận một cửa, có biên bản kèm theo."


def test_a_denunciator_answers_the_handlers_question_by_code_and_phrase_with_a_document(
    page: Any, settings: Any, tmp_path: Any
) -> None:
    from danvan.conftest import ensure_territory
    from danvan.core.models import AuditEntry
    from danvan.petitions import services
    from danvan.petitions.models import Petition
    from danvan.territory.models import AdminUnit, Level

    settings.MEDIA_ROOT = tmp_path
    ensure_territory()
    province = AdminUnit.objects.get(code="20")
    commune = AdminUnit.objects.subtree(province).filter(level=Level.COMMUNE).order_by("code").first()
    assert commune is not None

    # the denunciator submits on the public form and notes the code and the phrase of the receipt
    page.goto(page.base_url + "/petitions/gui-don/")
    page.select_option("select[name=kind]", "denunciation")
    page.fill("input[name=title]", "Tố cáo cán bộ nhận tiền khi chứng thực")
    page.fill(
        "textarea[name=content]", f"Tôi là {NAME}. Ông Tham, cán bộ tư pháp xã, nhận tiền khi chứng thực."
    )
    page.fill("input[name=address]", f"{commune.name}, tỉnh Lạng Sơn")
    page.fill("input[name=petitioner_name]", NAME)
    page.fill("input[name=petitioner_address]", "Thôn Nà Phai")
    page.fill("input[name=accused]", "Ông Lê Văn Tham, cán bộ tư pháp")
    page.fill("textarea[name=accused_act]", "Nhận tiền khi chứng thực hồ sơ")
    page.click("form[data-testid=petition-form] button[type=submit]")
    code = page.locator("[data-testid=tracking-code]").inner_text()
    phrase = page.locator("[data-testid=message-phrase]").inner_text()
    assert re.fullmatch(r"[A-Z2-9]{4}(-[A-Z2-9]{4}){3}", phrase)
    page.reload()
    expect(page.locator("[data-testid=message-phrase]")).to_have_count(0)  # shown once

    # the competent unit's head assigns a handler
    petition = Petition.objects.get(tracking_code=code)
    head = make_user("lan", petition.unit, "unit_head")
    handler = make_user("hoa2", petition.unit, "officer")
    handler.full_name = "Nông Văn Hòa"
    handler.save(update_fields=["full_name"])
    services.assign_handler(actor=head, petition=petition, handler=handler)

    # the handler asks a question from the case page, with a document for the denunciator to check
    browser_login(page, "hoa2")
    page.goto(page.base_url + f"/petitions/{petition.pk}/")
    page.fill("form[data-action=message] textarea[name=body]", QUESTION)
    page.set_input_files(
        "form[data-action=message] input[name=attachments]",
        files=[{"name": f"so-do gui {NAME}.png", "mimeType": "image/png", "buffer": PNG}],
    )
    page.click("[data-testid=send-message]")
    expect(page.locator("[data-testid=officer-thread] [data-testid=message-body]")).to_have_text(QUESTION)
    sent = page.locator("[data-testid=officer-thread] [data-testid=message][data-from=officer]")
    expect(sent.locator("[data-testid=message-attachments] a")).to_have_text(re.compile(r"tep-\d+\.png"))
    expect(page.locator("[data-testid=attachment-message]")).to_contain_text("kèm tin nhắn của cơ quan")

    # the denunciator opens the tracking page, enters the code and the phrase, reads and answers
    page.context.clear_cookies()
    page.goto(page.base_url + "/petitions/tra-cuu/")
    page.fill("input[name=code]", code)
    page.click("main form button[type=submit]")
    page.click("[data-testid=open-thread]")
    page.fill("input[name=phrase]", "AAAA-BBBB-CCCC-DDDD")
    page.click("[data-testid=phrase-form] button[type=submit]")
    expect(page.locator("[data-testid=phrase-form]")).to_contain_text("cụm từ bí mật không đúng")
    page.console_errors.clear()  # the refused phrase's page answers 400 on purpose
    page.fill("input[name=phrase]", phrase.lower())
    page.click("[data-testid=phrase-form] button[type=submit]")
    expect(page.locator("[data-testid=citizen-thread] [data-testid=message-body]")).to_have_text(QUESTION)
    content = page.content()
    assert "Nông Văn Hòa" not in content and "hoa2" not in content, (
        "the citizen sees the body, not the officer"
    )
    # she downloads the handler's document, under a neutral name, and the download is audited
    link = page.locator("[data-testid=message][data-from=officer] [data-testid=thread-document]")
    expect(link).to_have_text(re.compile(r"tep-\d+\.png"))
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert (
        re.fullmatch(r"tep-\d+\.png", download.suggested_filename) and NAME not in download.suggested_filename
    )
    with open(download.path(), "rb") as handle:
        assert handle.read() == PNG
    assert AuditEntry.objects.filter(summary__contains="Người gửi đơn tải tài liệu").exists()
    href = link.get_attribute("href")
    stranger = page.context.browser.new_context()
    try:
        assert stranger.request.get(page.base_url + href).status == 404, "not without the phrase"
    finally:
        stranger.close()
    page.fill("[data-testid=reply-form] textarea[name=body]", ANSWER)
    page.set_input_files(
        "[data-testid=reply-form] input[name=attachments]",
        files=[{"name": f"bien-ban {NAME}.pdf", "mimeType": "application/pdf", "buffer": PDF}],
    )
    page.click("[data-testid=reply-form] button[type=submit]")
    expect(page.locator("[data-testid=message][data-from=citizen] [data-testid=message-body]")).to_have_text(
        ANSWER
    )

    # the handler sees that there is a new message, the answer and the document
    browser_login(page, "hoa2")
    page.goto(page.base_url + "/petitions/")
    row = page.locator("tr", has=page.locator(f"text={code}"))
    expect(row.locator("[data-testid=new-message]")).to_be_visible()
    page.click(f"text={code}")
    answer = page.locator("[data-testid=officer-thread] [data-testid=message][data-from=citizen]")
    expect(answer.locator("[data-testid=message-body]")).to_have_text(ANSWER)
    link = answer.locator("[data-testid=message-attachments] a")
    expect(link).to_have_text(re.compile(r"tep-\d+\.pdf"))
    document = page.request.get(page.base_url + link.get_attribute("href"))
    assert document.ok and document.body() == PDF
    expect(page.locator("[data-testid=timeline]")).to_contain_text("Người gửi đơn gửi tin nhắn")
    assert NAME not in page.locator("[data-testid=officer-thread]").inner_text()
    assert not page.console_errors
