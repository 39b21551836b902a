"""Staff directory, health, OpenAPI, and the error contract shared by every route."""

from __future__ import annotations

import io
import json
import logging
from typing import Any
from urllib.parse import quote

import pytest
from chalice.test import Client
from openapi_spec_validator import validate

from tests.support import (
    CASE,
    PLAINTIFF_ID,
    admin,
    bearer,
    case_payload,
    json_body,
    judge_payload,
    mint,
)

JSON = {"Content-Type": "application/json"}


def put_staff(api: Client, staff_id: str, payload: dict[str, Any],
              headers: dict[str, str] | None = None) -> Any:
    return api.http.put(f"/v1/admin/staff/{staff_id}", body=json_body(payload),
                        headers={**(admin() if headers is None else headers), **JSON})


def test_staff_upsert_creates_then_updates(api: Client) -> None:
    created = put_staff(api, "J100", judge_payload())
    assert created.status_code == 201
    assert created.json_body["court_name"] == "上海市黄浦区人民法院"
    assert created.json_body["phone"] == "+8613900000001"
    updated = put_staff(api, "J100", judge_payload(name="王大法官"))
    assert updated.status_code == 200
    assert updated.json_body["name"] == "王大法官"


def test_staff_supervisor_must_exist_in_the_same_court(api: Client) -> None:
    head = {**judge_payload(), "role": "division_head", "name": "庭长"}
    assert put_staff(api, "H1", head).status_code == 201
    ok = put_staff(api, "J2", {**judge_payload(), "supervisor_id": "H1"})
    assert ok.status_code == 201
    for supervisor in ("NOBODY", "J2"):
        response = put_staff(api, "J2", {**judge_payload(), "supervisor_id": supervisor})
        assert response.status_code == 400
        assert response.json_body["error"]["details"][0]["field"] == "supervisor_id"


def test_staff_of_another_court_cannot_be_taken_over(api: Client) -> None:
    assert put_staff(api, "J7", judge_payload(court="沪0104"),
                     headers=admin("沪0104")).status_code == 201
    moved = put_staff(api, "J7", judge_payload(court="沪0101"))
    assert moved.status_code == 403


@pytest.mark.parametrize("staff_id", ["has space", "x" * 65, "中文"])
def test_staff_ids_are_validated(api: Client, staff_id: str) -> None:
    response = put_staff(api, quote(staff_id), judge_payload())
    assert response.status_code == 400
    assert response.json_body["error"]["details"][0]["field"] == "staff_id"


def test_staff_routes_need_an_admin(api: Client) -> None:
    assert put_staff(api, "J1", judge_payload(), headers={}).status_code == 401
    agent = bearer(mint("agent", "AG", court="沪0101"))
    assert put_staff(api, "J1", judge_payload(), headers=agent).status_code == 403


def test_health_answers_without_touching_the_network(api: Client) -> None:
    response = api.http.get("/v1/health")
    assert response.status_code == 200
    assert response.json_body["status"] == "ok"
    assert response.headers["X-Request-Id"]


def test_openapi_document_is_valid_and_covers_every_route(api: Client) -> None:
    from app import app

    document = api.http.get("/v1/openapi.json").json_body
    validate(document)
    declared = {(path, method.lower()) for path, methods in app.routes.items()
                for method in methods}
    documented = {(path, method) for path, ops in document["paths"].items() for method in ops}
    assert declared == documented
    case_get = document["paths"]["/v1/cases/{case_number}"]["get"]
    assert {"200", "400", "401", "403", "404", "423"} <= set(case_get["responses"])


def test_method_not_allowed_uses_the_contract_error_shape(api: Client) -> None:
    response = api.http.delete("/v1/health")
    assert response.status_code == 405
    body = json.loads(response.body)
    assert body["error"]["code"] == "METHOD_NOT_ALLOWED"
    assert body["error"]["request_id"] == response.headers["X-Request-Id"]


def test_unexpected_errors_are_500_without_a_stack_trace(api: Client, mocker: Any) -> None:
    from chalicelib import bootstrap

    mocker.patch.object(bootstrap.container().cases, "view",
                        side_effect=RuntimeError("boom +8613812345678"))
    response = api.http.get(f"/v1/cases/{quote(CASE)}", headers={"X-Query-Code": "ABCD1234"})
    assert response.status_code == 500
    body = response.body.decode()
    assert "boom" not in body
    assert "Traceback" not in body
    assert json.loads(body)["error"]["code"] == "INTERNAL_ERROR"


@pytest.fixture
def log_output() -> Any:
    """Everything the service's log handler writes, as text."""
    from chalicelib.observability import logger

    handler = logger.handlers[0]
    assert isinstance(handler, logging.StreamHandler)
    buffer = io.StringIO()
    previous = handler.setStream(buffer)
    yield buffer
    handler.setStream(previous)


def test_no_phone_or_id_number_reaches_the_logs(api: Client, mocker: Any,
                                                log_output: io.StringIO) -> None:
    from chalicelib import bootstrap
    from chalicelib.observability import logger

    put_staff(api, "J001", judge_payload())
    put_staff(api, "C001", {**judge_payload(), "role": "clerk"})
    api.http.put(f"/v1/admin/cases/{quote(CASE)}", body=json_body(case_payload()),
                 headers={**admin(), **JSON})
    logger.info("caller 13812345678 with id %s", PLAINTIFF_ID,
                extra={"phone": "+86 138-1234-5678", "id": PLAINTIFF_ID.lower()})
    mocker.patch.object(bootstrap.container().cases, "view",
                        side_effect=ValueError(f"party 13812345678 id {PLAINTIFF_ID}"))
    api.http.get(f"/v1/cases/{quote(CASE)}", headers={"X-Query-Code": "ABCD1234"})
    logging.getLogger("court-selfservice").error("chalice saw +8613812345678")
    text = log_output.getvalue()
    assert "138****5678" in text  # the lines were written, masked
    for secret in ("13812345678", "1234-5678", PLAINTIFF_ID, PLAINTIFF_ID.lower()):
        assert secret not in text


def test_rate_limits_answer_429_with_retry_after(aws: Any) -> None:
    from chalice.test import Client as TestClient

    from app import app
    from chalicelib import bootstrap
    from tests.fakes import FixedClock
    from tests.support import NOW, ROOT, local_settings

    settings = local_settings(RATE_LIMITS='{"case_lookup": {"per_client": 3}, '
                                          '"otp": {"per_client": 2}}')
    clock = FixedClock(NOW)
    bootstrap.use(bootstrap.Container.build(settings, clock=clock))
    try:
        with TestClient(app, stage_name="local", project_dir=str(ROOT)) as api:
            lookups = [api.http.get(f"/v1/cases/{quote(CASE)}",
                                    headers={"X-Query-Code": "ABCD1234"}).status_code
                       for _ in range(4)]
            assert lookups == [404, 404, 404, 429]
            judge = bearer(mint("judge", "J1", court="沪0101"))
            signed_in = api.http.get(f"/v1/cases/{quote(CASE)}", headers=judge)
            assert signed_in.status_code == 404  # token holders are not counted
            refused = api.http.get(f"/v1/cases/{quote(CASE)}",
                                   headers={"X-Query-Code": "ABCD1234"})
            assert refused.json_body["error"]["code"] == "RATE_LIMITED"
            assert 1 <= int(refused.headers["Retry-After"]) <= 60
            clock.advance(minutes=1)
            assert api.http.get(f"/v1/cases/{quote(CASE)}",
                                headers={"X-Query-Code": "ABCD1234"}).status_code == 404
    finally:
        bootstrap.use(None)
