"""Calculator routes (诉讼费用, 期限)."""

from __future__ import annotations

from chalice.app import Blueprint

from chalicelib.api.http import Call, Limit, endpoint
from chalicelib.bootstrap import container
from chalicelib.schemas.calculators import DeadlineIn, DeadlineOut, FeeIn, FeeOut
from chalicelib.services.calculators import litigation_fee, procedural_deadline

bp = Blueprint(__name__)


@endpoint(bp, "/v1/calculators/litigation-fee", method="POST", tags=("consultation",),
          summary="Litigation fee per 《诉讼费用交纳办法》 (2007 scale)", body=FeeIn,
          response=FeeOut, errors=(400, 413, 429), limit=Limit("calculator"))
def fee(call: Call) -> FeeOut:
    return litigation_fee(call.body)


@endpoint(bp, "/v1/calculators/deadline", method="POST", tags=("consultation",),
          summary="The last day of a procedural period (appeal, defence, evidence...)",
          body=DeadlineIn, response=DeadlineOut, errors=(400, 413, 429, 503),
          limit=Limit("calculator"))
def deadline(call: Call) -> DeadlineOut:
    return procedural_deadline(call.body, container().calendar.working)
