"""Who is asking, and what they may see.

Roles come from the token (API contract, "Authentication"): ``party`` (a member of the
public signed in by SMS code, identified by phone), and court staff ``agent``, ``judge``,
``admin`` (scoped to the court in their token). Anyone may also present a case's query
code (案件查询码) instead of signing in.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from chalicelib.domain.courts import covers


class Role(StrEnum):
    PARTY = "party"
    AGENT = "agent"
    JUDGE = "judge"
    ADMIN = "admin"


STAFF_ROLES = frozenset({Role.AGENT, Role.JUDGE, Role.ADMIN})


class Audience(StrEnum):
    """How much of a case a reader may see."""

    STAFF = "staff"  # everything, identifiers unmasked
    PARTY = "party"  # names, phones masked
    QUERY_CODE = "query_code"  # natural persons' names masked, no phones


@dataclass(frozen=True)
class Principal:
    subject: str
    role: Role
    name: str = ""
    court: str | None = None  # staff only
    phone: str | None = None  # parties only, E.164

    @property
    def is_staff(self) -> bool:
        return self.role in STAFF_ROLES

    def serves(self, court_code: str) -> bool:
        """Staff whose court covers ``court_code``."""
        return self.is_staff and self.court is not None and covers(self.court, court_code)
