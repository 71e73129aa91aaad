"""Two-way messages by code and secret phrase (#17 item 5): services and pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from danvan.conftest import client_for, make_user, stored_row_text
from danvan.core.models import AuditEntry
from danvan.core.workflow import NotPermitted, Refused
from danvan.petitions import phrases, services
from danvan.petitions.models import Attachment, Petition, PetitionHistory, PetitionMessage
from danvan.petitions.tests.conftest import PDF, PNG, denunciation_data

pytestmark = pytest.mark.django_db

NAME = "Phạm Thị Kín Đáo"
PHONE = "0987654321"
ADDRESS = "Số 9 ngõ Bí Mật"
QUESTION = "Xin cho biết ông Tham nhận tiền vào ngày nào và có ai chứng kiến không?"


@pytest.fixture
def denunciation(make_data: Any) -> Petition:
    data = denunciation_data(
        make_data, NAME, petitioner_phone=PHONE, petitioner_address=ADDRESS, petitioner_email="kin@example.vn"
    )
    data["notify_consent"] = "on"
    return services.submit_petition(actor=None, channel="web", data=data)


@pytest.fixture
def assigned(denunciation: Petition, alice: Any, hanna: Any) -> Petition:
    """The denunciation with alice (officer of commune A) as its handler (and the receipt's phrase)."""
    p = services.assign_handler(actor=hanna, petition=denunciation, handler=alice)
    p.message_phrase = denunciation.message_phrase
    return p


def _audits(summary_part: str) -> int:
    return AuditEntry.objects.filter(action="view_confidential", summary__contains=summary_part).count()


# --- the phrase ---------------------------------------------------------------------------------------


def test_a_phrase_is_four_groups_of_four_unambiguous_characters_and_matches_however_typed() -> None:
    phrase = phrases.new()
    groups = phrase.split("-")
    assert [len(g) for g in groups] == [4, 4, 4, 4]
    assert set("".join(groups)) <= set(phrases.ALPHABET) and not set("01IO") & set(phrase)
    stored = phrases.digest(phrase)
    assert phrases.matches(phrase.lower().replace("-", " "), stored)
    assert not phrases.matches("", stored) and not phrases.matches(phrase, "")
    assert phrases.digest(phrase) != stored, "each digest has its own salt"


def test_the_phrase_is_shown_once_and_only_its_digest_is_stored(denunciation: Petition) -> None:
    phrase = denunciation.message_phrase
    assert phrase and denunciation.message_phrase_hash.startswith("hmac-sha256$")
    row = stored_row_text("petitions_petition", "id", denunciation.pk)
    assert phrase not in row and phrases.normalise(phrase) not in row
    assert Petition.objects.get(pk=denunciation.pk).message_phrase == ""
    assert services.verify_phrase(code=denunciation.tracking_code, phrase=phrase) == denunciation.pk


def test_a_wrong_phrase_and_an_unknown_code_are_refused_with_the_same_message(denunciation: Petition) -> None:
    with pytest.raises(Refused) as wrong:
        services.verify_phrase(code=denunciation.tracking_code, phrase="AAAA-BBBB-CCCC-DDDD")
    with pytest.raises(Refused) as unknown:
        services.verify_phrase(code="DV-AAAA-BBBB-CCCC", phrase=denunciation.message_phrase)
    assert str(wrong.value) == str(unknown.value)
    assert "cụm từ bí mật không đúng" in str(wrong.value)


# --- the handler's side ---------------------------------------------------------------------------------


def test_the_handler_asks_a_question_that_the_citizen_reads_without_anyones_identity(
    assigned: Petition, alice: Any
) -> None:
    services.send_message(
        actor=alice,
        petition=assigned,
        body=f"Gửi bà {NAME}: {QUESTION} Liên hệ cán bộ Alice, điện thoại 0911222333.",
    )
    stored = PetitionMessage.objects.get(petition=assigned)
    assert NAME not in stored.body_enc and QUESTION not in stored.body_enc, "the body is stored encrypted"
    _, thread = services.citizen_read(petition_id=assigned.pk)
    [message] = thread
    assert QUESTION in message.body
    for secret in (NAME, "Alice", "0911222333"):
        assert secret not in message.body
    assert message.officer == "" and message.author.startswith("UBND"), "the body writes, not the officer"


def test_a_message_keeps_the_state_writes_a_private_history_row_and_notifies_without_content(
    assigned: Petition, alice: Any
) -> None:
    from danvan.notifications.models import Outbox

    before = Outbox.objects.filter(template="petition_message").count()
    p = services.send_message(actor=alice, petition=assigned, body=QUESTION, version=assigned.version)
    assert p.state == assigned.state and p.version == assigned.version + 1
    row = PetitionHistory.objects.filter(petition=p, action="message").get()
    assert not row.is_public and QUESTION not in row.reason
    rows = Outbox.objects.filter(template="petition_message")
    assert rows.count() == before + 2, "an e-mail and an SMS: she gave both and agreed"
    for outbox in rows:
        assert QUESTION not in str(outbox.context) and NAME not in str(outbox.context)


def test_an_officer_of_another_unit_a_verifier_and_an_unassigned_officer_cannot_read_or_write(
    assigned: Petition, bob: Any, victor: Any, carol: Any, units: Any
) -> None:
    other_officer = make_user("oanh", units.commune_a, "officer")
    for user in (bob, victor, carol, other_officer):
        with pytest.raises(NotPermitted):
            services.send_message(actor=user, petition=assigned, body=QUESTION)
        with pytest.raises(PermissionDenied):
            services.officer_read(actor=user, petition=assigned)
    assert not PetitionMessage.objects.exists()


def test_the_unit_head_and_the_handler_read_the_thread_and_each_read_is_audited(
    assigned: Petition, alice: Any, hanna: Any
) -> None:
    services.send_message(actor=alice, petition=assigned, body=QUESTION)
    assert services.officer_read(actor=hanna, petition=assigned)[0].officer == "Alice"
    services.officer_read(actor=alice, petition=assigned)
    assert _audits("Xem trao đổi với người gửi đơn") == 2


def test_any_officer_of_the_unit_messages_about_a_petition_whose_identity_is_not_protected(
    make_data: Any, alice: Any, bob: Any
) -> None:
    p = services.submit_petition(actor=None, channel="web", data=make_data())
    services.send_message(actor=alice, petition=p, body=QUESTION)
    with pytest.raises(NotPermitted):
        services.send_message(actor=bob, petition=p, body=QUESTION)


# --- the citizen's side ---------------------------------------------------------------------------------


def test_the_citizen_answers_with_a_document_and_the_handler_sees_both(
    assigned: Petition, alice: Any, settings: Any
) -> None:
    asked = services.send_message(actor=alice, petition=assigned, body=QUESTION)
    services.citizen_reply(
        petition_id=assigned.pk,
        body="Ngày 12/5, có ông Hải chứng kiến.",
        files=[SimpleUploadedFile(f"{NAME}.pdf", PDF)],
    )
    thread = services.officer_read(actor=alice, petition=assigned)
    assert [m.from_citizen for m in thread] == [False, True]
    [document] = thread[1].attachments
    assert document.original_name == "tep-1.pdf" and NAME not in document.original_name
    raw = (settings.MEDIA_ROOT / "petitions" / document.storage_name).read_bytes()
    assert document.is_encrypted and PDF not in raw
    assert services.open_attachment(actor=alice, attachment=document) == PDF
    history = PetitionHistory.objects.filter(petition=assigned, action="reply").get()
    assert history.actor is None and not history.is_public and "12/5" not in history.reason
    assert Petition.objects.get(pk=assigned.pk).version == asked.version, "a reply bumps no version"


def test_a_bad_reply_saves_nothing(assigned: Petition) -> None:
    with pytest.raises(Refused):
        services.citizen_reply(petition_id=assigned.pk, body="", files=[])
    with pytest.raises(Refused) as bad_file:
        services.citizen_reply(
            petition_id=assigned.pk, body="Kèm ảnh", files=[SimpleUploadedFile("a.exe", b"MZ\x90\x00")]
        )
    assert bad_file.value.field == "attachments"
    with pytest.raises(Refused):
        services.citizen_reply(petition_id=assigned.pk, body="x" * (services.messages.MAX_BODY + 1))
    assert (
        not PetitionMessage.objects.exists() and not Attachment.objects.filter(message__isnull=False).exists()
    )


def test_every_citizen_read_is_audited_and_marks_the_bodys_messages_read(
    assigned: Petition, alice: Any
) -> None:
    services.send_message(actor=alice, petition=assigned, body=QUESTION)
    _, thread = services.citizen_read(petition_id=assigned.pk)
    assert thread[0].unread
    _, thread = services.citizen_read(petition_id=assigned.pk)
    assert not thread[0].unread
    assert _audits("Người gửi đơn đọc trao đổi") == 2


def test_an_officer_issues_a_new_phrase_and_the_old_one_stops_working(
    assigned: Petition, alice: Any, bob: Any
) -> None:
    old = assigned.message_phrase
    assert services.verify_phrase(code=assigned.tracking_code, phrase=old) == assigned.pk
    p = services.issue_phrase(actor=alice, petition=assigned)
    assert p.message_phrase and p.message_phrase != old
    assert services.verify_phrase(code=p.tracking_code, phrase=p.message_phrase) == p.pk
    with pytest.raises(Refused):
        services.verify_phrase(code=p.tracking_code, phrase=old)
    with pytest.raises(NotPermitted):
        services.issue_phrase(actor=bob, petition=p)


# --- pages --------------------------------------------------------------------------------------------


def test_the_receipt_shows_the_phrase_once(make_data: Any) -> None:
    client = Client()
    response = client.post("/petitions/gui-don/", make_data())
    receipt = client.get(response["Location"]).content.decode()
    p = Petition.objects.get()
    phrase = receipt.split('data-testid="message-phrase">')[1].split("<")[0]
    assert services.verify_phrase(code=p.tracking_code, phrase=phrase) == p.pk
    assert phrase not in client.get(response["Location"]).content.decode()


def test_the_desk_officer_is_given_the_phrase_to_hand_over(make_data: Any, alice: Any) -> None:
    client = client_for(alice)
    response = client.post("/petitions/tiep-nhan/", make_data(), follow=True)
    assert "Cụm từ bí mật" in response.content.decode()


def test_the_citizen_opens_the_thread_with_the_phrase_reads_and_answers_with_a_document(
    assigned: Petition, alice: Any
) -> None:
    services.send_message(actor=alice, petition=assigned, body=QUESTION)
    client = Client()
    url = f"/petitions/tra-cuu/{assigned.tracking_code}/trao-doi/"
    page = client.get(url).content.decode()
    assert QUESTION not in page and 'data-testid="phrase-form"' in page
    response = client.post(url, {"phrase": assigned.message_phrase.lower()})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert QUESTION in page and NAME not in page and "Alice" not in page
    response = client.post(
        url + "tra-loi/",
        {"body": "Ngày 12/5.", "attachments": [SimpleUploadedFile("anh.png", PNG)]},
    )
    assert response.status_code == 302
    officer_page = client_for(alice).get(f"/petitions/{assigned.pk}/").content.decode()
    assert "Ngày 12/5." in officer_page and "tep-1.png" in officer_page


def test_a_wrong_phrase_page_says_so_in_vietnamese_without_telling_whether_the_code_exists(
    denunciation: Petition,
) -> None:
    client = Client()
    known = client.post(f"/petitions/tra-cuu/{denunciation.tracking_code}/trao-doi/", {"phrase": "AAAA"})
    unknown = client.post("/petitions/tra-cuu/DV-AAAA-BBBB-CCCC/trao-doi/", {"phrase": "AAAA"})
    assert known.status_code == unknown.status_code == 400
    message = str(services.messages.WRONG_PHRASE)
    assert message in known.content.decode() and message in unknown.content.decode()


def test_phrase_attempts_are_rate_limited_per_client(denunciation: Petition) -> None:
    from danvan.petitions.views_messages import PHRASE_ATTEMPTS

    client = Client(REMOTE_ADDR="198.51.100.7")
    url = f"/petitions/tra-cuu/{denunciation.tracking_code}/trao-doi/"
    for _ in range(PHRASE_ATTEMPTS):
        assert client.post(url, {"phrase": "AAAA-BBBB"}).status_code == 400
    blocked = client.post(url, {"phrase": denunciation.message_phrase})
    assert blocked.status_code == 429 and "quá nhiều lần" in blocked.content.decode()
    assert (
        Client(REMOTE_ADDR="198.51.100.8").post(url, {"phrase": denunciation.message_phrase}).status_code
        == 302
    )


def test_a_reply_without_the_phrase_saves_nothing(assigned: Petition) -> None:
    response = Client().post(
        f"/petitions/tra-cuu/{assigned.tracking_code}/trao-doi/tra-loi/", {"body": "Xin chào"}
    )
    assert response.status_code == 302 and not PetitionMessage.objects.exists()


def test_the_officers_list_shows_a_badge_until_an_officer_reads_the_citizens_message(
    assigned: Petition, alice: Any
) -> None:
    services.citizen_reply(petition_id=assigned.pk, body="Tôi bổ sung thông tin.")
    client = client_for(alice)
    assert 'data-testid="new-message"' in client.get("/petitions/").content.decode()
    client.get(f"/petitions/{assigned.pk}/")
    assert 'data-testid="new-message"' not in client.get("/petitions/").content.decode()


def test_the_case_page_hides_the_thread_from_an_unassigned_officer(
    assigned: Petition, alice: Any, units: Any
) -> None:
    services.send_message(actor=alice, petition=assigned, body=QUESTION)
    other = make_user("oanh", units.commune_a, "officer")
    page = client_for(other).get(f"/petitions/{assigned.pk}/").content.decode()
    assert QUESTION not in page and 'data-action="message"' not in page
    response = client_for(other).post(
        f"/petitions/{assigned.pk}/message/", {"version": assigned.version + 1, "body": "x"}
    )
    assert response.status_code == 403


def test_the_handler_writes_and_issues_a_phrase_from_the_case_page(assigned: Petition, alice: Any) -> None:
    client = client_for(alice)
    response = client.post(
        f"/petitions/{assigned.pk}/message/", {"version": assigned.version, "body": QUESTION}, follow=True
    )
    assert QUESTION in response.content.decode() and "Đã gửi tin nhắn" in response.content.decode()
    p = Petition.objects.get(pk=assigned.pk)
    response = client.post(
        f"/petitions/{p.pk}/issue-phrase/", {"version": p.version, "confirm": "on"}, follow=True
    )
    page = response.content.decode()
    phrase = page.split("hãy trao trực tiếp cho người gửi đơn): ")[1][:19]
    assert services.verify_phrase(code=p.tracking_code, phrase=phrase) == p.pk


def test_a_sender_who_did_not_agree_to_notifications_is_not_told_of_a_new_message(
    make_data: Any, alice: Any
) -> None:
    from danvan.notifications.models import Outbox

    p = services.submit_petition(
        actor=None, channel="web", data=make_data(petitioner_email="binh@example.vn")
    )
    services.send_message(actor=alice, petition=p, body=QUESTION)
    assert not Outbox.objects.filter(template="petition_message").exists()
