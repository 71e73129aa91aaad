"""Files a citizen attached to a public form that had an error: kept server-side for the retry.

The browser cannot put files back into a file input, so after an error the good attachments are kept
(encrypted, outside the web root) under a random folder for an hour; the page carries a signed token
naming that folder, and the next submission reads them back. Nothing here is a petition record: the
folder is removed when the retry succeeds, and any folder older than an hour on the next hold.
"""

from __future__ import annotations

import json
import secrets
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile

from danvan.core import crypto
from danvan.core import held as core_held
from danvan.petitions import files as file_store

_SALT = "danvan.petitions.held"


@dataclass(frozen=True)
class Held:
    token: str
    names: list[str]


def _root() -> Path:
    return Path(settings.MEDIA_ROOT) / "held"


def hold(uploads: list[UploadedFile]) -> Held | None:
    """Keep the attachments that pass the checks (type by content, size, count); None when none does."""
    checked, _errors = file_store.check(uploads[: file_store.MAX_FILES])
    now = time.time()
    core_held.purge_expired(now, _root())
    if not checked:
        return None
    name = secrets.token_hex(16)
    folder = _root() / name
    folder.mkdir(parents=True, exist_ok=False)
    for index, item in enumerate(checked):
        (folder / f"{index}.bin").write_bytes(crypto.encrypt_bytes(item.data))
    (folder / "names.json").write_text(json.dumps([item.name for item in checked]), encoding="utf-8")
    return Held(token=signing.dumps(name, salt=_SALT), names=[item.name for item in checked])


def _folder(token: str) -> Path | None:
    return core_held.folder_for(token, _root(), _SALT)


def restore(token: str, *, drop: frozenset[int] = frozenset()) -> list[UploadedFile]:
    """The files kept under `token` (except the indexes in `drop`), as uploads; [] when expired."""
    folder = _folder(token)
    if folder is None:
        return []
    try:
        names = json.loads((folder / "names.json").read_text(encoding="utf-8"))
        uploads: list[UploadedFile] = []
        for index, name in enumerate(names):
            if index in drop:
                continue
            data = crypto.decrypt_bytes((folder / f"{index}.bin").read_bytes())
            uploads.append(SimpleUploadedFile(name, data))
    except (OSError, ValueError, crypto.DecryptionError):
        return []
    return uploads


def discard(token: str) -> None:
    folder = _folder(token)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
