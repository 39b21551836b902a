"""Models for the two-way SMS webhook."""

from __future__ import annotations

from pydantic import AwareDatetime, ConfigDict, Field

from chalicelib.schemas.common import ResponseModel, StrictModel


class InboundIn(StrictModel):
    model_config = StrictModel.model_config | ConfigDict(populate_by_name=True)

    sender: str = Field(alias="from", min_length=1, max_length=32, examples=["13812345678"])
    text: str = Field(min_length=1, max_length=500, examples=["1"])
    received_at: AwareDatetime


class InboundOut(ResponseModel):
    action: str = Field(description="RATED | NOTHING_TO_RATE | OPTED_OUT | HELP")
    ticket_id: str | None = None
