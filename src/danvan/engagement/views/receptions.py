"""Tiếp công dân: reception days, citizens and matters, schedules and the heads' compliance."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.core import clock, lists
from danvan.core.workflow import Refused, show_refusal
from danvan.engagement import forms as f
from danvan.engagement import petition_link, selectors, services
from danvan.engagement.models import ReceptionMatter, ReceptionRule
from danvan.engagement.rulebook import RULEBOOK
from danvan.engagement.views.common import (
    act_units,
    period,
    petition_link_available,
    require_act_units,
    staff_scope,
    unit_form,
    unit_from_request,
)

RECEPTION_COLUMNS = [
    lists.Column("date", _("Ngày"), ("date",)),
    lists.Column("unit", _("Đơn vị"), ("unit__path",)),
    lists.Column("head", _("Người đứng đầu"), ("head_role",)),
    lists.Column("receiver", _("Người tiếp"), ("receiver_name",)),
    lists.Column("mode", _("Hình thức"), ("mode",)),
    lists.Column("citizens", _("Lượt công dân"), ("citizens_count",), css="num"),
    lists.Column("matters", _("Vụ việc"), ("n_matters",), css="num"),
]
RECEPTION_BULK = lists.Bulk(
    url="engagement:reception_bulk",
    describe=lambda s: f"{clock.format_date(s.date)} {s.unit.name}",
    export=lists.Export(
        "tiep-cong-dan-da-chon",
        _("Tiếp công dân"),
        [_("Ngày"), _("Đơn vị"), _("Người đứng đầu"), _("Người tiếp"), _("Hình thức"), _("Lượt công dân"),
         _("Vụ việc")],
        lambda s: [clock.format_date(s.date), s.unit.name, s.head_title, s.receiver_name, s.get_mode_display(),
                   s.citizens_count, s.n_matters],
        "engagement.receptionsession",
    ),
)  # fmt: skip


@login_required
@require_POST
def reception_bulk(request: HttpRequest) -> HttpResponse:
    """Ticked reception days exported (XLSX or CSV): no citizen's name."""
    qs = selectors.receptions(staff_scope(request))
    return lists.run_bulk(request, RECEPTION_BULK, qs, back=reverse("engagement:reception_list"))


@login_required
@require_GET
def reception_list(request: HttpRequest) -> HttpResponse:
    scope = staff_scope(request)
    unit = unit_from_request(request, scope)
    period_form, start, end = period(request)
    qs = selectors.receptions(scope, unit=unit, start=start, end=end)
    listing = lists.paginate(request, qs, RECEPTION_COLUMNS, default="-date", bulk=RECEPTION_BULK)
    return render(
        request,
        "engagement/reception_list.html",
        {
            "page": listing.page,
            "listing": listing,
            "unit": unit,
            "unit_form": unit_form(request, scope, unit),
            "period_form": period_form,
            "start": start,
            "end": end,
            "can_record": act_units(scope).exists(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def reception_create(request: HttpRequest) -> HttpResponse:
    scope = staff_scope(request)
    units = act_units(scope)
    require_act_units(units)
    form = f.ReceptionForm(request.POST or None, units=units, initial={"date": clock.today()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session = services.record_reception(
                actor=request.user,
                unit=data["unit"],
                head_role=data["head_role"],
                date=data["date"],
                receiver_name=data["receiver_name"],
                received_by=data["received_by"],
                mode=data["mode"],
                location=data["location"],
                start_time=data["start_time"],
                end_time=data["end_time"],
                citizens_count=data["citizens_count"],
                citizens=form.citizen_inputs(),
                notes=data["notes"],
            )
        except Refused as exc:
            show_refusal(form, exc)
        else:
            messages.success(request, _("Đã ghi nhận buổi tiếp công dân."))
            return redirect("engagement:reception_detail", pk=session.pk)
    return render(
        request, "engagement/reception_form.html", {"form": form}, status=400 if form.errors else 200
    )


def _reception_page(request: HttpRequest, pk: int, status: int = 200, **forms: Any) -> HttpResponse:
    scope = staff_scope(request)
    session = selectors.reception(scope, pk)
    citizens = list(session.citizens.all())
    context = {
        "session": session,
        "citizens": citizens,
        "matters": list(session.matters.select_related("citizen", "petition")),
        "can_act": RULEBOOK.allows(request.user, "add_matter", session.unit),
        "can_view_identities": services.can_view_identities(request.user, session.unit, session.officer_id),
        "identities": forms.pop("identities", None),
        "citizen_form": forms.pop("citizen_form", f.CitizenForm()),
        "matter_form": forms.pop("matter_form", f.MatterForm(positions=[c.position for c in citizens])),
        "petitions_available": petition_link_available(),
    }
    return render(request, "engagement/reception_detail.html", context, status=status)


@login_required
@require_GET
def reception_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _reception_page(request, pk)


@login_required
@require_POST
def reception_add_citizen(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.reception(staff_scope(request), pk)
    form = f.CitizenForm(request.POST)
    if form.is_valid():
        try:
            services.add_reception_citizen(
                actor=request.user, session=session, citizen=services.CitizenInput(**form.cleaned_data)
            )
        except Refused as exc:
            show_refusal(form, exc)
        else:
            messages.success(request, _("Đã thêm công dân (thông tin được mã hóa)."))
            return redirect("engagement:reception_detail", pk=pk)
    return _reception_page(request, pk, status=400, citizen_form=form)


@login_required
@require_POST
def reception_add_matter(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.reception(staff_scope(request), pk)
    form = f.MatterForm(request.POST, positions=list(session.citizens.values_list("position", flat=True)))
    if form.is_valid():
        citizen = (
            session.citizens.filter(position=form.cleaned_data["citizen"]).first()
            if form.cleaned_data["citizen"]
            else None
        )
        try:
            services.add_matter(
                actor=request.user, session=session, summary=form.cleaned_data["summary"], citizen=citizen
            )
        except Refused as exc:
            show_refusal(form, exc)
        else:
            messages.success(request, _("Đã ghi nhận vụ việc."))
            return redirect("engagement:reception_detail", pk=pk)
    return _reception_page(request, pk, status=400, matter_form=form)


@login_required
@require_POST
def reception_identities(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.reception(staff_scope(request), pk)
    identities = services.reveal_reception_identities(actor=request.user, session=session)
    return _reception_page(request, pk, identities=identities)


@login_required
@require_POST
def matter_to_petition(request: HttpRequest, pk: int) -> HttpResponse:
    scope = staff_scope(request)
    matter = scope.get_or_404(ReceptionMatter.objects.select_related("session", "unit"), pk=pk)
    try:
        petition = petition_link.matter_to_petition(
            actor=request.user, matter=matter, kind=request.POST.get("kind", "proposal")
        )
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Đã chuyển vụ việc thành đơn thư %(petition)s.") % {"petition": petition})
    return redirect("engagement:reception_detail", pk=matter.session_id)


# --- Schedules and compliance ------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def schedule_list(request: HttpRequest) -> HttpResponse:
    scope = staff_scope(request)
    unit = unit_from_request(request, scope)
    form = f.ScheduleForm(request.POST or None, units=act_units(scope))
    if request.method == "POST" and form.is_valid():
        try:
            services.save_schedule(actor=request.user, **form.cleaned_data)
        except Refused as exc:
            show_refusal(form, exc)
        else:
            messages.success(request, _("Đã lưu lịch tiếp công dân."))
            return redirect("engagement:schedule_list")
    page = Paginator(selectors.schedules(scope, unit), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "engagement/schedule_list.html",
        {
            "page": page,
            "form": form,
            "unit": unit,
            "unit_form": unit_form(request, scope, unit),
            "rules": ReceptionRule.objects.all(),
            "can_record": act_units(scope).exists(),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def compliance(request: HttpRequest) -> HttpResponse:
    scope = staff_scope(request)
    unit = unit_from_request(request, scope)
    period_form, start, end = period(request)
    cov = selectors.coverage(unit, start, end)
    show = request.GET.get("show", "short")
    heads = cov.heads_short if show == "short" else cov.heads_met if show == "met" else cov.heads
    page = Paginator(heads, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "engagement/compliance.html",
        {
            "cov": cov,
            "unit": unit,
            "unit_form": unit_form(request, scope, unit),
            "period_form": period_form,
            "page": page,
            "show": show,
        },
    )
