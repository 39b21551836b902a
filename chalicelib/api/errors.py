"""The one place where errors become HTTP responses in the contract's error shape."""

from __future__ import annotations

import contextvars
import json
from collections.abc import Mapping
from typing import Any

from chalice.app import Response
from pydantic import ValidationError

from chalicelib.domain import errors as domain
from chalicelib.domain.errors import DomainError, Problem

REQUEST_ID: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
JSON_CONTENT_TYPE = "application/json; charset=utf-8"


class PayloadTooLarge(DomainError):
    code = "PAYLOAD_TOO_LARGE"
    default_message = "请求内容过大（不超过64 KiB）。"


class MethodNotAllowed(DomainError):
    code = "METHOD_NOT_ALLOWED"
    default_message = "该地址不支持此请求方法。"


class InternalError(DomainError):
    code = "INTERNAL_ERROR"


_STATUS: list[tuple[type[DomainError], int]] = [
    (domain.ValidationFailed, 400),
    (domain.InvalidCaseNumber, 400),
    (domain.Unauthenticated, 401),
    (domain.Forbidden, 403),
    (domain.NotFound, 404),
    (MethodNotAllowed, 405),
    (domain.Conflict, 409),
    (PayloadTooLarge, 413),
    (domain.Locked, 423),
    (domain.RateLimited, 429),
    (domain.CalendarUnavailable, 503),
    (domain.ServiceUnavailable, 503),
]


def status_of(error: DomainError) -> int:
    for kind, status in _STATUS:
        if isinstance(error, kind):
            return status
    return 500


def error_body(code: str, message: str, details: list[Problem] | None = None) -> dict[str, Any]:
    info: dict[str, Any] = {"code": code, "message": message, "request_id": REQUEST_ID.get()}
    if details:
        info["details"] = [{"field": d.field, "problem": d.problem} for d in details]
    return {"error": info}


def json_response(body: Any, status: int,
                  headers: Mapping[str, str | list[str]] | None = None) -> Response:
    text = body if isinstance(body, str) else json.dumps(body, ensure_ascii=False)
    return Response(body=text, status_code=status,
                    headers={"Content-Type": JSON_CONTENT_TYPE, **(headers or {})})


def error_response(error: DomainError) -> Response:
    status = status_of(error)
    headers: dict[str, str | list[str]] = {}
    retry_after = getattr(error, "retry_after_seconds", None)
    if retry_after is not None:
        headers["Retry-After"] = str(retry_after)
    if status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    return json_response(error_body(error.code, error.message, error.details), status, headers)


# -- pydantic errors in Chinese ----------------------------------------------------------

_PROBLEMS = {
    "missing": "缺少必填字段",
    "extra_forbidden": "不支持该字段",
    "string_type": "应为字符串",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "list_type": "应为数组",
    "model_type": "应为对象",
    "dict_type": "应为对象",
    "model_attributes_type": "应为对象",
    "json_invalid": "请求体不是有效的 JSON",
    "json_type": "请求体应为 JSON 对象",
    "timezone_aware": "时间须带时区，如 2026-12-08T09:30:00+08:00",
    "string_pattern_mismatch": "格式不正确",
}


def _problem(error: Any) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind in _PROBLEMS:
        return _PROBLEMS[kind]
    if kind.startswith("date") and not kind.startswith("datetime"):
        return "日期格式应为 YYYY-MM-DD"
    if kind.startswith("datetime"):
        return "时间格式应为 ISO 8601，如 2026-12-08T09:30:00+08:00"
    simple = {
        "enum": f"取值应为：{ctx.get('expected', '')}",
        "literal_error": f"取值应为：{ctx.get('expected', '')}",
        "string_too_short": f"长度不能少于{ctx.get('min_length')}个字符",
        "string_too_long": f"长度不能超过{ctx.get('max_length')}个字符",
        "too_short": f"至少需要{ctx.get('min_length')}项",
        "too_long": f"最多{ctx.get('max_length')}项",
        "greater_than_equal": f"应不小于{ctx.get('ge')}",
        "less_than_equal": f"应不大于{ctx.get('le')}",
        "value_error": str(ctx.get("error", error.get("msg", ""))),
    }
    return simple.get(kind, "取值不正确")


def _field(location: tuple[Any, ...], root: str) -> str:
    path = root
    for part in location:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path = f"{path}.{part}" if path else str(part)
    return path or "body"


def validation_failed(error: ValidationError, root: str = "") -> domain.ValidationFailed:
    details = [Problem(_field(tuple(e["loc"]), root), _problem(e)) for e in error.errors()]
    return domain.ValidationFailed(details=details)
