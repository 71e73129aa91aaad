"""The English version: pages switched with the language cookie, and a complete catalogue."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%%")


def english(client: Any, url: str) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    body: str = response.content.decode()
    assert '<html lang="en">' in body
    return body


@pytest.mark.django_db
def test_the_home_page_in_english(client: Any) -> None:
    body = english(client, "/")
    assert "People know, people discuss, people act, people inspect, people oversee, people benefit" in body
    assert "Officer sign-in" in body
    assert (
        ">Send a petition</a>" in body
        and "Send feedback, proposals, complaints and denunciations without an account." in body
    )
    assert "Dân biết, dân bàn" not in body and "Gửi đơn thư" not in body


@pytest.mark.django_db
def test_the_public_petition_form_in_english(client: Any) -> None:
    body = english(client, "/petitions/gui-don/")
    assert "Send feedback, a proposal, a complaint or a denunciation" in body
    assert "No account needed." in body
    assert ">Send petition</button>" in body
    assert "Sender&#x27;s full name" in body or "Sender's full name" in body
    assert "Petition type" in body and ">Denunciation</option>" in body
    assert "Gửi phản ánh, kiến nghị" not in body


@pytest.mark.django_db
def test_the_login_page_in_english(client: Any) -> None:
    body = english(client, "/accounts/login/")
    assert "<h1>Officer sign-in</h1>" in body
    assert ">Sign in</button>" in body
    assert "Username" in body and "Password" in body and "Tên đăng nhập" not in body


@pytest.mark.django_db
def test_vietnamese_stays_the_default(client: Any) -> None:
    body = client.get("/accounts/login/").content.decode()
    assert '<html lang="vi">' in body and "<h1>Cán bộ đăng nhập</h1>" in body and "Tên đăng nhập" in body


def entries(path: Path) -> list[dict[str, Any]]:
    """The catalogue's entries: msgid, msgstr (all forms joined), flags. A small PO reader."""

    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}

    def unquote(s: str) -> str:
        return re.sub(r"\\(.)", lambda m: escapes[m.group(1)], s[1:-1])

    result: list[dict[str, Any]] = []
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8").strip()):
        entry: dict[str, Any] = {"flags": set(), "msgid": "", "msgstr": [], "obsolete": False}
        current: list[str] | None = None
        for line in block.splitlines():
            if line.startswith("#~"):
                entry["obsolete"] = True
            elif line.startswith("#,"):
                entry["flags"] |= {f.strip() for f in line[2:].split(",")}
            elif line.startswith("#"):
                continue
            elif line.startswith("msgid "):
                current = [unquote(line[6:].strip())]
                entry["msgid_parts"] = current
            elif line.startswith("msgid_plural "):
                current = [unquote(line[13:].strip())]
                entry["plural_parts"] = current
            elif line.startswith("msgstr"):
                current = [unquote(line.split(" ", 1)[1].strip())]
                entry["msgstr"].append(current)
            elif line.startswith('"') and current is not None:
                current.append(unquote(line.strip()))
        entry["msgid"] = "".join(entry.get("msgid_parts", []))
        entry["msgid_plural"] = "".join(entry.get("plural_parts", []))
        entry["msgstr"] = ["".join(parts) for parts in entry["msgstr"]]
        result.append(entry)
    return result


def test_the_english_catalogue_is_complete() -> None:
    catalogue = [e for e in entries(CATALOGUE) if e["msgid"] and not e["obsolete"]]
    assert len(catalogue) > 500
    untranslated = [e["msgid"] for e in catalogue if not e["msgstr"] or not all(e["msgstr"])]
    fuzzy = [e["msgid"] for e in catalogue if "fuzzy" in e["flags"]]
    assert untranslated == [] and fuzzy == []


def test_english_translations_keep_the_placeholders() -> None:
    for e in entries(CATALOGUE):
        if not e["msgid"]:
            continue
        for i, msgstr in enumerate(e["msgstr"]):
            source = e["msgid_plural"] if i and e["msgid_plural"] else e["msgid"]
            assert sorted(PLACEHOLDER.findall(msgstr)) == sorted(PLACEHOLDER.findall(source)), e["msgid"]


def test_the_catalogue_header_is_not_fuzzy_and_says_english() -> None:
    header = next(e for e in entries(CATALOGUE) if e["msgid"] == "")
    assert "fuzzy" not in header["flags"]
    assert "Language: en\n" in header["msgstr"][0]
