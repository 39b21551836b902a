"""Statistics routes."""

from __future__ import annotations

from chalice.app import Blueprint, Response

from chalicelib.api.http import Call, endpoint
from chalicelib.bootstrap import container
from chalicelib.domain.staff import check_staff_id
from chalicelib.schemas.stats import (
    AgentList,
    AgentsQuery,
    DailyList,
    DailyOut,
    DailyQuery,
    MentorScoreIn,
    MentorScoreOut,
)

bp = Blueprint(__name__)


@endpoint(bp, "/v1/stats/daily", tags=("statistics",), summary="A court's service figures",
          query=DailyQuery, response=DailyOut, errors=(400, 401, 403),
          description="`date=` answers one day (one GetItem); `from=&to=` (at most 31 days) "
                      "answers `{items: [...]}`, one object per day, from one Query.")
def daily(call: Call) -> DailyOut | DailyList:
    return container().stats.daily(call.principal, call.query)


@endpoint(bp, "/v1/stats/daily.svg", tags=("statistics",),
          summary="Services per day by channel and the satisfaction rate, as an SVG chart",
          query=DailyQuery, errors=(400, 401, 403), response_content_type="image/svg+xml",
          description="The same query and the same single read as `/v1/stats/daily`; "
                      "hand-built SVG (no plotting library in the Lambda).")
def daily_svg(call: Call) -> Response:
    svg = container().stats.daily_chart(call.principal, call.query)
    return Response(body=svg, status_code=200,
                    headers={"Content-Type": "image/svg+xml; charset=utf-8",
                             "Cache-Control": "private, max-age=60"})


@endpoint(bp, "/v1/stats/agents", tags=("statistics",),
          summary="The month's agents ranked, with the gold agents (金牌座席员)",
          query=AgentsQuery, response=AgentList, errors=(400, 401, 403),
          description="Composite = 70% calls handled (normalised to the best agent) + 30% "
                      "mentor score; gold = the top 2 and anyone within 1 point of the second "
                      "(defaults; `GOLD_RULE`). One Query + one BatchGetItem for names.")
def agents(call: Call) -> AgentList:
    return container().stats.agents(call.principal, call.query)


@endpoint(bp, "/v1/admin/agents/{agent_id}/mentor-score", method="PUT", tags=("admin",),
          summary="Record the mentor's score (0..100) for an agent's month",
          body=MentorScoreIn, response=MentorScoreOut, errors=(400, 401, 403, 404, 413))
def mentor_score(call: Call, agent_id: str) -> MentorScoreOut:
    check_staff_id(agent_id, "agent_id")
    return container().stats.set_mentor_score(call.principal, agent_id, call.body)
