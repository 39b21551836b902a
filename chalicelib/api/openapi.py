"""The OpenAPI 3.1 document, built from the endpoint declarations and pydantic models."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from chalicelib import __version__
from chalicelib.api.authorization import Auth
from chalicelib.api.http import ROUTES, RouteSpec
from chalicelib.schemas.common import ErrorBody

REF = "#/components/schemas/{model}"

_ERROR_TEXT = {
    400: "Invalid input (VALIDATION_ERROR, INVALID_CASE_NUMBER)",
    401: "Missing, expired or forged credentials (UNAUTHENTICATED)",
    403: "Not allowed for this caller (FORBIDDEN)",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict (CONFLICT, INVALID_STATE, IDEMPOTENCY_KEY_REUSED)",
    413: "Body over 64 KiB (PAYLOAD_TOO_LARGE)",
    423: "Locked after repeated failures (LOCKED)",
    429: "Too many requests (RATE_LIMITED); see Retry-After",
    503: "Calendar data unavailable (CALENDAR_UNAVAILABLE)",
}

_HEADER_DOCS = {
    "X-Query-Code": "案件查询码 printed on the acceptance notice",
    "Idempotency-Key": "1..128 characters; replays the first response for the same body",
}


class _Schemas:
    """Component schemas of every model the routes use, and references to them."""

    def __init__(self) -> None:
        pairs: dict[tuple[type[BaseModel], str], None] = {(ErrorBody, "serialization"): None}
        for spec in ROUTES:
            if spec.body is not None:
                pairs[(spec.body, "validation")] = None
            if spec.response is not None:
                pairs[(spec.response, "serialization")] = None
            if spec.query is not None:
                pairs[(spec.query, "validation")] = None
        refs, schema = models_json_schema(list(pairs), ref_template=REF)  # type: ignore[arg-type]
        self._refs = refs
        self.components: dict[str, Any] = dict(schema.get("$defs", {}))

    def ref(self, model: type[BaseModel], mode: str = "serialization") -> dict[str, Any]:
        return dict(self._refs[(model, mode)])  # type: ignore[index]


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"application/json": {"schema": schema}}


_PATH_PARAMETERS: dict[str, dict[str, Any]] = {
    "case_number": {"type": "string", "minLength": 1, "maxLength": 64,
                    "examples": ["（2026）沪0101民初1234号", "(2026)沪0101民初1234号"],
                    "description": "URL-encoded; half- or full-width parentheses"},
    "ticket_id": {"type": "string", "pattern": r"^GD\d{8}-\d{6,9}$",
                  "examples": ["GD20261130-000001"]},
    "staff_id": {"type": "string", "pattern": r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$",
                 "examples": ["HP-J01"]},
    "year": {"type": "string", "pattern": r"^\d{4}$", "examples": ["2026"]},
}


def _parameters(spec: RouteSpec, schemas: _Schemas) -> list[dict[str, Any]]:
    params: list[dict[str, Any]] = [
        {"name": name, "in": "path", "required": True,
         "schema": _PATH_PARAMETERS.get(name, {"type": "string"})}
        for name in re.findall(r"{(\w+)}", spec.path)
    ]
    if spec.query is not None:
        schema = schemas.components[spec.query.__name__]
        required = set(schema.get("required", []))
        for name, prop in schema.get("properties", {}).items():
            params.append({"name": name, "in": "query", "required": name in required,
                           "schema": prop})
    for header in spec.headers:
        params.append({"name": header, "in": "header", "required": False,
                       "description": _HEADER_DOCS.get(header, ""),
                       "schema": {"type": "string", "minLength": 1, "maxLength": 128}})
    return params


def _responses(spec: RouteSpec, schemas: _Schemas) -> dict[str, Any]:
    ok_schema = schemas.ref(spec.response) if spec.response else {"type": "object"}
    responses: dict[str, Any] = {}
    for status in (spec.status, *spec.alt_statuses):
        text = "Created" if status == 201 else "OK"
        content = (_json(ok_schema) if spec.response_content_type == "application/json"
                   else {spec.response_content_type: {"schema": {"type": "string"}}})
        responses[str(status)] = {"description": text, "content": content}
    for status in sorted({*spec.errors, 400}):
        responses[str(status)] = {"description": _ERROR_TEXT.get(status, "Error"),
                                  "content": _json(schemas.ref(ErrorBody))}
    return responses


def _operation(spec: RouteSpec, schemas: _Schemas) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "operationId": re.sub(r"\W+", "_", f"{spec.method.lower()}{spec.path}").strip("_"),
        "summary": spec.summary,
        "tags": list(spec.tags),
        "parameters": _parameters(spec, schemas),
        "responses": _responses(spec, schemas),
    }
    if spec.description:
        operation["description"] = spec.description
    if spec.body is not None:
        body = schemas.ref(spec.body, "validation")
        operation["requestBody"] = {"required": True, "content": _json(body)}
    if spec.auth is Auth.TOKEN:
        operation["security"] = [{"bearer": []}]
    elif spec.headers and "X-Query-Code" in spec.headers:
        operation["security"] = [{"bearer": []}, {"queryCode": []}]
    if spec.roles:
        operation["x-roles"] = sorted(role.value for role in spec.roles)
    return operation


@cache
def document() -> dict[str, Any]:
    schemas = _Schemas()
    paths: dict[str, dict[str, Any]] = {}
    for spec in ROUTES:
        paths.setdefault(spec.path, {})[spec.method.lower()] = _operation(spec, schemas)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Court self-service API (12368)",
            "version": __version__,
            "description": "Case inquiry, consultation and contacting the judge. "
                           "Errors share one shape; see ErrorBody.",
        },
        "paths": paths,
        "components": {
            "schemas": schemas.components,
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"},
                "queryCode": {"type": "apiKey", "in": "header", "name": "X-Query-Code"},
            },
        },
    }
