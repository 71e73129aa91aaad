"""The weekly brief: drafted from the week's material, edited, exported as DOCX, sent up and received."""

from __future__ import annotations

import io
from typing import Any

import pytest
from docx import Document

from danvan.conftest import client_for, make_user
from danvan.core import clock
from danvan.core.workflow import NotPermitted, Refused
from danvan.situation import services

pytestmark = pytest.mark.django_db


def test_a_brief_is_drafted_edited_exported_sent_and_received_by_the_unit_above(
    units: Any, alice: Any, topic: Any
) -> None:
    paul = make_user("paul", units.province, "officer")
    services.open_hotspot(
        actor=alice, unit=units.commune_a, title="Ô nhiễm nguồn nước", topic=topic["moi_truong"], risk="high",
        summary="Nhiều hộ phản ánh.",
    )  # fmt: skip
    b = services.draft_brief(actor=alice, unit=units.commune_a, week=clock.today())
    assert "Ô nhiễm nguồn nước" in b.hotspots
    with pytest.raises(Refused, match="đã có bản tin"):
        services.draft_brief(actor=alice, unit=units.commune_a, week=clock.today())
    b = services.edit_brief(
        actor=alice, brief=b, data={"rising": b.rising, "hotspots": b.hotspots, "proposals": "Tổ chức đối thoại.",
                                    "signer_title": "Trưởng ban", "signer_name": "Vi Thị Mai"},
    )  # fmt: skip
    docx = client_for(alice).get(f"/situation/ban-tin/{b.pk}/docx/")
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "BÁO CÁO" in text and "Tổ chức đối thoại." in text and "ĐỀ XUẤT, KIẾN NGHỊ" in text
    b = services.send_brief(actor=alice, brief=b)
    with pytest.raises(NotPermitted):
        services.receive_brief(actor=alice, brief=b)
    b = services.receive_brief(actor=paul, brief=b)
    assert b.state == "received"
    with pytest.raises(Refused):
        services.edit_brief(actor=alice, brief=b, data={"rising": "x"})


@pytest.mark.parametrize("where", ["commune_a", "province"])
def test_the_brief_docx_has_the_shared_party_header_and_no_header_line_wraps(
    units: Any, alice: Any, where: str
) -> None:
    from danvan.core.officialdoc import header_lines, header_overflows

    actor = alice if where == "commune_a" else make_user("paula", units.province, "officer")
    b = services.draft_brief(actor=actor, unit=getattr(units, where), week=clock.today())
    response = client_for(actor).get(f"/situation/ban-tin/{b.pk}/docx/")
    assert response.status_code == 200
    assert header_overflows(response.content) == []
    texts = [text for text, *_ in header_lines(response.content)]
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in texts
    assert any(t.startswith(("ĐẢNG ỦY", "BAN TUYÊN GIÁO VÀ DÂN VẬN")) for t in texts), texts
    name = response["Content-Disposition"]
    assert name.isascii() and ".docx" in name
