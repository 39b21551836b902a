"""Functional layer: the Chalice app through `chalice.test.Client`, on in-process moto.

The real DynamoDB adapters run against moto's in-process mock, so routes, services,
adapters and the table design are exercised together without any server.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import boto3
import pytest
from chalice.test import Client
from moto import mock_aws

from app import app
from chalicelib import bootstrap
from chalicelib.adapters.dynamodb.models import TableItem, reset_connection
from chalicelib.adapters.dynamodb.schema import ensure_table
from chalicelib.adapters.sns import reset_clients
from devtools.localstack import fan_out, subscriptions
from tests.fakes import FixedClock
from tests.support import NOW, ROOT, clerk_payload, json_body, judge_payload, local_settings


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def aws() -> Iterator[Any]:
    with mock_aws():
        reset_connection()
        reset_clients()
        client = boto3.client("dynamodb")
        ensure_table(client, local_settings().table_name)
        yield client
    reset_connection()
    reset_clients()


@dataclass
class Messaging:
    """The event topic and its queues, as `make run` provisions them (in-process moto)."""

    sns: Any
    sqs: Any
    topic_arn: str
    queues: dict[str, str]

    def sms(self) -> list[tuple[str, str]]:
        """Every SMS moto recorded: (phone, text)."""
        from moto.sns.models import sns_backends

        return list(sns_backends["123456789012"]["cn-north-1"].sms_messages.values())

    def messages(self, queue: str) -> list[dict[str, Any]]:
        found = self.sqs.receive_message(QueueUrl=self.queues[queue], MaxNumberOfMessages=10,
                                         VisibilityTimeout=0)
        return list(found.get("Messages", []))


@pytest.fixture
def messaging(aws: Any) -> Messaging:
    sns, sqs = boto3.client("sns"), boto3.client("sqs")
    topic_arn = sns.create_topic(Name="court-events")["TopicArn"]
    assert topic_arn == local_settings().events_topic_arn
    queues = {name: fan_out(sns, sqs, topic_arn, name, types, visibility_seconds=0)
              for name, types in subscriptions().items()}
    return Messaging(sns, sqs, topic_arn, queues)


@pytest.fixture
def api(aws: Any, clock: FixedClock) -> Iterator[Client]:
    bootstrap.use(bootstrap.Container.build(local_settings(), clock=clock))
    with Client(app, stage_name="local", project_dir=str(ROOT)) as client:
        yield client
    bootstrap.use(None)


@pytest.fixture
def staffed(api: Client) -> Client:
    """The court has its judge J001 and clerk C001 in the directory."""
    from tests.support import admin

    for staff_id, payload in (("J001", judge_payload()), ("C001", clerk_payload())):
        response = api.http.put(f"/v1/admin/staff/{staff_id}", body=json_body(payload),
                                headers={**admin(), "Content-Type": "application/json"})
        assert response.status_code == 201, response.body
    return api


@contextmanager
def dynamodb_calls() -> Iterator[list[str]]:
    """Record every DynamoDB API call made through the table's botocore client."""
    client = TableItem._get_connection().connection.client
    calls: list[str] = []

    def hook(model: Any, **_: Any) -> None:
        calls.append(model.name)

    client.meta.events.register("before-call.dynamodb", hook, unique_id="count-calls")
    try:
        yield calls
    finally:
        client.meta.events.unregister("before-call.dynamodb", unique_id="count-calls")
