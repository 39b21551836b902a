"""Statistics counters: one transaction per event — the seen-marker put (conditional, so a
redelivery fails it and adds nothing) and the `ADD` updates of the day and agent items."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from pynamodb.exceptions import TransactWriteError

from chalicelib.adapters.dynamodb.keys import KeyMaker
from chalicelib.adapters.dynamodb.models import StatsAgentItem, StatsDayItem, StatsSeenItem
from chalicelib.adapters.dynamodb.store import (
    CANCELLED_BY_CONDITION,
    cancellation_reasons,
    get_item,
    transaction,
)
from chalicelib.domain.clock import SHANGHAI
from chalicelib.domain.stats import DAY_COUNTERS, AgentMonth, Increment
from chalicelib.services.ports import StatsRepository

# SQS keeps a message at most 14 days; a marker outliving that makes redelivery harmless.
SEEN_DAYS = 15


class DynamoStats(StatsRepository):
    def __init__(self, keys: KeyMaker) -> None:
        self._keys = keys

    def apply(self, event_id: str, increment: Increment) -> bool:
        seen_key = self._keys.stats_seen(event_id)
        day_key = self._keys.stats_day(increment.court_code, increment.day.isoformat())
        expires = datetime.now(SHANGHAI) + timedelta(days=SEEN_DAYS)
        try:
            with transaction() as tx:
                tx.save(StatsSeenItem(seen_key.pk, seen_key.sk, expires_at=expires),
                        condition=StatsSeenItem.pk.does_not_exist())
                # Updates create the items: `kind` must be set for typed (polymorphic) reads.
                tx.update(StatsDayItem(day_key.pk, day_key.sk), actions=[
                    StatsDayItem.kind.set(StatsDayItem),
                    *(getattr(StatsDayItem, name).add(n)
                      for name, n in increment.counts.items())])
                if increment.agent_id and increment.agent_counts:
                    agent_key = self._keys.stats_agent(increment.court_code, increment.month,
                                                       increment.agent_id)
                    tx.update(StatsAgentItem(agent_key.pk, agent_key.sk), actions=[
                        StatsAgentItem.kind.set(StatsAgentItem),
                        StatsAgentItem.agent_id.set(increment.agent_id),
                        *(getattr(StatsAgentItem, name).add(n)
                          for name, n in increment.agent_counts.items())])
        except TransactWriteError as error:
            # PynamoDB sends puts before updates: the seen marker is the first item.
            if cancellation_reasons(error)[:1] == [CANCELLED_BY_CONDITION]:
                return False
            raise
        return True

    def days(self, court_code: str, start: date, end: date) -> dict[date, dict[str, int]]:
        first = self._keys.stats_day(court_code, start.isoformat())
        last = self._keys.stats_day(court_code, end.isoformat())
        if start == end:
            item = get_item(StatsDayItem, first)
            items = [item] if item else []
        else:
            items = list(StatsDayItem.query(first.pk, StatsDayItem.sk.between(first.sk, last.sk)))
        return {date.fromisoformat(item.sk.removeprefix("DAY#")): _counts(item)
                for item in items}

    def replace_day(self, court_code: str, day: date, counts: dict[str, int]) -> None:
        key = self._keys.stats_day(court_code, day.isoformat())
        item = StatsDayItem(key.pk, key.sk)
        for name in DAY_COUNTERS:
            setattr(item, name, counts.get(name) or None)
        item.save()

    def agents(self, court_code: str, month: str) -> list[AgentMonth]:
        partition = self._keys.stats_agent(court_code, month, "-").pk
        return [AgentMonth(item.agent_id or item.sk.removeprefix("AGENT#"),
                           int(item.handled or 0), int(item.answered_on_spot or 0),
                           float(item.mentor_score) if item.mentor_score is not None else None)
                for item in StatsAgentItem.query(partition)]

    def set_mentor_score(self, court_code: str, month: str, agent_id: str, score: float) -> None:
        key = self._keys.stats_agent(court_code, month, agent_id)
        StatsAgentItem(key.pk, key.sk).update(actions=[
            StatsAgentItem.kind.set(StatsAgentItem), StatsAgentItem.agent_id.set(agent_id),
            StatsAgentItem.mentor_score.set(score)])


def _counts(item: StatsDayItem) -> dict[str, int]:
    values = item.attribute_values
    return {name: int(values[name]) for name in DAY_COUNTERS if values.get(name) is not None}
