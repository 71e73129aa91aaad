"""Held-out evaluation of the press extractor on articles it was not tuned on (no Django needed).

The held-out set (``press/heldout``) was written and annotated from SCHEMA.md and the two
shared real samples before the extractor's code was read; its gold is never edited to match
the extractor's output.
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

import pytest

from danvan.press.extraction import extract
from danvan.press.extraction.score import run_extraction_dir, score_details, score_dir

REPO_ROOT = Path(__file__).resolve().parents[4]
SHARED = (REPO_ROOT / ".." / "shared").resolve()
HELDOUT = Path(__file__).resolve().parents[1] / "heldout"
needs_shared = pytest.mark.skipif(
    not (SHARED / "press" / "score.py").is_file(),
    reason=f"shared press folder with the official scorer not found at {SHARED / 'press'}",
)


def test_the_heldout_set_is_complete_and_follows_the_schema() -> None:
    golds = sorted(HELDOUT.glob("*.json"))
    assert len(golds) >= 16
    for gold_file in golds:
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        assert (HELDOUT / (gold_file.stem + ".txt")).is_file()
        assert gold["event"]["type"] in {"tong_ket", "so_ket", "other"}
        assert gold["event"]["scope"] in {"national", "provincial", "local"}
        assert isinstance(gold["event"]["province"]["code"], int)
        names = {p["name"] for p in gold["people"]}
        assert all(c["name"] in names for c in gold["chairs"]), gold_file.name


@needs_shared
def test_it_scores_at_least_0_85_on_the_heldout_set() -> None:
    with tempfile.TemporaryDirectory() as out:
        run_extraction_dir(HELDOUT, out)
        score = score_dir(HELDOUT, out)
        details = score_details(HELDOUT, out)
    weak = {
        name: round(sum(s.values()) / len(s), 3) for name, s in details.items() if sum(s.values()) < len(s)
    }
    print(f"held-out score {score:.3f}; imperfect documents: {weak}")
    assert score >= 0.85


def test_heldout_throughput_is_at_least_20_articles_per_second() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(HELDOUT.glob("*.txt"))]
    extract(texts[0])  # warm the lexicon caches
    start = time.perf_counter()
    for text in texts * 2:
        extract(text)
    rate = len(texts) * 2 / (time.perf_counter() - start)
    print(f"{rate:.1f} articles/s")
    assert rate >= 20
