"""Bearer tokens: our HS256 tokens, Cognito RS256 ID tokens via JWKS, and routing by issuer."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import datetime, timedelta
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from chalicelib.adapters.tokens import CognitoTokens, Hs256Tokens, IssuerRouter
from chalicelib.domain.access import Role
from chalicelib.domain.clock import SHANGHAI
from chalicelib.domain.errors import Unauthenticated

SECRET = b"unit-test-secret-unit-test-secret-0123"
ISSUER = "https://cognito-idp.cn-north-1.amazonaws.com.cn/cn-north-1_TEST"
CLIENT_ID = "staff-web-client"


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def now() -> datetime:
    return datetime.now(SHANGHAI)


@pytest.fixture(scope="module")
def rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def jwks(key: rsa.RSAPrivateKey, kid: str = "k1") -> dict[str, Any]:
    public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
    return {"keys": [{**public, "kid": kid, "use": "sig", "alg": "RS256"}]}


def cognito_token(key: rsa.RSAPrivateKey, kid: str = "k1", **overrides: Any) -> str:
    claims = {"sub": "u-1", "iss": ISSUER, "aud": CLIENT_ID, "token_use": "id",
              "custom:role": "judge", "custom:court": "沪0101", "name": "王法官",
              "exp": int((now() + timedelta(minutes=5)).timestamp())}
    claims.update(overrides)
    return jwt.encode(claims, key, algorithm="RS256", headers={"kid": kid})


def test_our_tokens_round_trip_for_each_role() -> None:
    tokens = Hs256Tokens(SECRET, "court-selfservice")
    party = tokens.verify(tokens.issue({"sub": "p1", "role": "party", "phone": "13812345678"},
                                       now(), timedelta(minutes=5)))
    assert (party.role, party.phone) == (Role.PARTY, "+8613812345678")
    judge = tokens.verify(tokens.issue({"sub": "J1", "role": "judge", "court": "沪0101"},
                                       now(), timedelta(minutes=5)))
    assert (judge.role, judge.court, judge.is_staff) == (Role.JUDGE, "沪0101", True)


@pytest.mark.parametrize("claims", [
    {"sub": "p1", "role": "party"},  # a party needs a phone
    {"sub": "p1", "role": "party", "phone": "12345"},
    {"sub": "a1", "role": "admin"},  # staff need a court
    {"sub": "a1", "role": "admin", "court": "上海"},
    {"sub": "x", "role": "root", "court": "沪"},
    {"role": "judge", "court": "沪"},  # no subject
])
def test_tokens_missing_required_claims_are_refused(claims: dict[str, Any]) -> None:
    tokens = Hs256Tokens(SECRET, "court-selfservice")
    with pytest.raises(Unauthenticated):
        tokens.verify(tokens.issue(claims, now(), timedelta(minutes=5)))


def test_expired_forged_and_foreign_issuer_tokens_are_refused() -> None:
    tokens = Hs256Tokens(SECRET, "court-selfservice")
    claims = {"sub": "J1", "role": "judge", "court": "沪0101"}
    expired = tokens.issue(claims, now() - timedelta(hours=1), timedelta(minutes=5))
    with pytest.raises(Unauthenticated, match="过期"):
        tokens.verify(expired)
    forged = Hs256Tokens(b"another-secret-another-secret-0123", "court-selfservice")
    with pytest.raises(Unauthenticated):
        tokens.verify(forged.issue(claims, now(), timedelta(minutes=5)))
    stranger = Hs256Tokens(SECRET, "someone-else")
    with pytest.raises(Unauthenticated):
        tokens.verify(stranger.issue(claims, now(), timedelta(minutes=5)))
    none_alg = jwt.encode({**claims, "iss": "court-selfservice", "exp": 9999999999}, "",
                          algorithm="none")
    with pytest.raises(Unauthenticated):
        tokens.verify(none_alg)


def test_cognito_id_tokens_are_verified_against_the_pool_jwks(rsa_key: rsa.RSAPrivateKey) -> None:
    fetches: list[int] = []

    def fetch() -> dict[str, Any]:
        fetches.append(1)
        return jwks(rsa_key)

    verifier = CognitoTokens(ISSUER, CLIENT_ID, fetch=fetch)
    principal = verifier.verify(cognito_token(rsa_key))
    assert (principal.role, principal.court, principal.name) == (Role.JUDGE, "沪0101", "王法官")
    verifier.verify(cognito_token(rsa_key))
    assert len(fetches) == 1  # keys are cached


@pytest.mark.parametrize("overrides", [
    {"aud": "another-client"},
    {"iss": "https://cognito-idp.cn-north-1.amazonaws.com.cn/other"},
    {"token_use": "access"},
    {"exp": 1},
    {"custom:court": None},
])
def test_cognito_tokens_with_wrong_claims_are_refused(rsa_key: rsa.RSAPrivateKey,
                                                       overrides: dict[str, Any]) -> None:
    verifier = CognitoTokens(ISSUER, CLIENT_ID, fetch=lambda: jwks(rsa_key))
    with pytest.raises(Unauthenticated):
        verifier.verify(cognito_token(rsa_key, **overrides))


def test_cognito_tokens_signed_by_another_key_are_refused(rsa_key: rsa.RSAPrivateKey) -> None:
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    verifier = CognitoTokens(ISSUER, CLIENT_ID, fetch=lambda: jwks(rsa_key))
    with pytest.raises(Unauthenticated):
        verifier.verify(cognito_token(other))
    with pytest.raises(Unauthenticated):
        verifier.verify(cognito_token(rsa_key, kid="unknown"))


def test_hs256_token_claiming_the_cognito_issuer_is_refused(rsa_key: rsa.RSAPrivateKey) -> None:
    router = IssuerRouter({
        "court-selfservice": Hs256Tokens(SECRET, "court-selfservice"),
        ISSUER: CognitoTokens(ISSUER, CLIENT_ID, fetch=lambda: jwks(rsa_key)),
    })
    assert router.verify(cognito_token(rsa_key)).role is Role.JUDGE
    # Algorithm confusion: an HS256 token "signed" with the public key must not pass.
    pem = rsa_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    claims = {"sub": "x", "iss": ISSUER, "aud": CLIENT_ID, "token_use": "id",
              "custom:role": "admin", "custom:court": "沪", "exp": 9999999999}
    header = {"alg": "HS256", "typ": "JWT", "kid": "k1"}
    signing_input = ".".join(_b64(json.dumps(part).encode()) for part in (header, claims))
    signature = hmac.new(pem, signing_input.encode(), hashlib.sha256).digest()
    with pytest.raises(Unauthenticated):
        router.verify(f"{signing_input}.{_b64(signature)}")
    with pytest.raises(Unauthenticated):
        router.verify("garbage")
