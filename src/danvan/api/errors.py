"""One error body for the whole REST API: {"status", "code", "message", "errors": [{"field", "message"}]}."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse


class ApiError(Exception):
    def __init__(
        self, status: int, code: str, message: str, errors: list[dict[str, str]] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.errors = errors or []


def body(status: int, code: str, message: str, errors: list[dict[str, str]] | None = None) -> dict[str, Any]:
    return {"status": status, "code": code, "message": message, "errors": errors or []}


def response(
    status: int, code: str, message: str, errors: list[dict[str, str]] | None = None
) -> HttpResponse:
    return JsonResponse(
        body(status, code, message, errors), status=status, json_dumps_params={"ensure_ascii": False}
    )


def from_exception(request: HttpRequest, exc: ApiError) -> HttpResponse:
    return response(exc.status, exc.code, exc.message, exc.errors)
