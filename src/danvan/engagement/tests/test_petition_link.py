from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from danvan.conftest import client_for
from danvan.core import clock
from danvan.core.workflow import Refused
from danvan.engagement import petition_link, services
from danvan.engagement.models import HeadRole, ReceptionMatter
from danvan.engagement.services import CitizenInput

from .helpers import held

pytestmark = pytest.mark.django_db

SUMMARY = "Đường liên thôn 3 bị sụt lún sau mưa lũ, xe cứu thương không vào được, đề nghị xã sửa chữa."


def session_with_matter(alice: Any, units: Any, citizen: bool = True) -> ReceptionMatter:
    session = services.record_reception(
        actor=alice,
        unit=units.commune_a,
        head_role=HeadRole.COMMUNE_CHAIRMAN,
        date=dt.date(2026, 6, 15),
        receiver_name="Chủ tịch",
        citizens=[CitizenInput("Lò Văn Dân", "Thôn 3", "0912345678")] if citizen else [],
    )
    return services.add_matter(
        actor=alice, session=session, summary=SUMMARY, citizen=session.citizens.first() if citizen else None
    )


def test_a_reception_matter_becomes_a_linked_petition_in_one_step(alice: Any, units: Any) -> None:
    matter = session_with_matter(alice, units)
    petition = petition_link.matter_to_petition(actor=alice, matter=matter)
    matter.refresh_from_db()
    assert matter.petition_id == petition.pk
    assert petition.unit == units.commune_a and petition.kind == "proposal"
    # The citizen's identity travels encrypted: the stored content is the redacted working copy
    # (the citizen's address "Thôn 3" is blanked), the original is kept with the identity.
    assert "bị sụt lún sau mưa lũ" in petition.content
    assert clock.local_date(petition.received_at) <= dt.date(2026, 6, 15)
    from danvan.petitions.services import identity_of

    assert identity_of(petition)["content"] == SUMMARY
    with pytest.raises(Refused, match="đã được chuyển"):
        petition_link.matter_to_petition(actor=alice, matter=matter)


def test_a_matter_without_a_citizen_name_is_refused_with_the_petitions_message(
    alice: Any, units: Any
) -> None:
    matter = session_with_matter(alice, units, citizen=False)
    with pytest.raises(Refused, match="Chưa chuyển được thành đơn thư: .*họ và tên"):
        petition_link.matter_to_petition(actor=alice, matter=matter)
    matter.refresh_from_db()
    assert matter.petition_id is None


def test_an_officer_of_another_commune_cannot_convert_the_matter(alice: Any, bob: Any, units: Any) -> None:
    matter = session_with_matter(alice, units)
    with pytest.raises(PermissionDenied):
        petition_link.matter_to_petition(actor=bob, matter=matter)
    assert client_for(bob).post(f"/engagement/matters/{matter.pk}/petition/").status_code == 404


def test_the_reception_page_converts_a_matter_with_one_click(alice: Any, units: Any) -> None:
    matter = session_with_matter(alice, units)
    client = client_for(alice)
    page = client.get(f"/engagement/receptions/{matter.session_id}/").content.decode()
    assert f'data-testid="to-petition-{matter.pk}"' in page
    response = client.post(f"/engagement/matters/{matter.pk}/petition/", {"kind": "feedback"}, follow=True)
    matter.refresh_from_db()
    assert matter.petition is not None and matter.petition.kind == "feedback"
    assert matter.petition.tracking_code in response.content.decode()


def test_a_dialogue_question_becomes_a_linked_petition(alice: Any, units: Any) -> None:
    dialogue = held(alice, units.commune_a, dt.date(2026, 6, 15))
    question = services.add_question(
        actor=alice, dialogue=dialogue, text=SUMMARY, name="Lò Thị Hỏi", contact="0912345678"
    )
    petition = petition_link.question_to_petition(actor=alice, question=question)
    question.refresh_from_db()
    assert question.petition_id == petition.pk and petition.unit == units.commune_a
