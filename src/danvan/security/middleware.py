"""Sends an officer whose session is not OTP-verified to the setup or verify page (DANVAN_REQUIRE_OTP)."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse

from danvan.security import otp

# Paths an unverified officer may still reach: the 2FA pages themselves, logging out, static files,
# the health check, the language switch and the machine interfaces (authenticated by API key/token).
EXEMPT_PREFIXES = ("/security/", "/accounts/logout/", "/accounts/login/", "/static/", "/healthz", "/i18n/")
API_PREFIXES = ("/api/", "/open311/")


class RequireOTPMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path
        if not path.startswith(EXEMPT_PREFIXES) and otp.needs_otp(request.user):
            if path.startswith(API_PREFIXES):
                if request.headers.get("Authorization"):
                    return self.get_response(request)  # token clients do not use the session
                return JsonResponse(
                    {
                        "status": 403,
                        "code": "otp_required",
                        "message": "Phiên đăng nhập chưa qua xác thực hai lớp. Hãy xác thực rồi thử lại.",
                    },
                    status=403,
                )
            target = "security:otp_verify" if otp.confirmed_device(request.user) else "security:otp_setup"
            return HttpResponseRedirect(reverse(target) + "?" + urlencode({"next": request.get_full_path()}))
        return self.get_response(request)
