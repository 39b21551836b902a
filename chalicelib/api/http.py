"""One way to declare an endpoint: parsing, authentication, errors and OpenAPI together.

Every route is declared with `endpoint()`. The wrapper it builds, shared by all views:

* rejects bodies over 64 KiB (413) and parses JSON bodies and query strings strictly into
  the declared pydantic models (400 ``VALIDATION_ERROR`` with details otherwise);
* verifies a bearer token when one is sent, and requires one (401) or a role (403) when
  the endpoint says so;
* calls the view with a `Call`, and serialises what it returns;
* maps every `DomainError` to the contract's error shape, and anything unexpected to a
  logged 500 without a stack trace.

The same declaration feeds `GET /v1/openapi.json`, so the document cannot drift from
what the code validates.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from chalice.app import Blueprint, Request, Response
from pydantic import BaseModel, ValidationError

from chalicelib.api.authorization import Auth, access_of
from chalicelib.api.errors import (
    REQUEST_ID,
    InternalError,
    PayloadTooLarge,
    error_response,
    json_response,
    validation_failed,
)
from chalicelib.bootstrap import container
from chalicelib.domain.access import Principal, Role
from chalicelib.domain.case_number import canonicalise
from chalicelib.domain.errors import DomainError, Forbidden, Problem, Unauthenticated
from chalicelib.domain.errors import ValidationFailed as Invalid
from chalicelib.observability import logger

MAX_BODY_BYTES = 64 * 1024


@dataclass(frozen=True)
class Limit:
    """The rate-limit rule of a route (chalicelib.domain.rate_limits), applied per client
    address and, with ``target``, per value of that path parameter as well."""

    rule: str
    target: str | None = None
    anonymous_only: bool = False  # token holders are not counted (e.g. case lookups)


@dataclass(frozen=True)
class Call:
    """What a view gets: validated input and who is calling."""

    request_id: str
    principal: Principal | None
    body: Any
    query: Any
    headers: Mapping[str, str]
    client_ip: str

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


@dataclass(frozen=True)
class Reply:
    body: BaseModel | dict[str, Any] | None
    status: int = 200
    headers: dict[str, str | list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class RouteSpec:
    """An endpoint's declaration, as the OpenAPI builder reads it."""

    path: str
    method: str
    summary: str
    tags: tuple[str, ...]
    auth: Auth
    roles: frozenset[Role] | None
    body: type[BaseModel] | None
    query: type[BaseModel] | None
    response: type[BaseModel] | None
    status: int
    errors: tuple[int, ...]
    headers: tuple[str, ...]
    description: str = ""
    alt_statuses: tuple[int, ...] = ()
    response_content_type: str = "application/json"
    guard: Callable[[Mapping[str, str]], None] | None = None
    limit: Limit | None = None


ROUTES: list[RouteSpec] = []

View = Callable[..., Reply | BaseModel | dict[str, Any] | Response]


def endpoint(
    bp: Blueprint,
    path: str,
    *,
    method: str = "GET",
    summary: str,
    tags: tuple[str, ...],
    body: type[BaseModel] | None = None,
    query: type[BaseModel] | None = None,
    response: type[BaseModel] | None = None,
    status: int = 200,
    alt_statuses: tuple[int, ...] = (),
    errors: tuple[int, ...] = (),
    headers: tuple[str, ...] = (),
    description: str = "",
    guard: Callable[[Mapping[str, str]], None] | None = None,
    limit: Limit | None = None,
    response_content_type: str = "application/json",
) -> Callable[[View], View]:
    """Declare a route on ``bp``; see the module docstring for what the wrapper does.

    Who may call it comes from the authorization matrix (`chalicelib.api.authorization`).
    ``guard`` checks the (lower-cased) headers before anything else, e.g. a webhook secret.
    """
    access = access_of(method, path)
    spec = RouteSpec(path, method, summary, tags, access.auth, access.roles,
                     body, query, response, status, errors, headers, description, alt_statuses,
                     guard=guard, limit=limit, response_content_type=response_content_type)
    ROUTES.append(spec)

    def register(view: View) -> View:
        def wrapper(**params: str) -> Response:
            request = bp.current_request
            try:
                arguments = {k: unquote(v) for k, v in params.items()}
                call = _prepare(spec, request, arguments)
                result = view(call, **arguments)
                return _render(result, spec.status)
            except DomainError as error:
                return error_response(error)
            except Exception:
                logger.exception("unhandled error", extra={"route": spec.path})
                return error_response(InternalError())

        wrapper.__name__ = view.__name__
        wrapper.__doc__ = view.__doc__
        bp.route(path, methods=[method])(wrapper)
        return view

    return register


def _prepare(spec: RouteSpec, request: Request, arguments: Mapping[str, str]) -> Call:
    headers = {k.lower(): v for k, v in (request.headers or {}).items()}
    if spec.guard is not None:
        spec.guard(headers)
    principal = _authenticate(spec, headers.get("authorization"))
    identity = (request.context or {}).get("identity") or {}
    client = str(identity.get("sourceIp") or "unknown")
    if spec.limit is not None and not (spec.limit.anonymous_only and principal is not None):
        _rate_limit(spec.limit, client, arguments)
    body = _parse_body(spec.body, request) if spec.body is not None else None
    query = _parse_query(spec.query, request.query_params) if spec.query is not None else None
    return Call(REQUEST_ID.get(), principal, body, query, headers, client)


def _rate_limit(limit: Limit, client: str, arguments: Mapping[str, str]) -> None:
    target = arguments.get(limit.target) if limit.target else None
    if target is not None and limit.target == "case_number":
        with contextlib.suppress(DomainError):  # all spellings count toward one target
            target = canonicalise(target)
    container().limits.check(limit.rule, client, target)


def _authenticate(spec: RouteSpec, authorization: str | None) -> Principal | None:
    principal = None
    if authorization:
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthenticated("请使用 Bearer 登录凭证。")
        principal = container().tokens.verify(token.strip())
    if spec.auth is Auth.TOKEN and principal is None:
        raise Unauthenticated("请您先登录。")
    if spec.roles is not None and principal is not None and principal.role not in spec.roles:
        raise Forbidden()
    return principal


def _parse_body(model: type[BaseModel], request: Request) -> BaseModel:
    raw = request.raw_body or b""
    if len(raw) > MAX_BODY_BYTES:
        raise PayloadTooLarge()
    if not raw.strip():
        raise Invalid(details=[Problem("body", "请求体不能为空，应为 JSON 对象")])
    try:
        return model.model_validate_json(raw)
    except ValidationError as error:
        raise validation_failed(error) from None


def _parse_query(model: type[BaseModel], params: Mapping[str, str] | None) -> BaseModel:
    values = dict(params or {})
    try:
        return model.model_validate(values)
    except ValidationError as error:
        raise validation_failed(error) from None


def _render(result: Reply | BaseModel | dict[str, Any] | Response, status: int) -> Response:
    if isinstance(result, Response):  # a view that is not JSON (e.g. an SVG chart)
        return result
    reply = result if isinstance(result, Reply) else Reply(result, status)
    body = reply.body
    if body is None:
        return Response(body="", status_code=reply.status, headers=dict(reply.headers))
    # Optional fields a view did not set are left out (e.g. phones in a query-code view).
    text = (body.model_dump_json(exclude_unset=True, by_alias=True)
            if isinstance(body, BaseModel) else body)
    return json_response(text, reply.status, reply.headers)
