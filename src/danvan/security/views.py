"""Two-factor pages: setup (otpauth URI + QR code) and verification."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from danvan.security import otp
from danvan.security.forms import TokenForm


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("portal:dashboard")


@login_required
def otp_setup(request: HttpRequest) -> HttpResponse:
    if otp.confirmed_device(request.user) and not getattr(request.user, "is_verified", bool)():
        return HttpResponseRedirect(reverse("security:otp_verify") + "?" + request.GET.urlencode())
    device = otp.pending_device(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            otp.confirm_device(actor=request.user, request=request, token=form.cleaned_data["token"])
        except otp.OTPError as exc:
            form.add_error("token", str(exc))
        else:
            return HttpResponseRedirect(_next_url(request))
    uri = otp.provisioning_uri(device)
    return render(
        request,
        "security/otp_setup.html",
        {
            "form": form,
            "uri": uri,
            "qr_svg": otp.qr_svg(uri),
            "has_device": otp.confirmed_device(request.user) is not None,
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
