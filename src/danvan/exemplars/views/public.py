"""Public pages: the gallery of recognised models, a model's story, its photos, published contests."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from danvan.accounts.scoping import scope_for
from danvan.core.text import ascii_filename
from danvan.exemplars import selectors
from danvan.exemplars.models import Contest, ContestRound, Exemplar, ExemplarFile, Field, FileKind, Kind
from danvan.territory.models import AdminUnit, Level


def cursor_of(request: HttpRequest) -> int | None:
    raw = request.GET.get("cursor", "")
    return int(raw) if raw.isdigit() else None


def query_without_cursor(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("cursor", None)
    return params.urlencode()


def _provinces() -> list[AdminUnit]:
    return list(AdminUnit.objects.filter(level=Level.PROVINCE).order_by("name"))


@require_GET
def gallery(request: HttpRequest) -> HttpResponse:
    page = selectors.gallery(
        query=request.GET.get("q", "")[:200],
        field=request.GET.get("field", ""),
        province=request.GET.get("province", ""),
        kind=request.GET.get("kind", ""),
        cursor=cursor_of(request),
    )
    return render(
        request,
        "exemplars/gallery.html",
        {
            "page": page,
            "fields": Field.choices,
            "kinds": Kind.choices,
            "provinces": _provinces(),
            "base_query": query_without_cursor(request),
            "contests": selectors.published_contests()[:5],
        },
    )


def story_context(exemplar: Exemplar, *, public: bool) -> dict[str, Any]:
    files = list(exemplar.files.all())
    return {
        "exemplar": exemplar,
        "results": list(exemplar.results.all()),
        "photos": [f for f in files if f.kind == FileKind.PHOTO],
        "documents": [] if public else [f for f in files if f.kind == FileKind.DOCUMENT],
        "replications": list(selectors.replications(exemplar)),
        "chart": selectors.replication_chart(exemplar),
    }


@require_GET
def public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    exemplar = selectors.public_exemplar(pk)
    return render(request, "exemplars/public_detail.html", story_context(exemplar, public=True))


@require_GET
def file(request: HttpRequest, pk: int) -> FileResponse:
    stored = get_object_or_404(ExemplarFile.objects.select_related("exemplar__unit"), pk=pk)
    public = stored.exemplar.is_public and stored.kind == FileKind.PHOTO
    if not public:
        selectors.exemplar_for(scope_for(request.user), stored.exemplar_id)
    response = FileResponse(stored.file.open("rb"), content_type=stored.content_type)
    disposition = "inline" if stored.kind == FileKind.PHOTO else "attachment"
    response["Content-Disposition"] = (
        f'{disposition}; filename="{ascii_filename(stored.original_name)}"; '
        f"filename*=UTF-8''{quote(stored.original_name)}"
    )
    return response


def ranking_rows(contest: Contest) -> list[tuple[ContestRound, list[selectors.RankedEntry]]]:
    ranking = selectors.contest_ranking(contest)
    return [(r, ranking.get(r.pk, [])) for r in contest.rounds.all()]


@require_GET
def contest_public(request: HttpRequest, pk: int) -> HttpResponse:
    contest = get_object_or_404(selectors.published_contests(), pk=pk)
    return render(
        request,
        "exemplars/contest_public.html",
        {"contest": contest, "ranking": ranking_rows(contest)},
    )
