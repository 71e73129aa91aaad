"""`danvan petitions digest|classifier-eval|train-classifier|dedup-eval|import|rotate-keys|enrich --pending|--watch`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Đơn thư: bản tin hằng ngày, đánh giá bộ phân loại và phát hiện trùng, nhập tệp, xoay khóa."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        digest = sub.add_parser(
            "digest", help="Bản tin hằng ngày: đơn quá hạn và đến hạn trong 3 ngày, theo đơn vị."
        )
        digest.add_argument("--date", help="Ngày tính (dd/mm/yyyy), mặc định hôm nay.")
        sub.add_parser(
            "classifier-eval", help="Độ chính xác của bộ gợi ý lĩnh vực trên phần dữ liệu giữ lại."
        )
        sub.add_parser(
            "train-classifier",
            help="Huấn luyện lại bộ gợi ý lĩnh vực với lĩnh vực cán bộ đã xác định (dùng khi tiến trình phân tích khởi động lại).",
        )
        sub.add_parser("dedup-eval", help="Precision và recall phát hiện đơn trùng trên bộ cặp có nhãn.")
        imp = sub.add_parser("import", help="Nhập đơn từ tệp CSV/XLSX cho một đơn vị.")
        imp.add_argument("path")
        imp.add_argument("--unit", required=True, help="Mã GSO của đơn vị tiếp nhận.")
        imp.add_argument("--user", required=True, help="Tên đăng nhập của cán bộ nhập.")
        sub.add_parser("rotate-keys", help="Mã hóa lại danh tính và tệp mật bằng khóa mới nhất.")
        enrich = sub.add_parser(
            "enrich",
            help="Gợi ý lĩnh vực và tìm đơn trùng cho các đơn đang chờ phân tích: chạy bù một lần "
            "(--pending) hoặc chạy thường trực bên cạnh máy chủ web (--watch).",
        )
        mode = enrich.add_mutually_exclusive_group(required=True)
        mode.add_argument(
            "--pending", action="store_true", help="Mọi đơn còn chờ phân tích, cũ trước, rồi dừng."
        )
        mode.add_argument(
            "--watch",
            action="store_true",
            help="Chạy thường trực: theo dõi hàng đợi và phân tích đơn mới; dừng êm khi nhận SIGTERM/SIGINT.",
        )
        enrich.add_argument("--limit", type=int, help="(--pending) Số đơn tối đa trong một lần chạy.")
        enrich.add_argument(
            "--interval", type=float, default=0.5, help="(--watch) Giây chờ giữa hai lần xem hàng đợi trống."
        )
        enrich.add_argument(
            "--nice",
            type=int,
            default=10,
            help="(--watch) Độ ưu tiên CPU thấp hơn máy chủ web (os.nice), mặc định 10; 0 để giữ nguyên.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "digest":
            self._digest(options.get("date"))
        elif action == "classifier-eval":
            from danvan.petitions.engines import classifier

            result = classifier.evaluate()
            self.stdout.write(classifier.format_evaluation(result))
            self.stdout.write(f"Độ chính xác trên phần giữ lại (held-out accuracy): {result['accuracy']:.3f}")
            from danvan.petitions.engines import realistic

            model = classifier.default_model()
            for split in ("train", "heldout"):
                figures = realistic.evaluate_fields(model, split)
                self.stdout.write(
                    f"Bộ đơn thực tế ({split}, {figures['n']} đơn): top-1 {figures['top1']:.3f}, "
                    f"top-3 {figures['top3']:.3f}"
                )
                confusion = figures["confusion"]
                assert isinstance(confusion, dict)
                for line in realistic.format_confusion(confusion):
                    self.stdout.write("  " + line)
        elif action == "train-classifier":
            from danvan.petitions.training import decisions_path, retrain

            count, _ = retrain()
            self.stdout.write(
                self.style.SUCCESS(
                    f"Đã huấn luyện bộ gợi ý lĩnh vực với {count} đơn cán bộ đã xác định lĩnh vực ({decisions_path()})."
                )
            )
        elif action == "dedup-eval":
            from danvan.petitions.engines import dedup

            r = dedup.evaluate_pairs(threshold=dedup.THRESHOLD, calibrate=False)
            self.stdout.write(
                f"Đơn trùng: precision {r['precision']:.3f}, recall {r['recall']:.3f} "
                f"(ngưỡng {r['threshold']:.2f}, {r['n_pairs']} cặp có nhãn)"
            )
            from danvan.petitions.engines import realistic

            for split in ("train", "heldout"):
                d = realistic.evaluate_duplicates(split)
                self.stdout.write(
                    f"Bộ đơn thực tế ({split}, {d['n_items']:.0f} đơn; {d['n_duplicates']:.0f} cặp trùng, "
                    f"{d['n_hard_negatives']:.0f} cặp cùng chủ đề khác nơi, {d['n_easy_negatives']:.0f} cặp khác): "
                    f"cặp precision {d['pair_precision']:.3f} recall {d['pair_recall']:.3f}; "
                    f"qua chỉ mục precision {d['end_to_end_precision']:.3f} recall {d['end_to_end_recall']:.3f}"
                )
        elif action == "import":
            self._import(options)
        elif action == "enrich" and options.get("watch"):
            self._watch(options)
        elif action == "enrich":
            from danvan.petitions.services import enrich_pending

            done = enrich_pending(limit=options.get("limit"))
            self.stdout.write(self.style.SUCCESS(f"Đã phân tích {done} đơn đang chờ."))
        else:
            from danvan.petitions.services import rotate_keys

            rows, count = rotate_keys()
            self.stdout.write(self.style.SUCCESS(f"Đã mã hóa lại {rows} danh tính và {count} tệp."))

    def _watch(self, options: dict[str, Any]) -> None:
        """The long-running enrichment process: until SIGTERM or SIGINT, then a graceful stop."""
        import os
        import signal
        import threading

        from danvan.petitions.services import pending_count, watch_pending

        stop = threading.Event()

        def request_stop(signum: int, frame: Any) -> None:
            self.stdout.write(f"Nhận tín hiệu {signal.Signals(signum).name}: dừng sau đơn đang phân tích.")
            stop.set()

        previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGTERM, signal.SIGINT)}
        try:
            if options["nice"]:
                os.nice(options["nice"])
            backlog = pending_count()
            self.stdout.write(
                f"Phân tích đơn thư (pid {os.getpid()}): đang chờ {backlog} đơn; "
                f"xem hàng đợi mỗi {options['interval']:g} giây."
            )
            self.stdout.flush()

            def report(line: str) -> None:
                self.stdout.write(line)
                self.stdout.flush()

            stats = watch_pending(stop=stop, interval=options["interval"], report=report)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã dừng: {stats.enriched} đơn đã phân tích, {stats.failed} đơn lỗi (còn chờ)."
            )
        )

    def _digest(self, date: str | None) -> None:
        from danvan.petitions.selectors import digest

        try:
            day = dt.datetime.strptime(date, "%d/%m/%Y").date() if date else None  # noqa: DTZ007 - a date
        except ValueError as exc:
            raise CommandError("Ngày không hợp lệ: hãy nhập theo dạng dd/mm/yyyy.") from exc
        lines = digest(day)
        if not lines:
            self.stdout.write("Không có đơn quá hạn hoặc đến hạn trong 3 ngày.")
            return
        for line in lines:
            self.stdout.write(
                f"{line.unit.code} {line.unit.name}: {len(line.overdue)} quá hạn, {len(line.due_soon)} đến hạn trong 3 ngày"
            )
            for p in line.overdue:
                self.stdout.write(f"  QUÁ HẠN  {p.tracking_code} hạn {p.due_date:%d/%m/%Y} — {p.title}")
            for p in line.due_soon:
                self.stdout.write(f"  SẮP HẠN  {p.tracking_code} hạn {p.due_date:%d/%m/%Y} — {p.title}")

    def _import(self, options: dict[str, Any]) -> None:
        from danvan.accounts.models import User
        from danvan.petitions.importing import ImportFileError, import_file
        from danvan.territory.selectors import UnknownUnitError, get_unit

        try:
            unit = get_unit(options["unit"])
        except UnknownUnitError as exc:
            raise CommandError(str(exc)) from exc
        user = User.objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"Không có tài khoản “{options['user']}”.")
        path = Path(options["path"])
        if not path.exists():
            raise CommandError(f"Không tìm thấy tệp {path}.")
        try:
            report = import_file(
                actor=user, unit=unit, upload=SimpleUploadedFile(path.name, path.read_bytes())
            )
        except ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        for row in report.rows:
            if row.errors:
                self.stdout.write(f"Dòng {row.row}: " + "; ".join(row.errors))
        self.stdout.write(self.style.SUCCESS(f"{report.created} dòng thành công, {report.failed} dòng lỗi."))
        if report.created:
            # This process ends now: analyse the imported petitions here rather than leave them to cron.
            from danvan.petitions.services import enrich_pending

            enrich_pending()
