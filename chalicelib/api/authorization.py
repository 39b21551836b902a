"""The authorization matrix: every route, who may call it, and what each caller gets.

`endpoint()` takes each route's authentication and roles from this table (a route without
an entry fails at import). The ownership and court rules are applied by the services
(`CaseAccess`, `TicketService`, `require_admin_of`); ``rule`` says which, in words.

``expect`` is the status each kind of caller gets in the standard scenario that
`tests/functional/test_authorization_matrix.py` builds for every cell: case C of court
沪0101 with parties P (plaintiff) and D; judge J001 of 沪0101, assignee of ticket T1
(DISPATCHED, asked for by P) and T2 (REPLIED, awaiting P's rating); a hotline agent and
an admin of the high court 沪; a judge of 沪0104; another member of the public; and
someone holding C's query code without a token.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum, StrEnum

from chalicelib.domain.access import Role


class Auth(Enum):
    PUBLIC = "public"  # no token needed; a token that is sent must be valid
    # A valid token is required (the word, not a password).
    TOKEN = "token"  # noqa: S105 # nosec B105


class Actor(StrEnum):
    ANONYMOUS = "anonymous"
    PARTY_ON_CASE = "party_on_case"
    OTHER_PARTY = "other_party"
    QUERY_CODE_HOLDER = "query_code_holder"
    AGENT = "agent"
    JUDGE_OF_COURT = "judge_of_court"
    JUDGE_OF_OTHER_COURT = "judge_of_other_court"
    ADMIN = "admin"


@dataclass(frozen=True)
class RouteAccess:
    auth: Auth
    roles: frozenset[Role] | None
    rule: str
    expect: Mapping[Actor, int]


A = Actor
STAFF = frozenset({Role.AGENT, Role.JUDGE, Role.ADMIN})


def _all(status: int) -> dict[Actor, int]:
    return dict.fromkeys(Actor, status)


def _cells(anon: int, party: int, other: int, code: int, agent: int, judge: int,
           other_judge: int, admin: int) -> dict[Actor, int]:
    return {A.ANONYMOUS: anon, A.PARTY_ON_CASE: party, A.OTHER_PARTY: other,
            A.QUERY_CODE_HOLDER: code, A.AGENT: agent, A.JUDGE_OF_COURT: judge,
            A.JUDGE_OF_OTHER_COURT: other_judge, A.ADMIN: admin}


def _only(roles: set[Role], status: int) -> dict[Actor, int]:
    """Token routes open to ``roles`` only: 401 without a token, 403 for other roles."""
    by_role = {A.PARTY_ON_CASE: Role.PARTY, A.OTHER_PARTY: Role.PARTY, A.AGENT: Role.AGENT,
               A.JUDGE_OF_COURT: Role.JUDGE, A.JUDGE_OF_OTHER_COURT: Role.JUDGE,
               A.ADMIN: Role.ADMIN}
    cells = {actor: (status if role in roles else 403) for actor, role in by_role.items()}
    return {A.ANONYMOUS: 401, A.QUERY_CODE_HOLDER: 401, **cells}


MATRIX: dict[tuple[str, str], RouteAccess] = {
    ("GET", "/v1/health"): RouteAccess(Auth.PUBLIC, None, "anyone", _all(200)),
    ("GET", "/v1/openapi.json"): RouteAccess(Auth.PUBLIC, None, "anyone", _all(200)),
    ("GET", "/v1/cases/{case_number}"): RouteAccess(
        Auth.PUBLIC, None,
        "a party whose phone is on the case, staff whose court covers the case's court "
        "(403 otherwise), or the case's query code; strangers get 404 (CaseAccess)",
        _cells(401, 200, 404, 200, 200, 200, 403, 200)),
    ("GET", "/v1/me/cases"): RouteAccess(
        Auth.TOKEN, frozenset({Role.PARTY}), "the caller's own cases (by the token's phone)",
        _only({Role.PARTY}, 200)),
    ("PUT", "/v1/admin/cases/{case_number}"): RouteAccess(
        Auth.TOKEN, frozenset({Role.ADMIN}), "admins whose court covers the case's court",
        _only({Role.ADMIN}, 200)),
    ("PUT", "/v1/admin/staff/{staff_id}"): RouteAccess(
        Auth.TOKEN, frozenset({Role.ADMIN}),
        "admins whose court covers the entry's court (old and new)", _only({Role.ADMIN}, 201)),
    ("POST", "/v1/cases/{case_number}/callback-requests"): RouteAccess(
        Auth.PUBLIC, None,
        "a party on the case or the query-code holder; staff use POST /v1/tickets (403)",
        _cells(401, 201, 404, 201, 403, 403, 403, 403)),
    ("POST", "/v1/tickets"): RouteAccess(
        Auth.TOKEN, frozenset({Role.AGENT, Role.ADMIN}),
        "agents and admins, for courts they serve", _only({Role.AGENT, Role.ADMIN}, 201)),
    ("GET", "/v1/tickets"): RouteAccess(
        Auth.TOKEN, STAFF, "own queue; overdue list: admins and division heads of the court",
        _only({Role.AGENT, Role.JUDGE, Role.ADMIN}, 200)),
    ("GET", "/v1/tickets/{ticket_id}"): RouteAccess(
        Auth.TOKEN, None, "the caller (phone), the assignee, staff of the court; else 404",
        _cells(401, 200, 404, 401, 200, 200, 404, 200)),
    ("POST", "/v1/tickets/{ticket_id}/dispatch"): RouteAccess(
        Auth.TOKEN, frozenset({Role.AGENT, Role.ADMIN}), "agents and admins of the court",
        _only({Role.AGENT, Role.ADMIN}, 200)),
    ("POST", "/v1/tickets/{ticket_id}/reply"): RouteAccess(
        Auth.TOKEN, STAFF, "the assignee only (other staff of the court 403, others 404)",
        _cells(401, 403, 403, 401, 403, 200, 404, 403)),
    ("POST", "/v1/tickets/{ticket_id}/rating"): RouteAccess(
        Auth.TOKEN, frozenset({Role.PARTY}), "the caller only (other parties 404)",
        _cells(401, 200, 404, 401, 403, 403, 403, 403)),
    ("GET", "/v1/calendar/{year}"): RouteAccess(Auth.PUBLIC, None, "anyone", _all(200)),
    ("PUT", "/v1/admin/calendar/{year}"): RouteAccess(
        Auth.TOKEN, frozenset({Role.ADMIN}),
        "admins of the SPC or a high court (the calendar is national)",
        _only({Role.ADMIN}, 200)),
    ("POST", "/v1/sms/inbound"): RouteAccess(
        Auth.PUBLIC, None, "the SMS gateway, by X-Webhook-Secret (nobody else)", _all(401)),
    ("POST", "/v1/calculators/litigation-fee"): RouteAccess(
        Auth.PUBLIC, None, "anyone (rate limited)", _all(200)),
    ("POST", "/v1/calculators/deadline"): RouteAccess(
        Auth.PUBLIC, None, "anyone (rate limited)", _all(200)),
    ("GET", "/v1/stats/daily"): RouteAccess(
        Auth.TOKEN, frozenset({Role.AGENT, Role.ADMIN}),
        "agents and admins, for courts they serve (`court`, default their own)",
        _only({Role.AGENT, Role.ADMIN}, 200)),
    ("GET", "/v1/stats/daily.svg"): RouteAccess(
        Auth.TOKEN, frozenset({Role.AGENT, Role.ADMIN}),
        "agents and admins, for courts they serve (`court`, default their own)",
        _only({Role.AGENT, Role.ADMIN}, 200)),
    ("GET", "/v1/stats/agents"): RouteAccess(
        Auth.TOKEN, frozenset({Role.ADMIN}), "admins, for courts they serve",
        _only({Role.ADMIN}, 200)),
    ("PUT", "/v1/admin/agents/{agent_id}/mentor-score"): RouteAccess(
        Auth.TOKEN, frozenset({Role.ADMIN}), "admins whose court covers the agent's court",
        _only({Role.ADMIN}, 200)),
    ("POST", "/v1/auth/otp"): RouteAccess(Auth.PUBLIC, None, "anyone (rate limited)",
                                          _all(202)),
    ("POST", "/v1/auth/token"): RouteAccess(
        Auth.PUBLIC, None, "whoever has the code just texted (a wrong code: 401)", _all(401)),
}


def access_of(method: str, path: str) -> RouteAccess:
    try:
        return MATRIX[(method, path)]
    except KeyError:
        raise RuntimeError(f"{method} {path} has no entry in the authorization matrix") from None
