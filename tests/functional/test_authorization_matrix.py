"""Every route, called as every kind of caller, answers what the authorization matrix says.

Each cell gets a fresh world (in-memory adapters behind the real app): the scenario that
`chalicelib/api/authorization.py` describes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import pytest
from chalice.test import Client

from app import app
from chalicelib import bootstrap
from chalicelib.api.authorization import MATRIX, Actor
from chalicelib.domain.access import Principal, Role
from chalicelib.schemas.cases import CaseSyncIn
from chalicelib.schemas.tickets import CallbackIn, ReplyIn
from tests.fakes import FixedClock, fake_adapters
from tests.support import (
    CASE,
    NOW,
    PLAINTIFF_PHONE,
    QUERY_CODE,
    ROOT,
    STRANGER_PHONE,
    agent_payload,
    bearer,
    case_payload,
    clerk_payload,
    json_body,
    judge_payload,
    local_settings,
    mint,
)

T1, T2 = "GD20261130-000001", "GD20261130-000002"
ACTORS: dict[Actor, dict[str, str]] = {
    Actor.ANONYMOUS: {},
    Actor.PARTY_ON_CASE: bearer(mint("party", "P", phone=PLAINTIFF_PHONE)),
    Actor.OTHER_PARTY: bearer(mint("party", "S", phone=STRANGER_PHONE)),
    Actor.QUERY_CODE_HOLDER: {"X-Query-Code": QUERY_CODE},
    Actor.AGENT: bearer(mint("agent", "AG1", court="沪")),
    Actor.JUDGE_OF_COURT: bearer(mint("judge", "J001", court="沪0101")),
    Actor.JUDGE_OF_OTHER_COURT: bearer(mint("judge", "J9", court="沪0104")),
    Actor.ADMIN: bearer(mint("admin", "A1", court="沪")),
}


@dataclass(frozen=True)
class Call:
    path: str
    body: Any = None
    query: str = ""


CASE_PATH = quote(CASE)
CALLS: dict[tuple[str, str], Call] = {
    ("GET", "/v1/health"): Call("/v1/health"),
    ("GET", "/v1/openapi.json"): Call("/v1/openapi.json"),
    ("GET", "/v1/cases/{case_number}"): Call(f"/v1/cases/{CASE_PATH}"),
    ("GET", "/v1/me/cases"): Call("/v1/me/cases"),
    ("PUT", "/v1/admin/cases/{case_number}"): Call(f"/v1/admin/cases/{CASE_PATH}",
                                                   case_payload()),
    ("PUT", "/v1/admin/staff/{staff_id}"): Call("/v1/admin/staff/J900", judge_payload()),
    ("POST", "/v1/cases/{case_number}/callback-requests"): Call(
        f"/v1/cases/{CASE_PATH}/callback-requests",
        {"phone": "13812345678", "message": "请法官回电"}),
    ("POST", "/v1/tickets"): Call("/v1/tickets", {
        "category": "CASE_INQUIRY", "channel": "HOTLINE", "caller": {"name": "来电人"},
        "summary": "查询进度", "case_number": CASE, "answered_on_spot": True}),
    ("GET", "/v1/tickets"): Call("/v1/tickets", query="?assignee=me"),
    ("GET", "/v1/tickets/{ticket_id}"): Call(f"/v1/tickets/{T1}"),
    ("POST", "/v1/tickets/{ticket_id}/dispatch"): Call(f"/v1/tickets/{T1}/dispatch",
                                                       {"assignee_id": "C001"}),
    ("POST", "/v1/tickets/{ticket_id}/reply"): Call(f"/v1/tickets/{T1}/reply",
                                                    {"result": "CALLED_BACK", "note": "已回电"}),
    ("POST", "/v1/tickets/{ticket_id}/rating"): Call(f"/v1/tickets/{T2}/rating", {"score": 1}),
    ("GET", "/v1/calendar/{year}"): Call("/v1/calendar/2026"),
    ("PUT", "/v1/admin/calendar/{year}"): Call("/v1/admin/calendar/2027",
                                               {"holidays": ["2027-01-01"], "workdays": []}),
    ("POST", "/v1/sms/inbound"): Call("/v1/sms/inbound", {
        "from": "13812345678", "text": "1", "received_at": "2026-11-30T10:00:00+08:00"}),
    ("POST", "/v1/calculators/litigation-fee"): Call("/v1/calculators/litigation-fee",
                                                     {"kind": "PROPERTY", "amount": "100000"}),
    ("POST", "/v1/calculators/deadline"): Call("/v1/calculators/deadline",
                                               {"kind": "APPEAL_JUDGMENT",
                                                "start_date": "2026-09-20"}),
    ("GET", "/v1/stats/daily"): Call("/v1/stats/daily",
                                     query="?date=2026-11-30&court=" + quote("沪0101")),
    ("GET", "/v1/stats/daily.svg"): Call(
        "/v1/stats/daily.svg", query="?from=2026-11-01&to=2026-11-30&court=" + quote("沪0101")),
    ("GET", "/v1/stats/agents"): Call("/v1/stats/agents",
                                      query="?month=2026-11&court=" + quote("沪0101")),
    ("PUT", "/v1/admin/agents/{agent_id}/mentor-score"): Call(
        "/v1/admin/agents/H001/mentor-score", {"month": "2026-11", "score": 90}),
    ("POST", "/v1/auth/otp"): Call("/v1/auth/otp", {"phone": "13812345678"}),
    ("POST", "/v1/auth/token"): Call("/v1/auth/token",
                                     {"phone": "13812345678", "code": "000000"}),
}


@pytest.fixture
def world() -> Iterator[Client]:
    """The matrix's standard scenario, on in-memory adapters."""
    container = bootstrap.Container.build(local_settings(), clock=FixedClock(NOW),
                                          adapters=fake_adapters())
    admin = Principal("A1", Role.ADMIN, court="沪")
    for staff_id, payload in (("J001", judge_payload()), ("C001", clerk_payload()),
                              ("H001", agent_payload())):
        from chalicelib.schemas.staff import StaffIn

        container.staff.upsert(staff_id, StaffIn.model_validate_json(json_body(payload)), admin)
    container.cases.sync(CASE, CaseSyncIn.model_validate_json(json_body(case_payload())), admin)
    party = Principal("P", Role.PARTY, phone=PLAINTIFF_PHONE)
    ask = CallbackIn.model_validate_json(json.dumps({"phone": "13812345678", "message": "回电"}))
    for _ in (T1, T2):
        container.tickets.request_callback(CASE, ask, party, None, "seed", None)
    judge = Principal("J001", Role.JUDGE, court="沪0101")
    container.tickets.reply(T2, ReplyIn.model_validate_json(
        '{"result": "CALLED_BACK", "note": "已回电"}'), judge)
    bootstrap.use(container)
    with Client(app, stage_name="local", project_dir=str(ROOT)) as client:
        yield client
    bootstrap.use(None)


def test_every_route_has_an_entry_and_a_call() -> None:
    routes = {(method, path) for path, methods in app.routes.items() for method in methods}
    assert routes == set(MATRIX)
    assert set(CALLS) == set(MATRIX)


CELLS = [(route, actor) for route in MATRIX for actor in Actor]


@pytest.mark.parametrize(("route", "actor"), CELLS,
                         ids=[f"{m} {p} as {a.value}" for (m, p), a in CELLS])
def test_the_matrix(world: Client, route: tuple[str, str], actor: Actor) -> None:
    method, _ = route
    call = CALLS[route]
    headers = dict(ACTORS[actor])
    body = b""
    if call.body is not None:
        headers["Content-Type"] = "application/json"
        body = json_body(call.body).encode()
    response = world.http.request(method, call.path + call.query, headers=headers, body=body)
    assert response.status_code == MATRIX[route].expect[actor], response.body.decode()


def test_the_documented_matrix_is_current() -> None:
    from devtools.authorization_table import DOC, render

    assert DOC.read_text(encoding="utf-8") == render(), (
        "docs/authorization.md is stale: run python -m devtools.authorization_table")
