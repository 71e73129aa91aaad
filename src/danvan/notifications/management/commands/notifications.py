"""`danvan notifications send [--watch]`: send the due outbox messages (the task does it after each change;
this catches up, e.g. after a worker was killed, and shows the counts)."""

from __future__ import annotations

import signal
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Thông báo: gửi các tin đang chờ trong hộp thư đi."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        send = sub.add_parser(
            "send", help="Gửi mọi tin đến lượt gửi (một lần, hoặc thường trực với --watch)."
        )
        send.add_argument(
            "--watch", action="store_true", help="Chạy thường trực; dừng êm khi nhận SIGTERM/SIGINT."
        )
        send.add_argument("--interval", type=float, default=2.0, help="(--watch) Giây chờ khi không còn tin.")
        send.add_argument("--batch", type=int, default=100, help="Số tin nhận gửi mỗi lượt.")

    def handle(self, *args: Any, **options: Any) -> None:
        from danvan.notifications import services

        stop = False

        def _stop(*_: Any) -> None:
            nonlocal stop
            stop = True

        if options["watch"]:
            signal.signal(signal.SIGTERM, _stop)
            signal.signal(signal.SIGINT, _stop)
        while True:
            result = services.send_due(limit=options["batch"])
            if not options["watch"]:
                self.stdout.write(
                    f"Đã gửi {result.sent}, lỗi {result.failed}, hủy {result.cancelled} (sent, failed, cancelled)."
                )
                return
            if stop:
                return
            if result.sent + result.failed + result.cancelled == 0:
                time.sleep(options["interval"])
