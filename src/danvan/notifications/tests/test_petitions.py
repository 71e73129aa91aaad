"""Citizens hear of their petition's moves: hooked on the workflow kit, written in the move's transaction,
never a denunciator's identity nor a denunciation's content; failures on the case's timeline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from danvan.conftest import client_for
from danvan.notifications import services as notify
from danvan.notifications.models import Outbox, Status
from danvan.notifications.tests.conftest import Inbox, free_port, smtp_mailers
from danvan.petitions import services
from danvan.petitions.models import PetitionHistory
from danvan.petitions.tests.conftest import denunciation_data

pytestmark = pytest.mark.django_db

EMAIL = "binh.nguyen@example.vn"


@pytest.fixture(autouse=True)
def _sms_to_files(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.NOTIFICATIONS_SMS_URL = f"file://{tmp_path / 'sms'}"


def _texts(inbox: Inbox) -> list[str]:
    return [str(m["Subject"]) + "\n" + "\n".join(inbox.texts(m).values()) for m in inbox.messages]


def test_a_citizen_who_consents_hears_of_the_receipt_acceptance_answer_and_closure_by_email(
    smtp: Inbox, make_data: Any, alice: Any
) -> None:
    p = services.submit_petition(
        actor=None,
        channel="web",
        data=make_data(petitioner_email=EMAIL, notify_consent="on", petitioner_phone=""),
    )
    notify.send_due()
    p = services.accept(actor=alice, petition=p, version=p.version)
    p = services.start(actor=alice, petition=p, version=p.version)
    p = services.resolve(actor=alice, petition=p, answer="Đã sửa xong đoạn đường.", decision_ref="CV 12/UBND")
    p = services.close(actor=alice, petition=p)
    notify.send_due()
    texts = _texts(smtp)
    assert len(texts) == 4  # received, accepted, resolved, closed ("start" is not told)
    assert f"mã hồ sơ {p.tracking_code}" in texts[0] and "UBND phường Đông Kinh" in texts[0]
    assert "đã được thụ lý" in texts[1] and "Hạn giải quyết" in texts[1]
    assert "Đã sửa xong đoạn đường." in texts[2] and "CV 12/UBND" in texts[2]
    assert "mời bạn đánh giá" in texts[3] and f"/petitions/tra-cuu/?code={p.tracking_code}" in texts[3]
    assert {r for (r,) in smtp.recipients} == {EMAIL}
    assert set(Outbox.objects.values_list("case_id", flat=True)) == {str(p.pk)}


def test_a_refusal_and_a_transfer_tell_the_reason_and_the_receiving_body(
    smtp: Inbox, make_data: Any, alice: Any, units: Any
) -> None:
    data = make_data(petitioner_email=EMAIL, notify_consent="on")
    p = services.submit_petition(actor=None, channel="web", data=data)
    services.transfer(
        actor=alice, petition=p, to_unit=units.commune_b, reason="Sự việc thuộc địa bàn xã bên."
    )
    q = services.submit_petition(actor=None, channel="web", data=data)
    services.refuse(actor=alice, petition=q, reason="Đơn đã được giải quyết bằng quyết định có hiệu lực.")
    notify.send_due()
    texts = _texts(smtp)
    transferred = next(t for t in texts if "đã được chuyển đến" in t)
    assert (
        "UBND phường Lương Văn Tri" in transferred and "Lý do: Sự việc thuộc địa bàn xã bên." in transferred
    )
    refused = next(t for t in texts if "không thụ lý" in t)
    assert "Lý do: Đơn đã được giải quyết bằng quyết định có hiệu lực." in refused


def test_a_citizen_who_did_not_consent_gets_nothing(smtp: Inbox, make_data: Any, alice: Any) -> None:
    p = services.submit_petition(actor=None, channel="web", data=make_data(petitioner_email=EMAIL))
    services.accept(actor=alice, petition=p)
    notify.send_due()
    assert smtp.messages == [] and Outbox.objects.count() == 0


def test_consent_without_an_address_or_a_malformed_address_is_refused_at_the_form(make_data: Any) -> None:
    with pytest.raises(services.IntakeError) as refused:
        services.submit_petition(
            actor=None, channel="web", data=make_data(notify_consent="on", petitioner_phone="")
        )
    assert "hãy nhập địa chỉ thư điện tử hoặc số điện thoại" in str(refused.value)
    with pytest.raises(services.IntakeError, match="Địa chỉ thư điện tử không hợp lệ"):
        services.submit_petition(
            actor=None, channel="web", data=make_data(notify_consent="on", petitioner_email="binh@")
        )
    assert Outbox.objects.count() == 0


def test_a_phone_number_gets_the_messages_by_sms(
    settings: Any, make_data: Any, alice: Any, tmp_path: Path
) -> None:
    p = services.submit_petition(actor=None, channel="web", data=make_data(notify_consent="on"))
    services.accept(actor=alice, petition=p)
    notify.send_due()
    files = sorted((tmp_path / "sms").iterdir())
    assert len(files) == 2
    assert all(f.read_text(encoding="utf-8").startswith("To: 0912345678") for f in files)


def test_a_denunciators_messages_carry_neither_the_identity_nor_the_content(
    smtp: Inbox, make_data: Any, alice: Any, hanna: Any, tmp_path: Path
) -> None:
    name = "Phạm Thị Hoa"
    data = denunciation_data(
        make_data,
        name,
        petitioner_email="hoa.pham@example.vn",
        notify_consent="on",
        petitioner_address="Xóm 5",
    )
    p = services.submit_petition(actor=None, channel="web", data=data)
    assert p.petitioner_email == ""  # the address lives only in the encrypted identity
    p = services.accept(actor=alice, petition=p)
    p = services.assign_handler(actor=hanna, petition=p, handler=alice)
    p = services.start(actor=alice, petition=p)
    p = services.extend(actor=alice, petition=p, reason="Phải xác minh thêm lời khai của ông Tham.")
    p = services.resolve(
        actor=alice, petition=p, answer="Ông Lê Văn Tham đã nhận tiền, bị kỷ luật khiển trách."
    )
    services.close(actor=alice, petition=p)
    notify.send_due()
    sms = [f.read_text(encoding="utf-8") for f in (tmp_path / "sms").iterdir()]
    assert len(smtp.messages) == 5 and len(sms) == 5  # received, accepted, extended, resolved, closed
    assert {r for (r,) in smtp.recipients} == {"hoa.pham@example.vn"}
    sensitive = [
        name,
        "Hoa",
        "Xóm 5",
        "0912345678",
        "Tham",
        "hối lộ",
        "nhận tiền",
        "chứng thực",
        "kỷ luật",
        "lời khai",
    ]
    for text in _texts(smtp) + [s.split("\n\n", 1)[1] for s in sms]:
        assert p.tracking_code in text
        for word in sensitive:
            assert word not in text, word
    for row in Outbox.objects.all():
        assert "hoa.pham" not in row.recipient_enc and "hoa" not in str(row.context).lower()
        assert row.recipient_hint in ("h…@example.vn", "09…78")


def test_the_intake_journal_tells_the_receipt_when_it_enters_the_register(
    smtp: Inbox, settings: Any, make_data: Any
) -> None:
    settings.PETITIONS_INTAKE_JOURNAL = True
    p = services.submit_petition(
        actor=None, channel="web", data=make_data(petitioner_email=EMAIL, notify_consent="on"), journal=True
    )
    assert Outbox.objects.count() == 0
    assert services.ingest_journal() == 1
    notify.send_due()
    assert len(smtp.messages) == 1 and p.tracking_code in str(smtp.messages[0]["Subject"])


def test_a_failed_delivery_shows_on_the_case_timeline_for_the_officer_not_the_citizen(
    settings: Any, make_data: Any, alice: Any
) -> None:
    settings.MAILERS = smtp_mailers(free_port(), timeout=2)
    p = services.submit_petition(
        actor=None,
        channel="web",
        data=make_data(petitioner_email=EMAIL, notify_consent="on", petitioner_phone=""),
    )
    notify.send_due()
    row = Outbox.objects.get()
    assert row.status == Status.PENDING and row.last_error
    note = PetitionHistory.objects.get(petition=p, action="notify_failed")
    assert note.is_public is False and "b…@example.vn" in note.reason and EMAIL not in note.reason
    page = client_for(alice).get(f"/petitions/{p.pk}/")
    assert "notify_failed" in page.content.decode() and "chưa gửi được" in page.content.decode()
    track = Client().get("/petitions/tra-cuu/", {"code": p.tracking_code})
    assert "chưa gửi được" not in track.content.decode()


def test_the_unsubscribe_link_of_a_petition_message_stops_the_next_ones(
    smtp: Inbox, make_data: Any, alice: Any
) -> None:
    p = services.submit_petition(
        actor=None,
        channel="web",
        data=make_data(petitioner_email=EMAIL, notify_consent="on", petitioner_phone=""),
    )
    notify.send_due()
    link = str(smtp.messages[0]["List-Unsubscribe"]).strip("<>").removeprefix("http://127.0.0.1:8000")
    assert Client().post(link).status_code == 200
    services.accept(actor=alice, petition=p)
    notify.send_due()
    assert len(smtp.messages) == 1
