"""Case inquiry (案件查询) and case sync routes."""

from __future__ import annotations

from chalice.app import Blueprint

from chalicelib.api.http import Call, Limit, Reply, endpoint
from chalicelib.api.paging import decode_token, encode_token
from chalicelib.bootstrap import container
from chalicelib.schemas.cases import CaseList, CaseOut, CaseSyncIn
from chalicelib.schemas.common import PageQuery

bp = Blueprint(__name__)


@endpoint(bp, "/v1/cases/{case_number}", summary="Look up a case", tags=("cases",),
          response=CaseOut, errors=(400, 401, 403, 404, 423, 429), headers=("X-Query-Code",),
          limit=Limit("case_lookup", anonymous_only=True),  # per target: see CaseAccess
          description="A party on the case or staff of its court with a bearer token, or "
                      "anyone with the case's query code in `X-Query-Code`.")
def get_case(call: Call, case_number: str) -> CaseOut:
    code = call.header("X-Query-Code") or None  # an empty header is no code
    return container().cases.view(case_number, call.principal, code, call.client_ip)


@endpoint(bp, "/v1/me/cases", summary="The signed-in party's cases", tags=("cases",),
          query=PageQuery, response=CaseList,
          errors=(400, 401, 403))
def my_cases(call: Call) -> CaseList:
    page = container().cases.my_cases(call.principal, call.query.limit,
                                      decode_token(call.query.next_token))
    return page.model_copy(update={"next_token": encode_token(page.next_token)})


@endpoint(bp, "/v1/admin/cases/{case_number}", method="PUT", tags=("admin",),
          summary="Create or update a case synced from the case-management system",
          body=CaseSyncIn, response=CaseOut,
          alt_statuses=(201,), errors=(400, 401, 403, 409, 413))
def sync_case(call: Call, case_number: str) -> Reply:
    result = container().cases.sync(case_number, call.body, call.principal)
    return Reply(result.case, 201 if result.created else 200)
