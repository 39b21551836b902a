"""Staff directory routes."""

from __future__ import annotations

from chalice.app import Blueprint

from chalicelib.api.http import Call, Reply, endpoint
from chalicelib.bootstrap import container
from chalicelib.domain.staff import check_staff_id
from chalicelib.schemas.staff import StaffIn, StaffOut

bp = Blueprint(__name__)


@endpoint(bp, "/v1/admin/staff/{staff_id}", method="PUT", tags=("admin",),
          summary="Create or update a staff directory entry", body=StaffIn, response=StaffOut,
          alt_statuses=(201,),
          errors=(400, 401, 403, 413))
def put_staff(call: Call, staff_id: str) -> Reply:
    check_staff_id(staff_id, "staff_id")
    result = container().staff.upsert(staff_id, call.body, call.principal)
    return Reply(result.staff, 201 if result.created else 200)
