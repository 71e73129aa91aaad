"""Citizens' pages: find a commune, its dialogues, send a question in advance, read the results."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.core import is_ratelimited

from danvan.core.text import fold
from danvan.core.workflow import Refused, show_refusal
from danvan.engagement import forms as f
from danvan.engagement import selectors, services
from danvan.engagement.models import DialogueState
from danvan.territory.models import AdminUnit, Level
from danvan.territory.selectors import UnknownUnitError, get_unit


@require_GET
def public_dialogues(request: HttpRequest) -> HttpResponse:
    """Citizens: find a commune and see its upcoming dialogues."""
    query = request.GET.get("q", "").strip()
    communes: list[AdminUnit] = []
    if query:
        communes = list(
            AdminUnit.objects.filter(level=Level.COMMUNE, folded_name__contains=fold(query))
            .select_related("parent")
            .order_by("path")[:30]
        )
    return render(
        request,
        "engagement/public_dialogues.html",
        {"query": query, "communes": communes, "upcoming": selectors.public_upcoming(limit=20)},
    )


@require_GET
def public_commune(request: HttpRequest, code: str) -> HttpResponse:
    try:
        unit = get_unit(code)
    except UnknownUnitError as exc:
        raise Http404(str(exc)) from exc
    return render(
        request,
        "engagement/public_commune.html",
        {
            "unit": unit,
            "upcoming": selectors.public_upcoming(unit),
            "published": selectors.public_published(unit),
        },
    )


QUESTION_RATE_LIMIT = 10  # questions per hour and address


@require_http_methods(["GET", "POST"])
def public_dialogue(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue = selectors.public_dialogue(pk)
    if dialogue is None:
        raise Http404(_("Không tìm thấy hội nghị đối thoại."))
    form = f.PublicQuestionForm(request.POST or None)
    status = 200
    if request.method == "POST":

        def limited(count: bool) -> bool:  # django-ratelimit in the shared cache, per client address
            return bool(
                is_ratelimited(
                    request,
                    group="danvan.engagement.questions",
                    key="ip",
                    rate=f"{QUESTION_RATE_LIMIT}/h",
                    increment=count,
                )
            )

        if form.is_valid() and form.cleaned_data["website"]:
            return redirect("engagement:public_dialogue", pk=pk)  # honeypot: pretend success
        if limited(False):
            form.add_error(None, _("Bạn đã gửi quá nhiều câu hỏi trong một giờ. Hãy thử lại sau."))
        elif form.is_valid():
            try:
                services.submit_question(
                    actor=request.user,
                    dialogue=dialogue,
                    text=form.cleaned_data["text"],
                    name=form.cleaned_data["name"],
                    contact=form.cleaned_data["contact"],
                )
            except Refused as exc:
                show_refusal(form, exc)
            else:
                limited(True)
                messages.success(
                    request, _("Câu hỏi của bạn đã được gửi đến ban tổ chức hội nghị. Xin cảm ơn!")
                )
                return redirect("engagement:public_dialogue", pk=pk)
        status = 400
    answered: list[Any] = []
    commitments: list[Any] = []
    if dialogue.state == DialogueState.PUBLISHED:
        answered = selectors.public_questions(dialogue)
        commitments = list(dialogue.commitments.order_by("due_date"))
    return render(
        request,
        "engagement/public_dialogue.html",
        {
            "dialogue": dialogue,
            "form": form,
            "answered": answered,
            "commitments": commitments,
            "questions_count": dialogue.questions.count(),
        },
        status=status,
    )
