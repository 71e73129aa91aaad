"""Công khai: a commune records a disclosure, publishes it through its channels with evidence, ends it.

The rule row in force on the document's issue date decides the deadline to publish, the minimum
posting duration and the required channels; the flags (late, too short, channels missing) are computed
when the disclosure moves and stored, so the compliance view is one grouped query.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from danvan.core import audit, calendar, clock
from danvan.core.models import AuditAction
from danvan.core.workflow import Refused, perform
from danvan.democracy import files as storage
from danvan.democracy.models import Disclosure, DisclosureChannel, DisclosureFile, DisclosureItem
from danvan.democracy.rulebook import RULEBOOK
from danvan.democracy.workflow import DISCLOSURE
from danvan.territory.models import AdminUnit, Level


def item_in_force(code: str, day: dt.date) -> DisclosureItem | None:
    """The rule row of `code` in force on `day` (the newest whose dates contain it)."""
    return (
        DisclosureItem.objects.filter(code=code, effective_from__lte=day)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=day))
        .order_by("-effective_from")
        .first()
    )


def _check_files(uploads: Sequence[UploadedFile], field: str) -> list[storage.CheckedFile]:
    good, errors = storage.check(list(uploads))
    if errors:
        raise Refused(" ".join(errors), field=field)
    return good


def _store(disclosure: Disclosure, checked: list[storage.CheckedFile], *, is_document: bool) -> list[str]:
    """Write the files and their rows (inside the caller's transaction); the files go if it rolls back."""
    names: list[str] = []
    for item in checked:
        storage_name, digest = storage.write(item)
        names.append(storage_name)
        DisclosureFile.objects.create(
            disclosure=disclosure,
            is_document=is_document,
            original_name=item.name,
            content_type=item.type.content_type,
            size=len(item.data),
            sha256=digest,
            storage_name=storage_name,
            uploaded_at=clock.now(),
        )
    return names


def _cleanup_on_failure(names: list[str]) -> None:
    for name in names:
        storage.remove(name)


def create_disclosure(
    *,
    actor: Any,
    unit: AdminUnit,
    item_code: str,
    title: str,
    issued_on: dt.date,
    document_ref: str = "",
    documents: Sequence[UploadedFile] = (),
    is_demo: bool = False,
) -> Disclosure:
    """A draft disclosure of a document a commune issued (not yet public)."""
    if unit.level != Level.COMMUNE:
        raise Refused(_("Hồ sơ công khai được lập tại một xã, phường, đặc khu."), field="item")
    RULEBOOK.require(actor, "create_disclosure", unit)
    title = " ".join((title or "").split())
    if not title:
        raise Refused(_("Hãy nhập tiêu đề văn bản công khai."), field="title")
    if issued_on > clock.today():
        raise Refused(_("Ngày ban hành không được sau ngày hôm nay."), field="issued_on")
    item = item_in_force(item_code, issued_on)
    if item is None:
        raise Refused(
            _("Nội dung công khai này chưa có quy định hiệu lực vào ngày %(day)s.")
            % {"day": clock.format_date(issued_on)},
            field="item",
        )
    checked = _check_files(documents, "documents")
    names: list[str] = []
    try:
        with transaction.atomic():
            disclosure = Disclosure.objects.create(
                unit=unit,
                item=item,
                title=title[:250],
                document_ref=(document_ref or "").strip()[:100],
                issued_on=issued_on,
                deadline_on=calendar.add_calendar_days(issued_on, item.deadline_days),
                created_by=actor if getattr(actor, "is_authenticated", False) else None,
                created_at=clock.now(),
                is_demo=is_demo,
            )
            names = _store(disclosure, checked, is_document=True)
            audit.record(
                actor=actor,
                action=AuditAction.CREATE,
                obj=disclosure,
                unit=unit,
                summary=f"Lập hồ sơ công khai “{disclosure.title}” ({item.name})",
            )
    except BaseException:
        _cleanup_on_failure(names)
        raise
    return disclosure


def _channels(values: Sequence[str]) -> list[str]:
    chosen = [v for v in DisclosureChannel.values if v in set(values)]
    unknown = set(values) - set(DisclosureChannel.values)
    if unknown:
        raise Refused(_("Hình thức công khai không hợp lệ."), field="channels")
    if not chosen:
        raise Refused(_("Hãy chọn ít nhất một hình thức công khai."), field="channels")
    return chosen


def missing_channels(item: DisclosureItem, channels: Sequence[str], loudspeaker_days: int) -> list[str]:
    """The required channels not used; the loudspeaker counts only for its minimum consecutive days."""
    missing = [c for c in item.required_channels if c not in channels]
    if (
        DisclosureChannel.LOUDSPEAKER in item.required_channels
        and DisclosureChannel.LOUDSPEAKER in channels
        and loudspeaker_days < item.loudspeaker_days
    ):
        missing.append(DisclosureChannel.LOUDSPEAKER)
    return missing


def publish(
    *,
    actor: Any,
    disclosure: Disclosure,
    posted_on: dt.date,
    channels: Sequence[str],
    loudspeaker_days: int = 0,
    evidence: Sequence[UploadedFile] = (),
    version: int | None = None,
    note: str = "",
) -> Disclosure:
    """Make a draft public: the posting date, the channels used and evidence of posting (at least one file)."""
    used = _channels(channels)
    if loudspeaker_days < 0 or loudspeaker_days > 366:
        raise Refused(_("Số ngày phát thanh phải từ 0 đến 366."), field="loudspeaker_days")
    if DisclosureChannel.LOUDSPEAKER in used and loudspeaker_days == 0:
        raise Refused(
            _("Đã chọn phát trên hệ thống truyền thanh: hãy nhập số ngày đã phát."), field="loudspeaker_days"
        )
    if posted_on > clock.today():
        raise Refused(_("Ngày bắt đầu công khai không được sau ngày hôm nay."), field="posted_on")
    if posted_on < disclosure.issued_on:
        raise Refused(
            _("Ngày bắt đầu công khai không được trước ngày ban hành văn bản (%(day)s).")
            % {"day": clock.format_date(disclosure.issued_on)},
            field="posted_on",
        )
    if not evidence:
        raise Refused(
            _("Hãy đính kèm ít nhất một tệp minh chứng (ảnh niêm yết, biên bản…)."), field="evidence"
        )
    checked = _check_files(evidence, "evidence")
    names: list[str] = []

    def apply(locked: Disclosure) -> dict[str, Any]:
        nonlocal names
        item = locked.item
        locked.posted_on = posted_on
        locked.channels = used
        locked.loudspeaker_days = loudspeaker_days
        locked.deadline_on = calendar.add_calendar_days(locked.issued_on, item.deadline_days)
        locked.is_late = posted_on > locked.deadline_on
        locked.min_until = calendar.add_calendar_days(posted_on, max(item.min_days - 1, 0))
        locked.missing_channels = missing_channels(item, used, loudspeaker_days)
        locked.lacks_channels = bool(locked.missing_channels)
        names = _store(locked, checked, is_document=False)
        return {"channels": [[], used], "evidence": [None, len(checked)]}

    try:
        return perform(
            DISCLOSURE, "publish", actor=actor, record=disclosure, version=version, reason=note, apply=apply
        )
    except BaseException:
        _cleanup_on_failure(names)
        raise


def end(
    *, actor: Any, disclosure: Disclosure, ended_on: dt.date, version: int | None = None, note: str = ""
) -> Disclosure:
    """Take a disclosure down; ending before the minimum duration is recorded as too short."""
    if ended_on > clock.today():
        raise Refused(_("Ngày kết thúc không được sau ngày hôm nay."), field="ended_on")

    def apply(locked: Disclosure) -> None:
        if locked.posted_on is None or ended_on < locked.posted_on:
            raise Refused(
                _("Ngày kết thúc không được trước ngày bắt đầu công khai (%(day)s).")
                % {"day": clock.format_date(locked.posted_on)},
                field="ended_on",
            )
        locked.ended_on = ended_on
        locked.is_too_short = locked.min_until is not None and ended_on < locked.min_until

    return perform(
        DISCLOSURE, "end", actor=actor, record=disclosure, version=version, reason=note, apply=apply
    )


def attach(
    *,
    actor: Any,
    disclosure: Disclosure,
    uploads: Sequence[UploadedFile],
    is_document: bool = False,
    version: int | None = None,
) -> Disclosure:
    """Add documents or evidence to a disclosure in any state."""
    if not uploads:
        raise Refused(_("Hãy chọn tệp để bổ sung."), field="uploads")
    checked = _check_files(uploads, "uploads")
    names: list[str] = []

    def apply(locked: Disclosure) -> dict[str, Any]:
        nonlocal names
        names = _store(locked, checked, is_document=is_document)
        return {"files": [None, [c.name for c in checked]]}

    try:
        return perform(DISCLOSURE, "attach", actor=actor, record=disclosure, version=version, apply=apply)
    except BaseException:
        _cleanup_on_failure(names)
        raise


def open_file(*, file: DisclosureFile) -> bytes:
    return storage.read(file.storage_name)
