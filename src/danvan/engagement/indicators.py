"""Figures for periodic reviews (one grouped query each, never a query per unit).

Coverage ratios return every province or commune in the denominator (numerator 0 where not held), so
that "74.78% of communes held direct dialogues" comes out exactly for any subtree.
Dialogue and commitment figures read the aggregate counts kept by triggers (reporting/counts.py); each
such indicator's `recount` computes the same figure straight from the records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from danvan.engagement import selectors
from danvan.engagement.models import ROLE_LEVEL, Commitment, Dialogue, ReceptionSession
from danvan.reporting import counts
from danvan.reporting.counts import Fact, day_after, latest, register_fact
from danvan.reporting.registry import Indicator, UnitFigure, register_indicator
from danvan.territory.models import AdminUnit, Level, subtree_q

register_fact(
    Fact(
        name="engagement.dialogues_held",  # chaired by the head in person, on the day held
        table="engagement_dialogue",
        day=lambda v, r: f"{r}.held_on",
        when=lambda v, r: f"{r}.host_is_head",
        columns=("held_on", "host_is_head"),
    )
)
for _name, _column in (("questions", "questions_count"), ("questions_on_spot", "answered_on_spot_count")):
    register_fact(
        Fact(
            name=f"engagement.{_name}",  # the dialogue's question counters, added up
            table="engagement_dialogue",
            day=lambda v, r: f"{r}.held_on",
            when=lambda v, r: f"{r}.questions_count > 0",
            weight=lambda v, r, c=_column: f"{r}.{c}",  # type: ignore[misc]
            columns=("held_on", "questions_count", "answered_on_spot_count"),
        )
    )
register_fact(
    Fact(
        name="engagement.commitments_due",  # by due date; dim "1": done on or before it
        table="engagement_commitment",
        day=lambda v, r: f"{r}.due_date",
        key=lambda v, r: (
            f"CASE WHEN {r}.state = 'done' AND {r}.done_on IS NOT NULL "
            f"AND {r}.done_on <= {r}.due_date THEN '1' ELSE '0' END"
        ),
        columns=("due_date", "state", "done_on"),
    )
)
# "Overdue at the end of the period" = made by then, due before then, not explained, not done by then.
# A commitment enters the first set on max(made, due + 1) and leaves it (done) on max(made, due + 1, done):
# overdue at `end` = past_due up to `end` − done_after_due up to `end`.
register_fact(
    Fact(
        name="engagement.commitments_past_due",
        table="engagement_commitment",
        day=lambda v, r: latest(v, f"{r}.made_on", day_after(v, f"{r}.due_date")),
        when=lambda v, r: f"{r}.state <> 'explained'",
        columns=("made_on", "due_date", "state"),
    )
)
register_fact(
    Fact(
        name="engagement.commitments_done_past_due",
        table="engagement_commitment",
        day=lambda v, r: latest(v, f"{r}.made_on", day_after(v, f"{r}.due_date"), f"{r}.done_on"),
        when=lambda v, r: f"{r}.state <> 'explained' AND {r}.done_on IS NOT NULL",
        columns=("made_on", "due_date", "state", "done_on"),
    )
)

# Reception days: a head may hold several sessions on one day; the figure counts days. Day buckets only,
# keyed by the head: the days held in a period are the day rows with a count in it.
register_fact(
    Fact(
        name="engagement.reception_days",
        table="engagement_receptionsession",
        day=lambda v, r: f"{r}.date",
        key=lambda v, r: f"{r}.head_role",
        columns=("date", "head_role"),
        grains=("D",),
    )
)


def _coverage(level: int) -> Any:
    def compute(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
        held = {
            f.unit_id
            for f in counts.figures(counts.in_range("engagement.dialogues_held", start, end))
            if f.numerator > 0
        }
        units = AdminUnit.objects.filter(level=level).values_list("pk", flat=True)
        return [UnitFigure(pk, 1.0 if pk in held else 0.0, 1.0) for pk in units]

    return compute


def _coverage_recount(level: int) -> Any:
    def compute(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
        rows = (
            selectors.units_with_dialogue_flag(None, start, end).filter(level=level).values_list("pk", "held")
        )
        return [UnitFigure(pk, 1.0 if held else 0.0, 1.0) for pk, held in rows]

    return compute


def _coverage_drilldown_at(level: int) -> Any:
    def drilldown(unit_path: str, start: dt.date, end: dt.date) -> QuerySet[Any]:
        """The dialogues behind a coverage figure: held by the head of a unit of `level` (each unit that
        appears among them is one in the numerator)."""
        return _coverage_drilldown(unit_path, start, end).filter(unit__level=level)

    return drilldown


def _coverage_drilldown(unit_path: str, start: dt.date, end: dt.date) -> QuerySet[Any]:
    """The dialogues behind a coverage figure (held by the head in the period, in the subtree)."""
    return (
        selectors.held_dialogues(start, end).filter(subtree_q(unit_path, "unit__path")).select_related("unit")
    )


def reception_compliance(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
    """Per unit: required reception days held (capped at the minimum per head) / days required."""
    held = counts.rows_by_key(counts.in_range("engagement.reception_days", start, end))
    return _reception_compliance(start, end, {(u, role): days for u, role, days in held})


def reception_compliance_recount(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
    days = {(r["unit_id"], r["head_role"]): r["days"] for r in selectors.reception_days(None, start, end)}
    return _reception_compliance(start, end, days)


def _reception_compliance(start: dt.date, end: dt.date, days: dict[tuple[int, str], int]) -> list[UnitFigure]:
    required = selectors.required_by_role(start, end)
    roles_by_level: dict[int, list[str]] = {}
    for role, level in ROLE_LEVEL.items():
        if required[role] > 0:
            roles_by_level.setdefault(level, []).append(role)
    out = []
    for pk, level in AdminUnit.objects.filter(level__in=list(roles_by_level)).values_list("pk", "level"):
        roles = roles_by_level[level]
        held = sum(min(days.get((pk, role), 0), required[role]) for role in roles)
        out.append(UnitFigure(pk, float(held), float(sum(required[role] for role in roles))))
    return out


def _reception_drilldown(unit_path: str, start: dt.date, end: dt.date) -> QuerySet[Any]:
    return ReceptionSession.objects.filter(
        subtree_q(unit_path, "unit__path"), date__gte=start, date__lte=end
    ).select_related("unit")


def questions_answered_on_spot(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
    q = counts.in_range("engagement.questions", start, end) | counts.in_range(
        "engagement.questions_on_spot", start, end
    )
    return counts.figures(
        q, numerator=Q(fact="engagement.questions_on_spot"), denominator=Q(fact="engagement.questions")
    )


def questions_answered_on_spot_recount(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
    return [
        UnitFigure(r["unit_id"], r["on_spot"], r["total"])
        for r in selectors.questions_by_unit(None, start, end)
    ]


def _questions_drilldown(unit_path: str, start: dt.date, end: dt.date) -> QuerySet[Any]:
    """The dialogues whose question counters make the figure (their questions added up = the denominator)."""
    return Dialogue.objects.filter(
        subtree_q(unit_path, "unit__path"), held_on__gte=start, held_on__lte=end, questions_count__gt=0
    ).select_related("unit")


def commitments_kept_on_time(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
    """Commitments due in the period: share done on or before their due date."""
    return counts.figures(counts.in_range("engagement.commitments_due", start, end), numerator=Q(dim="1"))


def commitments_kept_on_time_recount(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
    return [
        UnitFigure(r["unit_id"], r["kept"], r["total"])
        for r in selectors.commitments_by_unit(None, start, end)
    ]


def _commitments_drilldown(unit_path: str, start: dt.date, end: dt.date) -> QuerySet[Any]:
    return Commitment.objects.filter(
        subtree_q(unit_path, "unit__path"),
        due_date__gte=start,
        due_date__lte=end,
    ).select_related("unit", "owner")


def dialogues_held(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
    return counts.figures(counts.in_range("engagement.dialogues_held", start, end))


def dialogues_held_recount(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
    rows = selectors.held_dialogues(start, end).values("unit_id").annotate(n=Count("id")).order_by()
    return [UnitFigure(r["unit_id"], r["n"]) for r in rows]


def commitments_overdue(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
    """Commitments still open at the end of the period and past their due date then."""
    return counts.figures(
        counts.prefix("engagement.commitments_past_due", end)
        | counts.prefix("engagement.commitments_done_past_due", end),
        minus=Q(fact="engagement.commitments_done_past_due"),
    )


def commitments_overdue_recount(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
    rows = selectors.overdue_commitments(None, end).values("unit_id").annotate(n=Count("id")).order_by()
    return [UnitFigure(r["unit_id"], r["n"]) for r in rows]


def _overdue_drilldown(unit_path: str, start: dt.date, end: dt.date) -> QuerySet[Any]:
    """The commitments overdue at the as-of day `end` in the subtree."""
    return Commitment.objects.filter(
        selectors.overdue_commitments_q(end), subtree_q(unit_path, "unit__path")
    ).select_related("unit", "owner")


register_indicator(
    Indicator(
        code="engagement.dialogue_coverage_communes",
        name=_("Tỷ lệ xã, phường có người đứng đầu đối thoại trực tiếp với Nhân dân"),
        unit="%",
        aggregation="ratio",
        module="engagement",
        definition=_(
            "Số xã, phường, đặc khu mà người đứng đầu chủ trì ít nhất một hội nghị đối thoại trực tiếp "
            "đã tổ chức trong kỳ / tổng số xã, phường, đặc khu."
        ),
        base=_("ngày tổ chức đối thoại"),
        compute=_coverage(Level.COMMUNE),
        recount=_coverage_recount(Level.COMMUNE),
        drilldown=_coverage_drilldown_at(Level.COMMUNE),
        drill_measure="units",
        order=10,
        max_value=100,
    )
)
register_indicator(
    Indicator(
        code="engagement.dialogue_coverage_provinces",
        name=_("Tỷ lệ tỉnh, thành phố có người đứng đầu đối thoại trực tiếp với Nhân dân"),
        unit="%",
        aggregation="ratio",
        module="engagement",
        definition=_(
            "Số tỉnh, thành phố mà người đứng đầu (Bí thư, Chủ tịch UBND tỉnh) chủ trì ít nhất một hội "
            "nghị đối thoại trực tiếp trong kỳ / tổng số tỉnh, thành phố."
        ),
        base=_("ngày tổ chức đối thoại"),
        compute=_coverage(Level.PROVINCE),
        recount=_coverage_recount(Level.PROVINCE),
        drilldown=_coverage_drilldown_at(Level.PROVINCE),
        drill_measure="units",
        order=11,
        max_value=100,
    )
)
register_indicator(
    Indicator(
        code="engagement.reception_compliance",
        name=_("Tỷ lệ ngày tiếp công dân định kỳ của người đứng đầu đạt quy định"),
        unit="%",
        aggregation="ratio",
        module="engagement",
        definition=_(
            "Số ngày tiếp công dân định kỳ người đứng đầu đã tiếp (mỗi người tính tối đa bằng số ngày "
            "quy định) / số ngày tối thiểu theo quy định đang có hiệu lực (mỗi tuần, tháng bắt đầu trong kỳ)."
        ),
        base=_("ngày tiếp công dân"),
        compute=reception_compliance,
        recount=reception_compliance_recount,
        drilldown=_reception_drilldown,
        drill_measure="",  # the sessions are the evidence; days are capped at each head's minimum
        order=20,
        max_value=100,
    )
)
register_indicator(
    Indicator(
        code="engagement.questions_answered_on_spot",
        name=_("Tỷ lệ ý kiến được trả lời trực tiếp tại hội nghị đối thoại"),
        unit="%",
        aggregation="ratio",
        module="engagement",
        definition=_(
            "Câu hỏi, ý kiến của các hội nghị đối thoại tổ chức trong kỳ được trả lời ngay tại hội nghị "
            "/ tổng số câu hỏi, ý kiến."
        ),
        base=_("ngày tổ chức đối thoại"),
        compute=questions_answered_on_spot,
        recount=questions_answered_on_spot_recount,
        drilldown=_questions_drilldown,
        drill_measure="sum:questions_count",
        order=30,
        max_value=100,
    )
)
register_indicator(
    Indicator(
        code="engagement.commitments_kept_on_time",
        name=_("Tỷ lệ cam kết tại đối thoại được thực hiện đúng hạn"),
        unit="%",
        aggregation="ratio",
        module="engagement",
        definition=_(
            "Cam kết có hạn thực hiện trong kỳ đã hoàn thành đúng hoặc trước hạn / tổng số cam kết có "
            "hạn trong kỳ."
        ),
        base=_("hạn thực hiện cam kết"),
        compute=commitments_kept_on_time,
        recount=commitments_kept_on_time_recount,
        drilldown=_commitments_drilldown,
        drill_measure="denominator",
        order=40,
        max_value=100,
    )
)
register_indicator(
    Indicator(
        code="engagement.dialogues_held",
        name=_("Số hội nghị đối thoại trực tiếp của người đứng đầu"),
        unit=_("hội nghị"),
        aggregation="sum",
        module="engagement",
        definition=_("Hội nghị đối thoại do người đứng đầu chủ trì đã tổ chức trong kỳ."),
        base=_("ngày tổ chức đối thoại"),
        compute=dialogues_held,
        recount=dialogues_held_recount,
        drilldown=_coverage_drilldown,
        order=50,
    )
)
register_indicator(
    Indicator(
        code="engagement.commitments_overdue",
        name=_("Số cam kết quá hạn chưa thực hiện"),
        unit=_("cam kết"),
        aggregation="sum",
        module="engagement",
        definition=_(
            "Cam kết chưa hoàn thành (và chưa giải trình) mà đã quá hạn thực hiện, tính tại một thời điểm: "
            "hết ngày cuối kỳ với kỳ đã qua, hôm nay với kỳ đang diễn ra (kể cả cam kết có hạn ở kỳ trước)."
        ),
        base=_("hạn thực hiện cam kết"),
        stock=True,
        compute=commitments_overdue,
        recount=commitments_overdue_recount,
        drilldown=_overdue_drilldown,
        order=60,
    )
)
