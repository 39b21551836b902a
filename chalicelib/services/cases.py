"""Use cases of case inquiry (案件查询) and of syncing cases from the court's system."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from chalicelib.domain import query_code
from chalicelib.domain.access import Audience, Principal, Role
from chalicelib.domain.case_number import CaseNumber, parse_case_number
from chalicelib.domain.cases import (
    Case,
    CaseStatus,
    Hearing,
    Party,
    PersonRef,
    changes,
    statutory_trial_deadline,
    with_timeline,
)
from chalicelib.domain.clock import Clock, day_of
from chalicelib.domain.errors import (
    Conflict,
    Forbidden,
    Problem,
    Unauthenticated,
    ValidationFailed,
)
from chalicelib.domain.staff import StaffMember, StaffRole
from chalicelib.observability import count
from chalicelib.schemas.cases import CaseList, CaseOut, CaseSyncIn
from chalicelib.services.authz import require_admin_of
from chalicelib.services.case_access import CaseAccess
from chalicelib.services.case_views import case_out, case_summary
from chalicelib.services.ports import CaseRepository, StaffRepository, StaleWrite

QUERY_CODE_SCOPE = "query_code"
SYNC_ATTEMPTS = 3


@dataclass(frozen=True)
class SyncResult:
    case: CaseOut
    created: bool


class CaseService:
    def __init__(self, cases: CaseRepository, staff: StaffRepository, access: CaseAccess,
                 clock: Clock, query_code_pepper: bytes) -> None:
        self._cases = cases
        self._staff = staff
        self._access = access
        self._clock = clock
        self._pepper = query_code_pepper

    # -- reading -------------------------------------------------------------------------

    def view(self, raw_number: str, principal: Principal | None, code: str | None,
             client: str) -> CaseOut:
        """One case, as much of it as the reader may see.

        A party on the case or staff of its court read with their token; anyone may read
        with the query code. An unknown case and a wrong code answer alike (404), and five
        wrong codes for one case from one client lock that pair for 15 minutes (423).
        """
        number = parse_case_number(raw_number)
        case, audience = self._access.read(number, principal, code, client)
        count("CaseViewed", access=audience.value)
        return case_out(case, audience)

    def my_cases(self, principal: Principal | None, limit: int, cursor: str | None) -> CaseList:
        """The signed-in party's cases, newest filing first."""
        if principal is None:
            raise Unauthenticated("请您先登录。")
        if principal.role is not Role.PARTY or principal.phone is None:
            raise Forbidden("仅当事人可查看“我的案件”。")
        phone = principal.phone
        page = self._cases.case_numbers_of_phone(phone, limit, cursor)
        found = self._cases.get_many(page.items)
        now = self._clock.now()
        items = [case_summary(found[n], phone, now) for n in page.items
                 if n in found and phone in found[n].party_phones()]
        return CaseList(items=items, next_token=page.cursor)

    # -- syncing -------------------------------------------------------------------------

    def sync(self, raw_number: str, data: CaseSyncIn, principal: Principal | None) -> SyncResult:
        """Create or update a case from the court's system, announcing what changed."""
        number = parse_case_number(raw_number)
        require_admin_of(principal, number.court_code)
        _check_consistency(number, data, day_of(self._clock.now()))
        judge, clerk = self._staff_refs(number, data)
        for _ in range(SYNC_ATTEMPTS):
            previous = self._cases.get(number).case
            now = self._clock.now()
            case = self._build(number, data, judge, clerk, previous, now)
            if previous is not None and previous.same_content(case):
                return SyncResult(case_out(previous, Audience.STAFF), created=False)
            events = changes(previous, case, now)
            try:
                stored = self._cases.save(with_timeline(case, previous, events), previous, events)
            except StaleWrite:
                continue
            count("CaseSynced", created=str(previous is None).lower())
            return SyncResult(case_out(stored, Audience.STAFF), created=previous is None)
        raise Conflict("该案件正在被同时更新，请您稍后重试。")

    def _build(self, number: CaseNumber, data: CaseSyncIn, judge: PersonRef | None,
               clerk: PersonRef | None, previous: Case | None, now: datetime) -> Case:
        parties = tuple(Party(p.role, p.name.strip(), p.kind, p.phone, p.id_number)
                        for p in data.parties)
        hearings = tuple(Hearing(h.starts_at, h.courtroom.strip(), h.id) for h in data.hearings)
        deadline = data.trial_deadline or statutory_trial_deadline(
            number, data.procedure, data.filed_on)
        return Case(
            number=number, cause=data.cause.strip(), status=data.status,
            procedure=data.procedure, filed_on=data.filed_on, closed_on=data.closed_on,
            judge=judge, clerk=clerk, parties=parties, hearings=hearings,
            query_code_digest=query_code.digest(self._pepper, str(number), data.query_code),
            trial_deadline=deadline,
            timeline=previous.timeline if previous else (),
            version=previous.version if previous else 0,
            updated_at=now,
        )

    def _staff_refs(self, number: CaseNumber,
                    data: CaseSyncIn) -> tuple[PersonRef | None, PersonRef | None]:
        wanted = [s for s in (data.judge_id, data.clerk_id) if s]
        found = self._staff.get_many(wanted) if wanted else {}
        problems: list[Problem] = []
        judge = _staff_ref(found, data.judge_id, "judge_id",
                           {StaffRole.JUDGE, StaffRole.DIVISION_HEAD}, number, problems)
        clerk = _staff_ref(found, data.clerk_id, "clerk_id", {StaffRole.CLERK}, number, problems)
        if problems:
            raise ValidationFailed(details=problems)
        return judge, clerk


def _check_consistency(number: CaseNumber, data: CaseSyncIn, today: date) -> None:
    """Cross-field rules a case from the court's system must satisfy."""
    problems: list[Problem] = []
    if data.court_code != number.court_code:
        problems.append(Problem("court_code", "与案号中的法院代字不一致"))
    if data.filed_on.year != number.year:
        problems.append(Problem("filed_on", "立案日期应在案号所示年度内"))
    if data.filed_on > today:
        problems.append(Problem("filed_on", "立案日期不能晚于今天"))
    if data.closed_on is not None and data.closed_on < data.filed_on:
        problems.append(Problem("closed_on", "结案日期不能早于立案日期"))
    if data.status is CaseStatus.CLOSED and data.closed_on is None:
        problems.append(Problem("closed_on", "已结案的案件须填写结案日期"))
    if len({(h.starts_at, h.courtroom) for h in data.hearings}) != len(data.hearings):
        problems.append(Problem("hearings", "开庭安排有重复"))
    ids = [h.id for h in data.hearings if h.id]
    if len(set(ids)) != len(ids):
        problems.append(Problem("hearings", "开庭编号有重复"))
    if problems:
        raise ValidationFailed(details=problems)


def _staff_ref(found: dict[str, StaffMember], staff_id: str | None, field: str,
               roles: set[StaffRole], number: CaseNumber,
               problems: list[Problem]) -> PersonRef | None:
    if staff_id is None:
        return None
    member = found.get(staff_id)
    if member is None:
        problems.append(Problem(field, "人员名录中没有该工号，请先同步人员信息"))
        return None
    if member.role not in roles:
        problems.append(Problem(field, "该人员的岗位不符"))
    if member.court_code != number.court_code:
        problems.append(Problem(field, "该人员不属于本案法院"))
    return PersonRef(member.staff_id, member.name)
