"""Notifications over HTTP with the worker running: texts appear in moto's SMS record."""

from __future__ import annotations

import json
import re
import time
from urllib.parse import quote

import pytest

from chalicelib.domain.identity import parse_phone
from tests.e2e.conftest import Stack
from tests.support import LOCAL_ENV, admin, party

pytestmark = pytest.mark.e2e
JSON = {"Content-Type": "application/json"}
CASE = "（2026）沪01民终3456号"  # demo case: appellant 13600002222, judge YZ-J01 (13910030002)


def callback(stack: Stack, phone: str) -> str:
    response = stack.request("POST", f"/v1/cases/{quote(CASE)}/callback-requests",
                             headers={**party(phone), **JSON},
                             data=json.dumps({"phone": phone, "message": "请法官回电"},
                                             ensure_ascii=False))
    assert response.status_code == 201, response.text
    return str(response.json()["ticket_id"])


def test_a_callback_texts_the_party_and_the_judge(stack: Stack) -> None:
    phone = parse_phone("13600002222")
    ticket_id = callback(stack, phone)
    receipts = stack.wait_for_sms(lambda p, t: p == phone and ticket_id in t)
    assert len(receipts) == 1
    assert "已受理" in receipts[0][1]
    notices = stack.wait_for_sms(lambda p, t: p == "+8613910030002" and ticket_id in t)
    assert len(notices) == 1
    assert "请于" in notices[0][1]


def test_hearing_change_alerts_and_td_stops_alerts_not_receipts(stack: Stack) -> None:
    number = "（2026）沪0101民初8888号"
    payload = {
        "court_code": "沪0101", "cause": "买卖合同纠纷", "status": "IN_TRIAL",
        "procedure": "ORDINARY", "filed_on": "2026-10-12", "judge_id": "HP-J01",
        "parties": [{"role": "原告", "name": "吴一", "phone": "18611110001"},
                    {"role": "被告", "name": "郑二", "phone": "18611110002"}],
        "hearings": [], "query_code": "E2EQUIET1",
    }
    put = stack.request("PUT", f"/v1/admin/cases/{quote(number)}", headers={**admin(), **JSON},
                        data=json.dumps(payload, ensure_ascii=False))
    assert put.status_code == 201, put.text
    opted = stack.request("POST", "/v1/sms/inbound", headers={
        "X-Webhook-Secret": LOCAL_ENV["SMS_WEBHOOK_SECRET"], **JSON},
        data=json.dumps({"from": "18611110002", "text": "TD",
                         "received_at": "2026-11-30T10:00:00+08:00"}))
    assert opted.json()["action"] == "OPTED_OUT"
    assert stack.wait_for_sms(lambda p, t: p == "+8618611110002" and "退订" in t)
    payload["hearings"] = [{"starts_at": "2027-03-03T10:00:00+08:00", "courtroom": "第九法庭"}]
    moved = stack.request("PUT", f"/v1/admin/cases/{quote(number)}",
                          headers={**admin(), **JSON}, data=json.dumps(payload,
                                                                       ensure_ascii=False))
    assert moved.status_code == 200
    alerts = stack.wait_for_sms(lambda p, t: p == "+8618611110001" and "第九法庭" in t)
    assert len(alerts) == 1
    time.sleep(1.0)  # give a wrong alert every chance to arrive
    assert not [m for m in stack.sms() if m[0] == "+8618611110002" and "第九法庭" in m[1]]
    # Opted out, yet a sign-in code still goes, and the party can sign in with it:
    sent = stack.request("POST", "/v1/auth/otp", headers=JSON,
                         data=json.dumps({"phone": "18611110002"}))
    assert sent.status_code == 202
    texts = stack.wait_for_sms(lambda p, t: p == "+8618611110002" and "验证码" in t)
    code = re.search(r"验证码为(\d{6})", texts[-1][1])
    assert code
    signed_in = stack.request("POST", "/v1/auth/token", headers=JSON,
                              data=json.dumps({"phone": "18611110002", "code": code[1]}))
    assert signed_in.status_code == 200
    # ... and so does the receipt for a request the person just made:
    number_path = quote(number)
    created = stack.request("POST", f"/v1/cases/{number_path}/callback-requests",
                            headers={**party("+8618611110002"), **JSON},
                            data=json.dumps({"phone": "18611110002", "message": "请回电"},
                                            ensure_ascii=False))
    ticket_id = created.json()["ticket_id"]
    assert stack.wait_for_sms(lambda p, t: p == "+8618611110002" and ticket_id in t)
