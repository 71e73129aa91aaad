"""Cam kết: the list (overdue, mine) and a commitment's page with its follow-up actions (`COMMITMENT_ACTIONS`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from danvan.core import clock, lists
from danvan.core.workflow import ActionSpec, ActionTable
from danvan.engagement import forms as f
from danvan.engagement import selectors, services
from danvan.engagement.models import Commitment, CommitmentState
from danvan.engagement.views.common import history_rows, staff_scope, unit_form, unit_from_request
from danvan.engagement.workflow import COMMITMENT

COMMITMENT_COLUMNS = [
    lists.Column("content", _("Nội dung"), ("content",)),
    lists.Column("dialogue", _("Hội nghị"), ("dialogue__title",)),
    lists.Column("unit", _("Đơn vị"), ("unit__path",)),
    lists.Column("owner", _("Người chịu trách nhiệm"), ("owner__full_name",)),
    lists.Column("due", _("Hạn"), ("due_date",)),
    lists.Column("state", _("Trạng thái"), ("state",)),
]


def _export_row(c: Commitment) -> list[object]:
    return [
        c.content,
        c.dialogue.title,
        c.unit.name,
        str(c.owner or ""),
        clock.format_date(c.due_date),
        c.get_state_display(),
        clock.format_date(c.done_on),
    ]


def _bulk_move(state: str) -> Callable[[object, Commitment], Commitment]:
    def run(actor: object, c: Commitment) -> Commitment:
        return services.follow_up_commitment(actor=actor, commitment=c, state=state, version=c.version)

    return run


COMMITMENT_BULK = lists.Bulk(
    url="engagement:commitment_bulk",
    describe=lambda c: f"Cam kết #{c.pk} ({c.content[:50]})",
    actions=[
        lists.BulkAction(
            "start",
            _("Ghi đang thực hiện"),
            _bulk_move(CommitmentState.IN_PROGRESS),
            "start",
            _("Đã ghi đang thực hiện"),
        ),
        lists.BulkAction(
            "complete",
            _("Ghi đã thực hiện (hôm nay)"),
            _bulk_move(CommitmentState.DONE),
            "complete",
            _("Đã ghi đã thực hiện"),
        ),
    ],
    export=lists.Export(
        "cam-ket-da-chon",
        _("Cam kết"),
        [
            _("Nội dung"),
            _("Hội nghị"),
            _("Đơn vị"),
            _("Người chịu trách nhiệm"),
            _("Hạn"),
            _("Trạng thái"),
            _("Ngày hoàn thành"),
        ],
        _export_row,
        "engagement.commitment",
    ),
)


@login_required
@require_POST
def commitment_bulk(request: HttpRequest) -> HttpResponse:
    """Ticked commitments: marked in progress or done (all or nothing), or exported."""
    scope = staff_scope(request)
    qs = selectors.commitments(scope)
    return lists.run_bulk(request, COMMITMENT_BULK, qs, back=reverse("engagement:commitment_list"))


@login_required
@require_GET
def commitment_list(request: HttpRequest) -> HttpResponse:
    scope = staff_scope(request)
    unit = unit_from_request(request, scope)
    overdue = request.GET.get("overdue") == "1"
    mine = request.GET.get("mine") == "1"
    state = request.GET.get("state", "")
    qs = selectors.commitments(
        scope,
        unit=unit,
        overdue_only=overdue,
        owner=request.user if mine else None,
        state=state if state in CommitmentState.values else "",
    )
    listing = lists.paginate(request, qs, COMMITMENT_COLUMNS, default="due", bulk=COMMITMENT_BULK)
    return render(
        request,
        "engagement/commitment_list.html",
        {
            "page": listing.page,
            "listing": listing,
            "unit": unit,
            "unit_form": unit_form(request, scope, unit),
            "overdue": overdue,
            "mine": mine,
            "states": CommitmentState.choices,
            "state": state,
            "today": clock.today(),
        },
    )


def _load(request: HttpRequest, pk: int) -> Commitment:
    return selectors.commitment(staff_scope(request), pk)


def _commitment_page(
    request: HttpRequest,
    commitment: Commitment,
    forms: Mapping[str, forms.BaseForm] | None = None,
    status: int = 200,
    failed: str | None = None,
) -> HttpResponse:
    return render(
        request,
        "engagement/commitment_detail.html",
        {
            "c": commitment,
            "forms": COMMITMENT_ACTIONS.forms_for(request, commitment, forms),
            "failed": failed,
            "history": history_rows(COMMITMENT, commitment.history.select_related("actor")),
            "today": clock.today(),
        },
        status=status,
    )


@login_required
@require_GET
def commitment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _commitment_page(request, _load(request, pk))


COMMITMENT_ACTIONS = ActionTable(
    load=_load,
    page=_commitment_page,
    redirect_to=lambda c: reverse("engagement:commitment_detail", args=[c.pk]),
    actions={
        "start": ActionSpec(
            f.StartForm,
            lambda request, c, data: services.follow_up_commitment(
                actor=request.user,
                commitment=c,
                state=CommitmentState.IN_PROGRESS,
                note=data["note"],
                version=data["version"],
            ),
            _("Đã ghi cam kết đang được thực hiện."),
            prefix="start",
        ),
        "complete": ActionSpec(
            f.CompleteForm,
            lambda request, c, data: services.follow_up_commitment(
                actor=request.user,
                commitment=c,
                state=CommitmentState.DONE,
                note=data["note"],
                done_on=data["done_on"],
                version=data["version"],
            ),
            _("Đã ghi cam kết đã thực hiện."),
            prefix="complete",
        ),
        "explain": ActionSpec(
            f.ExplainForm,
            lambda request, c, data: services.follow_up_commitment(
                actor=request.user,
                commitment=c,
                state=CommitmentState.EXPLAINED,
                note=data["note"],
                version=data["version"],
            ),
            _("Đã ghi giải trình cam kết không thực hiện được."),
            prefix="explain",
        ),
    },
)
commitment_act = COMMITMENT_ACTIONS.as_view
