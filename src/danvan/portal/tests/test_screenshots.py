"""The README's two screenshots (issue #20): a phone page and a desktop page, made by this browser test, and
the print stylesheet of receipts, tracking pages, petition pages and reports.

The pictures are written to test-artifacts/ on every run; `DANVAN_UPDATE_SCREENSHOTS=1` also copies them
to docs/ (committed, small palette PNGs) for the README."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from danvan.accounts.services import ensure_default_organisations
from danvan.conftest import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[4]
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"
DOCS = ROOT / "docs"
MAX_BYTES = 250_000


def _small_png(data: bytes, path: Path) -> None:
    """The screenshot with a 64-colour palette: a few tens of kilobytes instead of hundreds."""
    from PIL import Image

    image = Image.open(io.BytesIO(data)).convert("RGB")
    image.quantize(colors=64, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)


def _keep(name: str, data: bytes) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    _small_png(data, path)
    assert path.stat().st_size < MAX_BYTES
    if os.environ.get("DANVAN_UPDATE_SCREENSHOTS") == "1":
        shutil.copyfile(path, DOCS / name)
    return path


def _petition(units: Any) -> Any:
    from danvan.petitions import services

    return services.submit_petition(
        actor=None,
        channel="web",
        data={
            "kind": "feedback",
            "title": "Đường liên thôn bị sụt lún",
            "content": "Đoạn đường bê tông liên thôn dài 2 km bị sụt lún, nhiều ổ gà, mùa mưa đi lại nguy hiểm.",
            "place_code": units.commune_a.code,
            "petitioner_name": "Nguyễn Văn Bình",
            "petitioner_phone": "0912345678",
            "petitioner_address": "Thôn 3",
        },
    )


def test_a_phone_and_a_desktop_screenshot_for_the_readme(
    page: Any, browser: Any, alice: Any, units: Any
) -> None:
    ensure_default_organisations(unit=units.commune_a)
    petition = _petition(units)
    phone = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=1, is_mobile=True, has_touch=True,
        locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh",
    )  # fmt: skip
    mobile = phone.new_page()
    mobile.goto(f"{page.base_url}/petitions/tra-cuu/?code={petition.tracking_code}")
    assert mobile.get_by_test_id("competent-body").inner_text() == "UBND phường Đông Kinh"
    assert mobile.evaluate("document.documentElement.scrollWidth") <= 390
    _keep("screenshot-phone.png", mobile.screenshot(full_page=False))
    phone.close()

    page.set_viewport_size({"width": 1280, "height": 800})
    browser_login(page, "alice")
    page.goto(f"{page.base_url}/petitions/{petition.pk}/")
    assert page.locator("h1").first.is_visible()
    _keep("screenshot-desktop.png", page.screenshot(full_page=False))
    for name in ("screenshot-phone.png", "screenshot-desktop.png"):
        committed = DOCS / name
        assert committed.exists() and committed.stat().st_size < MAX_BYTES, (
            f"docs/{name}: run with DANVAN_UPDATE_SCREENSHOTS=1"
        )
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/screenshot-phone.png" in readme and "docs/screenshot-desktop.png" in readme


def test_receipts_tracking_and_petition_pages_print_without_the_site_around_them(
    page: Any, alice: Any, units: Any
) -> None:
    petition = _petition(units)
    page.emulate_media(media="print")
    for url in (
        f"/petitions/bien-nhan/{petition.tracking_code}/",
        f"/petitions/tra-cuu/?code={petition.tracking_code}",
    ):
        page.goto(page.base_url + url)
        assert not page.locator("header.site-header").is_visible()
        assert not page.locator("footer.site-footer").is_visible()
        assert not page.locator("main form").first.is_visible() if page.locator("main form").count() else True
        assert page.get_by_test_id("competent-body").is_visible()
    page.emulate_media(media="screen")
    browser_login(page, "alice")
    page.emulate_media(media="print")
    page.goto(f"{page.base_url}/petitions/{petition.pk}/")
    assert not page.locator("nav.officer-nav").is_visible() and page.locator("h1").first.is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    page.emulate_media(media="screen")
    page.goto(page.base_url + "/")
    assert page.locator(".skip-link").count() == 1
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
