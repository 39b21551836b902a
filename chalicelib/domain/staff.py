"""Court staff directory entries (judges, clerks, hotline agents, division heads)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

STAFF_ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


class StaffRole(StrEnum):
    JUDGE = "judge"
    CLERK = "clerk"
    AGENT = "agent"
    DIVISION_HEAD = "division_head"


@dataclass(frozen=True)
class StaffMember:
    staff_id: str
    name: str
    role: StaffRole
    court_code: str
    division: str
    phone: str  # E.164
    supervisor_id: str | None = None
