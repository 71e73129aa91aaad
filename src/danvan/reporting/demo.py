"""Demo data: a full year and more of reviews for every demo province.

Periods of last year and of this year (6 months, 9 months, annual), manual figures for every demo commune,
targets for the provinces and the nation, conferences with bridge points and directives turned into tasks
(some done, some overdue), and reports in every status. Past periods are closed (figures frozen).
Conferences, tasks, periods and targets go through the services (audited); the thousands of commune
figures and reports of the national size are bulk-inserted and marked as demo rows.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction
from django.utils import timezone

from danvan.core import clock
from danvan.core.registry import DemoContext, register_demo
from danvan.reporting import catalogue as cat
from danvan.reporting import selectors, services
from danvan.reporting.models import (
    ManualFigure,
    Period,
    PeriodKind,
    Report,
    ReportHistory,
    ReportStatus,
    Task,
    TaskStatus,
)
from danvan.reporting.registry import Indicator
from danvan.reporting.rollup import figures_for_period
from danvan.territory.models import AdminUnit

RESULTS = (
    "Cấp ủy, chính quyền {name} tiếp tục quán triệt Nghị quyết 25-NQ/TW, Kết luận 43-KL/TW và Quy định "
    "23-QĐ/TW; tiếp nhận, giải quyết kịp thời đơn thư; người đứng đầu đối thoại trực tiếp với Nhân dân; "
    "phong trào thi đua “Dân vận khéo” có thêm mô hình mới được công nhận."
)
LIMITATIONS = (
    "Một số đơn thư lĩnh vực đất đai còn chậm giải quyết; việc nhân rộng mô hình chưa đều. Nguyên nhân: "
    "đội ngũ cán bộ kiêm nhiệm nhiều việc sau sắp xếp chính quyền hai cấp; hồ sơ đất đai phức tạp."
)
LESSONS = "Người đứng đầu gần dân, sát dân, trọng dân; việc khó giao rõ người, rõ việc, rõ thời hạn."
NEXT_TASKS = (
    "Giải quyết dứt điểm đơn thư tồn đọng; tổ chức đối thoại định kỳ; đăng ký, xây dựng và nhân rộng mô hình "
    "“Dân vận khéo”; thực hiện nghiêm quy chế dân chủ ở cơ sở."
)
DIRECTIVES = (
    "Rà soát, giải quyết dứt điểm đơn thư tồn đọng, kéo dài",
    "Tổ chức hội nghị đối thoại của người đứng đầu với Nhân dân",
    "Đăng ký và xây dựng ít nhất một mô hình “Dân vận khéo”",
)
CHAIRS = (
    ("Hoàng Văn Minh (mẫu)", "Phó Bí thư Thường trực Tỉnh ủy"),
    ("Nguyễn Thị Hạnh (mẫu)", "Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy"),
)


def _period_specs(year: int) -> list[tuple[str, str, dt.date, dt.date]]:
    last = year - 1
    return [
        (PeriodKind.SIX_MONTH, f"6 tháng đầu năm {last}", dt.date(last, 1, 1), dt.date(last, 6, 30)),
        (PeriodKind.ANNUAL, f"Năm {last}", dt.date(last, 1, 1), dt.date(last, 12, 31)),
        (PeriodKind.SIX_MONTH, f"6 tháng đầu năm {year}", dt.date(year, 1, 1), dt.date(year, 6, 30)),
        (PeriodKind.NINE_MONTH, f"9 tháng năm {year}", dt.date(year, 1, 1), dt.date(year, 9, 30)),
        (PeriodKind.ANNUAL, f"Năm {year}", dt.date(year, 1, 1), dt.date(year, 12, 31)),
    ]


def _manual_value(indicator: Indicator, months: int, rng: random.Random) -> tuple[float, float]:
    """A plausible figure for a commune over `months` months."""
    code = indicator.code
    if indicator.aggregation == "ratio":
        if "dialogue" in code:
            return (1.0 if rng.random() < 0.85 else 0.0), 1.0
        if "reception" in code:
            due = round(months * 4.3)
            return float(max(0, due - rng.randint(0, 3))), float(due)
        base = rng.randint(3, 12)
        return float(base - rng.randint(0, min(3, base))), float(base)
    scale = months / 12
    if code.startswith("petitions."):
        return float(round(rng.randint(8, 60) * scale)), 1.0
    return float(round(rng.randint(0, 4) * max(scale, 0.5))), 1.0


def _bulk_manual_figures(
    periods: list[Period], communes: list[AdminUnit], rng: random.Random, bar: Any
) -> None:
    manual = [i for i in cat.catalogue() if i.compute is None]
    rows = []
    for period in periods:
        months = max(1, round((period.end - period.start).days / 30.4))
        for commune in communes:
            for indicator in manual:
                num, den = _manual_value(indicator, months, rng)
                rows.append(ManualFigure(indicator_code=indicator.code, unit=commune, period=period,
                                         numerator=num, denominator=den))  # fmt: skip
        bar.update(1)
    ManualFigure.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)


def _targets(actor: Any, periods: list[Period], units: list[AdminUnit], rng: random.Random) -> None:
    chosen = [i for i in cat.catalogue() if i.aggregation == "ratio"][:5]
    for period in periods:
        if period.kind != PeriodKind.ANNUAL:
            continue
        for unit in units:
            for indicator in chosen:
                services.set_target(actor=actor, indicator_code=indicator.code, unit=unit, period=period,
                                    value=rng.choice([85, 90, 95, 100]))  # fmt: skip


def _conferences(actor: Any, year: int, nation: AdminUnit, provinces: list[AdminUnit], communes_of: dict[int, list[AdminUnit]],
                 rng: random.Random, today: dt.date) -> None:  # fmt: skip
    last = year - 1
    services.create_conference(
        actor=actor, unit=nation, kind="tong_ket", title=f"Hội nghị trực tuyến toàn quốc tổng kết công tác dân vận năm {last}",
        held_on=dt.date(last, 12, 18), chairs=[{"name": "Trưởng Ban Dân vận Trung ương (mẫu)", "title": "Trưởng Ban"}],
        online=True, bridge_points=[{"unit": p, "chair": CHAIRS[0][1], "participants": rng.randint(60, 180)} for p in provinces],
        documents=["25-NQ/TW", "43-KL/TW", "23-QĐ/TW"], conclusions="Tiếp tục đổi mới nội dung, phương thức công tác dân vận.",
        is_demo=True,
    )  # fmt: skip
    meetings = [
        ("so_ket", f"Hội nghị sơ kết công tác dân vận 6 tháng đầu năm {last}", dt.date(last, 7, 10)),
        ("tong_ket", f"Hội nghị tổng kết công tác dân vận năm {last}", dt.date(last, 12, 26)),
        ("so_ket", f"Hội nghị sơ kết công tác dân vận 6 tháng đầu năm {year}", dt.date(year, 7, 9)),
        ("chuyen_de", f"Hội nghị chuyên đề thực hiện dân chủ ở cơ sở năm {year}", dt.date(year, 9, 15)),
    ]
    for province in provinces:
        communes = communes_of.get(province.pk, [])
        for kind, title, held_on in meetings:
            if held_on > today:
                continue
            conference = services.create_conference(
                actor=actor, unit=province, kind=kind, title=f"{title} — {province.name}", held_on=held_on,
                chairs=[{"name": n, "title": t} for n, t in CHAIRS], online=False, bridge_points=[],
                documents=["25-NQ/TW", "23-QĐ/TW"], conclusions="; ".join(DIRECTIVES) + ".", is_demo=True,
            )  # fmt: skip
            if not communes:
                continue
            for directive in DIRECTIVES[: rng.randint(1, 3)]:
                due = held_on + dt.timedelta(days=rng.choice([45, 90, 120]))
                targets = rng.sample(communes, min(len(communes), rng.randint(2, 6)))
                tasks = services.assign_tasks(actor=actor, conference=conference, title=directive, due_on=due,
                                              units=targets, is_demo=True)  # fmt: skip
                done = [t for t in tasks if rng.random() < 0.7]
                for task in done:
                    finished = due - dt.timedelta(days=rng.randint(-10, 30))
                    if finished <= today:
                        Task.objects.filter(pk=task.pk).update(
                            status=TaskStatus.DONE, done_on=finished, result="Đã thực hiện."
                        )


def _reports(
    period: Period, units: list[AdminUnit], rng: random.Random, *, final: bool, key_ids: set[int]
) -> None:
    """Reports for every unit: accepted in a past period; a mix of statuses in the current one."""
    figures = figures_for_period(period)
    targets = selectors.targets_for(period, [u.pk for u in units])
    now = timezone.now()
    reports: list[Report] = []
    for unit in units:
        status: str
        if final:
            status = ReportStatus.ACCEPTED
        elif unit.pk in key_ids:
            continue  # the demo accounts' own units start empty so the flow can be tried
        else:
            status = rng.choices(list(ReportStatus.values), weights=[2, 2, 3, 1, 3])[0]
        if status == ReportStatus.NOT_STARTED:
            continue
        headers = services.default_headers(unit, "party")
        report = Report(
            unit=unit, period=period, status=status, title=f"Báo cáo công tác dân vận {period.name.lower()}",
            place=unit.parent.short_name if unit.level == 2 and unit.parent else unit.short_name,
            results=RESULTS.format(name=unit.name), limitations=LIMITATIONS, lessons=LESSONS, next_tasks=NEXT_TASKS,
            is_demo=True, **headers,
        )  # fmt: skip
        report.number = headers["number"].replace("…", str(rng.randint(10, 99)))
        if status in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED):
            report.figures = selectors.build_tables(unit, period, figures=figures, targets=targets)
            report.submitted_at = now
        if status == ReportStatus.RETURNED:
            report.return_comment = "Đề nghị bổ sung số liệu đối thoại và nguyên nhân hạn chế."
        if status == ReportStatus.ACCEPTED:
            report.decided_at = now
        reports.append(report)
    Report.objects.bulk_create(reports, batch_size=500)
    saved = Report.objects.filter(period=period, is_demo=True).values_list("id", "status")
    moves: dict[str, str] = {
        str(ReportStatus.SUBMITTED): "submit",
        str(ReportStatus.RETURNED): "return_report",
        str(ReportStatus.ACCEPTED): "accept",
    }
    history = [ReportHistory(report_id=pk, at=now, actor_label="hệ thống", action="start", from_state="",
                             to_state=ReportStatus.DRAFT) for pk, _ in saved]  # fmt: skip
    history += [ReportHistory(report_id=pk, at=now, actor_label="hệ thống", action=moves[status],
                              from_state=ReportStatus.SUBMITTED if status != ReportStatus.SUBMITTED
                              else ReportStatus.DRAFT, to_state=status)
                for pk, status in saved if status != ReportStatus.DRAFT]  # fmt: skip
    ReportHistory.objects.bulk_create(history, batch_size=2000)


def load(ctx: DemoContext) -> None:
    if Period.objects.filter(is_demo=True).exists():
        return  # idempotent: the demo year is already there
    cat.seed_catalogue()
    rng = ctx.rng
    actor = ctx.data.get("users", {}).get("demo-quantri")
    units = ctx.data["units"]
    nation: AdminUnit = units["nation"][0]
    provinces: list[AdminUnit] = units["provinces"]
    communes: list[AdminUnit] = units["communes"]
    key = ctx.data.get("key_units", {})
    key_ids = {u.pk for u in key.values()}
    communes_of: dict[int, list[AdminUnit]] = {}
    for commune in communes:
        communes_of.setdefault(commune.parent_id or 0, []).append(commune)
    today = clock.today()
    year = today.year
    bar = ctx.progress("Sơ kết, tổng kết (mẫu)", 8)
    with transaction.atomic():
        periods = [
            services.create_period(
                actor=actor,
                kind=kind,
                name=name,
                start=start,
                end=end,
                is_demo=True,
                report_due=end + dt.timedelta(days=15),
            )  # fmt: skip
            for kind, name, start, end in _period_specs(year)
        ]
        bar.update(1)
        _bulk_manual_figures([p for p in periods if p.start <= today], communes, rng, bar)
        _targets(actor, periods, [nation, *provinces], rng)
        _conferences(actor, year, nation, provinces, communes_of, rng, today)
        bar.update(1)
        for period in periods:
            if period.end < today:
                _reports(period, [*provinces, *communes], rng, final=True, key_ids=key_ids)
                services.close_period(actor=actor, period=period)
            elif period.start <= today:
                _reports(period, communes, rng, final=False, key_ids=key_ids)
        bar.update(1)


def register() -> None:
    register_demo("reporting", 60, load)
