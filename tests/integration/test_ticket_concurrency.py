"""The ticket use cases under real concurrency, on DynamoDB (moto server) end to end."""

from __future__ import annotations

import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Literal

import boto3
import pytest
import requests

from chalicelib.adapters.dynamodb import models
from chalicelib.adapters.dynamodb.schema import ensure_table
from chalicelib.bootstrap import Container, dynamodb_adapters
from chalicelib.domain.access import Principal, Role
from chalicelib.domain.errors import InvalidState
from chalicelib.domain.staff import StaffMember, StaffRole
from chalicelib.schemas.cases import CaseSyncIn
from chalicelib.schemas.tickets import CallbackIn, RatingIn, ReplyIn, TicketIn
from tests.fakes import FixedClock
from tests.support import CASE, NOW, PLAINTIFF_PHONE, case_payload, json_body, local_settings

pytestmark = pytest.mark.integration
ADMIN = Principal("A1", Role.ADMIN, court="沪0101")
JUDGE = Principal("J001", Role.JUDGE, court="沪0101")
AGENT = Principal("AG1", Role.AGENT, court="沪")
PARTY = Principal("P1", Role.PARTY, phone=PLAINTIFF_PHONE)


@pytest.fixture
def service(moto_server: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Container]:
    monkeypatch.setenv("AWS_ENDPOINT_URL", moto_server)
    requests.post(f"{moto_server}/moto-api/reset", timeout=10)
    settings = local_settings(TABLE_NAME="concurrency-tests")
    ensure_table(boto3.client("dynamodb", endpoint_url=moto_server), settings.table_name)
    container = Container.build(settings, clock=FixedClock(NOW),
                                adapters=dynamodb_adapters(settings))
    for staff_id, role in (("J001", StaffRole.JUDGE), ("C001", StaffRole.CLERK)):
        container.adapters.staff.save(StaffMember(staff_id, "王法官", role, "沪0101", "民一庭",
                                                  "+8613900000001"))
    container.cases.sync(CASE, CaseSyncIn.model_validate_json(json_body(case_payload())), ADMIN)
    yield container
    models.reset_connection()


def test_fifty_parallel_creations_get_fifty_distinct_ids(service: Container) -> None:
    data = TicketIn.model_validate_json(json.dumps({
        "category": "CONSULTATION", "channel": "HOTLINE", "caller": {"name": "来电人"},
        "summary": "咨询立案材料", "answered_on_spot": True}))

    def create(_: int) -> str:
        return service.tickets.record_call(data, AGENT, None).ticket_id

    with ThreadPoolExecutor(max_workers=10) as pool:
        ids = list(pool.map(create, range(50)))
    assert len(set(ids)) == 50
    assert sorted(ids)[-1] == "GD20261130-000050"


def test_twenty_parallel_ratings_one_winner(service: Container) -> None:
    callback = CallbackIn.model_validate_json(json.dumps(
        {"phone": "13812345678", "message": "请法官回电"}))
    ticket = service.tickets.request_callback(CASE, callback, PARTY, None, "1.2.3.4", None)
    service.tickets.reply(ticket.ticket_id, ReplyIn.model_validate_json(
        '{"result": "CALLED_BACK", "note": "已回电"}'), JUDGE)

    def rate(score: Literal[1, 2, 3]) -> Any:
        try:
            return service.tickets.rate(ticket.ticket_id, RatingIn(score=score), PARTY).rating
        except InvalidState:
            return "refused"

    scores: list[Literal[1, 2, 3]] = [1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2]
    with ThreadPoolExecutor(max_workers=10) as pool:
        outcomes = list(pool.map(rate, scores))
    winners = [o for o in outcomes if o != "refused"]
    assert len(winners) == 1
    final = service.tickets.get(ticket.ticket_id, PARTY)
    assert final.status == "CLOSED"
    assert final.rating == winners[0]
