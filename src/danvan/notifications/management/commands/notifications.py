"""`danvan notifications send [--watch]`: send the due outbox messages (the task worker does it when its
queue is empty, or the task `deliver` after each change with the Redis backend; this catches up, e.g. after
a worker was killed, and shows the counts). `schedule`: queue the 07:00 jobs
(officers' digest); `morning`: run the jobs whose time has come now."""

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
        sub.add_parser(
            "schedule",
            help="Xếp lịch bản tin 7 giờ sáng cho cán bộ (make run gọi mỗi khi khởi động; chạy lại không sao).",
        )
        sub.add_parser(
            "morning",
            help="Chạy ngay các việc đã đến giờ (bản tin ngày, cảnh báo, tổng hợp tuần) và ghi thư vào hộp thư đi.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from danvan.notifications import officers, scheduled, services

        if options["action"] == "schedule":
            scheduled.schedule()
            self.stdout.write(f"Lần chạy tới: {officers.next_due().isoformat()}")
            return
        if options["action"] == "morning":
            self.stdout.write(f"Đã ghi {officers.run_due()} thư vào hộp thư đi.")
            return

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
