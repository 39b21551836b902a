"""Statistics: counting ticket events once, and reading a court's figures."""

from __future__ import annotations

from datetime import date, timedelta

from chalicelib.domain.access import Principal, Role
from chalicelib.domain.errors import Forbidden, Problem, Unauthenticated, ValidationFailed
from chalicelib.domain.events import DomainEvent
from chalicelib.domain.stats import daily_figures, increment_for
from chalicelib.schemas.stats import MAX_RANGE_DAYS, DailyList, DailyOut, DailyQuery
from chalicelib.services.ports import StatsRepository


class StatsService:
    def __init__(self, stats: StatsRepository) -> None:
        self._stats = stats

    def count(self, event: DomainEvent) -> bool:
        """Count ``event`` once; False when it is not counted or was counted before."""
        increment = increment_for(event)
        return increment is not None and self._stats.apply(event.event_id, increment)

    def daily(self, principal: Principal | None, query: DailyQuery) -> DailyOut | DailyList:
        court = _court_of(principal, query.court)
        start, end = _span(query)
        found = self._stats.days(court, start, end)
        items = [DailyOut(court_code=court, **daily_figures(day, found.get(day, {})))
                 for day in _days(start, end)]
        return items[0] if query.date is not None else DailyList(items=items)


def _court_of(principal: Principal | None, wanted: str | None) -> str:
    if principal is None:
        raise Unauthenticated("请您先登录。")
    if principal.role not in (Role.ADMIN, Role.AGENT):
        raise Forbidden("服务统计仅供座席员和管理员查看。")
    court = wanted or principal.court
    if court is None or not principal.serves(court):
        raise Forbidden("该法院不在您的服务范围内。")
    return court


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
