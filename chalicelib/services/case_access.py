"""Who may read a case, decided once for every use case that starts from a case number.

A party on the case or staff of its court read with their token; anyone may read with the
case's query code. An unknown case and a wrong code answer alike (404 ``CASE_NOT_FOUND``),
and five wrong codes for one case number from one client lock that pair for 15 minutes
(423 ``LOCKED``) — whether the code was tried on the lookup or on a callback request.
"""

from __future__ import annotations

from datetime import timedelta

from chalicelib.domain import query_code
from chalicelib.domain.access import Audience, Principal, Role
from chalicelib.domain.case_number import CaseNumber
from chalicelib.domain.cases import Case
from chalicelib.domain.clock import Clock
from chalicelib.domain.errors import (
    CaseNotFound,
    Forbidden,
    Locked,
    RateLimited,
    Unauthenticated,
)
from chalicelib.domain.lockout import LockKey, LockoutPolicy
from chalicelib.observability import count
from chalicelib.services.ports import CaseRepository, LockoutStore

QUERY_CODE_SCOPE = "query_code"
CASE_SCOPE = "query_code_case"


class CaseAccess:
    def __init__(self, cases: CaseRepository, lockouts: LockoutStore, clock: Clock,
                 pepper: bytes, policy: LockoutPolicy | None = None,
                 case_policy: LockoutPolicy | None = None) -> None:
        self._cases = cases
        self._lockouts = lockouts
        self._clock = clock
        self._pepper = pepper
        self._policy = policy or LockoutPolicy()
        # Wrong codes for one case from all clients together (distributed guessing).
        self._case_policy = case_policy or LockoutPolicy(
            max_failures=30, window=timedelta(minutes=1), lock_for=timedelta(minutes=1))

    def read(self, number: CaseNumber, principal: Principal | None,
             code: str | None, client: str) -> tuple[Case, Audience]:
        """The case and how much of it the caller may see, or the error that says why not."""
        if principal is None and code is None:
            raise Unauthenticated()
        if principal is not None and (principal.is_staff or code is None):
            return self._read_signed_in(number, principal)
        return self._read_as_party_or_code(number, principal, code or "", client)

    def _read_signed_in(self, number: CaseNumber, principal: Principal) -> tuple[Case, Audience]:
        case = self._cases.get(number).case
        if case is None:
            raise CaseNotFound()
        if principal.is_staff:
            if not principal.serves(case.court_code):
                raise Forbidden("该案件不属于您所在法院。")
            return case, Audience.STAFF
        if principal.phone not in case.party_phones():
            raise CaseNotFound()  # a party must not learn that someone else's case exists
        return case, Audience.PARTY

    def _read_as_party_or_code(self, number: CaseNumber, principal: Principal | None,
                               code: str, client: str) -> tuple[Case, Audience]:
        if principal is not None and principal.role is Role.PARTY:
            case = self._cases.get(number).case
            if case is not None and principal.phone in case.party_phones():
                return case, Audience.PARTY
        return self._read_with_code(number, code, client), Audience.QUERY_CODE

    def _read_with_code(self, number: CaseNumber, code: str, client: str) -> Case:
        normalised = query_code.check_format(code, field="X-Query-Code")
        pair = LockKey(QUERY_CODE_SCOPE, f"{number}|{client}")
        target = LockKey(CASE_SCOPE, str(number))
        read = self._cases.get(number, lock_keys=[pair, target])
        now = self._clock.now()
        by_pair, by_case = read.lockouts.get(pair), read.lockouts.get(target)
        if by_pair is not None and by_pair.is_locked(now):
            count("QueryCodeLocked")
            raise Locked(by_pair.retry_after_seconds(now))
        if by_case is not None and by_case.is_locked(now):
            count("QueryCodeCaseLimited")
            raise RateLimited(by_case.retry_after_seconds(now),
                              "该案件的查询过于频繁，请您稍后再试。")
        case = read.case
        if case is None or not query_code.matches(self._pepper, str(number), normalised,
                                                  case.query_code_digest):
            lockout = self._lockouts.record_failure(pair, now, self._policy)
            self._lockouts.record_failure(target, now, self._case_policy)
            count("QueryCodeFailed", locked=str(lockout.is_locked(now)).lower())
            raise CaseNotFound()
        if by_pair is not None and by_pair.is_current(now):
            self._lockouts.clear(pair)  # a right code forgives this client's earlier typos
        return case
