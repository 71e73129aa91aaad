"""Tiếp công dân và đối thoại: views (thin: parse input, call a service or selector, render)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.core import is_ratelimited

from danvan.accounts.scoping import ACT_ROLES, Scope, scope_for
from danvan.core import audit, clock
from danvan.core.models import AuditAction
from danvan.engagement import forms as f
from danvan.engagement import ical, selectors, services
from danvan.engagement.models import (
    CommitmentState,
    Dialogue,
    DialogueQuestion,
    DialogueState,
    ReceptionMatter,
)
from danvan.engagement.services import EngagementError
from danvan.territory.models import AdminUnit, Level
from danvan.territory.selectors import UnknownUnitError, get_unit

# --- helpers -----------------------------------------------------------------------------------------------


def _staff_scope(request: HttpRequest) -> Scope:
    scope = scope_for(request.user)
    if not scope.is_staff_member:
        raise PermissionDenied("Tài khoản chưa được phân quyền tại đơn vị nào.")
    return scope


def _unit_from_request(request: HttpRequest, scope: Scope) -> AdminUnit:
    """The unit named by ?unit=<code> (must be inside the user's scope), else the user's home unit."""
    code = request.GET.get("unit", "").strip()
    if code:
        try:
            unit = get_unit(code)
        except UnknownUnitError as exc:
            raise Http404(str(exc)) from exc
        if not scope.can_see(unit):
            raise Http404("Đơn vị nằm ngoài phạm vi của bạn.")
        return unit
    home = scope.home_unit()
    if home is None:
        raise PermissionDenied("Tài khoản chưa được phân quyền tại đơn vị nào.")
    return home


def _act_units(scope: Scope) -> QuerySet[AdminUnit]:
    return scope.units(ACT_ROLES).filter(level__in=[Level.PROVINCE, Level.COMMUNE]).order_by("path")


def _period(request: HttpRequest) -> tuple[f.PeriodForm, dt.date, dt.date]:
    form = f.PeriodForm(request.GET or None)
    today = clock.today()
    start, end = dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)
    if form.is_bound and form.is_valid():
        start = form.cleaned_data.get("start") or start
        end = form.cleaned_data.get("end") or end
    return form, start, end


# --- Reception ---------------------------------------------------------------------------------------------


@login_required
@require_GET
def reception_list(request: HttpRequest) -> HttpResponse:
    scope = _staff_scope(request)
    unit = _unit_from_request(request, scope)
    period_form, start, end = _period(request)
    qs = selectors.receptions(scope, unit=unit, start=start, end=end)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "engagement/reception_list.html",
        {"page": page, "unit": unit, "period_form": period_form, "start": start, "end": end},
    )


@login_required
@require_http_methods(["GET", "POST"])
def reception_create(request: HttpRequest) -> HttpResponse:
    scope = _staff_scope(request)
    units = _act_units(scope)
    form = f.ReceptionForm(request.POST or None, units=units, initial={"date": clock.today()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session = services.record_reception(
                actor=request.user,
                unit=data["unit"],
                head_role=data["head_role"],
                date=data["date"],
                receiver_name=data["receiver_name"],
                received_by=data["received_by"],
                mode=data["mode"],
                location=data["location"],
                start_time=data["start_time"],
                end_time=data["end_time"],
                citizens_count=data["citizens_count"],
                citizens=form.citizen_inputs(),
                notes=data["notes"],
            )
        except EngagementError as exc:
            f.apply_error(form, exc)
        else:
            messages.success(request, "Đã ghi nhận buổi tiếp công dân.")
            return redirect("engagement:reception_detail", pk=session.pk)
    return render(
        request, "engagement/reception_form.html", {"form": form}, status=400 if form.errors else 200
    )


def _reception_page(request: HttpRequest, pk: int, status: int = 200, **forms: Any) -> HttpResponse:
    scope = _staff_scope(request)
    session = selectors.reception(scope, pk)
    citizens = list(session.citizens.all())
    context = {
        "session": session,
        "citizens": citizens,
        "matters": list(session.matters.select_related("citizen", "petition")),
        "can_act": scope.has_role(session.unit, ACT_ROLES),
        "can_view_identities": services.can_view_identities(request.user, session.unit, session.officer_id),
        "identities": forms.pop("identities", None),
        "citizen_form": forms.pop("citizen_form", f.CitizenForm()),
        "matter_form": forms.pop("matter_form", f.MatterForm(positions=[c.position for c in citizens])),
        "petitions_available": petition_link_available(),
    }
    return render(request, "engagement/reception_detail.html", context, status=status)


@login_required
@require_GET
def reception_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _reception_page(request, pk)


@login_required
@require_POST
def reception_add_citizen(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.reception(_staff_scope(request), pk)
    form = f.CitizenForm(request.POST)
    if form.is_valid():
        try:
            services.add_reception_citizen(
                actor=request.user, session=session, citizen=services.CitizenInput(**form.cleaned_data)
            )
        except EngagementError as exc:
            f.apply_error(form, exc)
        else:
            messages.success(request, "Đã thêm công dân (thông tin được mã hóa).")
            return redirect("engagement:reception_detail", pk=pk)
    return _reception_page(request, pk, status=400, citizen_form=form)


@login_required
@require_POST
def reception_add_matter(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.reception(_staff_scope(request), pk)
    form = f.MatterForm(request.POST, positions=list(session.citizens.values_list("position", flat=True)))
    if form.is_valid():
        citizen = (
            session.citizens.filter(position=form.cleaned_data["citizen"]).first()
            if form.cleaned_data["citizen"]
            else None
        )
        try:
            services.add_matter(
                actor=request.user, session=session, summary=form.cleaned_data["summary"], citizen=citizen
            )
        except EngagementError as exc:
            f.apply_error(form, exc)
        else:
            messages.success(request, "Đã ghi nhận vụ việc.")
            return redirect("engagement:reception_detail", pk=pk)
    return _reception_page(request, pk, status=400, matter_form=form)


@login_required
@require_POST
def reception_identities(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.reception(_staff_scope(request), pk)
    identities = services.reveal_reception_identities(actor=request.user, session=session)
    return _reception_page(request, pk, identities=identities)


def petition_link_available() -> bool:
    from danvan.engagement import petition_link

    return petition_link.available()


@login_required
@require_POST
def matter_to_petition(request: HttpRequest, pk: int) -> HttpResponse:
    from danvan.engagement import petition_link

    scope = _staff_scope(request)
    matter = scope.get_or_404(ReceptionMatter.objects.select_related("session", "unit"), pk=pk)
    try:
        petition = petition_link.matter_to_petition(
            actor=request.user, matter=matter, kind=request.POST.get("kind", "proposal")
        )
    except EngagementError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Đã chuyển vụ việc thành đơn thư {petition}.")
    return redirect("engagement:reception_detail", pk=matter.session_id)


# --- Schedules and compliance ------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def schedule_list(request: HttpRequest) -> HttpResponse:
    scope = _staff_scope(request)
    unit = _unit_from_request(request, scope)
    form = f.ScheduleForm(request.POST or None, units=_act_units(scope))
    if request.method == "POST" and form.is_valid():
        try:
            services.save_schedule(actor=request.user, **form.cleaned_data)
        except EngagementError as exc:
            f.apply_error(form, exc)
        else:
            messages.success(request, "Đã lưu lịch tiếp công dân.")
            return redirect("engagement:schedule_list")
    page = Paginator(selectors.schedules(scope, unit), 50).get_page(request.GET.get("page"))
    from danvan.engagement.models import ReceptionRule

    return render(
        request,
        "engagement/schedule_list.html",
        {"page": page, "form": form, "unit": unit, "rules": ReceptionRule.objects.all()},
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def compliance(request: HttpRequest) -> HttpResponse:
    scope = _staff_scope(request)
    unit = _unit_from_request(request, scope)
    period_form, start, end = _period(request)
    cov = selectors.coverage(unit, start, end)
    show = request.GET.get("show", "short")
    heads = cov.heads_short if show == "short" else cov.heads_met if show == "met" else cov.heads
    page = Paginator(heads, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "engagement/compliance.html",
        {"cov": cov, "unit": unit, "period_form": period_form, "page": page, "show": show},
    )


# --- Dialogues ---------------------------------------------------------------------------------------------


@login_required
@require_GET
def dialogue_list(request: HttpRequest) -> HttpResponse:
    scope = _staff_scope(request)
    unit = _unit_from_request(request, scope)
    state = request.GET.get("state", "")
    qs = selectors.dialogues(scope, unit=unit, state=state if state in DialogueState.values else "")
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "engagement/dialogue_list.html",
        {"page": page, "unit": unit, "states": DialogueState.choices, "state": state},
    )


@login_required
@require_http_methods(["GET", "POST"])
def dialogue_create(request: HttpRequest) -> HttpResponse:
    scope = _staff_scope(request)
    form = f.DialogueCreateForm(request.POST or None, units=_act_units(scope))
    if request.method == "POST" and form.is_valid():
        try:
            dialogue = services.create_dialogue(actor=request.user, **form.cleaned_data)
        except EngagementError as exc:
            f.apply_error(form, exc)
        else:
            messages.success(
                request, "Đã lập kế hoạch hội nghị đối thoại. Hãy thông báo trước ít nhất 7 ngày."
            )
            return redirect("engagement:dialogue_detail", pk=dialogue.pk)
    return render(
        request, "engagement/dialogue_form.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
def dialogue_edit(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue = selectors.dialogue(_staff_scope(request), pk)
    initial = {name: getattr(dialogue, name) for name in services.DIALOGUE_FIELDS}
    initial["starts_at"] = clock.local(dialogue.starts_at)
    initial["version"] = dialogue.version
    form = f.DialogueEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        version = values.pop("version")
        try:
            services.update_dialogue(actor=request.user, dialogue=dialogue, version=version, **values)
        except EngagementError as exc:
            f.apply_error(form, exc)
        else:
            messages.success(request, "Đã sửa thông tin hội nghị.")
            return redirect("engagement:dialogue_detail", pk=pk)
    return render(
        request,
        "engagement/dialogue_form.html",
        {"form": form, "dialogue": dialogue},
        status=400 if form.errors else 200,
    )


def _dialogue_page(request: HttpRequest, pk: int, status: int = 200, **forms: Any) -> HttpResponse:
    scope = _staff_scope(request)
    dialogue = selectors.dialogue(scope, pk)
    questions = list(dialogue.questions.select_related("petition").order_by("id"))
    can_act = scope.has_role(dialogue.unit, ACT_ROLES)
    version = {"version": dialogue.version}
    context = {
        "dialogue": dialogue,
        "questions": questions,
        "commitments": list(
            dialogue.commitments.select_related("owner", "question").order_by("due_date", "id")
        ),
        "events": list(dialogue.events.select_related("actor")),
        "can_act": can_act,
        "can_view_identities": services.can_view_identities(request.user, dialogue.unit, dialogue.officer_id),
        "today": clock.today(),
        "announce_form": forms.pop("announce_form", f.AnnounceForm(initial=version)),
        "hold_form": forms.pop("hold_form", f.HoldForm(initial={**version, "held_on": clock.today()})),
        "publish_form": forms.pop("publish_form", f.PublishForm(initial=version)),
        "cancel_form": forms.pop("cancel_form", f.CancelForm(initial=version)),
        "question_form": forms.pop("question_form", f.QuestionForm()),
        "answer_form": forms.pop("answer_form", None),
        "answer_for": forms.pop("answer_for", None),
        "commitment_form": forms.pop("commitment_form", None)
        or f.CommitmentForm(
            owners=selectors.owner_choices(dialogue.unit), questions=_question_choices(questions)
        ),
        "asker": forms.pop("asker", None),
        "petitions_available": petition_link_available(),
        "open_states": services.QUESTION_STATES_OPEN,
    }
    return render(request, "engagement/dialogue_detail.html", context, status=status)


def _question_choices(questions: list[DialogueQuestion]) -> list[tuple[int, str]]:
    return [(q.pk, f"#{q.pk}: {q.text[:60]}") for q in questions]


@login_required
@require_GET
def dialogue_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _dialogue_page(request, pk)


def _transition(
    request: HttpRequest, pk: int, form_class: type[Any], key: str, call: Any, ok: str
) -> HttpResponse:
    dialogue = selectors.dialogue(_staff_scope(request), pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            call(dialogue, form.cleaned_data)
        except EngagementError as exc:
            f.apply_error(form, exc)
        else:
            messages.success(request, ok)
            return redirect("engagement:dialogue_detail", pk=pk)
    return _dialogue_page(request, pk, status=400, **{key: form})


@login_required
@require_POST
def dialogue_announce(request: HttpRequest, pk: int) -> HttpResponse:
    def call(d: Dialogue, data: dict[str, Any]) -> None:
        services.announce_dialogue(
            actor=request.user,
            dialogue=d,
            announced_on=data["announced_on"],
            reason=data["reason"],
            version=data["version"],
        )

    return _transition(
        request,
        pk,
        f.AnnounceForm,
        "announce_form",
        call,
        "Đã thông báo hội nghị đối thoại; trang công khai của xã đã hiển thị.",
    )


@login_required
@require_POST
def dialogue_hold(request: HttpRequest, pk: int) -> HttpResponse:
    def call(d: Dialogue, data: dict[str, Any]) -> None:
        services.hold_dialogue(
            actor=request.user,
            dialogue=d,
            held_on=data["held_on"],
            participants_count=data["participants_count"],
            note=data["note"],
            version=data["version"],
        )

    return _transition(request, pk, f.HoldForm, "hold_form", call, "Đã ghi nhận hội nghị đã tổ chức.")


@login_required
@require_POST
def dialogue_publish(request: HttpRequest, pk: int) -> HttpResponse:
    def call(d: Dialogue, data: dict[str, Any]) -> None:
        services.publish_results(
            actor=request.user,
            dialogue=d,
            results_summary=data["results_summary"],
            published_on=data["published_on"],
            version=data["version"],
        )

    return _transition(request, pk, f.PublishForm, "publish_form", call, "Đã công khai kết quả đối thoại.")


@login_required
@require_POST
def dialogue_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    def call(d: Dialogue, data: dict[str, Any]) -> None:
        services.cancel_dialogue(
            actor=request.user, dialogue=d, reason=data["reason"], version=data["version"]
        )

    return _transition(request, pk, f.CancelForm, "cancel_form", call, "Đã hủy hội nghị đối thoại.")


@login_required
@require_POST
def dialogue_add_question(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue = selectors.dialogue(_staff_scope(request), pk)
    form = f.QuestionForm(request.POST)
    if form.is_valid():
        try:
            services.add_question(actor=request.user, dialogue=dialogue, **form.cleaned_data)
        except EngagementError as exc:
            f.apply_error(form, exc)
        else:
            messages.success(request, "Đã ghi câu hỏi.")
            return redirect("engagement:dialogue_detail", pk=pk)
    return _dialogue_page(request, pk, status=400, question_form=form)


def _question(request: HttpRequest, pk: int) -> DialogueQuestion:
    scope = _staff_scope(request)
    return scope.get_or_404(
        DialogueQuestion.objects.select_related("dialogue", "dialogue__unit"), field="dialogue__unit", pk=pk
    )


@login_required
@require_POST
def question_answer(request: HttpRequest, pk: int) -> HttpResponse:
    question = _question(request, pk)
    form = f.AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.answer_question(
                actor=request.user,
                question=question,
                answer=form.cleaned_data["answer"],
                on_spot=form.cleaned_data["on_spot"],
            )
        except EngagementError as exc:
            f.apply_error(form, exc)
        else:
            messages.success(request, "Đã ghi trả lời.")
            return redirect("engagement:dialogue_detail", pk=question.dialogue_id)
    return _dialogue_page(request, question.dialogue_id, status=400, answer_form=form, answer_for=question.pk)


@login_required
@require_POST
def question_identity(request: HttpRequest, pk: int) -> HttpResponse:
    question = _question(request, pk)
    name, contact = services.reveal_asker(actor=request.user, question=question)
    return _dialogue_page(
        request, question.dialogue_id, asker={"pk": question.pk, "name": name, "contact": contact}
    )


@login_required
@require_POST
def question_to_petition(request: HttpRequest, pk: int) -> HttpResponse:
    from danvan.engagement import petition_link

    question = _question(request, pk)
    try:
        petition = petition_link.question_to_petition(
            actor=request.user, question=question, kind=request.POST.get("kind", "proposal")
        )
    except EngagementError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Đã chuyển câu hỏi thành đơn thư {petition}.")
    return redirect("engagement:dialogue_detail", pk=question.dialogue_id)


@login_required
@require_POST
def commitment_create(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue = selectors.dialogue(_staff_scope(request), pk)
    questions = list(dialogue.questions.order_by("id"))
    form = f.CommitmentForm(
        request.POST, owners=selectors.owner_choices(dialogue.unit), questions=_question_choices(questions)
    )
    if form.is_valid():
        data = form.cleaned_data
        question = next((q for q in questions if q.pk == data["question"]), None)
        try:
            services.create_commitment(
                actor=request.user,
                dialogue=dialogue,
                content=data["content"],
                owner=data["owner"],
                due_date=data["due_date"],
                question=question,
            )
        except EngagementError as exc:
            f.apply_error(form, exc)
        else:
            messages.success(request, "Đã ghi cam kết; cam kết được theo dõi đến khi hoàn thành.")
            return redirect("engagement:dialogue_detail", pk=pk)
    return _dialogue_page(request, pk, status=400, commitment_form=form)


# --- Commitments -------------------------------------------------------------------------------------------


@login_required
@require_GET
def commitment_list(request: HttpRequest) -> HttpResponse:
    scope = _staff_scope(request)
    unit = _unit_from_request(request, scope)
    overdue = request.GET.get("overdue") == "1"
    mine = request.GET.get("mine") == "1"
    state = request.GET.get("state", "")
    qs = selectors.commitments(
        scope,
        unit=unit,
        overdue_only=overdue,
        owner=request.user if mine else None,
        state=state if state in CommitmentState.values else "",
    )
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "engagement/commitment_list.html",
        {
            "page": page,
            "unit": unit,
            "overdue": overdue,
            "mine": mine,
            "states": CommitmentState.choices,
            "state": state,
            "today": clock.today(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def commitment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    scope = _staff_scope(request)
    commitment = selectors.commitment(scope, pk)
    form = f.FollowUpForm(request.POST or None, initial={"version": commitment.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.follow_up_commitment(
                actor=request.user,
                commitment=commitment,
                state=data["state"],
                note=data["note"],
                done_on=data["done_on"],
                version=data["version"],
            )
        except EngagementError as exc:
            f.apply_error(form, exc)
        else:
            messages.success(request, "Đã cập nhật cam kết.")
            return redirect("engagement:commitment_detail", pk=pk)
    return render(
        request,
        "engagement/commitment_detail.html",
        {
            "c": commitment,
            "form": form,
            "events": list(commitment.events.select_related("actor")),
            "can_act": scope.has_role(commitment.unit, ACT_ROLES) and services.is_open(commitment),
            "today": clock.today(),
        },
        status=400 if form.errors else 200,
    )


# --- Coverage ----------------------------------------------------------------------------------------------


@login_required
@require_GET
def coverage(request: HttpRequest) -> HttpResponse:
    scope = _staff_scope(request)
    unit = _unit_from_request(request, scope)
    period_form, start, end = _period(request)
    cov = selectors.coverage(unit, start, end)
    return render(request, "engagement/coverage.html", {"cov": cov, "unit": unit, "period_form": period_form})


# --- Calendar ----------------------------------------------------------------------------------------------


def _month(request: HttpRequest) -> tuple[int, int]:
    raw = request.GET.get("month", "")
    today = clock.today()
    try:
        year, month = (int(p) for p in raw.split("-", 1))
        dt.date(year, month, 1)
    except ValueError:
        return today.year, today.month
    return year, month


@login_required
@require_GET
def calendar_month(request: HttpRequest) -> HttpResponse:
    scope = _staff_scope(request)
    unit = _unit_from_request(request, scope)
    year, month = _month(request)
    start, end = selectors.month_bounds(year, month)
    events = selectors.calendar_events(scope, unit, start, end)
    return render(
        request,
        "engagement/calendar.html",
        {
            "grid": selectors.month_grid(year, month, events),
            "unit": unit,
            "events": events,
            "today": clock.today(),
        },
    )


@login_required
@require_GET
def calendar_ics(request: HttpRequest) -> HttpResponse:
    scope = _staff_scope(request)
    unit = _unit_from_request(request, scope)
    year, month = _month(request)
    start, end = selectors.month_bounds(year, month)
    events = selectors.calendar_events(scope, unit, start, end)
    body = ical.to_ical(
        events,
        name=f"Tiếp công dân và đối thoại — {unit.name} — {month:02d}/{year}",
        now=timezone.now(),
        base_url=request.build_absolute_uri("/"),
    )
    audit.record(
        actor=request.user,
        action=AuditAction.EXPORT,
        object_type="engagement.calendar",
        object_id=f"{unit.code}-{year}-{month:02d}",
        unit=unit,
        summary=f"Xuất lịch iCalendar {month:02d}/{year}: {len(events)} sự kiện",
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="lich-{unit.code}-{year}-{month:02d}.ics"'
    return response


# --- Public pages ------------------------------------------------------------------------------------------


@require_GET
def public_dialogues(request: HttpRequest) -> HttpResponse:
    """Citizens: find a commune and see its upcoming dialogues."""
    from danvan.core.text import fold

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
        raise Http404("Không tìm thấy hội nghị đối thoại.")
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
            form.add_error(None, "Bạn đã gửi quá nhiều câu hỏi trong một giờ. Hãy thử lại sau.")
        elif form.is_valid():
            try:
                services.submit_question(
                    actor=request.user,
                    dialogue=dialogue,
                    text=form.cleaned_data["text"],
                    name=form.cleaned_data["name"],
                    contact=form.cleaned_data["contact"],
                )
            except EngagementError as exc:
                f.apply_error(form, exc)
            else:
                limited(True)
                messages.success(request, "Câu hỏi của bạn đã được gửi đến ban tổ chức hội nghị. Xin cảm ơn!")
                return redirect("engagement:public_dialogue", pk=pk)
        status = 400
    answered = []
    commitments: list[Any] = []
    if dialogue.state == DialogueState.PUBLISHED:
        answered = list(dialogue.questions.exclude(answer="").order_by("id"))
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
