"""Rate limits on unauthenticated routes (API contract, "Conventions").

Fixed windows per (rule, client address) and, where guessing or flooding one target is
the risk, per (rule, target): a case number for query-code lookups and callback requests,
a phone for sign-in codes. Defaults follow the contract and can be changed per stage with
``RATE_LIMITS`` (JSON: ``{"case_lookup": {"per_client": 60, "per_target": 30}}``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import datetime


@dataclass(frozen=True)
class RateRule:
    per_client: int
    per_target: int | None = None
    window_seconds: int = 60


DEFAULT_RULES: dict[str, RateRule] = {
    # query-code lookups and callback requests: 60 a minute per client address; for a
    # lookup the per-target figure counts wrong codes for one case number from everyone
    # (chalicelib.services.case_access), so a right code costs no extra write
    "case_lookup": RateRule(per_client=60, per_target=30),
    "callback": RateRule(per_client=60, per_target=20),
    # sign-in codes: per address (an SMS bomber rotates phones); per phone is enforced by
    # the code store itself (1 per 60 s, 10 a day)
    "otp": RateRule(per_client=20),
    "token": RateRule(per_client=60),
    # consultation search and calculators: 300 a minute per client address
    "consultation": RateRule(per_client=300),
    "calculator": RateRule(per_client=300),
}


def rules_from_json(text: str | None) -> dict[str, RateRule]:
    rules = dict(DEFAULT_RULES)
    if not text:
        return rules
    raw = json.loads(text)
    if not isinstance(raw, dict):
        raise ValueError("RATE_LIMITS must be a JSON object")
    for name, values in raw.items():
        if name not in rules or not isinstance(values, dict):
            raise ValueError(f"unknown rate-limit rule {name!r}")
        changes = {k: _positive(k, v) for k, v in values.items()}
        rules[name] = replace(rules[name], **changes)
    return rules


def _positive(name: str, value: object) -> int:
    if name not in ("per_client", "per_target", "window_seconds"):
        raise ValueError(f"unknown rate-limit field {name!r}")
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ValueError(f"{name} must be a positive integer")
    return value


def window(now: datetime, seconds: int) -> tuple[int, int]:
    """(start, end) of the fixed window holding ``now``, in epoch seconds."""
    epoch = int(now.timestamp())
    start = epoch - epoch % seconds
    return start, start + seconds
