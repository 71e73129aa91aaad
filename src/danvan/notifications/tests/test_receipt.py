"""The printable receipt: the web receipt shows the tracking page's QR code; the PDF receipt (WeasyPrint)
carries the code and the QR code, never the confirmation key."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from danvan.core import qr
from danvan.petitions import services

pytestmark = pytest.mark.django_db


def test_the_qr_code_is_an_inline_svg_sized_for_paper() -> None:
    markup = qr.svg("http://127.0.0.1:8000/petitions/tra-cuu/?code=DV-AAAA-BBBB-CCCC", size_mm=25)
    assert markup.startswith("<svg ") and 'width="25mm"' in markup and "<?xml" not in markup


def test_the_web_receipt_shows_the_qr_code_and_links_the_pdf(make_data: Any) -> None:
    p = services.submit_petition(actor=None, channel="web", data=make_data())
    page = Client().get(f"/petitions/bien-nhan/{p.tracking_code}/").content.decode()
    assert 'data-testid="receipt-qr"><svg ' in page
    assert f"/petitions/bien-nhan/{p.tracking_code}/pdf/" in page


def test_the_pdf_receipt_is_a_pdf_for_a_known_code_only(make_data: Any) -> None:
    p = services.submit_petition(actor=None, channel="web", data=make_data())
    response = Client().get(f"/petitions/bien-nhan/{p.tracking_code}/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and len(response.content) > 2000
    assert p.tracking_code in response["Content-Disposition"]
    assert Client().get("/petitions/bien-nhan/DV-XXXX-XXXX-XXXX/pdf/").status_code == 404
