"""A real SMTP server (aiosmtpd) started by the tests, and settings that send to it."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import Message
from typing import Any

import pytest
from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Inbox:
    """What the SMTP server received: each message parsed, with its envelope recipients."""

    messages: list[Message] = field(default_factory=list)
    recipients: list[list[str]] = field(default_factory=list)
    received: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            self.messages.append(
                message_from_bytes(envelope.original_content or envelope.content, policy=policy.default)
            )
            self.recipients.append(list(envelope.rcpt_tos))
        self.received.set()
        return "250 Message accepted for delivery"

    def texts(self, message: Message) -> dict[str, str]:
        parts: dict[str, str] = {}
        for part in message.walk():
            if part.get_content_maintype() == "text":
                payload = part.get_payload(decode=True)
                assert isinstance(payload, bytes)
                parts[part.get_content_type()] = payload.decode(part.get_content_charset() or "utf-8")
        return parts


@pytest.fixture
def smtp_server() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


@pytest.fixture
def smtp(settings: Any, smtp_server: tuple[Inbox, int]) -> Inbox:
    """Django's SMTP backend pointed at the test's SMTP server (plain, no TLS)."""
    inbox, port = smtp_server
    settings.MAILERS = smtp_mailers(port)
    return inbox


def smtp_mailers(port: int, timeout: int = 5) -> dict[str, Any]:
    from danvan import settings as project

    return {"default": project._mailer(f"smtp://127.0.0.1:{port}?tls=0&timeout={timeout}")}


@pytest.fixture
def make_data(units: Any) -> Any:
    """Valid petition form data (the petitions tests' `petition_data`), with overrides."""
    from danvan.petitions.tests.conftest import petition_data

    return lambda **overrides: petition_data(units, **overrides)
