"""Use case: maintain the staff directory (judges, clerks, agents, division heads)."""

from __future__ import annotations

from dataclasses import dataclass

from chalicelib.domain.access import Principal
from chalicelib.domain.courts import court
from chalicelib.domain.errors import Forbidden, Problem, ValidationFailed
from chalicelib.domain.staff import StaffMember
from chalicelib.observability import count
from chalicelib.schemas.staff import StaffIn, StaffOut
from chalicelib.services.authz import require_admin_of
from chalicelib.services.ports import StaffRepository


@dataclass(frozen=True)
class StaffResult:
    staff: StaffOut
    created: bool


def staff_out(member: StaffMember) -> StaffOut:
    return StaffOut(
        staff_id=member.staff_id, name=member.name, role=member.role,
        court_code=member.court_code, court_name=court(member.court_code).name,
        division=member.division, phone=member.phone, supervisor_id=member.supervisor_id,
    )


class StaffService:
    def __init__(self, staff: StaffRepository) -> None:
        self._staff = staff

    def upsert(self, staff_id: str, data: StaffIn, principal: Principal | None) -> StaffResult:
        """Create or replace a directory entry of a court the admin serves."""
        require_admin_of(principal, data.court_code)
        wanted = [staff_id] + ([data.supervisor_id] if data.supervisor_id else [])
        found = self._staff.get_many(wanted)
        existing = found.get(staff_id)
        if existing is not None and principal is not None and not principal.serves(
            existing.court_code
        ):
            raise Forbidden("该人员属于其他法院，不能修改。")
        if data.supervisor_id is not None:
            _check_supervisor(staff_id, data, found.get(data.supervisor_id))
        member = StaffMember(staff_id, data.name.strip(), data.role, data.court_code,
                             data.division.strip(), data.phone, data.supervisor_id)
        self._staff.save(member)
        count("StaffSynced", created=str(existing is None).lower())
        return StaffResult(staff_out(member), created=existing is None)


def _check_supervisor(staff_id: str, data: StaffIn, supervisor: StaffMember | None) -> None:
    if data.supervisor_id == staff_id:
        problem = "不能将本人设为上级"
    elif supervisor is None:
        problem = "人员名录中没有该上级的工号"
    elif supervisor.court_code != data.court_code:
        problem = "上级应与本人属于同一法院"
    else:
        return
    raise ValidationFailed(details=[Problem("supervisor_id", problem)])
