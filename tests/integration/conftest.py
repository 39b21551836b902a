"""Integration layer: the repository contract, run against the fakes and a moto server."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import boto3
import pytest
import requests

from chalicelib.adapters.dynamodb import models
from chalicelib.adapters.dynamodb.keys import KeyMaker
from chalicelib.adapters.dynamodb.schema import ensure_table
from chalicelib.adapters.dynamodb.store import (
    DynamoCaseRepository,
    DynamoLockoutStore,
    DynamoStaffRepository,
)
from chalicelib.services.ports import CaseRepository, LockoutStore, StaffRepository
from devtools.localstack import Service, free_port, start_moto
from tests.fakes import FakeCaseRepository, FakeLockoutStore, FakeStaffRepository

TABLE = "contract-tests"


@dataclass
class Repositories:
    cases: CaseRepository
    staff: StaffRepository
    lockouts: LockoutStore


@pytest.fixture(scope="session")
def moto_server() -> Iterator[str]:
    port = free_port()
    server: Service = start_moto(port)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


def _dynamodb(endpoint: str, monkeypatch: pytest.MonkeyPatch) -> Repositories:
    monkeypatch.setenv("AWS_ENDPOINT_URL", endpoint)
    requests.post(f"{endpoint}/moto-api/reset", timeout=10)
    ensure_table(boto3.client("dynamodb", endpoint_url=endpoint), TABLE)
    models.configure(TABLE)
    keys = KeyMaker(b"contract-test-pii-secret")
    return Repositories(DynamoCaseRepository(keys), DynamoStaffRepository(keys),
                        DynamoLockoutStore(keys))


def _fakes() -> Repositories:
    lockouts = FakeLockoutStore()
    return Repositories(FakeCaseRepository(lockouts), FakeStaffRepository(), lockouts)


@pytest.fixture(params=["fake", "dynamodb"])
def repos(request: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Repositories]:
    if request.param == "fake":
        yield _fakes()
        return
    yield _dynamodb(request.getfixturevalue("moto_server"), monkeypatch)
    models.reset_connection()
