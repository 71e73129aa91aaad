"""The lists officers expect, in one place for every module: sortable columns, totals, page size.

    COLUMNS = [Column("code", _("Mã hồ sơ"), ("tracking_code",)), Column("title", _("Tiêu đề"))]
    listing = lists.paginate(request, queryset, COLUMNS, default="-received")
    render(..., {"listing": listing, "page": listing.page})

`?sort=received` sorts ascending, `?sort=-received` descending (only the declared columns: anything
else falls back to the default, never an error); `?per_page=50` picks a size among PAGE_SIZES. The
template shows `includes/list_head.html` (the sortable header row) and `includes/list_controls.html`
(the total and the page sizes); `includes/pagination.html` keeps the other parameters.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

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


def _url(request: HttpRequest, **changes: Any) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    for key, value in changes.items():
        query[key] = str(value)
    return "?" + query.urlencode()


def paginate(
    request: HttpRequest,
    queryset: QuerySet[Any],
    columns: Sequence[Column],
    *,
    default: str,
    tiebreak: str = "-pk",
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
    queryset = queryset.order_by(*order, tiebreak)
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
    return Listing(page, page.paginator.count, wanted, per_page, headers, sizes)
