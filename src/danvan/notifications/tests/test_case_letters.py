"""The official letters attached to the case and sent with the e-mail of their move (#17 item 4): built as
PDF after the move commits (django.tasks), stored as an attachment of the petition and written on its
timeline, carried by the consenting citizen's e-mail (never by SMS), from templates an administrator
edits (body with placeholders, signer's title) with the built-in text as fallback."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from docx import Document

from danvan.conftest import client_for
from danvan.notifications import letters
from danvan.notifications import services as notify
from danvan.notifications.models import CaseLetter, LetterTemplate, Outbox
from danvan.notifications.tests.conftest import Inbox
from danvan.petitions import services
from danvan.petitions.models import Attachment
from danvan.petitions.selectors import timeline
from danvan.petitions.tests.conftest import denunciation_data

pytestmark = pytest.mark.django_db

EMAIL = "binh.nguyen@example.vn"


@pytest.fixture(autouse=True)
def _files(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.NOTIFICATIONS_SMS_URL = f"file://{tmp_path / 'sms'}"


def _pdf_text(data: bytes) -> str | None:
    if shutil.which("pdftotext") is None:
        return None
    done = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
    # composed characters, no line breaks (a long code or sentence may wrap anywhere; pdftotext drops the
    # hyphen a line ends with)
    text = re.sub(r"\s+", "", unicodedata.normalize("NFC", done.stdout.decode()))
    return re.sub("[\u00ad\u2010-\u2015]", "-", text)


def _docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_accepting_a_petition_attaches_the_notice_of_acceptance_after_commit_and_writes_it_on_the_timeline(
    make_data: Any, alice: Any, django_capture_on_commit_callbacks: Any
) -> None:
    p = services.submit_petition(actor=None, channel="web", data=make_data())
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        p = services.accept(actor=alice, petition=p)
    assert not Attachment.objects.filter(petition=p).exists()  # the move does not wait for the letter
    for callback in callbacks:
        callback()
    letter = CaseLetter.objects.get(petition=p)
    assert letter.kind == "acceptance"
    attachment = letter.attachment
    assert attachment.original_name == f"thong-bao-thu-ly-{p.tracking_code}.pdf"
    data = services.read_document(attachment)
    assert data.startswith(b"%PDF-") and attachment.content_type == "application/pdf"
    text = _pdf_text(data)
    if text is not None:
        assert "THÔNGBÁO" in text and p.tracking_code.replace("-", "") in text.replace("-", "")
    steps = [s for s in timeline(p) if s.label == "Tạo văn bản"]
    assert steps and "Thông báo thụ lý (PDF)" in steps[0].reason
    page = client_for(alice).get(f"/petitions/{p.pk}/").content.decode()
    assert f"thong-bao-thu-ly-{p.tracking_code}.pdf" in page
    assert client_for(alice).get(f"/petitions/tep/{attachment.pk}/").content.startswith(b"%PDF-")


def test_each_letter_move_attaches_its_own_letter_once(
    make_data: Any, alice: Any, django_capture_on_commit_callbacks: Any
) -> None:
    p = services.submit_petition(actor=None, channel="web", data=make_data())
    with django_capture_on_commit_callbacks(execute=True):
        p = services.accept(actor=alice, petition=p)
        p = services.start(actor=alice, petition=p)  # no letter
        p = services.resolve(actor=alice, petition=p, answer="Đã sửa xong đoạn đường.", decision_ref="CV 12")
    assert sorted(CaseLetter.objects.filter(petition=p).values_list("kind", flat=True)) == [
        "acceptance",
        "answer",
    ]
    answer = CaseLetter.objects.get(petition=p, kind="answer")
    assert letters.build_pdf(p, "answer").startswith(b"%PDF-")
    text = _pdf_text(services.read_document(answer.attachment))
    if text is not None:
        assert "Đãsửaxongđoạnđường." in text and "CV12" in text


def test_the_email_of_the_move_carries_its_letter_as_pdf_and_the_sms_does_not(
    smtp: Inbox, make_data: Any, alice: Any
) -> None:
    data = make_data(petitioner_email=EMAIL, notify_consent="on")
    p = services.submit_petition(actor=None, channel="web", data=data)
    p = services.refuse(actor=alice, petition=p, reason="Đơn đã được giải quyết bằng quyết định có hiệu lực.")
    rows = {r.channel: r for r in Outbox.objects.filter(template="petition_refused")}
    assert rows["email"].context["letter"] == "refusal" and "letter" not in rows["sms"].context
    notify.send_due()  # the task has not run (no commit in this test): the sender builds the letter
    refused = next(m for m in smtp.messages if "không thụ lý" in str(m["Subject"]))
    pdfs = [part for part in refused.walk() if part.get_content_type() == "application/pdf"]
    assert len(pdfs) == 1 and pdfs[0].get_filename() == f"thong-bao-khong-thu-ly-{p.tracking_code}.pdf"
    payload = pdfs[0].get_payload(decode=True)
    assert isinstance(payload, bytes) and payload.startswith(b"%PDF-")
    # built once: attached to the case, the same file the e-mail carried
    letter = CaseLetter.objects.get(petition=p)
    assert services.read_document(letter.attachment) == payload
    assert Attachment.objects.filter(petition=p).count() == 1


def test_a_denunciators_letter_is_encrypted_on_the_case_and_names_no_one(
    smtp: Inbox, make_data: Any, alice: Any
) -> None:
    data = denunciation_data(make_data, "Phạm Thị Hoa", petitioner_email=EMAIL, notify_consent="on")
    p = services.submit_petition(actor=None, channel="web", data=data)
    p = services.accept(actor=alice, petition=p)
    notify.send_due()
    letter = CaseLetter.objects.get(petition=p)
    assert letter.attachment.is_encrypted and not letter.attachment.is_identity
    text = "\n".join([letters.addressee(p, "acceptance"), *letters._body(p, "acceptance")])
    assert "Hoa" not in text and "Tham" not in text and "Người tố cáo" in text
    pdf = _pdf_text(services.read_document(letter.attachment))
    if pdf is not None:
        assert "Hoa" not in pdf and "Tham" not in pdf


def test_an_administrators_letter_template_replaces_the_body_and_the_signers_title(
    make_data: Any, alice: Any
) -> None:
    LetterTemplate.objects.create(
        kind="acceptance",
        body="Kính báo: {don_vi} thụ lý hồ sơ {ma_don} nhận ngày {ngay_nhan}.\nHạn: {han_giai_quyet}.",
        signer_title="KT. CHỦ TỊCH",
    )
    p = services.submit_petition(actor=None, channel="web", data=make_data())
    p = services.accept(actor=alice, petition=p)
    text = _docx_text(client_for(alice).get(f"/notifications/letters/{p.pk}/acceptance.docx").content)
    assert f"Kính báo: UBND phường Đông Kinh thụ lý hồ sơ {p.tracking_code}" in text
    assert "KT. CHỦ TỊCH" in text and "THỦ TRƯỞNG CƠ QUAN" not in text
    assert f"Hạn: {p.resolve_due:%d/%m/%Y}." in text


def test_a_blank_letter_template_keeps_the_built_in_text(make_data: Any, alice: Any) -> None:
    LetterTemplate.objects.create(kind="refusal", body="", signer_title="")
    p = services.submit_petition(actor=None, channel="web", data=make_data())
    p = services.refuse(actor=alice, petition=p, reason="Đơn nặc danh.")
    text = _docx_text(client_for(alice).get(f"/notifications/letters/{p.pk}/refusal.docx").content)
    assert "Đơn không đủ điều kiện thụ lý giải quyết. Lý do: Đơn nặc danh." in text
    assert "THỦ TRƯỞNG CƠ QUAN" in text


def test_a_letter_template_with_an_unknown_placeholder_is_refused_when_saved() -> None:
    template = LetterTemplate(kind="answer", body="Kết quả: {ket_qua}")
    with pytest.raises(ValidationError) as invalid:
        template.full_clean()
    assert "{ket_qua}" in str(invalid.value) and "{tra_loi}" in str(invalid.value)


def test_the_admin_offers_the_built_in_text_for_a_new_letter_template(root: Any) -> None:
    page = client_for(root).get("/admin/notifications/lettertemplate/add/?kind=transfer")
    assert page.status_code == 200
    assert "chuyển đơn đến {don_vi}" in page.content.decode()
