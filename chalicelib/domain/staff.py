"""Court staff directory entries (judges, clerks, hotline agents, division heads)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from chalicelib.domain.errors import Problem, ValidationFailed

STAFF_ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
STAFF_ID_RULE = "工号应为1至64位字母、数字或 _ . -"


def check_staff_id(value: str, field: str) -> None:
    """Refuse a staff id (e.g. from a path) that could not be one, naming ``field``."""
    if not STAFF_ID_PATTERN.match(value):
        raise ValidationFailed(details=[Problem(field, STAFF_ID_RULE)])


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
