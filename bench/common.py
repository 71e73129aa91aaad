"""Helpers shared by the benchmarks: a throwaway Django database, a production server, timing."""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class BenchContext:
    root: Path  # repository root
    work: Path  # bench/data: generated data, never committed

    @property
    def python(self) -> str:
        return sys.executable

    def env(self, data_dir: Path, database_url: str | None = None, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("DANVAN_")}
        env["DANVAN_DATA_DIR"] = str(data_dir)
        if database_url:
            env["DANVAN_DATABASE_URL"] = database_url
        env.update(extra)
        return env

    def danvan(self, data_dir: Path, *args: str, database_url: str | None = None, **extra: str) -> None:
        subprocess.run(
            [self.python, "-m", "danvan", *args], env=self.env(data_dir, database_url, **extra), check=True
        )


def setup_django(data_dir: Path, database_url: str | None = None) -> None:
    """Configure Django in this process against a benchmark database (migrated, territory loaded)."""
    os.environ["DANVAN_DATA_DIR"] = str(data_dir)
    if database_url:
        os.environ["DANVAN_DATABASE_URL"] = database_url
    else:
        os.environ.pop("DANVAN_DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    call_command("territory", "load", verbosity=0)


def child_json(script: str, *args: str, label: str) -> dict[str, Any]:
    """Run `python script ARGS` in a child process (without this process's DANVAN_ settings: the child
    configures its own database) and return the JSON object printed on its last line; its standard error
    is passed on (its end). A child that fails raises, naming `label`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DANVAN_")}
    proc = subprocess.run(
        [sys.executable, str(Path(script).resolve()), *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    sys.stderr.write(proc.stderr[-3000:])
    if proc.returncode != 0:
        raise RuntimeError(f"bench {label} failed")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def gunicorn(
    ctx: BenchContext,
    data_dir: Path,
    *,
    workers: int = 2,
    database_url: str | None = None,
    app: str = "danvan.wsgi:application",
    extra_env: dict[str, str] | None = None,
) -> Iterator[str]:
    """The production server on a free loopback port; yields its base URL."""
    port = free_port()
    env = ctx.env(data_dir, database_url, **(extra_env or {}))
    proc = subprocess.Popen(
        [
            str(Path(ctx.python).parent / "gunicorn"),
            app,
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            "4",
            "--log-level",
            "warning",
        ],
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


def time_calls(fn: Callable[[], object], repeat: int) -> list[float]:
    """Milliseconds per call."""
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def summary_ms(samples: list[float]) -> dict[str, float]:
    return {
        "p50": round(statistics.median(samples), 2),
        "p99": round(percentile(samples, 99), 2),
        "mean": round(statistics.fmean(samples), 2),
    }
