"""Schemathesis against the live local stack: zero server errors, zero responses that do not
match the OpenAPI document, over a few hundred generated requests.

The stack gets its own moto and data (fuzzed writes must not disturb the other e2e tests)
and generous rate limits (429s would hide the logic behind them; the limits themselves are
tested in the functional layer). Requests go as an admin of the high court, so the admin
routes are exercised too; routes that need another role answer with documented 401/403.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.conftest import running_stack
from tests.support import ROOT, admin

pytestmark = pytest.mark.e2e
GENEROUS = json.dumps({name: {"per_client": 100_000} for name in (
    "case_lookup", "callback", "otp", "token")})
EXAMPLES_PER_OPERATION = 12


def test_the_api_survives_generated_requests(tmp_path: Path) -> None:
    with running_stack("fuzz", {"RATE_LIMITS": GENEROUS}) as stack:
        report = tmp_path / "schemathesis.json"
        command = [
            str(Path(sys.executable).parent / "schemathesis"), "run",
            f"{stack.api}/v1/openapi.json",
            "--checks", "not_a_server_error,response_schema_conformance",
            "--max-examples", str(EXAMPLES_PER_OPERATION), "--seed", "20261130",
            # One worker: two raced in hypothesis' lambda-source cache (SystemError/KeyError
            # inside schemathesis, seen twice on 2026-11-30), failing the run for no API fault.
            "--phases", "examples,coverage,fuzzing", "--workers", "1",
            "--header", "Connection: close",
            "--header", f"Authorization: {admin('沪')['Authorization']}",
            "--report", "json", "--report-json-path", str(report),
            "--no-color", "--request-timeout", "30",
        ]
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True,  # noqa: S603
                                timeout=600, check=False)
        summary = result.stdout[-4000:]
        (ROOT / "test-artifacts").mkdir(exist_ok=True)
        (ROOT / "test-artifacts" / "schemathesis.txt").write_text(result.stdout)
        assert result.returncode == 0, summary
        assert not re.search(r"(?<!\d)0 generated", summary)  # "1330 generated" is fine
        assert "Server error" not in summary
