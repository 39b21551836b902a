"""Case inquiry and case sync through the HTTP routes (chalice test client, moto in-process)."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

import pytest
from chalice.test import Client

from tests.fakes import FixedClock
from tests.functional.conftest import dynamodb_calls
from tests.support import (
    CASE,
    DEFENDANT_PHONE,
    PLAINTIFF_ID,
    PLAINTIFF_PHONE,
    QUERY_CODE,
    STRANGER_PHONE,
    admin,
    bearer,
    case_payload,
    json_body,
    judge_payload,
    mint,
    party,
)

JSON = {"Content-Type": "application/json"}


def put_case(api: Client, payload: dict[str, Any] | None = None, number: str = CASE,
             headers: dict[str, str] | None = None) -> Any:
    body = json_body(payload or case_payload())
    return api.http.put(f"/v1/admin/cases/{quote(number)}", body=body,
                        headers={**(admin() if headers is None else headers), **JSON})


def get_case(api: Client, number: str = CASE, **headers: str) -> Any:
    return api.http.get(f"/v1/cases/{quote(number)}", headers=headers)


def error_of(response: Any) -> dict[str, Any]:
    body = json.loads(response.body)
    assert set(body) == {"error"}
    assert body["error"]["request_id"] == response.headers["X-Request-Id"]
    return dict(body["error"])


@pytest.fixture
def synced(staffed: Client) -> Client:
    response = put_case(staffed)
    assert response.status_code == 201, response.body
    return staffed


# -- sync ------------------------------------------------------------------------------------


def test_sync_creates_then_replays_without_change(staffed: Client) -> None:
    created = put_case(staffed)
    assert created.status_code == 201
    body = created.json_body
    assert body["case_number"] == CASE
    assert body["court"] == {"code": "沪0101", "name": "上海市黄浦区人民法院"}
    assert body["case_type"] == {"code": "民初", "name": "民事一审案件"}
    assert body["judge"] == {"id": "J001", "name": "王法官"}
    assert body["trial_deadline"] == "2026-06-02"  # summary procedure: 3 months from filing
    assert [e["type"] for e in body["events"]] == ["HEARING_SCHEDULED", "JUDGE_ASSIGNED",
                                                   "CASE_FILED"]
    again = put_case(staffed)
    assert again.status_code == 200
    assert again.json_body["events"] == body["events"]


def test_sync_accepts_a_half_width_number_and_stores_it_canonically(staffed: Client) -> None:
    response = put_case(staffed, number="(2026)沪0101民初1234号")
    assert response.status_code == 201
    assert response.json_body["case_number"] == CASE


def test_a_changed_hearing_is_announced_and_kept_on_the_timeline(synced: Client,
                                                                 clock: FixedClock) -> None:
    clock.advance(hours=1)
    moved = case_payload(hearings=[{"starts_at": "2026-12-15T14:00:00+08:00",
                                    "courtroom": "第三法庭"}])
    response = put_case(synced, moved)
    assert response.status_code == 200
    events = response.json_body["events"]
    assert events[0]["type"] in ("HEARING_SCHEDULED", "HEARING_CANCELLED")
    labels = [e["label"] for e in events]
    assert "排定开庭：2026年12月15日 14:00，第三法庭" in labels
    assert "取消开庭：原定2026年12月8日 09:30，第十二法庭" in labels


def test_sync_requires_an_admin_of_the_court(staffed: Client) -> None:
    assert put_case(staffed, headers={}).status_code == 401
    judge = bearer(mint("judge", "J001", court="沪0101"))
    assert error_of(put_case(staffed, headers=judge))["code"] == "FORBIDDEN"
    other_court = bearer(mint("admin", "A2", court="沪0104"))
    assert put_case(staffed, headers=other_court).status_code == 403
    high_court = bearer(mint("admin", "A3", court="沪"))
    assert put_case(staffed, headers=high_court).status_code == 201


@pytest.mark.parametrize(("change", "field"), [
    ({"surprise": 1}, "surprise"),
    ({"status": "ARCHIVED"}, "status"),
    ({"filed_on": "2026/03/02"}, "filed_on"),
    ({"parties": []}, "parties"),
    ({"parties": [{"role": "原告", "name": "李四", "phone": "12345"}]}, "parties[0].phone"),
    ({"parties": [{"role": "原告", "name": "李四", "id_number": "110105194912310021"}]},
     "parties[0].id_number"),
    ({"parties": [{"role": "大王", "name": "李四"}]}, "parties[0].role"),
    ({"hearings": [{"starts_at": "2026-12-08T09:30:00", "courtroom": "一"}]},
     "hearings[0].starts_at"),
    ({"query_code": "短"}, "query_code"),
    ({"court_code": "沪0104"}, "court_code"),
    ({"filed_on": "2025-12-31"}, "filed_on"),
    ({"filed_on": "2026-12-01"}, "filed_on"),
    ({"status": "CLOSED"}, "closed_on"),
    ({"closed_on": "2026-01-01"}, "closed_on"),
    ({"judge_id": "NOBODY"}, "judge_id"),
    ({"judge_id": "C001"}, "judge_id"),
    ({"cause": 12}, "cause"),
    ({"procedure": None}, "procedure"),
])
def test_sync_refuses_bad_input_naming_the_field(staffed: Client, change: dict[str, Any],
                                                 field: str) -> None:
    response = put_case(staffed, case_payload(**change))
    assert response.status_code == 400, response.body
    error = error_of(response)
    assert error["code"] == "VALIDATION_ERROR"
    assert field in [d["field"] for d in error["details"]]
    assert get_case(staffed, **{"X-Query-Code": QUERY_CODE}).status_code == 404  # nothing written


def test_sync_refuses_a_malformed_case_number(staffed: Client) -> None:
    response = put_case(staffed, number="（2026）沪0101民X1234号")
    assert error_of(response)["code"] == "INVALID_CASE_NUMBER"
    assert response.status_code == 400


@pytest.mark.parametrize("body", ["", "not json", "[1, 2]", '{"court_code": '])
def test_non_json_bodies_are_validation_errors(staffed: Client, body: str) -> None:
    response = staffed.http.put(f"/v1/admin/cases/{quote(CASE)}", body=body,
                                headers={**admin(), **JSON})
    assert response.status_code == 400
    assert error_of(response)["code"] == "VALIDATION_ERROR"


def test_a_non_json_content_type_is_a_validation_error(staffed: Client) -> None:
    response = staffed.http.put(f"/v1/admin/cases/{quote(CASE)}", body="a=b",
                                headers={**admin(), "Content-Type": "text/plain"})
    assert response.status_code == 400
    assert error_of(response)["code"] == "VALIDATION_ERROR"


def test_bodies_over_64_kib_are_refused(staffed: Client) -> None:
    payload = case_payload(cause="纠" * 30000)
    response = put_case(staffed, payload)
    assert response.status_code == 413
    assert error_of(response)["code"] == "PAYLOAD_TOO_LARGE"


# -- lookup by query code ----------------------------------------------------------------------


def test_query_code_lookup_masks_names_and_shows_no_phones(synced: Client) -> None:
    response = get_case(synced, **{"X-Query-Code": QUERY_CODE.lower()})
    assert response.status_code == 200
    body = response.json_body
    assert body["access"] == "query_code"
    assert body["status_label"] == "审理中"
    assert [p["name"] for p in body["parties"]] == ["李*", "张**", "上海某某贸易有限公司"]
    assert all(p.get("phone") is None and p.get("id_number") is None for p in body["parties"])
    assert body["hearings"] == [{"starts_at": "2026-12-08T09:30:00+08:00",
                                 "courtroom": "第十二法庭"}]
    assert "138" not in response.body.decode()


def test_a_successful_query_code_lookup_costs_two_dynamodb_requests(synced: Client) -> None:
    with dynamodb_calls() as calls:
        assert get_case(synced, **{"X-Query-Code": QUERY_CODE}).status_code == 200
    # the per-client rate counter, then case + both lockout records in one BatchGetItem
    assert calls == ["UpdateItem", "BatchGetItem"]


def test_path_may_use_half_width_parentheses(synced: Client) -> None:
    response = get_case(synced, "(2026)沪0101民初1234号", **{"X-Query-Code": QUERY_CODE})
    assert response.status_code == 200
    assert response.json_body["case_number"] == CASE


def test_a_wrong_code_and_an_unknown_case_answer_alike(synced: Client) -> None:
    wrong = get_case(synced, **{"X-Query-Code": "WRONG123"})
    unknown = get_case(synced, "（2026）沪0101民初9999号", **{"X-Query-Code": QUERY_CODE})
    assert wrong.status_code == unknown.status_code == 404
    first, second = error_of(wrong), error_of(unknown)
    assert first["code"] == second["code"] == "CASE_NOT_FOUND"
    assert first["message"] == second["message"]


def test_five_wrong_codes_lock_the_pair_for_fifteen_minutes(synced: Client,
                                                            clock: FixedClock) -> None:
    for _ in range(5):
        assert get_case(synced, **{"X-Query-Code": "WRONG123"}).status_code == 404
    locked = get_case(synced, **{"X-Query-Code": QUERY_CODE})  # the right code, 6th try
    assert locked.status_code == 423
    assert error_of(locked)["code"] == "LOCKED"
    assert 1 <= int(locked.headers["Retry-After"]) <= 900
    clock.advance(minutes=14, seconds=59)
    assert get_case(synced, **{"X-Query-Code": QUERY_CODE}).status_code == 423
    clock.advance(seconds=2)
    assert get_case(synced, **{"X-Query-Code": QUERY_CODE}).status_code == 200


def test_the_lock_is_per_case_number(synced: Client) -> None:
    for _ in range(5):
        get_case(synced, **{"X-Query-Code": "WRONG123"})
    other = get_case(synced, "（2026）沪0101民初9999号", **{"X-Query-Code": "WRONG123"})
    assert other.status_code == 404


def test_a_right_code_forgives_earlier_typos(synced: Client) -> None:
    for _ in range(4):
        get_case(synced, **{"X-Query-Code": "WRONG123"})
    assert get_case(synced, **{"X-Query-Code": QUERY_CODE}).status_code == 200
    for _ in range(4):
        get_case(synced, **{"X-Query-Code": "WRONG123"})
    assert get_case(synced, **{"X-Query-Code": QUERY_CODE}).status_code == 200


def test_a_malformed_query_code_is_a_validation_error(synced: Client) -> None:
    response = get_case(synced, **{"X-Query-Code": "!" * 40})
    assert response.status_code == 400
    assert error_of(response)["details"][0]["field"] == "X-Query-Code"


def test_no_credentials_at_all_is_401_and_a_bad_number_is_400(synced: Client) -> None:
    assert error_of(get_case(synced))["code"] == "UNAUTHENTICATED"
    bad = get_case(synced, "（2026）沪0101民初1234", **{"X-Query-Code": QUERY_CODE})
    assert bad.status_code == 400
    assert error_of(bad)["code"] == "INVALID_CASE_NUMBER"


# -- lookup with a token -------------------------------------------------------------------------


def test_a_party_on_the_case_sees_names_and_masked_phones(synced: Client) -> None:
    response = get_case(synced, **party(PLAINTIFF_PHONE))
    assert response.status_code == 200
    body = response.json_body
    assert body["access"] == "party"
    assert [p["name"] for p in body["parties"]][:2] == ["李四", "张三丰"]
    assert [p["phone"] for p in body["parties"]][:2] == ["138****5678", "139****4321"]
    assert all(p.get("id_number") is None for p in body["parties"])


def test_another_party_learns_nothing_but_may_still_use_the_code(synced: Client) -> None:
    assert error_of(get_case(synced, **party(STRANGER_PHONE)))["code"] == "CASE_NOT_FOUND"
    with_code = get_case(synced, **party(STRANGER_PHONE), **{"X-Query-Code": QUERY_CODE})
    assert with_code.status_code == 200
    assert with_code.json_body["access"] == "query_code"


def test_staff_of_the_court_see_everything(synced: Client) -> None:
    response = get_case(synced, **bearer(mint("judge", "J001", court="沪0101")))
    assert response.status_code == 200
    plaintiff = response.json_body["parties"][0]
    assert plaintiff["phone"] == PLAINTIFF_PHONE
    assert plaintiff["id_number"] == PLAINTIFF_ID
    agent = bearer(mint("agent", "AG1", court="沪"))  # the high court's hotline serves all
    assert get_case(synced, **agent).json_body["access"] == "staff"


def test_staff_of_another_court_are_refused(synced: Client) -> None:
    response = get_case(synced, **bearer(mint("judge", "J9", court="沪0104")))
    assert response.status_code == 403
    assert error_of(response)["code"] == "FORBIDDEN"


@pytest.mark.parametrize("authorization", [
    "Bearer not-a-jwt",
    "Basic dXNlcjpwYXNz",
    "Bearer ",
])
def test_bad_authorization_headers_are_401(synced: Client, authorization: str) -> None:
    response = get_case(synced, Authorization=authorization, **{"X-Query-Code": QUERY_CODE})
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"


def test_forged_and_expired_tokens_are_401(synced: Client) -> None:
    forged = bearer(mint("admin", court="沪", secret="someone-elses-secret-0123456789-abcdef"))
    assert get_case(synced, **forged).status_code == 401
    expired = bearer(mint("party", phone=PLAINTIFF_PHONE, ttl_minutes=-10))
    response = get_case(synced, **expired)
    assert response.status_code == 401
    assert "过期" in error_of(response)["message"]


# -- my cases ----------------------------------------------------------------------------------


def test_my_cases_lists_newest_filing_first_with_paging(staffed: Client) -> None:
    for number, filed in (("（2026）沪0101民初1号", "2026-01-05"),
                          ("（2026）沪0101民初2号", "2026-02-05"),
                          ("（2026）沪0101民初3号", "2026-03-05")):
        assert put_case(staffed, case_payload(filed_on=filed), number=number).status_code == 201
    first = staffed.http.get("/v1/me/cases?limit=2", headers=party(DEFENDANT_PHONE))
    assert first.status_code == 200
    page = first.json_body
    assert [c["case_number"] for c in page["items"]] == ["（2026）沪0101民初3号",
                                                         "（2026）沪0101民初2号"]
    assert page["items"][0]["my_roles"] == ["被告"]
    assert page["items"][0]["next_hearing"]["courtroom"] == "第十二法庭"
    second = staffed.http.get(f"/v1/me/cases?limit=2&next_token={page['next_token']}",
                              headers=party(DEFENDANT_PHONE))
    assert [c["case_number"] for c in second.json_body["items"]] == ["（2026）沪0101民初1号"]
    assert second.json_body["next_token"] is None


def test_my_cases_is_for_parties_only(synced: Client) -> None:
    assert synced.http.get("/v1/me/cases").status_code == 401
    staff = bearer(mint("judge", "J001", court="沪0101"))
    assert synced.http.get("/v1/me/cases", headers=staff).status_code == 403
    assert synced.http.get("/v1/me/cases", headers=party(STRANGER_PHONE)).json_body == {
        "items": [], "next_token": None}


@pytest.mark.parametrize("query", ["limit=0", "limit=101", "limit=abc", "next_token=garbage",
                                   "colour=blue"])
def test_my_cases_refuses_bad_paging(synced: Client, query: str) -> None:
    response = synced.http.get(f"/v1/me/cases?{query}", headers=party())
    assert response.status_code == 400
    assert error_of(response)["code"] == "VALIDATION_ERROR"


def test_a_party_removed_from_a_case_no_longer_lists_it(synced: Client) -> None:
    payload = case_payload()
    payload["parties"] = payload["parties"][:1]
    assert put_case(synced, payload).status_code == 200
    listed = synced.http.get("/v1/me/cases", headers=party(DEFENDANT_PHONE)).json_body
    assert listed["items"] == []
    assert get_case(synced, **party(DEFENDANT_PHONE)).status_code == 404


def test_dynamodb_requests_per_route(staffed: Client) -> None:
    """The figures in docs/data-model.md, measured through botocore's event hooks."""
    with dynamodb_calls() as sync_calls:
        assert put_case(staffed).status_code == 201
    with dynamodb_calls() as token_calls:
        assert get_case(staffed, **party()).status_code == 200
    with dynamodb_calls() as code_calls:
        assert get_case(staffed, **{"X-Query-Code": QUERY_CODE}).status_code == 200
    with dynamodb_calls() as list_calls:
        assert staffed.http.get("/v1/me/cases", headers=party()).status_code == 200
    with dynamodb_calls() as staff_calls:
        response = staffed.http.put("/v1/admin/staff/J001", body=json_body(judge_payload()),
                                    headers={**admin(), **JSON})
        assert response.status_code == 200
    assert sync_calls == ["BatchGetItem", "GetItem", "TransactWriteItems"]
    assert token_calls == ["GetItem"]
    assert code_calls == ["UpdateItem", "BatchGetItem"]
    assert list_calls == ["Query", "BatchGetItem"]
    assert staff_calls == ["BatchGetItem", "PutItem"]
