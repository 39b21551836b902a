"""Case query codes (案件查询码), printed on the acceptance notice.

Codes are never stored in clear text: the case keeps an HMAC-SHA256 of the normalised
code, keyed with a server-side secret (the "pepper") and bound to the case number, so a
copy of the table alone does not let anyone try codes offline, and one code's digest is
useless for any other case. Comparison is constant-time.
"""

from __future__ import annotations

import hashlib
import hmac
import re

from chalicelib.domain.errors import Problem, ValidationFailed

_CODE = re.compile(r"^[A-Z0-9]{4,32}$")
_SEPARATORS = re.compile(r"[\s-]+")


def normalise(code: str) -> str:
    """Codes are case-insensitive and may be typed with spaces or dashes."""
    return _SEPARATORS.sub("", code).upper()


def check_format(code: object, field: str = "query_code") -> str:
    if not isinstance(code, str) or not _CODE.match(normalise(code)):
        raise ValidationFailed(details=[Problem(field, "查询码应为4至32位字母或数字")])
    return normalise(code)


def digest(pepper: bytes, case_number: str, code: str) -> str:
    message = f"{case_number}\x1f{normalise(code)}".encode()
    return hmac.new(pepper, message, hashlib.sha256).hexdigest()


def matches(pepper: bytes, case_number: str, code: str, stored_digest: str) -> bool:
    return hmac.compare_digest(digest(pepper, case_number, code), stored_digest)
