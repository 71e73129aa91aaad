"""Figures of the movement for a unit's area over a period (table and chart)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from danvan.accounts.scoping import scope_for
from danvan.core import clock
from danvan.exemplars import selectors
from danvan.exemplars.models import Field
from danvan.territory.models import AdminUnit


def parse_date(raw: str, default: dt.date) -> dt.date:
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(raw, fmt).date()  # noqa: DTZ007 - a calendar date, no time
        except ValueError:
            continue
    return default


@login_required
@require_GET
def figures(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    roots = selectors.scoped_units_for_figures(scope)
    if not roots:
        raise PermissionDenied(_("Bạn chưa được phân quyền tại đơn vị nào."))
    code = request.GET.get("unit") or roots[0].code
    root = AdminUnit.objects.filter(code=code).first()
    if root is None or not scope.can_see(root):
        raise Http404(_("Đơn vị không thuộc phạm vi của bạn."))
    today = clock.today()
    start = parse_date(request.GET.get("start", ""), today.replace(month=1, day=1))
    end = parse_date(request.GET.get("end", ""), today)
    error = ""
    if end < start:
        error = "Ngày kết thúc kỳ phải sau ngày bắt đầu."
        start, end = end, start
    field = request.GET.get("field", "")
    rows, total = selectors.figures_table(root, start, end, field if field in Field.values else "")
    return render(
        request,
        "exemplars/figures.html",
        {
            "rows": rows,
            "total": total,
            "chart": selectors.figures_chart(rows),
            "root": root,
            "roots": roots,
            "start": start,
            "end": end,
            "fields": Field.choices,
            "field": field,
            "error": error,
        },
    )
