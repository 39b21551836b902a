"""Procedural deadlines across 2026's holidays, counted by hand.

2026 (chinesecalendar, per the State Council's notice): 元旦 1月1–3日 off, 1月4日 (Sun)
worked; 春节 2月15–23日 off, 2月14日 (Sat) and 2月28日 (Sat) worked; 清明 4月4–6日;
劳动节 5月1–5日 off, 5月9日 (Sat) worked; 端午 6月19–21日; 中秋 9月25–27日;
国庆 10月1–7日 off, 9月20日 (Sun) and 10月10日 (Sat) worked.
The start day is not counted; a last day on a rest day moves to the next working day.
"""

from __future__ import annotations

from datetime import date

import pytest

from chalicelib.domain.calendar import WorkingCalendar, published_year
from chalicelib.domain.deadlines import DeadlineKind, deadline
from chalicelib.domain.errors import CalendarUnavailable

K = DeadlineKind
CAL = WorkingCalendar(lambda year: None)


@pytest.mark.parametrize(("kind", "start", "due", "extended", "why"), [
    (K.APPEAL_JUDGMENT, date(2026, 2, 1), date(2026, 2, 24), True,
     "2-1 + 15 = 2-16, inside 春节 (15–23 off) -> Tue 2-24"),
    (K.APPEAL_JUDGMENT, date(2026, 1, 30), date(2026, 2, 14), False,
     "1-30 + 15 = 2-14, a Saturday worked (调休) -> stays"),
    (K.APPEAL_RULING, date(2026, 4, 24), date(2026, 5, 6), True,
     "4-24 + 10 = 5-4, inside 劳动节 (1–5 off) -> Wed 5-6"),
    (K.APPEAL_RULING, date(2026, 4, 29), date(2026, 5, 9), False,
     "4-29 + 10 = 5-9, a Saturday worked -> stays"),
    (K.DEFENSE, date(2026, 6, 4), date(2026, 6, 22), True,
     "6-4 + 15 = 6-19, 端午 (19–21 off) -> Mon 6-22"),
    (K.APPEAL_JUDGMENT, date(2026, 9, 12), date(2026, 9, 28), True,
     "9-12 + 15 = 9-27, 中秋 (25–27 off) -> Mon 9-28"),
    (K.APPEAL_JUDGMENT, date(2026, 9, 20), date(2026, 10, 8), True,
     "9-20 + 15 = 10-5, 国庆 (1–7 off) -> Thu 10-8; holidays inside are not taken out"),
    (K.APPEAL_RULING, date(2026, 9, 30), date(2026, 10, 10), False,
     "9-30 + 10 = 10-10, a Saturday worked -> stays"),
    (K.FEE_PAYMENT, date(2026, 10, 4), date(2026, 10, 12), True,
     "10-4 + 7 = 10-11, a Sunday -> Mon 10-12"),
    (K.EVIDENCE, date(2026, 3, 5), date(2026, 3, 20), False, "3-5 + 15 = 3-20 (Fri)"),
    (K.RETRIAL_APPLICATION, date(2026, 3, 31), date(2026, 9, 30), False,
     "6 months from 3-31 -> 9-30 (no 9-31: the month's last day), a Wednesday"),
    (K.RETRIAL_APPLICATION, date(2026, 4, 1), date(2026, 10, 8), True,
     "6 months from 4-1 -> 10-1, 国庆 -> Thu 10-8"),
    (K.ENFORCEMENT_APPLICATION, date(2024, 12, 1), date(2026, 12, 1), False,
     "2 years from 2024-12-1 -> 2026-12-1 (Tue)"),
])
def test_deadlines_across_2026_holidays(kind: DeadlineKind, start: date, due: date,
                                        extended: bool, why: str) -> None:
    result = deadline(kind, start, CAL)
    assert (result.due, result.extended) == (due, extended), why


def test_the_near_misses() -> None:
    # 1-22 + 15 = 2-6 (Fri), a working day: no extension.
    assert deadline(K.APPEAL_JUDGMENT, date(2026, 1, 22), CAL).due == date(2026, 2, 6)
    # 9-5 + 15 = 9-20 (Sun) — but 9-20 is a make-up workday: it stays.
    result = deadline(K.APPEAL_JUDGMENT, date(2026, 9, 5), CAL)
    assert (result.due, result.extended) == (date(2026, 9, 20), False)


def test_foreign_domicile_gives_thirty_days() -> None:
    # 9-1 + 30 = 10-1, 国庆 -> 10-8.
    result = deadline(K.APPEAL_JUDGMENT, date(2026, 9, 1), CAL, foreign_domicile=True)
    assert (result.due, result.period.days) == (date(2026, 10, 8), 30)
    assert deadline(K.DEFENSE, date(2026, 3, 2), CAL, foreign_domicile=True).due == date(
        2026, 4, 1)  # 3-2 + 30 = 4-1 (Wed)
    assert deadline(K.FEE_PAYMENT, date(2026, 3, 2), CAL, foreign_domicile=True).due == date(
        2026, 3, 9)  # no foreign period for fees: 7 days


def test_unknown_years_fail_closed_and_published_years_work() -> None:
    with pytest.raises(CalendarUnavailable):
        deadline(K.APPEAL_JUDGMENT, date(2026, 12, 25), CAL)  # ends 2027-01-09
    year = published_year(2027, [date(2027, 1, 1)], [])
    published = WorkingCalendar(lambda y: year if y == 2027 else None)
    # 12-25 + 15 = 2027-01-09, a Saturday -> Mon 2027-01-11.
    assert deadline(K.APPEAL_JUDGMENT, date(2026, 12, 25), published).due == date(2027, 1, 11)
