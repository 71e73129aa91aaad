"""Near-duplicate petition detection (đơn trùng).

Pipeline
    1. :func:`normalise` (NFC, casefold, strip diacritics incl. đ→d, collapse spaces)
       and syllable shingles (word n-grams of syllables, ``NGRAM``).
    2. ``datasketch.MinHash`` signature (``NUM_PERM`` permutations), serialisable with
       :func:`signature` / :func:`minhash_from_signature`.
    3. Candidates: banded LSH (``BANDS`` × ``ROWS``).  In memory this is a
       ``datasketch.MinHashLSH``; in a database store :func:`band_keys` of every
       petition in an indexed column and select the rows sharing any key with the query.
    4. Confirmation: candidates are ranked by their MinHash-estimated Jaccard (cheap, from the
       stored signatures), then :func:`score` — Jaccard of the exact shingle sets, damped when
       the two texts give different plot numbers, dates, amounts or people — is compared
       with ``THRESHOLD``.

The parameters were chosen on ``data/dedup_pairs.csv`` (see :func:`measure`).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TypedDict

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from .text import normalise, strip_diacritics

DEFAULT_PAIRS = Path(__file__).resolve().parent.parent / "data" / "dedup_pairs.csv"

NGRAM = 2
NUM_PERM = 64
BANDS = 32
ROWS = 2
SEED = 1
SCHEME = "affine32"
THRESHOLD = 0.30
#: multiplier applied to the shingle similarity when the identifying details conflict
CONFLICT_DAMPING = 0.3
#: candidates whose MinHash-estimated Jaccard is below this are not re-scored exactly
PREFILTER = 0.12
#: at most this many candidates (best MinHash estimate first) are re-scored exactly
MAX_RESCORE = 300

_NUMBER = re.compile(r"\d+")
# Person names: a common surname followed by a common middle name and one more syllable.
_SURNAMES = frozenset(
    "nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly dinh mai cao ta luong "
    "trinh nong ha kieu chau quach truong doan la trieu to lam luu thai".split()
)
_MIDDLE_NAMES = frozenset("van thi huu dinh quoc minh duc xuan thanh ngoc hong kim cong tien".split())
#: numbers this long are phone or ID numbers: they identify the writer, not the matter
_MAX_CASE_NUMBER_DIGITS = 8


class PairsEvaluation(TypedDict):
    precision: float
    recall: float
    threshold: float
    n_pairs: int
    n_test: int


# --- features ----------------------------------------------------------------------------------


# Formulae that almost every petition uses (salutations, self-introduction, closing).
# Shingles made only of these syllables say nothing about the matter and are dropped.
BOILERPLATE: tuple[str, ...] = (
    "kinh gui",
    "kinh thua",
    "kinh thua lanh dao",
    "toi ten la",
    "toi ten",
    "toi la",
    "chung toi la",
    "cac ho dan o",
    "sinh nam",
    "dia chi",
    "tru tai",
    "noi cu tru",
    "ho va ten",
    "nguoi viet don",
    "so dien thoai",
    "don kien nghi",
    "don khieu nai",
    "don to cao",
    "don phan anh",
    "don de nghi",
    "cac co quan co tham quyen",
    "cac co quan chuc nang",
    "quy co quan",
    "toi lam don nay",
    "nay toi viet don nay gui den",
    "de phan anh",
    "de kien nghi",
    "de khieu nai",
    "de to cao",
    "su viec nhu sau",
    "xin trinh bay",
    "noi dung",
    "toi xin phan anh mot viec",
    "kinh mong",
    "xem xet giai quyet",
    "xem xet",
    "giai quyet",
    "rat mong duoc quan tam giai quyet som",
    "toi xin chan thanh cam on",
    "xin chan thanh cam on",
    "xin cam on",
    "cam on",
    "toi xin cam doan nhung noi dung tren la dung su that",
    "vao cuoc xu ly dut diem",
    "mong lanh dao xem xet giup dan",
    "kinh de nghi",
    "de nghi",
    "kien nghi",
    "kiem tra",
    "tra loi bang van ban cho nguoi dan duoc biet",
    "toi da gui don nhieu lan nhung chua duoc tra loi",
    "toi la nguoi dan",
    "day la lan thu",
    "toi gui don ve viec nay",
    "don gui lan",
    "lanh dao",
    "kem theo don la anh chup hien trang",
    "rat mong som nhan duoc phan hoi",
    "toi da gui don nay den",
    "nhung chua duoc giai quyet nen nay gui tiep len",
    "uy ban nhan dan",
    "ubnd",
    "xin",
    "toi",
    "va",
)


def _boilerplate_index(phrases: Iterable[str]) -> dict[str, list[tuple[str, ...]]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        words = tuple(normalise(phrase).split(" "))
        index.setdefault(words[0], []).append(words)
    for entries in index.values():
        entries.sort(key=len, reverse=True)
    return index


_BOILERPLATE_INDEX = _boilerplate_index(BOILERPLATE)


def _boilerplate_mask(sylls: list[str]) -> list[bool]:
    mask = [False] * len(sylls)
    for i, syll in enumerate(sylls):
        for phrase in _BOILERPLATE_INDEX.get(syll, ()):
            if tuple(sylls[i : i + len(phrase)]) == phrase:
                for j in range(i, i + len(phrase)):
                    mask[j] = True
                break
    return mask


def shingles(text: str, n: int = NGRAM) -> set[str]:
    """Word n-grams of the normalised syllables, leaving out pure boilerplate n-grams.

    Falls back to all n-grams when the text is nothing but boilerplate, and to the whole
    text when it is shorter than ``n`` syllables.
    """
    sylls = normalise(text).split(" ")
    if not sylls or sylls == [""]:
        return set()
    if len(sylls) < n:
        return {" ".join(sylls)}
    mask = _boilerplate_mask(sylls)
    grams = {" ".join(sylls[i : i + n]) for i in range(len(sylls) - n + 1) if not all(mask[i : i + n])}
    return grams or {" ".join(sylls[i : i + n]) for i in range(len(sylls) - n + 1)}


def identifiers(text: str) -> frozenset[str]:
    """Numbers (plots, areas, dates, amounts) and person names that identify a case."""
    found: set[str] = {x for x in _NUMBER.findall(text) if len(x) <= _MAX_CASE_NUMBER_DIGITS}
    sylls = normalise(text).split(" ")
    for i in range(len(sylls) - 2):
        if sylls[i] in _SURNAMES and sylls[i + 1] in _MIDDLE_NAMES:
            found.add(" ".join(sylls[i : i + 3]))
    return frozenset(found)


@dataclass(frozen=True)
class Features:
    shingles: frozenset[str]
    numbers: frozenset[str]
    names: frozenset[str]

    @classmethod
    def of(cls, text: str, n: int = NGRAM) -> Features:
        ids = identifiers(text)
        return cls(
            frozenset(shingles(text, n)),
            frozenset(x for x in ids if x.isdigit()),
            frozenset(x for x in ids if not x.isdigit()),
        )


def jaccard(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> float:
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def _contained(a: frozenset[str], b: frozenset[str]) -> bool:
    """True when either side has none, or the smaller set is inside the larger one."""
    if not a or not b:
        return True
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return small <= large


def conflicting(a: Features, b: Features) -> bool:
    """The texts give different plot numbers, dates, amounts or people."""
    return not (_contained(a.numbers, b.numbers) and _contained(a.names, b.names))


def score_features(a: Features, b: Features, damping: float = CONFLICT_DAMPING) -> float:
    sim = jaccard(a.shingles, b.shingles)
    return sim * damping if conflicting(a, b) else sim


def score(a: str, b: str) -> float:
    """Similarity in [0, 1] of two petitions; ``>= THRESHOLD`` means the same matter."""
    return score_features(Features.of(a), Features.of(b))


def is_duplicate(a: str, b: str, threshold: float = THRESHOLD) -> bool:
    return score(a, b) >= threshold


# --- signatures and band keys --------------------------------------------------------------------


@lru_cache(maxsize=8)
def _permutations(num_perm: int) -> np.ndarray:
    perms: np.ndarray = MinHash(num_perm=num_perm, seed=SEED, scheme=SCHEME).permutations
    return perms


def minhash(items: Iterable[str], num_perm: int = NUM_PERM) -> MinHash:
    m = MinHash(num_perm=num_perm, seed=SEED, permutations=_permutations(num_perm), scheme=SCHEME)
    encoded = [s.encode("utf-8") for s in items]
    if encoded:
        m.update_batch(encoded)
    return m


def signature_of(m: MinHash) -> bytes:
    return np.asarray(m.hashvalues, dtype="<u4").tobytes()


def signature(text: str, num_perm: int = NUM_PERM) -> bytes:
    """Serialisable MinHash of ``text``: ``num_perm`` little-endian uint32 (256 bytes for 64)."""
    return signature_of(minhash(shingles(text), num_perm))


def minhash_from_signature(sig: bytes) -> LeanMinHash:
    if len(sig) % 4:
        raise ValueError("a signature is a sequence of 32-bit values")
    values = np.frombuffer(sig, dtype="<u4").astype(np.uint32)
    return LeanMinHash(seed=SEED, hashvalues=values, scheme=SCHEME)


def _band_hash(band: bytes) -> bytes:
    return hashlib.blake2b(band, digest_size=8).digest()


def _band_bytes(values: np.ndarray) -> bytes:
    # exactly what MinHashLSH hashes for one band (its _hashed_byteswap)
    return bytes(values.byteswap().data)


def band_keys(sig: bytes, bands: int = BANDS, rows: int = ROWS) -> list[str]:
    """One short string per LSH band (``"<band>:<16 hex>"``), for an indexed DB column.

    Two petitions are LSH candidates exactly when they share at least one band key, the
    same rule the in-memory :class:`LshIndex` applies.
    """
    values = np.frombuffer(sig, dtype="<u4").astype(np.uint32)
    if len(values) < bands * rows:
        raise ValueError(f"signature has {len(values)} values, need {bands * rows}")
    return [
        f"{i:02d}:{_band_hash(_band_bytes(values[i * rows : (i + 1) * rows])).hex()}" for i in range(bands)
    ]


# --- the in-memory index --------------------------------------------------------------------------


class LshIndex:
    """MinHash-LSH index of petitions; ``query`` returns confirmed duplicates, best first.

    Per entry it keeps the signature (``num_perm`` uint32) and the text with diacritics
    folded (mostly ASCII), so candidates can be ranked by estimated Jaccard and then
    re-scored exactly.  The same steps work against a database: store
    :meth:`signature` and :meth:`band_keys` per petition, look candidates up by band key,
    then call :func:`score` on the few that remain.
    """

    def __init__(
        self,
        num_perm: int = NUM_PERM,
        bands: int = BANDS,
        rows: int = ROWS,
        threshold: float = THRESHOLD,
        ngram: int = NGRAM,
        max_rescore: int = MAX_RESCORE,
    ) -> None:
        if bands * rows > num_perm:
            raise ValueError("bands * rows must not exceed num_perm")
        self.num_perm = num_perm
        self.bands = bands
        self.rows = rows
        self.threshold = threshold
        self.ngram = ngram
        self.max_rescore = max_rescore
        self._lsh = MinHashLSH(num_perm=num_perm, params=(bands, rows), hashfunc=_band_hash)
        self._texts: dict[str, str] = {}
        self._sigs: dict[str, np.ndarray] = {}

    def __len__(self) -> int:
        return len(self._texts)

    def __contains__(self, key: object) -> bool:
        return key in self._texts

    def signature(self, text: str) -> bytes:
        return signature_of(minhash(shingles(text, self.ngram), self.num_perm))

    def band_keys(self, sig: bytes) -> list[str]:
        return band_keys(sig, self.bands, self.rows)

    def add(self, key: str, text: str, sig: bytes | None = None) -> None:
        """Index ``text`` under ``key``; pass its stored ``sig`` to skip recomputing it."""
        if key in self._texts:
            self.remove(key)
        m = (
            minhash_from_signature(sig)
            if sig is not None
            else minhash(shingles(text, self.ngram), self.num_perm)
        )
        self._lsh.insert(key, m, check_duplication=False)
        self._texts[key] = strip_diacritics(text)
        self._sigs[key] = np.asarray(m.hashvalues, dtype=np.uint32)

    def remove(self, key: str) -> None:
        if key not in self._texts:
            raise KeyError(key)
        self._lsh.remove(key)
        del self._texts[key]
        del self._sigs[key]

    def candidates(self, text: str, sig: bytes | None = None) -> set[str]:
        """Keys sharing at least one LSH band with ``text`` (before any scoring)."""
        m = (
            minhash_from_signature(sig)
            if sig is not None
            else minhash(shingles(text, self.ngram), self.num_perm)
        )
        return {str(k) for k in self._lsh.query(m)}

    def query(self, text: str, limit: int = 10) -> list[tuple[str, float]]:
        """Stored petitions about the same matter as ``text``: ``(key, score)``, best first."""
        m = minhash(shingles(text, self.ngram), self.num_perm)
        found = [str(k) for k in self._lsh.query(m)]
        if not found:
            return []
        estimates = (np.stack([self._sigs[k] for k in found]) == m.hashvalues).mean(axis=1)
        order = np.argsort(-estimates, kind="stable")[: self.max_rescore]
        target = Features.of(text, self.ngram)
        hits: list[tuple[str, float]] = []
        for i in order:
            if estimates[i] < PREFILTER:
                break
            key = found[int(i)]
            s = score_features(target, Features.of(self._texts[key], self.ngram))
            if s >= self.threshold:
                hits.append((key, round(s, 4)))
        hits.sort(key=lambda item: (-item[1], item[0]))
        return hits[:limit]


# --- evaluation -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pair:
    a: str
    b: str
    label: int
    kind: str


def load_pairs(path: Path | str = DEFAULT_PAIRS) -> list[Pair]:
    with Path(path).open(encoding="utf-8", newline="") as fh:
        return [Pair(r["a"], r["b"], int(r["label"]), r.get("kind", "")) for r in csv.DictReader(fh)]


def _lsh_candidate(a: str, b: str, n: int, num_perm: int, bands: int, rows: int) -> bool:
    ka = band_keys(signature_of(minhash(shingles(a, n), num_perm)), bands, rows)
    kb = band_keys(signature_of(minhash(shingles(b, n), num_perm)), bands, rows)
    return bool(set(ka) & set(kb))


def _precision_recall(predicted: list[bool], labels: list[int]) -> tuple[float, float]:
    tp = sum(p and y == 1 for p, y in zip(predicted, labels, strict=True))
    fp = sum(p and y == 0 for p, y in zip(predicted, labels, strict=True))
    fn = sum((not p) and y == 1 for p, y in zip(predicted, labels, strict=True))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall


def best_threshold(scores: list[float], labels: list[int]) -> float:
    """Threshold maximising F1 (ties: the midpoint of the best plateau)."""
    grid = [round(t, 3) for t in np.arange(0.05, 0.95, 0.005)]
    f1s = []
    for t in grid:
        p, r = _precision_recall([s >= t for s in scores], labels)
        f1s.append(2 * p * r / (p + r) if p + r else 0.0)
    best = max(f1s)
    plateau = [t for t, f in zip(grid, f1s, strict=True) if f >= best - 1e-9]
    return float(plateau[len(plateau) // 2])


def evaluate_pairs(
    path: Path | str = DEFAULT_PAIRS, threshold: float | None = None, calibrate: bool = True
) -> PairsEvaluation:
    """Precision and recall of the full pipeline (LSH candidate *and* score ≥ threshold).

    With ``calibrate`` the threshold is chosen on the even-numbered pairs and the figures
    are measured on the odd-numbered ones; otherwise ``threshold`` (default
    :data:`THRESHOLD`) is applied to all pairs.
    """
    pairs = load_pairs(path)
    scores = [score(p.a, p.b) for p in pairs]
    cand = [_lsh_candidate(p.a, p.b, NGRAM, NUM_PERM, BANDS, ROWS) for p in pairs]
    labels = [p.label for p in pairs]
    test = list(range(len(pairs)))
    if calibrate and threshold is None:
        calib = [i for i in test if i % 2 == 0]
        threshold = best_threshold([scores[i] for i in calib], [labels[i] for i in calib])
        test = [i for i in test if i % 2 == 1]
    elif threshold is None:
        threshold = THRESHOLD
    predicted = [cand[i] and scores[i] >= threshold for i in test]
    precision, recall = _precision_recall(predicted, [labels[i] for i in test])
    return PairsEvaluation(
        precision=precision, recall=recall, threshold=threshold, n_pairs=len(pairs), n_test=len(test)
    )


def measure(path: Path | str = DEFAULT_PAIRS) -> list[str]:
    """Compare shingle sizes, similarity measures and LSH banding on the labelled pairs."""
    pairs = load_pairs(path)
    labels = [p.label for p in pairs]
    lines: list[str] = []
    for n in (1, 2, 3):
        fa = [Features.of(p.a, n) for p in pairs]
        fb = [Features.of(p.b, n) for p in pairs]
        raw = [jaccard(x.shingles, y.shingles) for x, y in zip(fa, fb, strict=True)]
        damped = [score_features(x, y) for x, y in zip(fa, fb, strict=True)]
        contain = [
            len(x.shingles & y.shingles) / max(1, min(len(x.shingles), len(y.shingles)))
            for x, y in zip(fa, fb, strict=True)
        ]
        for name, scores in (("jaccard", raw), ("containment", contain), ("jaccard+conflicts", damped)):
            t = best_threshold(scores, labels)
            p, r = _precision_recall([s >= t for s in scores], labels)
            pos = sorted(s for s, y in zip(scores, labels, strict=True) if y == 1)
            lines.append(
                f"n={n} {name:<20} best t={t:.3f} P={p:.3f} R={r:.3f} "
                f"positives min/p5 J={pos[0]:.2f}/{pos[len(pos) // 20]:.2f}"
            )
        for num_perm, bands, rows in ((64, 16, 4), (64, 21, 3), (64, 32, 2), (128, 32, 4), (128, 42, 3)):
            hit = [
                _lsh_candidate(p.a, p.b, n, num_perm, bands, rows)
                for p, y in zip(pairs, labels, strict=True)
                if y == 1
            ]
            neg = [
                _lsh_candidate(p.a, p.b, n, num_perm, bands, rows)
                for p, y in zip(pairs, labels, strict=True)
                if y == 0
            ]
            lines.append(
                f"    LSH num_perm={num_perm} bands={bands} rows={rows}: positives found "
                f"{sum(hit)}/{len(hit)}, negatives passed {sum(neg)}/{len(neg)}"
            )
    return lines


def _say(*parts: object) -> None:
    """Console output for the command-line entry points only."""
    sys.stdout.write(" ".join(str(p) for p in parts) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="danvan petitions dedup-eval")
    parser.add_argument("--pairs", type=Path, default=DEFAULT_PAIRS)
    parser.add_argument("--measure", action="store_true", help="compare shingle sizes and LSH banding")
    args = parser.parse_args(argv)
    result = evaluate_pairs(args.pairs)
    _say(
        f"dedup pairs: precision {result['precision']:.3f} recall {result['recall']:.3f} "
        f"(threshold {result['threshold']:.3f} chosen on half of {result['n_pairs']} pairs, "
        f"measured on the other {result['n_test']})"
    )
    shipped = evaluate_pairs(args.pairs, threshold=THRESHOLD, calibrate=False)
    _say(
        f"shipped THRESHOLD={THRESHOLD}: precision {shipped['precision']:.3f} recall {shipped['recall']:.3f} "
        f"on all {shipped['n_pairs']} pairs"
    )
    if args.measure:
        for line in measure(args.pairs):
            _say(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
