"""Courts: code structure (案号规定第五条), the directory of names, and staff court scope."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from chalicelib.domain.data.courts import COURTS, PROVINCES

SUPREME_COURT_CODE: Final = "最高法"
PROVINCE_CODES: Final = frozenset(PROVINCES)


@dataclass(frozen=True)
class Court:
    code: str
    name: str | None  # None: well-formed code that the directory does not know
    level: str | None = None


def court(code: str) -> Court:
    """Directory entry for a court code; unknown (but well-formed) codes have no name."""
    entry = COURTS.get(code)
    if entry is None:
        return Court(code, None, None)
    return Court(code, entry[0], entry[1])


def known_courts() -> list[Court]:
    return [Court(code, name, level) for code, (name, level) in COURTS.items()]


def covers(staff_court: str, case_court: str) -> bool:
    """Does staff of ``staff_court`` serve cases of ``case_court``?

    A court serves its own cases. A high court (bare province code, e.g. ``沪``) runs the
    province's 12368 platform and serves every court of the province. Intermediate courts
    get no prefix rule: basic-court codes follow administrative divisions, not appeal
    routes (every Shanghai district court is 沪01xx, yet appeals go to 沪01, 沪02 or 沪03),
    so a prefix would be wrong.
    The Supreme People's Court's staff serve every court.
    """
    if staff_court in (case_court, SUPREME_COURT_CODE):
        return True
    return len(staff_court) == 1 and staff_court in PROVINCE_CODES and (
        case_court.startswith(staff_court)
    )
