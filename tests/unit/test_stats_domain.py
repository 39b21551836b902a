"""What each ticket event adds to the counters, and the figures read back."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from chalicelib.domain.clock import SHANGHAI
from chalicelib.domain.events import DomainEvent
from chalicelib.domain.stats import (
    DAY_COUNTERS,
    AgentMonth,
    GoldRule,
    daily_figures,
    increment_for,
    rank,
)

AT = datetime(2026, 11, 30, 10, 0, tzinfo=SHANGHAI)


def event(kind: str, **payload: Any) -> DomainEvent:
    base = {"ticket_id": "GD20261130-000001", "category": "CONSULTATION", "channel": "HOTLINE",
            "answered_on_spot": False, "created_by": None, "day": "2026-11-30"}
    return DomainEvent("E1", kind, AT, "ticket", "GD20261130-000001", "沪0101",
                       payload={**base, **payload})


def test_a_call_answered_on_spot_counts_for_the_court_and_the_agent() -> None:
    inc = increment_for(event("TICKET_CREATED", answered_on_spot=True, created_by="AG1"))
    assert inc is not None
    assert inc.counts == {"total": 1, "ch_hotline": 1, "cat_consultation": 1,
                          "answered_on_spot": 1}
    assert (inc.agent_id, inc.month, inc.agent_counts) == (
        "AG1", "2026-11", {"handled": 1, "answered_on_spot": 1})


def test_a_party_request_counts_for_no_agent() -> None:
    inc = increment_for(event("TICKET_CREATED", channel="APP", category="CONTACT_JUDGE"))
    assert inc is not None
    assert inc.agent_id is None
    assert inc.agent_counts == {}
    assert inc.counts == {"total": 1, "ch_app": 1, "cat_contact_judge": 1}


@pytest.mark.parametrize(("kind", "payload", "counts"), [
    ("TICKET_DISPATCHED", {"reassigned": False}, {"dispatched": 1}),
    ("TICKET_DISPATCHED", {}, {"dispatched": 1}),  # events from before the flag existed
    ("TICKET_REPLIED", {"within_sla": True}, {"replied_in_sla": 1}),
    ("TICKET_REPLIED", {"within_sla": False}, {"replied_late": 1}),
    ("TICKET_RATED", {"score": 2}, {"rated": 1, "score_2": 1}),
])
def test_lifecycle_events(kind: str, payload: dict[str, Any], counts: dict[str, int]) -> None:
    inc = increment_for(event(kind, **payload))
    assert inc is not None
    assert inc.counts == counts
    assert inc.day == date(2026, 11, 30)


@pytest.mark.parametrize("kind", ["TICKET_OVERDUE", "TICKET_ESCALATED", "HEARING_SCHEDULED"])
def test_events_that_count_nothing(kind: str) -> None:
    assert increment_for(event(kind)) is None


def test_a_reassignment_is_not_a_second_dispatch() -> None:
    assert increment_for(event("TICKET_DISPATCHED", reassigned=True)) is None


def test_case_events_are_not_counted() -> None:
    case_event = DomainEvent("E2", "HEARING_SCHEDULED", AT, "case", "（2026）沪0101民初1号",
                             "沪0101", payload={"day": "2026-11-30"})
    assert increment_for(case_event) is None


def test_an_unknown_channel_is_refused_not_counted_under_a_new_name() -> None:
    with pytest.raises(ValueError, match="FAX"):
        increment_for(event("TICKET_CREATED", channel="FAX"))


def test_figures_and_rates() -> None:
    figures = daily_figures(date(2026, 11, 30), {
        "total": 10, "ch_hotline": 7, "ch_web": 3, "cat_consultation": 10,
        "replied_in_sla": 3, "replied_late": 1, "rated": 4, "score_1": 2, "score_2": 1,
        "score_3": 1})
    assert figures["by_channel"]["HOTLINE"] == 7
    assert figures["by_channel"]["SMS"] == 0
    assert figures["replied_within_sla_rate"] == 0.75
    assert figures["satisfaction_rate"] == 0.75
    assert figures["by_score"] == {"1": 2, "2": 1, "3": 1}


def test_an_empty_day_has_no_rates_rather_than_zero() -> None:
    figures = daily_figures(date(2026, 11, 30), {})
    assert figures["total"] == 0
    assert figures["replied_within_sla_rate"] is None
    assert figures["satisfaction_rate"] is None


def test_counter_names_are_unique() -> None:
    assert len(set(DAY_COUNTERS)) == len(DAY_COUNTERS)


def test_composite_and_gold_by_default() -> None:
    agents = [AgentMonth("A", handled=200, mentor_score=80), AgentMonth("B", handled=180,
              mentor_score=95), AgentMonth("C", handled=100, mentor_score=100),
              AgentMonth("D", handled=181, mentor_score=92)]
    ranked = rank(agents, GoldRule())
    scores = {r.agent.agent_id: r.composite for r in ranked}
    # A: 0.7*100 + 0.3*80 = 94; B: 0.7*90 + 0.3*95 = 91.5; D: 0.7*90.5 + 0.3*92 = 90.95
    assert scores == {"A": 94.0, "B": 91.5, "C": 65.0, "D": 90.95}
    assert [r.agent.agent_id for r in ranked] == ["A", "B", "D", "C"]
    # D is within 1 point of the second (91.5 - 90.95 = 0.55), so three gold agents.
    assert [r.agent.agent_id for r in ranked if r.gold] == ["A", "B", "D"]


def test_no_mentor_score_yet_counts_as_zero_and_nobody_with_nothing_is_gold() -> None:
    ranked = rank([AgentMonth("A", handled=10), AgentMonth("B")], GoldRule())
    assert [(r.agent.agent_id, r.composite, r.gold) for r in ranked] == [
        ("A", 70.0, True), ("B", 0.0, False)]
    assert rank([], GoldRule()) == []


def test_the_gold_rule_is_configuration() -> None:
    rule = GoldRule.from_json('{"handled_weight": 0.5, "top": 1, "margin": 0}')
    ranked = rank([AgentMonth("A", handled=10, mentor_score=60),
                   AgentMonth("B", handled=5, mentor_score=100)], rule)
    assert [(r.agent.agent_id, r.composite, r.gold) for r in ranked] == [
        ("A", 80.0, True), ("B", 75.0, False)]
    assert GoldRule.from_json("") == GoldRule()
    with pytest.raises(ValueError, match="handled_weight"):
        GoldRule.from_json('{"handled_weight": 1.5}')
