"""Issue #16 item 2: a citizen's identity, encrypted at a reception session or a dialogue, stays encrypted on
the petition made from the matter or the question: no plaintext name on the petition, the verifier and the
province supervisor do not see it, the CSV export shows it redacted, and every view is audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from danvan.conftest import client_for, stored_row_text
from danvan.core.models import AuditEntry
from danvan.engagement import petition_link, services
from danvan.engagement.models import HeadRole
from danvan.engagement.services import CitizenInput
from danvan.petitions import services as petition_services

from .helpers import held

pytestmark = pytest.mark.django_db

CITIZEN = "Lò Văn Dân"
ASKER = "Lò Thị Hỏi"
PHONE = "0912345678"
SUMMARY = "Ông Lò Văn Dân phản ánh đường liên thôn 3 bị sụt lún sau mưa lũ, xe cứu thương không vào được."


def _row(petition: Any) -> str:
    return stored_row_text("petitions_petition", "id", petition.pk)


def _from_reception(alice: Any, units: Any) -> Any:
    session = services.record_reception(
        actor=alice,
        unit=units.commune_a,
        head_role=HeadRole.COMMUNE_CHAIRMAN,
        date=dt.date(2026, 6, 15),
        receiver_name="Chủ tịch",
        citizens=[CitizenInput(CITIZEN, "Thôn 3", PHONE)],
    )
    matter = services.add_matter(
        actor=alice, session=session, summary=SUMMARY, citizen=session.citizens.first()
    )
    return petition_link.matter_to_petition(actor=alice, matter=matter)


def _from_dialogue(alice: Any, units: Any) -> Any:
    dialogue = held(alice, units.commune_a, dt.date(2026, 6, 15))
    question = services.add_question(
        actor=alice,
        dialogue=dialogue,
        text="Bà Lò Thị Hỏi hỏi: bao giờ xã sửa đường liên thôn 3 bị sụt lún sau mưa lũ?",
        name=ASKER,
        contact=PHONE,
    )
    return petition_link.question_to_petition(actor=alice, question=question)


@pytest.mark.parametrize(("make", "name"), [(_from_reception, CITIZEN), (_from_dialogue, ASKER)])
def test_the_petition_made_at_a_reception_or_a_dialogue_keeps_the_identity_encrypted(
    make: Any, name: str, alice: Any, hanna: Any, victor: Any, carol: Any, units: Any
) -> None:
    petition = make(alice, units)
    row = _row(petition)
    assert name not in row and "Lo Van" not in row and PHONE not in row
    assert petition.petitioner_name == "" and petition.identity_protected
    for user in (victor, carol):
        page = client_for(user).get(f"/petitions/{petition.pk}/?identity=1")
        assert page.status_code == 200 and name not in page.content.decode()
        with pytest.raises(PermissionDenied):
            petition_services.reveal_identity(actor=user, petition=petition)
    export = b"".join(client_for(carol).get("/petitions/xuat.csv").streaming_content).decode()
    assert petition.tracking_code in export and name not in export and "[bảo mật]" in export
    assert not AuditEntry.objects.filter(action="view_confidential").exists()

    page = client_for(alice).get(f"/petitions/{petition.pk}/?identity=1").content.decode()
    assert name in page and PHONE in page
    assert petition_services.reveal_identity(actor=hanna, petition=petition)["name"] == name
    assert AuditEntry.objects.filter(action="view_confidential", object_id=str(petition.pk)).count() == 2
