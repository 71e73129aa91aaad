"""The REST API instance (/api/v1/): error handling, strict JSON parsing, OpenAPI document and docs.

Each module answers through its own router (`danvan.<module>.api`), mounted here with the API's
authentication (per-endpoint `auth=None` keeps an endpoint public).
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.operation import Operation
from ninja.parser import Parser

from danvan.api import services
from danvan.api.auth import AUTH
from danvan.api.parsing import json_body
from danvan.core.apikit import ApiError, error_response, response_for
from danvan.engagement.api import router as engagement_router
from danvan.exemplars.api import router as exemplars_router
from danvan.petitions.api import build_router as petitions_router
from danvan.press.api import router as press_router
from danvan.reporting.api import router as reporting_router
from danvan.territory.api import router as territory_router

logger = logging.getLogger("danvan.api")

_MESSAGES = {
    "extra_forbidden": "Trường không được hỗ trợ: hãy bỏ trường này (xem tài liệu API).",
    "missing": "Thiếu trường bắt buộc.",
    "string_too_long": "Quá dài.",
    "string_too_short": "Không được để trống.",
    "literal_error": "Giá trị không hợp lệ.",
    "date_from_datetime_parsing": "Ngày không hợp lệ: dùng dạng YYYY-MM-DD.",
    "date_parsing": "Ngày không hợp lệ: dùng dạng YYYY-MM-DD.",
    "int_parsing": "Phải là số nguyên.",
    "bool_parsing": "Phải là true hoặc false.",
    "model_attributes_type": "Phải là một đối tượng JSON.",
    "dict_type": "Phải là một đối tượng JSON.",
}


class StrictJsonParser(Parser):
    def parse_body(self, request: HttpRequest) -> Any:
        data = json_body(request)
        if not isinstance(data, dict):
            raise ApiError(400, "not_an_object", "Nội dung phải là một đối tượng JSON ({...}).")
        return data


class DanvanAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        # The identifiers published before the routers moved into the modules: clients generated from
        # the OpenAPI document keep their method names.
        return f"danvan_api_endpoints_{operation.view_func.__name__}"


api = DanvanAPI(
    title="Dân Vận API",
    version="1",
    description=(
        "Giao diện lập trình của nền tảng Dân Vận: đơn thư, tiếp công dân, đối thoại, "
        '"Dân vận khéo", báo cáo, báo chí. Xác thực bằng khóa API (Bearer) hoặc phiên web; '
        "mọi danh sách chỉ gồm bản ghi thuộc địa bàn của khóa. Lỗi có dạng "
        '{"status", "code", "message", "errors": [{"field", "message"}]}.'
    ),
    urls_namespace="api-v1",
    parser=StrictJsonParser(),
    openapi_url="/openapi.json",
    docs_url="/docs",
)


def _validation_errors(exc: ValidationError) -> list[dict[str, str]]:
    out = []
    for err in exc.errors:
        loc = [str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path", "payload", "filters")]
        message = _MESSAGES.get(str(err.get("type", "")), "")
        detail = str(err.get("msg", ""))
        if err.get("type") == "string_too_long" and isinstance(err.get("ctx"), dict):
            message = f"Quá dài (tối đa {err['ctx'].get('max_length')} ký tự)."
        out.append(
            {"field": ".".join(loc) or "body", "message": message or f"Giá trị không hợp lệ ({detail})."}
        )
    return out


@api.exception_handler(ApiError)
def _api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    return response_for(exc)


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return error_response(
        400,
        "invalid",
        "Dữ liệu gửi lên không hợp lệ: xem danh sách lỗi theo trường.",
        _validation_errors(exc),
    )


@api.exception_handler(AuthenticationError)
def _auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = error_response(
        401, "unauthorized", "Cần xác thực: gửi khóa API hợp lệ (Authorization: Bearer …) hoặc đăng nhập."
    )
    response["WWW-Authenticate"] = 'Bearer realm="danvan"'
    return response


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    cause = exc.__cause__
    if isinstance(cause, ApiError):
        return response_for(cause)
    if exc.status_code == 400:
        return error_response(400, "bad_request", "Không đọc được nội dung yêu cầu: hãy gửi JSON hợp lệ.")
    if exc.status_code == 403:
        return error_response(403, "forbidden", "Bị từ chối (thiếu mã CSRF hoặc không có quyền).")
    return error_response(exc.status_code, "error", str(exc))


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error_response(404, "not_found", "Không tìm thấy bản ghi trong phạm vi của bạn.")


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return error_response(403, "forbidden", str(exc) or "Bạn không có quyền thực hiện thao tác này.")


@api.exception_handler(Exception)
def _server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    # The class only: exception messages may quote submitted values.
    logger.error(
        "API error %s on %s %s",
        exc.__class__.__name__,
        request.method,
        request.path,
        exc_info=bool(settings.DEBUG or settings.TESTING),
    )
    return error_response(500, "server_error", "Lỗi máy chủ. Đã ghi nhận; hãy thử lại sau.")


# One router per module, in the order of the documentation.
api.add_router("", territory_router, auth=AUTH)
api.add_router("", petitions_router(submit=services.submit), auth=AUTH)
api.add_router("", engagement_router, auth=AUTH)
api.add_router("", exemplars_router, auth=AUTH)
api.add_router("", reporting_router, auth=AUTH)
api.add_router("", press_router, auth=AUTH)
