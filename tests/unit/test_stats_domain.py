"""What each ticket event adds to the counters, and the figures read back."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from chalicelib.domain.clock import SHANGHAI
from chalicelib.domain.events import DomainEvent
from chalicelib.domain.stats import DAY_COUNTERS, daily_figures, increment_for

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
