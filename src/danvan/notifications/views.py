"""The unsubscribe page (the link of every message: a signed token, no address in it), the officers'
letters of a petition (DOCX) and an officer's own notification preferences."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from danvan.notifications import preferences, services
from danvan.notifications.forms import PreferenceForm


@csrf_exempt  # RFC 8058 one-click unsubscribe: mail clients POST without a form; the token is the secret
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    valid = services.read_unsubscribe_token(token) is not None
    done = False
    if request.method == "POST" and valid:
        done = services.unsubscribe(token)
    status = 200 if valid else 400
    return render(
        request,
        "notifications/unsubscribe.html",
        {"valid": valid, "done": done, "token": token},
        status=status,
    )


@login_required
def letter(request: HttpRequest, pk: int, kind: str, fmt: str = "docx") -> HttpResponse:
    """A letter of a petition the officer may see (`petitions.selectors.petition_for`: 404 otherwise), as
    DOCX or PDF."""
    from danvan.accounts.scoping import scope_for
    from danvan.notifications.letters import LETTERS, build_docx, build_pdf
    from danvan.petitions.selectors import petition_for

    if kind not in LETTERS:
        raise Http404
    petition = petition_for(scope_for(request.user), pk)
    if fmt == "pdf":
        response = HttpResponse(build_pdf(petition, kind), content_type="application/pdf")
    else:
        response = HttpResponse(
            build_docx(petition, kind),
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
    response["Content-Disposition"] = f'attachment; filename="{kind}-{petition.tracking_code}.{fmt}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def my_preferences(request: HttpRequest) -> HttpResponse:
    """The logged-in officer's own e-mail choices (no id in the URL: nobody else's can be reached)."""
    current = preferences.preference_of(request.user)
    form = PreferenceForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            preferences.save_preferences(
                user=request.user, **{name: form.cleaned_data[name] for name in preferences.FIELDS}
            )
        except preferences.PreferenceError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Đã lưu tùy chọn nhận thông báo."))
            return redirect("notifications:preferences")
    return render(
        request,
        "notifications/preferences.html",
        {"form": form, "email": getattr(request.user, "email", "")},
        status=400 if form.errors else 200,
    )
