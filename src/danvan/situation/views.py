"""Nắm tình hình nhân dân: views (thin: parse input, call a service or selector, render)."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.core import is_ratelimited

from danvan.accounts.scoping import ACT_ROLES, scope_for
from danvan.core import clock, lists
from danvan.core.workflow import ActionSpec, ActionTable, Refused, create_page, show_refusal
from danvan.situation import selectors, services
from danvan.situation.forms import (
    AnswerAlertForm,
    AnswerForm,
    BriefEditForm,
    BriefMoveForm,
    BriefNewForm,
    CloseHotspotForm,
    ClosePollForm,
    DoneForm,
    EscalateForm,
    HotspotForm,
    LinkForm,
    OpenPollForm,
    PollForm,
    ReportForm,
    ResponsibleForm,
    ResubmitForm,
    ReviewForm,
    ScheduleForm,
    TaskForm,
    ThresholdForm,
)
from danvan.situation.models import (
    AlertState,
    Brief,
    Hotspot,
    HotspotState,
    Poll,
    PollTarget,
    ReportState,
    SituationReport,
    Source,
    Topic,
)
from danvan.territory.models import AdminUnit, Level
from danvan.territory.picker import UnitPickForm, pick_unit, set_units

RATE_WINDOW_SECONDS = 3600
DEVICE_COOKIE = "danvan_poll_device"


def _act_units(request: HttpRequest) -> Any:
    return scope_for(request.user).units(ACT_ROLES)


def _require_member(request: HttpRequest) -> None:
    scope = scope_for(request.user)
    if not (scope.is_staff_member or scope.is_collaborator):
        raise PermissionDenied(_("Trang này dành cho cán bộ và cộng tác viên dư luận xã hội."))


@login_required
def home(request: HttpRequest) -> HttpResponse:
    _require_member(request)
    scope = scope_for(request.user)
    return render(
        request,
        "situation/home.html",
        {
            "is_collaborator": scope.is_collaborator,
            "can_file": selectors.report_communes(scope).exists(),  # no link to a form the person may not use
            "rising": selectors.rising(scope) if scope.is_staff_member else [],
            "reports": selectors.reports_for(scope, request.user)[:10],
            "hotspots": selectors.hotspots_for(scope, state="active")[:10] if scope.is_staff_member else [],
            "missing": selectors.missing_reports(scope)[:20] if scope.is_staff_member else [],
            "polls": selectors.collaborator_polls(request.user, scope),
            "home_unit": scope.home_unit(),
        },
    )


# --- reports ------------------------------------------------------------------------------------------


def _report_form(request: HttpRequest, data: Any = None) -> ReportForm:
    scope = scope_for(request.user)
    form = ReportForm(data)
    set_units(form, selectors.report_communes(scope))
    form.fields["village"].set_villages(selectors.report_villages(scope))  # type: ignore[attr-defined]
    return form


REPORT_COLUMNS = [
    lists.Column("report", gettext_lazy("Báo cáo"), ("id",)),
    lists.Column("unit", gettext_lazy("Xã"), ("unit__path", "village__name")),
    lists.Column("mood", gettext_lazy("Tâm trạng"), ("mood",)),
    lists.Column("submitted", gettext_lazy("Gửi lúc"), ("submitted_at",)),
    lists.Column("state", gettext_lazy("Trạng thái"), ("state",)),
]


def _report_row(r: SituationReport) -> list[object]:
    """A situation report as exported: what people say and propose, never who reported it."""
    return [
        f"#{r.pk}",
        r.get_kind_display(),
        r.unit.name,
        r.village.name if r.village else "",
        ", ".join(t.name for t in r.topics.all()),
        r.get_mood_display(),
        r.people_say,
        r.proposed_action,
        clock.format_datetime(r.submitted_at),
        r.get_state_display(),
    ]


REPORT_BULK = lists.Bulk(
    url="situation:report-bulk",
    describe=lambda r: f"#{r.pk} ({r.unit.name})",
    actions=[
        lists.BulkAction(
            "forward",
            gettext_lazy("Tổng hợp, chuyển lên cấp trên"),
            lambda actor, r: services.forward(actor=actor, report=r, version=r.version),
            "forward",
            gettext_lazy("Đã chuyển lên cấp trên"),
        ),
    ],
    export=lists.Export(
        "bao-cao-tinh-hinh-da-chon",
        gettext_lazy("Báo cáo tình hình"),
        [gettext_lazy("Số"), gettext_lazy("Loại"), gettext_lazy("Xã"), gettext_lazy("Thôn"), gettext_lazy("Chủ đề"), gettext_lazy("Tâm trạng"), gettext_lazy("Nhân dân nói gì"),
         gettext_lazy("Đề xuất"), gettext_lazy("Gửi lúc"), gettext_lazy("Trạng thái")],
        _report_row,
        "situation.situationreport",
    ),
)  # fmt: skip
HOTSPOT_COLUMNS = [
    lists.Column("title", gettext_lazy("Điểm nóng"), ("title",)),
    lists.Column("unit", gettext_lazy("Đơn vị"), ("unit__path",)),
    lists.Column("topic", gettext_lazy("Chủ đề"), ("topic__name",)),
    lists.Column("risk", gettext_lazy("Nguy cơ"), ("risk",)),
    lists.Column("opened", gettext_lazy("Mở ngày"), ("opened_on",)),
    lists.Column("state", gettext_lazy("Trạng thái"), ("state",)),
]
HOTSPOT_BULK = lists.Bulk(
    url="situation:hotspot-bulk",
    describe=lambda h: h.title,
    export=lists.Export(
        "diem-nong-da-chon",
        gettext_lazy("Điểm nóng"),
        [gettext_lazy("Điểm nóng"), gettext_lazy("Đơn vị"), gettext_lazy("Chủ đề"), gettext_lazy("Nguy cơ"), gettext_lazy("Mở ngày"), gettext_lazy("Trạng thái"), gettext_lazy("Diễn biến")],
        lambda h: [h.title, h.unit.name, h.topic.name, h.get_risk_display(), clock.format_date(h.opened_on),
                   h.get_state_display(), h.summary],
        "situation.hotspot",
    ),
)  # fmt: skip
POLL_COLUMNS = [
    lists.Column("title", gettext_lazy("Cuộc thăm dò"), ("title",)),
    lists.Column("unit", gettext_lazy("Đơn vị"), ("unit__path",)),
    lists.Column("target", gettext_lazy("Đối tượng"), ("target",)),
    lists.Column("responses", gettext_lazy("Phiếu"), ("responses_n",), css="num"),
    lists.Column("state", gettext_lazy("Trạng thái"), ("state",)),
    lists.Column("created", gettext_lazy("Ngày soạn"), ("created_at",)),
]


@login_required
def reports(request: HttpRequest) -> HttpResponse:
    _require_member(request)
    scope = scope_for(request.user)
    state = request.GET.get("state", "")
    qs = selectors.reports_for(scope, request.user, state=state if state in ReportState.values else "")
    listing = lists.paginate(request, qs, REPORT_COLUMNS, default="-submitted", bulk=REPORT_BULK)
    schedule_form = ScheduleForm()
    set_units(schedule_form, _act_units(request))
    return render(
        request,
        "situation/reports.html",
        {
            "page": listing.page,
            "listing": listing,
            "states": ReportState.choices,
            "state": state,
            "can_file": selectors.report_communes(scope).exists(),
            "schedule_form": schedule_form,
        },
    )


@login_required
@require_POST
def report_bulk(request: HttpRequest) -> HttpResponse:
    """Ticked situation reports: forwarded to the level above together (all or nothing) or exported."""
    _require_member(request)
    qs = selectors.reports_for(scope_for(request.user), request.user)
    return lists.run_bulk(request, REPORT_BULK, qs, back=reverse("situation:reports"))


@login_required
@require_http_methods(["GET", "POST"])
def report_new(request: HttpRequest) -> HttpResponse:
    _require_member(request)
    form = _report_form(request, request.POST or None)
    if request.method != "POST" and not form.fields["unit"].has_units:  # type: ignore[attr-defined]
        raise PermissionDenied(_("Bạn cần vai trò cộng tác viên hoặc cán bộ tại một xã để gửi báo cáo."))
    return create_page(
        request,
        form,
        lambda d: services.file_report(
            actor=request.user,
            unit=d["unit"],
            village=d["village"],
            kind=d["kind"],
            topics=list(d["topics"]),
            mood=d["mood"],
            people_say=d["people_say"],
            proposed_action=d["proposed_action"],
            period_day=d["period_day"],
            event_on=d["event_on"],
        ),
        _("Đã gửi báo cáo. Cảm ơn bạn."),
        lambda r: reverse("situation:report", args=[r.pk]),
        template="situation/report_new.html",
    )


@login_required
@require_http_methods(["POST"])
def schedule_set(request: HttpRequest) -> HttpResponse:
    form = ScheduleForm(request.POST)
    set_units(form, _act_units(request))
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.set_schedule(
                actor=request.user, unit=d["unit"], frequency=d["frequency"], grace_days=d["grace_days"]
            )
        except Refused as exc:
            show_refusal(form, exc)
        else:
            messages.success(request, _("Đã lưu lịch báo cáo."))
            return redirect("situation:reports")
    messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect("situation:reports")


REPORT_ACTIONS = ActionTable(
    load=lambda request, pk: selectors.report_for(scope_for(request.user), request.user, pk),
    template="situation/report.html",
    name="r",
    redirect_to=lambda r: reverse("situation:report", args=[r.pk]),
    actions={
        "forward": ActionSpec(
            ReviewForm,
            lambda request, r, d: services.forward(
                actor=request.user, report=r, note=d["note"], version=d["version"]
            ),
            gettext_lazy("Đã chuyển báo cáo lên cấp trên."),
            prefix="forward",
        ),
        "return_report": ActionSpec(
            ReviewForm,
            lambda request, r, d: services.return_report(
                actor=request.user, report=r, note=d["note"], version=d["version"]
            ),
            gettext_lazy("Đã trả lại báo cáo để bổ sung."),
            prefix="return",
        ),
        "resubmit": ActionSpec(
            ResubmitForm,
            lambda request, r, d: services.resubmit(
                actor=request.user,
                report=r,
                people_say=d["people_say"],
                proposed_action=d["proposed_action"],
                version=d["version"],
            ),
            gettext_lazy("Đã gửi lại báo cáo."),
            prefix="resubmit",
        ),
    },
)
report_act = REPORT_ACTIONS.as_view
report = REPORT_ACTIONS.detail


# --- ledger and alerts --------------------------------------------------------------------------------


def _ledger_unit(request: HttpRequest) -> AdminUnit:
    scope = scope_for(request.user)
    if not scope.is_staff_member:
        raise PermissionDenied(_("Sổ theo dõi dành cho cán bộ."))
    text = request.GET.get("unit", "").strip()  # a code, a name with or without diacritics, "Name (code)"
    unit: AdminUnit | None = pick_unit(scope.units(), text) if text else scope.home_unit()
    if unit is None or not scope.can_see(unit):
        raise Http404(_("Không tìm thấy đơn vị trong phạm vi của bạn."))
    return unit


def _days(request: HttpRequest) -> int:
    try:
        days = int(request.GET.get("days", selectors.LEDGER_DAYS))
    except ValueError:
        days = selectors.LEDGER_DAYS
    return min(max(days, 1), 366)


@login_required
def ledger(request: HttpRequest) -> HttpResponse:
    unit = _ledger_unit(request)
    days = _days(request)
    rows = selectors.ledger(scope_for(request.user), unit, days=days)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "situation/ledger.html",
        {
            "unit": unit,
            "picker": UnitPickForm(initial={"unit": unit}, units=scope_for(request.user).units())["unit"],
            "days": days,
            "page": page,
            "sources": dict(Source.choices),
            "total": sum(r.n for r in rows),
        },
    )


@login_required
def ledger_detail(request: HttpRequest) -> HttpResponse:
    unit = _ledger_unit(request)
    topic = (
        Topic.objects.filter(pk=request.GET.get("topic") or 0).first()
        if (request.GET.get("topic") or "").isdigit()
        else None
    )
    if topic is None:
        raise Http404(_("Không tìm thấy chủ đề."))
    days = _days(request)
    signals = Paginator(
        selectors.ledger_signals(scope_for(request.user), unit, topic, days=days), 100
    ).get_page(request.GET.get("page"))
    return render(
        request, "situation/ledger_detail.html", {"unit": unit, "topic": topic, "days": days, "page": signals}
    )


@login_required
def alerts(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    if not scope.is_staff_member:
        raise PermissionDenied(_("Cảnh báo sớm dành cho cán bộ."))
    page = Paginator(selectors.alerts_for(scope, state=request.GET.get("state", "")), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "situation/alerts.html", {"page": page})


ALERT_ACTIONS = ActionTable(
    load=lambda request, pk: selectors.alert_for(scope_for(request.user), pk),
    template="situation/alert.html",
    name="a",
    history=False,
    context=lambda request, a: {
        "hotspots": list(a.hotspots.all()),
        "can_open": services.RULEBOOK.allows(request.user, "open_hotspot", a.unit),
    },
    redirect_to=lambda a: reverse("situation:alert", args=[a.pk]),
    actions={
        "answer_alert": ActionSpec(
            AnswerAlertForm,
            lambda request, a, d: services.answer_alert(
                actor=request.user, alert=a, answer=d["answer"], version=d["version"]
            ),
            gettext_lazy("Đã ghi cách xử lý."),
            prefix="answer",
        ),
    },
)
alert_act = ALERT_ACTIONS.as_view
alert = ALERT_ACTIONS.detail


@login_required
@require_http_methods(["GET", "POST"])
def thresholds(request: HttpRequest) -> HttpResponse:
    if not scope_for(request.user).is_admin:
        raise PermissionDenied(_("Chỉ quản trị hệ thống đặt ngưỡng cảnh báo sớm."))
    form = ThresholdForm(request.POST or None)
    return create_page(
        request,
        form,
        lambda d: services.set_thresholds(actor=request.user, **d),
        _("Đã lưu ngưỡng cảnh báo sớm."),
        lambda _done: reverse("situation:thresholds"),
        template="situation/thresholds.html",
        context=lambda: {"rows": [(level, services.thresholds(level)) for level in (1, 2)]},
    )


# --- hotspots -----------------------------------------------------------------------------------------


@login_required
def hotspots(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    if not scope.is_staff_member:
        raise PermissionDenied(_("Sổ điểm nóng dành cho cán bộ."))
    state = request.GET.get("state", "")
    qs = selectors.hotspots_for(scope, state=state if state in ("active", *HotspotState.values) else "")
    listing = lists.paginate(request, qs, HOTSPOT_COLUMNS, default="-opened", bulk=HOTSPOT_BULK)
    return render(
        request,
        "situation/hotspots.html",
        {
            "page": listing.page,
            "listing": listing,
            "state": state,
            "can_create": _act_units(request).exists(),
        },
    )


@login_required
@require_POST
def hotspot_bulk(request: HttpRequest) -> HttpResponse:
    """Ticked hotspots exported (XLSX or CSV)."""
    scope = scope_for(request.user)
    if not scope.is_staff_member:
        raise PermissionDenied(_("Sổ điểm nóng dành cho cán bộ."))
    return lists.run_bulk(
        request, HOTSPOT_BULK, selectors.hotspots_for(scope), back=reverse("situation:hotspots")
    )


@login_required
@require_http_methods(["GET", "POST"])
def hotspot_new(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    alert_obj = None
    alert_id = request.POST.get("alert") or request.GET.get("alert")
    if alert_id and str(alert_id).isdigit():
        alert_obj = selectors.alert_for(scope, int(alert_id))
    initial: dict[str, Any] = {}
    if alert_obj is not None:
        initial = {
            "unit": alert_obj.unit,
            "topic": alert_obj.topic,
            "alert": alert_obj.pk,
            "title": f"{alert_obj.topic.name} – {alert_obj.unit.name}",
            "summary": _("%(n)d tín hiệu trong tuần từ %(d)s (mức nền %(b).1f/tuần).")
            % {"n": alert_obj.count, "d": clock.format_date(alert_obj.week_start), "b": alert_obj.baseline},
        }
    act_units = _act_units(request)
    if "unit" not in initial:
        first = act_units.order_by("path").first()  # what the unit's box shows first
        if first is not None:
            initial["unit"] = first
    if "unit" in initial:
        initial["responsible"] = [initial["unit"]]  # the hotspot's own unit, preselected
    form = HotspotForm(request.POST or None, initial=initial)
    set_units(form, act_units)
    set_units(form, scope.units(), "responsible")
    if request.method != "POST" and not form.fields["unit"].has_units:  # type: ignore[attr-defined]
        raise PermissionDenied(_("Bạn cần vai trò cán bộ để mở hồ sơ điểm nóng."))

    def open_hotspot(d: dict[str, Any]) -> Hotspot:
        codes = [c.strip() for c in (d["petitions"] or "").replace(";", ",").split(",") if c.strip()]
        return services.open_hotspot(
            actor=request.user,
            unit=d["unit"],
            title=d["title"],
            topic=d["topic"],
            risk=d["risk"],
            summary=d["summary"],
            responsible=d["responsible"],
            links=[(Source.PETITION, c) for c in codes],
            alert=alert_obj,
        )

    return create_page(
        request,
        form,
        open_hotspot,
        _("Đã mở hồ sơ điểm nóng."),
        lambda h: reverse("situation:hotspot", args=[h.pk]),
        template="situation/hotspot_new.html",
        context=lambda: {"alert": alert_obj},
    )


def _hotspot_units(request: HttpRequest, h: Hotspot) -> dict[str, Any]:
    return {"units": _act_units(request).filter(level__gte=Level.PROVINCE)}


def _responsible_kwargs(request: HttpRequest, h: Hotspot) -> dict[str, Any]:
    return {"units": scope_for(request.user).units(), "current": list(h.responsible.all())}


def _hotspot_context(request: HttpRequest, h: Hotspot) -> dict[str, Any]:
    return {
        "links": list(h.links.all()),
        "tasks": list(h.tasks.select_related("owner")),
        "today": clock.today(),
    }


HOTSPOT_ACTIONS = ActionTable(
    load=lambda request, pk: selectors.hotspot_for(scope_for(request.user), pk),
    template="situation/hotspot.html",
    name="h",
    context=_hotspot_context,
    redirect_to=lambda h: reverse("situation:hotspot", args=[h.pk]),
    actions={
        "update_hotspot": ActionSpec(
            LinkForm,
            lambda request, h, d: services.link(
                actor=request.user, hotspot=h, source=d["source"], ref=d["ref"], version=d["version"]
            ),
            gettext_lazy("Đã liên kết hồ sơ."),
            prefix="link",
        ),
        "set_responsible": ActionSpec(
            ResponsibleForm,
            lambda request, h, d: services.set_responsible(
                actor=request.user, hotspot=h, units=d["responsible"], version=d["version"]
            ),
            gettext_lazy("Đã cập nhật đơn vị chịu trách nhiệm."),
            form_kwargs=_responsible_kwargs,
            prefix="resp",
        ),
        "add_task": ActionSpec(
            TaskForm,
            lambda request, h, d: services.add_task(
                actor=request.user,
                hotspot=h,
                text=d["text"],
                owner=d["owner"],
                due_on=d["due_on"],
                version=d["version"],
            ),
            gettext_lazy("Đã giao việc."),
            form_kwargs=_hotspot_units,
            prefix="task",
        ),
        "complete_task": ActionSpec(
            DoneForm,
            lambda request, h, d: services.complete_task(
                actor=request.user, hotspot=h, task_id=d["task_id"], version=d["version"]
            ),
            gettext_lazy("Đã ghi hoàn thành."),
            prefix="done",
        ),
        "escalate": ActionSpec(
            EscalateForm,
            lambda request, h, d: services.escalate(
                actor=request.user, hotspot=h, reason=d["reason"], version=d["version"]
            ),
            gettext_lazy("Đã báo cáo điểm nóng lên cấp trên."),
            prefix="escalate",
        ),
        "close_hotspot": ActionSpec(
            CloseHotspotForm,
            lambda request, h, d: services.close_hotspot(
                actor=request.user, hotspot=h, lesson=d["lesson"], version=d["version"]
            ),
            gettext_lazy("Đã kết thúc điểm nóng."),
            prefix="close",
        ),
    },
)
hotspot_act = HOTSPOT_ACTIONS.as_view
hotspot = HOTSPOT_ACTIONS.detail


# --- polls --------------------------------------------------------------------------------------------


@login_required
def polls(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    if not scope.is_staff_member:
        raise PermissionDenied(_("Trang này dành cho cán bộ."))
    listing = lists.paginate(request, selectors.polls_for(scope), POLL_COLUMNS, default="-created")
    return render(
        request,
        "situation/polls.html",
        {"page": listing.page, "listing": listing, "can_create": _act_units(request).exists()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def poll_new(request: HttpRequest) -> HttpResponse:
    form = PollForm(request.POST or None)
    set_units(form, _act_units(request))
    if request.method != "POST" and not form.fields["unit"].has_units:  # type: ignore[attr-defined]
        raise PermissionDenied(_("Bạn cần vai trò cán bộ để soạn cuộc thăm dò."))
    return create_page(
        request,
        form,
        lambda d: services.create_poll(
            actor=request.user,
            unit=d["unit"],
            title=d["title"],
            target=d["target"],
            intro=d["intro"],
            questions=services.parse_questions(d["questions"]),
        ),
        _("Đã soạn cuộc thăm dò. Hãy chọn ngày kết thúc và bắt đầu."),
        lambda p: reverse("situation:poll", args=[p.pk]),
        template="situation/poll_new.html",
    )


def _poll_context(request: HttpRequest, poll: Poll) -> dict[str, Any]:
    responses, results = selectors.poll_results(poll)
    public_url = request.build_absolute_uri(reverse("situation:public-poll", args=[poll.public_key]))
    return {"responses": responses, "results": results, "public_url": public_url}


POLL_ACTIONS = ActionTable(
    load=lambda request, pk: selectors.poll_for(scope_for(request.user), pk),
    template="situation/poll.html",
    name="p",
    history=False,
    context=_poll_context,
    redirect_to=lambda p: reverse("situation:poll", args=[p.pk]),
    actions={
        "open_poll": ActionSpec(
            OpenPollForm,
            lambda request, p, d: services.open_poll(
                actor=request.user, poll=p, closes_on=d["closes_on"], version=d["version"]
            ),
            gettext_lazy("Đã bắt đầu thăm dò."),
            prefix="open",
        ),
        "close_poll": ActionSpec(
            ClosePollForm,
            lambda request, p, d: services.close_poll(actor=request.user, poll=p, version=d["version"]),
            gettext_lazy("Đã kết thúc thăm dò."),
            prefix="close",
        ),
    },
)
poll_act = POLL_ACTIONS.as_view
poll = POLL_ACTIONS.detail


def _rate_limited(request: HttpRequest) -> bool:
    """django-ratelimit in the shared cache, with the public petition form's limit per client and hour."""
    limit = settings.PETITIONS_RATE_LIMIT_PER_HOUR
    return bool(
        is_ratelimited(
            request,
            group="danvan.situation.poll",
            key="ip",
            rate=f"{limit}/{RATE_WINDOW_SECONDS}s",
            increment=True,
        )
    )


def _answer(request: HttpRequest, poll: Poll, *, public: bool) -> HttpResponse:
    places = AdminUnit.objects.filter(path__startswith=poll.unit.path, level=Level.COMMUNE)
    form = AnswerForm(request.POST or None, poll=poll, public=public, places=places)
    status = 200
    device = request.COOKIES.get(DEVICE_COOKIE) or secrets.token_urlsafe(16)
    back = (
        reverse("situation:public-poll", args=[poll.public_key])
        if public
        else reverse("situation:poll-answer", args=[poll.pk])
    )
    if request.method == "POST":
        if public and request.POST.get("website"):
            messages.success(
                request, _("Cảm ơn bạn đã trả lời.")
            )  # a bot: answer like a success, save nothing
            return redirect(back)
        if public and _rate_limited(request):
            return render(request, "situation/rate_limited.html", status=429)
        if form.is_valid():
            d = form.cleaned_data
            try:
                if not public:
                    who = services.respondent_digest("user", str(request.user.pk))
                elif d.get("phone"):
                    who = services.respondent_digest("phone", services.normalise_phone(d["phone"]))
                else:
                    who = services.respondent_digest("device", device)
                services.answer_poll(
                    poll=poll,
                    respondent=who,
                    answers=form.answers(),
                    place=d.get("place"),
                    actor=request.user,
                )
            except Refused as exc:
                show_refusal(form, exc)
            else:
                messages.success(request, _("Cảm ơn bạn đã trả lời. Ý kiến của bạn sẽ được tổng hợp."))
                done: HttpResponse = redirect(back)
                if public:
                    done.set_cookie(
                        DEVICE_COOKIE,
                        device,
                        max_age=3600 * 24 * 365,
                        httponly=True,
                        samesite="Lax",
                        secure=request.is_secure(),
                    )
                return done
        status = 400
    response = render(
        request,
        "situation/answer.html",
        {"p": poll, "form": form, "accepting": services.is_accepting(poll), "public": public},
        status=status,
    )
    if public and DEVICE_COOKIE not in request.COOKIES:
        response.set_cookie(
            DEVICE_COOKIE,
            device,
            max_age=3600 * 24 * 365,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


@require_http_methods(["GET", "POST"])
def public_poll(request: HttpRequest, key: str) -> HttpResponse:
    poll = selectors.public_poll(key)
    if poll is None:
        raise Http404(_("Không tìm thấy cuộc thăm dò."))
    return _answer(request, poll, public=True)


@login_required
@require_http_methods(["GET", "POST"])
def poll_answer(request: HttpRequest, pk: int) -> HttpResponse:
    poll_obj = Poll.objects.filter(pk=pk, target=PollTarget.COLLABORATORS).select_related("unit").first()
    if poll_obj is None or not services.is_poll_member(request.user, poll_obj):
        raise Http404(_("Không tìm thấy cuộc thăm dò dành cho bạn."))
    return _answer(request, poll_obj, public=False)


# --- briefs -------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def briefs(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    if not scope.is_staff_member:
        raise PermissionDenied(_("Trang này dành cho cán bộ."))
    form = BriefNewForm(request.POST or None)
    set_units(form, _act_units(request).filter(level__lte=Level.COMMUNE))
    return create_page(
        request,
        form,
        lambda d: services.draft_brief(actor=request.user, unit=d["unit"], week=d["week"]),
        _("Đã lập bản tin từ số liệu của tuần: hãy đọc, sửa rồi gửi lên."),
        lambda b: reverse("situation:brief", args=[b.pk]),
        template="situation/briefs.html",
        context=lambda: {
            "page": Paginator(selectors.briefs_for(scope), 25).get_page(request.GET.get("page"))
        },
    )


def _brief_page(
    request: HttpRequest,
    brief: Brief,
    forms: Mapping[str, Any] | None = None,
    status: int = 200,
    failed: str | None = None,
) -> HttpResponse:
    out = BRIEF_ACTIONS.forms_for(request, brief, forms)
    if not (forms and "edit_brief" in forms):
        out["edit_brief"] = BriefEditForm(
            initial={
                f: getattr(brief, f)
                for f in (
                    "version",
                    "number",
                    "rising",
                    "hotspots",
                    "polls",
                    "reports",
                    "proposals",
                    "signer_title",
                    "signer_name",
                )
            },
            prefix="edit",
        )
    return render(
        request,
        "situation/brief.html",
        {"b": brief, "forms": out, "failed": failed, "history": list(brief.history.all())},
        status=status,
    )


@login_required
def brief(request: HttpRequest, pk: int) -> HttpResponse:
    return _brief_page(request, selectors.brief_for(scope_for(request.user), pk))


@login_required
def brief_docx(request: HttpRequest, pk: int) -> HttpResponse:
    from danvan.situation import docx_brief  # python-docx loads on the first export only

    b = selectors.brief_for(scope_for(request.user), pk)
    response = HttpResponse(
        docx_brief.brief_docx(b),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="ban-tin-{b.unit.code}-{b.week_start:%Y%m%d}.docx"'
    )
    return response


BRIEF_ACTIONS = ActionTable(
    load=lambda request, pk: selectors.brief_for(scope_for(request.user), pk),
    page=_brief_page,
    redirect_to=lambda b: reverse("situation:brief", args=[b.pk]),
    actions={
        "edit_brief": ActionSpec(
            BriefEditForm,
            lambda request, b, d: services.edit_brief(
                actor=request.user, brief=b, data=d, version=d["version"]
            ),
            gettext_lazy("Đã lưu bản tin."),
            prefix="edit",
        ),
        "send_brief": ActionSpec(
            BriefMoveForm,
            lambda request, b, d: services.send_brief(actor=request.user, brief=b, version=d["version"]),
            gettext_lazy("Đã gửi bản tin lên cấp trên."),
            prefix="send",
        ),
        "receive_brief": ActionSpec(
            BriefMoveForm,
            lambda request, b, d: services.receive_brief(actor=request.user, brief=b, version=d["version"]),
            gettext_lazy("Đã xác nhận nhận bản tin."),
            prefix="receive",
        ),
    },
)
brief_act = BRIEF_ACTIONS.as_view

__all__ = ["AlertState"]
