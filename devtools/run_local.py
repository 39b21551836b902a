"""`make run`: the whole local stack in one command; Ctrl-C stops everything it started.

1. moto_server on 127.0.0.1:$AWS_PORT (default 5000) as DynamoDB, SNS and SQS;
2. the table, event topic and queues, created if missing;
3. demo data (Shanghai courts' staff, a dozen cases with printed query codes);
4. the API: `chalice local --stage local` on http://127.0.0.1:$PORT (default 8000);
5. the worker (devtools/worker.py): the scheduled ticket sweep, every 30 s.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from pathlib import Path
from types import FrameType
from urllib.parse import quote

from devtools.localstack import (
    ROOT,
    Service,
    port_is_free,
    provision,
    start_api,
    start_moto,
    start_worker,
)
from devtools.seed import seed


def _banner(api: str, endpoint: str, cases: list, log_dir: Path) -> str:  # type: ignore[type-arg]
    demo = cases[0]
    lines = [
        "",
        "Court self-service API (local stage) is up.",
        f"  API            {api}   (OpenAPI: {api}/v1/openapi.json)",
        f"  AWS endpoint   {endpoint}   (moto: DynamoDB, SNS, SQS)",
        "  Worker         ticket sweep every 30 s (same handler as the AWS schedule)",
        f"  Logs           {log_dir}/",
        "",
        "Demo cases and their query codes (案件查询码):",
    ]
    width = max(len(c.case_number) for c in cases)
    for case in cases:
        lines.append(
            f"  {case.case_number:<{width}}  {case.query_code}  {case.court}  {case.cause}")
    lines += [
        "",
        "Try it:",
        f"  curl -s -H 'X-Query-Code: {demo.query_code}' \\",
        f"    '{api}/v1/cases/{quote(demo.case_number)}'",
        "",
        "Tokens for other roles: make token ROLE=party PHONE=13812345678 | "
        "ROLE=judge SUB=HP-J01 COURT=沪0101 | ROLE=admin COURT=沪",
        "Press Ctrl-C to stop everything.",
    ]
    return "\n".join(lines)


def main() -> int:
    aws_port = int(os.environ.get("AWS_PORT", "5000"))
    api_port = int(os.environ.get("PORT", "8000"))
    for port, what in ((aws_port, "AWS_PORT"), (api_port, "PORT")):
        if not port_is_free(port):
            print(f"Port {port} is in use; set {what}=<another port> and try again.",
                  file=sys.stderr)
            return 2
    log_dir = ROOT / ".local"
    log_dir.mkdir(exist_ok=True)
    endpoint = f"http://127.0.0.1:{aws_port}"
    services: list[Service] = []
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    try:
        started = time.monotonic()
        services.append(start_moto(aws_port, log_dir / "moto.log"))
        provision(endpoint)
        cases = seed(endpoint)
        services.append(start_api(api_port, endpoint))
        services.append(start_worker(endpoint, log_dir / "worker.log"))
        api = f"http://127.0.0.1:{api_port}"
        print(_banner(api, endpoint, cases, log_dir), flush=True)
        print(f"(ready in {time.monotonic() - started:.1f} s)", flush=True)
        while not stop.wait(0.5):
            for service in services:
                if service.process.poll() is not None:
                    print(f"{service.name} exited ({service.process.returncode}); stopping.",
                          file=sys.stderr)
                    return 1
        return 0
    finally:
        for service in reversed(services):
            service.stop()
        print("Stopped.", flush=True)


if __name__ == "__main__":
    sys.exit(main())
