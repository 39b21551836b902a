"""Models for the litigation-fee calculator."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field

from chalicelib.domain.cases import Procedure
from chalicelib.domain.deadlines import DeadlineKind
from chalicelib.domain.fees import FeeKind
from chalicelib.schemas.common import ResponseModel, StrictModel

Amount = Annotated[Decimal, Field(strict=False, description="Yuan, at most 2 decimals",
                                  examples=["100000", 100000.5])]


class FeeIn(StrictModel):
    kind: FeeKind
    amount: Amount | None = None
    procedure: Procedure | None = None
    settled: bool = Field(default=False, description="Closed by mediation or withdrawn")


class BracketOut(ResponseModel):
    from_: str = Field(alias="from", serialization_alias="from")
    to: str | None
    rate: str
    amount: str


class FeeOut(ResponseModel):
    fee: str | None = Field(default=None, examples=["2300.00"],
                            description="Set when the fee is one amount")
    fee_min: str | None = Field(default=None, description="Set when the law gives a range")
    fee_max: str | None = None
    currency: Literal["CNY"] = "CNY"
    breakdown: list[BracketOut]
    reductions: list[str]
    legal_basis: str


class DeadlineIn(StrictModel):
    kind: DeadlineKind
    start_date: date = Field(ge=date(2004, 1, 1), le=date(2100, 12, 31),
                             description="The day the period starts from (not counted); "
                                         "2004 onwards, the first year with calendar data")
    foreign_domicile: bool = Field(default=False,
                                   description="No domicile in the PRC: 30 days to defend "
                                               "or appeal")


class DeadlineOut(ResponseModel):
    due_date: date
    days: int | None = None
    months: int | None = None
    extended_for_holiday: bool
    nominal_due_date: date = Field(description="Before moving off a weekend or holiday")
    starts_from: str
    legal_basis: str
