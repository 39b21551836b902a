"""A party or lawyer looks up their case, over HTTP against the running local stack."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest

from tests.e2e.conftest import Stack
from tests.support import admin, bearer, case_payload, json_body, judge_payload, mint, party

pytestmark = pytest.mark.e2e
DEMO_PHONE = "13812345678"


def test_health_and_request_ids(stack: Stack) -> None:
    response = stack.request("GET", "/v1/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.headers["X-Request-Id"]


def test_the_printed_demo_lookup_works(stack: Stack) -> None:
    demo = stack.cases[0]
    response = stack.request("GET", f"/v1/cases/{quote(demo.case_number)}",
                             headers={"X-Query-Code": demo.query_code})
    assert response.status_code == 200
    body = response.json()
    assert body["case_number"] == demo.case_number
    assert body["access"] == "query_code"
    assert all("*" in p["name"] or p["name"].endswith("公司") for p in body["parties"])
    assert response.headers["Content-Type"].startswith("application/json")
    assert "李*" in response.content.decode("utf-8")  # UTF-8, not \\u escapes


def test_a_demo_party_signs_in_and_lists_their_cases(stack: Stack) -> None:
    headers = party("+86" + DEMO_PHONE)
    listed = stack.request("GET", "/v1/me/cases?limit=2", headers=headers)
    assert listed.status_code == 200
    page = listed.json()
    assert len(page["items"]) == 2
    dates = [item["filed_on"] for item in page["items"]]
    assert dates == sorted(dates, reverse=True)
    rest = stack.request("GET", f"/v1/me/cases?next_token={page['next_token']}", headers=headers)
    numbers = {c["case_number"] for c in page["items"] + rest.json()["items"]}
    expected = {c.case_number for c in stack.cases if "+86" + DEMO_PHONE in
                {p if p.startswith("+") else "+86" + p for p in c.party_phones}}
    assert numbers == expected
    mine = stack.request("GET", f"/v1/cases/{quote(page['items'][0]['case_number'])}",
                         headers=headers)
    assert mine.json()["access"] == "party"


def test_admin_syncs_a_case_and_a_party_reads_it(stack: Stack) -> None:
    number = "（2026）沪0101民初7777号"
    staff = stack.request("PUT", "/v1/admin/staff/E2E-J1", data=json_body(judge_payload()),
                          headers={**admin(), "Content-Type": "application/json"})
    assert staff.status_code in (200, 201)
    payload = case_payload(judge_id="E2E-J1", clerk_id=None)
    synced = stack.request("PUT", f"/v1/admin/cases/{quote(number)}", data=json_body(payload),
                           headers={**admin(), "Content-Type": "application/json"})
    assert synced.status_code in (200, 201), synced.text
    staff_view = stack.request("GET", f"/v1/cases/{quote(number)}",
                               headers=bearer(mint("judge", "E2E-J1", court="沪0101")))
    assert staff_view.json()["parties"][0]["phone"] == "+8613812345678"
    party_view = stack.request("GET", f"/v1/cases/{quote('(2026)沪0101民初7777号')}",
                               headers=party("+8613987654321"))
    assert party_view.status_code == 200
    assert party_view.json()["parties"][0]["phone"] == "138****5678"


def test_query_code_brute_force_is_locked_out(stack: Stack) -> None:
    demo = stack.cases[1]
    path = f"/v1/cases/{quote(demo.case_number)}"
    statuses = [stack.request("GET", path, headers={"X-Query-Code": f"WRONG{i:03d}"}).status_code
                for i in range(5)]
    assert statuses == [404] * 5
    locked = stack.request("GET", path, headers={"X-Query-Code": demo.query_code})
    assert locked.status_code == 423
    assert int(locked.headers["Retry-After"]) > 800
    assert locked.json()["error"]["code"] == "LOCKED"


@pytest.mark.parametrize(("method", "path", "body", "status", "code"), [
    ("GET", "/v1/cases/%E6%B2%AA", None, 400, "INVALID_CASE_NUMBER"),
    ("GET", f"/v1/cases/{quote('（2026）沪0101民初1234号')}", None, 401, "UNAUTHENTICATED"),
    ("PUT", f"/v1/admin/cases/{quote('（2026）沪0101民初1234号')}", "{", 400, "VALIDATION_ERROR"),
    ("DELETE", "/v1/health", None, 405, "METHOD_NOT_ALLOWED"),
])
def test_errors_have_the_contract_shape(stack: Stack, method: str, path: str, body: str | None,
                                        status: int, code: str) -> None:
    response = stack.request(method, path, data=body,
                             headers={**admin(), "Content-Type": "application/json"}
                             if method == "PUT" else {})
    assert response.status_code == status
    error = response.json()["error"]
    assert error["code"] == code
    assert error["request_id"] == response.headers["X-Request-Id"]
    assert error["message"]


def test_the_openapi_document_is_served(stack: Stack) -> None:
    document = stack.request("GET", "/v1/openapi.json").json()
    assert document["openapi"].startswith("3.")
    assert "/v1/cases/{case_number}" in document["paths"]


def test_no_phone_reaches_the_api_log(stack: Stack) -> None:
    log = (stack.logs / "api.log").read_text(encoding="utf-8")
    lines = [json.loads(line) for line in log.splitlines() if line.startswith("{")]
    assert lines, "the API wrote no JSON log lines"
    assert "13812345678" not in log
    assert "13987654321" not in log
