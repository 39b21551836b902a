"""SNS: publishing domain events to the topic, and sending SMS.

Clients are botocore clients (no boto3 import), built on first use and shared by the
container. Only the relay and the SMS sender functions ever build them; the API never
talks to SNS (events leave through the outbox).
"""

from __future__ import annotations

import json
import threading
from typing import Any

from chalicelib.config import ConfigError
from chalicelib.domain.clock import iso
from chalicelib.domain.events import DomainEvent
from chalicelib.services.ports import EventPublisher, SmsGateway

_lock = threading.Lock()
_clients: dict[str, Any] = {}


def client(service: str) -> Any:
    """One botocore client per service per container (region and endpoint from the env)."""
    with _lock:
        if service not in _clients:
            import botocore.session
            from botocore.config import Config

            session = botocore.session.get_session()
            _clients[service] = session.create_client(
                service, config=Config(connect_timeout=2, read_timeout=5,
                                       retries={"max_attempts": 3, "mode": "standard"}))
        return _clients[service]


def reset_clients() -> None:
    with _lock:
        _clients.clear()


def event_message(event: DomainEvent) -> str:
    return json.dumps({
        "event_id": event.event_id, "type": event.type, "at": iso(event.at),
        "aggregate": event.aggregate, "aggregate_id": event.aggregate_id,
        "court_code": event.court_code, "label": event.label, "payload": event.payload,
    }, ensure_ascii=False)


class SnsEventPublisher(EventPublisher):
    def __init__(self, topic_arn: str) -> None:
        self._topic_arn = topic_arn

    def publish(self, event: DomainEvent) -> None:
        if not self._topic_arn:
            raise ConfigError("EVENTS_TOPIC_ARN is not set: the relay cannot publish")
        attributes = {
            "event_type": {"DataType": "String", "StringValue": event.type},
            "aggregate": {"DataType": "String", "StringValue": event.aggregate},
            "court": {"DataType": "String", "StringValue": event.court_code or "-"},
        }
        client("sns").publish(TopicArn=self._topic_arn, Message=event_message(event),
                              MessageAttributes=attributes)


class SnsSmsGateway(SmsGateway):
    def send(self, phone: str, text: str) -> str:
        response = client("sns").publish(
            PhoneNumber=phone, Message=text,
            MessageAttributes={"AWS.SNS.SMS.SMSType": {"DataType": "String",
                                                       "StringValue": "Transactional"}})
        return str(response["MessageId"])
