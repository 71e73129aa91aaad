"""Files attached to an officer's form that had an error are kept for the retry (`core.held`, #20 item 2)."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.utils.datastructures import MultiValueDict

from danvan.core import held


def test_kept_files_come_back_under_their_field_with_the_new_ones_and_the_dropped_ones_stay_out(
    settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    files = MultiValueDict(
        {"photos": [SimpleUploadedFile("a.png", b"photo-of-the-road"), SimpleUploadedFile("b.png", b"B")],
         "documents": [SimpleUploadedFile("c.pdf", b"C")]}
    )  # fmt: skip
    kept = held.hold(files)
    assert kept is not None and [(f.field, f.name) for f in kept.files] == [
        ("photos", "a.png"), ("photos", "b.png"), ("documents", "c.pdf")
    ]  # fmt: skip
    assert b"photo-of-the-road" not in b"".join(
        p.read_bytes() for p in tmp_path.rglob("*.bin")
    )  # encrypted at rest
    request = RequestFactory().post(
        "/", {"held_files": kept.token, "drop_held": ["1"], "documents": SimpleUploadedFile("d.pdf", b"D")}
    )
    again = held.files_for_retry(request)
    assert [f.name for f in again.getlist("photos")] == ["a.png"]
    assert [f.name for f in again.getlist("documents")] == ["c.pdf", "d.pdf"]
    assert again.getlist("photos")[0].read() == b"photo-of-the-road"
    assert not list(tmp_path.rglob("*.bin"))  # read once: the folder is gone


def test_a_forged_or_missing_token_brings_nothing_back(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    assert held.files_for_retry(RequestFactory().post("/", {"held_files": "forged"})) == MultiValueDict()
    assert held.hold(MultiValueDict()) is None
