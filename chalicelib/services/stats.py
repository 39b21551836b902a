"""Statistics: counting ticket events once, and reading a court's figures."""

from __future__ import annotations

from datetime import date, timedelta

from chalicelib.domain.access import Principal, Role
from chalicelib.domain.charts import daily_chart
from chalicelib.domain.errors import (
    NotFound,
    Problem,
    Unauthenticated,
    ValidationFailed,
)
from chalicelib.domain.events import DomainEvent
from chalicelib.domain.staff import StaffRole
from chalicelib.domain.stats import (
    GoldRule,
    daily_figures,
    day_counts_from_tickets,
    increment_for,
    rank,
)
from chalicelib.schemas.stats import (
    MAX_RANGE_DAYS,
    AgentList,
    AgentOut,
    AgentsQuery,
    DailyList,
    DailyOut,
    DailyQuery,
    MentorScoreIn,
    MentorScoreOut,
)
from chalicelib.services.authz import court_served, require_admin_of, staff_with
from chalicelib.services.ports import StaffRepository, StatsRepository, TicketRepository


class StatsService:
    def __init__(self, stats: StatsRepository, staff: StaffRepository, tickets: TicketRepository,
                 gold: GoldRule) -> None:
        self._stats = stats
        self._staff = staff
        self._tickets = tickets
        self._gold = gold

    def rebuild_day(self, court_code: str, day: date) -> dict[str, int]:
        """Recompute a court's day from the tickets recorded that day (one index Query) and
        overwrite its counters; returns what was written. For repair after an incident: run
        it once the stats queue is drained, or events still in flight count on top."""
        counts = day_counts_from_tickets(self._tickets.recorded_on(court_code, day))
        self._stats.replace_day(court_code, day, counts)
        return counts

    def count(self, event: DomainEvent) -> bool:
        """Count ``event`` once; False when it is not counted or was counted before."""
        increment = increment_for(event)
        return increment is not None and self._stats.apply(event.event_id, increment)

    def daily(self, principal: Principal | None, query: DailyQuery) -> DailyOut | DailyList:
        reader = staff_with(principal, {Role.ADMIN, Role.AGENT}, "服务统计仅供座席员和管理员查看。")
        court = court_served(reader, query.court)
        start, end = _span(query)
        found = self._stats.days(court, start, end)
        items = [DailyOut(court_code=court, **daily_figures(day, found.get(day, {})))
                 for day in _days(start, end)]
        return items[0] if query.date is not None else DailyList(items=items)

    def daily_chart(self, principal: Principal | None, query: DailyQuery) -> str:
        """The figures of ``daily`` as an SVG chart (one read, like the figures)."""
        figures = self.daily(principal, query)
        items = figures.items if isinstance(figures, DailyList) else [figures]
        court = items[0].court_code if items else ""
        title = f"{court} 每日服务量（按渠道）与满意率 {items[0].date} 至 {items[-1].date}"
        return daily_chart([i.model_dump() for i in items], title)

    def agents(self, principal: Principal | None, query: AgentsQuery) -> AgentList:
        """The month's ranking of a court's agents (admins): one Query + one BatchGet."""
        admin = staff_with(principal, {Role.ADMIN}, "座席员排名仅供管理员查看。")
        court = court_served(admin, query.court)
        ranked = rank(self._stats.agents(court, query.month), self._gold)
        names = self._staff.get_many([r.agent.agent_id for r in ranked]) if ranked else {}
        return AgentList(month=query.month, court_code=court, items=[AgentOut(
            agent_id=r.agent.agent_id,
            name=names[r.agent.agent_id].name if r.agent.agent_id in names else "",
            handled=r.agent.handled, answered_on_spot=r.agent.answered_on_spot,
            mentor_score=r.agent.mentor_score, composite=r.composite, gold=r.gold)
            for r in ranked])

    def set_mentor_score(self, principal: Principal | None, agent_id: str,
                         data: MentorScoreIn) -> MentorScoreOut:
        """An admin of the agent's court records the mentor's score for a month."""
        if principal is None:
            raise Unauthenticated("请您先登录。")
        agent = self._staff.get(agent_id)
        if agent is None or agent.role is not StaffRole.AGENT:
            raise NotFound("未找到该座席员。")
        require_admin_of(principal, agent.court_code)
        self._stats.set_mentor_score(agent.court_code, data.month, agent_id, data.score)
        return MentorScoreOut(agent_id=agent_id, court_code=agent.court_code, month=data.month,
                              score=data.score)


def _span(query: DailyQuery) -> tuple[date, date]:
    if query.date is not None:
        if query.from_ is not None or query.to is not None:
            raise ValidationFailed("请指定 date，或 from 与 to，不能同时指定。",
                                   [Problem("date", "不能与 from/to 同时使用")])
        return query.date, query.date
    if query.from_ is None or query.to is None:
        raise ValidationFailed("请指定 date=YYYY-MM-DD，或同时指定 from 与 to。", [
            Problem(name, "缺少日期") for name, value in (("from", query.from_), ("to", query.to))
            if value is None])
    if query.to < query.from_:
        raise ValidationFailed("结束日期不能早于开始日期。", [Problem("to", "早于 from")])
    if (query.to - query.from_).days + 1 > MAX_RANGE_DAYS:
        raise ValidationFailed(f"一次最多查询{MAX_RANGE_DAYS}天。",
                               [Problem("to", f"与 from 相距超过{MAX_RANGE_DAYS}天")])
    return query.from_, query.to


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]
