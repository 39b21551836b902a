"""Domain errors.

The core raises these plain exceptions; `chalicelib.api.errors` is the one place that turns
them into HTTP responses. Each error carries a stable machine code (the contract's
`error.code`) and a Chinese message for people; none of them knows about HTTP.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One field-level problem, reported in `error.details`."""

    field: str
    problem: str


class DomainError(Exception):
    """Base of every error the core raises on purpose."""

    code = "INTERNAL_ERROR"
    default_message = "服务暂时不可用，请您稍后再试。"

    def __init__(self, message: str | None = None, details: list[Problem] | None = None) -> None:
        self.message = message or self.default_message
        self.details = list(details or [])
        super().__init__(self.message)


class ValidationFailed(DomainError):
    code = "VALIDATION_ERROR"
    default_message = "请求内容不符合要求，请您检查后重试。"


class InvalidCaseNumber(DomainError):
    code = "INVALID_CASE_NUMBER"
    default_message = "案号格式不正确，请您按“（2026）沪0101民初1234号”的格式填写。"


class Unauthenticated(DomainError):
    code = "UNAUTHENTICATED"
    default_message = "请您先登录或提供案件查询码。"


class Forbidden(DomainError):
    code = "FORBIDDEN"
    default_message = "您没有权限进行此操作。"


class NotFound(DomainError):
    code = "NOT_FOUND"
    default_message = "未找到您要的内容。"


class CaseNotFound(NotFound):
    code = "CASE_NOT_FOUND"
    default_message = "未找到该案件，或案件查询码不正确。请您核对案号和查询码。"


class Conflict(DomainError):
    code = "CONFLICT"
    default_message = "数据已被他人修改，请您刷新后重试。"


class InvalidState(Conflict):
    code = "INVALID_STATE"
    default_message = "当前状态下不能进行此操作。"


class IdempotencyKeyReused(Conflict):
    code = "IDEMPOTENCY_KEY_REUSED"
    default_message = "该幂等键已用于内容不同的请求，请您更换 Idempotency-Key。"


class _RetryLater(DomainError):
    """An error that tells the caller when trying again makes sense."""

    def __init__(self, retry_after_seconds: int, message: str | None = None) -> None:
        super().__init__(message)
        self.retry_after_seconds = max(1, int(retry_after_seconds))


class Locked(_RetryLater):
    code = "LOCKED"
    default_message = "错误次数过多，已暂时锁定，请您15分钟后再试。"


class RateLimited(_RetryLater):
    code = "RATE_LIMITED"
    default_message = "请求过于频繁，请您稍后再试。"


class ServiceUnavailable(DomainError):
    code = "SERVICE_UNAVAILABLE"
    default_message = "服务暂时不可用，请您稍后再试。"


class CalendarUnavailable(DomainError):
    code = "CALENDAR_UNAVAILABLE"
    default_message = "该年度的节假日安排尚未发布，暂时无法计算期限，请您以法院通知为准。"
