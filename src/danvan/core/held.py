"""Files attached to an officer's form that had an error: kept server-side for the retry (issue #20 item 2).

The browser cannot put files back into a file input, so after an error the attached files are kept
(encrypted, outside the web root) under a random folder for an hour, and the form is shown with the list
of kept files (each with a box to drop it) and a signed token naming the folder. On the next submission
`files_for_retry` adds them back to the uploads of their field; the form validates them again as if they
had just been attached. The public petition form has its own, stricter keeper (`petitions.held`), which
uses this module's purge and token lookup on its own folder and salt.

In a view::

    files = held.files_for_retry(request)
    form = SomeForm(request.POST, files)
    if not form.is_valid():
        held.keep(form, files)  # shown by includes/form_errors.html inside the <form>
"""

from __future__ import annotations

import json
import secrets
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict

from danvan.core import crypto

MAX_AGE_SECONDS = 3600
MAX_FILES = 20
MAX_BYTES = 20 * 1024 * 1024
TOKEN_FIELD = "held_files"
DROP_FIELD = "drop_held"
_SALT = "danvan.core.held"


@dataclass(frozen=True)
class HeldFile:
    index: int
    field: str
    name: str


@dataclass(frozen=True)
class Held:
    token: str
    files: list[HeldFile]


def _root() -> Path:
    return Path(settings.MEDIA_ROOT) / "held-forms"


def purge_expired(now: float, root: Path | None = None) -> None:
    """Remove the folders under `root` (this module's by default) older than MAX_AGE_SECONDS."""
    root = root if root is not None else _root()
    if not root.exists():
        return
    for folder in root.iterdir():
        try:
            if now - folder.stat().st_mtime > MAX_AGE_SECONDS:
                shutil.rmtree(folder, ignore_errors=True)
        except FileNotFoundError:  # another worker removed it first
            continue


def folder_for(token: str, root: Path | None = None, salt: str = _SALT) -> Path | None:
    """The folder under `root` (this module's by default) that a token signed with `salt` names, while it
    is younger than MAX_AGE_SECONDS; None for a bad, expired or empty token or a folder already gone."""
    if not token:
        return None
    try:
        name = signing.loads(token, salt=salt, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:
        return None
    if not isinstance(name, str) or not name.isalnum():
        return None
    folder = (root if root is not None else _root()) / name
    return folder if folder.is_dir() else None


def files_for_retry(request: HttpRequest) -> MultiValueDict[str, UploadedFile]:
    """The files of this submission: those just attached and those kept from the previous try (except the
    ones the person ticked to drop), each under its field."""
    files: MultiValueDict[str, UploadedFile] = MultiValueDict()
    token = request.POST.get(TOKEN_FIELD, "")
    folder = folder_for(token)
    if folder is not None:
        drop = {int(i) for i in request.POST.getlist(DROP_FIELD) if i.isdigit()}
        try:
            for entry in json.loads((folder / "files.json").read_text(encoding="utf-8")):
                if entry["index"] in drop:
                    continue
                data = crypto.decrypt_bytes((folder / f"{entry['index']}.bin").read_bytes())
                files.appendlist(entry["field"], SimpleUploadedFile(entry["name"], data))
        except (OSError, ValueError, KeyError, crypto.DecryptionError):
            files = MultiValueDict()
        shutil.rmtree(folder, ignore_errors=True)
    for field, uploads in request.FILES.lists():
        for upload in uploads:
            files.appendlist(field, upload)
    return files


def hold(files: MultiValueDict[str, UploadedFile]) -> Held | None:
    """Keep `files` for an hour (at most MAX_FILES of at most MAX_BYTES each); None when there is none."""
    now = time.time()
    purge_expired(now)
    kept: list[tuple[HeldFile, bytes]] = []
    for field, uploads in files.lists():
        for upload in uploads:
            if len(kept) >= MAX_FILES or (upload.size or 0) > MAX_BYTES:
                continue
            upload.seek(0)
            kept.append((HeldFile(len(kept), field, upload.name or "tep"), upload.read()))
            upload.seek(0)
    if not kept:
        return None
    name = secrets.token_hex(16)
    folder = _root() / name
    folder.mkdir(parents=True, exist_ok=False)
    for item, data in kept:
        (folder / f"{item.index}.bin").write_bytes(crypto.encrypt_bytes(data))
    listing = [{"index": i.index, "field": i.field, "name": i.name} for i, _ in kept]
    (folder / "files.json").write_text(json.dumps(listing), encoding="utf-8")
    return Held(token=signing.dumps(name, salt=_SALT), files=[item for item, _ in kept])


def keep(form: Any, files: MultiValueDict[str, UploadedFile]) -> None:
    """After an error: keep the files of the submission and show them in the form (`form.held`)."""
    form.held = hold(files)
    if form.held is not None:
        form.use_required_attribute = (
            False  # the kept files answer "required": the browser must not ask again
        )
