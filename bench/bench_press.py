"""Press monitoring benchmarks.

- press.articles_per_s: extraction throughput (decode + clean + extract) on one core, ~5 KB articles;
- press.ingest_10k_peak_mb: `danvan press ingest` of a generated folder of 10,000 articles into a fresh
  SQLite database, in a subprocess; peak RSS of that process (it streams: memory stays flat);
- press.score_samples / press.score_own_set: the official score on ../shared/press/samples and on the
  project's labelled corpus (src/danvan/press/corpus).

Generated articles go to bench/data/press/ once and are reused.
"""

from __future__ import annotations

import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import BenchContext

N_INGEST = 10_000
N_THROUGHPUT = 300
TARGET_BYTES = 5_000

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Minh", "Thanh", "Hữu", "Quốc", "Ngọc", "Đức", "Thu", "Xuân"]
GIVEN = ["Hùng", "Lan", "Sơn", "Hà", "Tuấn", "Mai", "Dũng", "Hương", "Long", "Thảo", "Bình", "Châu", "Khánh"]
_YEAR = re.compile(r"\b(20[12]\d)\b")
_DAY_MONTH = re.compile(r"\b(\d{1,2})/(\d{1,2})(?=[/)\s,.])")
_NUMBER = re.compile(r"(?<![\d/.,\-])\b(\d{2,3})\b(?![/\-.,]?\d)(?!-)")
_PERSON = re.compile(r"(?<=[Đđ]ồng chí )([A-ZĐÀ-Ỹ][\wÀ-ỹ]+(?: [A-ZĐÀ-Ỹ][\wÀ-ỹ]+){1,3})")


def _corpus(root: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((root / "src/danvan/press/corpus").glob("*.txt"))]


def _article(rng: random.Random, bases: list[str], paragraphs: list[str], serial: int) -> str:
    base = rng.choice(bases)
    delta = rng.randint(-5, 1)
    base = _YEAR.sub(lambda m: str(int(m.group(1)) + delta), base)
    base = _DAY_MONTH.sub(lambda m: f"{rng.randint(1, 28)}/{rng.randint(1, 12)}", base)
    name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
    base = _PERSON.sub(name, base, count=1)
    extra: list[str] = []
    size = len(base.encode("utf-8"))
    while size < TARGET_BYTES:
        para = _NUMBER.sub(lambda m: str(rng.randint(10, 999)), rng.choice(paragraphs))
        extra.append(para)
        size += len(para.encode("utf-8")) + 2
    lines = base.rstrip().split("\n")
    signature = lines.pop() if lines and len(lines[-1].split()) <= 4 else ""
    figure = f"Trong kỳ, toàn địa bàn có {rng.randint(10, 5000)} mô hình, điển hình mới (số hiệu tổng hợp {serial})."
    return "\n".join([*lines, "", *extra, figure, "", signature]) + "\n"


def generate(ctx: BenchContext, folder: Path, n: int, seed: int) -> Path:
    marker = folder / ".complete"
    if marker.exists() and marker.read_text() == str(n):
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    rng = random.Random(seed)
    bases = _corpus(ctx.root)
    paragraphs = [p.strip() for text in bases for p in text.split("\n\n")[2:-1] if len(p.split()) >= 25]
    for i in range(n):
        sub = folder / f"{i // 1000:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"bai-{i:05d}.txt").write_text(_article(rng, bases, paragraphs, i), encoding="utf-8")
    marker.write_text(str(n))
    return folder


def throughput(folder: Path) -> tuple[float, float, float]:
    """(articles per CPU second on one core, articles per wall-clock second, mean article size in bytes).

    The machine is shared, so the CPU time of this single-threaded loop is the fair "one core" figure."""
    from danvan.press.extraction import decode_bytes, extract

    files = sorted(folder.rglob("*.txt"))
    blobs = [f.read_bytes() for f in files]
    extract(decode_bytes(blobs[0]))  # warm the lexicons and caches
    started, cpu_started = time.perf_counter(), time.process_time()
    for blob in blobs:
        extract(decode_bytes(blob))
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    return len(blobs) / cpu, len(blobs) / elapsed, sum(map(len, blobs)) / len(blobs)


WRAPPER = """
import resource, subprocess, sys, time

def anon_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("RssAnon:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0

t = time.perf_counter()
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
samples = []
while proc.poll() is None:
    samples.append(anon_mb(proc.pid))
    time.sleep(0.5)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
tenth = samples[: max(1, len(samples) // 10)]
print(proc.returncode, usage.ru_maxrss, time.perf_counter() - t, usage.ru_utime + usage.ru_stime,
      max(samples or [0]), max(tenth or [0]))
"""


def ingest_peak(ctx: BenchContext, folder: Path) -> dict[str, float]:
    """Peak RSS (includes SQLite's page cache, 64 MB, and memory-mapped database pages, up to 256 MB, as
    configured in settings) and peak anonymous memory over the whole run and over its first tenth: the same
    figure at 1,000 and at 10,000 articles shows that ingestion streams."""
    data_dir = Path(tempfile.mkdtemp(prefix="press-ingest-", dir=ctx.work))
    try:
        ctx.danvan(data_dir, "migrate", "-v", "0")
        ctx.danvan(data_dir, "territory", "load")
        out = subprocess.run(
            [
                ctx.python,
                "-c",
                WRAPPER,
                ctx.python,
                "-m",
                "danvan",
                "press",
                "ingest",
                str(folder),
                "--no-progress",
            ],
            env=ctx.env(data_dir),
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        rc, peak_kb, seconds, cpu = int(out[0]), int(out[1]), float(out[2]), float(out[3])
        anon_peak, anon_first_tenth = float(out[4]), float(out[5])
        if rc != 0:
            raise RuntimeError(f"danvan press ingest exited with {rc}")
        count = subprocess.run(
            [
                ctx.python,
                "-c",
                "import django,os;os.environ.setdefault('DJANGO_SETTINGS_MODULE','danvan.settings');django.setup();"
                "from danvan.press.models import Event;print(Event.objects.count())",
            ],
            env=ctx.env(data_dir),
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        return {
            "press.ingest_10k_peak_mb": round(peak_kb / 1024, 1),
            "press.ingest_10k_peak_anon_mb": round(anon_peak, 1),
            "press.ingest_10k_first_tenth_anon_mb": round(anon_first_tenth, 1),
            "press.ingest_10k_s": round(seconds, 1),
            "press.ingest_10k_cpu_s": round(cpu, 1),
            "press.ingest_10k_events": int(count),
        }
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


def scores(ctx: BenchContext) -> tuple[float | None, float]:
    from danvan.press.extraction.score import SHARED_PRESS, run_extraction_dir, score_dir

    results: list[float | None] = []
    for gold in (SHARED_PRESS / "samples", ctx.root / "src/danvan/press/corpus"):
        if not gold.is_dir():
            results.append(None)
            continue
        with tempfile.TemporaryDirectory() as tmp:
            run_extraction_dir(gold, tmp)
            results.append(round(score_dir(gold, tmp), 4))
    own = results[1]
    assert own is not None
    return results[0], own


def run(ctx: BenchContext) -> dict[str, object]:
    sys.path.insert(0, str(ctx.root / "src"))
    work = ctx.work / "press"
    small = generate(ctx, work / "throughput", N_THROUGHPUT, seed=1)
    per_s, per_s_wall, mean_bytes = throughput(small)
    samples, own = scores(ctx)
    big = generate(ctx, work / "articles10k", N_INGEST, seed=2)
    ingest = ingest_peak(ctx, big)
    return {
        "press.articles_per_s": round(per_s, 1),
        "press.articles_per_s_wall": round(per_s_wall, 1),
        "press.articles_mean_bytes": round(mean_bytes),
        **ingest,
        "press.score_samples": samples,
        "press.score_own_set": own,
    }
