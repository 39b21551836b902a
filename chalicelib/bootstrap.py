"""Builds the adapters and services once per container (Lambda sandbox), lazily.

Nothing here runs at import time: the first request that needs the container builds it
from the settings. Tests build their own with `Container.build(...)` (with fakes or with
DynamoDB on moto) and install it with `use()`.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import timedelta

from chalicelib.adapters.tokens import CognitoTokens, Hs256Tokens, IssuerRouter, TokenVerifier
from chalicelib.config import ConfigError, Settings, get_settings
from chalicelib.domain.clock import Clock, SystemClock
from chalicelib.domain.lockout import LockoutPolicy
from chalicelib.services.auth import AuthService
from chalicelib.services.calendar import CalendarService
from chalicelib.services.case_access import CaseAccess
from chalicelib.services.cases import CaseService
from chalicelib.services.notifications import (
    HearingReminders,
    InboundSmsService,
    OutboxRelay,
    SmsDispatcher,
)
from chalicelib.services.ports import (
    CalendarRepository,
    CaseRepository,
    EventPublisher,
    HearingReminderRepository,
    IdempotencyStore,
    InboundRepository,
    LockoutStore,
    OptOutRepository,
    OtpStore,
    OutboxRepository,
    RateCounter,
    SmsGateway,
    SmsLog,
    StaffRepository,
    StatsRepository,
    TicketRepository,
)
from chalicelib.services.rate_limits import RateLimits
from chalicelib.services.staff import StaffService
from chalicelib.services.stats import StatsService
from chalicelib.services.sweep import TicketSweep
from chalicelib.services.tickets import TicketService


@dataclass(frozen=True)
class Adapters:
    cases: CaseRepository
    staff: StaffRepository
    lockouts: LockoutStore
    tickets: TicketRepository
    calendars: CalendarRepository
    idempotency: IdempotencyStore
    outbox: OutboxRepository
    sms_log: SmsLog
    opt_outs: OptOutRepository
    inbound: InboundRepository
    hearing_slots: HearingReminderRepository
    publisher: EventPublisher
    gateway: SmsGateway
    otp: OtpStore
    rates: RateCounter
    stats: StatsRepository


@dataclass(frozen=True)
class Container:
    settings: Settings
    clock: Clock
    adapters: Adapters
    tokens: TokenVerifier
    cases: CaseService
    staff: StaffService
    calendar: CalendarService
    tickets: TicketService
    sweep: TicketSweep
    relay: OutboxRelay
    sms: SmsDispatcher
    reminders: HearingReminders
    inbound: InboundSmsService
    auth: AuthService
    limits: RateLimits
    stats: StatsService

    @classmethod
    def build(cls, settings: Settings, *, clock: Clock | None = None,
              adapters: Adapters | None = None) -> Container:
        clock = clock or SystemClock()
        a = adapters or dynamodb_adapters(settings)
        rules = settings.rate_rules()
        per_case = rules["case_lookup"]
        access = CaseAccess(a.cases, a.lockouts, clock, settings.query_code_pepper,
                            case_policy=LockoutPolicy(
                                max_failures=per_case.per_target or 30,
                                window=timedelta(seconds=per_case.window_seconds),
                                lock_for=timedelta(seconds=per_case.window_seconds)))
        calendar = CalendarService(a.calendars, clock)
        tickets = TicketService(a.tickets, a.cases, access, a.staff, calendar,
                                settings.sla_policy(), clock, a.idempotency)
        return cls(
            settings=settings,
            clock=clock,
            adapters=a,
            tokens=token_verifier(settings),
            cases=CaseService(a.cases, a.staff, access, clock, settings.query_code_pepper),
            staff=StaffService(a.staff),
            calendar=calendar,
            tickets=tickets,
            sweep=TicketSweep(a.tickets, a.staff, calendar, clock),
            relay=OutboxRelay(a.outbox, a.publisher, clock),
            sms=SmsDispatcher(a.tickets, a.cases, a.staff, a.inbound, a.sms_log, a.opt_outs,
                              a.gateway, clock, settings.sms_signature),
            reminders=HearingReminders(a.hearing_slots, calendar, clock),
            inbound=InboundSmsService(a.inbound, a.opt_outs, tickets.rate_by_phone, clock),
            auth=AuthService(a.otp, a.lockouts, a.gateway,
                             Hs256Tokens(settings.auth_jwt_secret, settings.auth_issuer), clock,
                             settings.pii_key_secret, settings.sms_signature),
            limits=RateLimits(a.rates, rules, clock),
            stats=StatsService(a.stats, a.staff, a.tickets, settings.gold()),
        )


def dynamodb_adapters(settings: Settings) -> Adapters:
    from chalicelib.adapters.dynamodb import models
    from chalicelib.adapters.dynamodb.keys import KeyMaker
    from chalicelib.adapters.dynamodb.notifications import (
        DynamoHearingReminders,
        DynamoInbound,
        DynamoOptOuts,
        DynamoOutbox,
        DynamoSmsLog,
    )
    from chalicelib.adapters.dynamodb.otp import DynamoOtpStore
    from chalicelib.adapters.dynamodb.rates import DynamoRateCounter
    from chalicelib.adapters.dynamodb.stats import DynamoStats
    from chalicelib.adapters.dynamodb.store import (
        DynamoCaseRepository,
        DynamoLockoutStore,
        DynamoStaffRepository,
    )
    from chalicelib.adapters.dynamodb.tickets import (
        DynamoCalendarRepository,
        DynamoTicketRepository,
    )
    from chalicelib.adapters.idempotency import PowertoolsIdempotency
    from chalicelib.adapters.sns import SnsEventPublisher, SnsSmsGateway

    models.configure(settings.table_name)
    keys = KeyMaker(settings.pii_key_secret)

    def client() -> object:
        return models.TableItem._get_connection().connection.client

    return Adapters(
        cases=DynamoCaseRepository(keys), staff=DynamoStaffRepository(keys),
        lockouts=DynamoLockoutStore(keys), tickets=DynamoTicketRepository(keys),
        calendars=DynamoCalendarRepository(keys),
        idempotency=PowertoolsIdempotency(settings.table_name, client),
        outbox=DynamoOutbox(), sms_log=DynamoSmsLog(keys), opt_outs=DynamoOptOuts(keys),
        inbound=DynamoInbound(keys), hearing_slots=DynamoHearingReminders(keys),
        publisher=SnsEventPublisher(settings.events_topic_arn or ""),
        gateway=SnsSmsGateway(), otp=DynamoOtpStore(keys), rates=DynamoRateCounter(keys),
        stats=DynamoStats(keys),
    )


def token_verifier(settings: Settings) -> TokenVerifier:
    own = Hs256Tokens(settings.auth_jwt_secret, settings.auth_issuer)
    if settings.auth_mode == "hs256":
        return own
    if settings.cognito_issuer is None or settings.cognito_client_id is None:
        raise ConfigError("AUTH_MODE=cognito needs COGNITO_ISSUER and COGNITO_CLIENT_ID")
    cognito = CognitoTokens(settings.cognito_issuer, settings.cognito_client_id)
    return IssuerRouter({settings.auth_issuer: own, settings.cognito_issuer.rstrip("/"): cognito})


_lock = threading.Lock()
_container: Container | None = None


def container() -> Container:
    global _container
    if _container is None:
        with _lock:
            if _container is None:
                _container = Container.build(get_settings())
    return _container


def use(replacement: Container | None) -> None:
    """Install a container (tests), or None to build from settings again."""
    global _container
    _container = replacement
    get_settings.cache_clear()
