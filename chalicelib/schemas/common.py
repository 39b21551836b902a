"""Shared pieces of the request and response models."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from chalicelib.domain.case_number import is_court_code
from chalicelib.domain.errors import DomainError
from chalicelib.domain.identity import parse_id_number, parse_phone
from chalicelib.domain.staff import STAFF_ID_PATTERN, STAFF_ID_RULE


class StrictModel(BaseModel):
    """Request bodies: unknown fields and type coercion are refused (API contract)."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)


class ResponseModel(BaseModel):
    model_config = ConfigDict(defer_build=True)


def _domain_check(parse: Any) -> Any:
    """Run a domain parser inside pydantic, reporting its problem text as the error."""

    def check(value: Any) -> Any:
        try:
            return parse(value)
        except DomainError as error:
            problem = error.details[0].problem if error.details else error.message
            raise ValueError(problem) from None

    return check


def _court_code(value: str) -> str:
    if not is_court_code(value):
        raise ValueError("法院代字不正确")
    return value


def _staff_id(value: str) -> str:
    if not STAFF_ID_PATTERN.match(value):
        raise ValueError(STAFF_ID_RULE)
    return value


Phone = Annotated[str, AfterValidator(_domain_check(parse_phone))]
IdNumber = Annotated[str, AfterValidator(_domain_check(parse_id_number))]
CourtCode = Annotated[str, AfterValidator(_court_code)]
StaffId = Annotated[str, AfterValidator(_staff_id)]
ShortText = Annotated[str, Field(min_length=1, max_length=100)]


class ErrorDetail(ResponseModel):
    field: str
    problem: str


class ErrorInfo(ResponseModel):
    code: str = Field(examples=["VALIDATION_ERROR"])
    message: str
    request_id: str
    details: list[ErrorDetail] | None = None


class ErrorBody(ResponseModel):
    error: ErrorInfo


class Health(ResponseModel):
    status: str = Field(examples=["ok"])
    version: str


class PageQuery(StrictModel):
    """``?limit=`` (1..100, default 20) and the opaque ``next_token``."""

    model_config = ConfigDict(extra="forbid", strict=False, frozen=True, defer_build=True)

    limit: int = Field(default=20, ge=1, le=100)
    next_token: str | None = Field(default=None, min_length=1, max_length=512)
