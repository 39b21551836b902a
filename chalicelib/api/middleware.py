"""HTTP middleware: request id, access log, and the contract's error shape for errors that
Chalice itself produces before a view runs (405, 415, unhandled 500)."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from typing import Any

from chalice.app import Request, Response

from chalicelib.api.errors import REQUEST_ID, error_body, json_response
from chalicelib.domain.errors import Problem
from chalicelib.observability import logger
from chalicelib.runtime import LAMBDA_CONTEXT

# Chalice's own error codes -> (status, contract code, message, details)
_CHALICE_ERRORS: dict[str, tuple[int, str, str, list[Problem]]] = {
    "MethodNotAllowedError": (405, "METHOD_NOT_ALLOWED", "该地址不支持此请求方法。", []),
    "UnsupportedMediaType": (400, "VALIDATION_ERROR", "请求体应为 JSON。",
                             [Problem("Content-Type", "应为 application/json")]),
    "BadRequest": (400, "VALIDATION_ERROR", "请求不符合要求。", []),
    "BadRequestError": (400, "VALIDATION_ERROR", "请求不符合要求。", []),
    "NotFoundError": (404, "NOT_FOUND", "未找到您要的内容。", []),
}


def _request_id(request: Request) -> str:
    context = request.context or {}
    lambda_context = getattr(request, "lambda_context", None)
    return str(
        context.get("requestId")
        or getattr(lambda_context, "aws_request_id", None)
        or uuid.uuid4()
    )


def _reshape(response: Response) -> Response:
    """Rewrite a Chalice-native error body ({"Code", "Message"}) into the contract shape."""
    if response.status_code < 400:
        return response
    body: Any = response.body
    if isinstance(body, str):
        try:
            body = json.loads(body) if body else None
        except ValueError:
            body = None
    if isinstance(body, dict) and "error" in body:
        return response
    code = body.get("Code") if isinstance(body, dict) else None
    status, error_code, message, details = _CHALICE_ERRORS.get(
        str(code), (response.status_code, "INTERNAL_ERROR", "服务暂时不可用，请您稍后再试。", []))
    if status >= 500:
        status, error_code = 500, "INTERNAL_ERROR"
    headers = {k: str(v) for k, v in response.headers.items() if k.lower() == "allow"}
    return json_response(error_body(error_code, message, details), status, headers)


def http_middleware(request: Request, get_response: Callable[[Request], Response]) -> Response:
    request_id = _request_id(request)
    token = REQUEST_ID.set(request_id)
    context_token = LAMBDA_CONTEXT.set(getattr(request, "lambda_context", None))
    logger.set_correlation_id(request_id)
    started = time.perf_counter()
    try:
        response = _reshape(get_response(request))
        response.headers["X-Request-Id"] = request_id
        logger.info("request", extra={
            "method": request.method,
            "route": (request.context or {}).get("resourcePath"),
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1),
        })
        return response
    finally:
        REQUEST_ID.reset(token)
        LAMBDA_CONTEXT.reset(context_token)
        logger.set_correlation_id(None)
