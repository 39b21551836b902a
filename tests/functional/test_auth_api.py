"""Party sign-in by SMS code over the routes (moto in-process, SMS recorded by moto)."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

import pytest
from chalice.test import Client

from tests.fakes import FixedClock
from tests.functional.conftest import Messaging
from tests.support import CASE, PLAINTIFF_PHONE, admin, case_payload, json_body

JSON = {"Content-Type": "application/json"}


def ask(api: Client, phone: str = "13812345678") -> Any:
    return api.http.post("/v1/auth/otp", body=json_body({"phone": phone}), headers=JSON)


def exchange(api: Client, code: str, phone: str = "13812345678") -> Any:
    return api.http.post("/v1/auth/token", body=json_body({"phone": phone, "code": code}),
                         headers=JSON)


def last_code(messaging: Messaging, phone: str = PLAINTIFF_PHONE) -> str:
    texts = [t for p, t in messaging.sms() if p == phone and "验证码" in t]
    match = re.search(r"验证码为(\d{6})", texts[-1])
    assert match
    return match[1]


def error_code(response: Any) -> str:
    return str(json.loads(response.body)["error"]["code"])


def test_sign_in_by_sms_code_then_read_my_cases(staffed: Client, messaging: Messaging) -> None:
    staffed.http.put(f"/v1/admin/cases/{quote(CASE)}", body=json_body(case_payload()),
                     headers={**admin(), **JSON})
    sent = ask(staffed, "+86 138-1234-5678")
    assert sent.status_code == 202
    assert sent.json_body == {"expires_in": 300, "resend_after": 60}
    token = exchange(staffed, last_code(messaging))
    assert token.status_code == 200
    body = token.json_body
    assert (body["token_type"], body["role"], body["expires_in"]) == ("Bearer", "party", 28800)
    mine = staffed.http.get("/v1/me/cases",
                            headers={"Authorization": f"Bearer {body['access_token']}"})
    assert [c["case_number"] for c in mine.json_body["items"]] == [CASE]


def test_a_code_works_once(api: Client, messaging: Messaging) -> None:
    ask(api)
    code = last_code(messaging)
    assert exchange(api, code).status_code == 200
    assert exchange(api, code).status_code == 401


def test_codes_expire_after_five_minutes(api: Client, messaging: Messaging,
                                         clock: FixedClock) -> None:
    ask(api)
    clock.advance(minutes=5, seconds=1)
    response = exchange(api, last_code(messaging))
    assert response.status_code == 401
    assert "过期" in json.loads(response.body)["error"]["message"]


def test_one_code_per_minute_then_ten_a_day(api: Client, messaging: Messaging,
                                             clock: FixedClock) -> None:
    assert ask(api).status_code == 202
    too_soon = ask(api)
    assert too_soon.status_code == 429
    assert error_code(too_soon) == "RATE_LIMITED"
    assert 1 <= int(too_soon.headers["Retry-After"]) <= 60
    for _ in range(9):
        clock.advance(seconds=61)
        assert ask(api).status_code == 202
    clock.advance(seconds=61)
    eleventh = ask(api)
    assert eleventh.status_code == 429
    assert int(eleventh.headers["Retry-After"]) > 60  # until tomorrow
    clock.advance(hours=24)
    assert ask(api).status_code == 202  # a new day, a new allowance
    assert ask(api, "13987654321").status_code == 202  # other phones are not affected


def test_the_sixth_wrong_guess_is_refused_even_with_the_right_code(
        api: Client, messaging: Messaging, clock: FixedClock) -> None:
    ask(api)
    code = last_code(messaging)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    assert [exchange(api, wrong).status_code for _ in range(5)] == [401] * 5
    locked = exchange(api, code)
    assert locked.status_code == 423
    assert error_code(locked) == "LOCKED"
    clock.advance(minutes=15, seconds=1)  # time injected, not slept
    assert exchange(api, code).status_code == 401  # the lock is gone; the code has expired
    ask(api)
    assert exchange(api, last_code(messaging)).status_code == 200


@pytest.mark.parametrize(("path", "body"), [
    ("/v1/auth/otp", {"phone": "12345"}),
    ("/v1/auth/otp", {"phone": "13812345678", "extra": True}),
    ("/v1/auth/token", {"phone": "13812345678", "code": "12345"}),
    ("/v1/auth/token", {"phone": "13812345678", "code": "abcdef"}),
    ("/v1/auth/token", {"phone": "13812345678"}),
])
def test_bad_sign_in_requests_are_validation_errors(api: Client, path: str,
                                                    body: dict[str, Any]) -> None:
    response = api.http.post(path, body=json_body(body), headers=JSON)
    assert response.status_code == 400
    assert error_code(response) == "VALIDATION_ERROR"


def test_a_failed_sms_frees_the_phone_for_a_retry(api: Client, messaging: Messaging,
                                                   mocker: Any) -> None:
    from chalicelib.adapters.sns import client

    sns = client("sns")
    real = sns.publish
    outage = {"left": 1}

    def flaky(**kwargs: Any) -> Any:
        if outage["left"]:
            outage["left"] -= 1
            raise ConnectionError("SMS provider down")
        return real(**kwargs)

    mocker.patch.object(sns, "publish", side_effect=flaky)
    failed = ask(api)
    assert failed.status_code == 503
    assert error_code(failed) == "SMS_UNAVAILABLE"
    assert ask(api).status_code == 202  # no 60-second wait after a code that never went


def test_dynamodb_requests_of_sign_in(api: Client, messaging: Messaging) -> None:
    """The figures quoted in docs/data-model.md."""
    from tests.functional.conftest import dynamodb_calls

    with dynamodb_calls() as asked:
        assert ask(api).status_code == 202
    code = last_code(messaging)
    with dynamodb_calls() as exchanged:
        assert exchange(api, code).status_code == 200
    assert asked == ["UpdateItem", "TransactWriteItems"]  # rate counter; code + day count
    assert exchanged == ["UpdateItem", "BatchGetItem", "DeleteItem"]  # rate; code+lock; use
