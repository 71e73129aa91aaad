"""Generates the labelled data sets shipped in ``petitions/data``.

The texts come from the hand-written templates in :mod:`.petition_templates`; the random
fills, alternatives and writing styles (no diacritics, lower case, chat
abbreviations, missing punctuation) make the sentences varied.  Run
``python -m danvan_devtools.datagen`` to regenerate the CSV files
(the output is deterministic for a given seed).
"""

from __future__ import annotations

import csv
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from danvan.petitions.engines.text import collapse_spaces, strip_diacritics

from .petition_templates import FOOTERS, HEADERS, LEADS, SLOTS, TEMPLATES

DATA_DIR = Path(__file__).resolve().parent.parent / "danvan" / "petitions" / "data"
FIELDS_CSV = DATA_DIR / "fields_labelled.csv"
PAIRS_CSV = DATA_DIR / "dedup_pairs.csv"

_ALT = re.compile(r"\[([^\[\]]*)\]")
_SLOT = re.compile(r"\{(\w+)\}")
_CHAT = {
    "không": "ko",
    "được": "đc",
    "người": "ng",
    "gia đình": "gđ",
    "với": "vs",
    "nhưng": "nhg",
    "đề nghị": "đn",
}


def random_fills(rng: random.Random) -> dict[str, str]:
    """One consistent set of slot values: a person, a place, numbers, dates."""
    fills = {name: rng.choice(values) for name, values in SLOTS.items()}
    fills["ten2"] = rng.choice(SLOTS["ten"])
    fills["duong2"] = rng.choice(SLOTS["duong"])
    fills["huyen_ten"] = fills["huyen"].split(" ", 1)[1]
    numbers = {
        "so": rng.randint(12, 999),
        "so2": rng.randint(2, 60),
        "so3": rng.randint(12, 999),
        "dt": rng.randint(60, 5000),
        "dt2": rng.randint(40, 3000),
        "dt_small": rng.randint(3, 90),
        "gia": rng.randint(80, 950),
        "nam": rng.randint(2008, 2024),
        "nam_cu": rng.randint(1976, 2005),
        "nam_kc": rng.randint(1954, 1979),
        "nam_sinh": rng.randint(1945, 2000),
        "so_nam": rng.randint(2, 12),
        "so_thang": rng.randint(2, 14),
        "so_ngay": rng.randint(15, 120),
        "so_lan": rng.randint(2, 6),
        "so_gio": rng.randint(3, 8),
        "so_tuoi": rng.randint(3, 5),
        "thang": rng.randint(1, 12),
        "tuoi": rng.randint(60, 98),
        "tien": rng.randint(2, 900),
        "tang": rng.randint(3, 9),
        "hang": rng.randint(1, 4),
        "lop_so": rng.choice([1, 6, 10]),
        "gia_dien": rng.randint(4, 6),
        "sdt": rng.randint(10_000_000, 99_999_999),
    }
    fills.update({k: str(v) for k, v in numbers.items()})
    fills["ngay"] = f"{rng.randint(1, 28)}/{rng.randint(1, 12)}/{rng.randint(2019, 2025)}"
    fills["lop"] = f"{rng.randint(1, 12)}A{rng.randint(1, 9)}"
    return fills


def expand(template: str, fills: dict[str, str], rng: random.Random) -> str:
    """Pick alternatives, then fill slots (slot values may themselves contain slots)."""
    text = _ALT.sub(lambda m: rng.choice(m.group(1).split("|")), template)
    for _ in range(3):
        text = _SLOT.sub(lambda m: fills[m.group(1)], text)
    return collapse_spaces(text)


def body_slot_count(template: str) -> int:
    return len(set(_SLOT.findall(template)))


@dataclass
class Matter:
    """One concrete petition matter: a template, its fills and a writing seed."""

    field_code: str
    template_index: int
    fills: dict[str, str]
    seed: int
    extras: dict[str, int] = field(default_factory=dict)

    @property
    def template(self) -> str:
        return TEMPLATES[self.field_code][self.template_index]

    @property
    def group(self) -> str:
        return f"{self.field_code}:{self.template_index:02d}"


def style(text: str, rng: random.Random, p_fold: float = 0.3) -> str:
    """Apply the ways citizens actually type: no diacritics, lower case, chat abbreviations."""
    if rng.random() < 0.12:
        for long, short in _CHAT.items():
            text = text.replace(long, short)
    if rng.random() < 0.12:
        text = text.lower()
    if rng.random() < 0.1:
        text = re.sub(r"[.,:;!]", "", text)
    if rng.random() < p_fold:
        text = strip_diacritics(text)
    return collapse_spaces(text)


def render(matter: Matter, rng: random.Random, *, frame: bool = True) -> str:
    """Body of the matter, optionally framed by a header, a lead-in and a closing line."""
    parts: list[str] = []
    if frame and rng.random() < 0.55:
        parts.append(expand(rng.choice(HEADERS), matter.fills, rng))
    if frame and rng.random() < 0.25:
        parts.append(expand(rng.choice(LEADS), matter.fills, rng))
    parts.append(expand(matter.template, matter.fills, rng))
    if frame and rng.random() < 0.5:
        parts.append(expand(rng.choice(FOOTERS), matter.fills, rng))
    text = " ".join(parts)
    return text[0].upper() + text[1:] if rng.random() < 0.8 else text


def render_same_body(matter: Matter, rng: random.Random) -> str:
    """Like :func:`render` but with the body wording fixed by ``matter.seed``."""
    parts: list[str] = []
    if rng.random() < 0.55:
        parts.append(expand(rng.choice(HEADERS), matter.fills, rng))
    if rng.random() < 0.25:
        parts.append(expand(rng.choice(LEADS), matter.fills, rng))
    body = expand(matter.template, matter.fills, random.Random(matter.seed))
    sentences = [x for x in re.split(r"(?<=[.!?])\s+", body) if x]
    if len(sentences) > 2 and rng.random() < 0.3:
        sentences.pop(rng.randrange(1, len(sentences)))  # leaves out a detail
    parts.append(" ".join(sentences))
    if rng.random() < 0.5:
        parts.append(expand(rng.choice(FOOTERS), matter.fills, rng))
    return " ".join(parts)


def classifier_rows(per_template: int = 3, seed: int = 20240601) -> list[tuple[str, str, str]]:
    """(text, field, group) rows: ``per_template`` varied texts for every template."""
    rng = random.Random(seed)
    rows: list[tuple[str, str, str]] = []
    for field_code, templates in TEMPLATES.items():
        for index in range(len(templates)):
            for _ in range(per_template):
                matter = Matter(field_code, index, random_fills(rng), rng.randrange(1 << 30))
                rows.append((style(render(matter, rng), rng), field_code, matter.group))
    rng.shuffle(rows)
    return rows


# --- duplicate pairs ---------------------------------------------------------------------------

_SYNONYMS = [
    ("đề nghị", "kiến nghị"),
    ("phản ánh", "trình bày"),
    ("nhưng", "mà"),
    ("đã", "đã từng"),
    ("nhiều", "rất nhiều"),
    ("bức xúc", "rất bức xúc"),
    ("chưa", "vẫn chưa"),
    ("gia đình tôi", "nhà tôi"),
    ("người dân", "bà con"),
    ("đến nay", "tới nay"),
    ("không", "chẳng"),
    ("rất", "vô cùng"),
    ("xem xét", "quan tâm"),
    ("thường xuyên", "liên tục"),
]
_RESEND = [
    "Đây là lần thứ {so_lan} tôi gửi đơn về việc này.",
    "Tôi đã gửi đơn này đến UBND {xa} nhưng chưa được giải quyết nên nay gửi tiếp lên {cq}.",
    "Đơn gửi lần 2.",
    "Kèm theo đơn là ảnh chụp hiện trạng.",
    "Rất mong sớm nhận được phản hồi.",
]


def _typos(text: str, rng: random.Random, rate: float = 0.03) -> str:
    words = text.split(" ")
    for i, word in enumerate(words):
        if len(word) > 3 and rng.random() < rate:
            j = rng.randrange(len(word))
            words[i] = word[:j] + word[j + 1 :]
    return " ".join(words)


def reword(matter: Matter, rng: random.Random) -> str:
    """The same matter written again: other framing, synonyms, extra sentences, maybe typos.

    The template alternatives are replayed from the matter's seed: picking other
    alternatives can change the substance (another allowance, another school), which
    would no longer be the same matter.
    """
    text = render_same_body(matter, rng)
    for a, b in _SYNONYMS:
        if a in text and rng.random() < 0.4:
            text = text.replace(a, b)
    if rng.random() < 0.4:
        text = f"{text} {expand(rng.choice(_RESEND), matter.fills, rng)}"
    if rng.random() < 0.3:
        text = _typos(text, rng)
    return style(text, rng, p_fold=0.45)


def _with(matter: Matter, rng: random.Random, keep: tuple[str, ...] = ()) -> Matter:
    """A different matter from the same template (other person, numbers, maybe place)."""
    fills = random_fills(rng)
    for key in keep:
        fills[key] = matter.fills[key]
    return Matter(matter.field_code, matter.template_index, fills, rng.randrange(1 << 30))


def pair_rows(
    seed: int = 7, n_pos: int = 200, n_hard_template: int = 90, n_hard_place: int = 80, n_easy: int = 50
) -> list[tuple[str, str, int, str]]:
    """(a, b, label, kind) rows for the duplicate-detection evaluation."""
    rng = random.Random(seed)
    codes = list(TEMPLATES)

    def any_matter() -> Matter:
        code = rng.choice(codes)
        return Matter(code, rng.randrange(len(TEMPLATES[code])), random_fills(rng), rng.randrange(1 << 30))

    rows: list[tuple[str, str, int, str]] = []
    for _ in range(n_pos):
        m = any_matter()
        a = style(render_same_body(m, rng), rng)
        kind = rng.random()
        if kind < 0.2:  # the same text sent to another body
            m2 = Matter(m.field_code, m.template_index, dict(m.fills, cq=rng.choice(SLOTS["cq"])), m.seed)
            head = expand("Kính gửi: {cq}.", m2.fills, rng)
            rows.append((a, style(f"{head} {a}", rng, p_fold=0.3), 1, "pos_resend"))
        else:
            rows.append((a, reword(m, rng), 1, "pos_reworded"))
    while sum(1 for r in rows if r[3] == "neg_same_template") < n_hard_template:
        m = any_matter()
        if body_slot_count(m.template) < 2:
            continue
        keep: tuple[str, ...] = rng.choice([("xa", "huyen", "thon"), ("xa", "huyen"), ()])
        other = _with(m, rng, keep)
        seed_a = rng.randrange(1 << 30)  # identical wording and framing choices
        a = render(m, random.Random(seed_a))
        b = render(other, random.Random(seed_a))
        rows.append((style(a, rng), style(b, rng), 0, "neg_same_template"))
    for _ in range(n_hard_place):
        m = any_matter()
        index = rng.choice([i for i in range(len(TEMPLATES[m.field_code])) if i != m.template_index])
        other = Matter(m.field_code, index, dict(m.fills), rng.randrange(1 << 30))
        rows.append((style(render(m, rng), rng), style(render(other, rng), rng), 0, "neg_same_field_place"))
    for _ in range(n_easy):
        rows.append(
            (style(render(any_matter(), rng), rng), style(render(any_matter(), rng), rng), 0, "neg_random")
        )
    rng.shuffle(rows)
    return rows


def synthetic_corpus(n: int, seed: int = 99) -> Iterator[str]:
    """``n`` random petitions for scale measurements (not labelled)."""
    rng = random.Random(seed)
    codes = list(TEMPLATES)
    for _ in range(n):
        code = rng.choice(codes)
        matter = Matter(code, rng.randrange(len(TEMPLATES[code])), random_fills(rng), 0)
        yield style(render(matter, rng), rng)


def write_csvs(data_dir: Path = DATA_DIR) -> tuple[Path, Path]:
    data_dir.mkdir(parents=True, exist_ok=True)
    fields_path, pairs_path = data_dir / FIELDS_CSV.name, data_dir / PAIRS_CSV.name
    with fields_path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["text", "field", "group"])
        writer.writerows(classifier_rows())
    with pairs_path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["a", "b", "label", "kind"])
        writer.writerows(pair_rows())
    return fields_path, pairs_path


def _say(*parts: object) -> None:
    """Console output for the command-line entry points only."""
    sys.stdout.write(" ".join(str(p) for p in parts) + "\n")


if __name__ == "__main__":
    for written in write_csvs():
        _say(f"wrote {written}")
