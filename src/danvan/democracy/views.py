"""Dân chủ ở cơ sở: views (thin: parse input, call a service or selector, render)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited

from danvan.accounts.scoping import ACT_ROLES, scope_for
from danvan.core import clock, held, jobs, lists
from danvan.core.text import ascii_filename
from danvan.core.workflow import ActionSpec, ActionTable, Refused, create_page, show_refusal, submit_create
from danvan.democracy import importing, selectors, services, tasks
from danvan.democracy.forms import (
    AdoptForm,
    AnswerForm,
    AttachForm,
    BoardForm,
    CancelMeetingForm,
    CloseForm,
    ComplianceForm,
    ConfirmForm,
    ConsultationForm,
    ContributionForm,
    ConventionCreateForm,
    DecisionCreateForm,
    DisclosureForm,
    EndForm,
    HoldMeetingForm,
    HouseholdForm,
    ImportForm,
    MeetingPlanForm,
    OpenForm,
    PostForm,
    PublicCommentForm,
    PublishForm,
    RecogniseForm,
    RecommendationForm,
    ReplyForm,
    RespondForm,
    ResultForm,
    SendRecommendationForm,
    StaffCommentForm,
    VillageForm,
    WorkplaceComplianceForm,
    WorkplaceForm,
)
from danvan.democracy.models import (
    CommunityDecision,
    Consultation,
    Convention,
    DecisionMatter,
    DecisionState,
    Disclosure,
    DisclosureFile,
    DisclosureState,
    Household,
    VillageImportJob,
    WorkplaceKind,
)
from danvan.territory.models import AdminUnit, Level
from danvan.territory.picker import set_units


def _act_communes(request: HttpRequest) -> Any:
    return scope_for(request.user).units(ACT_ROLES).filter(level=Level.COMMUNE)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    return render(
        request,
        "democracy/home.html",
        {
            "villages": selectors.villages_for(scope).count(),
            "households": selectors.households_for(scope).count(),
            "disclosures": selectors.disclosures_for(scope).count(),
        },
    )


# --- villages and households ------------------------------------------------------------------------


def _register_forms(request: HttpRequest, bound: Mapping[str, Any] | None = None) -> dict[str, Any]:
    communes = _act_communes(request)
    village = VillageForm()
    household = HouseholdForm()
    upload = ImportForm()
    for form in (village, upload):
        set_units(form, communes)
    household.fields["village"].set_villages(  # type: ignore[attr-defined]
        scope_for(request.user).filter(selectors.Village.objects.all(), roles=ACT_ROLES)
    )
    forms = {"village": village, "household": household, "import": upload}
    forms.update(bound or {})
    return forms


def _villages_page(
    request: HttpRequest, bound: Mapping[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    scope = scope_for(request.user)
    page = Paginator(selectors.villages_for(scope), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "democracy/villages.html",
        {"page": page, "forms": _register_forms(request, bound), "columns": importing.COLUMNS},
        status=status,
    )


@login_required
def villages(request: HttpRequest) -> HttpResponse:
    return _villages_page(request)


@login_required
@require_http_methods(["POST"])
def village_add(request: HttpRequest) -> HttpResponse:
    form = VillageForm(request.POST)
    set_units(form, _act_communes(request))
    done = submit_create(
        request,
        form,
        lambda d: services.register_village(actor=request.user, **d),
        lambda v: _("Đã đăng ký %(name)s.") % {"name": v.name},
        lambda v: reverse("democracy:villages"),
    )
    return done or _villages_page(request, {"village": form}, status=400)


@login_required
@require_http_methods(["POST"])
def household_add(request: HttpRequest) -> HttpResponse:
    form = HouseholdForm(request.POST)
    form.fields["village"].set_villages(  # type: ignore[attr-defined]
        scope_for(request.user).filter(selectors.Village.objects.all(), roles=ACT_ROLES)
    )
    done = submit_create(
        request,
        form,
        lambda d: services.register_household(actor=request.user, unit=d["village"].unit, **d),
        lambda h: _("Đã đăng ký hộ %(code)s.") % {"code": h.code},
        lambda h: reverse("democracy:village", args=[h.village_id]),
    )
    return done or _villages_page(request, {"household": form}, status=400)


@login_required
@require_http_methods(["POST"])
def import_view(request: HttpRequest) -> HttpResponse:
    """Upload: the file is checked, kept encrypted and imported in the background (django.tasks)."""
    form = ImportForm(request.POST, request.FILES)
    set_units(form, _act_communes(request))
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = tasks.start_import(
                actor=request.user,
                unit=form.cleaned_data["unit"],
                name=upload.name or "",
                data=upload.read(importing.MAX_BYTES + 1),
            )
        except (importing.ImportFileError, Refused) as exc:
            form.add_error("file", str(exc))
        else:
            return redirect("democracy:import-job", pk=job.pk)
    return _villages_page(request, {"import": form}, status=400)


@login_required
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    """A background import's state, then its outcome (only the officer who started it)."""
    job = get_object_or_404(VillageImportJob.objects.select_related("unit"), pk=pk, actor_id=request.user.pk)
    return render(request, "democracy/import_job.html", {"job": jobs.checked(job)})


@login_required
def village(request: HttpRequest, pk: int) -> HttpResponse:
    scope = scope_for(request.user)
    item = selectors.village_for(scope, pk)
    page = Paginator(selectors.households_for(scope, item), 100).get_page(request.GET.get("page"))
    return render(request, "democracy/village.html", {"village": item, "page": page})


# --- disclosures ------------------------------------------------------------------------------------


def _item_choices() -> list[tuple[str, str]]:
    return [(i.code, i.name) for i in selectors.items_in_force(clock.today())]


def _new_disclosure_form(request: HttpRequest, data: Any = None, files: Any = None) -> DisclosureForm:
    form = DisclosureForm(data, files, items=_item_choices())
    set_units(form, _act_communes(request))
    return form


DISCLOSURE_COLUMNS = [
    lists.Column("title", gettext_lazy("Văn bản"), ("title",)),
    lists.Column("item", gettext_lazy("Nội dung"), ("item__name",)),
    lists.Column("unit", gettext_lazy("Xã"), ("unit__path",)),
    lists.Column("issued", gettext_lazy("Ban hành"), ("issued_on",)),
    lists.Column("posted", gettext_lazy("Công khai từ"), ("posted_on",)),
    lists.Column("state", gettext_lazy("Trạng thái"), ("state",)),
]
CONSULTATION_COLUMNS = [
    lists.Column("title", gettext_lazy("Dự thảo"), ("title",)),
    lists.Column("unit", gettext_lazy("Xã"), ("unit__path",)),
    lists.Column("closes", gettext_lazy("Hạn góp ý"), ("closes_on",)),
    lists.Column("comments", gettext_lazy("Ý kiến"), ("comments_n",)),
    lists.Column("answered", gettext_lazy("Đã tiếp thu, giải trình"), ("answered_n",)),
    lists.Column("state", gettext_lazy("Trạng thái"), ("state",)),
    lists.Column("created", gettext_lazy("Ngày lập"), ("created_at",)),
]


@login_required
def disclosures(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    state = request.GET.get("state", "")
    qs = selectors.disclosures_for(scope, state=state if state in DisclosureState.values else "")
    listing = lists.paginate(request, qs, DISCLOSURE_COLUMNS, default="-issued")
    return render(
        request,
        "democracy/disclosures.html",
        {
            "page": listing.page,
            "listing": listing,
            "states": DisclosureState.choices,
            "state": state,
            "can_create": bool(_act_communes(request).exists()),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def disclosure_new(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        files = held.files_for_retry(request)
        form = _new_disclosure_form(request, request.POST, files)
        done = submit_create(
            request,
            form,
            lambda d: services.create_disclosure(
                actor=request.user,
                unit=d["unit"],
                item_code=d["item"],
                title=d["title"],
                document_ref=d["document_ref"],
                issued_on=d["issued_on"],
                documents=d["documents"],
            ),
            _("Đã lập hồ sơ công khai. Hãy công khai và đính kèm minh chứng."),
            lambda x: reverse("democracy:disclosure", args=[x.pk]),
        )
        if done:
            return done
        held.keep(form, files)
        return render(request, "democracy/disclosure_new.html", {"form": form}, status=400)
    if not _act_communes(request).exists():
        raise PermissionDenied(_("Bạn cần vai trò cán bộ tại một xã (hoặc cấp trên) để lập hồ sơ công khai."))
    return render(request, "democracy/disclosure_new.html", {"form": _new_disclosure_form(request)})


def _disclosure_page(
    request: HttpRequest,
    disclosure: Disclosure,
    forms: Mapping[str, Any] | None = None,
    status: int = 200,
    failed: str | None = None,
) -> HttpResponse:
    action_forms = DISCLOSURE_ACTIONS.forms_for(request, disclosure, forms)
    return render(
        request,
        "democracy/disclosure.html",
        {
            "d": disclosure,
            "files": list(disclosure.files.all()),
            "history": list(disclosure.history.select_related("actor").all()),
            "forms": action_forms,
            "failed": failed,
            "channel_labels": _channel_labels(disclosure.channels),
            "missing_labels": _channel_labels(disclosure.missing_channels),
            "required_labels": _channel_labels(disclosure.item.required_channels),
        },
        status=status,
    )


def _channel_labels(values: list[str]) -> list[str]:
    from danvan.democracy.models import DisclosureChannel

    return [str(DisclosureChannel(v).label) for v in values if v in DisclosureChannel.values]


@login_required
def disclosure(request: HttpRequest, pk: int) -> HttpResponse:
    return _disclosure_page(request, selectors.disclosure_for(scope_for(request.user), pk))


_UPDATED = gettext_lazy("Đã cập nhật hồ sơ công khai.")
DISCLOSURE_ACTIONS = ActionTable(
    load=lambda request, pk: selectors.disclosure_for(scope_for(request.user), pk),
    page=_disclosure_page,
    redirect_to=lambda d: reverse("democracy:disclosure", args=[d.pk]),
    actions={
        "publish": ActionSpec(
            PublishForm,
            lambda request, d, data: services.publish(
                actor=request.user,
                disclosure=d,
                posted_on=data["posted_on"],
                channels=data["channels"],
                loudspeaker_days=data["loudspeaker_days"] or 0,
                evidence=data["evidence"],
                version=data["version"],
                note=data["reason"],
            ),
            gettext_lazy("Đã công khai."),
            prefix="publish",
        ),
        "end": ActionSpec(
            EndForm,
            lambda request, d, data: services.end(
                actor=request.user,
                disclosure=d,
                ended_on=data["ended_on"],
                version=data["version"],
                note=data["reason"],
            ),
            gettext_lazy("Đã kết thúc công khai."),
            prefix="end",
        ),
        "attach": ActionSpec(
            AttachForm,
            lambda request, d, data: services.attach(
                actor=request.user,
                disclosure=d,
                uploads=data["uploads"],
                is_document=data["is_document"],
                version=data["version"],
            ),
            _UPDATED,
            prefix="attach",
        ),
    },
)
disclosure_act = DISCLOSURE_ACTIONS.as_view


def _file_response(item: DisclosureFile) -> HttpResponse:
    response = HttpResponse(services.open_file(file=item), content_type=item.content_type)
    ascii_name = ascii_filename(item.original_name)
    response["Content-Disposition"] = f'attachment; filename="{ascii_name}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
def disclosure_file(request: HttpRequest, pk: int) -> HttpResponse:
    item = scope_for(request.user).get_or_404(
        DisclosureFile.objects.select_related("disclosure__unit"), field="disclosure__unit", pk=pk
    )
    response = _file_response(item)
    response["Cache-Control"] = "private, no-store"
    return response


def public_file(request: HttpRequest, pk: int) -> HttpResponse:
    """A disclosed document, to anyone, while its disclosure is public."""
    item = DisclosureFile.objects.filter(
        pk=pk, is_document=True, disclosure__state=DisclosureState.PUBLISHED
    ).first()
    if item is None:
        raise Http404(_("Văn bản này không (hoặc không còn) được công khai."))
    return _file_response(item)


def public_commune(request: HttpRequest, code: str) -> HttpResponse:
    commune = AdminUnit.objects.filter(code=code, level=Level.COMMUNE).first()
    if commune is None:
        raise Http404(_("Không tìm thấy xã, phường, đặc khu có mã này."))
    return render(
        request,
        "democracy/public_commune.html",
        {
            "commune": commune,
            "disclosures": selectors.public_disclosures(commune),
            "decisions": selectors.public_decisions(commune),
        },
    )


@login_required
def compliance(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    form = ComplianceForm(request.GET or None)
    set_units(form, scope.units())
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    unit = data.get("unit") or scope.home_unit()
    if unit is None:
        raise PermissionDenied(_("Tài khoản chưa được giao đơn vị nào."))
    year = data.get("year") or clock.today().year
    total, rows = selectors.compliance(unit, year)
    return render(
        request,
        "democracy/compliance.html",
        {
            "form": form,
            "unit": unit,
            "year": year,
            "total": total,
            "rows": rows,
            "is_commune": unit.level == Level.COMMUNE,
        },
    )


# --- consultations ----------------------------------------------------------------------------------

RATE_WINDOW_SECONDS = 3600


def _rate_limited(request: HttpRequest) -> bool:
    """django-ratelimit in the shared cache, with the petition form's limit per client and hour."""
    limit = settings.PETITIONS_RATE_LIMIT_PER_HOUR
    return bool(
        is_ratelimited(
            request,
            group="danvan.democracy.comment",
            key="ip",
            rate=f"{limit}/{RATE_WINDOW_SECONDS}s",
            increment=True,
        )
    )


def _parts(c: Consultation) -> list[tuple[int, str]]:
    return [(p.pk, f"{p.number}. {p.title}") for p in c.parts.all()]


@login_required
def consultations(request: HttpRequest) -> HttpResponse:
    listing = lists.paginate(
        request,
        selectors.consultations_for(scope_for(request.user)),
        CONSULTATION_COLUMNS,
        default="-created",
    )
    return render(
        request,
        "democracy/consultations.html",
        {"page": listing.page, "listing": listing, "can_create": _act_communes(request).exists()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def consultation_new(request: HttpRequest) -> HttpResponse:
    form = ConsultationForm(request.POST or None)
    set_units(form, _act_communes(request))
    if request.method != "POST" and not _act_communes(request).exists():
        raise PermissionDenied(_("Bạn cần vai trò cán bộ tại một xã (hoặc cấp trên) để lập dự thảo."))
    return create_page(
        request,
        form,
        lambda d: services.create_consultation(actor=request.user, **{**d, "parts": d["parts"].splitlines()}),
        _("Đã lập dự thảo. Hãy chọn hạn góp ý và bắt đầu lấy ý kiến."),
        lambda c: reverse("democracy:consultation", args=[c.pk]),
        template="democracy/consultation_new.html",
    )


def _consultation_page(
    request: HttpRequest,
    c: Consultation,
    forms: Mapping[str, Any] | None = None,
    status: int = 200,
    failed: str | None = None,
) -> HttpResponse:
    action_forms = CONSULTATION_ACTIONS.forms_for(request, c, forms)
    groups = selectors.opinions_by_part(c)
    respond_bound = (forms or {}).get("respond")
    failed_comment = None
    if respond_bound is not None and respond_bound.is_bound:
        failed_comment = respond_bound.data.get("comment_id")
    return render(
        request,
        "democracy/consultation.html",
        {
            "c": c,
            "groups": groups,
            "forms": action_forms,
            "failed": failed,
            "failed_comment": str(failed_comment or ""),
            "history": list(c.history.all()),
        },
        status=status,
    )


@login_required
def consultation(request: HttpRequest, pk: int) -> HttpResponse:
    return _consultation_page(request, selectors.consultation_for(scope_for(request.user), pk))


def _with_parts(request: HttpRequest, c: Consultation) -> dict[str, Any]:
    return {"parts": _parts(c)}


_SAVED = gettext_lazy("Đã cập nhật dự thảo.")
CONSULTATION_ACTIONS = ActionTable(
    load=lambda request, pk: selectors.consultation_for(scope_for(request.user), pk),
    page=_consultation_page,
    redirect_to=lambda c: reverse("democracy:consultation", args=[c.pk]),
    actions={
        "open": ActionSpec(
            OpenForm,
            lambda request, c, d: services.open_consultation(
                actor=request.user,
                consultation=c,
                opens_on=d["opens_on"],
                closes_on=d["closes_on"],
                channels=d["channels"],
                version=d["version"],
            ),
            gettext_lazy("Đã bắt đầu lấy ý kiến."),
            prefix="open",
        ),
        "record_comment": ActionSpec(
            StaffCommentForm,
            lambda request, c, d: services.record_comment(
                actor=request.user,
                consultation=c,
                content=d["content"],
                channel=d["channel"],
                part_id=d["part"],
                author=d["author"],
                version=d["version"],
            ),
            gettext_lazy("Đã ghi ý kiến."),
            form_kwargs=_with_parts,
            prefix="comment",
        ),
        "respond": ActionSpec(
            RespondForm,
            lambda request, c, d: services.respond(
                actor=request.user,
                consultation=c,
                comment_id=d["comment_id"],
                disposition=d["disposition"],
                response=d["response"],
                version=d["version"],
            ),
            gettext_lazy("Đã ghi tiếp thu, giải trình."),
            prefix="respond",
        ),
        "close": ActionSpec(
            CloseForm,
            lambda request, c, d: services.close_consultation(
                actor=request.user, consultation=c, version=d["version"], reason=d["reason"]
            ),
            gettext_lazy("Đã kết thúc lấy ý kiến."),
            prefix="close",
        ),
        "publish_answer": ActionSpec(
            AnswerForm,
            lambda request, c, d: services.publish_answer(
                actor=request.user, consultation=c, answer=d["answer"], version=d["version"]
            ),
            gettext_lazy("Đã công bố báo cáo tiếp thu, giải trình."),
            prefix="answer",
        ),
    },
)
consultation_act = CONSULTATION_ACTIONS.as_view


def public_consultations(request: HttpRequest, code: str) -> HttpResponse:
    commune = AdminUnit.objects.filter(code=code, level=Level.COMMUNE).first()
    if commune is None:
        raise Http404(_("Không tìm thấy xã, phường, đặc khu có mã này."))
    return render(
        request,
        "democracy/public_consultations.html",
        {
            "commune": commune,
            "consultations": selectors.public_consultations(commune),
            "today": clock.today(),
        },
    )


@require_http_methods(["GET", "POST"])
def public_consultation(request: HttpRequest, pk: int) -> HttpResponse:
    """A draft open for comment (no account, rate-limited, honeypot), and the commune's answer."""
    c = selectors.public_consultation(pk)
    if c is None:
        raise Http404(_("Không tìm thấy dự thảo đang lấy ý kiến."))
    form = PublicCommentForm(request.POST or None, parts=_parts(c))
    status = 200
    if request.method == "POST":
        if request.POST.get("website"):
            messages.success(request, _("Cảm ơn bạn đã góp ý."))  # a bot: answer like a success, save nothing
            return redirect("democracy:public-consultation", pk=c.pk)
        if _rate_limited(request):
            return render(request, "democracy/rate_limited.html", status=429)
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.submit_comment(
                    consultation=c, content=d["content"], part_id=d["part"], author=d["author"]
                )
            except Refused as exc:
                show_refusal(form, exc)
            else:
                messages.success(
                    request, _("Cảm ơn bạn đã góp ý. Ý kiến sẽ được tổng hợp, tiếp thu, giải trình.")
                )
                return redirect("democracy:public-consultation", pk=c.pk)
        status = 400
    today = clock.today()
    accepting = c.state == "open" and (c.closes_on is None or today <= c.closes_on)
    return render(
        request,
        "democracy/public_consultation.html",
        {
            "c": c,
            "form": form,
            "accepting": accepting,
            "parts": list(c.parts.all()),
            "groups": selectors.opinions_by_part(c) if c.state == "answered" else [],
        },
        status=status,
    )


# --- community decisions ----------------------------------------------------------------------------


DECISION_COLUMNS = [
    lists.Column("title", gettext_lazy("Vấn đề"), ("title",)),
    lists.Column("village", gettext_lazy("Thôn"), ("village__name",)),
    lists.Column("form", gettext_lazy("Hình thức"), ("form",)),
    lists.Column("held", gettext_lazy("Ngày"), ("held_on",)),
    lists.Column("passed", gettext_lazy("Kết quả"), ("passed",)),
    lists.Column("state", gettext_lazy("Trạng thái"), ("state",)),
    lists.Column("created", gettext_lazy("Ngày lập"), ("created_at",)),
]
CONVENTION_COLUMNS = [
    lists.Column("title", gettext_lazy("Tên"), ("title",)),
    lists.Column("village", gettext_lazy("Thôn"), ("village__name",)),
    lists.Column("posted", gettext_lazy("Niêm yết"), ("posted_on",)),
    lists.Column("state", gettext_lazy("Trạng thái"), ("state",)),
    lists.Column("created", gettext_lazy("Ngày lập"), ("created_at",)),
]


def _act_villages(request: HttpRequest) -> Any:
    return scope_for(request.user).filter(selectors.Village.objects.all(), roles=ACT_ROLES)


@login_required
@require_http_methods(["GET", "POST"])
def decisions(request: HttpRequest) -> HttpResponse:
    form = DecisionCreateForm(request.POST or None)
    form.fields["village"].set_villages(_act_villages(request))  # type: ignore[attr-defined]
    return lists.create_list(
        request,
        form,
        lambda d: services.create_decision(actor=request.user, **d),
        _("Đã chuẩn bị việc bàn và quyết định."),
        lambda x: reverse("democracy:decision", args=[x.pk]),
        template="democracy/decisions.html",
        queryset=selectors.decisions_for(scope_for(request.user)),
        columns=DECISION_COLUMNS,
        default="-created",
    )


def _decision_page(
    request: HttpRequest,
    decision: CommunityDecision,
    forms: Mapping[str, Any] | None = None,
    status: int = 200,
    failed: str | None = None,
    contribution_form: Any = None,
) -> HttpResponse:
    can_contribute = (
        decision.matter == DecisionMatter.CONTRIBUTIONS
        and decision.state == DecisionState.RECOGNISED
        and services.RULEBOOK.allows(request.user, "record_contribution", decision)
    )
    if contribution_form is None and can_contribute:
        contribution_form = ContributionForm()
    if contribution_form is not None:
        contribution_form.fields["household"].queryset = Household.objects.filter(
            village_id=decision.village_id, is_active=True
        )
    is_contributions = decision.matter == DecisionMatter.CONTRIBUTIONS
    return render(
        request,
        "democracy/decision.html",
        {
            "d": decision,
            "forms": DECISION_ACTIONS.forms_for(request, decision, forms),
            "failed": failed,
            "history": list(decision.history.all()),
            "contribution_form": contribution_form if can_contribute else None,
            "totals": selectors.contribution_totals(decision) if is_contributions else None,
            "ledger": selectors.ledger(decision)
            if is_contributions and decision.state == "recognised"
            else [],
        },
        status=status,
    )


@login_required
def decision(request: HttpRequest, pk: int) -> HttpResponse:
    return _decision_page(request, selectors.decision_for(scope_for(request.user), pk))


DECISION_ACTIONS = ActionTable(
    load=lambda request, pk: selectors.decision_for(scope_for(request.user), pk),
    page=_decision_page,
    redirect_to=lambda d: reverse("democracy:decision", args=[d.pk]),
    actions={
        "record_result": ActionSpec(
            ResultForm,
            lambda request, d, data: services.record_result(
                actor=request.user,
                decision=d,
                held_on=data["held_on"],
                attended=data["attended"],
                agree=data["agree"],
                disagree=data["disagree"],
                invalid=data["invalid"] or 0,
                voting_method=data["voting_method"],
                committee=data["committee"].splitlines(),
                minutes=data["minutes"],
                version=data["version"],
            ),
            gettext_lazy("Đã ghi biên bản và kết quả."),
            prefix="result",
        ),
        "send": ActionSpec(
            CloseForm,
            lambda request, d, data: services.send_result(
                actor=request.user, decision=d, version=data["version"], reason=data["reason"]
            ),
            gettext_lazy("Đã gửi kết quả lên UBND xã."),
            prefix="send",
        ),
        "recognise": ActionSpec(
            RecogniseForm,
            lambda request, d, data: services.recognise(
                actor=request.user, decision=d, reference=data["reference"], version=data["version"]
            ),
            gettext_lazy("Đã công nhận kết quả."),
            prefix="recognise",
        ),
    },
)
decision_act = DECISION_ACTIONS.as_view


@login_required
@require_http_methods(["POST"])
def contribution_add(request: HttpRequest, pk: int) -> HttpResponse:
    d = selectors.decision_for(scope_for(request.user), pk)
    form = ContributionForm(request.POST)
    form.fields["household"].queryset = Household.objects.filter(village_id=d.village_id, is_active=True)  # type: ignore[attr-defined]
    done = submit_create(
        request,
        form,
        lambda data: services.record_contribution(actor=request.user, decision=d, **data),
        _("Đã ghi sổ đóng góp."),
        lambda _c: reverse("democracy:decision", args=[d.pk]),
    )
    return done or _decision_page(request, d, status=400, contribution_form=form)


# --- village conventions ----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def conventions(request: HttpRequest) -> HttpResponse:
    form = ConventionCreateForm(request.POST or None)
    form.fields["village"].set_villages(_act_villages(request))  # type: ignore[attr-defined]
    return lists.create_list(
        request,
        form,
        lambda d: services.create_convention(actor=request.user, **d),
        _("Đã lập dự thảo hương ước, quy ước."),
        lambda c: reverse("democracy:convention", args=[c.pk]),
        template="democracy/conventions.html",
        queryset=selectors.conventions_for(scope_for(request.user)),
        columns=CONVENTION_COLUMNS,
        default="-created",
    )


def _adoptable(request: HttpRequest, c: Convention) -> dict[str, Any]:
    return {
        "decisions": CommunityDecision.objects.filter(
            village_id=c.village_id, matter=DecisionMatter.CONVENTION, passed=True
        ).exclude(state=DecisionState.DRAFT)
    }


CONVENTION_ACTIONS = ActionTable(
    load=lambda request, pk: selectors.convention_for(scope_for(request.user), pk),
    template="democracy/convention.html",
    name="c",
    redirect_to=lambda c: reverse("democracy:convention", args=[c.pk]),
    actions={
        "post": ActionSpec(
            PostForm,
            lambda request, c, d: services.post_convention(
                actor=request.user, convention=c, posted_on=d["posted_on"], version=d["version"]
            ),
            gettext_lazy("Đã niêm yết dự thảo."),
            prefix="post",
        ),
        "adopt": ActionSpec(
            AdoptForm,
            lambda request, c, d: services.adopt_convention(
                actor=request.user, convention=c, decision=d["decision"], version=d["version"]
            ),
            gettext_lazy("Đã ghi nhận cộng đồng thông qua."),
            form_kwargs=_adoptable,
            prefix="adopt",
        ),
        "recognise_convention": ActionSpec(
            RecogniseForm,
            lambda request, c, d: services.recognise_convention(
                actor=request.user, convention=c, reference=d["reference"], version=d["version"]
            ),
            gettext_lazy("Đã công nhận hương ước, quy ước."),
            prefix="recognise",
        ),
    },
)
convention_act = CONVENTION_ACTIONS.as_view
convention = CONVENTION_ACTIONS.detail


# --- oversight --------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def boards(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    form = BoardForm(request.POST or None)
    set_units(form, _act_communes(request))
    return create_page(
        request,
        form,
        lambda d: services.elect_board(actor=request.user, **d),
        _("Đã ghi kết quả bầu ban."),
        lambda b: reverse("democracy:board", args=[b.pk]),
        template="democracy/boards.html",
        context=lambda: {
            "boards": selectors.boards_for(scope)[:200],
            "overdue": selectors.recommendations_for(scope, overdue=True)[:100],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def board(request: HttpRequest, pk: int) -> HttpResponse:
    scope = scope_for(request.user)
    item = selectors.board_for(scope, pk)
    form = RecommendationForm(request.POST or None)
    return create_page(
        request,
        form,
        lambda d: services.create_recommendation(actor=request.user, board=item, **d),
        _("Đã ghi kiến nghị. Hãy đề nghị MTTQ xã xác nhận."),
        lambda r: reverse("democracy:recommendation", args=[r.pk]),
        template="democracy/board.html",
        context=lambda: {
            "board": item,
            "recs": [(r, selectors.is_overdue(r)) for r in selectors.recommendations_for(scope, board=item)],
            "can_add": services.RULEBOOK.allows(request.user, "create_recommendation", item.unit),
        },
    )


RECOMMENDATION_ACTIONS = ActionTable(
    load=lambda request, pk: selectors.recommendation_for(scope_for(request.user), pk),
    template="democracy/recommendation.html",
    name="r",
    context=lambda request, r: {"overdue": selectors.is_overdue(r)},
    redirect_to=lambda r: reverse("democracy:recommendation", args=[r.pk]),
    actions={
        "confirm": ActionSpec(
            ConfirmForm,
            lambda request, r, d: services.confirm(
                actor=request.user,
                recommendation=r,
                confirmed_on=d["confirmed_on"],
                version=d["version"],
                reason=d["reason"],
            ),
            gettext_lazy("Đã ghi xác nhận của MTTQ xã."),
            prefix="confirm",
        ),
        "send_recommendation": ActionSpec(
            SendRecommendationForm,
            lambda request, r, d: services.send_recommendation(
                actor=request.user,
                recommendation=r,
                recipient=d["recipient"],
                sent_on=d["sent_on"],
                version=d["version"],
            ),
            gettext_lazy("Đã gửi kiến nghị."),
            prefix="send",
        ),
        "record_reply": ActionSpec(
            ReplyForm,
            lambda request, r, d: services.record_reply(
                actor=request.user,
                recommendation=r,
                reply=d["reply"],
                replied_on=d["replied_on"],
                version=d["version"],
            ),
            gettext_lazy("Đã ghi trả lời."),
            prefix="reply",
        ),
    },
)
recommendation_act = RECOMMENDATION_ACTIONS.as_view
recommendation = RECOMMENDATION_ACTIONS.detail


# --- agencies and enterprises -----------------------------------------------------------------------


def _workplace_units(request: HttpRequest) -> Any:
    return scope_for(request.user).units(ACT_ROLES).exclude(level=Level.NATION)


def _workplaces_page(
    request: HttpRequest, form: WorkplaceForm | None = None, status: int = 200
) -> HttpResponse:
    scope = scope_for(request.user)
    kind = request.GET.get("kind", "")
    kind = kind if kind in WorkplaceKind.values else ""
    if form is None:
        form = WorkplaceForm()
        set_units(form, _workplace_units(request))
    page = Paginator(selectors.workplaces_for(scope, kind), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "democracy/workplaces.html",
        {"page": page, "form": form, "kinds": WorkplaceKind.choices, "kind": kind},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def workplaces(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _workplaces_page(request)
    form = WorkplaceForm(request.POST)
    set_units(form, _workplace_units(request))
    done = submit_create(
        request,
        form,
        lambda d: services.register_workplace(actor=request.user, **d),
        lambda w: _("Đã đăng ký %(name)s.") % {"name": w.name},
        lambda w: reverse("democracy:workplace", args=[w.pk]),
    )
    return done or _workplaces_page(request, form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def workplace(request: HttpRequest, pk: int) -> HttpResponse:
    scope = scope_for(request.user)
    item = selectors.workplace_for(scope, pk)
    form = MeetingPlanForm(request.POST or None)
    return create_page(
        request,
        form,
        lambda d: services.plan_meeting(actor=request.user, workplace=item, **d),
        _("Đã lên kế hoạch. Sau khi tổ chức, hãy ghi kết quả."),
        lambda m: reverse("democracy:meeting", args=[m.pk]),
        template="democracy/workplace.html",
        context=lambda: {
            "w": item,
            "meetings": list(selectors.meetings_for(scope, item)),
            "can_plan": services.RULEBOOK.allows(request.user, "plan_meeting", item.unit),
        },
    )


MEETING_ACTIONS = ActionTable(
    load=lambda request, pk: selectors.meeting_for(scope_for(request.user), pk),
    template="democracy/meeting.html",
    name="m",
    redirect_to=lambda m: reverse("democracy:meeting", args=[m.pk]),
    actions={
        "hold_meeting": ActionSpec(
            HoldMeetingForm,
            lambda request, m, d: services.hold_meeting(
                actor=request.user,
                meeting=m,
                held_on=d["held_on"],
                attendees=d["attendees"],
                minutes=d["minutes"],
                version=d["version"],
            ),
            gettext_lazy("Đã ghi kết quả."),
            prefix="hold",
        ),
        "cancel_meeting": ActionSpec(
            CancelMeetingForm,
            lambda request, m, d: services.cancel_meeting(
                actor=request.user, meeting=m, reason=d["reason"], version=d["version"]
            ),
            gettext_lazy("Đã hủy."),
            prefix="cancel",
        ),
    },
)
meeting_act = MEETING_ACTIONS.as_view
meeting = MEETING_ACTIONS.detail


@login_required
def workplace_compliance(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    form = WorkplaceComplianceForm(request.GET or None)
    set_units(form, scope.units())
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    unit = data.get("unit") or scope.home_unit()
    if unit is None:
        raise PermissionDenied(_("Tài khoản chưa được giao đơn vị nào."))
    year = data.get("year") or clock.today().year
    try:
        rule = services.rule_for_year(year)
    except Refused as exc:
        form.add_error("year", str(exc))
        year = clock.today().year
        rule = services.rule_for_year(year)
    total, rows = selectors.workplace_compliance(unit, year, rule.dialogues_per_year)
    problems = [r for r in rows if not r.compliant]
    return render(
        request,
        "democracy/workplace_compliance.html",
        {
            "form": form,
            "unit": unit,
            "year": year,
            "total": total,
            "kinds": [(k, label, total.by_kind[k]) for k, label in WorkplaceKind.choices],
            "rows": problems[:300],
            "more": max(0, len(problems) - 300),
            "rule": rule,
            "due": services.conference_due(rule, year),
        },
    )
