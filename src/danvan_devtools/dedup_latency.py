"""Query latency of the in-memory duplicate index over generated petitions.

``python -m danvan_devtools.dedup_latency 10000 100000`` builds an index of that many synthetic
petitions and prints the query median and p99.
"""

from __future__ import annotations

import statistics
import sys
import time

from danvan.petitions.engines.dedup import LshIndex

from .datagen import synthetic_corpus


def latency(n: int, queries: int = 200, seed: int = 5) -> dict[str, float]:
    """Build an index of ``n`` synthetic petitions and time ``query`` (milliseconds)."""
    index = LshIndex()
    t0 = time.perf_counter()
    for i, text in enumerate(synthetic_corpus(n, seed=seed)):
        index.add(f"p{i}", text)
    build = time.perf_counter() - t0
    probes = list(synthetic_corpus(queries, seed=seed + 1))
    times: list[float] = []
    candidate_counts: list[int] = []
    for text in probes:
        t1 = time.perf_counter()
        index.query(text, limit=10)
        times.append((time.perf_counter() - t1) * 1000)
        candidate_counts.append(len(index.candidates(text)))
    times.sort()
    return {
        "n": float(n),
        "build_s": build,
        "median_ms": statistics.median(times),
        "p99_ms": times[min(len(times) - 1, int(len(times) * 0.99))],
        "median_candidates": float(statistics.median(candidate_counts)),
    }


def main(argv: list[str] | None = None) -> int:
    for n in [int(x) for x in (sys.argv[1:] if argv is None else argv)]:
        r = latency(n)
        sys.stdout.write(
            f"index of {n:,} petitions: build {r['build_s']:.0f}s, query median {r['median_ms']:.2f} ms, "
            f"p99 {r['p99_ms']:.2f} ms, median candidates {r['median_candidates']:.0f}\n"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
