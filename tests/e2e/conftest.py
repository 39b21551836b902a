"""End-to-end layer: the real local stack (moto_server + chalice local) on free ports."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests

from devtools.localstack import free_port, provision, start_api, start_moto, start_worker
from devtools.seed import DemoCase, seed


@dataclass
class Stack:
    api: str
    endpoint: str
    cases: list[DemoCase]
    logs: Path

    def sms(self) -> list[tuple[str, str]]:
        """Every SMS the moto server recorded: (phone, text)."""
        data = requests.get(f"{self.endpoint}/_local/sms", timeout=10).json()
        return [(m["phone_number"], m["message"]) for m in data]

    def wait_for_sms(self, predicate: Any, timeout: float = 15.0) -> list[tuple[str, str]]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [m for m in self.sms() if predicate(*m)]
            if found:
                return found
            time.sleep(0.05)
        return []

    def request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        # chalice local stalls ~44 ms per kept-alive request: close every connection.
        headers = {"Connection": "close", **kwargs.pop("headers", {})}
        return requests.request(method, f"{self.api}{path}", headers=headers, timeout=30,
                                **kwargs)


@contextmanager
def running_stack(name: str, api_env: dict[str, str] | None = None) -> Iterator[Stack]:
    """moto + provisioning + demo data + chalice local + worker, on free ports."""
    logs = Path(tempfile.mkdtemp(prefix=f"{name}-logs-"))
    aws_port, api_port = free_port(), free_port()
    endpoint = f"http://127.0.0.1:{aws_port}"
    moto = start_moto(aws_port, logs / "moto.log")
    started = []
    try:
        provision(endpoint)
        cases = seed(endpoint)
        started.append(start_api(api_port, endpoint, logs / "api.log", api_env))
        started.append(start_worker(endpoint, logs / "worker.log",
                                    {"WORKER_SWEEP_SECONDS": "1"}))
        yield Stack(f"http://127.0.0.1:{api_port}", endpoint, cases, logs)
    finally:
        for service in reversed(started):
            service.stop()
        moto.stop()


@pytest.fixture(scope="session")
def stack() -> Iterator[Stack]:
    with running_stack("e2e") as running:
        yield running
