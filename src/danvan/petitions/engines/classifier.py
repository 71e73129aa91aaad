"""Field (lĩnh vực) classifier for petitions.

Training data: the template set (``data/fields_labelled.csv``, generated) and 200 petitions written by
the team in the registers people use (``data/fields_written.csv``, 20 per field), plus the officers'
decisions once exported (``training``).

Features: ``underthesea.word_tokenize`` words (lower-cased) plus the same words
with diacritics folded (prefixed ``~``) so that text typed without accents
still matches, folded syllable bigrams, and character 3–5-grams of the folded
text (robust to typos and to unaccented words).  Model: TF-IDF + multinomial
logistic regression (chosen against linear SVM and complement naive Bayes on
held-out template groups).  Training on the shipped set takes about a second, so the
model is trained on first use and cached with joblib.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import os
import re
import sys
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TypedDict

import joblib
import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import precision_recall_fscore_support
from sklearn.model_selection import GroupShuffleSplit, StratifiedShuffleSplit
from sklearn.pipeline import FeatureUnion, Pipeline
from underthesea import word_tokenize

from .matter import mask_places
from .taxonomy import FIELD_NAMES
from .text import collapse_spaces, normalise, strip_diacritics

_DIGIT = re.compile(r"\d")
DEFAULT_DATA = Path(__file__).resolve().parent.parent / "data" / "fields_labelled.csv"
#: petitions written by the team in the registers people really use (citizen's words, official
#: summaries, portal items, reporters, short unaccented notes): trained on with the template set
WRITTEN_DATA = Path(__file__).resolve().parent.parent / "data" / "fields_written.csv"
MODEL_VERSION = "4"


class FieldScores(TypedDict):
    precision: float
    recall: float
    f1: float
    support: int


class Evaluation(TypedDict):
    accuracy: float
    n_train: int
    n_test: int
    per_field: dict[str, FieldScores]


@dataclass(frozen=True)
class LabelledSet:
    texts: list[str]
    fields: list[str]
    groups: list[str]


_POSSESSIVE = re.compile(
    r"\b(nhà|nha)\s+(tôi|toi|mình|minh|bà|ba|ông|ong|anh|chị|chi|em|họ|ho|bác|bac|cô|co)\b", re.IGNORECASE
)


def prepare(text: str) -> str:
    """What the field is read from: the text without its place names and without "nhà" as "home of".

    A street, commune or hamlet name says where, not what ("đường Nguyễn Thái Học" made a night-time
    construction noise look like a road matter); "nhà tôi" is "my family", not housing."""
    return _POSSESSIVE.sub(r"\2", mask_places(text, kinds="uvso"))


def prepared_normalise(text: str) -> str:
    return normalise(prepare(text))


def analyse(text: str) -> list[str]:
    """Feature tokens of one text (module-level so the fitted pipeline pickles)."""
    text = prepare(text)
    words = [w.casefold().replace(" ", "_") for w in word_tokenize(collapse_spaces(text))]
    words = [w for w in words if any(ch.isalnum() for ch in w)]
    features = list(words)
    features.extend("~" + strip_diacritics(w) for w in words)
    sylls = normalise(text).split(" ")
    features.extend(f"{a}+{b}" for a, b in zip(sylls, sylls[1:], strict=False))
    # Numbers (plot numbers, dates, amounts) identify a case, not a field.
    return [f for f in features if not _DIGIT.search(f)]


def load(path: Path | str = DEFAULT_DATA) -> LabelledSet:
    """Read ``text,field[,group]`` rows; without a group column every row is its own group."""
    texts: list[str] = []
    fields: list[str] = []
    groups: list[str] = []
    with Path(path).open(encoding="utf-8", newline="") as fh:
        for i, row in enumerate(csv.DictReader(fh)):
            if row["field"] not in FIELD_NAMES:
                raise ValueError(f"row {i + 2}: unknown field {row['field']!r}")
            texts.append(row["text"])
            fields.append(row["field"])
            groups.append(row.get("group") or f"row{i}")
    return LabelledSet(texts, fields, groups)


def build_pipeline() -> Pipeline:
    return Pipeline(
        [
            (
                "features",
                FeatureUnion(
                    [
                        ("words", TfidfVectorizer(analyzer=analyse, sublinear_tf=True)),
                        (
                            "chars",
                            TfidfVectorizer(
                                analyzer="char_wb",
                                ngram_range=(3, 5),
                                preprocessor=prepared_normalise,
                                sublinear_tf=True,
                                min_df=2,
                            ),
                        ),
                    ]
                ),
            ),
            ("model", LogisticRegression(C=30.0, max_iter=3000)),
        ]
    )


class FieldClassifier:
    """A fitted pipeline with a convenient :meth:`suggest`."""

    def __init__(self, pipeline: Pipeline, data_digest: str = "") -> None:
        self.pipeline = pipeline
        self.data_digest = data_digest

    def suggest(self, text: str, k: int = 3) -> list[tuple[str, float]]:
        """Top-``k`` ``(field_code, probability)`` pairs, most likely first."""
        if not text.strip():
            return [("khac", 1.0)][:k]
        probs = self.pipeline.predict_proba([text])[0]
        classes: list[str] = [str(c) for c in self.pipeline.classes_]
        order = np.argsort(probs)[::-1][:k]
        return [(classes[i], round(float(probs[i]), 4)) for i in order]

    def predict(self, texts: list[str]) -> list[str]:
        return [str(p) for p in self.pipeline.predict(texts)]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def default_cache_dir() -> Path:
    base = os.environ.get("DANVAN_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME")
    root = Path(base) if base else Path(tempfile.gettempdir())
    return root / "danvan-petitions"


def load_all(paths: list[Path]) -> LabelledSet:
    """Several labelled files as one set (the shipped texts, then the officers' decisions)."""
    texts: list[str] = []
    fields: list[str] = []
    groups: list[str] = []
    for n, p in enumerate(paths):
        part = load(p)
        texts.extend(part.texts)
        fields.extend(part.fields)
        groups.extend(f"{n}:{g}" for g in part.groups)
    return LabelledSet(texts, fields, groups)


def _digest_all(paths: list[Path]) -> str:
    return hashlib.sha256("".join(_digest(p) for p in paths).encode()).hexdigest()[:16]


def _paths(path: Path | str, extra: list[Path] | None) -> list[Path]:
    """The files a model trains on: the given one (with the written texts when it is the shipped
    template set), then the ``extra`` ones."""
    first = Path(path)
    return [first, *([WRITTEN_DATA] if first == DEFAULT_DATA else []), *(extra or [])]


def train(
    path: Path | str = DEFAULT_DATA, cache_dir: Path | str | None = None, extra: list[Path] | None = None
) -> FieldClassifier:
    """Fit on the labelled file (with the written texts for the shipped one) and the ``extra`` ones;
    persist with joblib when ``cache_dir`` is given."""
    paths = _paths(path, extra)
    data = load_all(paths)
    pipeline = build_pipeline().fit(data.texts, data.fields)
    model = FieldClassifier(pipeline, _digest_all(paths))
    if cache_dir is not None:
        target = _model_path(Path(cache_dir), model.data_digest)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".tmp")
        joblib.dump(model, tmp)
        tmp.replace(target)
    return model


def _model_path(cache_dir: Path, digest: str) -> Path:
    return cache_dir / f"field-classifier-v{MODEL_VERSION}-{digest}.joblib"


def load_or_train(
    path: Path | str = DEFAULT_DATA, cache_dir: Path | str | None = None, extra: list[Path] | None = None
) -> FieldClassifier:
    """The cached model for these data files, training (and caching) it if missing or stale."""
    paths = _paths(path, extra)
    cache = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    target = _model_path(cache, _digest_all(paths))
    if target.exists():
        try:
            model = joblib.load(target)
        except (OSError, EOFError, ValueError, AttributeError, ImportError):
            model = None
        if isinstance(model, FieldClassifier):
            return model
    return train(path, cache, extra)


@lru_cache(maxsize=1)
def default_model() -> FieldClassifier:
    return load_or_train()


def suggest(text: str, k: int = 3, model: FieldClassifier | None = None) -> list[tuple[str, float]]:
    """Top-3 field suggestions for ``text`` (uses the cached default model)."""
    return (model or default_model()).suggest(text, k)


def split(data: LabelledSet, test_size: float = 0.25, seed: int = 13) -> tuple[list[int], list[int]]:
    """Held-out split by template group (falls back to a stratified split without groups)."""
    idx = np.arange(len(data.texts))
    if len(set(data.groups)) < len(data.groups):
        # Hold out whole groups, per field, so every field is represented in the test part.
        train_idx: list[int] = []
        test_idx: list[int] = []
        for code in sorted(set(data.fields)):
            sub = idx[[f == code for f in data.fields]]
            groups = [data.groups[i] for i in sub]
            splitter = GroupShuffleSplit(n_splits=1, test_size=test_size, random_state=seed)
            tr, te = next(splitter.split(sub, groups=groups))
            train_idx.extend(int(i) for i in sub[tr])
            test_idx.extend(int(i) for i in sub[te])
        return sorted(train_idx), sorted(test_idx)
    strat = StratifiedShuffleSplit(n_splits=1, test_size=test_size, random_state=seed)
    tr, te = next(strat.split(idx, data.fields))
    return [int(i) for i in tr], [int(i) for i in te]


def evaluate(path: Path | str = DEFAULT_DATA, test_size: float = 0.25, seed: int = 13) -> Evaluation:
    """Accuracy on held-out template groups (no near-identical sentences on both sides); the written
    texts are trained on too, as by the shipped model."""
    data = load(path)
    tr, te = split(data, test_size, seed)
    written = load(WRITTEN_DATA) if Path(path) == DEFAULT_DATA else LabelledSet([], [], [])
    pipeline = build_pipeline().fit(
        [data.texts[i] for i in tr] + written.texts, [data.fields[i] for i in tr] + written.fields
    )
    truth = [data.fields[i] for i in te]
    predicted = [str(p) for p in pipeline.predict([data.texts[i] for i in te])]
    labels = sorted(set(truth))
    p, r, f, s = precision_recall_fscore_support(truth, predicted, labels=labels, zero_division=0)
    per_field: dict[str, FieldScores] = {
        code: FieldScores(precision=float(p[i]), recall=float(r[i]), f1=float(f[i]), support=int(s[i]))
        for i, code in enumerate(labels)
    }
    accuracy = sum(a == b for a, b in zip(truth, predicted, strict=True)) / len(truth)
    return Evaluation(accuracy=accuracy, n_train=len(tr), n_test=len(te), per_field=per_field)


def format_evaluation(result: Evaluation) -> str:
    lines = [
        f"Field classifier — held-out by template group: accuracy {result['accuracy']:.3f} "
        f"(train {result['n_train']}, test {result['n_test']})",
        f"{'field':<22}{'name':<22}{'prec':>6}{'rec':>6}{'f1':>6}{'n':>5}",
    ]
    for code, s in result["per_field"].items():
        lines.append(
            f"{code:<22}{FIELD_NAMES[code]:<22}{s['precision']:>6.2f}{s['recall']:>6.2f}{s['f1']:>6.2f}{s['support']:>5}"
        )
    return "\n".join(lines)


def _say(*parts: object) -> None:
    """Console output for the command-line entry points only."""
    sys.stdout.write(" ".join(str(p) for p in parts) + "\n")


def main(argv: list[str] | None = None) -> int:
    """``danvan petitions classifier-eval``: print the held-out accuracy table."""
    parser = argparse.ArgumentParser(prog="danvan petitions classifier-eval")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--test-size", type=float, default=0.25)
    parser.add_argument("--seeds", type=int, default=1, help="average over this many random splits")
    args = parser.parse_args(argv)
    accuracies = []
    for seed in range(13, 13 + args.seeds):
        result = evaluate(args.data, args.test_size, seed)
        accuracies.append(result["accuracy"])
        if seed == 13:
            _say(format_evaluation(result))
    if args.seeds > 1:
        _say(f"mean accuracy over {args.seeds} splits: {np.mean(accuracies):.3f} (min {min(accuracies):.3f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
