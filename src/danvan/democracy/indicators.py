"""Dân chủ ở cơ sở: figures for the periodic reviews (a constant number of grouped queries each).

Consultations held, community decisions (by form), opinions answered, recommendations answered on time and
workplace meetings read the aggregate counts kept by triggers (reporting/counts.py), each with a `recount`
straight from the records; disclosure compliance (every commune against the rulebook's items) is one
grouped query over the disclosures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from danvan.democracy import selectors
from danvan.democracy.models import (
    CommunityDecision,
    Consultation,
    ConsultationComment,
    ConsultationState,
    DecisionForm,
    DecisionState,
    Disclosure,
    DisclosureItem,
    MeetingKind,
    MeetingState,
    Recommendation,
    WorkplaceMeeting,
)
from danvan.reporting import counts
from danvan.reporting.counts import Fact, local_day, register_fact
from danvan.reporting.registry import Indicator, UnitFigure, register_indicator
from danvan.territory.models import SUBTREE_END

register_fact(
    Fact(
        name="democracy.consultations_held",  # opened for comment, on its opening day
        table="democracy_consultation",
        day=lambda v, r: f"{r}.opens_on",
        when=lambda v, r: f"{r}.state <> 'draft' AND {r}.opens_on IS NOT NULL",
        columns=("opens_on", "state"),
    )
)
register_fact(
    Fact(
        name="democracy.decisions",  # a recorded result, on the day held, split by form
        table="democracy_communitydecision",
        day=lambda v, r: f"{r}.held_on",
        key=lambda v, r: f"{r}.form",
        when=lambda v, r: f"{r}.state <> 'draft' AND {r}.held_on IS NOT NULL",
        columns=("held_on", "state", "form"),
    )
)

register_fact(
    Fact(
        name="democracy.disclosures",  # a disclosure made public, on its first day; key: "item id|1" if faulty
        table="democracy_disclosure",
        day=lambda v, r: f"{r}.posted_on",
        key=lambda v, r: (
            f"CAST({r}.item_id AS TEXT) || '|' || "
            f"CASE WHEN {r}.is_late OR {r}.is_too_short OR {r}.lacks_channels THEN '1' ELSE '0' END"
        ),
        when=lambda v, r: f"{r}.state IN ({', '.join(repr(str(s)) for s in selectors.SHOWN_STATES)})",
        columns=("posted_on", "state", "item_id", "is_late", "is_too_short", "lacks_channels"),
    )
)
register_fact(
    Fact(
        name="democracy.opinions",  # an opinion on a draft, on its local day, for the consultation's unit
        table="democracy_consultationcomment",
        day=lambda v, r: local_day(v, f"{r}.received_at"),
        key=lambda v, r: f"CASE WHEN {r}.disposition = 'pending' THEN '0' ELSE '1' END",
        columns=("received_at", "disposition"),
        via=("consultation_id", "democracy_consultation"),
    )
)
register_fact(
    Fact(
        name="democracy.recommendations_due",  # a recommendation, on its reply's due day; key: '1' on time
        table="democracy_recommendation",
        day=lambda v, r: f"{r}.due_on",
        key=lambda v, r: f"CASE WHEN {r}.answered_on_time THEN '1' ELSE '0' END",
        columns=("due_on", "answered_on_time"),
    )
)


def _in(qs: QuerySet[Any], path: str, field: str = "unit") -> QuerySet[Any]:
    return qs.filter(**{f"{field}__path__gte": path, f"{field}__path__lt": path + SUBTREE_END})


# --- disclosure compliance --------------------------------------------------------------------------


def _compliance(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
    """From the counts: disclosures per commune and item, and whether any was faulty."""
    codes = dict(DisclosureItem.objects.values_list("pk", "code"))
    rows = []
    for unit_id, dim, n in counts.sums_by_key(counts.in_range("democracy.disclosures", start, end)):
        item_id, bad = dim.split("|")
        rows.append((unit_id, codes.get(int(item_id), ""), n, n if bad == "1" else 0))
    judged = selectors.judge_compliance(rows, start, end)
    return [UnitFigure(pk, 1.0 if ok else 0.0, 1.0) for pk, ok in judged.items()]


def _compliance_recount(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
    return [
        UnitFigure(pk, 1.0 if ok else 0.0, 1.0) for pk, ok in selectors.compliant_communes(start, end).items()
    ]


def _compliance_drilldown(unit_path: str, start: dt.date, end: dt.date) -> QuerySet[Any]:
    return _in(
        Disclosure.objects.filter(posted_on__gte=start, posted_on__lte=end).select_related("unit", "item"),
        unit_path,
    )


# --- consultations ----------------------------------------------------------------------------------


def _held(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
    return counts.figures(counts.in_range("democracy.consultations_held", start, end))


def _held_recount(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
    rows = (
        Consultation.objects.exclude(state=ConsultationState.DRAFT)
        .filter(opens_on__gte=start, opens_on__lte=end)
        .values("unit_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return [UnitFigure(r["unit_id"], r["n"]) for r in rows]


def _held_drilldown(unit_path: str, start: dt.date, end: dt.date) -> QuerySet[Any]:
    return _in(
        Consultation.objects.exclude(state=ConsultationState.DRAFT).filter(
            opens_on__gte=start, opens_on__lte=end
        ),
        unit_path,
    )


def _answered(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
    """Opinions received in the period (any channel) and the share accepted or explained."""
    return counts.figures(counts.in_range("democracy.opinions", start, end), numerator=Q(dim="1"))


def _answered_recount(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
    rows = (
        ConsultationComment.objects.filter(received_at__gte=_start(start), received_at__lt=_start(end, 1))
        .values("consultation__unit_id")
        .annotate(n=Count("id"), done=Count("id", filter=~Q(disposition="pending")))
        .order_by()
    )
    return [UnitFigure(r["consultation__unit_id"], r["done"], r["n"]) for r in rows]


def _start(day: dt.date, plus: int = 0) -> dt.datetime:
    from danvan.core import clock

    return clock.start_of_day(day + dt.timedelta(days=plus))


def _answered_drilldown(unit_path: str, start: dt.date, end: dt.date) -> QuerySet[Any]:
    return _in(
        ConsultationComment.objects.filter(received_at__gte=_start(start), received_at__lt=_start(end, 1)),
        unit_path,
        "consultation__unit",
    )


# --- community decisions ----------------------------------------------------------------------------


def _by_form(form: str) -> Any:
    def compute(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
        return counts.figures(counts.in_range("democracy.decisions", start, end) & Q(dim=form))

    def recount(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
        rows = (
            CommunityDecision.objects.exclude(state=DecisionState.DRAFT)
            .filter(form=form, held_on__gte=start, held_on__lte=end)
            .values("unit_id")
            .annotate(n=Count("id"))
            .order_by()
        )
        return [UnitFigure(r["unit_id"], r["n"]) for r in rows]

    def drilldown(unit_path: str, start: dt.date, end: dt.date) -> QuerySet[Any]:
        return _in(
            CommunityDecision.objects.exclude(state=DecisionState.DRAFT).filter(
                form=form, held_on__gte=start, held_on__lte=end
            ),
            unit_path,
        )

    return compute, recount, drilldown


register_indicator(
    Indicator(
        code="democracy.disclosure_compliant",
        name=_("Tỷ lệ xã thực hiện đầy đủ việc công khai"),
        unit="%",
        aggregation="ratio",
        module="democracy",
        definition=(
            _(
                "Xã công khai đủ số lần mọi nội dung phải công khai trong kỳ (theo bảng quy tắc), đúng hạn, "
                "đủ thời gian và đủ hình thức bắt buộc, trên tổng số xã."
            )
        ),
        compute=_compliance,
        recount=_compliance_recount,
        drilldown=_compliance_drilldown,
        drill_measure="",  # the drill-down lists the evidence (every record considered), not a count
        order=10,
        max_value=100,
    )
)
register_indicator(
    Indicator(
        code="democracy.consultations_held",
        name=_("Số cuộc lấy ý kiến nhân dân về dự thảo"),
        unit=_("cuộc"),
        aggregation="sum",
        module="democracy",
        definition=_("Dự thảo được đưa ra lấy ý kiến nhân dân, tính theo ngày bắt đầu lấy ý kiến."),
        compute=_held,
        recount=_held_recount,
        drilldown=_held_drilldown,
        order=20,
    )
)
register_indicator(
    Indicator(
        code="democracy.opinions_answered",
        name=_("Tỷ lệ ý kiến nhân dân được tiếp thu hoặc giải trình"),
        unit="%",
        aggregation="ratio",
        module="democracy",
        definition=_(
            "Ý kiến góp ý dự thảo nhận trong kỳ đã được tiếp thu hoặc giải trình, trên tổng số ý kiến."
        ),
        compute=_answered,
        recount=_answered_recount,
        drilldown=_answered_drilldown,
        drill_measure="",  # the drill-down lists the evidence (every record considered), not a count
        order=21,
        max_value=100,
    )
)
_lower = lazy(lambda text: str(text).lower(), str)

for _order, (_form, _label) in enumerate(DecisionForm.choices, start=30):
    _compute, _recount, _drill = _by_form(_form)
    register_indicator(
        Indicator(
            code=f"democracy.decisions_{_form}",
            name=format_lazy(_("Số việc nhân dân bàn và quyết định: {}"), _lower(_label)),
            unit=_("việc"),
            aggregation="sum",
            module="democracy",
            definition=format_lazy(
                _(
                    "Việc hộ gia đình ở thôn, tổ dân phố bàn và quyết định bằng hình thức {} (đã có kết quả), theo ngày họp, lấy ý kiến."
                ),
                _lower(_label),
            ),
            compute=_compute,
            recount=_recount,
            drilldown=_drill,
            order=_order,
        )
    )


def _on_time(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
    """Recommendations whose reply fell due in the period: the share answered by the deadline."""
    return counts.figures(counts.in_range("democracy.recommendations_due", start, end), numerator=Q(dim="1"))


def _on_time_recount(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
    rows = (
        Recommendation.objects.filter(due_on__gte=start, due_on__lte=end)
        .values("unit_id")
        .annotate(n=Count("id"), ok=Count("id", filter=Q(answered_on_time=True)))
        .order_by()
    )
    return [UnitFigure(r["unit_id"], r["ok"], r["n"]) for r in rows]


def _on_time_drilldown(unit_path: str, start: dt.date, end: dt.date) -> QuerySet[Any]:
    return _in(Recommendation.objects.filter(due_on__gte=start, due_on__lte=end), unit_path)


register_indicator(
    Indicator(
        code="democracy.recommendations_on_time",
        name=_("Tỷ lệ kiến nghị của Ban TTND, Ban GSĐTCĐ được trả lời đúng hạn"),
        unit="%",
        aggregation="ratio",
        module="democracy",
        definition=_(
            "Kiến nghị đến hạn trả lời trong kỳ đã được trả lời trong hạn, trên tổng số kiến nghị đến hạn."
        ),
        compute=_on_time,
        recount=_on_time_recount,
        drilldown=_on_time_drilldown,
        drill_measure="",  # the drill-down lists the evidence (every record considered), not a count
        order=40,
        max_value=100,
    )
)


# --- agencies and enterprises -----------------------------------------------------------------------

register_fact(
    Fact(
        name="democracy.workplace_meetings",  # a workplace conference or dialogue held, on its day, by kind
        table="democracy_workplacemeeting",
        day=lambda v, r: f"{r}.held_on",
        key=lambda v, r: f"{r}.kind",
        when=lambda v, r: f"{r}.state = 'held' AND {r}.held_on IS NOT NULL",
        columns=("held_on", "state", "kind"),
    )
)


def _meetings(kind: str) -> Any:
    def compute(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
        return counts.figures(counts.in_range("democracy.workplace_meetings", start, end) & Q(dim=kind))

    def recount(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
        rows = (
            WorkplaceMeeting.objects.filter(
                state=MeetingState.HELD, kind=kind, held_on__gte=start, held_on__lte=end
            )
            .values("unit_id")
            .annotate(n=Count("id"))
            .order_by()
        )
        return [UnitFigure(r["unit_id"], r["n"]) for r in rows]

    def drilldown(unit_path: str, start: dt.date, end: dt.date) -> QuerySet[Any]:
        return _in(
            WorkplaceMeeting.objects.filter(
                state=MeetingState.HELD, kind=kind, held_on__gte=start, held_on__lte=end
            ).select_related("workplace"),
            unit_path,
        )

    return compute, recount, drilldown


_compute, _recount, _drill = _meetings(MeetingKind.CONFERENCE)
register_indicator(
    Indicator(
        code="democracy.workplace_conferences",
        name=_("Số hội nghị cán bộ, công chức, viên chức và hội nghị người lao động đã tổ chức"),
        unit=_("hội nghị"),
        aggregation="sum",
        module="democracy",
        definition=(
            _(
                "Hội nghị hằng năm của cơ quan hành chính, đơn vị sự nghiệp công lập (cán bộ, công chức, viên chức) "
                "và của doanh nghiệp (người lao động) đã tổ chức, theo ngày tổ chức."
            )
        ),
        compute=_compute,
        recount=_recount,
        drilldown=_drill,
        order=50,
    )
)
_compute, _recount, _drill = _meetings(MeetingKind.DIALOGUE)
register_indicator(
    Indicator(
        code="democracy.workplace_dialogues",
        name=_("Số cuộc đối thoại định kỳ tại nơi làm việc của doanh nghiệp"),
        unit=_("cuộc"),
        aggregation="sum",
        module="democracy",
        definition=_("Đối thoại định kỳ tại nơi làm việc của doanh nghiệp đã tổ chức, theo ngày tổ chức."),
        compute=_compute,
        recount=_recount,
        drilldown=_drill,
        order=51,
    )
)
