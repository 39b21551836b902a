"""Rate-limit counters: one atomic `ADD` per request and bucket, expiring by TTL."""

from __future__ import annotations

from datetime import UTC, datetime

from chalicelib.adapters.dynamodb.keys import KeyMaker
from chalicelib.adapters.dynamodb.models import RateItem
from chalicelib.services.ports import RateCounter

TTL_SLACK_SECONDS = 60


class DynamoRateCounter(RateCounter):
    def __init__(self, keys: KeyMaker) -> None:
        self._keys = keys

    def hit(self, bucket: str, subject: str, window_start: int, window_end: int) -> int:
        key = self._keys.rate(bucket, subject, window_start)
        item = RateItem(key.pk, key.sk)
        expires = datetime.fromtimestamp(window_end + TTL_SLACK_SECONDS, UTC)
        item.update(actions=[RateItem.hits.add(1), RateItem.expires_at.set(expires)])
        return int(item.hits)
