"""Web pages of the press module: upload, search, timeline, person and event pages, who may do what."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.conftest import Units, client_for, make_user
from danvan.core.models import AuditAction, AuditEntry
from danvan.press import services
from danvan.press.models import Event, Person
from danvan.press.tests import articles

pytestmark = pytest.mark.django_db


def ingest(text: str, name: str = "a.txt") -> Event:
    outcome = services.ingest_bytes(actor=services.CommandLineActor(), data=text.encode("utf-8"), name=name)
    assert outcome.status == "created", outcome.message
    return Event.objects.get(pk=outcome.event_id)


@pytest.fixture
def events(units: Units) -> dict[str, Event]:
    return {
        "langson": ingest(articles.LANGSON, "langson.txt"),
        "baclieu": ingest(articles.BACLIEU, "baclieu.txt"),
    }


def listed(response: Any) -> list[str]:
    return [e.title for e in response.context["page"]]


def test_an_officer_uploads_several_articles_and_sees_one_result_per_file(alice: Any) -> None:
    client = client_for(alice)
    form = client.get(reverse("press:upload")).content.decode()
    assert 'name="articles"' in form and "multiple" in form
    response = client.post(
        reverse("press:upload"),
        {
            "articles": [
                SimpleUploadedFile("langson.txt", articles.LANGSON.encode("utf-8"), "text/plain"),
                SimpleUploadedFile("baclieu.html", articles.LANGSON_HTML.encode("utf-8"), "text/html"),
                SimpleUploadedFile("english.txt", articles.ENGLISH.encode("utf-8"), "text/plain"),
            ]
        },
        follow=True,  # to the batch's page (the tests run tasks at once)
    )
    assert response.status_code == 200
    statuses = [(o.name, o.status) for o in response.context["outcomes"]]
    assert statuses == [("langson.txt", "created"), ("baclieu.html", "duplicate"), ("english.txt", "error")]
    body = response.content.decode()
    assert "không phải tiếng Việt" in body
    assert Event.objects.count() == 1
    event = Event.objects.get()
    assert event.article.ingested_by == alice
    entry = AuditEntry.objects.get(action=AuditAction.IMPORT)
    assert entry.actor_id == alice.pk and entry.unit_path == event.unit.path


def test_an_upload_with_a_wrong_type_or_an_empty_file_is_refused_with_a_clear_message(alice: Any) -> None:
    client = client_for(alice)
    response = client.post(
        reverse("press:upload"),
        {"articles": [SimpleUploadedFile("bai.pdf", b"%PDF-1.4 ...", "application/pdf")]},
    )
    assert "chỉ nhận tệp .txt, .html hoặc .htm" in response.content.decode()
    response = client.post(
        reverse("press:upload"), {"articles": [SimpleUploadedFile("bai.txt", b"", "text/plain")]}
    )
    assert "rỗng" in response.content.decode()
    response = client.post(reverse("press:upload"), {})
    assert "Hãy chọn ít nhất một tệp" in response.content.decode()
    assert Event.objects.count() == 0


def test_an_upload_takes_the_good_files_and_lists_each_bad_one_with_its_reason(alice: Any) -> None:
    """#14 case 9: one unreadable file no longer rejects the whole batch."""
    response = client_for(alice).post(
        reverse("press:upload"),
        {
            "articles": [
                SimpleUploadedFile("langson.txt", articles.LANGSON.encode("utf-8"), "text/plain"),
                SimpleUploadedFile("bai.pdf", b"%PDF-1.4 ...", "application/pdf"),
                SimpleUploadedFile("rong.txt", b"", "text/plain"),
            ]
        },
        follow=True,
    )
    assert response.status_code == 200
    outcomes = {o.name: (o.status, o.message) for o in response.context["outcomes"]}
    assert outcomes["langson.txt"][0] == "created"
    assert outcomes["bai.pdf"] == ("error", "Sai loại tệp: chỉ nhận tệp .txt, .html hoặc .htm.")
    assert outcomes["rong.txt"] == ("error", "Tệp rỗng, không có nội dung.")
    assert Event.objects.count() == 1


def test_an_upload_larger_than_the_limit_is_refused(alice: Any, settings: Any) -> None:
    big = SimpleUploadedFile("big.txt", b"a" * (services.MAX_ARTICLE_BYTES + 1), "text/plain")
    response = client_for(alice).post(reverse("press:upload"), {"articles": [big]})
    assert "vượt quá 2 MB" in response.content.decode()


def test_a_supervisor_may_browse_but_not_upload(carol: Any, events: dict[str, Event]) -> None:
    client = client_for(carol)
    assert client.get(reverse("press:event_list")).status_code == 200
    assert client.get(reverse("press:upload")).status_code == 403
    response = client.post(
        reverse("press:upload"),
        {"articles": [SimpleUploadedFile("a.txt", articles.BACLIEU.encode(), "text/plain")]},
    )
    assert response.status_code == 403
    assert Event.objects.count() == 2


def test_press_events_are_public_information_visible_to_officers_of_any_province(
    olga: Any, events: dict[str, Event]
) -> None:
    # olga is an officer in Cà Mau; the Lạng Sơn event is visible to her too
    response = client_for(olga).get(reverse("press:event_detail", args=[events["langson"].pk]))
    assert response.status_code == 200


def test_anonymous_visitors_are_sent_to_login_and_users_without_a_role_get_403(
    units: Units, events: dict[str, Event]
) -> None:
    from django.test import Client

    from danvan.accounts.models import User

    response = Client().get(reverse("press:event_list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    nobody = User.objects.create_user(username="nobody", password="x-Pass-123456")
    assert client_for(nobody).get(reverse("press:event_list")).status_code == 403
    assert (
        client_for(nobody).get(reverse("press:event_detail", args=[events["langson"].pk])).status_code == 403
    )


def test_search_by_words_ignores_diacritics_and_case(alice: Any, events: dict[str, Event]) -> None:
    client = client_for(alice)
    url = reverse("press:event_list")
    assert listed(client.get(url, {"q": "dan van kheo"})) == [
        events["baclieu"].title,
        events["langson"].title,
    ]
    assert listed(client.get(url, {"q": "TỔNG KẾT lang son"})) == [events["langson"].title]
    assert listed(client.get(url, {"q": "bac lieu"})) == [events["baclieu"].title]
    assert listed(client.get(url, {"q": "khong co tu nay"})) == []


def test_search_by_person_province_period_and_document(alice: Any, events: dict[str, Event]) -> None:
    client = client_for(alice)
    url = reverse("press:event_list")
    assert listed(client.get(url, {"person": "lu van hung"})) == [events["baclieu"].title]
    assert listed(client.get(url, {"person": "Hoàng Văn Nghiệm"})) == [events["langson"].title]
    assert listed(client.get(url, {"province": "96"})) == [events["baclieu"].title]
    assert listed(client.get(url, {"year": "2024", "half": "1"})) == [events["baclieu"].title]
    assert listed(client.get(url, {"year": "2023"})) == [events["langson"].title]
    assert listed(client.get(url, {"document": "Nghị quyết số 25-NQ/TW"})) == [events["langson"].title]
    assert listed(client.get(url, {"document": "114-kl/tw"})) == [events["baclieu"].title]
    assert listed(client.get(url, {"year": "abc", "half": "7"})) == [
        events["baclieu"].title,
        events["langson"].title,
    ]


def test_the_province_timeline_lists_the_events_of_todays_province_including_merged_ones(
    alice: Any, events: dict[str, Event]
) -> None:
    client = client_for(alice)
    response = client.get(reverse("press:province_timeline", args=["96"]))
    assert response.status_code == 200
    years = response.context["years"]
    assert [(y.year, [e.pk for e in y.events]) for y in years] == [(2024, [events["baclieu"].pk])]
    assert "Bạc Liêu" in response.content.decode()
    assert client.get(reverse("press:province_timeline", args=["99"])).status_code == 404
    listing = client.get(reverse("press:province_list"))
    assert ("96", 1) in [(p.code, n) for p, n in listing.context["provinces"]]


def test_a_persons_page_lists_their_events_with_their_titles_over_time(alice: Any, units: Units) -> None:
    ingest(articles.LANGSON)
    later = articles.BACLIEU.replace(
        "Lữ Văn Hùng, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy Bạc Liêu",
        "Hoàng Văn Nghiệm, Bí thư Tỉnh ủy Bạc Liêu",
    ).replace("đồng chí Lữ Văn Hùng", "đồng chí Hoàng Văn Nghiệm")
    ingest(later, "later.txt")
    person = Person.objects.get(name="Hoàng Văn Nghiệm")
    response = client_for(alice).get(reverse("press:person_detail", args=[person.pk]))
    assert response.status_code == 200
    rows = [(a.event.date.isoformat(), a.titles) for a in response.context["appearances"]]
    assert rows[0] == ("2023-12-20", ["Phó Bí thư Thường trực Tỉnh ủy", "Chủ tịch HĐND tỉnh"])
    assert rows[1][0] == "2024-07-12" and "Bí thư Tỉnh ủy Bạc Liêu" in rows[1][1]
    people = client_for(alice).get(reverse("press:person_list"), {"q": "hoang van"})
    assert [p.name for p in people.context["page"]] == ["Hoàng Văn Nghiệm"]


def test_the_event_page_shows_the_structured_fields_and_the_cleaned_text(alice: Any, units: Units) -> None:
    event = ingest(articles.LANGSON_OTHER_SITE, "other-site.txt")
    response = client_for(alice).get(reverse("press:event_detail", args=[event.pk]))
    body = response.content.decode()
    assert "20/12/2023" in body
    assert "Tổng kết" in body
    assert "Ban Dân vận Tỉnh ủy Lạng Sơn" in body
    assert "25-NQ/TW" in body
    assert "Hoàng Văn Nghiệm" in body and "chủ trì" in body
    assert "Năm 2023" in body
    text = response.context["event"].article.cleaned_text
    assert "Gửi cho bạn bè" not in text and "Giá vàng" not in text
    assert "Gửi cho bạn bè" in response.context["event"].article.raw  # the raw input is kept
    assert client_for(alice).get(reverse("press:event_detail", args=[999999])).status_code == 404


def test_an_officer_of_the_events_province_turns_the_event_into_a_conference_record_in_one_step(
    alice: Any, units: Units
) -> None:
    from danvan.reporting.models import Conference

    event = ingest(articles.LANGSON)
    url = reverse("press:make_conference", args=[event.pk])
    assert client_for(alice).post(url).status_code == 403  # alice acts at a commune, the event is provincial
    assert (
        "make-conference"
        not in client_for(alice).get(reverse("press:event_detail", args=[event.pk])).content.decode()
    )
    provincial = make_user("phuong", units.province, "officer")
    page = client_for(provincial).get(reverse("press:event_detail", args=[event.pk])).content.decode()
    assert "Tạo hồ sơ hội nghị" in page
    response = client_for(provincial).post(url, follow=True)
    conference = Conference.objects.get()
    assert conference.unit == units.province
    assert conference.kind == "tong_ket"
    assert conference.held_on.isoformat() == "2023-12-20"
    assert conference.chairs == [
        {"name": "Hoàng Văn Nghiệm", "title": "Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch HĐND tỉnh"}
    ]
    assert conference.documents == ["25-NQ/TW"]
    assert "Đã tạo hồ sơ hội nghị" in response.content.decode()
    event.refresh_from_db()
    assert event.conference_pk == conference.pk
    assert AuditEntry.objects.filter(action=AuditAction.UPDATE, object_type="press.event").count() == 1
    again = client_for(provincial).post(url, follow=True)
    assert "đã có hồ sơ hội nghị" in again.content.decode()
    assert Conference.objects.count() == 1


def test_an_event_without_a_chair_cannot_become_a_conference_record_and_the_officer_is_told_why(
    units: Units,
) -> None:
    from danvan.reporting.models import Conference

    no_chair = articles.BACLIEU.replace(" chủ trì hội nghị", " dự hội nghị")
    event = ingest(no_chair)
    officer = make_user("thao", units.other_province, "officer")
    response = client_for(officer).post(reverse("press:make_conference", args=[event.pk]), follow=True)
    assert "Không tạo được hồ sơ hội nghị" in response.content.decode()
    assert Conference.objects.count() == 0
    event.refresh_from_db()
    assert event.conference_ref == ""


def test_the_press_indicator_counts_events_by_todays_province_in_one_query(
    units: Units, django_assert_num_queries: Any
) -> None:
    import datetime as dt

    from danvan.reporting.registry import get_indicator

    langson = ingest(articles.LANGSON)
    indicator = get_indicator("press.events")
    assert indicator is not None and indicator.compute is not None
    with django_assert_num_queries(1):
        figures = list(indicator.compute(dt.date(2023, 1, 1), dt.date(2023, 12, 31)))
    assert [(f.unit_id, f.numerator) for f in figures] == [(langson.unit_id, 1)]
    assert indicator.drilldown is not None
    assert list(indicator.drilldown(units.province.path, dt.date(2023, 1, 1), dt.date(2023, 12, 31))) == [
        langson
    ]


def test_an_uploaded_page_keeps_its_address_and_site_and_a_bad_address_is_refused(alice: Any) -> None:
    client = client_for(alice)
    page = SimpleUploadedFile("bai.html", articles.LANGSON_HTML.encode("utf-8"), "text/html")
    response = client.post(reverse("press:upload"), {"articles": [page], "source_url": "javascript:alert(1)"})
    assert "Địa chỉ trang không hợp lệ" in response.content.decode()
    assert Event.objects.count() == 0
    page = SimpleUploadedFile("bai.html", articles.LANGSON_HTML.encode("utf-8"), "text/html")
    client.post(
        reverse("press:upload"),
        {"articles": [page], "source_url": "https://www.baolangson.vn/tong-ket-2023.html"},
    )
    article = Event.objects.get().article
    assert (article.site, article.source_url, article.is_html) == (
        "baolangson.vn",
        "https://www.baolangson.vn/tong-ket-2023.html",
        True,
    )
    assert "<nav>" in article.raw and "<nav>" not in article.cleaned_text


def test_an_event_whose_article_has_no_title_is_described_from_its_fields() -> None:
    event = Event(
        type="so_ket", period_year=2021, period_half=1, organizer="Ban Dân vận Trung ương", online=True
    )
    # "(trực tuyến)" is not in the title: the pages show a "trực tuyến" badge beside it (issue #20)
    assert event.display_title == "Hội nghị sơ kết 6 tháng đầu năm 2021 của Ban Dân vận Trung ương"
    assert Event(title="Tổng kết năm 2018", type="tong_ket").display_title == "Tổng kết năm 2018"
