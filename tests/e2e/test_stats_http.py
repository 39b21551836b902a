"""Statistics over HTTP with the worker running: a recorded call reaches the day's figures
through outbox -> SNS -> `stats` queue -> `stats_counter`."""

from __future__ import annotations

import json
import subprocess  # nosec B404 - runs our own rebuild command
import sys
import time
from datetime import datetime
from typing import Any

import pytest

from chalicelib.domain.clock import SHANGHAI
from tests.e2e.conftest import Stack
from tests.support import ROOT, bearer, mint

pytestmark = pytest.mark.e2e
JSON = {"Content-Type": "application/json"}
# A court no other end-to-end test records calls for, so the counts are this test's alone.
AGENT = bearer(mint("agent", "E2E-AG", court="沪0115", name="座席员"))


def today(stack: Stack) -> dict[str, Any]:
    day = datetime.now(SHANGHAI).date().isoformat()
    response = stack.request("GET", f"/v1/stats/daily?date={day}", headers=AGENT)
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_a_call_on_the_spot_is_counted_once(stack: Stack) -> None:
    record_a_call_and_see_it_counted(stack)


def record_a_call_and_see_it_counted(stack: Stack) -> None:
    before = today(stack)
    response = stack.request("POST", "/v1/tickets", headers={**AGENT, **JSON}, data=json.dumps({
        "category": "CONSULTATION", "channel": "WECHAT", "caller": {"name": "匿名"},
        "summary": "咨询立案材料", "answered_on_spot": True}, ensure_ascii=False))
    assert response.status_code == 201, response.text
    deadline = time.monotonic() + 15
    after = today(stack)
    while after["total"] == before["total"] and time.monotonic() < deadline:
        time.sleep(0.1)
        after = today(stack)
    assert after["total"] == before["total"] + 1
    assert after["by_channel"]["WECHAT"] == before["by_channel"]["WECHAT"] + 1
    assert after["answered_on_spot"] == before["answered_on_spot"] + 1
    time.sleep(0.5)  # nothing more arrives later
    assert today(stack)["total"] == after["total"]


def test_the_rebuild_command_agrees_with_the_live_figures(stack: Stack) -> None:
    record_a_call_and_see_it_counted(stack)  # at least one ticket today
    live = today(stack)
    day = datetime.now(SHANGHAI).date().isoformat()
    result = subprocess.run(  # noqa: S603 - our own module, fixed arguments
        [sys.executable, "-m", "devtools.stats_rebuild", "--date", day, "--court", "沪0115",
         "--endpoint", stack.endpoint], cwd=ROOT, capture_output=True, text=True, timeout=120,
        check=False)
    assert result.returncode == 0, result.stderr
    rebuilt = json.loads(result.stdout)
    assert rebuilt == live
    assert today(stack) == live
