"""Theo dõi báo chí: views (thin: parse input, call a selector or a service, render)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.accounts.scoping import scope_for
from danvan.core import clock, jobs, lists
from danvan.press import selectors, services, tasks
from danvan.press.forms import UploadForm, file_problem
from danvan.press.models import EventType, IngestJob

View = Callable[..., HttpResponse]


def staff_only(view: View) -> View:
    """Logged-in staff members only (press events are public information, but this is an officers' tool)."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not selectors.can_browse(scope_for(request.user)):
            raise PermissionDenied(gettext("Chỉ cán bộ có vai trò tại một đơn vị mới xem được mục báo chí."))
        return view(request, *args, **kwargs)

    return wrapped


EVENT_COLUMNS = [
    lists.Column("date", _("Ngày"), ("date",)),
    lists.Column("title", _("Sự kiện"), ("title",)),
    lists.Column("type", _("Loại"), ("type",)),
    lists.Column("province", _("Tỉnh, thành phố"), ("province__code",)),
    lists.Column("period", _("Kỳ"), ("period_year", "period_half")),
]
EVENT_BULK = lists.Bulk(
    url="press:event_bulk",
    describe=lambda e: e.display_title,
    export=lists.Export(
        "su-kien-da-chon",
        _("Sự kiện dân vận"),
        [_("Ngày"), _("Sự kiện"), _("Loại"), _("Tỉnh, thành phố"), _("Kỳ"), _("Cơ quan tổ chức")],
        lambda e: [clock.format_date(e.date), e.display_title, e.get_type_display(),
                   e.province.name if e.province else "", e.period_label, e.organizer],
        "press.event",
    ),
)  # fmt: skip


@staff_only
@require_POST
def event_bulk(request: HttpRequest) -> HttpResponse:
    """Ticked events exported (XLSX or CSV)."""
    qs = selectors.search_events(scope_for(request.user), selectors.EventFilters.from_params({}))
    return lists.run_bulk(request, EVENT_BULK, qs, back=reverse("press:event_list"))


@staff_only
@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    filters = selectors.EventFilters.from_params(request.GET)
    listing = lists.paginate(
        request, selectors.search_events(scope, filters), EVENT_COLUMNS, default="-date", bulk=EVENT_BULK
    )
    return render(
        request,
        "press/event_list.html",
        {
            "page": listing.page,
            "listing": listing,
            "filters": filters,
            "provinces": selectors.provinces_with_counts(scope),
            "years": selectors.period_years(scope),
            "can_ingest": services.can_ingest(request.user),
        },
    )


@staff_only
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    """Upload: each file is checked; the good ones are kept and ingested in the background (django.tasks,
    `press.tasks`), and the page of the batch shows its progress, then one result per file. A batch with no
    readable file is answered at once."""
    if not services.can_ingest(request.user):
        raise PermissionDenied(
            gettext("Chỉ cán bộ, lãnh đạo đơn vị hoặc quản trị viên mới được nhập bài báo.")
        )
    outcomes: list[services.IngestOutcome] = []
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            files = form.cleaned_data["articles"]
            source_url = form.cleaned_data["source_url"] if len(files) == 1 else ""
            checked: list[tuple[str, bytes | None, str]] = []
            for upload_file in files:  # one by one: a bad file is listed with its reason, the rest go in
                problem = file_problem(upload_file)
                checked.append((upload_file.name or "", None if problem else upload_file.read(), problem))
            if any(problem == "" for _, _, problem in checked):
                job = tasks.start_batch(actor=request.user, files=checked, source_url=source_url or "")
                return redirect("press:ingest_job", pk=job.pk)
            outcomes = [services.IngestOutcome(name=n, status="error", message=p) for n, _, p in checked]
            form = UploadForm()
    else:
        form = UploadForm()
    return render(request, "press/upload.html", {"form": form, "outcomes": outcomes})


@staff_only
@require_GET
def ingest_job(request: HttpRequest, pk: int) -> HttpResponse:
    """A batch's progress, then one result per file (only the person who uploaded it)."""
    job = jobs.checked(get_object_or_404(IngestJob, pk=pk, actor_id=request.user.pk))
    outcomes = [services.IngestOutcome(**o) for o in job.outcomes]
    return render(request, "press/ingest_job.html", {"job": job, "outcomes": outcomes})


@staff_only
@require_GET
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    scope = scope_for(request.user)
    event = selectors.event_detail(scope, pk)
    return render(
        request,
        "press/event_detail.html",
        {
            "event": event,
            "appearances": list(event.appearances.all()),
            "can_make_conference": services.conference_service() is not None
            and scope.has_role(event.unit, services.ACT_ROLES),
            "conference_available": services.conference_service() is not None,
            "type_other": EventType.OTHER,
        },
    )


@staff_only
@require_POST
def make_conference(request: HttpRequest, pk: int) -> HttpResponse:
    scope = scope_for(request.user)
    event = selectors.event_detail(scope, pk)
    try:
        conference = services.create_conference_from_event(actor=request.user, event_id=event.pk)
    except (services.IngestError, services.ConferenceUnavailableError) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, gettext("Đã tạo hồ sơ hội nghị “%(conference)s”.") % {"conference": conference}
        )
    return redirect(reverse("press:event_detail", args=[event.pk]))


@staff_only
@require_GET
def person_list(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    query = request.GET.get("q", "")[:150]
    page = Paginator(selectors.search_people(scope, query), 50).get_page(request.GET.get("page"))
    return render(request, "press/person_list.html", {"page": page, "query": query})


@staff_only
@require_GET
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person, appearances = selectors.person_detail(scope_for(request.user), pk)
    return render(request, "press/person_detail.html", {"person": person, "appearances": appearances})


@staff_only
@require_GET
def province_list(request: HttpRequest) -> HttpResponse:
    provinces = selectors.provinces_with_counts(scope_for(request.user))
    return render(request, "press/province_list.html", {"provinces": provinces})


@staff_only
@require_GET
def province_timeline(request: HttpRequest, code: str) -> HttpResponse:
    province, years = selectors.province_timeline(scope_for(request.user), code)
    return render(request, "press/province_timeline.html", {"province": province, "years": years})
