"""Applying the rate-limit rules: one counter update per bucket, 429 past the limit."""

from __future__ import annotations

from chalicelib.domain.clock import Clock
from chalicelib.domain.errors import RateLimited
from chalicelib.domain.rate_limits import RateRule, window
from chalicelib.observability import count
from chalicelib.services.ports import RateCounter


class RateLimits:
    def __init__(self, counter: RateCounter, rules: dict[str, RateRule], clock: Clock) -> None:
        self._counter = counter
        self._rules = rules
        self._clock = clock

    def check(self, rule_name: str, client: str, target: str | None = None) -> None:
        """Count this request; raise `RateLimited` (with the seconds to wait) past a limit."""
        rule = self._rules[rule_name]
        start, end = window(self._clock.now(), rule.window_seconds)
        retry_after = max(1, end - int(self._clock.now().timestamp()))
        if self._counter.hit(f"{rule_name}:client", client, start, end) > rule.per_client:
            count("RateLimited", rule=rule_name, by="client")
            raise RateLimited(retry_after)
        if target is not None and rule.per_target is not None and self._counter.hit(
                f"{rule_name}:target", target, start, end) > rule.per_target:
            count("RateLimited", rule=rule_name, by="target")
            raise RateLimited(retry_after)
