"""Statistics: counters from ticket events (once each, in any order) and the daily figures.

The replay test runs the real service and DynamoDB adapter on in-process moto; the queue
test goes API -> outbox -> SNS -> `stats` queue -> `stats_counter` -> GET /v1/stats/daily.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from chalice.test import Client

import app as application
from chalicelib import bootstrap
from chalicelib.adapters.dynamodb.models import StatsAgentItem
from chalicelib.domain.clock import SHANGHAI
from chalicelib.domain.events import DomainEvent
from chalicelib.domain.tickets import Category, Channel
from devtools.worker import drain_queue, scheduled_event
from tests.functional.conftest import Messaging, dynamodb_calls
from tests.support import COURT, admin, agent_payload, bearer, json_body, mint

JSON = {"Content-Type": "application/json"}
AGENT = bearer(mint("agent", "AG1", court="沪", name="李座席"))
FIRST_DAY = date(2026, 11, 2)


def generated_events(tickets: int, seed: int = 7) -> list[DomainEvent]:
    """Plausible ticket lifecycles over five days in two courts."""
    rng = random.Random(seed)
    events: list[DomainEvent] = []
    for n in range(tickets):
        court = rng.choice([COURT, "沪0104"])
        day = FIRST_DAY + timedelta(days=rng.randrange(5))
        at = datetime.combine(day, datetime.min.time(), SHANGHAI) + timedelta(hours=9)
        base = {"ticket_id": f"GD{day:%Y%m%d}-{n:06d}", "day": day.isoformat(),
                "channel": rng.choice(list(Channel)).value,
                "category": rng.choice(list(Category)).value,
                "answered_on_spot": rng.random() < 0.4,
                "created_by": rng.choice([None, "AG1", "AG2", "AG3"])}

        steps: list[tuple[str, dict[str, Any]]] = [("TICKET_CREATED", {})]
        if not base["answered_on_spot"]:
            steps.append(("TICKET_DISPATCHED", {"reassigned": False}))
            if rng.random() < 0.2:
                steps.append(("TICKET_DISPATCHED", {"reassigned": True}))
            if rng.random() < 0.2:
                steps.append(("TICKET_OVERDUE", {}))
            if rng.random() < 0.8:
                steps.append(("TICKET_REPLIED", {"within_sla": rng.random() < 0.85}))
                if rng.random() < 0.6:
                    steps.append(("TICKET_RATED", {"score": rng.choice([1, 1, 1, 2, 3])}))
        events += [DomainEvent(f"E{n:05d}-{k}", kind, at, "ticket", str(base["ticket_id"]),
                               court, payload={**base, **extra})
                   for k, (kind, extra) in enumerate(steps)]
    return events


def recount(events: list[DomainEvent], court: str, day: date) -> dict[str, Any]:
    """The day's figures counted straight from the (deduplicated) events."""
    unique = {e.event_id: e for e in events}.values()
    mine = [e for e in unique if e.court_code == court and e.payload["day"] == day.isoformat()]
    created = [e for e in mine if e.type == "TICKET_CREATED"]
    replies = [e for e in mine if e.type == "TICKET_REPLIED"]
    ratings = Counter(e.payload["score"] for e in mine if e.type == "TICKET_RATED")
    in_sla = sum(1 for e in replies if e.payload["within_sla"])
    return {
        "total": len(created),
        "by_channel": {c.value: sum(1 for e in created if e.payload["channel"] == c.value)
                       for c in Channel},
        "by_category": {c.value: sum(1 for e in created if e.payload["category"] == c.value)
                        for c in Category},
        "answered_on_spot": sum(1 for e in created if e.payload["answered_on_spot"]),
        "dispatched": sum(1 for e in mine if e.type == "TICKET_DISPATCHED"
                          and not e.payload["reassigned"]),
        "replied": len(replies), "replied_within_sla": in_sla,
        "rated": sum(ratings.values()),
        "by_score": {str(s): ratings.get(s, 0) for s in (1, 2, 3)},
    }


@pytest.fixture
def item_level_transactions(monkeypatch: pytest.MonkeyPatch) -> None:
    """moto's own TransactWriteItems deep-copies the table per call (150 ms each at 1,000
    items); use the item-level version `make run`'s moto server uses."""
    from moto.dynamodb.models import DynamoDBBackend

    from devtools import moto_transactions

    monkeypatch.setattr(DynamoDBBackend, "transact_write_items",
                        moto_transactions.transact_write_items)


@pytest.mark.usefixtures("item_level_transactions")
def test_replaying_1000_events_with_duplicates_out_of_order_counts_each_once(
        api: Client) -> None:
    events = generated_events(400)
    assert len(events) >= 1000
    rng = random.Random(11)
    delivered = events + rng.sample(events, len(events) // 4)  # SQS delivers some twice
    rng.shuffle(delivered)  # ...and in no particular order
    stats = bootstrap.container().stats
    counted = [stats.count(e) for e in delivered]
    counted_types = {"TICKET_CREATED", "TICKET_REPLIED", "TICKET_RATED"}
    expected_first = sum(1 for e in events if e.type in counted_types or (
        e.type == "TICKET_DISPATCHED" and not e.payload["reassigned"]))
    assert sum(counted) == expected_first

    for court in (COURT, "沪0104"):
        last = FIRST_DAY + timedelta(days=4)
        response = api.http.get(f"/v1/stats/daily?from={FIRST_DAY}&to={last}&court={court}",
                                headers=admin("沪"))
        assert response.status_code == 200, response.body
        items = response.json_body["items"]
        assert [i["date"] for i in items] == [
            (FIRST_DAY + timedelta(days=n)).isoformat() for n in range(5)]
        for item in items:
            expected = recount(events, court, date.fromisoformat(item["date"]))
            assert {k: item[k] for k in expected} == expected
            assert item["court_code"] == court
            if item["rated"]:
                satisfied = item["by_score"]["1"] + item["by_score"]["2"]
                assert item["satisfaction_rate"] == round(satisfied / item["rated"], 4)

    # The agent counters have no endpoint yet; read them from the table.
    for court in (COURT, "沪0104"):
        rows = {i.agent_id: (int(i.handled or 0), int(i.answered_on_spot or 0))
                for i in StatsAgentItem.query(f"STATSAGENT#{court}#2026-11")}
        unique = {e.event_id: e for e in events}.values()
        created = [e for e in unique if e.type == "TICKET_CREATED" and e.court_code == court
                   and e.payload["created_by"]]
        expected_rows = {
            agent: (sum(1 for e in created if e.payload["created_by"] == agent),
                    sum(1 for e in created if e.payload["created_by"] == agent
                        and e.payload["answered_on_spot"]))
            for agent in {e.payload["created_by"] for e in created}}
        assert rows == expected_rows


def test_one_day_is_one_get_item_and_a_range_one_query(api: Client) -> None:
    with dynamodb_calls() as calls:
        assert api.http.get("/v1/stats/daily?date=2026-11-30", headers=admin()).status_code == 200
    assert calls == ["GetItem"]
    with dynamodb_calls() as calls:
        response = api.http.get("/v1/stats/daily?from=2026-11-01&to=2026-12-01",
                                headers=admin())
        assert response.status_code == 200
    assert calls == ["Query"]
    assert len(response.json_body["items"]) == 31


def test_an_empty_day_reads_as_zeros(api: Client) -> None:
    body = api.http.get("/v1/stats/daily?date=2026-11-30", headers=admin()).json_body
    assert (body["date"], body["total"], body["satisfaction_rate"]) == ("2026-11-30", 0, None)
    assert body["by_channel"]["HOTLINE"] == 0


@pytest.mark.parametrize(("query", "field"), [
    ("", "from"),
    ("?from=2026-11-01", "to"),
    ("?date=2026-11-30&from=2026-11-01&to=2026-11-02", "date"),
    ("?from=2026-11-10&to=2026-11-01", "to"),
    ("?from=2026-11-01&to=2026-12-02", "to"),
    ("?date=2026-13-01", "date"),
    ("?date=1999-12-31", "date"),
    ("?date=2026-11-30&extra=1", "extra"),
])
def test_bad_queries_say_what_is_wrong(api: Client, query: str, field: str) -> None:
    response = api.http.get(f"/v1/stats/daily{query}", headers=admin())
    assert response.status_code == 400, response.body
    body = response.json_body
    assert body["error"]["code"] == "VALIDATION_ERROR"
    assert field in json.dumps(body["error"].get("details", []), ensure_ascii=False)


def test_who_may_read_statistics(api: Client) -> None:
    path = "/v1/stats/daily?date=2026-11-30"
    assert api.http.get(path).status_code == 401
    judge = bearer(mint("judge", "J001", court=COURT))
    assert api.http.get(path, headers=judge).status_code == 403
    party = bearer(mint("party", "p-1", phone="+8613812345678"))
    assert api.http.get(path, headers=party).status_code == 403
    assert api.http.get(path, headers=admin("沪0104")).status_code == 200  # their own court
    assert api.http.get(path + "&court=沪0104", headers=admin()).status_code == 403
    assert api.http.get(path + f"&court={COURT}", headers=AGENT).status_code == 200


def test_calls_counted_through_the_stats_queue_once(api: Client, messaging: Messaging) -> None:
    for on_spot in (True, True, False):
        response = api.http.post("/v1/tickets", body=json_body({
            "category": "CONSULTATION", "channel": "HOTLINE", "caller": {"name": "匿名"},
            "summary": "咨询诉讼费交纳方式", "answered_on_spot": on_spot}),
            headers={**AGENT, **JSON})
        assert response.status_code == 201, response.body
    application.outbox_sweep(scheduled_event(), None)
    messages = messaging.messages("stats")
    assert messages  # what the relay published reached the stats queue
    for body in [m["Body"] for m in messages]:  # deliver every message a second time
        messaging.sqs.send_message(QueueUrl=messaging.queues["stats"], MessageBody=body)
    for _ in range(5):
        got, failed = drain_queue(messaging.sqs, messaging.queues["stats"],
                                  application.stats_counter)
        assert failed == 0
        if not got:
            break
    # Calls without a case belong to the agent's own court (here the high court 沪).
    body = api.http.get("/v1/stats/daily?date=2026-11-30", headers=AGENT).json_body
    assert (body["total"], body["answered_on_spot"], body["by_channel"]["HOTLINE"],
            body["by_category"]["CONSULTATION"]) == (3, 2, 3, 3)


def created(event_id: str, agent: str, on_spot: bool = True) -> DomainEvent:
    return DomainEvent(event_id, "TICKET_CREATED", datetime(2026, 11, 30, 10, tzinfo=SHANGHAI),
                       "ticket", "GD20261130-000001", COURT, payload={
                           "ticket_id": "GD20261130-000001", "day": "2026-11-30",
                           "channel": "HOTLINE", "category": "CONSULTATION",
                           "answered_on_spot": on_spot, "created_by": agent})


@pytest.fixture
def agents(staffed: Client, item_level_transactions: None) -> Client:
    for staff_id, name in (("H001", "钱座席"), ("H002", "孙座席"), ("H003", "周座席")):
        response = staffed.http.put(f"/v1/admin/staff/{staff_id}", headers={**admin(), **JSON},
                                    body=json_body({**agent_payload(), "name": name}))
        assert response.status_code == 201, response.body
    stats = bootstrap.container().stats
    for agent, calls in (("H001", 40), ("H002", 36), ("H003", 20)):
        for n in range(calls):
            assert stats.count(created(f"{agent}-{n}", agent, on_spot=n % 2 == 0))
    return staffed


def test_the_months_agents_ranked_with_mentor_scores(agents: Client) -> None:
    for agent, score in (("H001", 80), ("H002", 95), ("H003", 100)):
        response = agents.http.put(f"/v1/admin/agents/{agent}/mentor-score",
                                   body=json_body({"month": "2026-11", "score": score}),
                                   headers={**admin(), **JSON})
        assert response.status_code == 200, response.body
        assert response.json_body == {"agent_id": agent, "court_code": COURT,
                                      "month": "2026-11", "score": score}
    with dynamodb_calls() as calls:
        response = agents.http.get("/v1/stats/agents?month=2026-11", headers=admin())
    assert response.status_code == 200, response.body
    assert calls == ["Query", "BatchGetItem"]
    items = response.json_body["items"]
    # H001: 0.7*100 + 0.3*80 = 94; H002: 0.7*90 + 0.3*95 = 91.5; H003: 0.7*50 + 30 = 65
    assert [(i["agent_id"], i["name"], i["handled"], i["answered_on_spot"], i["composite"],
             i["gold"]) for i in items] == [
        ("H001", "钱座席", 40, 20, 94.0, True), ("H002", "孙座席", 36, 18, 91.5, True),
        ("H003", "周座席", 20, 10, 65.0, False)]
    other_month = agents.http.get("/v1/stats/agents?month=2026-10", headers=admin())
    assert other_month.json_body["items"] == []


def test_mentor_scores_unhappy_paths(agents: Client) -> None:
    def put(agent: str, body: Any, headers: dict[str, str] | None = None) -> Any:
        return agents.http.put(f"/v1/admin/agents/{agent}/mentor-score", body=json_body(body),
                               headers={**(headers or admin()), **JSON})

    ok = {"month": "2026-11", "score": 90}
    assert put("NOBODY", ok).status_code == 404
    assert put("J001", ok).status_code == 404  # a judge is not an agent
    assert put("H001", ok, admin("沪0104")).status_code == 403
    assert put("H001", ok, AGENT).status_code == 403
    for bad in ({"month": "2026-13", "score": 90}, {"month": "2026-11", "score": 101},
                {"month": "2026-11", "score": -1}, {"month": "2026-11"},
                {"month": "2026-11", "score": 90, "extra": 1}):
        response = put("H001", bad)
        assert response.status_code == 400, bad
        assert response.json_body["error"]["code"] == "VALIDATION_ERROR"
    assert put("bad id!", ok).status_code == 400
    listing = agents.http.get("/v1/stats/agents?month=2026-11", headers=admin()).json_body
    assert all(i["mentor_score"] is None for i in listing["items"])  # nothing half-written


def test_who_may_see_the_ranking(agents: Client) -> None:
    path = "/v1/stats/agents?month=2026-11"
    assert agents.http.get(path).status_code == 401
    assert agents.http.get(path, headers=AGENT).status_code == 403
    assert agents.http.get(path + "&court=" + COURT, headers=admin("沪0104")).status_code == 403
    assert agents.http.get(path + "&court=" + COURT, headers=admin("沪")).status_code == 200
    assert agents.http.get("/v1/stats/agents?month=2026-1", headers=admin()).status_code == 400
    assert agents.http.get("/v1/stats/agents", headers=admin()).status_code == 400


def drain_stats(messaging: Messaging) -> None:
    application.outbox_sweep(scheduled_event(), None)
    for _ in range(20):
        got, failed = drain_queue(messaging.sqs, messaging.queues["stats"],
                                  application.stats_counter)
        assert failed == 0
        if not got:
            break


def test_the_rebuild_agrees_with_the_live_counters_and_repairs_them(
        staffed: Client, messaging: Messaging) -> None:
    from tests.functional.test_notifications import callback, sync
    from tests.support import party

    sync(staffed)
    clerk_agent = bearer(mint("agent", "H001", court=COURT, name="钱座席"))
    for on_spot in (True, False, True):
        response = staffed.http.post("/v1/tickets", headers={**clerk_agent, **JSON},
                                     body=json_body({
                                         "category": "CONSULTATION", "channel": "WINDOW",
                                         "caller": {"name": "来访人"}, "summary": "咨询立案",
                                         "answered_on_spot": on_spot}))
        assert response.status_code == 201, response.body
    judge = bearer(mint("judge", "J001", court=COURT))
    for rated in (1, 3, None):
        ticket_id = callback(staffed)
        reply = staffed.http.post(f"/v1/tickets/{ticket_id}/reply", headers={**judge, **JSON},
                                  body=json_body({"result": "CALLED_BACK", "note": "已回电"}))
        assert reply.status_code == 200, reply.body
        if rated:
            rating = staffed.http.post(f"/v1/tickets/{ticket_id}/rating",
                                       headers={**party(), **JSON},
                                       body=json_body({"score": rated}))
            assert rating.status_code == 200, rating.body
    callback(staffed)  # still waiting for the judge
    drain_stats(messaging)
    path = f"/v1/stats/daily?date=2026-11-30&court={COURT}"
    live = staffed.http.get(path, headers=admin()).json_body
    assert (live["total"], live["dispatched"], live["replied"], live["rated"]) == (7, 4, 3, 2)

    stats = bootstrap.container().stats
    with dynamodb_calls() as calls:
        stats.rebuild_day(COURT, date(2026, 11, 30))
    assert calls == ["Query", "PutItem"]  # through the court-day index, never a Scan
    assert staffed.http.get(path, headers=admin()).json_body == live

    bootstrap.container().adapters.stats.replace_day(COURT, date(2026, 11, 30), {"total": 99})
    assert staffed.http.get(path, headers=admin()).json_body["total"] == 99
    stats.rebuild_day(COURT, date(2026, 11, 30))
    assert staffed.http.get(path, headers=admin()).json_body == live


def test_the_daily_chart_is_svg_from_one_query(api: Client) -> None:
    import xml.etree.ElementTree as ET

    stats = bootstrap.container().stats
    for event in generated_events(60):
        stats.count(event)  # five days of events; the sixth and seventh are empty
    with dynamodb_calls() as calls:
        response = api.http.get(
            f"/v1/stats/daily.svg?from={FIRST_DAY}&to={FIRST_DAY + timedelta(days=6)}",
            headers=admin())
    assert response.status_code == 200, response.body
    assert calls == ["Query"]
    assert response.headers["Content-Type"].startswith("image/svg+xml")
    root = ET.fromstring(response.body)  # noqa: S314 - our own output, well-formed or fail
    ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == f"{ns}svg"
    bars = [r for r in root.iter(f"{ns}rect") if r.get("class") == "bar"]
    figures = api.http.get(
        f"/v1/stats/daily?from={FIRST_DAY}&to={FIRST_DAY + timedelta(days=6)}",
        headers=admin()).json_body["items"]
    assert len(bars) == sum(1 for d in figures for v in d["by_channel"].values() if v)
    text = response.body.decode() if isinstance(response.body, bytes) else response.body
    assert "每日服务量" in text
    line = [p for p in root.iter(f"{ns}polyline") if p.get("class") == "satisfaction"]
    assert len(line) == (1 if any(d["satisfaction_rate"] is not None for d in figures) else 0)


def test_the_daily_chart_refuses_what_the_figures_refuse(api: Client) -> None:
    assert api.http.get("/v1/stats/daily.svg?from=2026-11-01").status_code == 401
    bad = api.http.get("/v1/stats/daily.svg?from=2026-11-01&to=2026-12-31", headers=admin())
    assert bad.status_code == 400
    assert bad.json_body["error"]["code"] == "VALIDATION_ERROR"
