"""Time in Asia/Shanghai, and the clock port.

China has used UTC+08:00 all year since 1991, so a fixed offset is exact for every date
the service handles and needs no tz database in the Lambda image.
"""

from __future__ import annotations

import os
import time
from datetime import date, datetime, timedelta, timezone
from typing import Protocol

SHANGHAI = timezone(timedelta(hours=8), "Asia/Shanghai")


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(SHANGHAI)


def to_shanghai(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("naive datetimes are not allowed")
    return moment.astimezone(SHANGHAI)


def iso(moment: datetime) -> str:
    """ISO 8601 with the +08:00 offset, to the second: ``2026-11-30T09:30:00+08:00``."""
    return to_shanghai(moment).replace(microsecond=0).isoformat()


def day_of(moment: datetime) -> date:
    """The calendar day in Shanghai."""
    return to_shanghai(moment).date()


def new_id(moment: datetime | None = None) -> str:
    """A unique id that sorts by creation time: 13-digit epoch ms + 12 random hex digits."""
    ms = int((moment.timestamp() if moment else time.time()) * 1000)
    return f"{ms:013d}{os.urandom(6).hex()}"
