"""The lists officers expect, in one place for every module: sortable columns, totals, page size.

    COLUMNS = [Column("code", _("Mã hồ sơ"), ("tracking_code",)), Column("title", _("Tiêu đề"))]
    listing = lists.paginate(request, queryset, COLUMNS, default="-received")
    render(..., {"listing": listing, "page": listing.page})

`?sort=received` sorts ascending, `?sort=-received` descending (only the declared columns: anything
else falls back to the default, never an error); `?per_page=50` picks a size among PAGE_SIZES. The
template shows `includes/list_head.html` (the sortable header row) and `includes/list_controls.html`
(the total and the page sizes); `includes/pagination.html` keeps the other parameters; a list's filter
form includes `includes/list_keep.html` so that filtering keeps the sort and the page size.

Bulk actions on ticked rows are declared once per list and run by one view::

    BULK = lists.Bulk(
        url="engagement:commitment-bulk",
        describe=lambda c: c.content[:60],
        actions=[lists.BulkAction("start", _("Bắt đầu thực hiện"), action="start",
                                  run=lambda actor, c: services.start_commitment(actor=actor, ...))],
        export=lists.Export("cam-ket", _("Cam kết"), HEADERS, row),
    )
    listing = lists.paginate(request, qs, COLUMNS, default="due", bulk=BULK)     # offers what is allowed
    def bulk(request): return lists.run_bulk(request, BULK, scope.filter(qs), back=reverse("…"))

An action is offered only when the workflow kit would let the person perform it on at least one row of
the page (`core.workflow.allowed_actions`: the state and the module's rulebook). `run_bulk` performs it
row by row (each row through the module's service, so through `perform`) inside one transaction: the
first refusal undoes every row already done and the message names that row and the reason. Exports
(XLSX or CSV of the ticked rows, cells through `core.spreadsheet`) are audited.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.core import audit, spreadsheet
from danvan.core.models import AuditAction
from danvan.core.workflow import Refused, create_page
from danvan.core.workflow.machine import allowed_actions

PAGE_SIZES = (25, 50, 100, 200)


@dataclass(frozen=True)
class Column:
    """A column of a list: `order` the model fields it sorts by (none: not sortable)."""

    key: str
    label: Any
    order: tuple[str, ...] = ()
    css: str = ""


@dataclass(frozen=True)
class Header:
    label: Any
    url: str
    sort: str  # "ascending", "descending" or "" (aria-sort)
    css: str


@dataclass(frozen=True)
class Listing:
    page: Page[Any]
    total: int
    sort: str
    per_page: int
    headers: list[Header]
    sizes: list[tuple[int, str, bool]]  # (size, url, current)
    bulk: Offer | None = None  # the bulk actions offered on this page (None: no tick boxes)


def _url(request: HttpRequest, **changes: Any) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    for key, value in changes.items():
        query[key] = str(value)
    return "?" + query.urlencode()


def _value(row: Any, name: str) -> Any:
    for part in name.split("__"):
        row = getattr(row, part, None) if row is not None else None
    if isinstance(row, str):
        return (1, row.casefold())
    return (0, "") if row is None else (1, row)


def _sorted(rows: list[Any], order: Sequence[str]) -> list[Any]:
    """Rows sorted by `order` (model-style names, `-` descending, `__` following attributes), stable."""
    for name in reversed(order):
        rows.sort(key=_key(name.lstrip("-")), reverse=name.startswith("-"))
    return rows


def _key(name: str) -> Callable[[Any], Any]:
    return lambda row: _value(row, name)


def paginate(
    request: HttpRequest,
    queryset: QuerySet[Any] | Sequence[Any],
    columns: Sequence[Column],
    *,
    default: str,
    tiebreak: str = "-pk",
    bulk: Bulk | None = None,
) -> Listing:
    """The requested page of `queryset`, sorted by the requested column (or `default`)."""
    by_key = {c.key: c for c in columns if c.order}
    wanted = request.GET.get("sort", "") or default
    key = wanted.lstrip("-")
    if key not in by_key:
        wanted, key = default, default.lstrip("-")
    descending = wanted.startswith("-")
    order = [
        f"-{f.lstrip('-')}" if descending != f.startswith("-") else f.lstrip("-") for f in by_key[key].order
    ]
    if isinstance(queryset, QuerySet):
        queryset = queryset.order_by(*order, tiebreak)
    else:  # rows computed in Python (a unit's subordinates and their reports): sorted by the same names
        queryset = _sorted(list(queryset), order)
    try:
        per_page = int(request.GET.get("per_page", PAGE_SIZES[0]))
    except ValueError:
        per_page = PAGE_SIZES[0]
    if per_page not in PAGE_SIZES:
        per_page = PAGE_SIZES[0]
    page = Paginator(queryset, per_page, allow_empty_first_page=True).get_page(request.GET.get("page"))
    headers = []
    for column in columns:
        if not column.order:
            headers.append(Header(column.label, "", "", column.css))
            continue
        current = column.key == key
        next_sort = column.key if current and descending else f"-{column.key}" if current else column.key
        state = ("descending" if descending else "ascending") if current else ""
        headers.append(Header(column.label, _url(request, sort=next_sort), state, column.css))
    sizes = [(size, _url(request, per_page=size), size == per_page) for size in PAGE_SIZES]
    listing = Listing(page, page.paginator.count, wanted, per_page, headers, sizes)
    if bulk is not None:
        offered = bulk.offered(request.user, list(page.object_list))
        if offered:
            listing = replace(listing, bulk=Offer(reverse(bulk.url), offered))
    return listing


def create_list(
    request: HttpRequest,
    form: Any,
    run: Callable[[dict[str, Any]], Any],
    success: Any,
    redirect_to: Callable[[Any], str],
    *,
    template: str,
    queryset: QuerySet[Any],
    columns: Sequence[Column],
    default: str,
    bulk: Bulk | None = None,
) -> HttpResponse:
    """A list page with its create form: the POST goes through `core.workflow.submit_create`; otherwise
    the requested page of `queryset` (`paginate`) with the form, 400 when the form is bound::

        form = ConventionCreateForm(request.POST or None)
        return lists.create_list(request, form, lambda d: services.create_convention(actor=..., **d),
                                 _("Đã lập."), lambda c: reverse("democracy:convention", args=[c.pk]),
                                 template="democracy/conventions.html", queryset=qs, columns=COLUMNS,
                                 default="-created")
    """

    def context() -> dict[str, Any]:
        listing = paginate(request, queryset, columns, default=default, bulk=bulk)
        return {"page": listing.page, "listing": listing}

    return create_page(request, form, run, success, redirect_to, template=template, context=context)


# --- bulk actions on ticked rows ---------------------------------------------------------------------------


@dataclass(frozen=True)
class BulkAction:
    """One action on the ticked rows: `run(actor, record)` is the module's service call for one row (a
    move through `core.workflow.perform`); `action` the workflow action it performs (offered only where
    the kit allows it); `done` what the success message says was done ("Đã bắt đầu")."""

    name: str
    label: Any
    run: Callable[[Any, Any], Any] | None = None
    action: str = ""
    done: Any = ""


@dataclass(frozen=True)
class Export:
    """The ticked rows as a spreadsheet: file name (without extension), sheet title, headers, one row."""

    filename: str
    title: Any
    headers: Sequence[Any]
    row: Callable[[Any], Sequence[Any]]
    object_type: str = ""


EXPORT_ACTIONS = (
    BulkAction("export_xlsx", gettext_lazy("Xuất các dòng đã chọn (XLSX)")),
    BulkAction("export_csv", gettext_lazy("Xuất các dòng đã chọn (CSV)")),
)


@dataclass(frozen=True)
class Bulk:
    """A list's bulk actions: the URL name of its bulk view, how a row is named in messages, the actions,
    and the export of the selection (if the list has one)."""

    url: str
    describe: Callable[[Any], str]
    actions: Sequence[BulkAction] = ()
    export: Export | None = None
    record_of: Callable[[Any], Any] = field(default=lambda row: row)  # a list row's record (None: none)

    def all_actions(self) -> list[BulkAction]:
        return [*self.actions, *(EXPORT_ACTIONS if self.export else ())]

    def offered(self, actor: Any, records: Sequence[Any]) -> list[BulkAction]:
        """The actions `actor` may perform on at least one of `records` (exports whenever rows are shown)."""
        records = [r for r in (self.record_of(row) for row in records) if r is not None]
        if not records:
            return []
        moves: list[BulkAction] = []
        if self.actions:  # a list without moves (exports only) may show records with no workflow
            names = {a.name for record in records for a in allowed_actions(actor, record)}
            moves = [a for a in self.actions if a.action in names]
        return [*moves, *(EXPORT_ACTIONS if self.export else ())]


@dataclass(frozen=True)
class Offer:
    url: str
    actions: list[BulkAction] = field(default_factory=list)


class _RowRefused(Exception):
    def __init__(self, row: str, reason: Refused) -> None:
        super().__init__(row)
        self.row = row
        self.reason = reason


def ticked(request: HttpRequest) -> list[int]:
    """The ids of the ticked rows (`ids`), at most one page of the largest size."""
    return [int(i) for i in request.POST.getlist("ids") if i.isdigit()][: PAGE_SIZES[-1]]


def run_bulk(request: HttpRequest, bulk: Bulk, queryset: QuerySet[Any], *, back: str) -> HttpResponse:
    """The POST of a list's bulk form: `queryset` is what the person may see (the scope), the ticked rows
    are taken from it; a move runs row by row in one transaction (all or nothing); an export answers the
    file. Then back to the list (`back` + the list's query) with a message."""
    query = request.POST.get("query", "")
    back = back + ("?" + query if query else "")
    ids = ticked(request)
    by_pk = {r.pk: r for r in queryset.filter(pk__in=ids)} if ids else {}
    records = [by_pk[i] for i in ids if i in by_pk]
    if not records:
        messages.error(request, _("Hãy đánh dấu ít nhất một dòng trong danh sách."))
        return redirect(back)
    action = next((a for a in bulk.all_actions() if a.name == request.POST.get("action")), None)
    if action is None:
        messages.error(request, _("Hãy chọn một thao tác."))
        return redirect(back)
    if action.run is None:
        assert bulk.export is not None
        return export_selection(request, bulk.export, records, action.name.removeprefix("export_"))
    try:
        with transaction.atomic():
            for record in records:
                try:
                    action.run(request.user, record)
                except Refused as exc:
                    raise _RowRefused(bulk.describe(record), exc) from exc
    except _RowRefused as stop:
        messages.error(
            request,
            _("Không thực hiện “%(action)s”: %(row)s: %(reason)s Không dòng nào được ghi.")
            % {"action": str(action.label), "row": stop.row, "reason": _sentence(str(stop.reason))},
        )
        return redirect(back)
    messages.success(
        request,
        _("%(done)s %(n)s dòng: %(rows)s.")
        % {
            "done": str(action.done or action.label),
            "n": len(records),
            "rows": "; ".join(bulk.describe(r) for r in records),
        },
    )
    return redirect(back)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def export_selection(request: HttpRequest, export: Export, records: Sequence[Any], fmt: str) -> HttpResponse:
    """The ticked rows as CSV (UTF-8 with BOM) or XLSX, formula-safe cells; audited."""
    audit.record(
        actor=request.user,
        action=AuditAction.EXPORT,
        object_type=export.object_type,
        summary=f"Xuất {len(records)} dòng đã chọn: {export.title} ({fmt.upper()})",
    )
    rows = [list(export.row(r)) for r in records]
    headers = [str(h) for h in export.headers]
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(spreadsheet.csv_row(headers))
        for row in rows:
            writer.writerow(spreadsheet.csv_row(row))
        response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{export.filename}.csv"'
        return response
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = str(export.title)[:31]
    spreadsheet.xlsx_append(sheet, headers)
    for row in rows:
        spreadsheet.xlsx_append(sheet, row)
    out = io.BytesIO()
    workbook.save(out)
    response = HttpResponse(
        out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{export.filename}.xlsx"'
    return response
