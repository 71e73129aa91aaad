"""`danvan demo --size small|province|national`: clearly marked demo data, idempotent, with progress."""

from __future__ import annotations

import random
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from danvan.accounts.demo import demo_logins
from danvan.core.registry import DemoContext, demo_loaders
from danvan.territory.models import AdminUnit, Level


class Command(BaseCommand):
    help = "Tạo dữ liệu mẫu (đánh dấu rõ là dữ liệu mẫu). Chạy lại không tạo trùng."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--size", choices=["small", "province", "national"], default="small")
        parser.add_argument("--only", action="append", default=[], help="Chỉ chạy các phần này (tên loader).")
        parser.add_argument("--print-logins", action="store_true", help="In tài khoản mẫu rồi thoát.")
        parser.add_argument("--seed", type=int, default=2025)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["print_logins"]:
            self.stdout.write(demo_logins())
            return
        if settings.PRODUCTION and not settings.DEBUG:
            raise CommandError("Không tạo dữ liệu mẫu ở chế độ production (DANVAN_MODE=production).")
        if AdminUnit.objects.filter(level=Level.COMMUNE).count() < 3321:
            call_command("territory", "load", verbosity=options["verbosity"])
        quiet = options["verbosity"] == 0

        def progress(description: str, total: int) -> tqdm[Any]:
            return tqdm(
                total=total,
                desc=description,
                unit="bản ghi",
                disable=True if quiet else None,
                leave=not quiet,
            )  # bars only on a terminal

        ctx = DemoContext(size=options["size"], rng=random.Random(options["seed"]), progress=progress)
        loaders = demo_loaders()
        if options["only"]:
            unknown = set(options["only"]) - {loader.name for loader in loaders}
            if unknown:
                raise CommandError(f"Không có phần dữ liệu mẫu: {', '.join(sorted(unknown))}.")
        for loader in loaders:
            if options["only"] and loader.name not in options["only"] and loader.name != "accounts":
                continue
            loader.load(ctx)
        self.stdout.write(self.style.SUCCESS(f"Dữ liệu mẫu ({options['size']}) đã sẵn sàng."))
