"""Party sign-in by SMS code (API contract, "Authentication")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from chalicelib.adapters.tokens import Hs256Tokens
from chalicelib.domain import otp
from chalicelib.domain.clock import Clock, day_of
from chalicelib.domain.errors import Locked, RateLimited, ServiceUnavailable, Unauthenticated
from chalicelib.domain.identity import parse_phone
from chalicelib.domain.lockout import LockKey
from chalicelib.domain.sms import render, segments
from chalicelib.observability import count, measure
from chalicelib.services.ports import LockoutStore, OtpStore, OtpTooSoon, SmsGateway

TOKEN_LIFETIME = timedelta(hours=8)
OTP_SCOPE = "otp"


class SmsUnavailable(ServiceUnavailable):
    code = "SMS_UNAVAILABLE"
    default_message = "验证码短信发送失败，请您稍后重试。"


@dataclass(frozen=True)
class Token:
    access_token: str
    expires_in: int


class AuthService:
    def __init__(self, codes: OtpStore, lockouts: LockoutStore, gateway: SmsGateway,
                 tokens: Hs256Tokens, clock: Clock, secret: bytes, signature: str,
                 policy: otp.OtpPolicy | None = None) -> None:
        self._codes = codes
        self._lockouts = lockouts
        self._gateway = gateway
        self._tokens = tokens
        self._clock = clock
        self._secret = secret
        self._signature = signature
        self._policy = policy or otp.OtpPolicy()

    def send_code(self, raw_phone: str) -> int:
        """Text a new code to the phone; returns its lifetime in seconds.

        The code is sent straight away (the person is waiting), not through the outbox: it
        must never sit in an event or a queue message in clear text.
        """
        phone = parse_phone(raw_phone)
        now = self._clock.now()
        code = otp.new_code()
        record = otp.OtpRecord(otp.digest(self._secret, phone, code), now,
                               now + self._policy.valid_for)
        try:
            self._codes.store(phone, record, day_of(now), self._policy)
        except OtpTooSoon as error:
            raise RateLimited(error.retry_after_seconds,
                              "验证码发送过于频繁，请您稍后再试。") from None
        text = render("OTP_CODE", self._signature, code=code)
        try:
            self._gateway.send(phone, text)
        except Exception:
            self._codes.consume(phone, record)  # a code nobody received must not block a retry
            raise SmsUnavailable() from None
        count("OtpSent")
        measure("SmsSegments", segments(text), template="OTP_CODE")
        return int(self._policy.valid_for.total_seconds())

    def exchange(self, raw_phone: str, code: str) -> Token:
        """A party token for a valid code; 5 wrong codes lock the phone for 15 minutes."""
        phone = parse_phone(raw_phone)
        key = LockKey(OTP_SCOPE, phone)
        record, lockout = self._codes.read(phone, key)
        now = self._clock.now()
        if lockout is not None and lockout.is_locked(now):
            count("OtpLocked")
            raise Locked(lockout.retry_after_seconds(now), "验证码错误次数过多，请您15分钟后再试。")
        valid = (record is not None and record.is_valid(now)
                 and otp.matches(self._secret, phone, code, record))
        if not valid or record is None or not self._codes.consume(phone, record):
            self._lockouts.record_failure(key, now, self._policy.lockout)
            count("OtpFailed")
            raise Unauthenticated("验证码错误或已过期，请您重新获取。")
        if lockout is not None and lockout.is_current(now):
            self._lockouts.clear(key)
        subject = "party:" + otp.digest(self._secret, phone, "subject")[:24]
        token = self._tokens.issue({"sub": subject, "role": "party", "phone": phone}, now,
                                   TOKEN_LIFETIME)
        return Token(token, int(TOKEN_LIFETIME.total_seconds()))
