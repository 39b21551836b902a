"""PynamoDB models of the single table (see docs/data-model.md for the access patterns).

Every item type is a polymorphic subclass of `TableItem` (discriminator attribute
``kind``), so a query or batch read over mixed items comes back as the right classes.
All of them share one connection, and therefore one botocore client per container: by
default PynamoDB would build one client per model class, and each costs ~50 ms cold.
"""

from __future__ import annotations

from typing import Any, ClassVar

from pynamodb.attributes import (
    BooleanAttribute,
    DiscriminatorAttribute,
    JSONAttribute,
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    TTLAttribute,
    UnicodeAttribute,
)
from pynamodb.connection.table import TableConnection
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

DEFAULT_TABLE_NAME = "court-selfservice"


class Gsi1(GlobalSecondaryIndex["TableItem"]):
    """Overloaded index 1: staff by court; an assignee's tickets by status and due time."""

    class Meta:
        index_name = "gsi1"
        projection = AllProjection()

    gsi1pk = UnicodeAttribute(hash_key=True)
    gsi1sk = UnicodeAttribute(range_key=True)


class Gsi2(GlobalSecondaryIndex["TableItem"]):
    """Overloaded index 2: court-wide lists (a court's unreplied tickets by due time)."""

    class Meta:
        index_name = "gsi2"
        projection = AllProjection()

    gsi2pk = UnicodeAttribute(hash_key=True)
    gsi2sk = UnicodeAttribute(range_key=True)


class Gsi3(GlobalSecondaryIndex["TableItem"]):
    """Overloaded index 3: sharded work queues (tickets the sweep must look at, by time)."""

    class Meta:
        index_name = "gsi3"
        projection = AllProjection()

    gsi3pk = UnicodeAttribute(hash_key=True)
    gsi3sk = UnicodeAttribute(range_key=True)


class OutboxIndex(GlobalSecondaryIndex["TableItem"]):
    """Sparse index of events not yet published (attributes removed once relayed)."""

    class Meta:
        index_name = "outbox"
        projection = AllProjection()

    outbox_pk = UnicodeAttribute(hash_key=True)
    outbox_sk = UnicodeAttribute(range_key=True)


class Gsi4(GlobalSecondaryIndex["TableItem"]):
    """Overloaded index 4: what a court recorded on a day (tickets, for the stats rebuild)."""

    class Meta:
        index_name = "gsi4"
        projection = AllProjection()

    gsi4pk = UnicodeAttribute(hash_key=True)
    gsi4sk = UnicodeAttribute(range_key=True)


class TableItem(Model):
    class Meta:
        table_name = DEFAULT_TABLE_NAME  # replaced by `configure()` from the settings
        connect_timeout_seconds = 2
        read_timeout_seconds = 5
        max_retry_attempts = 3

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    kind = DiscriminatorAttribute()
    gsi1pk = UnicodeAttribute(null=True)
    gsi1sk = UnicodeAttribute(null=True)
    gsi2pk = UnicodeAttribute(null=True)
    gsi2sk = UnicodeAttribute(null=True)
    gsi3pk = UnicodeAttribute(null=True)
    gsi3sk = UnicodeAttribute(null=True)
    gsi4pk = UnicodeAttribute(null=True)
    gsi4sk = UnicodeAttribute(null=True)
    outbox_pk = UnicodeAttribute(null=True)
    outbox_sk = UnicodeAttribute(null=True)
    expires_at = TTLAttribute(null=True, attr_name="ttl")

    by_gsi1 = Gsi1()
    by_gsi2 = Gsi2()
    by_gsi3 = Gsi3()
    by_gsi4 = Gsi4()
    outbox = OutboxIndex()

    _shared: ClassVar[TableConnection | None] = None

    @classmethod
    def _get_connection(cls) -> TableConnection:
        # One connection (one botocore client) for every item class of the table.
        if TableItem._shared is None:
            TableItem._shared = super(TableItem, TableItem)._get_connection()
        return TableItem._shared


def configure(table_name: str) -> None:
    """Point every model at ``table_name`` and drop cached connections (tests, stages)."""
    TableItem.Meta.table_name = table_name
    reset_connection()


def reset_connection() -> None:
    TableItem._shared = None
    TableItem._connection = None


class PersonMap(MapAttribute[str, Any]):
    id = UnicodeAttribute()
    name = UnicodeAttribute()


class PartyMap(MapAttribute[str, Any]):
    role = UnicodeAttribute()
    name = UnicodeAttribute()
    party_kind = UnicodeAttribute()
    phone = UnicodeAttribute(null=True)
    id_number = UnicodeAttribute(null=True)


class HearingMap(MapAttribute[str, Any]):
    starts_at = UnicodeAttribute()  # ISO 8601, +08:00
    courtroom = UnicodeAttribute()
    hearing_id = UnicodeAttribute(null=True)


class TimelineMap(MapAttribute[str, Any]):
    at = UnicodeAttribute()
    type = UnicodeAttribute()
    label = UnicodeAttribute()


class CaseItem(TableItem, discriminator="Case"):
    case_number = UnicodeAttribute()
    year = NumberAttribute()
    court_code = UnicodeAttribute()
    type_code = UnicodeAttribute()
    specialised_code = UnicodeAttribute(null=True)
    sequence = NumberAttribute()
    cause = UnicodeAttribute()
    status = UnicodeAttribute()
    procedure = UnicodeAttribute()
    filed_on = UnicodeAttribute()
    closed_on = UnicodeAttribute(null=True)
    judge = PersonMap(null=True)
    clerk = PersonMap(null=True)
    parties = ListAttribute(of=PartyMap)
    hearings = ListAttribute(of=HearingMap)
    query_code_digest = UnicodeAttribute()
    trial_deadline = UnicodeAttribute(null=True)
    timeline = ListAttribute(of=TimelineMap)
    version = NumberAttribute()
    updated_at = UnicodeAttribute()


class EventItem(TableItem, discriminator="Event"):
    """A domain event in its aggregate's partition; the outbox keys mark it unpublished."""

    event_id = UnicodeAttribute()
    event_type = UnicodeAttribute()
    at = UnicodeAttribute()
    aggregate = UnicodeAttribute()
    aggregate_id = UnicodeAttribute()
    court_code = UnicodeAttribute()
    label = UnicodeAttribute()
    payload = JSONAttribute()
    recorded_at = UnicodeAttribute()


class PartyLinkItem(TableItem, discriminator="PartyCase"):
    case_number = UnicodeAttribute()
    filed_on = UnicodeAttribute()


class StaffItem(TableItem, discriminator="Staff"):
    staff_id = UnicodeAttribute()
    name = UnicodeAttribute()
    role = UnicodeAttribute()
    court_code = UnicodeAttribute()
    division = UnicodeAttribute()
    phone = UnicodeAttribute()
    supervisor_id = UnicodeAttribute(null=True)


class LockoutItem(TableItem, discriminator="Lockout"):
    failures = NumberAttribute()
    window_ends_at = NumberAttribute()  # epoch seconds
    locked_until = NumberAttribute(null=True)  # epoch seconds


class CounterItem(TableItem, discriminator="Counter"):
    """An atomic counter (ticket numbers of a day; open callback requests of a case+phone)."""

    value = NumberAttribute(default=0)


class CalendarItem(TableItem, discriminator="Calendar"):
    year = NumberAttribute()
    holidays = ListAttribute(of=UnicodeAttribute)
    workdays = ListAttribute(of=UnicodeAttribute)
    published_at = UnicodeAttribute()
    published_by = UnicodeAttribute()


class ActorMap(MapAttribute[str, Any]):
    id = UnicodeAttribute()
    role = UnicodeAttribute()
    name = UnicodeAttribute()


class CallerMap(MapAttribute[str, Any]):
    name = UnicodeAttribute()
    phone = UnicodeAttribute(null=True)
    relation = UnicodeAttribute(null=True)


class HistoryMap(MapAttribute[str, Any]):
    at = UnicodeAttribute()
    actor = UnicodeAttribute()
    action = UnicodeAttribute()
    note = UnicodeAttribute(null=True)


class ReplyMap(MapAttribute[str, Any]):
    result = UnicodeAttribute()
    note = UnicodeAttribute()
    at = UnicodeAttribute()
    within_sla = BooleanAttribute()


class RatingMap(MapAttribute[str, Any]):
    score = NumberAttribute()
    at = UnicodeAttribute()


class TicketItem(TableItem, discriminator="Ticket"):
    ticket_id = UnicodeAttribute()
    category = UnicodeAttribute()
    channel = UnicodeAttribute()
    status = UnicodeAttribute()
    answered_on_spot = BooleanAttribute()
    court_code = UnicodeAttribute()
    case_number = UnicodeAttribute(null=True)
    caller = CallerMap()
    callback_phone = UnicodeAttribute(null=True)
    preferred_time = UnicodeAttribute(null=True)
    summary = UnicodeAttribute()
    elements = MapAttribute[str, Any](default=dict)
    assignee = PersonMap(null=True)
    due_at = UnicodeAttribute(null=True)
    due_at_provisional = BooleanAttribute(default=False)
    overdue = BooleanAttribute(default=False)
    escalated = BooleanAttribute(default=False)
    escalate_at = UnicodeAttribute(null=True)
    escalated_to = UnicodeAttribute(null=True)
    history = ListAttribute(of=HistoryMap)
    reply = ReplyMap(null=True)
    rating = RatingMap(null=True)
    created_at = UnicodeAttribute()
    created_by = ActorMap()
    limited = BooleanAttribute(default=False)
    version = NumberAttribute()


class AwaitingRatingItem(TableItem, discriminator="AwaitingRating"):
    """A replied ticket waiting for its caller's rating (found by the caller's phone)."""

    ticket_id = UnicodeAttribute()


class HearingSlotItem(TableItem, discriminator="HearingSlot"):
    """An upcoming hearing indexed by its day (Asia/Shanghai), for day-before reminders."""

    case_number = UnicodeAttribute()
    court_code = UnicodeAttribute()
    starts_at = UnicodeAttribute()
    courtroom = UnicodeAttribute()
    reminded = BooleanAttribute(default=False)


class SmsItem(TableItem, discriminator="Sms"):
    """One text for one recipient of one event: the dedupe record and the send log."""

    event_id = UnicodeAttribute()
    phone = UnicodeAttribute()
    template = UnicodeAttribute()
    text = UnicodeAttribute()
    status = UnicodeAttribute()
    send_at = UnicodeAttribute(null=True)
    claimed_at = UnicodeAttribute(null=True)
    sent_at = UnicodeAttribute(null=True)
    message_id = UnicodeAttribute(null=True)
    segments = NumberAttribute(null=True)
    reason = UnicodeAttribute(null=True)


class OptOutItem(TableItem, discriminator="OptOut"):
    opted_out_at = UnicodeAttribute()


class InboundItem(TableItem, discriminator="Inbound"):
    inbound_id = UnicodeAttribute()
    phone = UnicodeAttribute()
    text = UnicodeAttribute()
    received_at = UnicodeAttribute()
    action = UnicodeAttribute()
    ticket_id = UnicodeAttribute(null=True)


class OtpItem(TableItem, discriminator="Otp"):
    """A phone's current sign-in code (digest only), expiring by TTL."""

    code_digest = UnicodeAttribute()
    sent_at = NumberAttribute()  # epoch seconds
    valid_until = NumberAttribute()  # epoch seconds


class RateItem(TableItem, discriminator="Rate"):
    """Requests of one (rule, client or target) in one fixed window; expires by TTL."""

    hits = NumberAttribute(default=0)


class StatsDayItem(TableItem, discriminator="StatsDay"):
    """A court's counters for one day (`chalicelib.domain.stats.DAY_COUNTERS`), moved only
    by atomic `ADD`."""

    total = NumberAttribute(null=True)
    answered_on_spot = NumberAttribute(null=True)
    dispatched = NumberAttribute(null=True)
    replied_in_sla = NumberAttribute(null=True)
    replied_late = NumberAttribute(null=True)
    rated = NumberAttribute(null=True)
    score_1 = NumberAttribute(null=True)
    score_2 = NumberAttribute(null=True)
    score_3 = NumberAttribute(null=True)
    ch_hotline = NumberAttribute(null=True)
    ch_web = NumberAttribute(null=True)
    ch_app = NumberAttribute(null=True)
    ch_sms = NumberAttribute(null=True)
    ch_wechat = NumberAttribute(null=True)
    ch_window = NumberAttribute(null=True)
    cat_contact_judge = NumberAttribute(null=True)
    cat_case_inquiry = NumberAttribute(null=True)
    cat_consultation = NumberAttribute(null=True)
    cat_complaint = NumberAttribute(null=True)
    cat_suggestion = NumberAttribute(null=True)
    cat_other = NumberAttribute(null=True)


class StatsAgentItem(TableItem, discriminator="StatsAgent"):
    """An agent's counters for one month."""

    agent_id = UnicodeAttribute(null=True)
    handled = NumberAttribute(null=True)
    answered_on_spot = NumberAttribute(null=True)
    mentor_score = NumberAttribute(null=True)


class StatsSeenItem(TableItem, discriminator="StatsSeen"):
    """This event has been counted; expires by TTL well after SQS could redeliver it."""
