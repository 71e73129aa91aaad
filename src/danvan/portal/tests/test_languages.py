"""Complete English, clean Vietnamese (issue #20 item 3): the key pages of every module rendered for an
English reader carry no Vietnamese outside data and proper names, and the Vietnamese pages no English
interface words.

Data is what the records hold (names of units, people, titles, contents): templates mark it with
`class="data"` or `lang="vi"`; table cells (`<td>`), form values and the language switch count as data too.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from danvan.conftest import client_for

pytestmark = pytest.mark.django_db

# Letters only Vietnamese uses among the two languages (with their tone marks).
VIETNAMESE = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹĂÂĐÊÔƠƯ]", re.IGNORECASE)
ENGLISH_UI = re.compile(r"\b(Select an option|Submit|Search|Cancel|Save|Delete|Next|Previous|Loading)\b")
# Proper names that stay Vietnamese in English: the product and the movement.
PROPER_NAMES = ("Dân Vận", "Dân vận khéo", "Dân vận", "Tiếng Việt", "Xã Tân Thành, tỉnh Lạng Sơn")
SKIP_TAGS = {"script", "style", "td", "textarea", "option", "title", "code", "pre", "time"}


class VisibleText(HTMLParser):
    """The visible interface text of a page, without data (see the module's docstring)."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[bool] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"br", "img", "input", "meta", "link", "hr", "source", "wbr"}:
            return
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        skipped = (
            tag in SKIP_TAGS
            or "data" in classes
            or (tag != "html" and attributes.get("lang") in {"vi", "en"})
            or "data-vi" in attributes
            or (self.stack and self.stack[-1])
        )
        self.stack.append(bool(skipped))

    def handle_endtag(self, tag: str) -> None:
        if tag in {"br", "img", "input", "meta", "link", "hr", "source", "wbr"}:
            return
        if self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self.stack and self.stack[-1]) and data.strip():
            self.parts.append(data.strip())


def visible(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    return parser.parts


def _english(client: Client, url: str) -> list[str]:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(url)
    assert response.status_code == 200, url
    found = []
    for text in visible(response.content.decode()):
        for name in PROPER_NAMES:
            text = text.replace(name, "")
        if VIETNAMESE.search(text):
            found.append(text)
    print(url, found)
    return found


def _petition(units: Any) -> Any:
    from danvan.petitions import services

    return services.submit_petition(
        actor=None,
        channel="web",
        data={
            "kind": "feedback",
            "title": "Đường liên thôn bị sụt lún",
            "content": "Đoạn đường bê tông liên thôn dài 2 km bị sụt lún, nhiều ổ gà.",
            "place_code": units.commune_a.code,
            "petitioner_name": "Nguyễn Văn Bình",
            "petitioner_phone": "0912345678",
            "petitioner_address": "Thôn 3",
        },
    )


PUBLIC = ["/", "/petitions/gui-don/", "/petitions/tra-cuu/", "/accounts/login/", "/engagement/doi-thoai/"]


@pytest.mark.parametrize("url", PUBLIC)
def test_public_pages_in_english_have_no_vietnamese_interface_words(url: str) -> None:
    assert _english(Client(), url) == []


def test_the_receipt_and_the_tracking_page_in_english(units: Any) -> None:
    petition = _petition(units)
    client = Client()
    assert _english(client, f"/petitions/bien-nhan/{petition.tracking_code}/") == []
    assert _english(client, f"/petitions/tra-cuu/?code={petition.tracking_code}") == []


def test_vietnamese_pages_carry_no_english_interface_words(units: Any) -> None:
    petition = _petition(units)
    for url in [*PUBLIC, f"/petitions/tra-cuu/?code={petition.tracking_code}"]:
        text = " ".join(visible(Client().get(url).content.decode()))
        assert not ENGLISH_UI.search(text), (url, ENGLISH_UI.search(text))
    home = visible(Client().get("/").content.decode())
    assert any(VIETNAMESE.search(t) for t in home)  # the check sees Vietnamese where there is some
    form = Client().get("/petitions/gui-don/").content.decode()
    assert "- Select an option -" not in form


# The dashboard, the reception list and the petition page are checked below with their own records.
OFFICER = ["/petitions/", "/exemplars/", "/reporting/indicators/", "/press/"]


@pytest.mark.parametrize("url", OFFICER)
def test_officer_pages_in_english_have_no_vietnamese_interface_words(
    url: str, alice: Any, units: Any
) -> None:
    _petition(units)
    found = _english(client_for(alice), url)
    assert found == [], found


# --- grassroots democracy, situation awareness, notifications (issue #20 item 3) -------------------------
def _grassroots(units: Any, root: Any) -> dict[str, str]:
    """Both modules' demo records (every kind in every state) and the pages that show them."""
    import random

    from danvan.conftest import make_user
    from danvan.core.registry import DemoContext
    from danvan.democracy import demo as democracy_demo
    from danvan.democracy import models as d
    from danvan.notifications.addresses import unsubscribe_token
    from danvan.situation import demo as situation_demo
    from danvan.situation import models as s

    class Bar:
        def update(self, n: int) -> None: ...

        def close(self) -> None: ...

    collaborator = make_user("cuong", units.commune_a, "collaborator")
    ctx = DemoContext(
        size="small",
        rng=random.Random(1),
        progress=lambda desc, total: Bar(),
        data={
            "key_units": {"commune_a": units.commune_a},
            "units": {"communes": []},
            "users": {"demo-quantri": root, "demo-congtacvien": collaborator},
        },
    )
    democracy_demo.load(ctx)
    situation_demo.load(ctx)
    code = units.commune_a.code
    pages = {
        "officer": [
            "/democracy/",
            "/democracy/thon/",
            f"/democracy/thon/{d.Village.objects.filter(unit=units.commune_a).first().pk}/",  # type: ignore[union-attr]
            "/democracy/cong-khai/",
            "/democracy/cong-khai/moi/",
            "/democracy/cong-khai/tuan-thu/",
            *[f"/democracy/cong-khai/{x.pk}/" for x in d.Disclosure.objects.all()[:4]],
            "/democracy/lay-y-kien/",
            "/democracy/lay-y-kien/moi/",
            *[f"/democracy/lay-y-kien/{x.pk}/" for x in d.Consultation.objects.all()],
            "/democracy/quyet-dinh/",
            *[f"/democracy/quyet-dinh/{x.pk}/" for x in d.CommunityDecision.objects.all()],
            "/democracy/huong-uoc/",
            *[f"/democracy/huong-uoc/{x.pk}/" for x in d.Convention.objects.all()],
            "/democracy/giam-sat/",
            *[f"/democracy/giam-sat/{x.pk}/" for x in d.OversightBoard.objects.all()],
            *[f"/democracy/kien-nghi/{x.pk}/" for x in d.Recommendation.objects.all()],
            "/democracy/co-quan/",
            "/democracy/co-quan/tuan-thu/",
            *[f"/democracy/co-quan/{x.pk}/" for x in d.Workplace.objects.all()[:2]],
            *[f"/democracy/hoi-nghi/{x.pk}/" for x in d.WorkplaceMeeting.objects.all()[:3]],
            "/situation/",
            "/situation/bao-cao/",
            "/situation/bao-cao/moi/",
            *[f"/situation/bao-cao/{x.pk}/" for x in s.SituationReport.objects.all()],
            "/situation/so-theo-doi/",
            "/situation/canh-bao/",
            "/situation/canh-bao/nguong/",
            *[f"/situation/canh-bao/{x.pk}/" for x in s.RiseAlert.objects.all()[:3]],
            "/situation/diem-nong/",
            "/situation/diem-nong/moi/",
            *[f"/situation/diem-nong/{x.pk}/" for x in s.Hotspot.objects.all()],
            "/situation/tham-do/",
            "/situation/tham-do/moi/",
            *[f"/situation/tham-do/{x.pk}/" for x in s.Poll.objects.all()],
            "/situation/ban-tin/",
            *[f"/situation/ban-tin/{x.pk}/" for x in s.Brief.objects.all()],
        ],
        "public": [
            f"/democracy/xa/{code}/cong-khai/",
            f"/democracy/xa/{code}/lay-y-kien/",
            *[f"/democracy/gop-y/{x.pk}/" for x in d.Consultation.objects.exclude(state="draft")],
            *[
                f"/situation/y-kien/{x.public_key}/"
                for x in s.Poll.objects.filter(target="public", state="open")
            ],
            f"/notifications/unsubscribe/{unsubscribe_token('email', 'dan@example.com')}/",
        ],
    }
    return pages


def _visible_vietnamese(response: Any) -> list[str]:
    found = []
    for text in visible(response.content.decode()):
        for name in PROPER_NAMES:
            text = text.replace(name, "")
        if VIETNAMESE.search(text):
            found.append(text)
    return found


def test_grassroots_and_situation_pages_in_english_have_no_vietnamese_interface_words(
    units: Any, root: Any
) -> None:
    pages = _grassroots(units, root)
    found: dict[str, Any] = {}
    for client, urls in ((client_for(root), pages["officer"]), (Client(), pages["public"])):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        for url in urls:
            response = client.get(url)
            if response.status_code != 200:
                found[url] = response.status_code
            elif response["Content-Language"] != "en" or _visible_vietnamese(response):
                found[url] = _visible_vietnamese(response)
    print(found)
    assert found == {}
    assert len(pages["officer"]) > 30 and len(pages["public"]) >= 4


def test_grassroots_and_situation_pages_in_vietnamese_carry_no_english_interface_words(
    units: Any, root: Any
) -> None:
    pages = _grassroots(units, root)
    found: dict[str, Any] = {}
    for client, urls in ((client_for(root), pages["officer"]), (Client(), pages["public"])):
        for url in urls:
            response = client.get(url)
            if response.status_code != 200:
                found[url] = response.status_code
            elif words := ENGLISH_UI.findall(" ".join(visible(response.content.decode()))):
                found[url] = words
    assert found == {}


# --- the petition page, the reporting dashboard and the reception list (issue #20 item 3) ---------------
def _case_pages(alice: Any, units: Any) -> list[str]:
    """A new petition, one being handled with history reasons recorded in Vietnamese, a reception day, and
    the three pages that show them: the officer's petition page, the dashboard and the reception list."""
    import datetime as dt

    from danvan.core import clock
    from danvan.engagement import services as engagement
    from danvan.engagement.models import HeadRole
    from danvan.petitions import services as petitions

    petition = _petition(units)
    handled = petitions.accept(actor=alice, petition=_petition(units), reason="Đủ điều kiện thụ lý")
    handled = petitions.start(actor=alice, petition=handled, reason="Cần xác minh thêm tại thôn 3")
    engagement.record_reception(
        actor=alice,
        unit=units.commune_a,
        date=clock.today() - dt.timedelta(days=1),
        head_role=HeadRole.COMMUNE_CHAIRMAN,
        receiver_name="Hoàng Văn Chủ tịch",
    )
    return [
        f"/petitions/{petition.pk}/",
        f"/petitions/{handled.pk}/",
        "/dashboard/",
        "/engagement/receptions/",
    ]


def test_the_petition_page_dashboard_and_reception_list_in_english_have_no_vietnamese_interface_words(
    alice: Any, units: Any
) -> None:
    client = client_for(alice)
    found = {url: words for url in _case_pages(alice, units) if (words := _english(client, url))}
    assert found == {}


def test_the_petition_page_dashboard_and_reception_list_in_vietnamese_carry_no_english_interface_words(
    alice: Any, units: Any
) -> None:
    client = client_for(alice)
    found: dict[str, Any] = {}
    for url in _case_pages(alice, units):
        response = client.get(url)
        if response.status_code != 200:
            found[url] = response.status_code
        elif words := ENGLISH_UI.findall(" ".join(visible(response.content.decode()))):
            found[url] = words
    assert found == {}
