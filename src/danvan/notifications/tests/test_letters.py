"""The letters of a petition as DOCX (Nghị định 30/2020 layout), for officers who may see the petition."""

from __future__ import annotations

import io
from typing import Any

import pytest
from docx import Document

from danvan.conftest import client_for
from danvan.petitions import services
from danvan.petitions.tests.conftest import denunciation_data

pytestmark = pytest.mark.django_db


def _text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_notice_of_refusal_carries_the_national_heading_the_code_and_the_reason(
    make_data: Any, alice: Any
) -> None:
    p = services.submit_petition(actor=None, channel="web", data=make_data())
    p = services.refuse(actor=alice, petition=p, reason="Đơn đã được giải quyết bằng quyết định có hiệu lực.")
    response = client_for(alice).get(f"/notifications/letters/{p.pk}/refusal.docx")
    assert response.status_code == 200
    text = _text(response.content)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "Về việc không thụ lý giải quyết đơn" in text and p.tracking_code in text
    assert "Đơn đã được giải quyết bằng quyết định có hiệu lực." in text
    assert "Kính gửi: Ông/Bà Nguyễn Văn Bình" in text


def test_a_transfer_slip_is_addressed_to_the_receiving_body(
    make_data: Any, alice: Any, bob: Any, units: Any
) -> None:
    p = services.submit_petition(actor=None, channel="web", data=make_data())
    p = services.transfer(actor=alice, petition=p, to_unit=units.commune_b, reason="Thuộc địa bàn xã bên.")
    # The slip goes with the petition: the receiving body's officers see the case (the sender's no longer do).
    text = _text(client_for(bob).get(f"/notifications/letters/{p.pk}/transfer.docx").content)
    assert "PHIẾU CHUYỂN ĐƠN" in text and f"Kính gửi: {units.commune_b.name}" in text


def test_a_denunciations_letters_name_no_one(make_data: Any, alice: Any) -> None:
    data = denunciation_data(make_data, "Phạm Thị Hoa", petitioner_address="Xóm 5")
    p = services.submit_petition(actor=None, channel="web", data=data)
    p = services.accept(actor=alice, petition=p)
    text = _text(client_for(alice).get(f"/notifications/letters/{p.pk}/acceptance.docx").content)
    assert f"Người tố cáo (hồ sơ {p.tracking_code})" in text
    assert "Hoa" not in text and "Tham" not in text


def test_an_officer_of_another_commune_gets_no_letter(make_data: Any, bob: Any) -> None:
    p = services.submit_petition(actor=None, channel="web", data=make_data())
    assert client_for(bob).get(f"/notifications/letters/{p.pk}/acceptance.docx").status_code == 404


def test_the_answer_is_also_a_pdf(make_data: Any, alice: Any) -> None:
    p = services.submit_petition(actor=None, channel="web", data=make_data())
    p = services.accept(actor=alice, petition=p)
    p = services.start(actor=alice, petition=p)
    p = services.resolve(actor=alice, petition=p, answer="Đã sửa xong đoạn đường.")
    response = client_for(alice).get(f"/notifications/letters/{p.pk}/answer.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert (
        response.content.startswith(b"%PDF")
        and f"answer-{p.tracking_code}.pdf" in response["Content-Disposition"]
    )


@pytest.mark.parametrize("kind", ["acceptance", "refusal", "transfer", "extension", "answer"])
def test_every_letter_has_the_shared_header_whose_lines_fit_their_columns(
    make_data: Any, alice: Any, kind: str
) -> None:
    from danvan.core.officialdoc import header_lines, header_overflows
    from danvan.notifications.letters import build_docx

    p = services.submit_petition(actor=None, channel="web", data=make_data())
    data = build_docx(p, kind)
    assert header_overflows(data) == []
    texts = [text for text, *_ in header_lines(data)]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in texts and "Độc lập - Tự do - Hạnh phúc" in texts
    assert any(t.startswith("ỦY BAN NHÂN DÂN") for t in texts), texts
