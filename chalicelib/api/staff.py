"""Staff directory routes."""

from __future__ import annotations

from chalice.app import Blueprint

from chalicelib.api.http import Call, Reply, endpoint
from chalicelib.bootstrap import container
from chalicelib.domain.errors import Problem, ValidationFailed
from chalicelib.domain.staff import STAFF_ID_PATTERN
from chalicelib.schemas.staff import StaffIn, StaffOut

bp = Blueprint(__name__)


@endpoint(bp, "/v1/admin/staff/{staff_id}", method="PUT", tags=("admin",),
          summary="Create or update a staff directory entry", body=StaffIn, response=StaffOut,
          alt_statuses=(201,),
          errors=(400, 401, 403, 413))
def put_staff(call: Call, staff_id: str) -> Reply:
    if not STAFF_ID_PATTERN.match(staff_id):
        raise ValidationFailed(details=[Problem("staff_id", "工号应为1至64位字母、数字或 _ . -")])
    result = container().staff.upsert(staff_id, call.body, call.principal)
    return Reply(result.staff, 201 if result.created else 200)
