"""Bearer tokens: issuing the service's own (HS256) and verifying them and Cognito's (RS256).

* Party tokens are issued by this service after SMS sign-in and signed with the stage's
  secret (HS256). In the ``local`` stage, staff tokens are minted the same way
  (`devtools/token.py`), so tests and developers can act as any role.
* In AWS, staff sign in to a Cognito user pool; its ID tokens are RS256-signed and
  verified against the pool's JWKS (fetched once, refreshed when an unknown key id
  appears). Role and court come from the custom attributes ``custom:role`` and
  ``custom:court``.

`PyJWT` is imported on first use: requests without a token (query-code lookups, health)
do not pay for it (and for `cryptography`) at cold start.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.request
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Any, Protocol

from chalicelib.domain.access import Principal, Role
from chalicelib.domain.case_number import is_court_code
from chalicelib.domain.errors import DomainError, Unauthenticated
from chalicelib.domain.identity import parse_phone

LEEWAY_SECONDS = 30


class TokenVerifier(Protocol):
    def verify(self, token: str) -> Principal:
        """The principal a valid token names; `Unauthenticated` for anything else."""
        ...


class InvalidToken(Unauthenticated):
    default_message = "登录凭证无效，请您重新登录。"


class ExpiredToken(Unauthenticated):
    default_message = "登录已过期，请您重新登录。"


def principal_from_claims(claims: Mapping[str, Any]) -> Principal:
    """Check the claims the contract requires and build the principal."""
    role_value = claims.get("role", claims.get("custom:role"))
    subject = claims.get("sub")
    if not isinstance(subject, str) or not subject:
        raise InvalidToken()
    try:
        role = Role(role_value)
    except ValueError:
        raise InvalidToken() from None
    name = claims.get("name") if isinstance(claims.get("name"), str) else ""
    if role is Role.PARTY:
        try:
            phone = parse_phone(claims.get("phone", claims.get("phone_number")))
        except DomainError:
            raise InvalidToken() from None
        return Principal(subject, role, name or "", phone=phone)
    court = claims.get("court", claims.get("custom:court"))
    if not isinstance(court, str) or not is_court_code(court):
        raise InvalidToken()
    return Principal(subject, role, name or "", court=court)


class Hs256Tokens:
    """Issues and verifies the service's own HS256 tokens."""

    def __init__(self, secret: bytes, issuer: str) -> None:
        self._secret = secret
        self._issuer = issuer

    def issue(self, claims: Mapping[str, Any], now: datetime, ttl: timedelta) -> str:
        import jwt

        body = {**claims, "iss": self._issuer, "iat": int(now.timestamp()),
                "exp": int((now + ttl).timestamp())}
        return jwt.encode(body, self._secret, algorithm="HS256")

    def verify(self, token: str) -> Principal:
        import jwt

        try:
            claims = jwt.decode(
                token, self._secret, algorithms=["HS256"], issuer=self._issuer,
                leeway=LEEWAY_SECONDS, options={"require": ["exp", "sub", "iss"]},
            )
        except jwt.ExpiredSignatureError:
            raise ExpiredToken() from None
        except jwt.PyJWTError:
            raise InvalidToken() from None
        return principal_from_claims(claims)


def fetch_jwks(url: str, timeout: float = 2.0) -> dict[str, Any]:
    if not url.startswith("https://"):
        raise ValueError("JWKS must be fetched over https")
    # https only (checked above): no file:// or custom schemes can reach urlopen.
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 # nosec B310
        document: dict[str, Any] = json.load(response)
        return document


class CognitoTokens:
    """Verifies a Cognito user pool's RS256 ID tokens against its JWKS."""

    REFRESH_INTERVAL_SECONDS = 300

    def __init__(self, issuer: str, client_id: str,
                 fetch: Callable[[], Mapping[str, Any]] | None = None) -> None:
        self._issuer = issuer.rstrip("/")
        self._client_id = client_id
        self._fetch = fetch or (lambda: fetch_jwks(f"{self._issuer}/.well-known/jwks.json"))
        self._keys: dict[str, Any] = {}
        self._fetched_at = float("-inf")
        self._lock = threading.Lock()

    def _key(self, kid: str) -> Any:
        with self._lock:
            stale = time.monotonic() - self._fetched_at > self.REFRESH_INTERVAL_SECONDS
            if kid not in self._keys and stale:
                self._load()
            return self._keys.get(kid)

    def _load(self) -> None:
        import jwt

        keys = jwt.PyJWKSet.from_dict(dict(self._fetch())).keys
        self._keys = {k.key_id: k.key for k in keys if k.key_id}
        self._fetched_at = time.monotonic()

    def verify(self, token: str) -> Principal:
        import jwt

        try:
            kid = jwt.get_unverified_header(token).get("kid")
            key = self._key(kid) if isinstance(kid, str) else None
            if key is None:
                raise InvalidToken()
            claims = jwt.decode(
                token, key, algorithms=["RS256"], issuer=self._issuer,
                audience=self._client_id, leeway=LEEWAY_SECONDS,
                options={"require": ["exp", "sub", "iss", "aud"]},
            )
        except jwt.ExpiredSignatureError:
            raise ExpiredToken() from None
        except jwt.PyJWTError:
            raise InvalidToken() from None
        if claims.get("token_use") != "id":
            raise InvalidToken()
        return principal_from_claims(claims)


class IssuerRouter:
    """Routes each token to the verifier of its issuer (Cognito for staff, ours for parties)."""

    def __init__(self, verifiers: Mapping[str, TokenVerifier]) -> None:
        self._verifiers = dict(verifiers)

    def verify(self, token: str) -> Principal:
        import jwt

        try:
            issuer = jwt.decode(token, options={"verify_signature": False}).get("iss")
        except jwt.PyJWTError:
            raise InvalidToken() from None
        verifier = self._verifiers.get(issuer.rstrip("/")) if isinstance(issuer, str) else None
        if verifier is None:
            raise InvalidToken()
        return verifier.verify(token)
