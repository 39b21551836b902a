"""Statistics routes."""

from __future__ import annotations

from chalice.app import Blueprint

from chalicelib.api.http import Call, endpoint
from chalicelib.bootstrap import container
from chalicelib.schemas.stats import DailyList, DailyOut, DailyQuery

bp = Blueprint(__name__)


@endpoint(bp, "/v1/stats/daily", tags=("statistics",), summary="A court's service figures",
          query=DailyQuery, response=DailyOut, errors=(400, 401, 403),
          description="`date=` answers one day (one GetItem); `from=&to=` (at most 31 days) "
                      "answers `{items: [...]}`, one object per day, from one Query.")
def daily(call: Call) -> DailyOut | DailyList:
    return container().stats.daily(call.principal, call.query)
