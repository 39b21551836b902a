"""Measure event -> SMS latency through the local relay, queue and sender.

    .venv/bin/python -m devtools.measure_notifications --events 200

Starts its own moto server and worker on free ports, writes ``--events`` callback
requests (each a TICKET_CREATED event whose receipt goes to a distinct phone) at
``--rate`` per second through the real ticket service, and watches moto's SMS record
every 20 ms. Latency is from the moment the ticket's transaction returned to the moment
its receipt appeared in moto. Prints median, p95 and max, and writes JSON with --json.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import requests

from devtools.localstack import aws_env, free_port, provision, stage_env, start_moto, start_worker

CASE = "（2026）沪0101民初1234号"
TICKET_IN_RECEIPT = re.compile(r"已受理，工单号(GD\d{8}-\d+)")
CODE = "BENCH001"


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _seed(container: Any) -> None:
    from chalicelib.domain.access import Principal, Role
    from chalicelib.schemas.cases import CaseSyncIn
    from chalicelib.schemas.staff import StaffIn

    admin = Principal("bench", Role.ADMIN, court="沪")
    container.staff.upsert("B-J01", StaffIn.model_validate_json(json.dumps({
        "name": "王法官", "role": "judge", "court_code": "沪0101", "division": "民一庭",
        "phone": "13900000001"})), admin)
    container.cases.sync(CASE, CaseSyncIn.model_validate_json(json.dumps({
        "court_code": "沪0101", "cause": "民间借贷纠纷", "status": "IN_TRIAL",
        "procedure": "SUMMARY", "filed_on": "2026-03-02", "judge_id": "B-J01",
        "parties": [{"role": "原告", "name": "李四"}], "hearings": [], "query_code": CODE},
        ensure_ascii=False)), admin)


class Watcher(threading.Thread):
    """Polls moto's SMS record and notes when each text first appears."""

    def __init__(self, endpoint: str) -> None:
        super().__init__(daemon=True)
        self._endpoint = endpoint
        self.seen: dict[str, float] = {}
        self.stop = threading.Event()

    def run(self) -> None:
        session = requests.Session()
        while not self.stop.is_set():
            data = session.get(f"{self._endpoint}/_local/sms", timeout=10).json()
            now = time.monotonic()
            for message in data:
                self.seen.setdefault(message["message"], now)
            time.sleep(0.02)


def measure(events: int, rate: float, relay_seconds: str) -> dict[str, Any]:
    logs = Path(tempfile.mkdtemp(prefix="measure-sms-"))
    port = free_port()
    endpoint = f"http://127.0.0.1:{port}"
    moto = start_moto(port, logs / "moto.log")
    worker = None
    try:
        provision(endpoint)
        os.environ.update({**stage_env(), **aws_env(endpoint)})
        from chalicelib.bootstrap import Container
        from chalicelib.config import Settings
        from chalicelib.schemas.tickets import CallbackIn

        container = Container.build(Settings.from_env(os.environ))
        _seed(container)
        worker = start_worker(endpoint, logs / "worker.log",
                              {"WORKER_RELAY_SECONDS": relay_seconds,
                               "WORKER_SWEEP_SECONDS": "3600"})
        watcher = Watcher(endpoint)
        watcher.start()
        time.sleep(1.0)  # the case's own events drain first
        written: dict[str, float] = {}
        for i in range(events):
            phone = f"1370000{i:04d}"
            data = CallbackIn.model_validate_json(json.dumps({"phone": phone,
                                                              "message": "请法官回电"}))
            ticket = container.tickets.request_callback(CASE, data, None, CODE, "bench", None)
            written[ticket.ticket_id] = time.monotonic()
            time.sleep(1.0 / rate)
        deadline = time.monotonic() + 60
        latencies: dict[str, float] = {}
        while time.monotonic() < deadline and len(latencies) < events:
            for text, at in list(watcher.seen.items()):
                match = TICKET_IN_RECEIPT.search(text)
                if match and match[1] in written and match[1] not in latencies:
                    latencies[match[1]] = at - written[match[1]]
            time.sleep(0.1)
        watcher.stop.set()
        values = list(latencies.values())
        return {
            "events": events, "delivered": len(values), "rate_per_s": rate,
            "relay_interval_s": float(relay_seconds),
            "latency_median_ms": round(statistics.median(values) * 1000, 1) if values else None,
            "latency_p95_ms": round(_percentile(values, 0.95) * 1000, 1) if values else None,
            "latency_max_ms": round(max(values) * 1000, 1) if values else None,
        }
    finally:
        if worker is not None:
            worker.stop()
        moto.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=200)
    parser.add_argument("--rate", type=float, default=20.0, help="events written per second")
    parser.add_argument("--relay-seconds", default="0.2", help="worker relay interval")
    parser.add_argument("--json", type=Path, help="also write the result here")
    args = parser.parse_args(argv)
    result = measure(args.events, args.rate, args.relay_seconds)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    return 0 if result["delivered"] == result["events"] else 1


if __name__ == "__main__":
    sys.exit(main())
