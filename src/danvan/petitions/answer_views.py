"""Đơn thư: answer templates on the answer form (htmx fill) and the group answer page of a master petition."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from danvan.accounts.scoping import scope_for
from danvan.core.workflow import Conflict, Refused
from danvan.petitions import selectors
from danvan.petitions.answer_forms import GroupAnswerForm, TemplatePickForm
from danvan.petitions.forms import ResolveForm
from danvan.petitions.services import answers


@login_required
@require_POST
def fill(request: HttpRequest, pk: int) -> HttpResponse:
    """The answer field filled from the chosen template (htmx: replaces the field; the officer then edits).
    `raw=1` keeps the placeholders (the group answer fills them per petition). On an error the officer's
    text stays and the message stands beside the field."""
    petition = selectors.petition_for(scope_for(request.user), pk)
    pick = TemplatePickForm(request.POST, petition=petition)
    current = request.POST.get("answer", "")[:20000]
    form_class = GroupAnswerForm if request.POST.get("raw") == "1" else ResolveForm
    error = ""
    text = current
    if not pick.is_valid():
        error = " ".join(str(e) for errors in pick.errors.values() for e in errors)
    else:
        try:
            text = answers.template_text(
                actor=request.user,
                petition=petition,
                template_id=pick.cleaned_data["answer_template"].pk,
                raw=request.POST.get("raw") == "1",
            )
        except Refused as exc:
            error = str(exc)
    form = form_class(initial={"answer": text})
    field = form["answer"]
    if error:
        form = form_class(data={"answer": current})
        form.errors.clear()
        form.add_error("answer", error)
        field = form["answer"]
    return render(request, "petitions/_answer_field.html", {"field": field}, status=200)


@login_required
@require_http_methods(["GET", "POST"])
def answer_group(request: HttpRequest, pk: int) -> HttpResponse:
    """Trả lời cả nhóm: the master's group with what will be answered, and one answer for all."""
    master = selectors.petition_for(scope_for(request.user), pk)
    members = answers.members(request.user, master)
    form = GroupAnswerForm(request.POST or None)
    pick = TemplatePickForm(petition=master)
    status = 200
    error = ""
    if request.method == "POST" and form.is_valid():
        versions = {
            m.petition.pk: int(request.POST.get(f"v{m.petition.pk}", "-1") or -1)
            for m in members
            if f"v{m.petition.pk}" in request.POST
        }
        try:
            done = answers.answer_group(
                actor=request.user,
                master=master,
                answer=form.cleaned_data["answer"],
                decision_ref=form.cleaned_data["decision_ref"],
                answer_public=form.cleaned_data["answer_public"],
                withhold_reason=form.cleaned_data["withhold_reason"],
                versions=versions,
            )
        except Refused as exc:
            error = str(exc)
            status = 409 if isinstance(exc, Conflict) or isinstance(exc.__cause__, Conflict) else 400
            form.add_error("answer" if exc.field == "answer" else None, error)
        else:
            messages.success(
                request,
                _("Đã trả lời %(n)s đơn của nhóm: %(codes)s.")
                % {"n": len(done), "codes": ", ".join(p.tracking_code for p in done)},
            )
            return redirect(reverse("petitions:detail", args=[master.pk]))
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "petitions/answer_group.html",
        {
            "p": master,
            "members": members,
            "answerable": [m for m in members if m.answered],
            "form": form,
            "pick": pick,
            "is_master": master.master_id is None,
        },
        status=status,
    )
