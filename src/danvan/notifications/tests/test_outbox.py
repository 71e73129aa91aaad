"""The outbox: written in the change's transaction, sent after commit to a real SMTP server, retried with
backoff, shown failed, stopped by the unsubscribe link; SMS through the HTTP and file gateways."""

from __future__ import annotations

import datetime as dt
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone

from danvan.notifications import services
from danvan.notifications.models import Channel, Outbox, Status
from danvan.notifications.tests.conftest import Inbox, free_port, smtp_mailers

pytestmark = pytest.mark.django_db


def _message(address: str = "binh@example.vn", **extra: Any) -> services.Message:
    context = {
        "code": "DV-ABCD-EFGH-JKLM",
        "kind": "phản ánh",
        "unit": "UBND xã Tân Thành",
        "track_url": "http://x/t",
    }
    return services.Message(
        channel=Channel.EMAIL, address=address, template="petition_received", context=context, **extra
    )


def test_a_message_written_with_a_change_reaches_a_real_smtp_server_after_commit(
    smtp: Inbox, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        services.enqueue([_message()])
        assert smtp.messages == []  # nothing leaves before the commit
    assert len(callbacks) == 1
    assert smtp.received.wait(5)
    (mail,) = smtp.messages
    assert smtp.recipients == [["binh@example.vn"]]
    assert (
        "DV-ABCD-EFGH-JKLM" in str(mail["Subject"]) or "DV-ABCD-EFGH-JKLM" in smtp.texts(mail)["text/plain"]
    )
    texts = smtp.texts(mail)
    assert "UBND xã Tân Thành" in texts["text/plain"]
    assert '<a href="http://x/t">' in texts["text/html"]
    row = Outbox.objects.get()
    assert row.status == Status.SENT and row.attempts == 1 and row.sent_at is not None
    assert mail["Message-ID"] == f"<outbox-{row.pk}@127.0.0.1>"
    assert "/notifications/unsubscribe/" in str(mail["List-Unsubscribe"])


def test_a_change_that_rolls_back_writes_and_sends_no_message(
    smtp: Inbox, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                services.enqueue([_message()])
                raise RuntimeError("the state change failed")
        except RuntimeError:
            pass
    assert callbacks == [] and Outbox.objects.count() == 0 and smtp.messages == []


def test_one_transaction_queues_the_sending_task_once(django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        services.enqueue([_message("a@example.vn")])
        services.enqueue([_message("b@example.vn")])
    assert len(callbacks) == 1


def test_the_address_is_stored_encrypted_and_shown_to_officers_as_a_hint() -> None:
    assert services.enqueue([_message("Binh.Nguyen@Example.vn")]) == 1
    row = Outbox.objects.get()
    assert "binh.nguyen@example.vn" not in row.recipient_enc.lower()
    assert row.recipient_hint == "b…@example.vn"


def test_a_malformed_address_is_not_written() -> None:
    assert services.enqueue([_message("không-phải-email")]) == 0
    assert Outbox.objects.count() == 0


def test_an_unreachable_smtp_server_keeps_the_message_waiting_and_a_later_attempt_sends_it(
    settings: Any, smtp: Inbox
) -> None:
    working = settings.MAILERS
    settings.MAILERS = smtp_mailers(free_port())  # nothing listens there
    services.enqueue([_message()])
    result = services.send_due()
    assert result.failed == 1 and result.sent == 0
    row = Outbox.objects.get()
    assert row.status == Status.PENDING and row.attempts == 1
    assert "ConnectionRefused" in row.last_error
    assert dt.timedelta(seconds=25) < row.next_attempt_at - timezone.now() <= dt.timedelta(seconds=30)
    assert result.retry_at == row.next_attempt_at
    assert services.send_due().sent == 0  # not due yet
    Outbox.objects.update(next_attempt_at=timezone.now())
    settings.MAILERS = working
    assert services.send_due().sent == 1
    assert len(smtp.messages) == 1
    row.refresh_from_db()
    assert row.status == Status.SENT and row.attempts == 2 and row.last_error == ""


def test_the_wait_between_attempts_doubles_up_to_six_hours() -> None:
    waits = [services.backoff(n).total_seconds() for n in (1, 2, 3, 4, 20)]
    assert waits == [30, 60, 120, 240, 6 * 3600]


def test_a_message_is_shown_failed_after_its_last_attempt(settings: Any) -> None:
    settings.MAILERS = smtp_mailers(free_port(), timeout=2)
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 3
    services.enqueue([_message()])
    for _ in range(3):
        Outbox.objects.filter(status=Status.PENDING).update(next_attempt_at=timezone.now())
        services.send_due()
    row = Outbox.objects.get()
    assert row.status == Status.FAILED and row.attempts == 3 and row.last_error


def test_the_unsubscribe_link_stops_every_message_to_that_address(
    smtp: Inbox, django_capture_on_commit_callbacks: Any
) -> None:
    services.enqueue([_message()])
    services.send_due()
    link = str(smtp.messages[0]["List-Unsubscribe"]).strip("<>")
    path = link.removeprefix("http://127.0.0.1:8000")
    services.enqueue([_message()])  # waiting when the citizen unsubscribes
    page = Client().get(path)
    assert page.status_code == 200 and "Ngừng nhận thông báo" in page.content.decode()
    assert Client().post(path).status_code == 200
    assert Outbox.objects.filter(status=Status.CANCELLED).count() == 1
    assert services.enqueue([_message("BINH@example.vn")]) == 0
    services.send_due()
    assert len(smtp.messages) == 1


def test_one_write_of_several_messages_leaves_out_only_the_unsubscribed_address(
    django_capture_on_commit_callbacks: Any,
) -> None:
    services.unsubscribe(services.unsubscribe_token(Channel.EMAIL, "binh@example.vn"))
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        written = services.enqueue(
            [
                _message("Binh@Example.vn"),
                _message("lan@example.vn"),
                services.Message(Channel.SMS, "0912345678", "petition_received", {"code": "DV-1"}),
            ]
        )
    assert written == 2 and len(callbacks) == 1
    rows = {(row.channel, row.recipient_hint, row.status) for row in Outbox.objects.all()}
    assert rows == {(Channel.EMAIL, "l…@example.vn", Status.PENDING), (Channel.SMS, "09…78", Status.PENDING)}


def test_a_write_whose_every_address_unsubscribed_queues_no_sending(
    django_capture_on_commit_callbacks: Any,
) -> None:
    services.unsubscribe(services.unsubscribe_token(Channel.EMAIL, "binh@example.vn"))
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        assert services.enqueue([_message()]) == 0
    assert callbacks == [] and Outbox.objects.count() == 0


def test_the_address_hash_is_the_same_digest_as_djangos_salted_hmac() -> None:
    from django.utils.crypto import salted_hmac

    expected = salted_hmac("danvan.notifications.address", "email:binh@example.vn", algorithm="sha256")
    assert services.address_hash(Channel.EMAIL, " Binh@Example.vn ") == expected.hexdigest()


def test_a_forged_unsubscribe_link_is_refused() -> None:
    token = services.unsubscribe_token(Channel.EMAIL, "a@example.vn")
    response = Client().post(f"/notifications/unsubscribe/{token[:-2]}xx/")
    assert response.status_code == 400
    assert "không hợp lệ" in response.content.decode()


def test_an_administrators_template_replaces_the_default(smtp: Inbox) -> None:
    from danvan.notifications.models import MessageTemplate

    MessageTemplate.objects.create(
        key="petition_received", language="vi", subject="Biên nhận {{ code }}", body_text="Mã: {{ code }}"
    )
    services.enqueue([_message()])
    services.send_due()
    (mail,) = smtp.messages
    assert str(mail["Subject"]) == "Biên nhận DV-ABCD-EFGH-JKLM"
    assert smtp.texts(mail)["text/plain"].startswith("Mã: DV-ABCD-EFGH-JKLM")


def test_an_english_message_uses_the_english_template(smtp: Inbox) -> None:
    services.enqueue([_message(language="en")])
    services.send_due()
    assert "has been received" in str(smtp.messages[0]["Subject"])


class _Gateway(BaseHTTPRequestHandler):
    received: list[tuple[str, dict[str, str], bytes]] = []
    answer = 200

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        _Gateway.received.append((self.path, dict(self.headers), body))
        self.send_response(_Gateway.answer)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def gateway(settings: Any) -> Any:
    _Gateway.received = []
    _Gateway.answer = 200
    server = HTTPServer(("127.0.0.1", 0), _Gateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.NOTIFICATIONS_SMS_URL = f"http://sms-user:s%C3%A9cret@127.0.0.1:{server.server_port}/send?x=1"
    yield _Gateway
    server.shutdown()


def test_the_http_sms_gateway_receives_the_filled_template_with_its_credentials(gateway: Any) -> None:
    services.enqueue(
        [
            services.Message(
                Channel.SMS, "+84 912 345 678", "petition_received", {"code": "DV-1", "track_url": "u"}
            )
        ]
    )
    assert services.send_due().sent == 1
    ((path, headers, body),) = gateway.received
    assert path == "/send?x=1"
    assert (
        headers["Authorization"]
        == "Basic " + __import__("base64").b64encode("sms-user:sécret".encode()).decode()
    )
    sent = json.loads(body)
    assert sent["to"] == "0912345678" and "DV-1" in sent["text"] and sent["from"] == "DANVAN"


def test_a_gateway_error_is_kept_and_retried(gateway: Any) -> None:
    gateway.answer = 503
    services.enqueue([services.Message(Channel.SMS, "0912345678", "petition_received", {"code": "DV-1"})])
    assert services.send_due().failed == 1
    row = Outbox.objects.get()
    assert row.status == Status.PENDING and "503" in row.last_error


def test_the_file_sms_backend_writes_one_file_per_message(settings: Any, tmp_path: Path) -> None:
    settings.NOTIFICATIONS_SMS_URL = f"file://{tmp_path / 'sms'}"
    services.enqueue([services.Message(Channel.SMS, "0912345678", "petition_received", {"code": "DV-1"})])
    services.send_due()
    (written,) = (tmp_path / "sms").iterdir()
    assert written.read_text(encoding="utf-8").startswith("To: 0912345678")


def test_the_email_url_setting_configures_djangos_smtp_backend() -> None:
    from danvan import settings as project

    parsed = project._mailer("smtp://user%40x:p%40ss@mail.example.vn:2525?tls=0")
    assert parsed["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    options = parsed["OPTIONS"]
    assert (options["host"], options["port"], options["use_tls"]) == ("mail.example.vn", 2525, False)
    assert (options["username"], options["password"]) == ("user@x", "p@ss")
    assert project._mailer("smtps://h")["OPTIONS"]["use_ssl"] is True
    assert project._mailer("file:///tmp/mail")["OPTIONS"] == {"file_path": "/tmp/mail"}
    with pytest.raises(Exception, match="DANVAN_EMAIL_URL"):
        project._mailer("ftp://h")


def test_plain_text_keeps_links_and_a_citizens_words_as_written_while_html_escapes_them() -> None:
    from danvan.notifications.models import MessageTemplate

    MessageTemplate.objects.create(
        key="petition_received",
        language="vi",
        subject="Về: {{ answer }}",
        body_text="Nội dung: {{ answer }}\n\nXem: {{ track_url }}",
        sms_text="{{ answer }} {{ track_url }}",
    )
    link = "http://x/t?ma=DV-1&k=2"
    citizen = "Đường <b>ngập</b> & hỏng"
    services.enqueue([_message()])
    row = Outbox.objects.get()
    row.context = {**row.context, "track_url": link, "answer": citizen}
    rendered = services.render(row, "binh@example.vn")
    assert f"Nội dung: {citizen}" in rendered.text and f"Xem: {link}" in rendered.text
    assert rendered.subject == f"Về: {citizen}"
    assert rendered.sms == f"{citizen} {link}"
    assert "&amp;" not in rendered.text + rendered.subject + rendered.sms
    assert "Đường &lt;b&gt;ngập&lt;/b&gt; &amp; hỏng" in rendered.html and "<b>" not in rendered.html
    assert 'href="http://x/t?ma=DV-1&amp;k=2"' in rendered.html


@pytest.mark.django_db(transaction=True)
def test_with_the_database_backend_a_change_queues_no_task_and_the_worker_sends_its_message(
    smtp: Inbox, database_tasks: None
) -> None:
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    with transaction.atomic():
        services.enqueue([_message()])
    assert not DBTaskResult.objects.exists()  # no second transaction after the commit
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert smtp.received.wait(5)
    assert smtp.recipients == [["binh@example.vn"]]
    assert Outbox.objects.get().status == Status.SENT


@pytest.mark.django_db(transaction=True)
def test_the_worker_sends_a_message_again_once_its_retry_is_due(
    smtp_server: tuple[Inbox, int], database_tasks: None, settings: Any
) -> None:
    from django.core.management import call_command

    inbox, port = smtp_server
    with transaction.atomic():
        services.enqueue([_message()])
    settings.MAILERS = smtp_mailers(free_port(), timeout=1)  # nobody listens there
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    row = Outbox.objects.get()
    assert row.status == Status.PENDING and row.attempts == 1 and row.next_attempt_at > timezone.now()
    Outbox.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())  # its wait is over
    settings.MAILERS = smtp_mailers(port)
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert inbox.received.wait(5)
    row.refresh_from_db()
    assert row.status == Status.SENT and row.attempts == 2


def test_on_postgresql_the_outbox_insert_is_prepared_once_and_then_only_executed() -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's prepared statements")
    for n in range(4):
        assert services.enqueue([_message(f"c{n}@example.vn")]) == 1
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any(s.startswith('INSERT INTO "notifications_outbox"') for s in prepared)
    assert Outbox.objects.count() == 4 and {r.status for r in Outbox.objects.all()} == {Status.PENDING}
