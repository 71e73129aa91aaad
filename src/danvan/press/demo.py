"""Demo data: the two real sample articles from the shared folder (never copied into the repository)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from tqdm import tqdm

from danvan.core.registry import DemoContext, register_demo
from danvan.press import services


def samples_dir() -> Path:
    return Path(settings.PROJECT_DIR).parent / "shared" / "press" / "samples"


def load(ctx: DemoContext) -> None:
    folder = samples_dir()
    files = sorted(folder.glob("*.txt")) if folder.is_dir() else []
    if not files:
        tqdm.write(f"Báo chí: bỏ qua bài mẫu, không tìm thấy thư mục {folder}.")
        return
    actor = services.CommandLineActor("dữ liệu mẫu (danvan demo)")
    bar = ctx.progress("Báo chí: bài mẫu", len(files))
    for path in files:
        outcome = services.ingest_bytes(actor=actor, data=path.read_bytes(), name=path.name, is_demo=True)
        if outcome.status == "error":
            tqdm.write(f"Báo chí: {path.name}: {outcome.message}")
        bar.update(1)
    bar.close()


register_demo("press", 70, load)
