"""The local worker: what AWS runs on schedules (and, later, on queues and streams).

In AWS, EventBridge invokes the `ticket-sweep` Lambda every 5 minutes. Locally this process
calls the very same Chalice handler (`app.ticket_sweep`) every ``WORKER_SWEEP_SECONDS``
(default 30) against the moto endpoint, so `make run` exercises the whole flow.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from types import FrameType
from typing import Any


def _scheduled_event() -> dict[str, Any]:
    return {"version": "0", "id": "local", "detail-type": "Scheduled Event",
            "source": "aws.events", "account": "123456789012",
            "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "region": os.environ.get("AWS_DEFAULT_REGION", "cn-north-1"),
            "resources": [], "detail": {}}


def main() -> int:
    from app import app, ticket_sweep
    from chalicelib.observability import logger

    interval = float(os.environ.get("WORKER_SWEEP_SECONDS", "30"))
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    logger.info("worker started", extra={"sweep_every_s": interval, "app": app.app_name})
    while not stop.is_set():
        try:
            result = ticket_sweep(_scheduled_event(), None)
            logger.info("sweep", extra=result)
        except Exception:
            logger.exception("sweep failed")
        stop.wait(interval)
    return 0


if __name__ == "__main__":
    sys.exit(main())
