"""Demo data for the local stack: staff of several Shanghai courts and a dozen cases.

Loaded through the same services the admin API uses (so it is validated like a real
sync), and idempotent: running it again changes nothing. Query codes are printed by
`make run`; in the table they exist only as digests.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from devtools.localstack import aws_env, stage_env

DATA = Path(__file__).with_name("demo_data.json")


@dataclass(frozen=True)
class DemoCase:
    case_number: str
    court: str
    cause: str
    query_code: str
    party_phones: tuple[str, ...]


def load() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DATA.read_text(encoding="utf-8"))
    return data


@contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    """Set environment variables for the duration (PynamoDB reads the endpoint from them)."""
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def seed(endpoint: str) -> list[DemoCase]:
    """Write the demo directory and cases to the stack at ``endpoint``."""
    from chalicelib.adapters.dynamodb.models import reset_connection

    with _environment({**stage_env(), **aws_env(endpoint)}):
        try:
            return _seed()
        finally:
            reset_connection()


def _seed() -> list[DemoCase]:
    from chalicelib.bootstrap import Container
    from chalicelib.config import Settings
    from chalicelib.domain.access import Principal, Role
    from chalicelib.schemas.cases import CaseSyncIn
    from chalicelib.schemas.staff import StaffIn

    container = Container.build(Settings.from_env(os.environ))
    data = load()
    admin = Principal("seed", Role.ADMIN, "演示数据", court="沪")
    for staff_id, entry in data["staff"].items():
        container.staff.upsert(staff_id, StaffIn.model_validate_json(json.dumps(entry)), admin)
    cases = []
    for number, entry in data["cases"].items():
        result = container.cases.sync(number, CaseSyncIn.model_validate_json(json.dumps(entry)),
                                      admin)
        phones = tuple(p["phone"] for p in entry["parties"] if p.get("phone"))
        cases.append(DemoCase(result.case.case_number, result.case.court.name or "",
                              entry["cause"], entry["query_code"], phones))
    return cases
