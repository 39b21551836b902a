"""Sign-in codes (短信验证码) for parties.

API contract ("Authentication"): a 6-digit code valid 5 minutes; at most one per phone per
60 seconds and 10 per day (Asia/Shanghai); 5 wrong codes lock the phone for 15 minutes.
Codes come from `secrets`, are stored only as a keyed digest, and work once.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from chalicelib.domain.lockout import LockoutPolicy


@dataclass(frozen=True)
class OtpPolicy:
    valid_for: timedelta = timedelta(minutes=5)
    resend_after: timedelta = timedelta(seconds=60)
    per_day: int = 10
    lockout: LockoutPolicy = field(default_factory=LockoutPolicy)


@dataclass(frozen=True)
class OtpRecord:
    code_digest: str
    sent_at: datetime
    expires_at: datetime

    def is_valid(self, now: datetime) -> bool:
        return now < self.expires_at


def new_code() -> str:
    return f"{secrets.randbelow(10**6):06d}"


def digest(secret: bytes, phone: str, code: str) -> str:
    return hmac.new(secret, f"otp\x1f{phone}\x1f{code}".encode(), hashlib.sha256).hexdigest()


def matches(secret: bytes, phone: str, code: str, record: OtpRecord) -> bool:
    return hmac.compare_digest(digest(secret, phone, code), record.code_digest)
