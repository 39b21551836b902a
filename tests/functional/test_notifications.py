"""Notifications through the real handlers on in-process moto: outbox -> SNS -> SQS -> SMS.

Fault tests: SNS failing then recovering, a message delivered twice, a poison message.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from urllib.parse import quote

import pytest
from botocore.exceptions import EndpointConnectionError
from chalice.test import Client

import app as application
from chalicelib.adapters.sns import client as aws_client
from chalicelib.domain.clock import SHANGHAI
from devtools.worker import drain_queue, scheduled_event
from tests.fakes import FixedClock
from tests.functional.conftest import Messaging
from tests.support import (
    CASE,
    DEFENDANT_PHONE,
    LOCAL_ENV,
    PLAINTIFF_PHONE,
    admin,
    bearer,
    case_payload,
    json_body,
    mint,
    party,
)

JSON = {"Content-Type": "application/json"}
WEBHOOK = {"X-Webhook-Secret": LOCAL_ENV["SMS_WEBHOOK_SECRET"], **JSON}
JUDGE_PHONE = "+8613900000001"


def relay() -> Any:
    return application.outbox_sweep(scheduled_event(), None)


def deliver(messaging: Messaging, rounds: int = 5) -> int:
    """Relay the outbox, then drain the sms queue through the handler, as the worker does."""
    relay()
    received = 0
    for _ in range(rounds):
        got, _ = drain_queue(messaging.sqs, messaging.queues["sms"], application.sms_sender)
        received += got
        if not got:
            break
    return received


def sync(api: Client, **overrides: Any) -> Any:
    response = api.http.put(f"/v1/admin/cases/{quote(CASE)}",
                            body=json_body(case_payload(**overrides)),
                            headers={**admin(), **JSON})
    assert response.status_code in (200, 201), response.body
    return response


def callback(api: Client, phone: str = "13812345678") -> str:
    response = api.http.post(f"/v1/cases/{quote(CASE)}/callback-requests",
                             body=json_body({"phone": phone, "message": "请法官回电"}),
                             headers={**party(), **JSON})
    assert response.status_code == 201, response.body
    return str(response.json_body["ticket_id"])


def inbound(api: Client, text: str, sender: str = "13812345678",
            secret: str | None = None) -> Any:
    headers = WEBHOOK if secret is None else {"X-Webhook-Secret": secret, **JSON}
    body = {"from": sender, "text": text, "received_at": "2026-11-30T10:05:00+08:00"}
    return api.http.post("/v1/sms/inbound", body=json_body(body), headers=headers)


@pytest.fixture
def world(staffed: Client, messaging: Messaging) -> tuple[Client, Messaging]:
    sync(staffed)
    deliver(messaging)  # the case's own hearing notice
    return staffed, messaging


def texts(messaging: Messaging, phone: str) -> list[str]:
    return [text for number, text in messaging.sms() if number == phone]


def test_a_callback_request_texts_the_party_and_the_judge(world: tuple[Client, Messaging]) -> None:
    api, messaging = world
    ticket_id = callback(api)
    deliver(messaging)
    receipt = texts(messaging, PLAINTIFF_PHONE)[-1]
    assert receipt.startswith("【上海法院】您好！您的联系法官请求已受理")
    assert ticket_id in receipt
    assert "12月2日前" in receipt
    notice = texts(messaging, JUDGE_PHONE)
    assert len(notice) == 1
    assert "王法官您好" in notice[0]
    assert ticket_id in notice[0]


def test_the_judges_reply_asks_for_a_rating_and_sms_ratings_close_it(
        world: tuple[Client, Messaging]) -> None:
    api, messaging = world
    ticket_id = callback(api)
    judge = bearer(mint("judge", "J001", court="沪0101"))
    api.http.post(f"/v1/tickets/{ticket_id}/reply", headers={**judge, **JSON},
                  body=json_body({"result": "CALLED_BACK", "note": "已回电"}))
    deliver(messaging)
    assert any("回复1满意，2基本满意，3不满意" in t for t in texts(messaging, PLAINTIFF_PHONE))
    rated = inbound(api, " 1 ")
    assert rated.status_code == 200
    assert rated.json_body == {"action": "RATED", "ticket_id": ticket_id}
    deliver(messaging)
    assert texts(messaging, PLAINTIFF_PHONE)[-1].startswith("【上海法院】感谢您对工单")
    status = api.http.get(f"/v1/tickets/{ticket_id}", headers=party()).json_body
    assert (status["status"], status["rating"]["score"]) == ("CLOSED", 1)
    assert inbound(api, "2").json_body == {"action": "NOTHING_TO_RATE", "ticket_id": None}


def test_sns_failing_for_a_while_then_recovering_delivers_everything_once(
        world: tuple[Client, Messaging], mocker: Any) -> None:
    api, messaging = world
    sns = aws_client("sns")
    real_publish = sns.publish
    outage = {"left": 3}

    def flaky(**kwargs: Any) -> Any:
        if "TopicArn" in kwargs and outage["left"]:
            outage["left"] -= 1
            raise EndpointConnectionError(endpoint_url="https://sns.cn-north-1.amazonaws.com.cn")
        return real_publish(**kwargs)

    mocker.patch.object(sns, "publish", side_effect=flaky)
    first, second = callback(api), callback(api, "13987654321")
    for _ in range(3):  # the relay runs into the outage three times
        with pytest.raises(EndpointConnectionError):
            relay()
    assert outage["left"] == 0
    deliver(messaging)
    deliver(messaging)  # a second pass finds nothing left to do
    for ticket_id in (first, second):
        assert len([t for _, t in messaging.sms() if ticket_id in t and "已受理" in t]) == 1
        assert len([t for p, t in messaging.sms() if ticket_id in t and p == JUDGE_PHONE]) == 1


def test_a_message_delivered_twice_sends_one_sms(world: tuple[Client, Messaging]) -> None:
    api, messaging = world
    ticket_id = callback(api)
    relay()
    batch = messaging.messages("sms")
    assert len(batch) == 2  # TICKET_CREATED and TICKET_DISPATCHED
    event = {"Records": [{"messageId": m["MessageId"], "receiptHandle": m["ReceiptHandle"],
                          "body": m["Body"], "attributes": {}, "messageAttributes": {},
                          "md5OfBody": "", "eventSource": "aws:sqs",
                          "eventSourceARN": "arn:aws-cn:sqs:cn-north-1:123456789012:sms",
                          "awsRegion": "cn-north-1"} for m in batch]}
    for _ in range(2):  # SQS delivers at least once
        assert application.sms_sender(event, None) == {"batchItemFailures": []}
    assert len([t for _, t in messaging.sms() if ticket_id in t]) == 2  # receipt + notice


def test_a_poison_message_goes_to_the_dlq_and_the_rest_are_sent(
        world: tuple[Client, Messaging]) -> None:
    api, messaging = world
    messaging.sqs.send_message(QueueUrl=messaging.queues["sms"], MessageBody="{not json")
    ticket_id = callback(api)
    relay()
    for _ in range(8):
        drain_queue(messaging.sqs, messaging.queues["sms"], application.sms_sender)
    assert len([t for _, t in messaging.sms() if ticket_id in t]) == 2
    dlq_url = messaging.sqs.get_queue_url(QueueName="sms-dlq")["QueueUrl"]
    dead = messaging.sqs.receive_message(QueueUrl=dlq_url, MaxNumberOfMessages=10)["Messages"]
    assert [m["Body"] for m in dead] == ["{not json"]
    assert messaging.messages("sms") == []


def test_a_hearing_change_alerts_every_party_with_a_phone(
        world: tuple[Client, Messaging]) -> None:
    api, messaging = world
    before = len(messaging.sms())
    sync(api, hearings=[{"starts_at": "2026-12-15T14:00:00+08:00", "courtroom": "第三法庭"}])
    deliver(messaging)
    alerts = messaging.sms()[before:]
    assert sorted(p for p, _ in alerts) == sorted([PLAINTIFF_PHONE, DEFENDANT_PHONE])
    assert all("定于12月15日14:00在第三法庭开庭" in t for _, t in alerts)


def test_td_stops_alerts_but_not_receipts(world: tuple[Client, Messaging]) -> None:
    api, messaging = world
    opted = inbound(api, "TD")
    assert opted.json_body["action"] == "OPTED_OUT"
    deliver(messaging)
    assert "退订" in texts(messaging, PLAINTIFF_PHONE)[-1]
    before = texts(messaging, PLAINTIFF_PHONE)
    sync(api, hearings=[{"starts_at": "2026-12-16T09:00:00+08:00", "courtroom": "第一法庭"}])
    deliver(messaging)
    assert texts(messaging, PLAINTIFF_PHONE) == before  # no hearing alert
    assert any("12月16日" in t for t in texts(messaging, DEFENDANT_PHONE))
    ticket_id = callback(api)
    deliver(messaging)
    assert ticket_id in texts(messaging, PLAINTIFF_PHONE)[-1]  # a receipt still goes


def test_quiet_hours_defer_alerts_to_eight_in_the_morning(world: tuple[Client, Messaging],
                                                          clock: FixedClock) -> None:
    api, messaging = world
    clock.set(datetime(2026, 11, 30, 22, 30, tzinfo=SHANGHAI))
    before = len(messaging.sms())
    sync(api, hearings=[{"starts_at": "2026-12-18T09:00:00+08:00", "courtroom": "第二法庭"}])
    deliver(messaging)
    assert len(messaging.sms()) == before  # nothing at 22:30
    assert application.sms_deferred(scheduled_event(), None) == {"sent": 0, "skipped": 0}
    clock.set(datetime(2026, 12, 1, 8, 0, 30, tzinfo=SHANGHAI))
    assert application.sms_deferred(scheduled_event(), None) == {"sent": 2, "skipped": 0}
    assert application.sms_deferred(scheduled_event(), None) == {"sent": 0, "skipped": 0}
    assert len(messaging.sms()) == before + 2


def test_parties_are_reminded_the_working_day_before_once(world: tuple[Client, Messaging],
                                                          clock: FixedClock) -> None:
    _, messaging = world
    # The demo hearing is on Tue 2026-12-08 09:30: remind on Mon 12-07.
    clock.set(datetime(2026, 12, 4, 10, 0, tzinfo=SHANGHAI))  # Friday: too early
    assert application.hearing_reminders(scheduled_event(), None) == {"reminded": 0}
    clock.set(datetime(2026, 12, 7, 10, 0, tzinfo=SHANGHAI))
    assert application.hearing_reminders(scheduled_event(), None) == {"reminded": 1}
    assert application.hearing_reminders(scheduled_event(), None) == {"reminded": 0}
    before = len(messaging.sms())
    deliver(messaging)
    reminders = messaging.sms()[before:]
    assert len(reminders) == 2
    assert all(t.startswith("【上海法院】提醒：") and "12月8日9:30" in t for _, t in reminders)


def test_the_stream_handler_relays_new_event_items(world: tuple[Client, Messaging]) -> None:
    api, messaging = world
    callback(api)
    from chalicelib.bootstrap import container

    entries = container().adapters.outbox.pending(10)
    records = [{"eventID": str(i), "eventName": "INSERT", "eventSource": "aws:dynamodb",
                "awsRegion": "cn-north-1",
                "eventSourceARN": application.OUTBOX_STREAM_ARN,
                "dynamodb": {"SequenceNumber": str(100 + i), "StreamViewType": "NEW_AND_OLD_IMAGES",
                             "Keys": {"pk": {"S": e.pk}, "sk": {"S": e.sk}},
                             "NewImage": {"pk": {"S": e.pk}, "sk": {"S": e.sk},
                                          "kind": {"S": "Event"},
                                          "outbox_pk": {"S": "OUTBOX#0"}}}}
               for i, e in enumerate(entries)]
    result = application.outbox_stream({"Records": records}, None)
    assert result == {"batchItemFailures": []}
    assert container().adapters.outbox.pending(10) == []
    assert relay() == {"published": 0}  # the safety net finds nothing left
    assert len(messaging.messages("sms")) == 2


def test_only_ticket_events_reach_the_stats_queue(world: tuple[Client, Messaging]) -> None:
    api, messaging = world
    callback(api)
    relay()
    types = sorted(json.loads(m["Body"])["type"] for m in messaging.messages("stats"))
    assert types == ["TICKET_CREATED", "TICKET_DISPATCHED"]


@pytest.mark.parametrize("secret", ["", "wrong-secret", LOCAL_ENV["SMS_WEBHOOK_SECRET"] + "x"])
def test_the_webhook_needs_its_secret_before_anything_else(world: tuple[Client, Messaging],
                                                           secret: str) -> None:
    api, _ = world
    response = api.http.post("/v1/sms/inbound", body="not even json",
                             headers={"X-Webhook-Secret": secret, **JSON})
    assert response.status_code == 401


def test_other_texts_get_help_and_bad_senders_a_400(world: tuple[Client, Messaging]) -> None:
    api, messaging = world
    assert inbound(api, "你好，请问案子什么时候开庭？").json_body == {"action": "HELP",
                                                                "ticket_id": None}
    deliver(messaging)
    assert "评价请回复1满意" in texts(messaging, PLAINTIFF_PHONE)[-1]
    assert inbound(api, "1", sender="not-a-phone").status_code == 400
