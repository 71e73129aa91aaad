"""The interface on a phone and for assistive technology, page by page, with the demo data of every module.

Each test loads the demo data once and opens a list of public and officer pages covering each module:
- at 390×844 (a common phone) the page never scrolls sideways (`scrollWidth` ≤ the viewport width);
- axe-core (npm `axe-core`, evaluated in the page: the CSP forbids injected script tags) finds no
  serious or critical WCAG 2.1 A/AA violation;
- the screenshots shown in the README are taken here (docs/screenshots/).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command

from danvan.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(settings.PROJECT_DIR) / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(settings.PROJECT_DIR) / "docs" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}

PUBLIC_PAGES = [
    "/",
    "/petitions/gui-don/",
    "/petitions/tra-cuu/",
    "/engagement/doi-thoai/",
    "/exemplars/",
    "/accounts/login/",
]


def _demo() -> None:
    """The demo data of every module, and one known password for its accounts."""
    from danvan.accounts.models import User

    call_command("demo", "--size", "small", verbosity=0)
    for user in User.objects.filter(is_demo=True):
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])


def _first(username: str, queryset: Any, field: str = "unit") -> Any:
    from danvan.accounts.models import User
    from danvan.accounts.scoping import scope_for

    scope = scope_for(User.objects.get(username=username))
    return scope.filter(queryset, field=field).order_by("-pk").first()


def officer_pages(username: str) -> list[str]:
    """The officers' lists of every module, and one record of each that `username` may open."""
    from danvan.engagement.models import Commitment, Dialogue, ReceptionSession
    from danvan.exemplars.models import Contest, Exemplar
    from danvan.petitions.models import Petition
    from danvan.reporting.models import Conference, Report

    pages = [
        "/dashboard/",
        "/petitions/",
        "/engagement/receptions/",
        "/engagement/schedules/",
        "/engagement/compliance/",
        "/engagement/dialogues/",
        "/engagement/commitments/",
        "/engagement/coverage/",
        "/engagement/calendar/",
        "/exemplars/registry/",
        "/exemplars/criteria/",
        "/exemplars/figures/",
        "/exemplars/contests/",
        "/reporting/",
        "/reporting/indicators/",
        "/reporting/reports/",
        "/reporting/conferences/",
        "/reporting/tasks/",
        "/reporting/periods/",
        "/press/",
        "/press/people/",
        "/press/provinces/",
        "/security/2fa/setup/",
        "/accounts/organisations/",
    ]
    records = [
        ("/petitions/{}/", Petition.objects.all(), "unit"),
        ("/engagement/receptions/{}/", ReceptionSession.objects.all(), "unit"),
        ("/engagement/dialogues/{}/", Dialogue.objects.all(), "unit"),
        ("/engagement/commitments/{}/", Commitment.objects.all(), "dialogue__unit"),
        ("/exemplars/registry/{}/", Exemplar.objects.all(), "unit"),
        ("/exemplars/contests/{}/", Contest.objects.all(), "unit"),
        ("/reporting/reports/{}/", Report.objects.all(), "unit"),
        ("/reporting/conferences/{}/", Conference.objects.all(), "unit"),
    ]
    for pattern, queryset, field in records:
        record = _first(username, queryset, field)
        if record is not None:
            pages.append(pattern.format(record.pk))
    return pages


def public_record_pages() -> list[str]:
    from danvan.engagement.models import Dialogue
    from danvan.exemplars.models import Exemplar

    pages = []
    dialogue = Dialogue.objects.filter(state="published").first()
    if dialogue is not None:
        pages.append(f"/engagement/doi-thoai/{dialogue.pk}/")
    exemplar = Exemplar.objects.filter(status="recognised").first()
    if exemplar is not None:
        pages.append(f"/exemplars/m/{exemplar.pk}/")
    return pages


def login(page: Any, username: str) -> None:
    page.goto(page.base_url + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/dashboard/**")


def axe_violations(page: Any) -> list[str]:
    """Serious and critical WCAG 2.1 A/AA violations found by axe-core on the page as it is now."""
    if not AXE.exists():
        pytest.fail(f"axe-core not found at {AXE}: run `make test` (its npm install brings it).")
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    found = page.evaluate(
        """async () => {
          const result = await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
          return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '));
        }"""
    )
    return list(found)


def check_page(page: Any, path: str, problems: list[str]) -> None:
    response = page.goto(page.base_url + path)
    if response is None or response.status != 200:
        problems.append(f"{path}: HTTP {response.status if response else '?'}")
        return
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.evaluate("window.innerWidth")
    if width > viewport:
        problems.append(f"{path}: {width} px wide on a {viewport} px screen")
    problems.extend(f"{path}: {violation}" for violation in axe_violations(page))


def test_every_page_of_every_module_fits_a_phone_and_has_no_serious_accessibility_violation(
    browser: Any, live_server: Any, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    _demo()
    context = browser.new_context(viewport=PHONE, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    context.set_default_timeout(20000)
    page = context.new_page()
    page.base_url = live_server.url
    problems: list[str] = []
    for path in PUBLIC_PAGES + public_record_pages():
        check_page(page, path, problems)

    # The public form after an error: the summary, the errors under their fields, the kept files.
    page.goto(page.base_url + "/petitions/gui-don/")
    assert not page.locator("[data-kind-section=complaint]").is_visible()
    page.select_option("select[name=kind]", "complaint")
    assert page.locator("[data-kind-section=complaint]").is_visible()
    assert not page.locator("[data-kind-section=denunciation]").is_visible()
    page.click("form[data-testid=petition-form] button[type=submit]")
    assert page.evaluate("document.activeElement.matches('[data-error-summary]')")
    problems.extend(f"petition form with errors: {v}" for v in axe_violations(page))
    missing = page.evaluate(
        "[...document.querySelectorAll('[aria-describedby]')].flatMap(e => "
        "e.getAttribute('aria-describedby').split(' ')).filter(id => !document.getElementById(id))"
    )
    assert missing == [], f"aria-describedby points to missing ids: {missing}"

    # The menu button folds the navigation on a phone, and opens it.
    page.goto(page.base_url + "/")
    menu = page.get_by_test_id("menu-button")
    assert menu.is_visible() and not page.locator("#site-menu").is_visible()
    menu.click()
    assert page.locator("#site-menu").is_visible() and menu.get_attribute("aria-expanded") == "true"
    problems.extend(f"open menu: {v}" for v in axe_violations(page))

    login(page, "demo-tinh")  # a province supervisor sees every module's records
    for path in officer_pages("demo-tinh"):
        check_page(page, path, problems)
    context.close()

    # A commune officer also sees the forms for acting.
    context = browser.new_context(viewport=PHONE, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    page = context.new_page()
    page.base_url = live_server.url
    login(page, "demo-canbo")
    for path in [
        "/petitions/tiep-nhan/",
        "/petitions/nhap-tep/",
        "/exemplars/registry/new/",
        "/engagement/receptions/new/",
        "/engagement/dialogues/new/",
        "/reporting/figures/enter/",
        "/reporting/conferences/new/",
        "/press/upload/",
        *officer_pages("demo-canbo")[-8:],
    ]:
        check_page(page, path, problems)
    context.close()
    assert problems == [], json.dumps(problems, ensure_ascii=False, indent=1)
