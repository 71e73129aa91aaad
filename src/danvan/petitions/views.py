"""Đơn thư: views (thin: parse input, call a service or selector, render)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.core import is_ratelimited

from danvan.accounts.scoping import ACT_ROLES, scope_for
from danvan.core import audit, clock, jobs, lists, spreadsheet
from danvan.core.models import AuditAction
from danvan.core.text import ascii_filename
from danvan.core.workflow import ActionSpec, ActionTable, Refused
from danvan.petitions import held, importing, selectors, services, tasks, views_messages
from danvan.petitions.forms import (
    AssignForm,
    BulkForm,
    ConfirmForm,
    DeskPetitionForm,
    ExtendForm,
    FieldForm,
    FilterForm,
    ImportForm,
    LinkForm,
    PublicPetitionForm,
    RatingForm,
    ReasonForm,
    ResolveForm,
    TrackForm,
    TransferForm,
)
from danvan.petitions.forms_messages import IssuePhraseForm, MessageForm
from danvan.petitions.models import Attachment, Field, ImportJob, Petition, State
from danvan.territory import naming

RATE_WINDOW_SECONDS = 3600


def _rate_limited(request: HttpRequest) -> bool:
    """django-ratelimit in the shared cache: every worker counts the same submissions of a client."""
    limit = settings.PETITIONS_RATE_LIMIT_PER_HOUR
    return bool(
        is_ratelimited(
            request,
            group="danvan.petitions.submit",
            key="ip",
            rate=f"{limit}/{RATE_WINDOW_SECONDS}s",
            increment=True,
        )
    )


def _apply_errors(form: Any, exc: services.IntakeError) -> list[str]:
    """Put the service's errors on the form once each (the form may have found some itself); returns
    the attachments' errors, which the template shows under the file input."""
    for name, msgs in exc.errors.items():
        if name == "attachments":
            continue
        target = name if name in form.fields else None
        present = {str(m) for m in form.errors.get(target or "__all__", [])}
        for msg in msgs:
            if msg not in present:
                form.add_error(target, msg)
    return list(exc.errors.get("attachments", []))


@never_cache
@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest) -> HttpResponse:
    """The public form: no account, rate-limited per client, with a honeypot."""
    if request.method == "POST":
        if request.POST.get("website"):
            # A bot filled the hidden field: answer like a success, save nothing.
            return render(request, "petitions/receipt.html", {"code": None}, status=200)
        if _rate_limited(request):
            return render(request, "petitions/rate_limited.html", status=429)
        # Files kept from a previous try that had an error (the browser cannot re-attach them).
        held_token = request.POST.get("held_files", "")
        drop = frozenset(int(i) for i in request.POST.getlist("drop_held") if i.isdigit())
        files = [*held.restore(held_token, drop=drop), *request.FILES.getlist("attachments")]
        try:
            petition = services.submit_petition(
                actor=None, channel="web", data=request.POST, files=files, journal=True
            )
        except services.IntakeError as exc:
            form = PublicPetitionForm(request.POST)  # built only to show the errors: the service validated
            form.is_valid()
            attachment_errors = _apply_errors(form, exc)
            held.discard(held_token)
            context = {"form": form, "attachment_errors": attachment_errors, "held": held.hold(files)}
            return render(request, "petitions/submit.html", context, status=400)
        held.discard(held_token)
        receipt_url = reverse("petitions:receipt", args=[petition.tracking_code])
        response = redirect(receipt_url)
        _hand_over_key(
            response, receipt_url, petition.tracking_code, petition.citizen_key, petition.message_phrase
        )
        return response
    return render(request, "petitions/submit.html", {"form": PublicPetitionForm()})


@never_cache
def receipt(request: HttpRequest, code: str) -> HttpResponse:
    status = selectors.public_status(code)
    if status is None:
        return render(request, "petitions/track.html", {"form": TrackForm(), "not_found": True}, status=404)
    key, phrase = _taken_key(request, status.tracking_code)
    response = render(
        request,
        "petitions/receipt.html",
        {
            "code": status.tracking_code,
            "status": status,
            "citizen_key": key,
            "message_phrase": phrase,
            "qr": _tracking_qr(status.tracking_code),
        },
    )
    if key:
        response.delete_cookie(_KEY_COOKIE, path=request.path, samesite="Lax")
    return response


# The confirmation key is shown once, on the receipt page this browser is redirected to. It travels in a
# short-lived signed cookie sent to that receipt page only, deleted when the receipt shows it: it is never
# stored on the server (before, the session table held it, and writing the session cost the public
# form's request a second write transaction and a read).
_KEY_COOKIE = "dv_receipt_key"
_KEY_COOKIE_SALT = "danvan.petitions.receipt_key"
_KEY_COOKIE_SECONDS = 600


def _hand_over_key(response: HttpResponse, receipt_url: str, code: str, key: str, phrase: str = "") -> None:
    """The confirmation key and the messages' secret phrase (`phrases`), both shown once on the receipt."""
    response.set_signed_cookie(
        _KEY_COOKIE,
        f"{code}|{key}|{phrase}",
        salt=_KEY_COOKIE_SALT,
        max_age=_KEY_COOKIE_SECONDS,
        path=receipt_url,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def _taken_key(request: HttpRequest, code: str) -> tuple[str, str]:
    """The confirmation key and the secret phrase handed over with the redirect to this receipt (empty if
    none or another's)."""
    value = request.get_signed_cookie(
        _KEY_COOKIE, default="", salt=_KEY_COOKIE_SALT, max_age=_KEY_COOKIE_SECONDS
    )
    held_code, _, rest = (value or "").partition("|")
    key, _, phrase = rest.partition("|")
    return (key, phrase) if held_code == code else ("", "")


def _tracking_qr(code: str) -> str:
    """The tracking page's address as a QR code (inline SVG made by `core.qr` from our own URL)."""
    from django.conf import settings
    from django.utils.safestring import mark_safe

    from danvan.core import qr

    url = f"{settings.SITE_URL}{reverse('petitions:track')}?code={code}"
    return mark_safe(qr.svg(url))  # markup generated by core.qr from our own URL; the code is [A-Z0-9-] only


def receipt_pdf(request: HttpRequest, code: str) -> HttpResponse:
    """The printable receipt as PDF (WeasyPrint): code, QR code of the tracking page, dates, body. The
    confirmation key is not in it (it is shown once, on the web receipt, and stored only as a hash)."""
    status = selectors.public_status(code)
    if status is None:
        return render(request, "petitions/track.html", {"form": TrackForm(), "not_found": True}, status=404)
    from weasyprint import HTML

    html = render(
        request,
        "petitions/receipt_print.html",
        {"code": status.tracking_code, "status": status, "qr": _tracking_qr(status.tracking_code)},
    ).content.decode()
    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="bien-nhan-{status.tracking_code}.pdf"'
    return response


@never_cache
def track(request: HttpRequest) -> HttpResponse:
    form = TrackForm(request.GET or None)
    status = None
    not_found = False
    if form.is_bound and form.is_valid():
        status = selectors.public_status(form.cleaned_data["code"])
        not_found = status is None
    return render(
        request,
        "petitions/track.html",
        {"form": form, "status": status, "not_found": not_found, "rating_form": RatingForm()},
        status=404 if not_found else 200,
    )


@require_POST
def rate(request: HttpRequest, code: str) -> HttpResponse:
    form = RatingForm(request.POST)
    if form.is_valid():
        try:
            services.rate(
                code=code,
                key=form.cleaned_data["key"],
                rating=form.cleaned_data["rating"],
                comment=form.cleaned_data["comment"],
            )
            messages.success(request, gettext("Cảm ơn bạn đã đánh giá kết quả giải quyết."))
        except Refused as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, gettext("Hãy chọn mức độ hài lòng từ 1 đến 5."))
    return redirect(reverse("petitions:track") + "?code=" + code)


# --- officers -------------------------------------------------------------------------------------


def _filters(request: HttpRequest) -> tuple[FilterForm, dict[str, Any]]:
    form = FilterForm(request.GET or None, units=scope_for(request.user).units())
    data: dict[str, Any] = form.cleaned_data if form.is_bound and form.is_valid() else {}
    return form, {k: v for k, v in data.items() if v}


LIST_COLUMNS = [
    lists.Column("code", _("Mã hồ sơ"), ("tracking_code",)),
    lists.Column("title", _("Tiêu đề"), ("title",)),
    lists.Column("kind", _("Loại"), ("kind",)),
    lists.Column("field", _("Lĩnh vực"), ("field__name",)),
    lists.Column("unit", _("Đơn vị"), ("unit__path",)),
    lists.Column("received", _("Ngày nhận"), ("received_at",)),
    lists.Column("state", _("Trạng thái"), ("state",)),
    lists.Column("due", _("Hạn"), ("due_date",)),
    lists.Column("handler", _("Cán bộ thụ lý"), ("handler__full_name",)),
]


def _may_search_identity(request: HttpRequest) -> bool:
    """Officers and heads search by a sender's name or phone; each match is then kept only if the
    petitions' confidentiality rules let them see that sender (`services.can_see_identity`)."""
    scope = scope_for(request.user)
    return bool(scope.paths(ACT_ROLES)) or scope.is_admin


def _petitions(request: HttpRequest, filters: Mapping[str, Any]) -> QuerySet[Petition]:
    """The filtered petitions of the scope; `who` (a sender's name or phone) by blind index, audited when
    it touches a denunciation."""
    scope = scope_for(request.user)
    who = filters.get("who", "")
    qs = selectors.petitions_for(scope, **{k: v for k, v in filters.items() if k != "who"})
    if not who:
        return qs
    if not _may_search_identity(request):
        return qs.none()
    matches = list(selectors.by_identity(qs, who)[:IDENTITY_MATCHES])
    allowed = [p for p in matches if services.can_see_identity(request.user, p)]
    denunciations = sum(1 for p in allowed if p.is_confidential)
    if denunciations:
        audit.record(
            actor=request.user,
            action=AuditAction.VIEW_CONFIDENTIAL,
            object_type="petitions.petition",
            unit=scope.home_unit(),
            summary=f"Tìm đơn theo danh tính người gửi: {len(allowed)} đơn, trong đó {denunciations} đơn tố cáo",
        )
    return qs.filter(pk__in=[p.pk for p in allowed])


IDENTITY_MATCHES = 500


@login_required
def officer_list(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    form, filters = _filters(request)
    petitions = _petitions(request, filters).annotate(has_new_message=services.new_message_q())
    listing = lists.paginate(request, petitions, LIST_COLUMNS, default="-received")
    can_act = bool(scope.paths(ACT_ROLES)) or scope.is_admin
    context = {
        "listing": listing,
        "page": listing.page,
        "form": form,
        "fields": Field.objects.filter(is_active=True),
        "states": State.choices,
        "counts": selectors.deadline_counts(scope),
        "can_act": can_act,
        "may_search_identity": _may_search_identity(request),
        "bulk_form": BulkForm(handlers=services.handlers_for_head(request.user)) if can_act else None,
    }
    return render(request, "petitions/list.html", context)


class _Echo:
    def write(self, value: str) -> str:
        return value


EXPORT_HEADERS = [
    "Mã hồ sơ",
    "Loại",
    "Trạng thái",
    "Lĩnh vực",
    "Đơn vị",
    "Ngày nhận",
    "Hạn",
    "Tiêu đề",
    "Người gửi",
]


def _export_row(p: Petition) -> list[Any]:
    """A petition as exported: a denunciator's (a protected sender's) identity never."""
    return [
        p.tracking_code,
        p.get_kind_display(),
        p.get_state_display(),
        p.field.name if p.field else "",
        p.unit.name,
        clock.format_date(p.received_at),
        f"{p.due_date:%d/%m/%Y}" if p.due_date else "",
        p.title,
        "[bảo mật]" if p.identity_protected else p.petitioner_name,
    ]


@login_required
def export_csv(request: HttpRequest) -> HttpResponseBase:
    """CSV of the filtered list, in the scope; a denunciator's identity is never exported."""
    scope = scope_for(request.user)
    _, filters = _filters(request)
    qs = _petitions(request, filters)
    audit.record(
        actor=request.user,
        action=AuditAction.EXPORT,
        object_type="petitions.petition",
        unit=scope.home_unit(),
        summary=f"Xuất danh sách đơn thư ({qs.count()} dòng)",
    )
    writer = csv.writer(_Echo())

    def rows() -> Any:
        yield "\ufeff" + writer.writerow(spreadsheet.csv_row(EXPORT_HEADERS))
        for p in qs.iterator(chunk_size=2000):
            # core.spreadsheet: a title or a sender beginning with = + - @ is not run as a formula.
            yield writer.writerow(spreadsheet.csv_row(_export_row(p)))

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="don-thu.csv"'
    return response


def _export_selection(request: HttpRequest, petitions: list[Petition], fmt: str) -> HttpResponse:
    scope = scope_for(request.user)
    audit.record(
        actor=request.user,
        action=AuditAction.EXPORT,
        object_type="petitions.petition",
        unit=scope.home_unit(),
        summary=f"Xuất {len(petitions)} đơn đã chọn ({fmt.upper()})",
    )
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(spreadsheet.csv_row(EXPORT_HEADERS))
        for p in petitions:
            writer.writerow(spreadsheet.csv_row(_export_row(p)))
        response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="don-thu-da-chon.csv"'
        return response
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Đơn thư"
    spreadsheet.xlsx_append(sheet, EXPORT_HEADERS)
    for p in petitions:
        spreadsheet.xlsx_append(sheet, _export_row(p))
    out = io.BytesIO()
    workbook.save(out)
    response = HttpResponse(
        out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="don-thu-da-chon.xlsx"'
    return response


@login_required
@require_POST
def bulk(request: HttpRequest) -> HttpResponse:
    """One action on the petitions ticked in the list: export them, assign them a handler, transfer them.
    Each petition goes through its own service call (its rulebook, its history); those refused are listed
    with their reason, the others are done."""
    scope = scope_for(request.user)
    back = reverse("petitions:list") + ("?" + request.POST["query"] if request.POST.get("query") else "")
    form = BulkForm(request.POST, handlers=services.handlers_for_head(request.user))
    ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()][: lists.PAGE_SIZES[-1]]
    petitions = list(
        scope.filter(Petition.objects.select_related("unit", "field", "handler")).filter(pk__in=ids)
    )
    if not petitions:
        messages.error(request, str(_("Hãy đánh dấu ít nhất một đơn trong danh sách.")))
        return redirect(back)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect(back)
    action = form.cleaned_data["action"]
    if action in ("export_csv", "export_xlsx"):
        return _export_selection(request, petitions, action.removeprefix("export_"))
    done: list[str] = []
    failed: list[str] = []
    for p in petitions:
        try:
            if action == "assign":
                handler = form.cleaned_data["handler"]
                match = next((u for u in services.assignable_handlers(p) if u.pk == handler.pk), None)
                services.assign_handler(actor=request.user, petition=p, handler=match, version=p.version)
            else:
                services.transfer(
                    actor=request.user,
                    petition=p,
                    to_unit=form.cleaned_data["to_unit"],
                    version=p.version,
                    reason=form.cleaned_data["reason"],
                )
            done.append(p.tracking_code)
        except Refused as exc:
            failed.append(f"{p.tracking_code}: {exc}")
    if done:
        verb = _("Đã phân công") if action == "assign" else _("Đã chuyển")
        messages.success(
            request,
            gettext("%(verb)s %(count)s đơn: %(join)s.")
            % {"verb": verb, "count": len(done), "join": ", ".join(done)},
        )
    if failed:
        messages.error(
            request,
            str(_("Không thực hiện được với %(n)s đơn")) % {"n": len(failed)} + ": " + "; ".join(failed),
        )
    return redirect(back)


def _detail_page(
    request: HttpRequest,
    petition: Petition,
    forms: Mapping[str, Any] | None = None,
    status: int = 200,
    failed: str | None = None,
) -> HttpResponse:
    """The petition's page; after a refused action, with the submitted form and its error in place."""
    show_identity = request.GET.get("identity") == "1" and services.can_see_identity(request.user, petition)
    identity = services.reveal_identity(actor=request.user, petition=petition) if show_identity else None
    attachments = [
        a
        for a in petition.attachments.select_related("message")
        if not a.is_identity or services.can_see_identity(request.user, petition)
    ]
    if identity is not None:  # the reveal was audited: the files' real names may be shown with it
        for a in attachments:
            setattr(a, "shown_name", services.attachment_name(a))  # noqa: B010 - a display-only attribute
    action_forms = ACTIONS.forms_for(request, petition, forms)
    if "classify" not in (forms or {}) and petition.field:
        action_forms["classify"].initial["field"] = petition.field.code
    return render(
        request,
        "petitions/detail.html",
        {
            "p": petition,
            "content": identity["content"] if identity and identity.get("content") else petition.content,
            "identity": identity,
            "may_see_identity": services.can_see_identity(request.user, petition),
            "is_head": services.is_unit_head(request.user, petition),
            "handlers": services.assignable_handlers(petition)
            if services.is_unit_head(request.user, petition)
            else [],
            "attachments": attachments,
            "hidden_attachments": petition.attachments.count() - len(attachments),
            "timeline": selectors.timeline(petition),
            "countdown": selectors.deadline_countdown(petition),
            "place_text": selectors.place_text(petition),
            "public_answer": services.public_answer(petition) if petition.answer else "",
            "candidates": petition.duplicate_candidates.select_related("candidate").all()[:5],
            "forms": action_forms,
            "publish_title_form": action_forms["publish-title"],
            "failed": failed,
            "failed_errors": _errors(action_forms[failed]) if failed else [],
            "second_complaints": petition.second_complaints.all(),
            **views_messages.detail_context(request, petition, action_forms),
        },
        status=status,
    )


def _errors(form: Any) -> list[str]:
    return [str(e) for errors in form.errors.values() for e in errors]


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail_page(request, selectors.petition_for(scope_for(request.user), pk))


def _after_transfer(request: HttpRequest, petition: Petition) -> tuple[str, str]:
    """After a transfer the officer may no longer see the petition: back to the list, saying to which body
    it went."""
    body = naming.competent_body(petition.unit, petition.kind)
    if scope_for(request.user).can_see(petition.unit):
        return str(_("Đã chuyển đơn đến %(unit)s.") % {"unit": body}), reverse(
            "petitions:detail", args=[petition.pk]
        )
    message = _("Đã chuyển đơn %(code)s đến %(unit)s; đơn không còn thuộc phạm vi xử lý của bạn.") % {
        "code": petition.tracking_code,
        "unit": body,
    }
    return str(message), reverse("petitions:list")


def _master(request: HttpRequest, code: str) -> Petition:
    master = Petition.objects.filter(tracking_code=services.normalise_code(code)).first()
    if master is None or not scope_for(request.user).can_see(master.unit):
        raise Refused(_("Không tìm thấy đơn gốc với mã này trong phạm vi của bạn."), field="master_code")
    return master


def _simple(move: Callable[..., Petition], form: type[ReasonForm] = ReasonForm) -> ActionSpec:
    return ActionSpec(
        form,
        lambda request, p, d: move(actor=request.user, petition=p, version=d["version"], reason=d["reason"]),
        _UPDATED,
    )


_UPDATED = _("Đã cập nhật đơn.")
ACTIONS = ActionTable(
    load=lambda request, pk: selectors.petition_for(scope_for(request.user), pk),
    page=_detail_page,
    redirect_to=lambda p: reverse("petitions:detail", args=[p.pk]),
    actions={
        "accept": _simple(services.accept),
        "refuse": _simple(services.refuse, ConfirmForm),
        "start": _simple(services.start),
        "close": _simple(services.close, ConfirmForm),
        "withdraw": _simple(services.withdraw, ConfirmForm),
        "transfer": ActionSpec(
            TransferForm,
            lambda request, p, d: services.transfer(
                actor=request.user,
                petition=p,
                to_unit=d["to_unit"],
                version=d["version"],
                reason=d["reason"],
            ),
            _UPDATED,
            after=_after_transfer,
        ),
        "resolve": ActionSpec(
            ResolveForm,
            lambda request, p, d: services.resolve(
                actor=request.user,
                petition=p,
                answer=d["answer"],
                decision_ref=d["decision_ref"],
                answer_public=d["answer_public"],
                withhold_reason=d["withhold_reason"],
                version=d["version"],
            ),
            _UPDATED,
        ),
        "extend": ActionSpec(
            ExtendForm,
            lambda request, p, d: services.extend(
                actor=request.user, petition=p, reason=d["reason"], days=d["days"], version=d["version"]
            ),
            _UPDATED,
        ),
        "classify": ActionSpec(
            FieldForm,
            lambda request, p, d: services.confirm_field(
                actor=request.user, petition=p, field=d["field"], version=d["version"]
            ),
            _UPDATED,
        ),
        "link_duplicate": ActionSpec(
            LinkForm,
            lambda request, p, d: services.link_duplicate(
                actor=request.user,
                petition=p,
                master=_master(request, d["master_code"]),
                version=d["version"],
                reason=d["reason"],
            ),
            _UPDATED,
        ),
        "publish-title": ActionSpec(
            ReasonForm,
            lambda request, p, d: services.publish_title(
                actor=request.user, petition=p, version=d["version"]
            ),
            _UPDATED,
        ),
        "message": ActionSpec(
            MessageForm,
            lambda request, p, d: services.send_message(
                actor=request.user,
                petition=p,
                body=d["body"],
                files=d["attachments"],
                version=d["version"],
            ),
            _UPDATED,
            after=views_messages.after_message,
        ),
        "issue-phrase": ActionSpec(
            IssuePhraseForm,
            lambda request, p, d: services.issue_phrase(actor=request.user, petition=p, version=d["version"]),
            _UPDATED,
            after=views_messages.after_issue_phrase,
        ),
        "assign": ActionSpec(
            AssignForm,
            lambda request, p, d: services.assign_handler(
                actor=request.user,
                petition=p,
                handler=next((u for u in services.assignable_handlers(p) if u.pk == d["handler"]), None),
                version=d["version"],
            ),
            _UPDATED,
        ),
    },
)
act = ACTIONS.as_view


@login_required
@require_POST
def answer_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """What the citizen will read on the tracking page if this answer is published (htmx fragment)."""
    petition = selectors.petition_for(scope_for(request.user), pk)
    text = request.POST.get("answer", "")[:20000]
    published = request.POST.get("answer_public") in ("on", "true", "1")
    return render(
        request,
        "petitions/answer_preview.html",
        {"text": services.public_answer(petition, text) if published else "", "published": published},
    )


@login_required
def attachment(request: HttpRequest, pk: int) -> HttpResponse:
    """Download through the scope: always as an attachment, never rendered inline."""
    scope = scope_for(request.user)
    item = scope.get_or_404(
        Attachment.objects.select_related("petition", "petition__unit"), field="petition__unit", pk=pk
    )
    try:
        data = services.open_attachment(actor=request.user, attachment=item)
    except PermissionDenied:
        raise
    response = HttpResponse(data, content_type=item.content_type)
    # open_attachment has audited the opening of an identity-bearing file: its real name may be given
    ascii_name = ascii_filename(services.attachment_name(item))
    response["Content-Disposition"] = f'attachment; filename="{ascii_name}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def desk(request: HttpRequest) -> HttpResponse:
    """Staff entry at the reception desk of the officer's unit."""
    scope = scope_for(request.user)
    unit = scope.home_unit()
    if unit is None or not scope.has_role(unit, ACT_ROLES):
        raise PermissionDenied(gettext("Bạn cần vai trò cán bộ tại một đơn vị để nhập đơn."))
    form = DeskPetitionForm(request.POST or None)
    if request.method == "POST":
        try:
            petition = services.submit_petition(
                actor=request.user,
                channel="desk",
                data=request.POST,
                files=request.FILES.getlist("attachments"),
                unit=unit,
            )
        except services.IntakeError as exc:
            form.is_valid()
            attachment_errors = _apply_errors(form, exc)
            context = {"form": form, "unit": unit, "attachment_errors": attachment_errors}
            return render(request, "petitions/desk.html", context, status=400)
        messages.success(
            request,
            gettext(
                "Đã tiếp nhận đơn. Mã hồ sơ: %(tracking_code)s. Mã xác nhận của người gửi (ghi vào giấy biên nhận, chỉ hiện một lần): %(citizen_key)s. Cụm từ bí mật để trao đổi với cơ quan giải quyết qua trang tra cứu (chỉ hiện một lần): %(message_phrase)s"
            )
            % {
                "tracking_code": petition.tracking_code,
                "citizen_key": petition.citizen_key,
                "message_phrase": petition.message_phrase,
            },
        )
        return redirect("petitions:detail", pk=petition.pk)
    return render(request, "petitions/desk.html", {"form": form, "unit": unit})


@login_required
@require_http_methods(["GET", "POST"])
def import_view(request: HttpRequest) -> HttpResponse:
    """Upload: the file is checked, kept encrypted and imported in the background (django.tasks)."""
    scope = scope_for(request.user)
    unit = scope.home_unit()
    if unit is None or not scope.has_role(unit, ACT_ROLES):
        raise PermissionDenied(gettext("Bạn cần vai trò cán bộ tại một đơn vị để nhập đơn."))
    form = ImportForm(request.POST or None, request.FILES or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            job = tasks.start_import(actor=request.user, unit=unit, upload=form.cleaned_data["file"])
        except importing.ImportFileError as exc:
            error = str(exc)
        else:
            return redirect("petitions:import_job", pk=job.pk)
    return render(
        request,
        "petitions/import.html",
        {"form": form, "error": error, "columns": importing.COLUMNS, "unit": unit},
    )


@login_required
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    """A background import's progress, then its per-row report (only the officer who started it)."""
    job = jobs.checked(get_object_or_404(ImportJob, pk=pk, actor_id=request.user.pk))
    return render(request, "petitions/import_job.html", {"job": job})
