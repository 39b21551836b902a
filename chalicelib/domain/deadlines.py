"""Procedural deadlines (期间) for the deadline calculator.

How a period is counted — 《中华人民共和国民事诉讼法》（2023年修正）第八十五条: periods are
counted in hours, days, months and years; the day (or hour) on which the period starts is
not counted; when the last day falls on a statutory holiday, the period ends on the first
day after the holiday. Weekends count as rest days as well, and make-up workdays (调休) as
working days; holidays inside the period are not taken out. A period in months ends on the
same date of the last month, or on that month's last day if it has no such date.

The last day must be checked against the calendar, so a year no calendar source knows makes
the calculation fail (CALENDAR_UNAVAILABLE) instead of guessing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from chalicelib.domain.calendar import WorkingCalendar
from chalicelib.domain.cases import add_months

CPL = "《中华人民共和国民事诉讼法》（2023年修正）"


class DeadlineKind(StrEnum):
    APPEAL_JUDGMENT = "APPEAL_JUDGMENT"
    APPEAL_RULING = "APPEAL_RULING"
    DEFENSE = "DEFENSE"
    EVIDENCE = "EVIDENCE"
    FEE_PAYMENT = "FEE_PAYMENT"
    RETRIAL_APPLICATION = "RETRIAL_APPLICATION"
    ENFORCEMENT_APPLICATION = "ENFORCEMENT_APPLICATION"


@dataclass(frozen=True)
class Period:
    days: int | None
    months: int | None
    basis: str
    starts: str  # what the start date is, in words


PERIODS: dict[DeadlineKind, Period] = {
    DeadlineKind.APPEAL_JUDGMENT: Period(15, None, f"{CPL}第一百七十一条第一款",
                                         "判决书送达之日"),
    DeadlineKind.APPEAL_RULING: Period(10, None, f"{CPL}第一百七十一条第二款",
                                       "裁定书送达之日"),
    DeadlineKind.DEFENSE: Period(15, None, f"{CPL}第一百二十八条第一款", "收到起诉状副本之日"),
    DeadlineKind.EVIDENCE: Period(
        15, None, "《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第九十九条"
        "（第一审普通程序举证期限不得少于十五日，以法院指定为准）", "收到举证通知之日"),
    DeadlineKind.FEE_PAYMENT: Period(7, None, "《诉讼费用交纳办法》第二十二条",
                                     "接到交纳诉讼费用通知之日"),
    DeadlineKind.RETRIAL_APPLICATION: Period(None, 6, f"{CPL}第二百一十六条",
                                             "判决、裁定发生法律效力之日"),
    DeadlineKind.ENFORCEMENT_APPLICATION: Period(
        None, 24, f"{CPL}第二百五十条（申请执行的期间为二年）", "法律文书规定履行期间的最后一日"),
}
# A party with no domicile in the PRC has 30 days to defend and to appeal.
FOREIGN_PERIODS: dict[DeadlineKind, Period] = {
    DeadlineKind.DEFENSE: Period(30, None, f"{CPL}第二百八十五条", "收到起诉状副本之日"),
    DeadlineKind.APPEAL_JUDGMENT: Period(30, None, f"{CPL}第二百八十六条", "判决书送达之日"),
    DeadlineKind.APPEAL_RULING: Period(30, None, f"{CPL}第二百八十六条", "裁定书送达之日"),
}
COUNTING = f"{CPL}第八十五条"


@dataclass(frozen=True)
class Deadline:
    due: date
    period: Period
    nominal: date  # before moving off a rest day

    @property
    def extended(self) -> bool:
        return self.due != self.nominal


def deadline(kind: DeadlineKind, start: date, calendar: WorkingCalendar,
             foreign_domicile: bool = False) -> Deadline:
    """When the period of ``kind`` that starts on ``start`` ends (strict calendar)."""
    period = (FOREIGN_PERIODS.get(kind) if foreign_domicile else None) or PERIODS[kind]
    if period.days is not None:
        nominal = start + timedelta(days=period.days)  # the start day itself is not counted
    else:
        nominal = add_months(start, period.months or 0)
    due, _ = calendar.on_or_after(nominal, strict=True)
    return Deadline(due, period, nominal)
