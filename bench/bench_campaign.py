"""Campaign benchmark: a burst of identical letters and a burst of lightly edited ones, analysed.

When thousands of citizens send the same letter, each must join the letter's group at a cost that
does not grow with the group. Data (fresh each run, SQLite in bench/data/campaign/): one commune,
CAMPAIGN_N identical letters and CAMPAIGN_N lightly edited ones (two of: a word changed, a sentence added
or dropped, a signature line; and each its own numbered signature line, so no two are the same text),
all pending; the figure is the analysis rate (`services.enrich_petition`,
field suggestion + duplicate check + write, as the analysis process runs it: `campaigns.join_copies` on each batch of 50, the rest one by one) over each burst, and the
rate over its first and last tenth (equal when joining costs the same whatever the group's size).
"""

from __future__ import annotations

import os
import random
import shutil
import time
from pathlib import Path

from common import BenchContext, setup_django

N = int(os.environ.get("CAMPAIGN_N", "10000"))

LETTER = (
    "Kính gửi Ủy ban nhân dân xã và Hội đồng nhân dân xã. Chúng tôi là các hộ dân ấp Gia Yên cùng ký tên dưới "
    "đây. Nhiều tháng nay trại heo cạnh suối Cầu Hoàng xả nước thải chưa qua xử lý ra suối, mùi hôi bốc lên "
    "nồng nặc cả ngày lẫn đêm, nước suối đen kịt, cá chết, trẻ em trong ấp bị ho và ngứa. Chúng tôi đã nhiều "
    "lần báo với ấp và xã nhưng trại vẫn hoạt động như cũ. Chúng tôi đề nghị xã kiểm tra, đình chỉ hoạt động "
    "của trại cho đến khi có hệ thống xử lý nước thải đạt chuẩn và công khai kết quả cho bà con được biết."
)
EDITS = (
    lambda t, r: t.replace("Chúng tôi là các hộ dân", "Tôi là một hộ dân", 1),
    lambda t, r: t + " Xin chân thành cảm ơn.",
    lambda t, r: t.replace("nồng nặc", "rất nặng"),
    lambda t, r: t.replace("Kính gửi Ủy ban nhân dân xã và Hội đồng nhân dân xã. ", ""),
    lambda t, r: t + f" Người ký: hộ thứ {r.randint(1, 9)}.",
    lambda t, r: t.replace("trẻ em trong ấp bị ho và ngứa", "người già và trẻ nhỏ bị bệnh"),
)


def _edited(rng: random.Random, i: int) -> str:
    """Two of the edits, and a signature line of its own: every edited letter is a distinct text."""
    text = LETTER
    for edit in rng.sample(EDITS, 2):
        text = edit(text, rng)
    return f"{text} Ký tên: hộ gia đình số {i + 1} trong danh sách kèm theo."


def _fresh(data_dir: Path) -> None:
    if data_dir.exists():
        shutil.rmtree(data_dir)
    data_dir.mkdir(parents=True)


def _pending(texts: list[str], commune: object, prefix: str) -> list[int]:
    """Insert pending petitions directly (the intake is measured elsewhere): one transaction per 1,000."""
    from django.db import transaction
    from django.utils import timezone

    from danvan.petitions.models import Petition

    now = timezone.now()
    ids: list[int] = []
    for start in range(0, len(texts), 1000):
        with transaction.atomic():
            rows = [
                Petition(
                    tracking_code=f"DV-{prefix}-{start + i:08d}",
                    kind="proposal",
                    channel="web",
                    unit=commune,
                    received_unit=commune,
                    place=commune,
                    title="Đề nghị đình chỉ trại heo xả thải",
                    content=text,
                    received_at=now,
                    enrich_queued_at=now,
                )
                for i, text in enumerate(texts[start : start + 1000])
            ]
            ids.extend(p.pk for p in Petition.objects.bulk_create(rows))
    return ids


def _analyse(ids: list[int]) -> dict[str, float]:
    """Analyses per second over the burst as the analysis process runs them (batches of 50: the copies
    joined together, the others one by one), wall clock and CPU time of this process, and over the
    first and last tenth of the batches (wall clock)."""
    from danvan.petitions import campaigns
    from danvan.petitions.services import enrich_petition

    times: list[tuple[int, float]] = []
    cpu = time.process_time()
    for start in range(0, len(ids), 50):
        batch = ids[start : start + 50]
        t = time.perf_counter()
        joined = campaigns.join_copies(batch, enrich_petition=enrich_petition)
        for pk in batch:
            if pk not in joined:
                enrich_petition(pk)
        times.append((len(batch), time.perf_counter() - t))
    cpu = time.process_time() - cpu
    tenth = max(1, len(times) // 10)

    def rate(part: list[tuple[int, float]]) -> float:
        return sum(n for n, _ in part) / sum(s for _, s in part)

    return {
        "per_s": rate(times),
        "per_cpu_s": len(ids) / cpu if cpu else float("nan"),
        "first_tenth_per_s": rate(times[:tenth]),
        "last_tenth_per_s": rate(times[-tenth:]),
    }


def run(ctx: BenchContext) -> dict[str, object]:
    data_dir = ctx.work / "campaign"
    _fresh(data_dir)
    os.environ["DANVAN_MANIFEST_STATIC"] = "0"
    os.environ["DANVAN_PETITIONS_INTAKE_JOURNAL"] = "0"
    setup_django(data_dir)
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from danvan.petitions.models import PetitionBand
    from danvan.territory.models import AdminUnit

    nation = AdminUnit.objects.get(path="VN/")  # created by the territory migrations
    province, _ = AdminUnit.objects.get_or_create(
        path="VN/75/", defaults={"code": "75", "name": "Đồng Nai", "level": 1, "parent": nation}
    )
    commune, _ = AdminUnit.objects.get_or_create(
        path="VN/75/26005/", defaults={"code": "26005", "name": "Gia Tân", "level": 2, "parent": province}
    )

    from danvan.petitions import training

    training.current()  # the model is loaded once by the analysis process, before its first petition

    results: dict[str, object] = {"campaign.n_per_burst": N}
    rng = random.Random(21)
    for name, texts in (("identical", [LETTER] * N), ("edited", [_edited(rng, i) for i in range(N)])):
        ids = _pending(texts, commune, name[:4].upper())
        for key, value in _analyse(ids).items():
            results[f"petitions.campaign_{name}_{key}"] = round(value, 1)
    results["petitions.campaign_load_average"] = round(os.getloadavg()[0], 1)
    results["petitions.campaign_index_rows"] = PetitionBand.objects.count()
    return results
