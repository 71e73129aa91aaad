"""`make bench`: run every bench/bench_*.py and merge its figures into bench/results.json.

Each module defines `run(ctx: BenchContext) -> dict[str, object]` returning flat keys such as
{"petitions.intake_per_s": 512.3, "petitions.n": 1000000}. Figures from modules not run this time
are kept; the machine and the time of the run are recorded under "_meta".
Usage: python bench/run.py [name ...]   (names without the bench_ prefix, e.g. petitions)
"""

from __future__ import annotations

import fcntl
import importlib.util
import json
import os
import platform
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import BenchContext  # noqa: E402

from danvan.core import clock  # noqa: E402


def machine() -> dict[str, object]:
    mem_gib = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cores": os.cpu_count(), "memory_gib": mem_gib, "cpu": cpu, "python": platform.python_version()}


def _settings_for_the_clock() -> None:
    """Benches that run their databases in child processes leave Django unconfigured here: the clock only
    needs the time zone."""
    from django.conf import settings

    if not settings.configured:
        settings.configure(USE_TZ=True, TIME_ZONE="Asia/Ho_Chi_Minh")


def main(argv: list[str]) -> int:
    wanted = set(argv[1:])
    results_path = HERE / "results.json"
    results: dict[str, object] = {}
    ctx = BenchContext(root=HERE.parent, work=HERE / "data")
    ctx.work.mkdir(exist_ok=True)
    modules = sorted(HERE.glob("bench_*.py"))
    if not modules:
        print("Chưa có benchmark nào trong bench/.")
    for path in modules:
        name = path.stem.removeprefix("bench_")
        if wanted and name not in wanted:
            continue
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[path.stem] = module  # worker processes (multiprocessing) find its functions by name
        spec.loader.exec_module(module)
        print(f"== bench {name} ==", flush=True)
        started = time.perf_counter()
        figures = module.run(ctx)
        for key, value in sorted(figures.items()):
            print(f"  {key} = {value}")
            results[key] = value
        results[f"_meta.{name}.seconds"] = round(time.perf_counter() - started, 1)
        _settings_for_the_clock()
        results[f"_meta.{name}.at"] = clock.iso(clock.now())
    results["_meta.machine"] = machine()
    # Merge into the file as it is now, under a lock: another module's run may have written it meanwhile.
    with open(HERE / ".results.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        merged: dict[str, object] = json.loads(results_path.read_text()) if results_path.exists() else {}
        merged.update(results)
        results_path.write_text(json.dumps(dict(sorted(merged.items())), ensure_ascii=False, indent=2) + "\n")
    print(f"Đã ghi {results_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
