"""Contacting the judge over HTTP: callback request -> judge's worklist -> reply -> rating."""

from __future__ import annotations

import json
import time
from urllib.parse import quote

import pytest

from chalicelib.domain.identity import parse_phone
from tests.e2e.conftest import Stack
from tests.support import bearer, mint, party

pytestmark = pytest.mark.e2e
JSON = {"Content-Type": "application/json"}


def test_callback_request_to_closed(stack: Stack) -> None:
    demo = next(c for c in stack.cases if c.case_number == "（2026）沪0110民初4321号")
    phone = parse_phone(demo.party_phones[0])
    caller = party(phone)
    body = json.dumps({"phone": phone, "message": "请问开庭需要带哪些材料？"}, ensure_ascii=False)
    created = stack.request(
        "POST", f"/v1/cases/{quote(demo.case_number)}/callback-requests",
        headers={**caller, **JSON, "Idempotency-Key": "e2e-callback-1"},
        data=body)
    assert created.status_code == 201, created.text
    ticket = created.json()
    assert ticket["status"] == "DISPATCHED"
    replay = stack.request(
        "POST", f"/v1/cases/{quote(demo.case_number)}/callback-requests",
        headers={**caller, **JSON, "Idempotency-Key": "e2e-callback-1"},
        data=body)
    assert replay.json()["ticket_id"] == ticket["ticket_id"]

    judge = bearer(mint("judge", ticket["assignee"]["id"], court="沪0110"))
    worklist = stack.request("GET", "/v1/tickets?assignee=me&status=DISPATCHED", headers=judge)
    assert ticket["ticket_id"] in [x["ticket_id"] for x in worklist.json()["items"]]

    replied = stack.request("POST", f"/v1/tickets/{ticket['ticket_id']}/reply",
                            headers={**judge, **JSON},
                            data=json.dumps({"result": "CALLED_BACK", "note": "已电话答复"}))
    assert replied.json()["status"] == "REPLIED"
    rated = stack.request("POST", f"/v1/tickets/{ticket['ticket_id']}/rating",
                          headers={**caller, **JSON}, data=json.dumps({"score": 1}))
    assert rated.status_code == 200
    assert rated.json()["status"] == "CLOSED"
    final = stack.request("GET", f"/v1/tickets/{ticket['ticket_id']}", headers=caller).json()
    assert [h["action"] for h in final["history"]] == ["CREATED", "DISPATCHED", "REPLIED",
                                                       "RATED"]


def test_the_worker_runs_the_scheduled_sweep(stack: Stack) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        log = (stack.logs / "worker.log").read_text(encoding="utf-8")
        if '"message":"ticket_sweep"' in log:
            break
        time.sleep(0.2)
    assert '"message":"ticket_sweep"' in log
    assert "handler failed" not in log
