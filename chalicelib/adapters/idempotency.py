"""`Idempotency-Key` on creation, with powertools' idempotency utility on the single table.

Records live under one partition (``pk = IDEMPOTENCY``, ``sk = {scope prefix}#{hash of the
key}``), expire after 24 hours through the table's TTL attribute, and keep the hash of the
request body, so the same key with another body is refused. powertools (and boto3 with it)
is imported on the first request that sends a key, not at cold start; it shares the
PynamoDB connection's botocore client instead of building a second one.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from typing import Any

from chalicelib.domain.errors import Conflict, IdempotencyKeyReused
from chalicelib.runtime import LAMBDA_CONTEXT
from chalicelib.services.ports import IdempotencyStore

EXPIRES_AFTER_SECONDS = 24 * 3600


class PowertoolsIdempotency(IdempotencyStore):
    def __init__(self, table_name: str, client: Callable[[], Any]) -> None:
        self._table_name = table_name
        self._client = client
        self._layer: Any = None
        self._lock = threading.Lock()

    def _persistence(self) -> Any:
        with self._lock:
            if self._layer is None:
                from aws_lambda_powertools.utilities.idempotency import DynamoDBPersistenceLayer

                self._layer = DynamoDBPersistenceLayer(
                    table_name=self._table_name, key_attr="pk", sort_key_attr="sk",
                    static_pk_value="IDEMPOTENCY", expiry_attr="ttl",
                    boto3_client=self._client(),
                )
            return self._layer

    def run(self, scope: str, key: str, payload: Mapping[str, Any],
            create: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        from aws_lambda_powertools.utilities.idempotency import (
            IdempotencyConfig,
            idempotent_function,
        )
        from aws_lambda_powertools.utilities.idempotency.exceptions import (
            IdempotencyAlreadyInProgressError,
            IdempotencyValidationError,
        )

        config = IdempotencyConfig(
            event_key_jmespath="key", payload_validation_jmespath="payload",
            raise_on_no_idempotency_key=True, expires_after_seconds=EXPIRES_AFTER_SECONDS,
            use_local_cache=False,
        )
        context = LAMBDA_CONTEXT.get()
        if context is not None and hasattr(context, "get_remaining_time_in_millis"):
            config.register_lambda_context(context)

        def create_for(request: dict[str, Any]) -> dict[str, Any]:
            return create()

        create_once: Callable[..., dict[str, Any]] = idempotent_function(
            create_for, data_keyword_argument="request", config=config,
            persistence_store=self._persistence(), key_prefix=scope)

        try:
            result: dict[str, Any] = create_once(request={"key": key, "payload": dict(payload)})
        except IdempotencyValidationError:
            raise IdempotencyKeyReused() from None
        except IdempotencyAlreadyInProgressError:
            raise Conflict("使用该幂等键的请求正在处理中，请您稍后重试。") from None
        return result
