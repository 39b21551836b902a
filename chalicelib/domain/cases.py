"""Cases as synced from a court's case-management system, and what changes announce.

A `Case` is an immutable snapshot. `changes()` compares two snapshots and returns the
domain events a sync produces (filed, status changed, hearing scheduled or cancelled,
judge assigned); they are stored atomically with the new snapshot and feed the case
timeline and the notification flow.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any

from chalicelib.domain.case_number import CaseNumber
from chalicelib.domain.clock import SHANGHAI, iso, new_id, to_shanghai
from chalicelib.domain.events import DomainEvent


class CaseStatus(StrEnum):
    FILED = "FILED"
    IN_TRIAL = "IN_TRIAL"
    SUSPENDED = "SUSPENDED"
    CLOSED = "CLOSED"
    ENFORCEMENT = "ENFORCEMENT"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    CaseStatus.FILED: "已立案",
    CaseStatus.IN_TRIAL: "审理中",
    CaseStatus.SUSPENDED: "中止",
    CaseStatus.CLOSED: "已结案",
    CaseStatus.ENFORCEMENT: "执行中",
}


class Procedure(StrEnum):
    ORDINARY = "ORDINARY"
    SUMMARY = "SUMMARY"
    SMALL_CLAIMS = "SMALL_CLAIMS"
    SPECIAL = "SPECIAL"


class PartyKind(StrEnum):
    PERSON = "PERSON"
    ORGANIZATION = "ORGANIZATION"


# Litigation roles (诉讼地位) as they appear on court documents.
PARTY_ROLES = frozenset({
    "原告", "被告", "第三人", "上诉人", "被上诉人", "原审原告", "原审被告", "原审第三人",
    "申请人", "被申请人", "再审申请人", "申诉人", "起诉人", "申请执行人", "被执行人",
    "案外人", "异议人", "复议申请人", "利害关系人", "债权人", "债务人", "自诉人", "被告人",
    "被害人", "附带民事诉讼原告人", "附带民事诉讼被告人", "赔偿请求人", "赔偿义务机关",
    "公益诉讼起诉人", "支持起诉人", "法定代理人", "委托诉讼代理人",
})


@dataclass(frozen=True)
class Party:
    role: str
    name: str
    kind: PartyKind = PartyKind.PERSON
    phone: str | None = None  # E.164
    id_number: str | None = None


@dataclass(frozen=True)
class Hearing:
    starts_at: datetime
    courtroom: str
    hearing_id: str | None = None

    def describe(self) -> str:
        local = to_shanghai(self.starts_at)
        return f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}，{self.courtroom}"


@dataclass(frozen=True)
class PersonRef:
    id: str
    name: str


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    type: str
    label: str


CaseEvent = DomainEvent  # events of the "case" aggregate; their labels feed the timeline


def timeline_entry(event: CaseEvent) -> TimelineEntry:
    return TimelineEntry(event.at, event.type, event.label)


@dataclass(frozen=True)
class Case:
    number: CaseNumber
    cause: str
    status: CaseStatus
    procedure: Procedure
    filed_on: date
    closed_on: date | None
    judge: PersonRef | None
    clerk: PersonRef | None
    parties: tuple[Party, ...]
    hearings: tuple[Hearing, ...]
    query_code_digest: str
    trial_deadline: date | None = None
    timeline: tuple[TimelineEntry, ...] = ()
    version: int = 0
    updated_at: datetime | None = None

    @property
    def court_code(self) -> str:
        return self.number.court_code

    def party_phones(self) -> frozenset[str]:
        return frozenset(p.phone for p in self.parties if p.phone)

    def same_content(self, other: Case) -> bool:
        """True when a sync would change nothing (bookkeeping fields ignored)."""
        bookkeeping = {"timeline": (), "version": 0, "updated_at": None}
        return replace(self, **bookkeeping) == replace(other, **bookkeeping)  # type: ignore[arg-type]


TIMELINE_LIMIT = 100  # newest entries kept on the case item; the full log stays in events


def add_months(start: date, months: int) -> date:
    """The same day ``months`` later, or the last day of that month if it has no such day.

    This is how month periods end (民事诉讼法第八十五条: the start day is not counted).
    """
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return date(year, month, min(start.day, last_day))


def statutory_trial_deadline(
    number: CaseNumber, procedure: Procedure, filed_on: date
) -> date | None:
    """审限届满日: the statutory trial period from filing, before extensions or suspensions.

    * 民事诉讼法（2023年修正）第一百五十二条: ordinary procedure, 6 months from filing;
      第一百六十四条: summary procedure, 3 months; 第一百六十八条: small claims, 2 months;
      第一百八十七条: special procedure, 30 days; 第一百八十三条: appeals against judgments,
      3 months (appeals against rulings have 30 days, which a 民终 number cannot tell apart:
      the case-management system should send the date in that case).
    * 行政诉讼法 第八十一条 / 第八十八条: administrative first instance 6 months, appeal 3.
    * 《最高人民法院关于人民法院办理执行案件若干期限的规定》第一条: enforcement with assets
      to execute, 6 months.
    Other case types return None; the case-management system may send the date itself.
    """
    code = number.type_code
    if code == "民初":
        months = {Procedure.ORDINARY: 6, Procedure.SUMMARY: 3, Procedure.SMALL_CLAIMS: 2}
        if procedure in months:
            return add_months(filed_on, months[procedure])
        return filed_on + timedelta(days=30)
    if code == "民特":
        return filed_on + timedelta(days=30)
    fixed_months = {"民终": 3, "行初": 6, "行终": 3, "执": 6, "执恢": 6}
    if code in fixed_months:
        return add_months(filed_on, fixed_months[code])
    return None


_Announce = Callable[..., CaseEvent]


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), SHANGHAI)


def _hearing_key(hearing: Hearing) -> tuple[datetime, str]:
    return (hearing.starts_at, hearing.courtroom)


def changes(old: Case | None, new: Case, now: datetime) -> list[CaseEvent]:
    """The events a sync from ``old`` to ``new`` announces, oldest first."""

    def event(kind: str, at: datetime, label: str, **payload: Any) -> CaseEvent:
        return CaseEvent(new_id(now), kind, at, "case", str(new.number), new.court_code, label,
                         payload)

    events: list[CaseEvent] = []
    if old is None:
        events.append(event("CASE_FILED", _day_start(new.filed_on), "案件已立案",
                            filed_on=new.filed_on.isoformat()))
    if old is not None and old.status != new.status:
        if new.status is CaseStatus.CLOSED and new.closed_on is not None:
            events.append(event("CASE_CLOSED", _day_start(new.closed_on), "案件已结案",
                                status=new.status.value, closed_on=new.closed_on.isoformat()))
        else:
            events.append(event("STATUS_CHANGED", now, f"案件状态变更为“{new.status.label}”",
                                status=new.status.value, previous=old.status.value))
    elif old is None and new.status is CaseStatus.CLOSED and new.closed_on is not None:
        events.append(event("CASE_CLOSED", _day_start(new.closed_on), "案件已结案",
                            status=new.status.value, closed_on=new.closed_on.isoformat()))
    events.extend(_judge_events(old, new, event, now))
    events.extend(_hearing_events(old, new, event, now))
    return events


def _judge_events(old: Case | None, new: Case, event: _Announce, now: datetime) -> list[CaseEvent]:
    if new.judge is None or (old is not None and old.judge == new.judge):
        return []
    verb = "承办法官" if old is None or old.judge is None else "承办法官变更为"
    return [event("JUDGE_ASSIGNED", now, f"{verb}：{new.judge.name}", judge_id=new.judge.id)]


def _hearing_events(
    old: Case | None, new: Case, event: _Announce, now: datetime
) -> list[CaseEvent]:
    old_hearings = old.hearings if old else ()
    old_keys = {_hearing_key(h) for h in old_hearings}
    new_keys = {_hearing_key(h) for h in new.hearings}
    old_by_id = {h.hearing_id: h for h in old_hearings if h.hearing_id}
    new_ids = {h.hearing_id for h in new.hearings if h.hearing_id}
    events: list[CaseEvent] = []
    for hearing in sorted(new.hearings, key=_hearing_key):
        if _hearing_key(hearing) in old_keys:
            continue
        previous = old_by_id.get(hearing.hearing_id) if hearing.hearing_id else None
        label = ("开庭安排变更为：" if previous else "排定开庭：") + hearing.describe()
        payload: dict[str, Any] = {
            "starts_at": iso(hearing.starts_at),
            "courtroom": hearing.courtroom,
            "upcoming": hearing.starts_at > now,
        }
        if previous is not None:
            payload["previous"] = {"starts_at": iso(previous.starts_at),
                                   "courtroom": previous.courtroom}
        events.append(event("HEARING_SCHEDULED", now, label, **payload))
    for hearing in sorted(old_hearings, key=_hearing_key):
        replaced = hearing.hearing_id is not None and hearing.hearing_id in new_ids
        if _hearing_key(hearing) in new_keys or replaced:
            continue
        events.append(event("HEARING_CANCELLED", now, "取消开庭：原定" + hearing.describe(),
                            starts_at=iso(hearing.starts_at), courtroom=hearing.courtroom))
    return events


def with_timeline(case: Case, previous: Case | None, events: list[CaseEvent]) -> Case:
    """``case`` carrying the previous timeline plus ``events``, newest first, capped."""
    oldest_first = list(reversed(previous.timeline)) if previous else []
    oldest_first += [timeline_entry(e) for e in events]
    oldest_first.sort(key=lambda entry: entry.at)  # stable: same instant keeps announce order
    return replace(case, timeline=tuple(reversed(oldest_first[-TIMELINE_LIMIT:])))
