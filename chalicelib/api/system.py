"""Health and the OpenAPI document."""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint

from chalicelib import __version__
from chalicelib.api.http import Call, Reply, endpoint
from chalicelib.schemas.common import Health

bp = Blueprint(__name__)


@endpoint(bp, "/v1/health", summary="Liveness check (no network calls)", tags=("system",),
          response=Health)
def health(call: Call) -> Health:
    return Health(status="ok", version=__version__)


@endpoint(bp, "/v1/openapi.json", summary="This API's OpenAPI 3.1 document", tags=("system",))
def openapi(call: Call) -> Reply:
    from chalicelib.api.openapi import document

    body: dict[str, Any] = document()
    return Reply(body)
