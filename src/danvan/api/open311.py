"""Open311 GeoReport v2 (/open311/v2/): citizens' feedback and proposals (phản ánh, kiến nghị).

One service per field of the petitions taxonomy; `service_request_id` is the petition's public id
(`Petition.public_id`), never its tracking code (#16 item 6: the code, with the confirmation key, is what
only the citizen holds). POST needs a write API key; GET answers carry no personal data (the description is the
petition's title, the address is the commune). Formats: `.json` and `.xml` (UTF-8 declaration);
datetimes ISO 8601 with offset; errors as the spec's list of {code, description}.
"""

from __future__ import annotations

import datetime as dt
import math
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from typing import Any

from django.db.models import Max, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.views.decorators.csrf import csrf_exempt

from danvan.api import services as api_services
from danvan.api import tokens
from danvan.api.parsing import check_size, decode_utf8
from danvan.core import clock
from danvan.core.apikit import ApiError
from danvan.petitions import services as petition_services
from danvan.petitions.models import Channel, Field, Kind, Petition
from danvan.territory.models import AdminUnit, Level
from danvan.territory.selectors import UnknownUnitError, get_unit, resolve_address

KINDS = {Kind.FEEDBACK.value: Kind.FEEDBACK.label, Kind.PROPOSAL.value: Kind.PROPOSAL.label}
DEFAULT_DAYS = 90
MAX_REQUESTS = 1000
POST_FIELDS = frozenset(
    {
        "api_key",
        "jurisdiction_id",
        "service_code",
        "lat",
        "long",
        "address_string",
        "address_id",
        "email",
        "device_id",
        "account_id",
        "first_name",
        "last_name",
        "phone",
        "description",
        "media_url",
    }
)
ATTRIBUTES = ("kind", "title", "incident_date")
GET_FIELDS = frozenset(
    {"jurisdiction_id", "service_request_id", "service_code", "start_date", "end_date", "status"}
)

# --- rendering -------------------------------------------------------------------------------------


def _iso(value: dt.datetime | dt.date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return clock.local(value).isoformat(timespec="seconds")
    # a due date is due at the end of the working day, Vietnam time
    return dt.datetime.combine(value, dt.time(17, 0), tzinfo=clock.VN_TZ).isoformat(timespec="seconds")


_CHILD = {
    "endpoints": "endpoint",
    "formats": "format",
    "attributes": "attribute",
    "values": "value",
    "keywords": "keyword",
}


def _to_xml(parent: ET.Element, key: str, value: Any) -> None:
    if isinstance(value, list):
        container = ET.SubElement(parent, key)
        for item in value:
            _to_xml(container, _CHILD.get(key, key.rstrip("s")), item)
        return
    element = ET.SubElement(parent, key)
    if isinstance(value, dict):
        for k, v in value.items():
            _to_xml(element, k, v)
    elif isinstance(value, bool):
        element.text = "true" if value else "false"
    elif value is not None:
        element.text = str(value)


def render(fmt: str, root: str, item: str | None, data: Any, status: int = 200) -> HttpResponse:
    if fmt == "json":
        return JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})
    top = ET.Element(root)
    if item is None:
        for k, v in data.items():
            _to_xml(top, k, v)
    else:
        for entry in data:
            _to_xml(top, item, entry)
    text = '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(top, encoding="unicode")
    return HttpResponse(text.encode("utf-8"), status=status, content_type="text/xml; charset=utf-8")


def error(fmt: str, status: int, description: str) -> HttpResponse:
    return render(fmt, "errors", "error", [{"code": status, "description": description}], status=status)


def _handle(fmt: str, fn: Any, *args: Any) -> HttpResponse:
    try:
        response: HttpResponse = fn(*args)
        return response
    except ApiError as exc:
        status = exc.status if exc.status in (400, 403, 404, 413) else 400
        detail = "; ".join([exc.message, *(f"{e['field']}: {e['message']}" for e in exc.errors)])
        return error(fmt, status, detail)


# --- views -----------------------------------------------------------------------------------------


def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    base = request.build_absolute_uri("/open311/v2/")
    data = {
        "changeset": "2026-01-01T00:00:00+07:00",
        "contact": "Ban Dân vận: liên hệ quản trị viên của nền tảng Dân Vận.",
        "key_service": "Khóa api_key do quản trị viên cấp: `danvan api token create --scope write`.",
        "endpoints": [
            {
                "specification": "http://wiki.open311.org/GeoReport_v2",
                "url": base,
                "changeset": "2026-01-01T00:00:00+07:00",
                "type": "production",
                "formats": ["application/json", "text/xml"],
            }
        ],
    }
    return render(fmt, "discovery", None, data)


def _service(field: Field) -> dict[str, Any]:
    return {
        "service_code": field.code,
        "service_name": field.name,
        "description": field.description or f"Phản ánh, kiến nghị về lĩnh vực {field.name.lower()}.",
        "metadata": True,
        "type": "realtime",
        "keywords": "phản ánh, kiến nghị",
        "group": "Đơn thư",
    }


def services(request: HttpRequest, fmt: str) -> HttpResponse:
    fields = Field.objects.filter(is_active=True).order_by("order", "name")
    return render(fmt, "services", "service", [_service(f) for f in fields])


def service_definition(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    field = Field.objects.filter(code=code, is_active=True).first()
    if field is None:
        return error(fmt, 404, f"Không có dịch vụ (lĩnh vực) mã “{code[:60]}”. Xem services.{fmt}.")
    data = {
        "service_code": field.code,
        "attributes": [
            {
                "variable": True,
                "code": "kind",
                "datatype": "singlevaluelist",
                "required": True,
                "datatype_description": "Loại đơn",
                "order": 1,
                "description": "Phản ánh hay kiến nghị?",
                "values": [{"key": k, "name": v} for k, v in KINDS.items()],
            },
            {
                "variable": True,
                "code": "title",
                "datatype": "string",
                "required": False,
                "datatype_description": "Tối đa 200 ký tự; bỏ trống thì lấy từ đầu nội dung.",
                "order": 2,
                "description": "Tiêu đề",
            },
            {
                "variable": True,
                "code": "incident_date",
                "datatype": "datetime",
                "required": False,
                "datatype_description": "ISO 8601, ví dụ 2026-01-15",
                "order": 3,
                "description": "Ngày xảy ra sự việc",
            },
        ],
    }
    return render(fmt, "service_definition", None, data)


def _status(p: Petition) -> str:
    return "open" if p.state in petition_services.OPEN_STATES else "closed"


def _request_out(p: Petition, updated: dt.datetime | None) -> dict[str, Any]:
    """No personal data: no name, phone, e-mail or contact address; the description is the title."""
    place = p.place
    address = f"{place.name}, {place.parent.name}" if place and place.parent_id and place.parent else ""
    return {
        "service_request_id": p.public_id,
        "status": _status(p),
        "status_notes": petition_services.public_answer(p) or p.get_state_display(),
        "service_name": p.field.name if p.field else "",
        "service_code": p.field.code if p.field else "",
        "description": public_description(p),
        "agency_responsible": p.unit.name,
        "service_notice": "",
        "requested_datetime": _iso(p.received_at),
        "updated_datetime": _iso(updated or p.received_at),
        "expected_datetime": _iso(p.due_date),
        "address": address,
        "address_id": place.code if place else "",
        "zipcode": "",
        "lat": "",
        "long": "",
        "media_url": "",
    }


def public_description(p: Petition) -> str:
    """The title as typed when an officer marked it public; otherwise the copy the identity detection
    produced at intake and in the analysis (`Petition.public_title`); a neutral line without one."""
    if p.title_public:
        return p.title
    if p.public_title:
        return p.public_title
    return f"{p.get_kind_display()}{' về ' + p.field.name.lower() if p.field else ''}"


def _base_requests() -> QuerySet[Petition]:
    return (
        Petition.objects.filter(kind__in=list(KINDS), public_id__isnull=False)
        .select_related("unit", "place__parent", "field")
        .annotate(updated=Max("history__at"))
    )


def _parse_when(value: str, name: str) -> dt.datetime:
    bad = ApiError(400, "bad_date", f"{name} không hợp lệ: dùng ISO 8601, ví dụ 2026-01-15T08:00:00+07:00.")
    try:
        # Both parsers raise ValueError on a well-formed but impossible value (month 99, 25:61).
        parsed = parse_datetime(value.strip())
        day = parse_date(value.strip()) if parsed is None else None
    except ValueError:
        raise bad from None
    if parsed is None:
        if day is None:
            raise bad
        parsed = dt.datetime.combine(day, dt.time.min)
    if timezone.is_naive(parsed):
        parsed = parsed.replace(tzinfo=clock.VN_TZ)  # a time without offset is Vietnam time
    return parsed


def _list(request: HttpRequest, fmt: str) -> HttpResponse:
    params = request.GET
    unknown = sorted(set(params) - GET_FIELDS)
    if unknown:
        raise ApiError(
            400, "unknown_param", f"Tham số không được hỗ trợ: {', '.join(k[:40] for k in unknown[:5])}."
        )
    qs = _base_requests()
    ids = [c.strip().upper() for c in params.get("service_request_id", "").split(",") if c.strip()][
        :MAX_REQUESTS
    ]
    if ids:
        qs = qs.filter(public_id__in=ids)
    else:
        codes = [c.strip() for c in params.get("service_code", "").split(",") if c.strip()]
        if codes:
            qs = qs.filter(field__code__in=codes)
        now = timezone.now()
        end = _parse_when(params["end_date"], "end_date") if params.get("end_date") else now
        start = (
            _parse_when(params["start_date"], "start_date")
            if params.get("start_date")
            else end - dt.timedelta(days=DEFAULT_DAYS)
        )
        if start > end:
            raise ApiError(400, "bad_range", "start_date phải trước end_date.")
        qs = qs.filter(received_at__gte=start, received_at__lte=end)
        status = params.get("status", "")
        if status:
            wanted = {s.strip() for s in status.split(",")}
            if not wanted <= {"open", "closed"}:
                raise ApiError(400, "bad_status", "status chỉ nhận open hoặc closed.")
            if wanted == {"open"}:
                qs = qs.filter(state__in=petition_services.OPEN_STATES)
            elif wanted == {"closed"}:
                qs = qs.exclude(state__in=petition_services.OPEN_STATES)
    rows = list(qs.order_by("-received_at", "-id")[:MAX_REQUESTS])
    return render(
        fmt, "service_requests", "request", [_request_out(p, getattr(p, "updated", None)) for p in rows]
    )


def _form(request: HttpRequest) -> QueryDict:
    check_size(request)
    content_type = (request.content_type or "").lower()
    if content_type == "application/x-www-form-urlencoded":
        return QueryDict(decode_utf8(request.body), encoding="utf-8")
    if content_type == "multipart/form-data":
        return request.POST
    raise ApiError(
        400, "bad_content_type", "POST requests phải gửi dạng application/x-www-form-urlencoded (Open311)."
    )


def _number(data: Mapping[str, str], name: str, low: float, high: float) -> float | None:
    raw = (data.get(name) or "").strip()
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError as exc:
        raise ApiError(400, "bad_coordinate", f"{name} phải là số thập phân (độ).") from exc
    if not math.isfinite(value) or not low <= value <= high:
        raise ApiError(400, "bad_coordinate", f"{name} nằm ngoài lãnh thổ Việt Nam ({low}–{high}).")
    return value


def _create(request: HttpRequest, fmt: str) -> HttpResponse:
    data = _form(request)
    principal = tokens.authenticate(data.get("api_key", ""))
    if principal is None or principal.token is None:
        raise ApiError(403, "bad_key", "api_key thiếu hoặc không hợp lệ (khóa đã bị thu hồi?).")
    if not principal.can_write:
        raise ApiError(403, "read_only", "api_key này chỉ có quyền đọc: cần khóa có quyền ghi.")
    attributes: dict[str, str] = {
        k[len("attribute[") : -1]: str(v)
        for k, v in data.items()
        if k.startswith("attribute[") and k.endswith("]")
    }
    unknown = sorted(
        k for k in data if k not in POST_FIELDS and not (k.startswith("attribute[") and k.endswith("]"))
    )
    unknown += sorted(f"attribute[{k}]" for k in attributes if k not in ATTRIBUTES)
    if unknown:
        raise ApiError(
            400, "unknown_param", f"Tham số không được hỗ trợ: {', '.join(k[:40] for k in unknown[:5])}."
        )
    code = (data.get("service_code") or "").strip()
    if not code:
        raise ApiError(400, "missing", "Thiếu service_code (mã lĩnh vực): xem services.json.")
    field = Field.objects.filter(code=code, is_active=True).first()
    if field is None:
        raise ApiError(404, "unknown_service", f"Không có dịch vụ mã “{code[:60]}”: xem services.json.")
    kind = (attributes.get("kind") or "").strip()
    if kind not in KINDS:
        raise ApiError(
            400, "bad_kind", "attribute[kind] bắt buộc: feedback (phản ánh) hoặc proposal (kiến nghị)."
        )
    lat = _number(data, "lat", 8.0, 23.5)
    lon = _number(data, "long", 102.0, 117.9)
    if (lat is None) != (lon is None):
        raise ApiError(400, "bad_coordinate", "Cần gửi cả lat và long.")
    address = str(data.get("address_string") or "").strip()
    address_id = str(data.get("address_id") or "").strip()
    place: AdminUnit | None
    if address_id and not address:
        try:
            place = get_unit(address_id[:10])
        except UnknownUnitError as exc:
            raise ApiError(
                400, "unknown_address", f"address_id phải là mã GSO của xã, phường: {exc}"
            ) from exc
        if place.level != Level.COMMUNE:
            raise ApiError(400, "unknown_address", "address_id phải là mã GSO của một xã, phường.")
    elif address:
        place = resolve_address(address)
        if place is None or place.level == Level.NATION:
            raise ApiError(
                400,
                "unknown_address",
                f"Không xác định được xã, phường từ address_string “{address[:100]}”: ghi rõ xã và tỉnh.",
            )
    elif lat is not None and principal.token.unit.level == Level.COMMUNE:
        place = principal.token.unit  # a commune's own app: coordinates inside its commune
    elif lat is not None:
        raise ApiError(
            400,
            "unresolved_location",
            "Chưa xác định được xã, phường từ tọa độ: hãy gửi kèm address_string (xã, tỉnh).",
        )
    else:
        raise ApiError(
            400, "missing_location", "Cần lat/long, address_string hoặc address_id (nơi xảy ra sự việc)."
        )
    description = (data.get("description") or "").strip()
    title = (attributes.get("title") or "").strip() or description[:80]
    name = " ".join(
        p for p in ((data.get("first_name") or "").strip(), (data.get("last_name") or "").strip()) if p
    )
    form: dict[str, Any] = {
        "kind": kind,
        "title": title,
        "content": description,
        "field": field.code,
        "place_code": place.code,
        "address": address or (f"Tọa độ {lat}, {lon}" if lat is not None else ""),
        "petitioner_name": name,
        "petitioner_phone": (data.get("phone") or "").strip(),
        "petitioner_email": (data.get("email") or "").strip(),
    }
    if attributes.get("incident_date"):
        form["incident_date"] = clock.local_date(
            _parse_when(attributes["incident_date"], "attribute[incident_date]")
        )
    try:
        petition = petition_services.submit_petition(
            actor=principal.actor,
            channel=Channel.OPEN311,
            data=form,
            unit=principal.token.unit,
            place_within=api_services.filing_area(principal.token),
        )
    except petition_services.IntakeError as exc:
        names = {
            "petitioner_name": "first_name/last_name",
            "content": "description",
            "petitioner_phone": "phone",
            "petitioner_email": "email",
            "place_code": "address_string",
            "address": "address_string",
        }
        raise ApiError(
            400,
            "invalid",
            "Yêu cầu chưa hợp lệ, chưa được lưu",
            [{"field": names.get(k, k), "message": m} for k, msgs in exc.errors.items() for m in msgs],
        ) from exc
    # The tracking code and the confirmation key go only to the submitting client, never into the list.
    notice = (
        f"Đã tiếp nhận. Mã hồ sơ {petition.tracking_code}, mã xác nhận {petition.citizen_key} (giữ kín, "
        f"cần để đánh giá kết quả): tra cứu tại {request.build_absolute_uri(reverse('petitions:track'))}"
    )
    out = [{"service_request_id": petition.public_id, "service_notice": notice, "account_id": ""}]
    return render(fmt, "service_requests", "request", out, status=201)


@csrf_exempt  # machine clients authenticate with api_key, not a session cookie
def requests(request: HttpRequest, fmt: str) -> HttpResponse:
    if request.method == "GET":
        return _handle(fmt, _list, request, fmt)
    if request.method == "POST":
        return _handle(fmt, _create, request, fmt)
    response = error(fmt, 405, "Chỉ hỗ trợ GET và POST.")
    response["Allow"] = "GET, POST"
    return response


def request_detail(request: HttpRequest, request_id: str, fmt: str) -> HttpResponse:
    if request.method != "GET":
        return error(fmt, 405, "Chỉ hỗ trợ GET.")
    petition = _base_requests().filter(public_id=request_id.strip().upper()).first()
    if petition is None:
        return error(fmt, 404, f"Không có yêu cầu mã “{request_id[:60]}”.")
    return render(
        fmt, "service_requests", "request", [_request_out(petition, getattr(petition, "updated", None))]
    )


def token(request: HttpRequest, token: str, fmt: str) -> HttpResponse:
    """Requests are stored synchronously, so the token of a request is its service_request_id."""
    if request.method != "GET":
        return error(fmt, 405, "Chỉ hỗ trợ GET.")
    petition = _base_requests().filter(public_id=token.strip().upper()).first()
    if petition is None:
        return error(fmt, 404, f"Không có yêu cầu nào với token “{token[:60]}”.")
    return render(
        fmt, "service_requests", "request", [{"service_request_id": petition.public_id, "token": token}]
    )
