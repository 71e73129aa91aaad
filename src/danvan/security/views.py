"""Two-factor pages: setup (enrolment code, then otpauth URI + QR code) and verification."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from danvan.security import enrolment, otp
from danvan.security.forms import EnrolmentForm, TokenForm
from danvan.security.models import EnrolmentCode

# The enrolment code checked in this session (its id), until the device is confirmed.
ENROLMENT_SESSION_KEY = "danvan_otp_enrolment_code"


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("portal:dashboard")


def _session_code_id(request: HttpRequest) -> int | None:
    """The enrolment code this session presented, if it is still valid for this user."""
    code_id = request.session.get(ENROLMENT_SESSION_KEY)
    if not isinstance(code_id, int):
        return None
    valid = EnrolmentCode.objects.filter(
        pk=code_id, user_id=int(request.user.pk or 0), used_at__isnull=True, expires_at__gt=timezone.now()
    ).exists()
    return code_id if valid else None


@login_required
def otp_setup(request: HttpRequest) -> HttpResponse:
    has_device = otp.confirmed_device(request.user) is not None
    if has_device and not getattr(request.user, "is_verified", bool)():
        # Replacing a device needs the existing factor: verify first.
        return HttpResponseRedirect(reverse("security:otp_verify") + "?" + request.GET.urlencode())
    code_id = None if has_device else _session_code_id(request)
    if not has_device and code_id is None:
        # A password alone is not enough: the secret is shown only after an administrator's code.
        # A POST without the code (a confirmation code sent straight away) gets the "required" message.
        enrol_form = EnrolmentForm(request.POST if request.method == "POST" else None)
        if enrol_form.is_bound and enrol_form.is_valid():
            try:
                code = enrolment.check_code(user=request.user, raw=enrol_form.cleaned_data["enrolment_code"])
            except enrolment.EnrolmentError as exc:
                otp.audit_failure(request.user, "mã kích hoạt không đúng hoặc đã hết hạn")
                enrol_form.add_error("enrolment_code", str(exc))
            else:
                request.session[ENROLMENT_SESSION_KEY] = code.pk
                code_id = code.pk
        if code_id is None:
            return render(
                request, "security/otp_enrol.html", {"form": enrol_form, "next": _next_url(request)}
            )
    device = otp.pending_device(request.user)
    form = TokenForm(request.POST if "token" in request.POST else None)
    if form.is_bound and form.is_valid():
        try:
            otp.confirm_device(
                actor=request.user,
                request=request,
                token=form.cleaned_data["token"],
                enrolment_code_id=code_id,
            )
        except otp.OTPError as exc:
            form.add_error("token", str(exc))
        else:
            request.session.pop(ENROLMENT_SESSION_KEY, None)
            return HttpResponseRedirect(_next_url(request))
    uri = otp.provisioning_uri(device)
    return render(
        request,
        "security/otp_setup.html",
        {
            "form": form,
            "uri": uri,
            "qr_svg": otp.qr_svg(uri),
            "has_device": has_device,
            "next": _next_url(request),
        },
    )


@login_required
def otp_verify(request: HttpRequest) -> HttpResponse:
    if otp.confirmed_device(request.user) is None:
        return HttpResponseRedirect(reverse("security:otp_setup") + "?" + request.GET.urlencode())
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            otp.verify(actor=request.user, request=request, token=form.cleaned_data["token"])
        except otp.OTPError as exc:
            form.add_error("token", str(exc))
        else:
            return HttpResponseRedirect(_next_url(request))
    return render(request, "security/otp_verify.html", {"form": form, "next": _next_url(request)})
