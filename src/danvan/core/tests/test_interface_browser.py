"""The interface on a phone and for assistive technology, page by page, with the demo data of every module.

The pages are not a hand-kept list: the test walks the site as its users do. For the public and for each
kind of account (a commune officer, a province supervisor, a collaborator, the administrator) it starts
from the navigation (and the public pages reached by a code or a link sent to the citizen: receipt,
tracking, public poll, unsubscribe, a commune's public pages) and follows the links inside each page's
main content, opening the first page of each address pattern it meets (a list's first record, that
record's forms…), to a depth of three clicks. A page added to a module is covered as soon as a link
leads to it. On each page:
- at 390×844 (a common phone) the page never scrolls sideways (`scrollWidth` ≤ the viewport width);
- axe-core (npm `axe-core`, evaluated in the page: the CSP forbids injected script tags) finds no
  serious or critical WCAG 2.1 A/AA violation;
- every `aria-describedby` and `aria-labelledby` names an element of the page.
"""

from __future__ import annotations

import json
import re
from collections import deque
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import Resolver404, resolve

from danvan.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(settings.PROJECT_DIR) / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
DEPTH = 3
# The accounts whose pages are walked: what each role sees differs (DEMO_ACCOUNTS in accounts/demo.py).
ACCOUNTS = ("demo-canbo", "demo-tinh", "demo-congtacvien", "demo-quantri")
# Addresses that are not pages: downloads, feeds, the API, the admin, leaving the session.
NOT_PAGES = re.compile(
    r"(\.(csv|ics|docx|xlsx|pdf|json|xml|png|jpg|svg)$|/(export|xuat)[./]|/tep/|/files/|/docx/|/pdf/"
    r"|^/(admin|api|open311|static|media|i18n)/|^/accounts/logout/|^/healthz)"
)


# The documents people print (#20 item 3): printed without the site around them (no header, menus,
# forms or buttons), by the one print stylesheet of core/app.css.
PRINTED = {
    "petitions/bien-nhan/<str:code>/",
    "petitions/tra-cuu/",
    "petitions/<int:pk>/",
    "reporting/reports/<int:pk>/",
    "situation/ban-tin/<int:pk>/",
}


def print_problems(page: Any) -> list[str]:
    page.emulate_media(media="print")
    try:
        shown = page.evaluate(
            """() => [...document.querySelectorAll('header.site-header, nav, footer.site-footer, main button, '
                 + 'main .button, main form:not(.print-keep)')].filter(e => e.offsetParent !== null || e.getClientRects().length)
                 .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ')[0] : ''))"""
        )
    finally:
        page.emulate_media(media="screen")
    return [f"printed with {', '.join(shown)}"] if shown else []


def _demo() -> None:
    """The demo data of every module, and one known password for its accounts."""
    from danvan.accounts.models import User

    call_command("demo", "--size", "small", verbosity=0)
    for user in User.objects.filter(is_demo=True):
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])


def public_entry_pages() -> list[str]:
    """The public pages a citizen reaches from a code or a link given to them, not from a menu."""
    from danvan.accounts.demo import DEMO_PROVINCES
    from danvan.notifications.addresses import unsubscribe_token
    from danvan.petitions.models import Petition
    from danvan.situation.models import Poll, PollTarget
    from danvan.territory.models import AdminUnit, Level

    pages = ["/", "/accounts/login/"]
    petition = Petition.objects.exclude(tracking_code="").order_by("pk").first()
    if petition is not None:
        pages += [
            f"/petitions/bien-nhan/{petition.tracking_code}/",
            f"/petitions/tra-cuu/?code={petition.tracking_code}",
        ]
    poll = Poll.objects.filter(target=PollTarget.PUBLIC).exclude(state="draft").first()
    if poll is not None:
        pages.append(f"/situation/y-kien/{poll.public_key}/")
    pages.append(f"/notifications/unsubscribe/{unsubscribe_token('email', 'cong.dan@example.vn')}/")
    commune = (
        AdminUnit.objects.filter(
            level=Level.COMMUNE, path__startswith=AdminUnit.objects.get(code=DEMO_PROVINCES[0]).path
        )
        .order_by("code")
        .first()
    )
    if commune is not None:
        pages += [
            f"/engagement/doi-thoai/xa/{commune.code}/",
            f"/democracy/xa/{commune.code}/lay-y-kien/",
            f"/democracy/xa/{commune.code}/cong-khai/",
        ]
    return pages


def login(page: Any, username: str) -> None:
    page.context.clear_cookies()
    page.goto(page.base_url + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert "/accounts/login/" not in page.url, f"{username} could not sign in"


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


def missing_references(page: Any) -> list[str]:
    """Ids named by aria-describedby / aria-labelledby that no element of the page carries."""
    return list(
        page.evaluate(
            "[...document.querySelectorAll('[aria-describedby],[aria-labelledby]')].flatMap(e => "
            "((e.getAttribute('aria-describedby') || '') + ' ' + (e.getAttribute('aria-labelledby') || ''))"
            ".split(' ')).filter(id => id && !document.getElementById(id))"
        )
    )


def check_page(page: Any, path: str, problems: list[str]) -> list[str]:
    """Open `path`, check it, and return the links of its main content (same site, pages only)."""
    found = len(problems)
    try:
        return _check_page(page, path, problems)
    finally:
        for problem in problems[found:]:
            print(f"PROBLEM {problem}", flush=True)


def _check_page(page: Any, path: str, problems: list[str]) -> list[str]:
    try:
        response = page.goto(page.base_url + path)
    except Exception as exc:  # a download started: not a page
        if "Download is starting" in str(exc):
            return []
        raise
    if response is None:
        return []
    if "text/html" not in (response.headers.get("content-type") or ""):
        return []
    if response.status != 200:
        problems.append(f"{path}: HTTP {response.status}")
        return []
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.evaluate("window.innerWidth")
    if width > viewport:
        wide = page.evaluate(
            """(vw) => [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > vw + 1
                 && getComputedStyle(e).position !== 'fixed' && !e.closest('.table-scroll, [data-scroll]'))
                 .slice(-2).map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ')[0] : ''))""",
            viewport,
        )
        problems.append(f"{path}: {width} px wide on a {viewport} px screen ({', '.join(wide)})")
    problems.extend(f"{path}: {violation}" for violation in axe_violations(page))
    if route_of(path) in PRINTED:
        problems.extend(f"{path}: {problem}" for problem in print_problems(page))
    missing = missing_references(page)
    if missing:
        problems.append(f"{path}: aria-describedby/labelledby name missing ids {missing}")
    hrefs: list[str] = page.evaluate(
        "[...document.querySelectorAll('main a[href]')].map(a => a.getAttribute('href'))"
    )
    return hrefs


def route_of(path: str) -> str | None:
    """The address pattern of a page ("petitions/<int:pk>/"), or None when it is not one of ours."""
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    return match.route or match.view_name


def links_of(page: Any, path: str) -> list[str]:
    """The links of a page's main content, without checking the page again."""
    try:
        response = page.goto(page.base_url + path)
    except Exception as exc:  # a download started: not a page
        if "Download is starting" in str(exc):
            return []
        raise
    if response is None or response.status != 200:
        return []
    return list(
        page.evaluate("[...document.querySelectorAll('main a[href]')].map(a => a.getAttribute('href'))")
    )


def walk(page: Any, seeds: list[str], checked: set[str], problems: list[str]) -> list[str]:
    """Breadth-first from `seeds`: every page of a pattern not checked yet is checked; a list checked with
    an earlier account is opened again only for its links (another role sees other buttons: "new", …)."""
    visited: list[str] = []
    seen = {route_of(seed) or seed for seed in seeds}
    queue: deque[tuple[str, int]] = deque((seed, 0) for seed in seeds)
    while queue:
        path, depth = queue.popleft()
        route = route_of(path) or path
        if route in checked:
            if "<" in route or depth >= DEPTH:
                continue
            links = links_of(page, path)
        else:
            checked.add(route)
            visited.append(path)
            links = check_page(page, path, problems)
        if depth >= DEPTH:
            continue
        for href in links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                continue  # another site, a fragment, mailto: …
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            link_route = route_of(parts.path)
            if link_route is None or link_route in seen or NOT_PAGES.search(parts.path):
                continue
            seen.add(link_route)
            queue.append((target, depth + 1))
    return visited


def nav_links(page: Any) -> list[str]:
    page.goto(page.base_url + "/")
    return list(
        page.evaluate("[...document.querySelectorAll('header nav a[href]')].map(a => a.getAttribute('href'))")
    )


def test_every_page_reached_from_the_navigation_fits_a_phone_and_has_no_serious_accessibility_violation(
    browser: Any, live_server: Any, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    _demo()
    context = browser.new_context(viewport=PHONE, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    context.set_default_timeout(20000)
    page = context.new_page()
    page.base_url = live_server.url
    problems: list[str] = []
    checked: set[str] = set()
    covered = walk(page, [*nav_links(page), *public_entry_pages()], checked, problems)
    for username in ACCOUNTS:
        login(page, username)
        covered += walk(page, ["/dashboard/", *nav_links(page)], checked, problems)
    context.close()
    print(f"\n{len(covered)} pages checked at 390×844:\n" + "\n".join(covered))
    assert problems == [], json.dumps(problems, ensure_ascii=False, indent=1)
    assert PRINTED <= {route_of(path) for path in covered}, "a printed document was not reached"
    modules = {path.strip("/").split("/")[0] for path in covered}
    for module in ("petitions", "engagement", "exemplars", "reporting", "press", "democracy", "situation",
                   "notifications", "accounts", "security"):  # fmt: skip
        assert module in modules, f"no page of {module} was reached"


def test_the_public_form_after_an_error_and_the_menu_button_on_a_phone(
    browser: Any, live_server: Any, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    call_command("demo", "--size", "small", verbosity=0)
    context = browser.new_context(viewport=PHONE, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    context.set_default_timeout(20000)
    page = context.new_page()
    page.base_url = live_server.url
    problems: list[str] = []
    # The public form after an error: the summary, the errors under their fields, the kept files.
    page.goto(page.base_url + "/petitions/gui-don/")
    assert not page.locator("[data-kind-section=complaint]").is_visible()
    page.select_option("select[name=kind]", "complaint")
    assert page.locator("[data-kind-section=complaint]").is_visible()
    assert not page.locator("[data-kind-section=denunciation]").is_visible()
    page.click("form[data-testid=petition-form] button[type=submit]")
    assert page.evaluate("document.activeElement.matches('[data-error-summary]')")
    problems.extend(f"petition form with errors: {v}" for v in axe_violations(page))
    assert missing_references(page) == []

    # The menu button folds the navigation on a phone, and opens it.
    page.goto(page.base_url + "/")
    menu = page.get_by_test_id("menu-button")
    assert menu.is_visible() and not page.locator("#site-menu").is_visible()
    menu.click()
    assert page.locator("#site-menu").is_visible() and menu.get_attribute("aria-expanded") == "true"
    problems.extend(f"open menu: {v}" for v in axe_violations(page))
    context.close()
    assert problems == [], json.dumps(problems, ensure_ascii=False, indent=1)
