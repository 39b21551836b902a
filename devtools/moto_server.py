"""moto's server, with every request handled one at a time.

`moto_server` runs a threaded werkzeug server, and moto checks a TransactWriteItems'
conditions and applies its writes without a lock: two concurrent conditional writes on
one item can both succeed (seen here in 1 of ~36 runs of
`tests/integration/test_ticket_repository_contract.py::test_parallel_transitions_have_one_winner`).
DynamoDB itself never allows that, and the service relies on it (version conditions). This
launcher keeps connections concurrent (keep-alive clients do not block each other) but
serialises the handling of requests, which gives DynamoDB's atomicity back.

Usage: python -m devtools.moto_server -H 127.0.0.1 -p 5000
"""

from __future__ import annotations

import argparse
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


class Serialised:
    """WSGI middleware: one request at a time through the wrapped application."""

    def __init__(self, app: Callable[..., Iterable[bytes]]) -> None:
        self._app = app
        self._lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        with self._lock:
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
    app = DomainDispatcherApplication(create_backend_app)
    run_simple(args.host, args.port, Serialised(app), threaded=True,
               request_handler=MotoRequestHandler)


if __name__ == "__main__":
    main()
