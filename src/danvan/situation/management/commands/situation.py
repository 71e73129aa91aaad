"""`danvan situation detect [--now] | collect --days N`: the weekly rise detection and the ledger's signals."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from danvan.core import clock


class Command(BaseCommand):
    help = "Nắm tình hình: thu tín hiệu từ đơn thư, đối thoại, báo chí; chạy cảnh báo sớm hằng tuần."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        detect = sub.add_parser(
            "detect",
            help="Đưa việc cảnh báo sớm vào hàng đợi (danvan db_worker chạy), hoặc chạy ngay (--now).",
        )
        detect.add_argument("--now", action="store_true", help="Chạy ngay trong tiến trình này.")
        collect = sub.add_parser("collect", help="Thu tín hiệu của N ngày qua vào sổ theo dõi.")
        collect.add_argument("--days", type=int, default=14)

    def handle(self, *args: Any, **options: Any) -> None:
        from danvan.situation import services, tasks

        if options["action"] == "collect":
            today = clock.today()
            result: Any = services.collect(since=today - dt.timedelta(days=options["days"]), until=today)
        elif options["now"]:
            result = tasks.detect_rises.call()
        else:
            result = {"queued": tasks.detect_rises.enqueue().id}
        self.stdout.write(json.dumps(result, ensure_ascii=False, default=str))
