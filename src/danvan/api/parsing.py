"""Strict request bodies: size limit (413), JSON content type (415), UTF-8 (400), valid JSON (400)."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest

from danvan.core.apikit import ApiError


def max_body_bytes() -> int:
    return settings.DANVAN_API_MAX_BODY_BYTES


def check_size(request: HttpRequest) -> None:
    limit = max_body_bytes()
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError as exc:
        raise ApiError(400, "bad_length", "Độ dài nội dung (Content-Length) không hợp lệ.") from exc
    if declared > limit:
        raise too_large(limit)
    try:
        size = len(request.body)
    except RequestDataTooBig as exc:
        raise too_large(limit) from exc
    if size > limit:
        raise too_large(limit)


def too_large(limit: int) -> ApiError:
    return ApiError(
        413,
        "too_large",
        f"Nội dung gửi lên quá lớn (tối đa {limit // 1024} KB). Hãy rút gọn nội dung.",
    )


def decode_utf8(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(
            400, "invalid_utf8", "Nội dung không phải văn bản UTF-8 hợp lệ. Hãy gửi dữ liệu mã hóa UTF-8."
        ) from exc


def json_body(request: HttpRequest) -> Any:
    check_size(request)
    content_type = (request.content_type or "").lower()
    if content_type != "application/json":
        raise ApiError(
            415, "unsupported_media_type", "Hãy gửi dữ liệu JSON với tiêu đề Content-Type: application/json."
        )
    text = decode_utf8(request.body)
    if not text.strip():
        raise ApiError(400, "empty_body", "Nội dung yêu cầu trống: hãy gửi một đối tượng JSON.")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ApiError(
            400,
            "malformed_json",
            f"JSON không hợp lệ ở dòng {exc.lineno}, cột {exc.colno}: {exc.msg}. Hãy kiểm tra cú pháp.",
        ) from exc
