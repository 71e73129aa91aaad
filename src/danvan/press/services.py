"""Theo dõi báo chí: writes. Ingesting articles into events, and turning an event into a conference record.

Ingestion of one article: decode the bytes (UTF-8, UTF-16, TCVN3, VNI… or a clear refusal), take the main
text out of HTML, refuse text that is not Vietnamese, fingerprint the body, extract the event, refuse an
article that reports no event, and store Article + Event + people in one transaction with an audit row.
The same article seen again (same body, or the same body from another site with other boilerplate) is not
stored twice: its new source is added to the existing article.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlparse

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext

from danvan.accounts.scoping import ACT_ROLES, scope_for
from danvan.core import audit, jobs
from danvan.core.models import AuditAction
from danvan.core.text import fold, fold_words
from danvan.core.workflow import Refused
from danvan.press.extraction import (
    ExtractionError,
    content_fingerprint,
    decode_bytes,
    extract,
    html_to_text,
)
from danvan.press.extraction.clean import clean_lines, looks_like_html
from danvan.press.models import Appearance, Article, Event, EventType, IngestJob, Person
from danvan.territory.models import NATION_CODE, AdminUnit, Level

ARTICLE_SUFFIXES = frozenset({".txt", ".html", ".htm"})
MAX_ARTICLE_BYTES = 2 * 1024 * 1024  # a news article is a few KB; a 2 MB "article" is something else
NEAR_DUPLICATE_THRESHOLD = 0.7
_VIET_ONLY = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯàáạảãằắặẳẵầấậẩẫèéẹẻẽềếệểễìíịỉĩòóọỏõồốộổỗờớợởỡùúụủũừứựửữỳýỵỷỹ]")

# Very common syllables of Vietnamese news prose (folded). Real Vietnamese has many of them; English, or
# bytes of another language decoded as if they were a Vietnamese legacy encoding, has almost none.
_COMMON_SYLLABLES = frozenset(
    "va cua cac nam trong duoc cong tac nhan dan ngay nhung co la voi cho tren ve tai nay mot da theo tinh "
    "xa hoi nghi thuc hien nguoi dong chi ban van de khong nhieu dang chinh quyen phat trien ket so dau "
    "chuc tham du nhiem vu phong trao thi dua mo hinh doan mat tran uy vien truong pho bi thu".split()
)

Status = Literal["created", "duplicate", "error"]


class IngestError(ValueError):
    """An article that cannot be ingested; the message is Vietnamese and says what to do."""


@dataclass
class IngestOutcome:
    name: str
    status: Status
    message: str
    article_id: int | None = None
    event_id: int | None = None


@dataclass
class IngestSummary:
    created: int = 0
    duplicates: int = 0
    errors: list[IngestOutcome] = field(default_factory=list)

    @property
    def read(self) -> int:
        return self.created + self.duplicates

    def add(self, outcome: IngestOutcome) -> None:
        if outcome.status == "created":
            self.created += 1
        elif outcome.status == "duplicate":
            self.duplicates += 1
        else:
            self.errors.append(outcome)


class CommandLineActor:
    """The actor recorded in the audit log for `danvan press ingest` run without --user (and the demo)."""

    pk = None
    is_authenticated = True

    def __init__(self, username: str = "dòng lệnh (danvan press ingest)") -> None:
        self.username = username

    def __str__(self) -> str:
        return self.username


# --- preparing an article (no database) --------------------------------------------------------------
@dataclass
class Prepared:
    raw: str
    is_html: bool
    text: str  # main text (HTML already reduced to text)
    cleaned: str
    fingerprint: str
    site: str
    source_url: str


def _site_of(source_url: str, meta: dict[str, Any]) -> str:
    for candidate in (source_url, meta.get("url") or ""):
        host = urlparse(candidate if "//" in candidate else "//" + candidate).hostname if candidate else None
        if host and "." in host:
            return host.removeprefix("www.")
    return str(meta.get("sitename") or "")[:200]


def _web_address(url: str) -> str:
    """Keep only http(s) addresses (an address from a page's metadata is shown as a link)."""
    url = url.strip()[:500]
    return url if urlparse(url).scheme in {"http", "https"} else ""


def check_vietnamese(text: str) -> None:
    letters = sum(1 for ch in text if ch.isalpha())
    if letters == 0:
        raise IngestError(gettext("Tệp không chứa chữ nào: không có nội dung bài báo để nhập."))
    words = fold_words(text).split()
    common = sum(1 for w in words if w in _COMMON_SYLLABLES)
    if len(words) >= 10 and common / len(words) < 0.12:
        raise IngestError(gettext("Văn bản không phải tiếng Việt: chỉ nhập bài báo tiếng Việt."))
    viet = len(_VIET_ONLY.findall(unicodedata.normalize("NFC", text)))
    if letters >= 20 and viet / letters < 0.02:
        raise IngestError(
            gettext("Văn bản tiếng Việt đã mất hết dấu: hãy lấy lại bài gốc có đủ dấu rồi nhập lại.")
        )


def prepare(data: bytes, *, source_url: str = "") -> Prepared:
    """Decode and clean one article; raises IngestError with a Vietnamese message."""
    if len(data) > MAX_ARTICLE_BYTES:
        raise IngestError(
            gettext("Tệp quá lớn (%(value)s KB): một bài báo không quá %(value2)s MB.")
            % {"value": len(data) // 1024, "value2": MAX_ARTICLE_BYTES // 1024 // 1024}
        )
    try:
        raw = decode_bytes(data)
    except ExtractionError as exc:
        raise IngestError(str(exc)) from exc
    meta: dict[str, Any] = {}
    is_html = looks_like_html(raw)
    text = raw
    if is_html:
        text, meta = html_to_text(raw)
        if not text.strip():
            raise IngestError(
                gettext("Trang HTML không có phần nội dung bài viết (chỉ có menu, quảng cáo…).")
            )
    cleaned = "\n".join(
        clean_lines(text)
    )  # characters repaired (mojibake, lost letters) and boilerplate gone
    if not cleaned.strip():
        check_vietnamese(text)
        raise IngestError(
            gettext("Sau khi bỏ các dòng thừa (menu, chia sẻ, tin khác…) không còn nội dung bài viết.")
        )
    check_vietnamese(cleaned)
    return Prepared(
        raw=raw,
        is_html=is_html,
        text=text,
        cleaned=cleaned,
        fingerprint=content_fingerprint(cleaned),  # equal to the raw text's, and cheaper to compute
        site=_site_of(source_url, meta),
        source_url=_web_address(source_url or str(meta.get("url") or "")),
    )


def has_event(result: dict[str, Any]) -> bool:
    """Whether the extraction found a mobilisation event at all (not just an article with nulls)."""
    event = result.get("event") or {}
    return bool(
        event.get("type") in {EventType.TONG_KET, EventType.SO_KET}
        or event.get("organizer")
        or result.get("chairs")
        or (result.get("people") and (event.get("date") or event.get("province")))
    )


# --- storing -----------------------------------------------------------------------------------------
def normalise_name(name: str) -> str:
    words = unicodedata.normalize("NFC", " ".join(name.split())).split(" ")
    return " ".join(w[:1].upper() + w[1:].lower() for w in words if w)[:150]


def _date(value: Any) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def document_key(number: str) -> str:
    """Normalised document number for matching: "25-NQ/TW", "25 - nq / tw" → "25-nq/tw"."""
    return re.sub(r"\s+", "", fold(number))


def _province(code: Any) -> AdminUnit | None:
    if code in (None, ""):
        return None
    return AdminUnit.objects.filter(level=Level.PROVINCE, code=str(code).zfill(2)).first()


def _people(result: dict[str, Any]) -> dict[str, tuple[list[str], bool]]:
    people: dict[str, tuple[list[str], bool]] = {}
    chairs = {normalise_name(c.get("name") or "") for c in result.get("chairs") or []}
    for entry in [*(result.get("people") or []), *(result.get("chairs") or [])]:
        name = normalise_name(entry.get("name") or "")
        if not name:
            continue
        titles, _ = people.get(name, ([], False))
        for title in entry.get("titles") or []:
            if title and title not in titles:
                titles.append(str(title))
        people[name] = (titles, name in chairs)
    return people


def _search_text(prepared_cleaned: str, result: dict[str, Any], province: AdminUnit | None) -> str:
    event = result.get("event") or {}
    parts: list[str] = [
        result.get("title") or "",
        event.get("organizer") or "",
        ((event.get("province") or {}).get("historical_name")) or "",
        province.name if province else "",
        " ".join(result.get("themes") or []),
        " ".join(result.get("documents") or []),
    ]
    for person in result.get("people") or []:
        parts.append(person.get("name") or "")
        parts.extend(person.get("titles") or [])
    parts.append(prepared_cleaned)
    return " " + fold_words(" ".join(parts)) + " "


_SHINGLE = 5


def shingles(cleaned: str) -> set[str]:
    """Word 5-grams of a cleaned body (folded: case and accents ignored)."""
    words = fold_words(cleaned).split()
    if len(words) <= _SHINGLE:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + _SHINGLE]) for i in range(len(words) - _SHINGLE + 1)}


def body_similarity(a: set[str], b: set[str]) -> float:
    """Jaccard similarity of two shingle sets (0..1)."""
    return len(a & b) / len(a | b) if a and b else 0.0


def _find_near_duplicate(prepared: Prepared, result: dict[str, Any]) -> Article | None:
    """An already stored article with (almost) the same body: same event date and province, or same title.

    Only these few candidates are compared, so the check stays cheap with any number of stored articles.
    """
    event = result.get("event") or {}
    candidates = Article.objects.none()
    day = _date(event.get("date"))
    province = _province((event.get("province") or {}).get("code"))
    if day is not None:
        candidates = Article.objects.filter(event__date=day, event__province=province)
    elif result.get("title"):
        candidates = Article.objects.filter(title=str(result["title"])[:500])
    mine: set[str] | None = None
    for candidate in candidates.only("id", "cleaned_text").order_by("-id")[:20]:
        mine = shingles(prepared.cleaned) if mine is None else mine
        if body_similarity(mine, shingles(candidate.cleaned_text)) >= NEAR_DUPLICATE_THRESHOLD:
            return candidate
    return None


def _note_other_source(*, actor: Any, article: Article, name: str, prepared: Prepared) -> IngestOutcome:
    source = prepared.source_url or prepared.site or name
    with transaction.atomic():
        locked = Article.objects.select_for_update().get(pk=article.pk)
        before = list(locked.other_sources)
        if (
            source
            and source not in before
            and source not in {locked.source_url, locked.filename, locked.site}
        ):
            locked.other_sources = [*before, source][:50]
            locked.save(update_fields=["other_sources"])
            event = Event.objects.filter(article=locked).select_related("unit").first()
            audit.record(
                actor=actor,
                action=AuditAction.UPDATE,
                obj=locked,
                unit=event.unit if event else None,
                summary=f"Bài báo #{locked.pk} được đăng lại ở nguồn khác",
                changes={"other_sources": [before, locked.other_sources]},
            )
    event_id = Event.objects.filter(article_id=article.pk).values_list("id", flat=True).first()
    return IngestOutcome(
        name=name,
        status="duplicate",
        message=f"Bài đã có (trùng bài #{article.pk}): không tạo sự kiện mới.",
        article_id=article.pk,
        event_id=event_id,
    )


def _store(
    *, actor: Any, name: str, prepared: Prepared, result: dict[str, Any], is_demo: bool
) -> IngestOutcome:
    event_data = result.get("event") or {}
    province_data = event_data.get("province") or {}
    province = _province(province_data.get("code"))
    unit = province or AdminUnit.objects.get(code=NATION_CODE)
    period = event_data.get("period") or {}
    with transaction.atomic():
        article = Article.objects.create(
            source_url=prepared.source_url[:500],
            site=prepared.site[:200],
            outlet=str(result.get("source") or "")[:200],
            filename=name[:255],
            is_html=prepared.is_html,
            raw=prepared.raw,
            cleaned_text=prepared.cleaned,
            fingerprint=prepared.fingerprint,
            title=str(result.get("title") or "")[:500],
            published_date=_date(result.get("published_date")),
            extraction=result,
            ingested_by=actor if getattr(actor, "pk", None) else None,
            is_demo=is_demo,
        )
        event = Event.objects.create(
            article=article,
            unit=unit,
            province=province,
            historical_province=str(province_data.get("historical_name") or "")[:150],
            title=article.title,
            type=str(event_data.get("type"))
            if event_data.get("type") in EventType.values
            else EventType.OTHER,
            date=_date(event_data.get("date")),
            scope=str(event_data.get("scope") or ""),
            online=bool(event_data.get("online")),
            organizer=str(event_data.get("organizer") or "")[:300],
            period_year=period.get("year") if isinstance(period.get("year"), int) else None,
            period_half=period.get("half") if period.get("half") in (1, 2) else None,
            themes=list(result.get("themes") or []),
            documents=list(result.get("documents") or []),
            indicators=list(result.get("indicators") or []),
            search_text=_search_text(prepared.cleaned, result, province),
            documents_key="|" + "|".join(document_key(d) for d in result.get("documents") or [])[:990] + "|",
            is_demo=is_demo,
        )
        people = _people(result)
        if people:
            Person.objects.bulk_create(
                [Person(name=n, folded_name=fold(n)) for n in people], ignore_conflicts=True
            )
            persons = dict(Person.objects.filter(name__in=list(people)).values_list("name", "id"))
            Appearance.objects.bulk_create(
                [
                    Appearance(person_id=persons[n], event=event, titles=titles, is_chair=is_chair)
                    for n, (titles, is_chair) in people.items()
                ]
            )
        audit.record(
            actor=actor,
            action=AuditAction.IMPORT,
            obj=event,
            unit=unit,
            summary=f"Nhập bài báo #{article.pk} ({name[:120]}) → sự kiện #{event.pk}",
            changes={"article": [None, article.pk], "fingerprint": [None, article.fingerprint]},
        )
    return IngestOutcome(name=name, status="created", message="", article_id=article.pk, event_id=event.pk)


def can_ingest(user: Any) -> bool:
    scope = scope_for(user)
    return scope.is_admin or bool(scope.paths(ACT_ROLES))


def ingest_bytes(
    *, actor: Any, data: bytes, name: str, source_url: str = "", is_demo: bool = False
) -> IngestOutcome:
    """Ingest one article. Never raises for bad input: the outcome says what went wrong, in Vietnamese."""
    if not isinstance(actor, CommandLineActor) and not can_ingest(actor):
        raise PermissionDenied(
            gettext("Chỉ cán bộ, lãnh đạo đơn vị hoặc quản trị viên mới được nhập bài báo.")
        )
    try:
        prepared = prepare(data, source_url=source_url)
    except IngestError as exc:
        return IngestOutcome(name=name, status="error", message=str(exc))
    same = Article.objects.filter(fingerprint=prepared.fingerprint).only("id", "other_sources").first()
    if same is not None:
        return _note_other_source(actor=actor, article=same, name=name, prepared=prepared)
    try:
        result = extract(prepared.raw, source_hint=prepared.source_url or prepared.site or None)
    except ExtractionError as exc:
        return IngestOutcome(name=name, status="error", message=str(exc))
    if not has_event(result):
        return IngestOutcome(
            name=name,
            status="error",
            message="Bài không nói về một sự kiện (hội nghị, tổng kết, sơ kết, đối thoại…): không nhập.",
        )
    near = _find_near_duplicate(prepared, result)
    if near is not None:
        return _note_other_source(actor=actor, article=near, name=name, prepared=prepared)
    try:
        return _store(actor=actor, name=name, prepared=prepared, result=result, is_demo=is_demo)
    except IntegrityError:
        # another ingest stored the same article between our check and our write
        same = Article.objects.filter(fingerprint=prepared.fingerprint).first()
        if same is None:
            raise
        return _note_other_source(actor=actor, article=same, name=name, prepared=prepared)


# --- batches in the background (django.tasks: `press.tasks`) -------------------------------------------
@dataclass
class Analysed:
    """An article read and extracted, not yet stored."""

    name: str
    prepared: Prepared
    result: dict[str, Any]


def analyse_bytes(*, data: bytes, name: str, source_url: str = "") -> Analysed | IngestOutcome:
    """Read and extract one article without writing anything; an error outcome when it cannot go in."""
    try:
        prepared = prepare(data, source_url=source_url)
        result = extract(prepared.raw, source_hint=prepared.source_url or prepared.site or None)
    except (IngestError, ExtractionError) as exc:
        return IngestOutcome(name=name, status="error", message=str(exc))
    if not has_event(result):
        return IngestOutcome(
            name=name,
            status="error",
            message="Bài không nói về một sự kiện (hội nghị, tổng kết, sơ kết, đối thoại…): không nhập.",
        )
    return Analysed(name=name, prepared=prepared, result=result)


def store_analysed(*, actor: Any, item: Analysed) -> IngestOutcome:
    """Store an analysed article, or note it as another source of the article it repeats."""
    same = Article.objects.filter(fingerprint=item.prepared.fingerprint).only("id", "other_sources").first()
    if same is None:
        same = _find_near_duplicate(item.prepared, item.result)
    if same is not None:
        return _note_other_source(actor=actor, article=same, name=item.name, prepared=item.prepared)
    return _store(actor=actor, name=item.name, prepared=item.prepared, result=item.result, is_demo=False)


def queue_batch(*, actor: Any, files: list[tuple[str, bytes | None, str]], source_url: str = "") -> IngestJob:
    """Keep the files of an upload (each `(name, data, problem)`; a file with a problem is only listed)
    encrypted for their job (`core.jobs.stash`) and record the queued job; `tasks.start_batch` enqueues it."""
    if not can_ingest(actor):
        raise PermissionDenied(
            gettext("Chỉ cán bộ, lãnh đạo đơn vị hoặc quản trị viên mới được nhập bài báo.")
        )
    entries: list[dict[str, str]] = []
    for name, data, problem in files:
        if problem or data is None:
            entries.append({"name": name, "problem": problem})
        else:
            entries.append({"name": name, "path": jobs.stash("press", data)})
    return IngestJob.objects.create(
        actor=actor, files=entries, source_url=source_url[:500], total=len(entries)
    )


def run_batch(job_id: int) -> IngestJob | None:
    """The task's work (`core.jobs.run`): read and extract every file first (progress on the page), then
    store them all in one transaction, so an error stores none; the outcome of each file is kept."""

    def work(job: IngestJob) -> dict[str, Any]:
        items: list[Analysed | IngestOutcome] = []
        try:
            for number, entry in enumerate(job.files):
                name = str(entry.get("name") or "")
                jobs.progress(job, number, len(job.files), f"Đang đọc và trích xuất “{name[:120]}”")
                if entry.get("problem") or not entry.get("path"):
                    items.append(IngestOutcome(name=name, status="error", message=str(entry.get("problem"))))
                    continue
                data = jobs.unstash(str(entry["path"]))
                items.append(analyse_bytes(data=data, name=name, source_url=job.source_url))
        finally:
            for entry in job.files:
                jobs.discard(str(entry.get("path") or ""))
        jobs.progress(job, len(job.files), len(job.files), "Đang lưu các bài báo")
        summary = IngestSummary()
        outcomes: list[IngestOutcome] = []
        with transaction.atomic():
            for item in items:
                outcome = (
                    item if isinstance(item, IngestOutcome) else store_analysed(actor=job.actor, item=item)
                )
                summary.add(outcome)
                outcomes.append(outcome)
        return {
            "outcomes": [asdict(o) for o in outcomes],
            "created": summary.created,
            "duplicates": summary.duplicates,
            "errors": len(summary.errors),
            "files": [{"name": str(e.get("name") or "")} for e in job.files],
        }

    return jobs.run(
        IngestJob,
        job_id,
        work,
        failure="Lỗi hệ thống khi nhập các bài báo; không bài nào được lưu. Hãy thử lại hoặc báo quản trị viên.",
    )


def iter_article_files(path: Path) -> Iterator[Path]:
    """The .txt/.html/.htm files under path (or path itself), in a stable order, lazily."""
    if path.is_file():
        yield path
        return
    for root, dirs, files in os.walk(path):
        dirs.sort()
        for filename in sorted(files):
            if Path(filename).suffix.lower() in ARTICLE_SUFFIXES:
                yield Path(root) / filename


def count_article_files(path: Path) -> int:
    return sum(1 for _ in iter_article_files(path))


def ingest_path(
    path: Path,
    *,
    actor: Any,
    on_outcome: Callable[[IngestOutcome], None] | None = None,
    is_demo: bool = False,
) -> IngestSummary:
    """Ingest a file or a whole folder, one file at a time (memory stays flat whatever the folder size)."""
    summary = IngestSummary()
    for file in iter_article_files(path):
        name = str(file.relative_to(path)) if path.is_dir() else file.name
        try:
            data = file.read_bytes() if file.stat().st_size <= MAX_ARTICLE_BYTES else None
        except OSError as exc:
            outcome = IngestOutcome(name=name, status="error", message=f"Không đọc được tệp: {exc.strerror}.")
        else:
            if data is None:
                outcome = IngestOutcome(
                    name=name,
                    status="error",
                    message=f"Tệp quá lớn: một bài báo không quá {MAX_ARTICLE_BYTES // 1024 // 1024} MB.",
                )
            else:
                outcome = ingest_bytes(actor=actor, data=data, name=name, is_demo=is_demo)
        summary.add(outcome)
        if on_outcome is not None:
            on_outcome(outcome)
    return summary


# --- turning an event into a conference record ----------------------------------------------------------
class ConferenceUnavailableError(RuntimeError):
    """The reporting module does not (yet) offer conference records."""


CONFERENCE_KINDS = {EventType.TONG_KET: "tong_ket", EventType.SO_KET: "so_ket", EventType.OTHER: "chuyen_de"}


def conference_service() -> Callable[..., Any] | None:
    """`danvan.reporting.services.create_conference`, when the reporting module provides it."""
    from danvan.reporting import services as reporting_services

    found = getattr(reporting_services, "create_conference", None)
    return found if callable(found) else None


def _validation_text(exc: ValidationError | Refused) -> str:
    if isinstance(exc, Refused):
        return str(exc)
    return " ".join(dict.fromkeys(str(m) for m in exc.messages))


def create_conference_from_event(*, actor: Any, event_id: int) -> Any:
    """Create the conference record of a press event in one step (host unit = the event's province).

    Chairs come with the titles the article gives them; an online conference gets the province as its
    bridge point (the article reports from there). Raises IngestError with a Vietnamese message when the
    event lacks what a conference record needs (a date, a chair).
    """
    create_conference = conference_service()
    if create_conference is None:
        raise ConferenceUnavailableError(gettext("Chức năng hồ sơ hội nghị chưa sẵn sàng trên hệ thống này."))
    with transaction.atomic():
        event = (
            Event.objects.select_for_update(of=("self",))
            .select_related("unit", "province", "article")
            .get(pk=event_id)
        )
        scope_for(actor).require(event.unit, ACT_ROLES)
        if event.conference_ref:
            raise IngestError(
                gettext("Sự kiện này đã có hồ sơ hội nghị (%(conference_ref)s).")
                % {"conference_ref": event.conference_ref}
            )
        if event.date is None:
            raise IngestError(
                gettext("Bài báo không cho biết ngày diễn ra hội nghị: không tạo được hồ sơ hội nghị.")
            )
        appearances = list(event.appearances.select_related("person").filter(is_chair=True))
        chairs = [{"name": a.person.name, "title": ", ".join(a.titles)} for a in appearances]
        bridge_points = []
        if event.online and event.province is not None:
            local = [c["name"] for c in chairs if "Trung ương" not in c["title"]]
            bridge_points = [{"unit": event.province, "chair": ", ".join(local)[:200], "participants": 0}]
        try:
            with transaction.atomic():
                conference = create_conference(
                    actor=actor,
                    unit=event.unit,
                    kind=CONFERENCE_KINDS.get(EventType(event.type), "chuyen_de"),
                    title=event.display_title[:300],
                    held_on=event.date,
                    chairs=chairs,
                    online=event.online,
                    bridge_points=bridge_points,
                    documents=list(event.documents),
                    conclusions="",
                    source=(event.article.source_url or event.article.outlet or event.article.filename)[:500],
                )
        except (ValidationError, Refused) as exc:
            raise IngestError(
                gettext("Không tạo được hồ sơ hội nghị: %(validation_text)s")
                % {"validation_text": _validation_text(exc)}
            ) from exc
        before = event.conference_ref
        event.conference_ref = f"reporting.conference:{conference.pk}"
        event.save(update_fields=["conference_ref"])
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=event,
            unit=event.unit,
            summary=f"Tạo hồ sơ hội nghị #{conference.pk} từ sự kiện báo chí #{event.pk}",
            changes={"conference_ref": [before, event.conference_ref]},
        )
    return conference
