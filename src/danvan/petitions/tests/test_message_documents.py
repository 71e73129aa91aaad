"""Documents in the two-way thread (#17 item 5): the handler attaches documents to a message, the citizen
downloads the thread's documents by links of the thread session opened with the code and the phrase."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from danvan.conftest import client_for, make_user
from danvan.core.models import AuditEntry
from danvan.core.workflow import NotPermitted, Refused
from danvan.petitions import services, views_messages
from danvan.petitions.models import Attachment, Petition, PetitionHistory, PetitionMessage
from danvan.petitions.tests.conftest import PDF, PNG, denunciation_data

pytestmark = pytest.mark.django_db

NAME = "Phạm Thị Kín Đáo"
QUESTION = "Xin bà đọc biên bản kèm theo và cho biết có đúng không?"
EXE = b"MZ\x90\x00" + b"\x00" * 32


@pytest.fixture
def denunciation(make_data: Any) -> Petition:
    data = denunciation_data(make_data, NAME, petitioner_phone="0987654321", petitioner_address="Ngõ Kín")
    return services.submit_petition(
        actor=None, channel="web", data=data, files=[SimpleUploadedFile("don.png", PNG)]
    )


@pytest.fixture
def assigned(denunciation: Petition, alice: Any, hanna: Any) -> Petition:
    """The denunciation with alice (officer of commune A) as its handler, and the receipt's phrase."""
    p = services.assign_handler(actor=hanna, petition=denunciation, handler=alice)
    p.message_phrase = denunciation.message_phrase
    return p


def _stored_files(settings: Any) -> list[Path]:
    root = Path(settings.MEDIA_ROOT) / "petitions"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def _downloads() -> int:
    return AuditEntry.objects.filter(
        action="view_confidential", summary__contains="Người gửi đơn tải tài liệu"
    ).count()


def _thread_url(p: Petition) -> str:
    return f"/petitions/tra-cuu/{p.tracking_code}/trao-doi/"


def _opened(p: Petition) -> Client:
    """A browser that opened the petition's thread with its phrase."""
    client = Client()
    assert client.post(_thread_url(p), {"phrase": p.message_phrase}).status_code == 302
    return client


def _links(client: Client, p: Petition) -> list[str]:
    page = client.get(_thread_url(p)).content.decode()
    return [
        chunk.split('"')[0]
        for chunk in page.split('href="')[1:]
        if chunk.startswith(f"/petitions/tra-cuu/{p.tracking_code}/trao-doi/tep/")
    ]


# --- the handler's documents: the service ----------------------------------------------------------


def test_the_handlers_document_is_stored_as_the_cases_attachment_linked_to_the_message(
    assigned: Petition, alice: Any, settings: Any
) -> None:
    p = services.send_message(
        actor=alice,
        petition=assigned,
        body=QUESTION,
        files=[SimpleUploadedFile(f"Biên bản gửi {NAME}.pdf", PDF)],
        version=assigned.version,
    )
    message = PetitionMessage.objects.get(petition=p)
    [document] = message.attachments.all()
    assert document.petition_id == p.pk and document.content_type == "application/pdf"
    assert document.original_name == "tep-2.pdf", "a denunciation's documents are named neutrally"
    assert NAME not in document.original_name and NAME not in document.original_name_enc
    assert services.attachment_name(document) == f"Biên bản gửi {NAME}.pdf"
    raw = (Path(settings.MEDIA_ROOT) / "petitions" / document.storage_name).read_bytes()
    assert document.is_encrypted and PDF not in raw
    assert services.open_attachment(actor=alice, attachment=document) == PDF
    history = PetitionHistory.objects.filter(petition=p, action="message").get()
    assert "kèm 1 tài liệu" in history.reason and not history.is_public
    entry = AuditEntry.objects.filter(summary__contains="Gửi tin nhắn cho người gửi đơn").latest("id")
    assert "kèm 1 tài liệu" in entry.summary and entry.changes["attachments"] == [None, [document.pk]]


def test_a_document_alone_is_a_message_and_a_message_with_neither_text_nor_document_is_refused(
    assigned: Petition, alice: Any
) -> None:
    with pytest.raises(Refused) as empty:
        services.send_message(actor=alice, petition=assigned, body="  ")
    assert empty.value.field == "body" and "ít nhất một tài liệu" in str(empty.value)
    services.send_message(actor=alice, petition=assigned, body="", files=[SimpleUploadedFile("a.png", PNG)])
    assert PetitionMessage.objects.get().attachments.count() == 1


def test_a_bad_file_from_the_handler_saves_neither_the_message_nor_any_file(
    assigned: Petition, alice: Any, settings: Any
) -> None:
    before = _stored_files(settings)
    with pytest.raises(Refused) as bad:
        services.send_message(
            actor=alice,
            petition=assigned,
            body=QUESTION,
            files=[SimpleUploadedFile("bien-ban.pdf", PDF), SimpleUploadedFile("virus.pdf", EXE)],
        )
    assert bad.value.field == "attachments" and "virus.pdf" in str(bad.value)
    assert "không phải ảnh" in str(bad.value), "the intake's Vietnamese message"
    too_many = [SimpleUploadedFile(f"{i}.png", PNG) for i in range(6)]
    with pytest.raises(Refused, match="tối đa 5 tệp"):
        services.send_message(actor=alice, petition=assigned, body=QUESTION, files=too_many)
    assert not PetitionMessage.objects.exists() and _stored_files(settings) == before
    assert Petition.objects.get(pk=assigned.pk).version == assigned.version


def test_files_already_written_are_removed_when_the_messages_transaction_fails(
    assigned: Petition, alice: Any, settings: Any, monkeypatch: Any
) -> None:
    from danvan.core import audit

    before = _stored_files(settings)

    def broken(**kwargs: Any) -> None:
        raise RuntimeError("the audit log is unavailable")

    monkeypatch.setattr(audit, "record", broken)
    with pytest.raises(RuntimeError):
        services.send_message(
            actor=alice, petition=assigned, body=QUESTION, files=[SimpleUploadedFile("a.pdf", PDF)]
        )
    assert not PetitionMessage.objects.exists() and not Attachment.objects.filter(message__isnull=False)
    assert _stored_files(settings) == before


def test_an_officer_who_may_not_write_in_the_thread_cannot_send_a_document(
    assigned: Petition, bob: Any, units: Any, settings: Any
) -> None:
    before = _stored_files(settings)
    for user in (bob, make_user("oanh", units.commune_a, "officer")):
        with pytest.raises(NotPermitted):
            services.send_message(
                actor=user, petition=assigned, body=QUESTION, files=[SimpleUploadedFile("a.pdf", PDF)]
            )
    assert not PetitionMessage.objects.exists() and _stored_files(settings) == before


def test_an_unprotected_petitions_document_keeps_its_name_without_the_officers_or_senders_name(
    make_data: Any, alice: Any
) -> None:
    p = services.submit_petition(actor=None, channel="web", data=make_data())
    services.send_message(
        actor=alice,
        petition=p,
        body=QUESTION,
        files=[SimpleUploadedFile("Giấy mời làm việc - Alice 0912345678.pdf", PDF)],
    )
    document = Attachment.objects.get(message__isnull=False)
    assert document.original_name.startswith("Giấy mời làm việc") and document.original_name.endswith(".pdf")
    assert "Alice" not in document.original_name and "0912345678" not in document.original_name
    assert not document.is_encrypted and not document.original_name_enc


# --- the citizen's downloads: the service ----------------------------------------------------------


def test_the_citizen_downloads_the_handlers_and_her_own_documents_each_download_audited(
    assigned: Petition, alice: Any
) -> None:
    services.send_message(
        actor=alice, petition=assigned, body=QUESTION, files=[SimpleUploadedFile("b.pdf", PDF)]
    )
    services.citizen_reply(
        petition_id=assigned.pk, body="Đúng.", files=[SimpleUploadedFile(f"{NAME}.png", PNG)]
    )
    theirs, mine = Attachment.objects.filter(message__isnull=False).order_by("id")
    got = services.citizen_document(petition_id=assigned.pk, attachment_id=theirs.pk)
    assert got is not None and got.data == PDF and got.name == "tep-2.pdf"
    got = services.citizen_document(petition_id=assigned.pk, attachment_id=mine.pk)
    assert got is not None and got.data == PNG and got.name == "tep-3.png" and NAME not in got.name
    assert _downloads() == 2
    entry = AuditEntry.objects.filter(summary__contains="Người gửi đơn tải tài liệu").latest("id")
    assert entry.actor_id is None and assigned.tracking_code in entry.summary


def test_a_document_of_another_petition_or_of_the_intake_is_no_document_of_the_thread(
    assigned: Petition, alice: Any, make_data: Any
) -> None:
    other = services.submit_petition(actor=None, channel="web", data=make_data())
    services.send_message(
        actor=alice, petition=other, body=QUESTION, files=[SimpleUploadedFile("b.pdf", PDF)]
    )
    foreign = Attachment.objects.get(petition=other)
    intake = Attachment.objects.get(petition=assigned, message__isnull=True)
    for attachment in (foreign, intake):
        assert services.citizen_document(petition_id=assigned.pk, attachment_id=attachment.pk) is None
    assert _downloads() == 0


# --- the case page ---------------------------------------------------------------------------------------


def test_the_handler_attaches_a_document_on_the_case_page_and_sees_which_message_it_came_with(
    assigned: Petition, alice: Any
) -> None:
    client = client_for(alice)
    response = client.post(
        f"/petitions/{assigned.pk}/message/",
        {"version": assigned.version, "body": QUESTION, "attachments": [SimpleUploadedFile("bb.pdf", PDF)]},
        follow=True,
    )
    page = response.content.decode()
    assert response.status_code == 200 and "Đã gửi tin nhắn" in page
    message = PetitionMessage.objects.get()
    [document] = message.attachments.all()
    assert f'id="message-{message.pk}"' in page
    assert 'data-testid="attachment-message"' in page and "kèm tin nhắn của cơ quan giải quyết" in page
    assert f'href="#message-{message.pk}"' in page
    assert f"/petitions/tep/{document.pk}/" in page


def test_a_bad_file_on_the_case_page_keeps_the_text_and_the_files_for_the_retry_and_saves_nothing(
    assigned: Petition, alice: Any
) -> None:
    client = client_for(alice)
    url = f"/petitions/{assigned.pk}/message/"
    response = client.post(
        url,
        {
            "version": assigned.version,
            "body": QUESTION,
            "attachments": [SimpleUploadedFile("bb.pdf", PDF), SimpleUploadedFile("virus.pdf", EXE)],
        },
    )
    page = response.content.decode()
    assert response.status_code == 400 and "không phải ảnh" in page and "virus.pdf" in page
    assert QUESTION in page, "the typed text stays in the form"
    assert 'data-testid="held-files"' in page and not PetitionMessage.objects.exists()
    token = page.split('name="held_files" value="')[1].split('"')[0]
    response = client.post(
        url, {"version": assigned.version, "body": QUESTION, "held_files": token, "drop_held": "1"}
    )
    assert response.status_code == 302
    [document] = PetitionMessage.objects.get().attachments.all()
    assert services.open_attachment(actor=alice, attachment=document) == PDF


def test_an_unassigned_officer_cannot_post_a_document_on_the_case_page(
    assigned: Petition, units: Any, settings: Any
) -> None:
    before = _stored_files(settings)
    other = make_user("oanh", units.commune_a, "officer")
    response = client_for(other).post(
        f"/petitions/{assigned.pk}/message/",
        {"version": assigned.version, "body": "x", "attachments": [SimpleUploadedFile("a.pdf", PDF)]},
    )
    assert response.status_code == 403
    assert not PetitionMessage.objects.exists() and _stored_files(settings) == before


# --- the citizen's downloads: the pages ------------------------------------------------------------------


def test_the_citizen_downloads_the_thread_documents_by_the_links_of_her_thread_session(
    assigned: Petition, alice: Any
) -> None:
    services.send_message(
        actor=alice, petition=assigned, body=QUESTION, files=[SimpleUploadedFile("b.pdf", PDF)]
    )
    services.citizen_reply(
        petition_id=assigned.pk, body="Đúng.", files=[SimpleUploadedFile(f"{NAME}.png", PNG)]
    )
    client = _opened(assigned)
    links = _links(client, assigned)
    assert len(links) == 2
    handlers = client.get(links[0])
    assert handlers.status_code == 200 and handlers.content == PDF
    assert handlers["Content-Disposition"] == 'attachment; filename="tep-2.pdf"'
    assert "no-store" in handlers["Cache-Control"] and handlers["X-Content-Type-Options"] == "nosniff"
    own = client.get(links[1])
    assert own.content == PNG and NAME not in own["Content-Disposition"]
    assert _downloads() == 2


def test_a_document_link_needs_the_phrase_in_this_browser_and_ends_with_the_thread_session(
    assigned: Petition, alice: Any
) -> None:
    services.send_message(
        actor=alice, petition=assigned, body=QUESTION, files=[SimpleUploadedFile("b.pdf", PDF)]
    )
    client = _opened(assigned)
    [link] = _links(client, assigned)
    assert Client().get(link).status_code == 404, "another browser, without the phrase"
    wrong = Client()
    wrong.post(_thread_url(assigned), {"phrase": "AAAA-BBBB-CCCC-DDDD"})
    assert wrong.get(link).status_code == 404, "a wrong phrase opens nothing"
    other = _opened(assigned)
    assert other.get(link).status_code == 404, "the phrase entered in another browser makes other links"
    assert client.post(_thread_url(assigned), {"phrase": assigned.message_phrase}).status_code == 302
    assert client.get(link).status_code == 404, "a new phrase entry makes new links"
    [link] = _links(client, assigned)
    assert client.get(link).status_code == 200
    session = client.session
    session[views_messages.SESSION_KEY] = {str(assigned.pk): 0}
    session.save()
    expired = client.get(link)
    assert expired.status_code == 404, "expired with the thread session"
    page = expired.content.decode()
    assert 'name="phrase"' in page and "hãy nhập lại cụm từ bí mật" in page, "the way on, not a dead end"
    assert _downloads() == 1


def test_a_forged_link_and_another_cases_document_are_refused_without_an_audit_row(
    assigned: Petition, alice: Any, make_data: Any
) -> None:
    services.send_message(
        actor=alice, petition=assigned, body=QUESTION, files=[SimpleUploadedFile("b.pdf", PDF)]
    )
    other = services.submit_petition(actor=None, channel="web", data=make_data())
    services.send_message(
        actor=alice, petition=other, body=QUESTION, files=[SimpleUploadedFile("c.pdf", PDF)]
    )
    client = _opened(assigned)
    [link] = _links(client, assigned)
    base = link.split("/tep/")[0] + "/tep/"
    mine = Attachment.objects.get(petition=assigned, message__isnull=False)
    assert client.get(link[:-3] + "xx/").status_code == 404, "a tampered link"
    assert client.get(f"{base}{mine.pk}/").status_code == 404, "a bare id"
    key = client.session[views_messages.DOCUMENT_KEYS][str(assigned.pk)]
    salt = f"{views_messages.DOCUMENT_SALT}:{assigned.pk}:{key}"
    foreign = Attachment.objects.get(petition=other)
    intake = Attachment.objects.get(petition=assigned, message__isnull=True)
    for attachment in (foreign, intake):
        forged = signing.dumps(attachment.pk, salt=salt)
        assert client.get(f"{base}{forged}/").status_code == 404
    other_code = f"/petitions/tra-cuu/{other.tracking_code}/trao-doi/tep/"
    assert client.get(other_code + link.split("/tep/")[1]).status_code == 404, "another case's address"
    assert _downloads() == 0
