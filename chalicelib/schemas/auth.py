"""Models for party sign-in by SMS code."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from chalicelib.schemas.common import ResponseModel, StrictModel


class OtpIn(StrictModel):
    phone: Annotated[str, Field(min_length=1, max_length=32, examples=["13812345678"])]


class OtpOut(ResponseModel):
    expires_in: int = Field(description="Seconds the code stays valid.")
    resend_after: int = Field(description="Seconds before another code may be asked for.")


class TokenIn(StrictModel):
    phone: Annotated[str, Field(min_length=1, max_length=32)]
    code: Annotated[str, Field(pattern=r"^\d{6}$", examples=["123456"])]


class TokenOut(ResponseModel):
    access_token: str
    token_type: Literal["Bearer"] = "Bearer"  # noqa: S105 - a scheme name, not a secret
    expires_in: int
    role: Literal["party"] = "party"
