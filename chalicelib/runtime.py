"""Per-invocation facts that adapters may need, set by the HTTP middleware."""

from __future__ import annotations

import contextvars
from typing import Any

# The Lambda context of the current invocation (chalice local and the test client provide
# a stand-in): idempotency uses its remaining time to expire an in-progress record, so a
# request that dies mid-way does not block its Idempotency-Key for a day.
LAMBDA_CONTEXT: contextvars.ContextVar[Any] = contextvars.ContextVar("lambda_context",
                                                                     default=None)
