"""Every translatable string of the product has its English entry (issue #20 item 3).

The strings are extracted the way `danvan makemessages` does (templates through Django's `templatize`, then
GNU xgettext with Django's keywords, contexts and plurals included), but into a temporary file, so the
catalogue keeps its hand-kept blocks; each one must have a non-empty, non-fuzzy translation in
`locale/en/LC_MESSAGES/django.po`.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.utils.translation import templatize

PACKAGE = Path(__file__).resolve().parents[2]
CATALOGUE = PACKAGE / "locale" / "en" / "LC_MESSAGES" / "django.po"
TEMPLATE_SUFFIXES = {".html", ".txt"}
XGETTEXT = [
    "xgettext",
    "--language=Python",
    "--from-code=UTF-8",
    "--keyword=gettext_noop",
    "--keyword=gettext_lazy",
    "--keyword=ngettext_lazy:1,2",
    "--keyword=pgettext:1c,2",
    "--keyword=npgettext:1c,2,3",
    "--keyword=pgettext_lazy:1c,2",
    "--keyword=npgettext_lazy:1c,2,3",
    "--no-location",
    "--no-wrap",
]


@dataclass
class Entry:
    context: str | None = None
    msgid: str = ""
    plural: str | None = None
    msgstr: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)


_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}


def _unquote(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m[1], m[1]), text.strip()[1:-1])


def read_catalogue(text: str) -> dict[tuple[str | None, str], Entry]:
    """A PO or POT file's live entries by (context, msgid); obsolete (`#~`) entries are left out."""
    found: dict[tuple[str | None, str], Entry] = {}
    for block in re.split(r"\n[ \t]*\n", text.strip()):
        entry = Entry()
        target: str | None = None
        parts: dict[str, list[str]] = {}
        for line in block.splitlines():
            if line.startswith("#,"):
                entry.flags |= {f.strip() for f in line[2:].split(",")}
            elif line.startswith("#"):
                continue
            elif line.startswith('"') and target is not None:
                parts[target].append(_unquote(line))
            else:
                keyword, _, rest = line.partition(" ")
                target = keyword
                parts[target] = [_unquote(rest)]
        if "msgid" not in parts:
            continue
        entry.context = "".join(parts["msgctxt"]) if "msgctxt" in parts else None
        entry.msgid = "".join(parts["msgid"])
        entry.plural = "".join(parts["msgid_plural"]) if "msgid_plural" in parts else None
        entry.msgstr = [
            "".join(value)
            for key, value in sorted(parts.items())
            if key == "msgstr" or key.startswith("msgstr[")
        ]
        if entry.msgid:
            found[(entry.context, entry.msgid)] = entry
    return found


def _product_files() -> tuple[list[Path], list[Path]]:
    python, templates = [], []
    for path in sorted(PACKAGE.rglob("*")):
        relative = path.relative_to(PACKAGE)
        if not path.is_file() or {"tests", "migrations", "locale", "static"} & set(relative.parts):
            continue
        if path.suffix == ".py" and path.name != "conftest.py":
            python.append(path)
        elif path.suffix in TEMPLATE_SUFFIXES:
            templates.append(path)
    return python, templates


def extract_messages(workdir: Path) -> dict[tuple[str | None, str], Entry]:
    """The product's translatable strings, as `makemessages` would find them."""
    python, templates = _product_files()
    files = [str(p) for p in python]
    for template in templates:
        relative = template.relative_to(PACKAGE)
        converted = workdir / "templates" / f"{relative}.py"
        converted.parent.mkdir(parents=True, exist_ok=True)
        converted.write_text(templatize(template.read_text(encoding="utf-8"), origin=str(relative)))
        files.append(str(converted))
    listing = workdir / "files.txt"
    listing.write_text("\n".join(files) + "\n")
    output = workdir / "messages.pot"
    subprocess.run(
        [*XGETTEXT, f"--files-from={listing}", f"--output={output}"], check=True, capture_output=True
    )
    return read_catalogue(output.read_text(encoding="utf-8"))


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext (scripts/system-deps.sh)")
def test_every_translatable_string_of_the_product_has_an_english_translation(tmp_path: Path) -> None:
    extracted = extract_messages(tmp_path)
    catalogue = read_catalogue(CATALOGUE.read_text(encoding="utf-8"))
    assert len(extracted) > 2500  # the extraction saw the code and the templates
    assert ("nút", "Công nhận") in extracted  # contexts of the templates too
    assert any(entry.plural for entry in extracted.values())  # and plurals
    missing = []
    for key, entry in extracted.items():
        english = catalogue.get(key)
        if (
            english is None
            or "fuzzy" in english.flags
            or not english.msgstr
            or not all(english.msgstr)
            or (entry.plural is not None and english.plural != entry.plural)
        ):
            missing.append(f"{key[0] + ' | ' if key[0] else ''}{key[1]}")
    assert missing == [], f"{len(missing)} strings without English:\n" + "\n".join(sorted(missing))


def test_the_catalogue_reader_sees_contexts_plurals_and_fuzzy_entries() -> None:
    text = (
        'msgid ""\nmsgstr "Language: en\\n"\n\n'
        'msgctxt "tháng"\nmsgid "Năm"\nmsgstr "Year"\n\n'
        'msgid "%(n)s đơn"\nmsgid_plural "%(n)s đơn"\nmsgstr[0] "%(n)s petition"\nmsgstr[1] "%(n)s petitions"\n\n'
        '#, fuzzy\nmsgid "Lưu"\nmsgstr ""\n"Sa"\n"ve"\n\n'
        '#~ msgid "Cũ"\n#~ msgstr "Old"\n'
    )
    entries = read_catalogue(text)
    assert set(entries) == {("tháng", "Năm"), (None, "%(n)s đơn"), (None, "Lưu")}
    assert entries[(None, "%(n)s đơn")].msgstr == ["%(n)s petition", "%(n)s petitions"]
    assert entries[(None, "Lưu")].msgstr == ["Save"] and "fuzzy" in entries[(None, "Lưu")].flags
