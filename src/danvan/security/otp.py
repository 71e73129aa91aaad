"""Two-factor authentication with TOTP (django-otp): setup, verification and the officer requirement."""

from __future__ import annotations

import io
from typing import Any

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from danvan.accounts.scoping import scope_for
from danvan.core import audit
from danvan.core.models import AuditAction
from danvan.security import enrolment

DEVICE_NAME = "Ứng dụng xác thực"


class OTPError(Exception):
    """A wrong or expired code; the message is shown to the user."""


def otp_required() -> bool:
    return bool(settings.DANVAN_REQUIRE_OTP)


def needs_otp(user: Any) -> bool:
    """Officers (anyone with a role, and administrators) must pass TOTP when the setting is on."""
    if not otp_required() or not getattr(user, "is_authenticated", False):
        return False
    scope = scope_for(user)
    if not (scope.is_staff_member or scope.is_collaborator) and not user.is_superuser:
        return False
    return not user.is_verified()


def confirmed_device(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id").first()


def pending_device(user: Any) -> TOTPDevice:
    """The unconfirmed device shown on the setup page (created once, reused until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def provisioning_uri(device: TOTPDevice) -> str:
    # django-otp builds the otpauth:// URI (secret in base32, 6 digits, 30 s).
    uri: str = device.config_url
    return uri


def qr_svg(text: str) -> str:
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode("utf-8")
    # Drop the XML declaration so the SVG can be embedded inline in the page.
    return svg[svg.index("<svg") :]


def _clean_token(token: str) -> str:
    token = "".join(ch for ch in (token or "") if not ch.isspace())
    if not token.isdigit() or len(token) != 6:
        raise OTPError(
            gettext("Mã xác thực gồm đúng 6 chữ số. Hãy nhập mã đang hiện trong ứng dụng xác thực.")
        )
    return token


def confirm_device(
    *, actor: Any, request: Any, token: str, enrolment_code_id: int | None = None
) -> TOTPDevice:
    """Confirm the pending device with a first code, then mark the session as verified.

    A first device needs the one-time enrolment code checked on the setup page (`enrolment_code_id`),
    spent in the same transaction; a replacement needs a session verified with the existing device."""
    token = _clean_token(token)
    replacing = confirmed_device(actor) is not None
    if replacing and not actor.is_verified():
        raise OTPError(gettext("Hãy xác thực bằng thiết bị hiện có trước khi thay thiết bị mới."))
    if not replacing and enrolment_code_id is None:
        raise OTPError(gettext("Cần mã kích hoạt do quản trị viên cấp trước khi thiết lập thiết bị."))
    device = TOTPDevice.objects.filter(user=actor, confirmed=False).order_by("id").first()
    if device is None:
        raise OTPError(gettext("Không có thiết bị nào đang chờ xác nhận. Hãy mở lại trang thiết lập."))
    if not device.verify_token(token):
        audit_failure(actor, "mã xác nhận thiết bị không đúng")
        raise OTPError(
            gettext("Mã không đúng hoặc đã hết hạn. Hãy nhập mã mới nhất trong ứng dụng xác thực.")
        )
    with transaction.atomic():
        if not replacing:
            assert enrolment_code_id is not None
            try:
                enrolment.consume(user=actor, code_id=enrolment_code_id)
            except enrolment.EnrolmentError as exc:
                raise OTPError(str(exc)) from exc
        TOTPDevice.objects.filter(pk=device.pk).update(confirmed=True)
        device.confirmed = True
        TOTPDevice.objects.filter(user=actor, confirmed=True).exclude(pk=device.pk).delete()
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=actor,
            summary="Bật xác thực hai lớp (TOTP)",
            changes={"otp_device": [None, device.pk]},
        )
    otp_login(request, device)
    return device


def verify(*, actor: Any, request: Any, token: str) -> TOTPDevice:
    token = _clean_token(token)
    device = confirmed_device(actor)
    if device is None:
        raise OTPError(gettext("Tài khoản chưa có thiết bị xác thực. Hãy thiết lập trước."))
    allowed, _ = device.verify_is_allowed()
    if not allowed or not device.verify_token(token):
        audit_failure(actor, "mã xác thực hai lớp không đúng")
        raise OTPError(gettext("Mã không đúng hoặc đã hết hạn. Hãy chờ mã mới và nhập lại."))
    audit.record(actor=actor, action=AuditAction.LOGIN, obj=actor, summary="Xác thực hai lớp thành công")
    otp_login(request, device)
    return device


def audit_failure(user: Any, reason: str) -> None:
    audit.record(
        actor=user,
        action=AuditAction.LOGIN_FAILED,
        obj=user,
        summary=f"Xác thực hai lớp thất bại: {reason}",
    )
