"""The realistic petitions corpus (``data/realistic_petitions.txt``) and the sets built from it.

The corpus was written by the team in the registers petitions really come in (a citizen's own
words, a People's Council summary of voters' petitions, a city portal item, a reporter's
restatement, a hotline note), with and without diacritics. Each text is labelled with its field,
kind, family (the topic) and matter (one concrete place + object); a family holds the same topic at
several places. From it:

* :func:`items` — the written texts, plus a derived copy of some of them typed the way people type
  (diacritics dropped, a few typos, chat abbreviations): deterministic, marked ``derived``;
* :func:`pairs` — duplicate pairs (two renditions of one matter, never a text and its own derived
  copy) and non-duplicates: hard negatives (same family, another place) and easy ones (another
  family), hard ones at least half of the non-duplicates.

``split="heldout"`` families are never used to train or tune anything; ``split="train"`` ones may be.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from pathlib import Path
from typing import Protocol

from .text import strip_diacritics

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent / "data" / "realistic_petitions.txt"

_FAMILY = re.compile(r"^## (\w+) \| field=(\w+) \| kind=(\w+) \| split=(train|heldout)$")
_MATTER = re.compile(r"^@ (\w+) \| place=([^|]+) \| object=(.+)$")
_TEXT = re.compile(r"^- (\w+): (.+)$")
_CHAT = (("không", "ko"), ("được", "dc"), ("người", "ng"), ("đề nghị", "dn"), ("với", "vs"), ("gì", "j"))


class FieldModel(Protocol):
    def suggest(self, text: str, k: int = 3) -> list[tuple[str, float]]: ...


@dataclass(frozen=True)
class Item:
    """One petition text of the corpus with its labels."""

    key: str
    text: str
    field: str
    kind: str
    family: str
    matter: str
    place: str
    object: str
    style: str
    split: str
    derived: bool = False

    @property
    def source(self) -> str:
        """The written text this item is (or was derived from)."""
        return self.key.split("~", 1)[0]


@dataclass(frozen=True)
class LabelledPair:
    a: Item
    b: Item
    label: int
    kind: str  # "duplicate", "hard_negative" (same topic, another place), "easy_negative"


def parse(path: Path | str = DEFAULT_CORPUS) -> list[Item]:
    """The written texts, in file order."""
    out: list[Item] = []
    family: tuple[str, str, str, str] | None = None
    matter: tuple[str, str, str] | None = None
    counter: dict[str, int] = {}
    for lineno, raw in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or (line.startswith("#") and not line.startswith("## ")):
            continue
        if m := _FAMILY.match(line):
            family = (m.group(1), m.group(2), m.group(3), m.group(4))
            matter = None
        elif m := _MATTER.match(line):
            matter = (m.group(1), m.group(2).strip(), m.group(3).strip())
        elif m := _TEXT.match(line):
            if family is None or matter is None:
                raise ValueError(f"line {lineno}: a text outside a family or matter")
            n = counter[matter[0]] = counter.get(matter[0], 0) + 1
            out.append(
                Item(
                    key=f"{matter[0]}.{n}",
                    text=m.group(2).strip(),
                    field=family[1],
                    kind=family[2],
                    family=family[0],
                    matter=matter[0],
                    place=matter[1],
                    object=matter[2],
                    style=m.group(1),
                    split=family[3],
                )
            )
        else:
            raise ValueError(f"line {lineno}: not a family, matter or text line: {line[:60]!r}")
    return out


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 4 or not word.isalpha():
        return word
    i = rng.randrange(1, len(word) - 1)
    choice = rng.random()
    if choice < 0.4:  # swap two letters
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if choice < 0.7:  # drop one
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i] + word[i:]  # double one


def roughen(text: str, seed: int) -> str:
    """The text as typed in a hurry: no diacritics, chat abbreviations, a typo every ~12 words."""
    rng = random.Random(seed)
    out = text
    if rng.random() < 0.5:
        for long, short in _CHAT:
            out = out.replace(long, short)
    out = strip_diacritics(out)
    if rng.random() < 0.3:
        out = out.lower()
    words = out.split(" ")
    words = [_typo(w, rng) if rng.random() < 0.08 else w for w in words]
    return " ".join(words)


@lru_cache(maxsize=4)
def _items(path: str) -> tuple[Item, ...]:
    written = parse(path)
    derived: list[Item] = []
    for i, item in enumerate(written):
        # Every other written text with diacritics also comes typed roughly (about 100 more items).
        if item.text != strip_diacritics(item.text) and i % 2 == 0:
            derived.append(
                Item(
                    **{
                        **item.__dict__,
                        "key": f"{item.key}~r",
                        "text": roughen(item.text, i),
                        "derived": True,
                    }
                )
            )
    return tuple(written + derived)


def items(split: str | None = None, path: Path | str = DEFAULT_CORPUS) -> list[Item]:
    """Written and derived items, optionally only one split ("train" or "heldout")."""
    return [it for it in _items(str(path)) if split is None or it.split == split]


def pairs(split: str | None = None, path: Path | str = DEFAULT_CORPUS, seed: int = 7) -> list[LabelledPair]:
    """Duplicate pairs and non-duplicates (hard negatives first, easy ones as many as the hard ones)."""
    chosen = items(split, path)
    positives: list[LabelledPair] = []
    hard: list[LabelledPair] = []
    easy_pool: list[tuple[Item, Item]] = []
    for a, b in combinations(chosen, 2):
        if a.source == b.source:
            continue  # a text and its own rough copy say nothing about rewording
        if a.matter == b.matter:
            positives.append(LabelledPair(a, b, 1, "duplicate"))
        elif a.family == b.family:
            hard.append(LabelledPair(a, b, 0, "hard_negative"))
        else:
            easy_pool.append((a, b))
    rng = random.Random(seed)
    easy = [
        LabelledPair(a, b, 0, "easy_negative")
        for a, b in rng.sample(easy_pool, min(len(hard), len(easy_pool)))
    ]
    return positives + hard + easy


def evaluate_fields(model: FieldModel, split: str) -> dict[str, object]:
    """Top-1 and top-3 accuracy of ``model`` on a split, with the confusion matrix (truth → predicted)."""
    chosen = items(split)
    suggestions = [model.suggest(it.text, 3) for it in chosen]
    top1 = [s[0][0] if s else "" for s in suggestions]
    confusion: dict[str, dict[str, int]] = {}
    for it, predicted in zip(chosen, top1, strict=True):
        row = confusion.setdefault(it.field, {})
        row[predicted] = row.get(predicted, 0) + 1
    return {
        "n": len(chosen),
        "top1": sum(p == it.field for p, it in zip(top1, chosen, strict=True)) / len(chosen),
        "top3": sum(any(f == it.field for f, _ in s) for s, it in zip(suggestions, chosen, strict=True))
        / len(chosen),
        "confusion": confusion,
    }


def evaluate_duplicates(split: str) -> dict[str, float]:
    """Pairs: precision and recall of the same-matter score at its shipped threshold, and end to end
    (candidates from the matter keys and MinHash bands of an index of the split's items, then the score)."""
    from . import dedup, matter

    chosen_pairs = pairs(split)
    labels = [p.label for p in chosen_pairs]
    scored = [matter.score(p.a.text, p.b.text) >= matter.THRESHOLD for p in chosen_pairs]
    index = matter.MatterIndex()

    def bands(text: str) -> list[str]:
        return ["b" + k for k in dedup.band_keys(dedup.signature(text))]

    chosen = items(split)
    for it in chosen:
        index.add(it.key, it.text, bands(it.text))
    found = {it.key: {k for k, _ in index.query(it.text, bands(it.text), exclude=it.key)} for it in chosen}
    e2e = [p.b.key in found[p.a.key] or p.a.key in found[p.b.key] for p in chosen_pairs]
    out: dict[str, float] = {
        "n_items": float(len(chosen)),
        "n_duplicates": float(sum(labels)),
        "n_hard_negatives": float(sum(p.kind == "hard_negative" for p in chosen_pairs)),
        "n_easy_negatives": float(sum(p.kind == "easy_negative" for p in chosen_pairs)),
    }
    for name, predicted in (("pair", scored), ("end_to_end", e2e)):
        tp = sum(f and y == 1 for f, y in zip(predicted, labels, strict=True))
        fp = sum(f and y == 0 for f, y in zip(predicted, labels, strict=True))
        out[f"{name}_recall"] = tp / max(1, sum(labels))
        out[f"{name}_precision"] = tp / (tp + fp) if tp + fp else 1.0
        out[f"{name}_hard_false_positives"] = float(
            sum(f and p.kind == "hard_negative" for f, p in zip(predicted, chosen_pairs, strict=True))
        )
    return out


def format_confusion(confusion: dict[str, dict[str, int]]) -> list[str]:
    codes = sorted({*confusion, *(c for row in confusion.values() for c in row)})
    short = {c: c[:6] for c in codes}
    lines = [f"{'truth \\ predicted':<20}" + "".join(f"{short[c]:>7}" for c in codes)]
    for truth in codes:
        row = confusion.get(truth, {})
        lines.append(f"{truth:<20}" + "".join(f"{row.get(c, 0) or '.':>7}" for c in codes))
    return lines
