"""Builds the adapters and services once per container (Lambda sandbox), lazily.

Nothing here runs at import time: the first request that needs the container builds it
from the settings. Tests build their own with `Container.build(...)` and install it
with `use()`.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from chalicelib.adapters.tokens import CognitoTokens, Hs256Tokens, IssuerRouter, TokenVerifier
from chalicelib.config import ConfigError, Settings, get_settings
from chalicelib.domain.clock import Clock, SystemClock
from chalicelib.services.case_access import CaseAccess
from chalicelib.services.cases import CaseService
from chalicelib.services.ports import CaseRepository, LockoutStore, StaffRepository
from chalicelib.services.staff import StaffService


@dataclass(frozen=True)
class Container:
    settings: Settings
    clock: Clock
    tokens: TokenVerifier
    cases: CaseService
    staff: StaffService

    @classmethod
    def build(
        cls,
        settings: Settings,
        *,
        clock: Clock | None = None,
        case_repository: CaseRepository | None = None,
        staff_repository: StaffRepository | None = None,
        lockouts: LockoutStore | None = None,
    ) -> Container:
        clock = clock or SystemClock()
        if case_repository is None or staff_repository is None or lockouts is None:
            dynamo_cases, dynamo_staff, dynamo_lockouts = _dynamodb(settings)
            case_repository = case_repository or dynamo_cases
            staff_repository = staff_repository or dynamo_staff
            lockouts = lockouts or dynamo_lockouts
        return cls(
            settings=settings,
            clock=clock,
            tokens=token_verifier(settings),
            cases=CaseService(case_repository, staff_repository,
                              CaseAccess(case_repository, lockouts, clock,
                                         settings.query_code_pepper),
                              clock, settings.query_code_pepper),
            staff=StaffService(staff_repository),
        )


def _dynamodb(settings: Settings) -> tuple[CaseRepository, StaffRepository, LockoutStore]:
    from chalicelib.adapters.dynamodb import models
    from chalicelib.adapters.dynamodb.keys import KeyMaker
    from chalicelib.adapters.dynamodb.store import (
        DynamoCaseRepository,
        DynamoLockoutStore,
        DynamoStaffRepository,
    )

    models.configure(settings.table_name)
    keys = KeyMaker(settings.pii_key_secret)
    return DynamoCaseRepository(keys), DynamoStaffRepository(keys), DynamoLockoutStore(keys)


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
