"""Integration layer: the repository contract, run against the fakes and a moto server."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
import pytest
import requests

from chalicelib.adapters.dynamodb import models
from chalicelib.adapters.dynamodb.keys import KeyMaker
from chalicelib.adapters.dynamodb.otp import DynamoOtpStore
from chalicelib.adapters.dynamodb.schema import ensure_table
from chalicelib.adapters.dynamodb.store import (
    DynamoCaseRepository,
    DynamoLockoutStore,
    DynamoStaffRepository,
)
from chalicelib.adapters.dynamodb.tickets import DynamoCalendarRepository, DynamoTicketRepository
from chalicelib.services.ports import (
    CalendarRepository,
    CaseRepository,
    LockoutStore,
    OtpStore,
    StaffRepository,
    TicketRepository,
)
from devtools.localstack import Service, free_port, start_moto
from tests.fakes import (
    FakeCalendarRepository,
    FakeCaseRepository,
    FakeLockoutStore,
    FakeOtpStore,
    FakeStaffRepository,
    FakeTicketRepository,
)

TABLE = "contract-tests"


@dataclass
class Repositories:
    cases: CaseRepository
    staff: StaffRepository
    lockouts: LockoutStore
    tickets: TicketRepository
    calendars: CalendarRepository
    otp: OtpStore


@pytest.fixture(scope="session")
def moto_server() -> Iterator[str]:
    port = free_port()
    server: Service = start_moto(port, Path(tempfile.mkdtemp(prefix="moto-")) / "moto.log")
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
                        DynamoLockoutStore(keys), DynamoTicketRepository(keys),
                        DynamoCalendarRepository(keys), DynamoOtpStore(keys))


def _fakes() -> Repositories:
    lockouts = FakeLockoutStore()
    return Repositories(FakeCaseRepository(lockouts), FakeStaffRepository(), lockouts,
                        FakeTicketRepository(), FakeCalendarRepository(),
                        FakeOtpStore(lockouts))


@pytest.fixture(params=["fake", "dynamodb"])
def repos(request: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Repositories]:
    if request.param == "fake":
        yield _fakes()
        return
    yield _dynamodb(request.getfixturevalue("moto_server"), monkeypatch)
    models.reset_connection()
