"""Issue #16 item 10: identity-bearing attachments' original names are encrypted (audited when shown);
the database, its WAL and the attachment files are created 0600, their folders 0700."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.conftest import client_for, stored_row_text
from danvan.core.models import AuditEntry
from danvan.petitions import services
from danvan.petitions.models import Attachment
from danvan.petitions.tests.conftest import PNG, denunciation_data

pytestmark = pytest.mark.django_db

NAME = "Nguyễn Thị Xuân"
FILE_NAME = "CCCD-Nguyen-Thi-Xuan-038095001234.png"


@pytest.fixture
def denunciation(make_data):
    data = denunciation_data(make_data, NAME, petitioner_address="Thôn Đông, xã Tiên Lữ")
    return services.submit_petition(
        actor=None, channel="web", data=data, files=[SimpleUploadedFile(FILE_NAME, PNG)]
    )


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_original_name_of_an_identity_attachment_is_stored_only_encrypted(denunciation):
    row = stored_row_text("petitions_attachment", "petition_id", denunciation.pk)
    assert "Xuan" not in row and "038095001234" not in row
    attachment = Attachment.objects.get(petition=denunciation)
    assert attachment.original_name.endswith(".png") and attachment.original_name_enc


def test_the_head_sees_the_original_name_only_when_revealing_and_each_showing_is_audited(
    denunciation, hanna, victor
):
    attachment = Attachment.objects.get(petition=denunciation)
    page = client_for(hanna).get(f"/petitions/{denunciation.pk}/").content.decode()
    assert "Xuan" not in page
    revealed = client_for(hanna).get(f"/petitions/{denunciation.pk}/?identity=1").content.decode()
    assert FILE_NAME in revealed
    before = AuditEntry.objects.filter(action="view_confidential").count()
    download = client_for(hanna).get(f"/petitions/tep/{attachment.pk}/")
    assert download.status_code == 200 and FILE_NAME in download["Content-Disposition"]
    assert AuditEntry.objects.filter(action="view_confidential").count() == before + 1
    assert "Xuan" not in client_for(victor).get(f"/petitions/{denunciation.pk}/?identity=1").content.decode()


def test_attachment_files_are_created_0600_in_folders_0700(denunciation, settings):
    attachment = Attachment.objects.get(petition=denunciation)
    path = Path(settings.MEDIA_ROOT) / "petitions" / attachment.storage_name
    assert _mode(path) == 0o600
    assert _mode(path.parent) == 0o700 and _mode(path.parent.parent) == 0o700


def test_the_database_its_wal_and_the_data_folder_are_created_private(tmp_path):
    data_dir = tmp_path / "var"
    # While the connection is open the WAL and shared-memory files exist: their modes are read then.
    code = (
        "import json, os, stat, django; django.setup(); from django.conf import settings; "
        "from django.db import connection; c = connection.cursor(); c.execute('CREATE TABLE t (x)'); "
        "c.execute('INSERT INTO t VALUES (1)'); d = str(settings.DATA_DIR); db = d + '/danvan.sqlite3'; "
        "print(json.dumps({p: stat.S_IMODE(os.stat(p).st_mode) for p in (d, db, db + '-wal', db + '-shm') "
        "if os.path.exists(p)}))"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("DANVAN_") and k != "PYTEST_CURRENT_TEST"}
    env.update(DJANGO_SETTINGS_MODULE="danvan.settings", DANVAN_DATA_DIR=str(data_dir))
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True, umask=0o022
    )
    modes = json.loads(result.stdout.strip().splitlines()[-1])
    database = str(data_dir / "danvan.sqlite3")
    assert modes[str(data_dir)] == 0o700
    assert modes[database] == 0o600 and modes[database + "-wal"] == 0o600
    assert modes.get(database + "-shm", 0o600) == 0o600
