"""Statistics: query and figures."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field

from chalicelib.schemas.common import CourtCode, ResponseModel, StrictModel

MAX_RANGE_DAYS = 31
FIRST_DAY, LAST_DAY = dt.date(2000, 1, 1), dt.date(2100, 12, 31)


class DailyQuery(StrictModel):
    """``date=`` for one day, or ``from=&to=`` (at most 31 days); ``court`` defaults to the
    caller's own."""

    model_config = StrictModel.model_config | {"strict": False, "populate_by_name": True}

    date: dt.date | None = Field(default=None, ge=FIRST_DAY, le=LAST_DAY)
    from_: dt.date | None = Field(default=None, alias="from", ge=FIRST_DAY, le=LAST_DAY)
    to: dt.date | None = Field(default=None, ge=FIRST_DAY, le=LAST_DAY)
    court: CourtCode | None = None


class DailyOut(ResponseModel):
    date: str = Field(examples=["2026-11-30"])
    court_code: str
    total: int
    by_channel: dict[str, int]
    by_category: dict[str, int]
    answered_on_spot: int
    dispatched: int
    replied: int
    replied_within_sla: int
    replied_within_sla_rate: float | None = Field(
        description="Replies within the time limit / replies; null before any reply")
    rated: int
    by_score: dict[str, int] = Field(description="1 满意, 2 基本满意, 3 不满意")
    satisfaction_rate: float | None = Field(
        description="(满意 + 基本满意) / rated; null before any rating")


class DailyList(ResponseModel):
    items: list[DailyOut]


Month = Annotated[str, Field(pattern=r"^(20\d\d|2100)-(0[1-9]|1[0-2])$", examples=["2026-11"])]


class AgentsQuery(StrictModel):
    model_config = StrictModel.model_config | {"strict": False}

    month: Month
    court: CourtCode | None = None


class AgentOut(ResponseModel):
    agent_id: str
    name: str = Field(description="From the staff directory; empty if the agent has left it")
    handled: int
    answered_on_spot: int
    mentor_score: float | None
    composite: float
    gold: bool


class AgentList(ResponseModel):
    month: str
    court_code: str
    items: list[AgentOut]


class MentorScoreIn(StrictModel):
    model_config = StrictModel.model_config | {"strict": False}

    month: Month
    score: float = Field(ge=0, le=100, examples=[92.5])


class MentorScoreOut(ResponseModel):
    agent_id: str
    court_code: str
    month: str
    score: float
