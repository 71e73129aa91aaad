from __future__ import annotations

from typing import Any

from django.test import Client, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from danvan.conftest import PASSWORD, client_for
from danvan.core import audit
from danvan.core.models import AuditAction, AuditEntry

LOGIN = "/accounts/login/"


def _login(client: Client, username: str, password: str, ip: str = "10.0.0.1") -> Any:
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def _code(device: TOTPDevice, drift: int = 0) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, drift):06d}"


def test_passwords_are_hashed_with_argon2(alice: Any) -> None:
    from danvan import settings as platform_settings

    # the suite hashes with argon2 at its lowest cost (conftest); the platform's first hasher is Django's own
    assert platform_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert alice.password.startswith("argon2$argon2id$")


def test_a_good_login_is_audited_and_a_bad_one_too(alice: Any) -> None:
    client = Client()
    response = _login(client, "alice", "sai-mat-khau")
    assert response.status_code == 200
    assert AuditEntry.objects.filter(action=AuditAction.LOGIN_FAILED).count() == 1
    entry = AuditEntry.objects.get(action=AuditAction.LOGIN_FAILED)
    assert "sai-mat-khau" not in str(entry.changes) + entry.summary
    response = _login(client, "alice", PASSWORD)
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action=AuditAction.LOGIN, actor_id=alice.pk).exists()
    assert audit.verify().ok


def test_five_wrong_passwords_lock_the_account_even_for_the_right_password(alice: Any) -> None:
    client = Client()
    for _ in range(5):
        _login(client, "alice", "sai-mat-khau")
    response = _login(client, "alice", PASSWORD)
    assert response.status_code == 429
    assert "tạm bị khóa" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_username_lock_applies_from_another_address_and_ignores_case(alice: Any) -> None:
    for _ in range(5):
        _login(Client(), "alice", "sai", ip="10.0.0.1")
    response = _login(Client(), "ALICE", PASSWORD, ip="10.9.9.9")
    assert "tạm bị khóa" in response.content.decode()


@override_settings(DANVAN_LOCKOUT_IP_FAILURES=3, DANVAN_LOCKOUT_USER_FAILURES=50)
def test_one_address_trying_many_usernames_is_locked_out(alice: Any) -> None:
    for name in ("u1", "u2", "u3"):
        _login(Client(), name, "sai", ip="10.0.0.7")
    response = _login(Client(), "alice", PASSWORD, ip="10.0.0.7")
    assert "tạm bị khóa" in response.content.decode()
    assert _login(Client(), "alice", PASSWORD, ip="10.0.0.8").status_code == 302


@override_settings(DANVAN_LOCKOUT_SECONDS=0)
def test_the_lock_ends_after_its_duration(alice: Any) -> None:
    for _ in range(5):
        _login(Client(), "alice", "sai")
    assert _login(Client(), "alice", PASSWORD).status_code == 302


def test_a_successful_login_resets_the_failure_count(alice: Any) -> None:
    for _ in range(4):
        _login(Client(), "alice", "sai")
    assert _login(Client(), "alice", PASSWORD).status_code == 302
    for _ in range(4):
        _login(Client(), "alice", "sai")
    assert _login(Client(), "alice", PASSWORD).status_code == 302


def test_without_the_setting_officers_are_not_asked_for_a_code(alice: Any) -> None:
    assert client_for(alice).get("/dashboard/").status_code == 200


@override_settings(DANVAN_REQUIRE_OTP=True)
def test_with_the_setting_an_officer_without_a_device_is_sent_to_setup_for_every_officer_page(
    alice: Any,
) -> None:
    client = client_for(alice)
    for url in ("/dashboard/", "/accounts/organisations/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/security/2fa/setup/")
    setup = client.get("/security/2fa/setup/")
    body = setup.content.decode()
    assert setup.status_code == 200
    assert "mã kích hoạt" in body.lower() and "otpauth://" not in body  # an administrator's code first


@override_settings(DANVAN_REQUIRE_OTP=True, OTP_TOTP_THROTTLE_FACTOR=0)
def test_an_officer_confirms_a_device_with_a_code_and_then_reaches_the_dashboard(alice: Any) -> None:
    from danvan.security import enrolment

    client = client_for(alice)
    client.post("/security/2fa/setup/", {"enrolment_code": enrolment.issue_code(actor=None, user=alice)})
    device = TOTPDevice.objects.get(user=alice, confirmed=False)
    wrong = client.post(
        "/security/2fa/setup/", {"token": "000000" if _code(device) != "000000" else "111111"}
    )
    assert "Mã không đúng" in wrong.content.decode()
    response = client.post("/security/2fa/setup/", {"token": _code(device), "next": "/dashboard/"})
    assert response.status_code == 302 and response["Location"] == "/dashboard/"
    assert client.get("/dashboard/").status_code == 200
    assert TOTPDevice.objects.get(user=alice).confirmed
    assert AuditEntry.objects.filter(action=AuditAction.LOGIN_FAILED, actor_id=alice.pk).count() == 1


@override_settings(DANVAN_REQUIRE_OTP=True)
def test_an_officer_with_a_device_must_enter_a_code_after_each_password_login(alice: Any) -> None:
    device = TOTPDevice.objects.create(user=alice, name="x", confirmed=True)
    client = Client()
    assert _login(client, "alice", PASSWORD).status_code == 302
    response = client.get("/dashboard/")
    assert response["Location"].startswith("/security/2fa/verify/")
    bad = client.post("/security/2fa/verify/", {"token": "12ab"})
    assert "đúng 6 chữ số" in bad.content.decode()
    ok = client.post("/security/2fa/verify/", {"token": _code(device)})
    assert ok.status_code == 302
    assert client.get("/dashboard/").status_code == 200


@override_settings(DANVAN_REQUIRE_OTP=True)
def test_an_unverified_session_gets_a_json_403_from_the_api(alice: Any) -> None:
    response = client_for(alice).get("/api/v1/petitions")
    assert response.status_code == 403
    assert response.json()["code"] == "otp_required"


@override_settings(DANVAN_REQUIRE_OTP=True)
def test_citizens_are_never_asked_for_a_code(db: None) -> None:
    assert Client().get("/").status_code == 200


def test_session_csrf_and_csp_settings_are_strict(db: None, settings: Any) -> None:
    assert settings.SESSION_COOKIE_AGE <= 8 * 3600
    assert settings.SESSION_COOKIE_HTTPONLY
    response = Client().get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "django.middleware.csrf.CsrfViewMiddleware" in settings.MIDDLEWARE
    csrf_client = Client(enforce_csrf_checks=True)
    assert csrf_client.post(LOGIN, {"username": "a", "password": "b"}).status_code == 403


def test_production_mode_sets_secure_cookies_hsts_and_requires_otp() -> None:
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("DANVAN_")}
    env.update(
        DANVAN_MODE="production",
        DANVAN_SECRET_KEY="x" * 60,
        DANVAN_FIELD_KEYS="5Y0-GmI1uG3Cj4p1q8QwqvX7kS0c2bVwz0d2sQ0Fh1o=",
        DANVAN_AUDIT_KEYS="k1:" + "a" * 64,
        DANVAN_DATA_DIR="/tmp/danvan-security-prod-test",
        DJANGO_SETTINGS_MODULE="danvan.settings",
    )
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0, s.DANVAN_REQUIRE_OTP)"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "True", "True", "True"]
