"""Authorization rules shared by the use cases."""

from __future__ import annotations

from chalicelib.domain.access import Principal, Role
from chalicelib.domain.errors import Forbidden, Unauthenticated


def staff_with(principal: Principal | None, roles: set[Role] | frozenset[Role],
               message: str) -> Principal:
    """A signed-in caller with one of ``roles`` (else 401, or 403 saying ``message``)."""
    if principal is None:
        raise Unauthenticated("请您先登录。")
    if principal.role not in roles:
        raise Forbidden(message)
    return principal


def court_served(staff: Principal, wanted: str | None) -> str:
    """``wanted`` (default: the caller's own court) if the caller's court covers it."""
    court = wanted or staff.court
    if court is None or not staff.serves(court):
        raise Forbidden("该法院不在您的服务范围内。")
    return court


def require_admin_of(principal: Principal | None, court_code: str) -> Principal:
    """An admin whose court covers ``court_code`` (high-court admins cover the province)."""
    if principal is None:
        raise Unauthenticated("请您先登录。")
    if principal.role is not Role.ADMIN:
        raise Forbidden("仅管理员可进行此操作。")
    if not principal.serves(court_code):
        raise Forbidden("该法院不在您的管理范围内。")
    return principal
