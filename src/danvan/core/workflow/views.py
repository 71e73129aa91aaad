"""One action view for every module, fed by a per-module table (action → form, service call, message).

    TABLE = ActionTable(
        load=lambda request, pk: selectors.petition_for(scope_for(request.user), pk),   # 404 outside scope
        page=detail_page,                    # (request, record, forms, status) -> the record's page
        redirect_to=lambda p: reverse("petitions:detail", args=[p.pk]),
        actions={
            "accept": ActionSpec(ReasonForm, lambda request, p, data: services.accept(...), _("Đã thụ lý đơn.")),
            ...
        },
    )
    urlpatterns = [path("<int:pk>/<str:action>/", TABLE.view, name="act")]

On a valid form the service runs and the user is sent back with the success message. On an invalid form,
a `Refused`, a `NotPermitted` or a `Conflict`, the record's page is rendered again with the submitted
form bound, its input kept and the message beside the field it concerns (400, 403 or 409).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.core import held
from danvan.core.workflow.errors import Conflict, NotPermitted, Refused

Page = Callable[..., HttpResponse]


def show_refusal(form: forms.BaseForm, exc: Refused) -> None:
    """A refused move shown on the form the person filled in: beside its field, or at the top."""
    form.add_error(exc.field if exc.field in form.fields else None, str(exc))


def submit_create(
    request: HttpRequest,
    form: forms.BaseForm,
    run: Callable[[dict[str, Any]], Any],
    success: Any,
    redirect_to: Callable[[Any], str],
) -> HttpResponse | None:
    """The POST of a form that creates a record (no state to move from): the create views' one pattern.

    A valid form runs `run(cleaned_data)` (the service); then the success message (text, or a function of
    the new record) and a redirect to `redirect_to(record)`. An invalid form or a `Refused` service gives
    None, the refusal beside its field: the caller renders its page again with the bound form (400)::

        form = VillageForm(request.POST)
        done = submit_create(request, form, lambda d: services.register_village(actor=request.user, **d),
                             _("Đã đăng ký."), lambda v: reverse("democracy:village", args=[v.pk]))
        return done or render(request, "democracy/villages.html", {"form": form}, status=400)
    """
    if not form.is_valid():
        return None
    try:
        record = run(form.cleaned_data)
    except Refused as exc:
        show_refusal(form, exc)
        return None
    text = success(record) if callable(success) and not isinstance(success, Promise) else success
    messages.success(request, str(text))
    return redirect(redirect_to(record))


def create_page(
    request: HttpRequest,
    form: forms.BaseForm,
    run: Callable[[dict[str, Any]], Any],
    success: Any,
    redirect_to: Callable[[Any], str],
    *,
    template: str,
    context: Callable[[], Mapping[str, Any]] = dict,
) -> HttpResponse:
    """A page that shows a create form (`form`, bound to the POST or not) beside what `context()` gives.

    A POST goes through `submit_create`; a GET, or a POST it did not accept, renders `template` with the
    form and `context()` (asked for only then), status 400 when the form is bound::

        form = BoardForm(request.POST or None)
        return create_page(request, form, lambda d: services.elect_board(actor=request.user, **d),
                           _("Đã ghi."), lambda b: reverse("democracy:board", args=[b.pk]),
                           template="democracy/boards.html", context=lambda: {"boards": ...})
    """
    if request.method == "POST" and (done := submit_create(request, form, run, success, redirect_to)):
        return done
    return render(request, template, {**context(), "form": form}, status=400 if form.is_bound else 200)


@dataclass(frozen=True)
class ActionSpec:
    """One row of a module's action table.

    `form`: the form class (it may declare a hidden `version` field: it gets the record's version);
    `run(request, record, cleaned_data)`: calls the service; `success`: the message after it;
    `form_kwargs(request, record)`: extra keyword arguments for the form (a unit picker's scope, ...);
    `after(request, record)`: where to go and what to say after the move, when it is not the record's page
    with `success` (a transfer takes the record out of the officer's sight: back to the list, saying where).
    """

    form: type[forms.BaseForm]
    run: Callable[[HttpRequest, Any, dict[str, Any]], Any]
    success: Any
    form_kwargs: Callable[[HttpRequest, Any], Mapping[str, Any]] | None = None
    prefix: str | None = None
    after: Callable[[HttpRequest, Any], tuple[str, str]] | None = None


@dataclass(kw_only=True)
class ActionTable:
    """A module's actions on one kind of record, and the view that runs them.

    The record's page is `page(request, record, forms=, status=, failed=)`, or, without one, the standard
    page: `template` with the record under `name`, the action forms (`forms`), `failed`, the history
    (`history`, unless `history=False`) and what `context(request, record)` adds. `detail` is the view
    that shows it (`load`'s record, 404 outside the person's scope)::

        REPORT_ACTIONS = ActionTable(load=..., template="situation/report.html", name="r", ...)
        report = REPORT_ACTIONS.detail
    """

    load: Callable[..., Any]
    redirect_to: Callable[[Any], str]
    actions: Mapping[str, ActionSpec]
    page: Page | None = None
    template: str = ""
    name: str = "record"
    history: bool = True
    context: Callable[[HttpRequest, Any], Mapping[str, Any]] | None = None
    version_field: str = "version"
    login: bool = field(default=True)

    def _kwargs(self, spec: ActionSpec, request: HttpRequest, record: Any) -> dict[str, Any]:
        kwargs = dict(spec.form_kwargs(request, record)) if spec.form_kwargs else {}
        if spec.prefix:
            kwargs["prefix"] = spec.prefix
        return kwargs

    def blank_forms(
        self, request: HttpRequest, record: Any, names: Iterable[str] | None = None
    ) -> dict[str, forms.BaseForm]:
        """Unbound forms for the record's page, the version field filled in, keyed by action."""
        out: dict[str, forms.BaseForm] = {}
        for name in names if names is not None else self.actions:
            spec = self.actions[name]
            initial = {self.version_field: getattr(record, self.version_field, None)}
            out[name] = spec.form(initial=initial, **self._kwargs(spec, request, record))
        return out

    def forms_for(
        self, request: HttpRequest, record: Any, bound: Mapping[str, forms.BaseForm] | None = None
    ) -> dict[str, forms.BaseForm]:
        """Every action's form: the blank ones, with the submitted (bound) ones in their place."""
        out = self.blank_forms(request, record)
        out.update(bound or {})
        return out

    def render_page(
        self,
        request: HttpRequest,
        record: Any,
        forms: Mapping[str, forms.BaseForm] | None = None,
        status: int = 200,
        failed: str | None = None,
    ) -> HttpResponse:
        """The record's page: the module's own `page`, or the standard one (see the class)."""
        if self.page is not None:
            return self.page(request, record, forms=forms, status=status, failed=failed)
        context: dict[str, Any] = {
            self.name: record,
            "forms": self.forms_for(request, record, forms),
            "failed": failed,
        }
        if self.history:
            context["history"] = list(record.history.all())
        if self.context is not None:
            context.update(self.context(request, record))
        return render(request, self.template, context, status=status)

    @property
    def detail(self) -> Callable[..., HttpResponse]:
        """The view of the record's page (GET), `load`'s keyword arguments from the URL."""

        def view(request: HttpRequest, **kwargs: Any) -> HttpResponse:
            return self.render_page(request, self.load(request, **kwargs))

        return login_required(view) if self.login else view

    def view(self, request: HttpRequest, action: str, **kwargs: Any) -> HttpResponse:
        return _view(self, request, action, **kwargs)

    @property
    def as_view(self) -> Callable[..., HttpResponse]:
        def view(request: HttpRequest, action: str, **kwargs: Any) -> HttpResponse:
            return _view(self, request, action, **kwargs)

        view = require_POST(view)
        return login_required(view) if self.login else view


def _view(table: ActionTable, request: HttpRequest, action: str, **kwargs: Any) -> HttpResponse:
    record = table.load(request, **kwargs)
    spec = table.actions.get(action)
    if spec is None:
        raise Http404(_("Thao tác không hợp lệ."))
    files = held.files_for_retry(request)
    form = spec.form(request.POST, files or None, **table._kwargs(spec, request, record))
    status = 400
    if form.is_valid():
        try:
            result = spec.run(request, record, form.cleaned_data)
        except Conflict as exc:
            record = table.load(request, **kwargs)
            data = request.POST.copy()
            key = form.add_prefix(table.version_field)
            if key in data:
                data[key] = str(getattr(record, table.version_field, ""))
            form = spec.form(data, files or None, **table._kwargs(spec, request, record))
            form.is_valid()
            form.add_error(None, str(exc))
            status = 409
        except Refused as exc:
            show_refusal(form, exc)
            status = 403 if isinstance(exc, NotPermitted) else 400
            record = table.load(request, **kwargs)
        else:
            if spec.after is not None:
                message, url = spec.after(request, result if result is not None else record)
                messages.success(request, message)
                return redirect(url)
            messages.success(request, str(spec.success))
            return redirect(table.redirect_to(record))
    if files:
        held.keep(form, files)  # the attached files wait for the retry
    return table.render_page(request, record, forms={action: form}, status=status, failed=action)
