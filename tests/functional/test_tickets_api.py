"""Contacting the judge, tickets and the calendar over the routes (moto in-process)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from urllib.parse import quote

import pytest
from chalice.test import Client

from tests.fakes import FixedClock
from tests.functional.conftest import dynamodb_calls
from tests.support import (
    CASE,
    PLAINTIFF_PHONE,
    QUERY_CODE,
    admin,
    bearer,
    case_payload,
    json_body,
    mint,
    party,
)

JSON = {"Content-Type": "application/json"}
JUDGE = bearer(mint("judge", "J001", court="沪0101"))
AGENT = bearer(mint("agent", "AG1", court="沪", name="李座席"))
CALLBACK = {"phone": "13812345678", "message": "想了解开庭前要准备什么",
            "preferred_time": "工作日下午"}


@pytest.fixture
def synced(staffed: Client) -> Client:
    response = staffed.http.put(f"/v1/admin/cases/{quote(CASE)}",
                                body=json_body(case_payload()), headers={**admin(), **JSON})
    assert response.status_code == 201
    return staffed


def post(api: Client, path: str, body: Any, headers: dict[str, str]) -> Any:
    return api.http.post(path, body=json_body(body), headers={**headers, **JSON})


def request_callback(api: Client, headers: dict[str, str] | None = None,
                     body: dict[str, Any] | None = None) -> Any:
    return post(api, f"/v1/cases/{quote(CASE)}/callback-requests", body or CALLBACK,
                party() if headers is None else headers)


def error_code(response: Any) -> str:
    return str(json.loads(response.body)["error"]["code"])


def test_callback_request_creates_a_dispatched_ticket(synced: Client) -> None:
    response = request_callback(synced)
    assert response.status_code == 201
    ticket = response.json_body
    assert ticket["ticket_id"] == "GD20261130-000001"
    assert (ticket["status"], ticket["category"], ticket["assignee"]["id"]) == (
        "DISPATCHED", "CONTACT_JUDGE", "J001")
    assert ticket["due_at"] == "2026-12-02T23:59:59+08:00"
    assert ticket["due_at_provisional"] is False
    assert ticket["callback_phone"] == "138****5678"
    assert "elements" not in ticket


def test_callback_with_a_query_code_and_its_lockout(synced: Client) -> None:
    ok = request_callback(synced, {"X-Query-Code": QUERY_CODE})
    assert ok.status_code == 201
    for _ in range(5):
        assert request_callback(synced, {"X-Query-Code": "WRONG123"}).status_code == 404
    locked = request_callback(synced, {"X-Query-Code": QUERY_CODE})
    assert locked.status_code == 423
    assert error_code(locked) == "LOCKED"


def test_callback_needs_credentials_and_a_valid_body(synced: Client) -> None:
    assert request_callback(synced, {}).status_code == 401
    bad = request_callback(synced, body={"phone": "123", "message": ""})
    assert bad.status_code == 400
    fields = {d["field"] for d in json.loads(bad.body)["error"]["details"]}
    assert fields == {"phone", "message"}
    assert request_callback(synced, body={**CALLBACK, "extra": 1}).status_code == 400


def test_the_fourth_open_callback_is_rate_limited(synced: Client) -> None:
    for _ in range(3):
        assert request_callback(synced).status_code == 201
    refused = request_callback(synced)
    assert refused.status_code == 429
    assert error_code(refused) == "RATE_LIMITED"
    assert int(refused.headers["Retry-After"]) > 0


def test_idempotency_key_replays_and_refuses_reuse(synced: Client) -> None:
    key = {"Idempotency-Key": "app-7f3c-0001"}
    first = request_callback(synced, {**party(), **key})
    again = request_callback(synced, {**party(), **key})
    assert first.status_code == again.status_code == 201
    assert again.json_body == first.json_body
    reused = request_callback(synced, {**party(), **key}, {**CALLBACK, "message": "别的事"})
    assert reused.status_code == 409
    assert error_code(reused) == "IDEMPOTENCY_KEY_REUSED"
    other = request_callback(synced, {**party(), "Idempotency-Key": "app-7f3c-0002"})
    assert other.json_body["ticket_id"] == "GD20261130-000002"


def test_hotline_calls(synced: Client) -> None:
    on_spot = post(synced, "/v1/tickets", {
        "category": "CONSULTATION", "channel": "HOTLINE", "caller": {"name": "匿名"},
        "summary": "咨询诉讼费交纳方式", "answered_on_spot": True}, AGENT)
    assert on_spot.status_code == 201
    assert (on_spot.json_body["status"], on_spot.json_body["answered_on_spot"]) == (
        "CLOSED", True)
    dispatched = post(synced, "/v1/tickets", {
        "category": "CONTACT_JUDGE", "channel": "HOTLINE",
        "caller": {"name": "李四", "phone": "13812345678", "relation": "当事人"},
        "summary": "要求法官回电", "elements": {"case_number": "(2026)沪0101民初1234号"},
        "answered_on_spot": False}, AGENT)
    assert dispatched.status_code == 201
    assert dispatched.json_body["assignee"]["id"] == "J001"
    assert dispatched.json_body["elements"] == {"case_number": "(2026)沪0101民初1234号"}
    missing = post(synced, "/v1/tickets", {
        "category": "CONTACT_JUDGE", "channel": "HOTLINE", "caller": {"name": "李四"},
        "summary": "要求法官回电", "answered_on_spot": False}, AGENT)
    assert missing.status_code == 400
    assert "案号" in json.loads(missing.body)["error"]["message"]
    assert post(synced, "/v1/tickets", {}, JUDGE).status_code == 403


def test_the_whole_life_of_a_callback_over_the_routes(synced: Client) -> None:
    ticket_id = request_callback(synced).json_body["ticket_id"]
    worklist = synced.http.get("/v1/tickets?assignee=me&status=DISPATCHED", headers=JUDGE)
    assert [x["ticket_id"] for x in worklist.json_body["items"]] == [ticket_id]
    replied = post(synced, f"/v1/tickets/{ticket_id}/reply",
                   {"result": "CALLED_BACK", "note": "已电话告知"}, JUDGE)
    assert replied.status_code == 200
    assert replied.json_body["status"] == "REPLIED"
    rated = post(synced, f"/v1/tickets/{ticket_id}/rating", {"score": 1}, party())
    assert rated.status_code == 200
    assert (rated.json_body["status"], rated.json_body["rating"]["label"]) == ("CLOSED", "满意")
    twice = post(synced, f"/v1/tickets/{ticket_id}/rating", {"score": 2}, party())
    assert twice.status_code == 409
    assert error_code(twice) == "INVALID_STATE"
    seen = synced.http.get(f"/v1/tickets/{ticket_id}", headers=party())
    assert [h["action"] for h in seen.json_body["history"]] == [
        "CREATED", "DISPATCHED", "REPLIED", "RATED"]


@pytest.mark.parametrize(("path", "body", "who", "status"), [
    ("reply", {"result": "CALLED_BACK", "note": "x"}, "agent", 403),  # not the assignee
    ("reply", {"result": "SHRUG", "note": "x"}, "judge", 400),
    ("rating", {"score": 1}, "judge", 403),  # staff cannot rate
    ("rating", {"score": 1}, "party", 409),  # not replied yet
    ("rating", {"score": 5}, "party", 400),
    ("dispatch", {"assignee_id": "NOBODY"}, "agent", 400),
    ("dispatch", {"assignee_id": "J001"}, "agent", 409),  # already theirs
    ("dispatch", {"assignee_id": "C001"}, "judge", 403),
])
def test_refused_transitions_over_the_routes(synced: Client, path: str, body: dict[str, Any],
                                             who: str, status: int) -> None:
    headers = {"agent": AGENT, "judge": JUDGE, "party": party()}[who]
    ticket_id = request_callback(synced).json_body["ticket_id"]
    assert post(synced, f"/v1/tickets/{ticket_id}/{path}", body, headers).status_code == status


def test_ticket_visibility(synced: Client) -> None:
    ticket_id = request_callback(synced).json_body["ticket_id"]
    assert synced.http.get(f"/v1/tickets/{ticket_id}").status_code == 401
    stranger = party("+8613700001111")
    assert synced.http.get(f"/v1/tickets/{ticket_id}", headers=stranger).status_code == 404
    other_court = bearer(mint("judge", "J9", court="沪0104"))
    assert synced.http.get(f"/v1/tickets/{ticket_id}", headers=other_court).status_code == 404
    staff_view = synced.http.get(f"/v1/tickets/{ticket_id}", headers=JUDGE).json_body
    assert staff_view["callback_phone"] == PLAINTIFF_PHONE
    assert synced.http.get("/v1/tickets/GD20261130-999999", headers=JUDGE).status_code == 404


def test_worklists_need_a_list_and_the_right_role(synced: Client) -> None:
    assert synced.http.get("/v1/tickets", headers=JUDGE).status_code == 400
    assert synced.http.get("/v1/tickets?overdue=true", headers=JUDGE).status_code == 403
    assert synced.http.get("/v1/tickets?assignee=me", headers=party()).status_code == 403
    assert synced.http.get("/v1/tickets?assignee=you", headers=JUDGE).status_code == 400
    court_admin = synced.http.get("/v1/tickets?overdue=true", headers=admin())
    assert court_admin.json_body == {"items": [], "next_token": None}


def test_the_scheduled_sweep_flags_then_escalates(synced: Client, clock: FixedClock) -> None:
    ticket_id = request_callback(synced).json_body["ticket_id"]
    clock.set(datetime(2026, 12, 3, 9, 0, tzinfo=clock.now().tzinfo))
    result = synced.lambda_.invoke("ticket-sweep", synced.events.generate_cw_event(
        source="aws.events", detail_type="Scheduled Event", detail={}, resources=[],
        region="cn-north-1"))
    assert result.payload == {"examined": 1, "overdue": 1, "escalated": 0}
    again = synced.lambda_.invoke("ticket-sweep", synced.events.generate_cw_event(
        source="aws.events", detail_type="Scheduled Event", detail={}, resources=[],
        region="cn-north-1"))
    assert again.payload["overdue"] == 0
    overdue = synced.http.get("/v1/tickets?overdue=true", headers=admin()).json_body["items"]
    assert [(x["ticket_id"], x["overdue"]) for x in overdue] == [(ticket_id, True)]


def test_calendar_publication_and_provisional_due_dates(synced: Client,
                                                        clock: FixedClock) -> None:
    clock.set(datetime(2026, 12, 31, 10, 0, tzinfo=clock.now().tzinfo))
    provisional = request_callback(synced).json_body
    assert (provisional["due_at"], provisional["due_at_provisional"]) == (
        "2027-01-04T23:59:59+08:00", True)
    assert synced.http.get("/v1/calendar/2027").json_body["source"] == "none"
    body = {"holidays": ["2027-01-01"], "workdays": []}
    assert synced.http.put("/v1/admin/calendar/2027", body=json_body(body),
                           headers={**admin(), **JSON}).status_code == 403  # a basic court
    published = synced.http.put("/v1/admin/calendar/2027", body=json_body(body),
                                headers={**admin("沪"), **JSON})
    assert published.status_code == 200
    assert synced.http.get("/v1/calendar/2027").json_body == {
        "year": 2027, "source": "published", "holidays": ["2027-01-01"], "workdays": []}
    confirmed = request_callback(synced).json_body
    assert (confirmed["due_at"], confirmed["due_at_provisional"]) == (
        "2027-01-05T23:59:59+08:00", False)
    bad = synced.http.put("/v1/admin/calendar/2027", headers={**admin("沪"), **JSON},
                          body=json_body({"holidays": ["2026-12-31"], "workdays": []}))
    assert bad.status_code == 400
    assert synced.http.get("/v1/calendar/2026").json_body["source"] == "chinesecalendar"
    assert synced.http.get("/v1/calendar/20x6").status_code == 400


def test_dynamodb_requests_per_ticket_route(synced: Client) -> None:
    """The figures quoted in docs/data-model.md, measured through botocore's hooks."""
    measured: dict[str, list[str]] = {}
    synced.http.get("/v1/calendar/2026")  # steady state: this year's calendar is cached

    def measure(name: str, action: Any) -> Any:
        with dynamodb_calls() as calls:
            response = action()
        assert response.status_code < 300, (name, response.body)
        measured[name] = list(calls)
        return response

    ticket_id = measure("callback (party token)", lambda: request_callback(synced)
                        ).json_body["ticket_id"]
    measure("callback (query code)", lambda: request_callback(
        synced, {"X-Query-Code": QUERY_CODE}, {**CALLBACK, "phone": "13987654321"}))
    measure("callback + Idempotency-Key", lambda: request_callback(
        synced, {**party(), "Idempotency-Key": "k1"}))
    measure("callback replayed", lambda: request_callback(
        synced, {**party(), "Idempotency-Key": "k1"}))
    measure("hotline call, on the spot", lambda: post(synced, "/v1/tickets", {
        "category": "CONSULTATION", "channel": "HOTLINE", "caller": {"name": "匿名"},
        "summary": "咨询", "answered_on_spot": True}, AGENT))
    measure("get ticket", lambda: synced.http.get(f"/v1/tickets/{ticket_id}", headers=JUDGE))
    measure("worklist", lambda: synced.http.get("/v1/tickets?assignee=me", headers=JUDGE))
    measure("overdue list", lambda: synced.http.get("/v1/tickets?overdue=true",
                                                    headers=admin()))
    measure("dispatch", lambda: post(synced, f"/v1/tickets/{ticket_id}/dispatch",
                                     {"assignee_id": "C001"}, AGENT))
    measure("reply", lambda: post(synced, f"/v1/tickets/{ticket_id}/reply",
                                  {"result": "CALLED_BACK", "note": "已回电"},
                                  bearer(mint("judge", "C001", court="沪0101"))))
    measure("rating", lambda: post(synced, f"/v1/tickets/{ticket_id}/rating", {"score": 1},
                                   party()))
    rate = ["UpdateItem", "UpdateItem"]  # rate counters: per client, per case number
    assert measured == {
        "callback (party token)": [*rate, "GetItem", "UpdateItem", "TransactWriteItems"],
        "callback (query code)": [*rate, "BatchGetItem", "UpdateItem", "TransactWriteItems"],
        "callback + Idempotency-Key": [*rate, "PutItem", "GetItem", "UpdateItem",
                                       "TransactWriteItems", "UpdateItem"],
        "callback replayed": [*rate, "PutItem"],  # refused put returns the stored response
        "hotline call, on the spot": ["UpdateItem", "TransactWriteItems"],
        "get ticket": ["GetItem"],
        "worklist": ["Query"],
        "overdue list": ["Query"],
        "dispatch": ["GetItem", "GetItem", "TransactWriteItems"],
        "reply": ["GetItem", "TransactWriteItems"],
        "rating": ["GetItem", "TransactWriteItems"],
    }
