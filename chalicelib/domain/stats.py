"""Service statistics: what each ticket event adds to the counters, and the figures read
back from them.

Every counter is a sum of per-event increments, so the order in which events arrive does
not matter (DynamoDB `ADD` commutes); the store makes each event count once. Everything a
ticket does is counted on the day the ticket was recorded (its ``day``, Asia/Shanghai), so
a day's figures can be recomputed from that day's tickets alone.

Rates follow the 12368 platform's public reporting: replies within the time limit over
all replies, and satisfaction = (满意 + 基本满意) / rated tickets.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from chalicelib.domain.events import DomainEvent
from chalicelib.domain.tickets import RATING_LABELS, Category, Channel, Ticket


def channel_counter(channel: Channel) -> str:
    return f"ch_{channel.value.lower()}"


def category_counter(category: Category) -> str:
    return f"cat_{category.value.lower()}"


BASE_COUNTERS = ("total", "answered_on_spot", "dispatched", "replied_in_sla", "replied_late",
                 "rated")
SCORE_COUNTERS = tuple(f"score_{score}" for score in RATING_LABELS)
CHANNEL_COUNTERS = tuple(channel_counter(channel) for channel in Channel)
CATEGORY_COUNTERS = tuple(category_counter(category) for category in Category)
DAY_COUNTERS = BASE_COUNTERS + SCORE_COUNTERS + CHANNEL_COUNTERS + CATEGORY_COUNTERS
AGENT_COUNTERS = ("handled", "answered_on_spot")
SATISFIED_SCORES = (1, 2)  # 满意, 基本满意


@dataclass(frozen=True)
class Increment:
    """What one event adds: to its court's day, and (calls an agent recorded) to the agent's
    month."""

    court_code: str
    day: date
    counts: dict[str, int]
    agent_id: str | None = None
    agent_counts: dict[str, int] = field(default_factory=dict)

    @property
    def month(self) -> str:
        return f"{self.day:%Y-%m}"


def increment_for(event: DomainEvent) -> Increment | None:
    """The counters ``event`` moves, or None for events statistics do not count."""
    if event.aggregate != "ticket" or "day" not in event.payload:
        return None
    payload = event.payload
    day = date.fromisoformat(payload["day"])
    counts: dict[str, int] = {}
    agent_counts: dict[str, int] = {}
    if event.type == "TICKET_CREATED":
        counts = {"total": 1, channel_counter(Channel(payload["channel"])): 1,
                  category_counter(Category(payload["category"])): 1}
        on_spot = bool(payload.get("answered_on_spot"))
        if on_spot:
            counts["answered_on_spot"] = 1
        if payload.get("created_by"):
            agent_counts = {"handled": 1, **({"answered_on_spot": 1} if on_spot else {})}
    elif event.type == "TICKET_DISPATCHED" and not payload.get("reassigned"):
        counts = {"dispatched": 1}
    elif event.type == "TICKET_REPLIED":
        counts = {"replied_in_sla" if payload.get("within_sla") else "replied_late": 1}
    elif event.type == "TICKET_RATED":
        counts = {"rated": 1, f"score_{int(payload['score'])}": 1}
    if not counts:
        return None
    unknown = set(counts) - set(DAY_COUNTERS)
    if unknown:
        raise ValueError(f"event {event.event_id} names unknown counters {sorted(unknown)}")
    return Increment(event.court_code, day, counts,
                     payload.get("created_by") if agent_counts else None, agent_counts)


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def daily_figures(day: date, counts: dict[str, int]) -> dict[str, Any]:
    """The API's figures for one day from its counters (absent counters are zero)."""
    c = {name: int(counts.get(name, 0)) for name in DAY_COUNTERS}
    replied = c["replied_in_sla"] + c["replied_late"]
    satisfied = sum(c[f"score_{s}"] for s in SATISFIED_SCORES)
    return {
        "date": day.isoformat(),
        "total": c["total"],
        "by_channel": {ch.value: c[channel_counter(ch)] for ch in Channel},
        "by_category": {cat.value: c[category_counter(cat)] for cat in Category},
        "answered_on_spot": c["answered_on_spot"],
        "dispatched": c["dispatched"],
        "replied": replied,
        "replied_within_sla": c["replied_in_sla"],
        "replied_within_sla_rate": _rate(c["replied_in_sla"], replied),
        "rated": c["rated"],
        "by_score": {str(s): c[f"score_{s}"] for s in RATING_LABELS},
        "satisfaction_rate": _rate(satisfied, c["rated"]),
    }


@dataclass(frozen=True)
class AgentMonth:
    agent_id: str
    handled: int = 0
    answered_on_spot: int = 0
    mentor_score: float | None = None


@dataclass(frozen=True)
class GoldRule:
    """How the month's gold agents (金牌座席员) are named; configuration (`GOLD_RULE`).

    composite = handled_weight x (calls handled / the best agent's calls handled x 100)
              + (1 - handled_weight) x mentor score (0..100; none yet counts as 0).
    Gold: the top ``top`` agents, and every agent within ``margin`` points of the last of
    them. Defaults: 70 % / 30 %, top 2, within 1 point.
    """

    handled_weight: float = 0.7
    top: int = 2
    margin: float = 1.0

    @classmethod
    def from_json(cls, text: str) -> GoldRule:
        if not text.strip():
            return cls()
        raw = json.loads(text)
        rule = cls(float(raw.get("handled_weight", 0.7)), int(raw.get("top", 2)),
                   float(raw.get("margin", 1.0)))
        if not 0 <= rule.handled_weight <= 1 or rule.top < 1 or rule.margin < 0:
            raise ValueError("handled_weight must be 0..1, top >= 1, margin >= 0")
        return rule


@dataclass(frozen=True)
class Ranked:
    agent: AgentMonth
    composite: float
    gold: bool


def rank(agents: list[AgentMonth], rule: GoldRule) -> list[Ranked]:
    """Agents by composite score, best first (ties: more calls handled, then id)."""
    best = max((a.handled for a in agents), default=0)

    def composite(a: AgentMonth) -> float:
        handled = 100 * a.handled / best if best else 0.0
        mentor = a.mentor_score or 0.0
        return round(rule.handled_weight * handled + (1 - rule.handled_weight) * mentor, 2)

    scored = sorted(((a, composite(a)) for a in agents),
                    key=lambda pair: (-pair[1], -pair[0].handled, pair[0].agent_id))
    if not scored:
        return []
    cut = scored[min(rule.top, len(scored)) - 1][1] - rule.margin
    return [Ranked(a, score, score > 0 and score >= cut) for a, score in scored]


def day_counts_from_tickets(tickets: Iterable[Ticket]) -> dict[str, int]:
    """A day's counters recomputed from the tickets recorded that day (the rebuild): what
    their events added, read back from each ticket's state and history."""
    counts: dict[str, int] = {}

    def add(name: str) -> None:
        counts[name] = counts.get(name, 0) + 1

    for ticket in tickets:
        add("total")
        add(channel_counter(ticket.channel))
        add(category_counter(ticket.category))
        if ticket.answered_on_spot:
            add("answered_on_spot")
        if any(entry.action == "DISPATCHED" for entry in ticket.history):
            add("dispatched")
        if ticket.reply is not None:
            add("replied_in_sla" if ticket.reply.within_sla else "replied_late")
        if ticket.rating is not None:
            add("rated")
            add(f"score_{ticket.rating.score}")
    return counts
