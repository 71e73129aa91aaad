"""Receipt first, enrichment after: the field suggestion and the duplicate check run after the intake."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from danvan.core.models import AuditEntry
from danvan.petitions import services
from danvan.petitions.models import DuplicateCandidate, Petition, PetitionBand, State
from danvan.petitions.tests.conftest import LAND


@pytest.mark.django_db
def test_in_background_mode_the_receipt_is_issued_before_the_analysis_and_the_officer_sees_it_pending(
    make_data, alice, client, asynchronous
):
    first = services.submit_petition(actor=None, channel="web", data=make_data(**LAND))
    petition = services.submit_petition(actor=None, channel="web", data=make_data(**LAND))
    assert petition.tracking_code and petition.state == State.RECEIVED
    assert petition.enrich_queued_at is not None and petition.suggested_field is None
    assert not PetitionBand.objects.filter(petition=petition).exists()
    client.force_login(alice)
    page = client.get(reverse("petitions:detail", args=[petition.pk])).content.decode()
    assert "đang phân tích" in page

    # The analysis process was not running: the catch-up command enriches both, oldest first.
    call_command("petitions", "enrich", "--pending")
    petition.refresh_from_db()
    assert petition.enrich_queued_at is None
    assert petition.suggested_field is not None and petition.suggested_field.code == "dat_dai"
    assert petition.field == petition.suggested_field and not petition.field_confirmed
    # The second is a copy of the first: it joins the first's group and stores no index keys of its own.
    assert PetitionBand.objects.filter(petition=first).count() > 32
    assert not PetitionBand.objects.filter(petition=petition).exists()
    assert [c.candidate_id for c in DuplicateCandidate.objects.filter(petition=petition)] == [first.pk]
    assert AuditEntry.objects.filter(
        object_type="petitions.petition", object_id=str(petition.pk), summary__startswith="Phân tích tự động"
    ).exists()
    page = client.get(reverse("petitions:detail", args=[petition.pk])).content.decode()
    assert "đang phân tích" not in page and first.tracking_code in page
    assert services.enrich_pending() == 0  # nothing left, nothing done twice
    assert services.enrich_petition(petition.pk) is False


@pytest.mark.django_db
def test_an_officer_move_made_while_the_analysis_is_pending_is_kept(make_data, alice, asynchronous):
    petition = services.submit_petition(actor=None, channel="web", data=make_data(**LAND))
    petition = services.accept(actor=alice, petition=petition, version=petition.version)
    unit = petition.unit
    assert services.enrich_petition(petition.pk) is True
    petition.refresh_from_db()
    assert petition.state == State.ACCEPTED and petition.handler == alice
    assert petition.unit == unit  # an accepted petition is not re-routed by the suggestion
    assert petition.suggested_field is not None


@pytest.mark.django_db
def test_the_catch_up_command_can_be_limited_for_cron(make_data, asynchronous):
    for _ in range(3):
        services.submit_petition(actor=None, channel="web", data=make_data())
    call_command("petitions", "enrich", "--pending", "--limit", "2")
    assert Petition.objects.filter(enrich_queued_at__isnull=False).count() == 1
    call_command("petitions", "enrich", "--pending")
    assert not Petition.objects.filter(enrich_queued_at__isnull=False).exists()
