"""In a real browser: an officer uploads an article and finds its event by searching for a person."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from danvan.conftest import browser_login
from danvan.press.tests import articles

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_officer_uploads_an_article_and_finds_its_event_by_searching_for_a_person(
    page: Any, alice: Any, tmp_path: Path
) -> None:
    article = tmp_path / "baclieu-so-ket.txt"
    article.write_text(articles.BACLIEU, encoding="utf-8")
    browser_login(page, "alice")
    page.click("nav.officer-nav >> text=Báo chí")
    page.click("text=Tải bài báo lên")
    page.set_input_files("input[name=articles]", str(article))
    page.click("form[data-testid=upload-form] button[type=submit]")
    page.wait_for_selector("[data-testid=outcome-created]")
    page.goto(page.base_url + "/press/")
    page.fill("input[name=person]", "lu van hung")
    page.click("form[data-testid=press-search] button[type=submit]")
    row = page.locator("[data-testid=event-row]")
    assert row.count() == 1
    assert "Sơ kết" in row.inner_text()
    assert "Cà Mau" in row.inner_text()
    row.locator("a").first.click()
    page.wait_for_selector("[data-testid=event-title]")
    assert "Lữ Văn Hùng" in page.inner_text("[data-testid=event-people]")
    assert "114-KL/TW" in page.inner_text("[data-testid=event-documents]")
    assert page.console_errors == []
