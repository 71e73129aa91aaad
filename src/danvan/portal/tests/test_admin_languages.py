"""The administration site in both languages (issue #20 item 3): its index and every registered model's list
and add page show an English administrator no Vietnamese interface words (model and field names, help
texts, filters, actions, titles), and a Vietnamese administrator no English ones.

Data stays as it is: the list's rows, the units and people in filters and select boxes (see
`test_languages.visible`), and the proper names.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings
from django.contrib import admin
from django.test import Client

from danvan.conftest import client_for
from danvan.portal.tests.test_languages import ENGLISH_UI, PROPER_NAMES, VIETNAMESE, VisibleText

pytestmark = pytest.mark.django_db

RELATED_FILTER = re.compile(r"__(id|pk)__exact=")
# The letters' default signer title, printed as it is in the Vietnamese document (letter templates' help).
DATA_IN_TEXT = ("THỦ TRƯỞNG CƠ QUAN",)


class AdminText(VisibleText):
    """The visible text of an admin page, without its data: the list's rows (`tbody`) and the records a filter
    on a related model offers (units, people, fields: links `?field__id__exact=3`)."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href") or ""
        if tag == "tbody" or (tag == "a" and RELATED_FILTER.search(href)):
            attrs = [*attrs, ("class", "data")]
        super().handle_starttag(tag, attrs)


def _admin_pages() -> list[str]:
    """The index, and every registered model's list and (where adding is allowed) add page."""
    pages = ["/admin/"]
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        base = f"/admin/{opts.app_label}/{opts.model_name}/"
        pages.append(base)
        if model_admin.has_add_permission(_superuser_request()):
            pages.append(f"{base}add/")
    return pages


def _superuser_request() -> Any:
    from django.test import RequestFactory

    from danvan.accounts.models import User

    request = RequestFactory().get("/admin/")
    request.user = User(is_superuser=True, is_staff=True, is_active=True)
    return request


def _vietnamese_words(html: str) -> list[str]:
    parser = AdminText()
    parser.feed(html)
    found = []
    for text in parser.parts:
        for name in (*PROPER_NAMES, *DATA_IN_TEXT):
            text = text.replace(name, "")
        if VIETNAMESE.search(text):
            found.append(text)
    return found


def _english_words(html: str) -> list[str]:
    parser = AdminText()
    parser.feed(html)
    return ENGLISH_UI.findall(" ".join(parser.parts))


def _visit(client: Client, check: Any) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for url in _admin_pages():
        response = client.get(url)
        if response.status_code != 200:
            found[url] = response.status_code
        elif words := check(response.content.decode()):
            found[url] = words
    return found


def test_the_admin_pages_in_english_have_no_vietnamese_interface_words(root: Any) -> None:
    client = client_for(root)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert client.get("/admin/")["Content-Language"] == "en"
    assert len(_admin_pages()) > 60
    found = _visit(client, _vietnamese_words)
    assert found == {}, "\n".join(f"{url}: {words}" for url, words in found.items())


def test_the_admin_pages_in_vietnamese_carry_no_english_interface_words(root: Any) -> None:
    client = client_for(root)
    page = client.get("/admin/").content.decode()
    assert "Quản trị Dân Vận" in page and _vietnamese_words(
        page
    )  # the check sees Vietnamese where there is some
    found = _visit(client, _english_words)
    assert found == {}, "\n".join(f"{url}: {words}" for url, words in found.items())
