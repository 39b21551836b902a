"""Service-level deadlines of tickets, counted in working days.

A ticket is due at the end (23:59:59, Asia/Shanghai) of the N-th working day after the day
it was created; the creation day itself is not counted. Contacting the judge is due within
2 working days unless the court configures otherwise (DESIGN, "Contact-the-judge SLA");
other categories have defaults of their own, all configurable per court and category
(setting ``SLA_WORKING_DAYS``). An overdue ticket still unreplied at the end of the next
working day after its due date is escalated (督办) to the assignee's division head.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time

from chalicelib.domain.calendar import WorkingCalendar
from chalicelib.domain.clock import SHANGHAI, day_of
from chalicelib.domain.tickets import Category

DEFAULT_WORKING_DAYS: Mapping[Category, int] = {
    Category.CONTACT_JUDGE: 2,
    Category.CASE_INQUIRY: 2,
    Category.CONSULTATION: 2,
    Category.COMPLAINT: 5,
    Category.SUGGESTION: 5,
    Category.OTHER: 3,
}


@dataclass(frozen=True)
class SlaPolicy:
    defaults: Mapping[Category, int] = field(default_factory=lambda: dict(DEFAULT_WORKING_DAYS))
    by_court: Mapping[str, Mapping[Category, int]] = field(default_factory=dict)

    def working_days(self, court_code: str, category: Category) -> int:
        court = self.by_court.get(court_code, {})
        return court.get(category, self.defaults.get(category, DEFAULT_WORKING_DAYS[category]))

    @classmethod
    def from_json(cls, text: str | None) -> SlaPolicy:
        """``{"default": {"COMPLAINT": 3}, "沪0115": {"CONTACT_JUDGE": 3}}``; empty -> defaults."""
        if not text:
            return cls()
        raw = json.loads(text)
        if not isinstance(raw, dict):
            raise ValueError("SLA_WORKING_DAYS must be a JSON object")
        table = {scope: {Category(k): _positive(v) for k, v in days.items()}
                 for scope, days in raw.items()}
        defaults = {**DEFAULT_WORKING_DAYS, **table.pop("default", {})}
        return cls(defaults, table)


def _positive(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 30:
        raise ValueError(f"SLA working days must be an integer 1..30, not {value!r}")
    return value


def end_of_day(day: date) -> datetime:
    return datetime.combine(day, time(23, 59, 59), SHANGHAI)


def due_at(calendar: WorkingCalendar, created_at: datetime,
           working_days: int) -> tuple[datetime, bool]:
    """(due time, provisional): lenient, so a request never fails for want of calendar data."""
    day, provisional = calendar.add_working_days(day_of(created_at), working_days, strict=False)
    return end_of_day(day), provisional


def escalation_at(calendar: WorkingCalendar, due: datetime) -> datetime:
    """End of the first working day after the due day."""
    day, _ = calendar.add_working_days(day_of(due), 1, strict=False)
    return end_of_day(day)
