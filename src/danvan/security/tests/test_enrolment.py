"""Two-factor enrolment (issue #16 item 8): a password alone must not be enough to enrol a device.

An officer without a device needs a one-time enrolment code issued by an administrator before the
secret is shown; replacing a device needs a session verified with the existing device."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from danvan.conftest import PASSWORD
from danvan.core.models import AuditAction, AuditEntry
from danvan.security import enrolment
from danvan.security.models import EnrolmentCode

SETUP = "/security/2fa/setup/"


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, 0):06d}"


def _password_session(username: str) -> Client:
    client = Client()
    response = client.post("/accounts/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


@override_settings(DANVAN_REQUIRE_OTP=True)
def test_a_password_only_session_cannot_read_the_secret_or_enrol_a_device(alice: Any) -> None:
    client = _password_session("alice")
    page = client.get(SETUP)
    body = page.content.decode()
    assert page.status_code == 200
    assert "otpauth://" not in body and "<svg" not in body
    assert "mã kích hoạt" in body.lower()
    assert not TOTPDevice.objects.filter(user=alice).exists()
    # Guessing: a confirmation code without an enrolment code confirms nothing.
    client.post(SETUP, {"token": "123456"})
    assert not TOTPDevice.objects.filter(user=alice, confirmed=True).exists()
    assert client.get("/petitions/").status_code == 302


@override_settings(DANVAN_REQUIRE_OTP=True, OTP_TOTP_THROTTLE_FACTOR=0)
def test_an_enrolment_code_from_an_administrator_lets_the_officer_enrol_once(alice: Any, root: Any) -> None:
    raw = enrolment.issue_code(actor=root, user=alice)
    client = _password_session("alice")
    wrong = client.post(SETUP, {"enrolment_code": "SAI-MA-KICH-HOAT"})
    assert "không đúng" in wrong.content.decode()
    shown = client.post(SETUP, {"enrolment_code": raw})
    assert "otpauth://totp/" in shown.content.decode()
    device = TOTPDevice.objects.get(user=alice, confirmed=False)
    done = client.post(SETUP, {"token": _code(device), "next": "/petitions/"})
    assert done.status_code == 302 and done["Location"] == "/petitions/"
    assert client.get("/petitions/").status_code == 200
    assert EnrolmentCode.objects.get(user=alice).used_at is not None
    # The code is spent: another password-only session cannot use it again.
    other = _password_session("alice")
    again = other.post(SETUP, {"enrolment_code": raw})
    assert "otpauth://" not in again.content.decode()
    assert AuditEntry.objects.filter(action=AuditAction.CREATE, summary__contains="mã kích hoạt").exists()


@override_settings(DANVAN_REQUIRE_OTP=True)
def test_only_an_administrator_issues_enrolment_codes_and_they_expire(
    alice: Any, hanna: Any, root: Any
) -> None:
    with pytest.raises(enrolment.EnrolmentError):
        enrolment.issue_code(actor=hanna, user=alice)
    raw = enrolment.issue_code(actor=root, user=alice)
    EnrolmentCode.objects.filter(user=alice).update(expires_at=EnrolmentCode.objects.get().created_at)
    client = _password_session("alice")
    expired = client.post(SETUP, {"enrolment_code": raw})
    assert "otpauth://" not in expired.content.decode()
    assert "hết hạn" in expired.content.decode() or "không đúng" in expired.content.decode()


@override_settings(DANVAN_REQUIRE_OTP=True, OTP_TOTP_THROTTLE_FACTOR=0)
def test_replacing_a_device_needs_a_session_verified_with_the_existing_one(alice: Any) -> None:
    old = TOTPDevice.objects.create(user=alice, name="cũ", confirmed=True)
    client = _password_session("alice")
    assert client.get(SETUP)["Location"].startswith("/security/2fa/verify/")
    client.post("/security/2fa/verify/", {"token": _code(old)})
    page = client.get(SETUP).content.decode()
    assert "otpauth://totp/" in page  # the existing factor stands in for the enrolment code
    new = TOTPDevice.objects.get(user=alice, confirmed=False)
    assert client.post(SETUP, {"token": _code(new)}).status_code == 302
    assert list(TOTPDevice.objects.filter(user=alice).values_list("pk", flat=True)) == [new.pk]


def test_the_command_prints_an_enrolment_code_once_and_stores_only_its_digest(
    alice: Any, capsys: Any
) -> None:
    call_command("security", "enrolment-code", "alice")
    raw = capsys.readouterr().out.strip()
    stored = EnrolmentCode.objects.get(user=alice)
    assert raw and raw not in stored.digest and len(stored.digest) == 64
