"""Hội nghị đối thoại: list, plan, edit (reschedule), the dialogue's page and its one action table.

Every action on a dialogue (announce, hold, publish, cancel, record a question, answer one, turn one into
a petition, record a commitment) is a row of `DIALOGUE_ACTIONS` (`danvan.core.workflow.ActionTable`): the
page shows an action's form only when `{% allowed_actions %}` has it, the service refuses the rest.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.core import clock, lists
from danvan.core.workflow import (
    ActionSpec,
    ActionTable,
    NotPermitted,
    Refused,
    allowed_actions,
    show_refusal,
)
from danvan.engagement import forms as f
from danvan.engagement import petition_link, selectors, services
from danvan.engagement.models import Dialogue, DialogueQuestion, DialogueState
from danvan.engagement.views.common import (
    act_units,
    history_rows,
    petition_link_available,
    require_act_units,
    staff_scope,
    unit_form,
    unit_from_request,
)
from danvan.engagement.workflow import DIALOGUE

DIALOGUE_COLUMNS = [
    lists.Column("starts", _("Thời gian"), ("starts_at",)),
    lists.Column("title", _("Hội nghị"), ("title",)),
    lists.Column("unit", _("Đơn vị"), ("unit__path",)),
    lists.Column("state", _("Trạng thái"), ("state",)),
    lists.Column("questions", _("Câu hỏi"), ("n_questions",), css="num"),
    lists.Column("commitments", _("Cam kết"), ("n_commitments",), css="num"),
]
DIALOGUE_BULK = lists.Bulk(
    url="engagement:dialogue_bulk",
    describe=lambda d: d.title,
    export=lists.Export(
        "doi-thoai-da-chon",
        _("Hội nghị đối thoại"),
        [_("Thời gian"), _("Hội nghị"), _("Đơn vị"), _("Trạng thái"), _("Câu hỏi"), _("Cam kết")],
        lambda d: [clock.format_datetime(d.starts_at), d.title, d.unit.name, d.get_state_display(),
                   d.n_questions, d.n_commitments],
        "engagement.dialogue",
    ),
)  # fmt: skip


@login_required
@require_POST
def dialogue_bulk(request: HttpRequest) -> HttpResponse:
    """Ticked dialogues exported (XLSX or CSV)."""
    qs = selectors.dialogues(staff_scope(request))
    return lists.run_bulk(request, DIALOGUE_BULK, qs, back=reverse("engagement:dialogue_list"))


@login_required
@require_GET
def dialogue_list(request: HttpRequest) -> HttpResponse:
    scope = staff_scope(request)
    unit = unit_from_request(request, scope)
    state = request.GET.get("state", "")
    qs = selectors.dialogues(scope, unit=unit, state=state if state in DialogueState.values else "")
    listing = lists.paginate(request, qs, DIALOGUE_COLUMNS, default="-starts", bulk=DIALOGUE_BULK)
    return render(
        request,
        "engagement/dialogue_list.html",
        {
            "page": listing.page,
            "listing": listing,
            "unit": unit,
            "unit_form": unit_form(request, scope, unit),
            "states": DialogueState.choices,
            "state": state,
            "can_create": act_units(scope).exists(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def dialogue_create(request: HttpRequest) -> HttpResponse:
    scope = staff_scope(request)
    require_act_units(act_units(scope))
    form = f.DialogueCreateForm(request.POST or None, units=act_units(scope))
    if request.method == "POST" and form.is_valid():
        try:
            dialogue = services.create_dialogue(actor=request.user, **form.cleaned_data)
        except Refused as exc:
            show_refusal(form, exc)
        else:
            messages.success(
                request, _("Đã lập kế hoạch hội nghị đối thoại. Hãy thông báo trước ít nhất 7 ngày.")
            )
            return redirect("engagement:dialogue_detail", pk=dialogue.pk)
    return render(
        request, "engagement/dialogue_form.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
def dialogue_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit the details; a new time is a rescheduling (reason required, notice rule checked again)."""
    dialogue = selectors.dialogue(staff_scope(request), pk)
    if request.method == "GET" and "edit" not in {a.name for a in allowed_actions(request.user, dialogue)}:
        if DIALOGUE.rulebook is not None:
            DIALOGUE.rulebook.require(request.user, "edit", dialogue)  # 403 with the rule in words
        raise PermissionDenied(str(DIALOGUE.actions["edit"].refusal))
    initial = {name: getattr(dialogue, name) for name in services.DIALOGUE_FIELDS}
    initial["starts_at"] = clock.local(dialogue.starts_at)
    initial["version"] = dialogue.version
    form = f.DialogueEditForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            values = dict(form.cleaned_data)
            version = values.pop("version")
            reason = values.pop("reason")
            try:
                services.update_dialogue(
                    actor=request.user, dialogue=dialogue, version=version, reason=reason, **values
                )
            except Refused as exc:
                show_refusal(form, exc)
                status = 403 if isinstance(exc, NotPermitted) else 400
            else:
                messages.success(request, _("Đã sửa thông tin hội nghị."))
                return redirect("engagement:dialogue_detail", pk=pk)
    return render(
        request, "engagement/dialogue_form.html", {"form": form, "dialogue": dialogue}, status=status
    )


def _question_choices(dialogue: Dialogue) -> list[tuple[int, str]]:
    return [(q.pk, f"#{q.pk}: {q.text[:60]}") for q in dialogue.questions.order_by("id")]


def _dialogue_page(
    request: HttpRequest,
    dialogue: Dialogue,
    forms: Mapping[str, forms.BaseForm] | None = None,
    status: int = 200,
    failed: str | None = None,
    asker: dict[str, Any] | None = None,
) -> HttpResponse:
    action_forms = DIALOGUE_ACTIONS.forms_for(request, dialogue, forms)
    hold = action_forms["hold"]
    start_day = services.local_start_date(dialogue)
    if not hold.is_bound and start_day <= clock.today():
        hold.initial["held_on"] = start_day  # the scheduled day, never a day before the start
    failed_question = ""
    if failed in ("answer", "question_to_petition"):
        failed_question = str(action_forms[failed].data.get("question_id", ""))
    questions = list(dialogue.questions.select_related("petition").order_by("id"))
    context = {
        "dialogue": dialogue,
        "questions": questions,
        "commitments": list(
            dialogue.commitments.select_related("owner", "question").order_by("due_date", "id")
        ),
        "history": history_rows(DIALOGUE, dialogue.history.select_related("actor")),
        "started": clock.now() >= dialogue.starts_at,
        "can_view_identities": services.can_view_identities(request.user, dialogue.unit, dialogue.officer_id),
        "today": clock.today(),
        "forms": action_forms,
        "failed": failed,
        "failed_question": failed_question,
        "asker": asker,
        "petitions_available": petition_link_available(),
    }
    return render(request, "engagement/dialogue_detail.html", context, status=status)


def _load(request: HttpRequest, pk: int) -> Dialogue:
    return selectors.dialogue(staff_scope(request), pk)


@login_required
@require_GET
def dialogue_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _dialogue_page(request, _load(request, pk))


def _question(dialogue: Dialogue, pk: int) -> DialogueQuestion:
    question = dialogue.questions.filter(pk=pk).first()
    if question is None:
        raise Refused(_("Câu hỏi này không thuộc hội nghị."), field="question_id")
    return question


def _commit(request: HttpRequest, d: Dialogue, data: dict[str, Any]) -> Any:
    question = d.questions.filter(pk=data["question"]).first() if data["question"] else None
    return services.create_commitment(
        actor=request.user,
        dialogue=d,
        content=data["content"],
        owner=data["owner"],
        due_date=data["due_date"],
        question=question,
    )


def _commitment_form_kwargs(request: HttpRequest, d: Dialogue) -> dict[str, Any]:
    return {"owners": selectors.owner_choices(d.unit), "questions": _question_choices(d)}


DIALOGUE_ACTIONS = ActionTable(
    load=_load,
    page=_dialogue_page,
    redirect_to=lambda d: reverse("engagement:dialogue_detail", args=[d.pk]),
    actions={
        "announce": ActionSpec(
            f.AnnounceForm,
            lambda request, d, data: services.announce_dialogue(
                actor=request.user,
                dialogue=d,
                announced_on=data["announced_on"],
                reason=data["reason"],
                version=data["version"],
            ),
            _("Đã thông báo hội nghị đối thoại; trang công khai của xã đã hiển thị."),
        ),
        "hold": ActionSpec(
            f.HoldForm,
            lambda request, d, data: services.hold_dialogue(
                actor=request.user,
                dialogue=d,
                held_on=data["held_on"],
                participants_count=data["participants_count"],
                note=data["note"],
                version=data["version"],
            ),
            _("Đã ghi nhận hội nghị đã tổ chức."),
        ),
        "publish": ActionSpec(
            f.PublishForm,
            lambda request, d, data: services.publish_results(
                actor=request.user,
                dialogue=d,
                results_summary=data["results_summary"],
                published_on=data["published_on"],
                version=data["version"],
            ),
            _("Đã công khai kết quả đối thoại."),
        ),
        "cancel": ActionSpec(
            f.CancelForm,
            lambda request, d, data: services.cancel_dialogue(
                actor=request.user, dialogue=d, reason=data["reason"], version=data["version"]
            ),
            _("Đã hủy hội nghị đối thoại."),
        ),
        "add_question": ActionSpec(
            f.QuestionForm,
            lambda request, d, data: services.add_question(
                actor=request.user, dialogue=d, text=data["text"], name=data["name"]
            ),
            _("Đã ghi câu hỏi."),
        ),
        "answer": ActionSpec(
            f.AnswerForm,
            lambda request, d, data: services.answer_question(
                actor=request.user,
                question=_question(d, data["question_id"]),
                answer=data["answer"],
                on_spot=data["on_spot"],
            ),
            _("Đã ghi trả lời."),
        ),
        "question_to_petition": ActionSpec(
            f.QuestionToPetitionForm,
            lambda request, d, data: petition_link.question_to_petition(
                actor=request.user, question=_question(d, data["question_id"]), kind=data["kind"]
            ),
            _("Đã chuyển câu hỏi thành đơn thư; mã tra cứu được ghi vào câu trả lời để người hỏi theo dõi."),
        ),
        "commit": ActionSpec(
            f.CommitmentForm,
            _commit,
            _("Đã ghi cam kết; cam kết được theo dõi đến khi hoàn thành."),
            form_kwargs=_commitment_form_kwargs,
        ),
    },
)
dialogue_act = DIALOGUE_ACTIONS.as_view


@login_required
@require_POST
def question_identity(request: HttpRequest, pk: int) -> HttpResponse:
    scope = staff_scope(request)
    question = scope.get_or_404(
        DialogueQuestion.objects.select_related("dialogue", "dialogue__unit"), field="dialogue__unit", pk=pk
    )
    name, contact = services.reveal_asker(actor=request.user, question=question)
    return _dialogue_page(
        request, question.dialogue, asker={"pk": question.pk, "name": name, "contact": contact}
    )
