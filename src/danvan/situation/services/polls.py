"""Opinion polls (thăm dò dư luận): an officer writes the questions, opens the poll to the collaborators
of a unit or to citizens through a public link; one answer per person (account, phone or device, kept as
a keyed digest), free-text answers filed under the taxonomy's topics (by the keywords when saved, then by
the field classifier in the worker: `poll_tasks`)."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from danvan.accounts.scoping import scope_for
from danvan.core import audit, clock
from danvan.core.models import AuditAction
from danvan.core.workflow import Refused, history_row, perform
from danvan.situation import poll_tasks
from danvan.situation.classify import taxonomy
from danvan.situation.models import (
    Poll,
    PollAnswer,
    PollQuestion,
    PollResponse,
    PollState,
    PollTarget,
    QuestionKind,
)
from danvan.situation.rulebook import RULEBOOK
from danvan.situation.services.guard import check_free_text
from danvan.situation.workflow import POLL
from danvan.territory.models import AdminUnit

MAX_QUESTIONS = 30
MAX_TEXT_ANSWER = 2000
SCALE = (1, 2, 3, 4, 5)
KIND_WORDS = {
    "một": QuestionKind.SINGLE,
    "mot": QuestionKind.SINGLE,
    "nhiều": QuestionKind.MULTIPLE,
    "nhieu": QuestionKind.MULTIPLE,
    "thang": QuestionKind.SCALE,
    "tự do": QuestionKind.TEXT,
    "tu do": QuestionKind.TEXT,
    # the same kinds in English (the form's example in English uses these)
    "one": QuestionKind.SINGLE,
    "many": QuestionKind.MULTIPLE,
    "scale": QuestionKind.SCALE,
    "free": QuestionKind.TEXT,
}
_LINE = re.compile(r"^\[(?P<kind>[^\]]+)\]\s*(?P<rest>.+)$")


@dataclass(frozen=True)
class QuestionSpec:
    kind: str
    text: str
    choices: tuple[str, ...] = ()


def parse_questions(text: str) -> list[QuestionSpec]:
    """One question a line: "[một] Câu hỏi? | Lựa chọn 1 | Lựa chọn 2", "[nhiều] …", "[thang] …", "[tự do] …"."""
    out: list[QuestionSpec] = []
    for n, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        m = _LINE.match(line)
        kind = KIND_WORDS.get((m.group("kind").strip().lower() if m else ""), "")
        if not m or not kind:
            raise Refused(
                _("Dòng %(n)d: mỗi câu hỏi bắt đầu bằng [một], [nhiều], [thang] hoặc [tự do].") % {"n": n},
                field="questions",
            )
        parts = [p.strip() for p in m.group("rest").split("|")]
        question, choices = parts[0][:500], tuple(p[:200] for p in parts[1:] if p)
        if not question:
            raise Refused(_("Dòng %(n)d: hãy nhập câu hỏi.") % {"n": n}, field="questions")
        if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) and len(choices) < 2:
            raise Refused(
                _("Dòng %(n)d: câu hỏi chọn lựa cần ít nhất hai lựa chọn, cách nhau bởi “|”.") % {"n": n},
                field="questions",
            )
        if len(set(choices)) != len(choices):
            raise Refused(_("Dòng %(n)d: có lựa chọn trùng nhau.") % {"n": n}, field="questions")
        out.append(
            QuestionSpec(
                kind, question, choices if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) else ()
            )
        )
    if not out:
        raise Refused(_("Hãy nhập ít nhất một câu hỏi."), field="questions")
    if len(out) > MAX_QUESTIONS:
        raise Refused(
            _("Mỗi cuộc thăm dò có tối đa %(n)d câu hỏi.") % {"n": MAX_QUESTIONS}, field="questions"
        )
    return out


def create_poll(
    *,
    actor: Any,
    unit: AdminUnit,
    title: str,
    target: str,
    questions: Sequence[QuestionSpec],
    intro: str = "",
    is_demo: bool = False,
) -> Poll:
    RULEBOOK.require(actor, "create_poll", unit)
    title = " ".join((title or "").split())[:250]
    if not title:
        raise Refused(_("Hãy nhập tên cuộc thăm dò."), field="title")
    if target not in PollTarget.values:
        raise Refused(_("Hãy chọn đối tượng thăm dò."), field="target")
    if not questions:
        raise Refused(_("Hãy nhập ít nhất một câu hỏi."), field="questions")
    with transaction.atomic():
        poll = Poll.objects.create(
            unit=unit,
            title=title,
            intro=(intro or "").strip()[:2000],
            target=target,
            public_key=secrets.token_urlsafe(12),
            created_at=clock.now(),
            is_demo=is_demo,
        )
        PollQuestion.objects.bulk_create(
            [
                PollQuestion(poll=poll, number=i, kind=q.kind, text=q.text, choices=list(q.choices))
                for i, q in enumerate(questions, start=1)
            ]
        )
        history_row(POLL, poll, actor=actor, action="create_poll", from_state="").save()
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=poll,
            unit=unit,
            summary=f"Soạn thăm dò “{poll.title}”",
        )
    return poll


def open_poll(*, actor: Any, poll: Poll, closes_on: dt.date, version: int | None = None) -> Poll:
    today = clock.today()
    if closes_on < today:
        raise Refused(_("Ngày kết thúc đã qua: hãy chọn một ngày từ hôm nay trở đi."), field="closes_on")

    def apply(locked: Poll) -> None:
        locked.opens_on = today
        locked.closes_on = closes_on

    return perform(POLL, "open_poll", actor=actor, record=poll, version=version, apply=apply)


def close_poll(*, actor: Any, poll: Poll, version: int | None = None) -> Poll:
    def apply(locked: Poll) -> None:
        locked.closes_on = min(locked.closes_on or clock.today(), clock.today())

    return perform(POLL, "close_poll", actor=actor, record=poll, version=version, apply=apply)


def respondent_digest(kind: str, value: str) -> str:
    """A keyed digest of who answered (an account id, a phone number, a device token): never the value."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"situation.poll:{kind}:{value}".encode(), hashlib.sha256).hexdigest()


def normalise_phone(phone: str) -> str:
    digits = re.sub(r"\D", "", phone or "")
    if digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    if not re.fullmatch(r"0\d{9,10}", digits):
        raise Refused(_("Số điện thoại không hợp lệ (10 hoặc 11 chữ số, bắt đầu bằng 0)."), field="phone")
    return digits


def is_poll_member(actor: Any, poll: Poll) -> bool:
    """A collaborator (or officer) whose role sits at the poll's unit, below it or above it."""
    grants = scope_for(actor).grants
    return any(g.path.startswith(poll.unit.path) or poll.unit.path.startswith(g.path) for g in grants)


def is_accepting(poll: Poll, today: dt.date | None = None) -> bool:
    today = today or clock.today()
    return poll.state == PollState.OPEN and (poll.closes_on is None or today <= poll.closes_on)


def answer_poll(
    *,
    poll: Poll,
    respondent: str,
    answers: Mapping[int, Any],
    place: AdminUnit | None = None,
    actor: Any = None,
    is_demo: bool = False,
) -> PollResponse:
    """Save one person's answers (all or nothing). `respondent` is a `respondent_digest`; `answers` maps
    a question id to a choice index, a list of them, a scale value or a text."""
    if not is_accepting(poll):
        raise Refused(_("Cuộc thăm dò “%(t)s” không còn nhận trả lời.") % {"t": poll.title}, field=None)
    if poll.target == PollTarget.COLLABORATORS and not is_poll_member(actor, poll):
        raise Refused(
            _("Cuộc thăm dò này dành cho cộng tác viên của %(u)s.") % {"u": poll.unit.name}, field=None
        )
    if place is not None and not place.path.startswith(poll.unit.path):
        raise Refused(_("Nơi ở đã chọn không thuộc địa bàn của cuộc thăm dò."), field="place")
    if PollResponse.objects.filter(poll=poll, respondent=respondent).exists():
        raise Refused(_("Bạn đã trả lời cuộc thăm dò này: mỗi người chỉ trả lời một lần."), field=None)
    tax = taxonomy()
    rows: list[PollAnswer] = []
    for q in poll.questions.all():
        value = answers.get(q.pk)
        if value in (None, "", []):
            continue
        a = PollAnswer(question=q)
        if q.kind == QuestionKind.SINGLE:
            idx = int(value)
            if not 0 <= idx < len(q.choices):
                raise Refused(_("Câu %(n)d: lựa chọn không hợp lệ.") % {"n": q.number}, field=f"q{q.pk}")
            a.choices = [idx]
        elif q.kind == QuestionKind.MULTIPLE:
            idxs = sorted({int(v) for v in value})
            if any(not 0 <= i < len(q.choices) for i in idxs):
                raise Refused(_("Câu %(n)d: lựa chọn không hợp lệ.") % {"n": q.number}, field=f"q{q.pk}")
            a.choices = idxs
        elif q.kind == QuestionKind.SCALE:
            if int(value) not in SCALE:
                raise Refused(_("Câu %(n)d: hãy chọn điểm từ 1 đến 5.") % {"n": q.number}, field=f"q{q.pk}")
            a.value = int(value)
        else:
            text = str(value).strip()[:MAX_TEXT_ANSWER]
            a.text = check_free_text(text, field=f"q{q.pk}", label=_("Câu trả lời %(n)d") % {"n": q.number})
            a.topic_id = tax.for_text(text)
        rows.append(a)
    if not rows:
        raise Refused(_("Hãy trả lời ít nhất một câu hỏi."), field=None)
    try:
        with transaction.atomic():
            response = PollResponse.objects.create(
                poll=poll, respondent=respondent, place=place, submitted_at=clock.now(), is_demo=is_demo
            )
            for a in rows:
                a.response = response
            PollAnswer.objects.bulk_create(rows)
            # the free texts are filed by the field classifier in the worker, after this commit
            poll_tasks.classify_later([a.pk for a in rows if a.text])
    except IntegrityError as exc:  # answered twice at the same moment: the unique constraint decides
        raise Refused(
            _("Bạn đã trả lời cuộc thăm dò này: mỗi người chỉ trả lời một lần."), field=None
        ) from exc
    return response
