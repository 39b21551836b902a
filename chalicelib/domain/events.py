"""Domain events: what a state change announces.

An event is written in the same DynamoDB transaction as the change it announces (the
transactional outbox); the notifications flow relays it to SNS, and consumers (SMS,
statistics) read what they need from it. Payloads carry identifiers, never phone numbers
or ID numbers: consumers that must contact someone look the person up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class DomainEvent:
    event_id: str
    type: str
    at: datetime
    aggregate: str  # "case" | "ticket"
    aggregate_id: str  # canonical case number, ticket id
    court_code: str
    label: str = ""
    payload: dict[str, Any] = field(default_factory=dict)
