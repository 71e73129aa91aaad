from __future__ import annotations

import logging

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.conftest import client_for, stored_row_text
from danvan.core.models import AuditEntry
from danvan.petitions import selectors, services
from danvan.petitions.models import Attachment, Petition
from danvan.petitions.tests.conftest import PNG, denunciation_data

pytestmark = pytest.mark.django_db

NAME = "Phạm Thị Kín Đáo"
ADDRESS = "Số 9 ngõ Bí Mật"


@pytest.fixture
def denunciation(make_data):
    data = denunciation_data(make_data, NAME, petitioner_phone="0987654321", petitioner_address=ADDRESS)
    return services.submit_petition(
        actor=None, channel="web", data=data, files=[SimpleUploadedFile("cmnd.png", PNG)]
    )


def test_the_identity_of_a_denunciator_is_encrypted_at_rest(denunciation):
    row = stored_row_text("petitions_petition", "id", denunciation.pk)
    assert NAME not in row and ADDRESS not in row and "0987654321" not in row
    assert services.identity_of(denunciation)["name"] == NAME


def test_identity_bearing_attachments_are_encrypted_on_disk(denunciation, settings):
    attachment = Attachment.objects.get(petition=denunciation)
    raw = (settings.MEDIA_ROOT / "petitions" / attachment.storage_name).read_bytes()
    assert attachment.is_encrypted and attachment.is_identity and PNG not in raw


def test_only_the_assigned_handler_and_the_unit_head_see_the_identity_and_every_view_is_audited(
    denunciation, alice, hanna, bob, victor, carol, units
):
    from danvan.conftest import make_user

    other_officer = make_user("oanh", units.commune_a, "officer")
    p = services.assign_handler(
        actor=hanna, petition=services.accept(actor=alice, petition=denunciation), handler=alice
    )
    assert services.reveal_identity(actor=alice, petition=p)["name"] == NAME
    assert services.reveal_identity(actor=hanna, petition=p)["address"] == ADDRESS
    for user in (other_officer, victor, carol, bob):
        with pytest.raises(PermissionDenied):
            services.reveal_identity(actor=user, petition=p)
    assert AuditEntry.objects.filter(action="view_confidential", object_id=str(p.pk)).count() == 2


def test_the_detail_page_shows_the_identity_only_on_request_to_the_handler_and_logs_it(
    denunciation, alice, hanna, victor
):
    p = services.assign_handler(actor=hanna, petition=denunciation, handler=alice)
    page = client_for(alice).get(f"/petitions/{p.pk}/")
    assert NAME not in page.content.decode()
    page = client_for(alice).get(f"/petitions/{p.pk}/?identity=1")
    assert NAME in page.content.decode()
    assert AuditEntry.objects.filter(action="view_confidential", actor_id=alice.pk).count() == 1
    verifier_page = client_for(victor).get(f"/petitions/{p.pk}/?identity=1").content.decode()
    assert NAME not in verifier_page and ADDRESS not in verifier_page


def test_verifiers_work_on_a_redacted_copy_without_the_identity_or_its_attachments(denunciation, victor):
    text = selectors.redacted_content(denunciation)
    assert NAME not in text and "[đã che]" in text and "ông Tham nhận tiền" in text
    page = client_for(victor).get(f"/petitions/{denunciation.pk}/").content.decode()
    assert NAME not in page and "cmnd.png" not in page and "tệp có thông tin danh tính được bảo mật" in page
    attachment = Attachment.objects.get(petition=denunciation)
    assert client_for(victor).get(f"/petitions/tep/{attachment.pk}/").status_code == 403


def test_exports_public_pages_and_the_search_index_never_contain_the_identity(denunciation, alice, client):
    export = b"".join(client_for(alice).get("/petitions/xuat.csv").streaming_content).decode()
    assert denunciation.tracking_code in export and NAME not in export and "[bảo mật]" in export
    public = client.get(f"/petitions/tra-cuu/?code={denunciation.tracking_code}").content.decode()
    assert denunciation.tracking_code in public and NAME not in public and ADDRESS not in public
    assert "pham thi kin dao" not in Petition.objects.get(pk=denunciation.pk).search_text
    status = selectors.public_status(denunciation.tracking_code)
    assert NAME not in repr(status)


def test_errors_and_logs_never_contain_the_identity(make_data, caplog, client):
    caplog.set_level(logging.DEBUG)
    bad = make_data(kind="denunciation", petitioner_name=NAME, petitioner_address=ADDRESS, accused="")
    with pytest.raises(services.IntakeError) as exc:
        services.submit_petition(actor=None, channel="web", data=bad)
    assert NAME not in str(exc.value.errors)
    response = client.post("/petitions/gui-don/", bad)
    assert response.status_code == 400
    assert NAME not in caplog.text and ADDRESS not in caplog.text
    assert NAME not in " ".join(AuditEntry.objects.values_list("summary", flat=True))


def test_keys_can_be_rotated_and_old_values_still_decrypt(denunciation, settings):
    from cryptography.fernet import Fernet

    from danvan.core import crypto

    old_token = Petition.objects.get(pk=denunciation.pk).identity_enc
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode(), *settings.FIELD_ENCRYPTION_KEYS]
    crypto._fernet.cache_clear()
    rows, files = services.rotate_keys()
    assert rows == 1 and files == 1
    fresh = Petition.objects.get(pk=denunciation.pk)
    assert fresh.identity_enc != old_token
    settings.FIELD_ENCRYPTION_KEYS = settings.FIELD_ENCRYPTION_KEYS[:1]  # only the new key left
    assert services.identity_of(fresh)["name"] == NAME
    attachment = Attachment.objects.get(petition=denunciation)
    from danvan.petitions import files as store

    assert store.read(attachment.storage_name, encrypted=True) == PNG
