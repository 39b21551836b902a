"""moto's server, with every request handled one at a time.

`moto_server` runs a threaded werkzeug server, and moto checks a TransactWriteItems'
conditions and applies its writes without a lock: two concurrent conditional writes on
one item can both succeed (seen here in 1 of ~36 runs of
`tests/integration/test_ticket_repository_contract.py::test_parallel_transitions_have_one_winner`).
DynamoDB itself never allows that, and the service relies on it (version conditions). This
launcher keeps connections concurrent (keep-alive clients do not block each other) but
serialises the handling of requests, which gives DynamoDB's atomicity back. It also makes
transactions cost what they touch (see `devtools/moto_transactions.py`).

Usage: python -m devtools.moto_server -H 127.0.0.1 -p 5000
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from collections.abc import Callable, Iterable
from types import FrameType
from typing import Any

from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)
from werkzeug.serving import run_simple

from devtools import moto_transactions

SMS_PATH = "/_local/sms"


def recorded_sms() -> list[dict[str, str]]:
    """Every SMS moto has recorded, in order (all accounts and regions)."""
    from moto.sns.models import sns_backends

    messages = []
    for account in sns_backends.values():
        for backend in account.values():
            for message_id, (phone, text) in list(backend.sms_messages.items()):
                messages.append({"id": message_id, "phone_number": phone, "message": text})
    return messages


class Serialised:
    """WSGI middleware: one request at a time through the wrapped application.

    Also answers ``GET /_local/sms`` with moto's recorded SMS only: `/moto-api/data.json`
    serialises every backend (the whole table included) and gets slow as data grows.
    """

    def __init__(self, app: Callable[..., Iterable[bytes]]) -> None:
        self._app = app
        self._lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        with self._lock:
            if environ.get("PATH_INFO") == SMS_PATH:
                body = json.dumps(recorded_sms(), ensure_ascii=False).encode()
                start_response("200 OK", [("Content-Type", "application/json"),
                                          ("Content-Length", str(len(body)))])
                return [body]
            return list(self._app(environ, start_response))


def _stop(signum: int, frame: FrameType | None) -> None:
    sys.exit(0)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-H", "--host", default="127.0.0.1")
    parser.add_argument("-p", "--port", type=int, default=5000)
    args = parser.parse_args(argv)
    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    moto_transactions.install()
    app = DomainDispatcherApplication(create_backend_app)
    run_simple(args.host, args.port, Serialised(app), threaded=True,
               request_handler=MotoRequestHandler)


if __name__ == "__main__":
    main()
