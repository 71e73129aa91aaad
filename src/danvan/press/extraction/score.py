"""Run the extractor over a folder and score it with the official scorer.

The official scorer lives outside the repository (``../shared/press/score.py`` relative to
the repository root) and is loaded with importlib; it is never copied here.  Set
``DANVAN_PRESS_SCORER`` to point at another copy.
"""

from __future__ import annotations

import importlib.util
import json
import os
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from .errors import ExtractionError
from .extract import extract

REPO_ROOT = Path(__file__).resolve().parents[4]
SHARED_PRESS = (REPO_ROOT / ".." / "shared" / "press").resolve()


def scorer_path() -> Path:
    """Location of the official score.py."""
    env = os.environ.get("DANVAN_PRESS_SCORER")
    return Path(env) if env else SHARED_PRESS / "score.py"


def load_scorer() -> ModuleType:
    """Import the official scorer module from the shared folder."""
    path = scorer_path()
    if not path.is_file():
        raise FileNotFoundError(f"official scorer not found at {path}")
    spec = importlib.util.spec_from_file_location("danvan_press_official_score", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load scorer from {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score_details(gold_dir: Path | str, pred_dir: Path | str) -> dict[str, dict[str, float]]:
    """Per-document field scores, as the official scorer computes them."""
    score_doc: Callable[[dict[str, Any], dict[str, Any]], dict[str, float]] = load_scorer().score_doc
    details: dict[str, dict[str, float]] = {}
    for gold_file in sorted(Path(gold_dir).glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        try:
            pred = json.loads((Path(pred_dir) / gold_file.name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pred = {}
        details[gold_file.stem] = score_doc(gold, pred)
    return details


def score_dir(gold_dir: Path | str, pred_dir: Path | str) -> float:
    """Mean over all scored fields of all documents, exactly as the official score.py prints it."""
    details = score_details(gold_dir, pred_dir)
    values = [v for doc in details.values() for v in doc.values()]
    return sum(values) / len(values) if values else 0.0


def empty_event() -> dict[str, Any]:
    """The schema object with every field unknown."""
    return {
        "title": None,
        "published_date": None,
        "source": None,
        "author": None,
        "event": {
            "type": "other",
            "date": None,
            "scope": None,
            "online": False,
            "organizer": None,
            "period": {"year": None, "half": None},
            "province": None,
        },
        "chairs": [],
        "people": [],
        "themes": [],
        "documents": [],
        "indicators": [],
    }


def run_extraction_dir(in_dir: Path | str, out_dir: Path | str) -> list[Path]:
    """Extract every *.txt / *.html in in_dir to out_dir/NAME.json; returns the files written."""
    from .clean import decode_bytes

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for src in sorted(Path(in_dir).iterdir()):
        if src.suffix.lower() not in {".txt", ".html", ".htm"}:
            continue
        try:
            result = extract(decode_bytes(src.read_bytes()))
        except ExtractionError:
            result = empty_event()
        target = out / (src.stem + ".json")
        target.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(target)
    return written
