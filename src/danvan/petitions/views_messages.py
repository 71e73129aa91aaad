"""Đơn thư: the two-way messages' pages (thin: parse, call `services.messages`, render).

The citizen: `/petitions/tra-cuu/<code>/trao-doi/` asks for the secret phrase (rate-limited per client,
one message whatever failed), then shows the thread for 30 minutes of this browser's session (each
showing audited by the service) with the reply form (text and documents). The officers' side is on the
case's page (`detail_context`) and its forms post to the petition's action view (`message`,
`issue-phrase`).
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.core import is_ratelimited

from danvan.core import clock
from danvan.core.text import ascii_filename
from danvan.core.workflow import Refused
from danvan.petitions import files as file_store
from danvan.petitions import services
from danvan.petitions.forms_messages import PhraseForm, ReplyForm
from danvan.petitions.models import Petition

# Wrong phrases: at most this many attempts per client address in the window (django-ratelimit in the
# shared cache, as the public form's limit). 80 random bits cannot be guessed anyway; the limit stops a
# script from trying.
PHRASE_ATTEMPTS = 10
PHRASE_WINDOW_SECONDS = 15 * 60
GRANT_SECONDS = 30 * 60
SESSION_KEY = "petitions.threads"
DOCUMENT_KEYS = "petitions.thread_documents"
DOCUMENT_SALT = "danvan.petitions.thread_document"


def _phrase_rate_limited(request: HttpRequest) -> bool:
    return bool(
        is_ratelimited(
            request,
            group="danvan.petitions.phrase",
            key="ip",
            rate=f"{PHRASE_ATTEMPTS}/{PHRASE_WINDOW_SECONDS}s",
            increment=True,
        )
    )


def _grant(request: HttpRequest, petition_id: int) -> None:
    now = clock.now().timestamp()
    grants = {k: v for k, v in dict(request.session.get(SESSION_KEY) or {}).items() if v > now}
    grants[str(petition_id)] = now + GRANT_SECONDS
    request.session[SESSION_KEY] = grants
    _new_document_key(request, petition_id)  # new links with every phrase entry: older ones stop working
    request.session.cycle_key()  # a new session id once the phrase is proven


def _new_document_key(request: HttpRequest, petition_id: int) -> None:
    grants = request.session.get(SESSION_KEY) or {}
    keys = {k: v for k, v in dict(request.session.get(DOCUMENT_KEYS) or {}).items() if k in grants}
    keys[str(petition_id)] = secrets.token_urlsafe(16)
    request.session[DOCUMENT_KEYS] = keys


def _document_salt(request: HttpRequest, petition_id: int) -> str | None:
    """The salt of this thread session's document links: a random key kept in the session when the phrase
    was proven, so a link is good only in the browser that entered the phrase, only until the session
    ends, and a new phrase entry makes new links."""
    key = (request.session.get(DOCUMENT_KEYS) or {}).get(str(petition_id))
    return f"{DOCUMENT_SALT}:{petition_id}:{key}" if key else None


def document_token(request: HttpRequest, petition_id: int, attachment_id: int) -> str:
    """The opaque part of a document's download link in this thread session (signed, not guessable); the
    caller has checked the session's grant (`_granted`)."""
    salt = _document_salt(request, petition_id)
    if salt is None:  # a thread opened before documents had links: its grant stands, give it a key
        _new_document_key(request, petition_id)
        salt = _document_salt(request, petition_id)
    return signing.dumps(attachment_id, salt=str(salt))


def _document_of(request: HttpRequest, petition_id: int, token: str) -> int | None:
    """The attachment a link of this thread session names; None for a link of another session, another
    petition, an older phrase entry, or one older than the session's 30 minutes."""
    salt = _document_salt(request, petition_id)
    if salt is None:
        return None
    try:
        value = signing.loads(token, salt=salt, max_age=GRANT_SECONDS)
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None


def _granted(request: HttpRequest, code: str) -> int | None:
    """The petition whose thread this browser opened with the phrase (within 30 minutes), else None."""
    grants = request.session.get(SESSION_KEY) or {}
    if not grants:
        return None
    pk = (
        Petition.objects.filter(tracking_code=services.normalise_code(code))
        .values_list("pk", flat=True)
        .first()
    )
    if pk is None or grants.get(str(pk), 0) <= clock.now().timestamp():
        return None
    return int(pk)


def _phrase_page(request: HttpRequest, code: str, form: PhraseForm, *, status: int = 200) -> HttpResponse:
    return render(
        request,
        "petitions/messages_phrase.html",
        {"code": services.normalise_code(code), "form": form},
        status=status,
    )


def _thread_page(
    request: HttpRequest, petition_id: int, form: ReplyForm | None = None, errors: Any = (), status: int = 200
) -> HttpResponse:
    petition, thread = services.citizen_read(petition_id=petition_id)
    code = petition.tracking_code
    for message in thread:
        for item in message.attachments:
            url = reverse(
                "petitions:thread_document", args=[code, document_token(request, petition_id, item.pk)]
            )
            setattr(item, "download_url", url)  # noqa: B010 - a display-only attribute
    return render(
        request,
        "petitions/messages_citizen.html",
        {
            "code": petition.tracking_code,
            "thread": thread,
            "form": form or ReplyForm(),
            "attachment_errors": list(errors),
            "max_files": file_store.MAX_FILES,
            "max_mb": file_store.MAX_BYTES // (1024 * 1024),
        },
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def thread(request: HttpRequest, code: str) -> HttpResponse:
    """The citizen's thread: the phrase first (POST), then the messages (GET, audited)."""
    if request.method == "POST":
        form = PhraseForm(request.POST)
        if _phrase_rate_limited(request):
            form.is_valid()
            form.add_error(
                None,
                _(
                    "Bạn đã nhập cụm từ bí mật quá nhiều lần. Hãy đợi 15 phút rồi thử lại, hoặc liên hệ "
                    "cơ quan giải quyết."
                ),
            )
            return _phrase_page(request, code, form, status=429)
        if not form.is_valid():
            return _phrase_page(request, code, form, status=400)
        try:
            petition_id = services.verify_phrase(code=code, phrase=form.cleaned_data["phrase"])
        except Refused as exc:
            form.add_error("phrase", str(exc))
            return _phrase_page(request, code, form, status=400)
        _grant(request, petition_id)
        return redirect(reverse("petitions:thread", args=[services.normalise_code(code)]))
    granted = _granted(request, code)
    if granted is None:
        return _phrase_page(request, code, PhraseForm())
    return _thread_page(request, granted)


@never_cache
@require_POST
def reply(request: HttpRequest, code: str) -> HttpResponse:
    """The citizen's answer, with documents; nothing saved on an error, which stands beside its field."""
    petition_id = _granted(request, code)
    if petition_id is None:
        messages.error(request, _("Phiên trao đổi đã hết hạn: hãy nhập lại cụm từ bí mật."))
        return redirect(reverse("petitions:thread", args=[services.normalise_code(code)]))
    form = ReplyForm(request.POST)
    if not form.is_valid():
        return _thread_page(request, petition_id, form, status=400)
    try:
        services.citizen_reply(
            petition_id=petition_id,
            body=form.cleaned_data["body"],
            files=request.FILES.getlist("attachments"),
        )
    except Refused as exc:
        if exc.field == "attachments":
            return _thread_page(request, petition_id, form, errors=[str(exc)], status=400)
        form.add_error("body" if exc.field == "body" else None, str(exc))
        return _thread_page(request, petition_id, form, status=400)
    messages.success(request, _("Đã gửi tin nhắn của bạn đến cơ quan giải quyết."))
    return redirect(reverse("petitions:thread", args=[services.normalise_code(code)]))


@never_cache
@require_GET
def document(request: HttpRequest, code: str, token: str) -> HttpResponse:
    """A document of the thread (the citizen's own or the body's), by a link of this thread session only;
    404 for anything else, saying nothing of what exists, on the page that leads on (the phrase form).
    Always a download, never shown inline; a protected petition's under its neutral name. The service
    audits the download."""
    petition_id = _granted(request, code)
    attachment_id = _document_of(request, petition_id, token) if petition_id is not None else None
    found = (
        services.citizen_document(petition_id=petition_id, attachment_id=attachment_id)
        if petition_id is not None and attachment_id is not None
        else None
    )
    if found is None:
        # The same answer for an expired session, another browser's link or a forged one (nothing said of
        # what exists): 404 with the way on, the thread while this session still holds it, else the phrase.
        messages.error(
            request, _("Không tìm thấy tài liệu, hoặc phiên trao đổi đã hết hạn: hãy nhập lại cụm từ bí mật.")
        )
        if petition_id is not None:
            return _thread_page(request, petition_id, status=404)
        return _phrase_page(request, code, PhraseForm(), status=404)
    response = HttpResponse(found.data, content_type=found.content_type)
    response["Content-Disposition"] = f'attachment; filename="{ascii_filename(found.name)}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def detail_context(request: HttpRequest, petition: Petition, forms: Mapping[str, Any]) -> dict[str, Any]:
    """The thread on the case's page, for those who may write in it (the reading is audited)."""
    if not services.may_message(request.user, petition):
        return {"thread": None, "message_count": petition.messages.count()}
    return {
        "thread": services.officer_read(actor=request.user, petition=petition),
        "message_form": forms["message"],
        "issue_phrase_form": forms["issue-phrase"],
    }


def after_message(request: HttpRequest, petition: Petition) -> tuple[str, str]:
    text = _("Đã gửi tin nhắn cho người gửi đơn.")
    if getattr(petition, "message_redacted", False):
        text += " " + _(
            "Một số thông tin có thể làm lộ danh tính (tên, số điện thoại, địa chỉ, thư điện tử) đã được che "
            "trong tin nhắn."
        )
    return text, reverse("petitions:detail", args=[petition.pk]) + "#messages"


def after_issue_phrase(request: HttpRequest, petition: Petition) -> tuple[str, str]:
    text = _(
        "Cụm từ bí mật mới của đơn %(code)s (chỉ hiện một lần, hãy trao trực tiếp cho người gửi đơn): %(phrase)s"
    ) % {"code": petition.tracking_code, "phrase": petition.message_phrase}
    return text, reverse("petitions:detail", args=[petition.pk]) + "#messages"
