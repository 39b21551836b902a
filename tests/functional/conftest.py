"""Functional layer: the Chalice app through `chalice.test.Client`, on in-process moto.

The real DynamoDB adapters run against moto's in-process mock, so routes, services,
adapters and the table design are exercised together without any server.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import boto3
import pytest
from chalice.test import Client
from moto import mock_aws

from app import app
from chalicelib import bootstrap
from chalicelib.adapters.dynamodb.models import TableItem, reset_connection
from chalicelib.adapters.dynamodb.schema import ensure_table
from tests.fakes import FixedClock
from tests.support import NOW, ROOT, clerk_payload, json_body, judge_payload, local_settings


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def aws() -> Iterator[Any]:
    with mock_aws():
        reset_connection()
        client = boto3.client("dynamodb")
        ensure_table(client, local_settings().table_name)
        yield client
    reset_connection()


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
