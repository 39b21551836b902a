"""Typed settings, read once from the environment and validated (fail closed).

Each stage sets these in `.chalice/config.json` (secrets for AWS stages are injected by
the CDK stack from Secrets Manager, never committed). Nothing else reads `os.environ`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from chalicelib import __version__
from chalicelib.domain.rate_limits import RateRule, rules_from_json
from chalicelib.domain.sla import SlaPolicy
from chalicelib.domain.stats import GoldRule


class ConfigError(RuntimeError):
    """A required setting is missing or malformed; the function must not serve requests."""


@dataclass(frozen=True)
class Settings:
    stage: str
    table_name: str
    auth_mode: str  # "hs256" (local: tokens signed with auth_jwt_secret) | "cognito"
    auth_jwt_secret: bytes  # signs party tokens (and, locally, staff tokens too)
    auth_issuer: str
    pii_key_secret: bytes  # keys the digests that replace phones in table keys
    query_code_pepper: bytes
    cognito_issuer: str | None = None
    cognito_client_id: str | None = None
    sla_working_days: str = ""  # JSON, see chalicelib.domain.sla.SlaPolicy.from_json
    sms_webhook_secret: bytes = b""
    events_topic_arn: str | None = None  # needed by the relay only
    sms_signature: str = "上海法院"
    rate_limits: str = ""  # JSON, see chalicelib.domain.rate_limits.rules_from_json
    gold_rule: str = ""  # JSON, see chalicelib.domain.stats.GoldRule
    version: str = __version__

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Settings:
        auth_mode = env.get("AUTH_MODE", "hs256")
        if auth_mode not in ("hs256", "cognito"):
            raise ConfigError(f"AUTH_MODE must be hs256 or cognito, not {auth_mode!r}")
        settings = cls(
            stage=_required(env, "STAGE"),
            table_name=_required(env, "TABLE_NAME"),
            auth_mode=auth_mode,
            auth_jwt_secret=_secret(env, "AUTH_JWT_SECRET", minimum=32),  # RFC 7518 3.2
            auth_issuer=env.get("AUTH_ISSUER", "court-selfservice"),
            pii_key_secret=_secret(env, "PII_KEY_SECRET"),
            query_code_pepper=_secret(env, "QUERY_CODE_PEPPER"),
            cognito_issuer=env.get("COGNITO_ISSUER") or None,
            cognito_client_id=env.get("COGNITO_CLIENT_ID") or None,
            sla_working_days=env.get("SLA_WORKING_DAYS", ""),
            sms_webhook_secret=_secret(env, "SMS_WEBHOOK_SECRET"),
            events_topic_arn=env.get("EVENTS_TOPIC_ARN") or None,
            sms_signature=env.get("SMS_SIGNATURE", "上海法院").strip() or "上海法院",
            rate_limits=env.get("RATE_LIMITS", ""),
            gold_rule=env.get("GOLD_RULE", ""),
        )
        if auth_mode == "cognito" and not (settings.cognito_issuer and settings.cognito_client_id):
            raise ConfigError("AUTH_MODE=cognito needs COGNITO_ISSUER and COGNITO_CLIENT_ID")
        try:
            settings.sla_policy()
        except (ValueError, KeyError) as error:
            raise ConfigError(f"SLA_WORKING_DAYS is invalid: {error}") from None
        try:
            settings.rate_rules()
        except (ValueError, TypeError) as error:
            raise ConfigError(f"RATE_LIMITS is invalid: {error}") from None
        try:
            settings.gold()
        except (ValueError, TypeError, AttributeError) as error:
            raise ConfigError(f"GOLD_RULE is invalid: {error}") from None
        return settings

    def gold(self) -> GoldRule:
        return GoldRule.from_json(self.gold_rule)

    def rate_rules(self) -> dict[str, RateRule]:
        return rules_from_json(self.rate_limits)

    def sla_policy(self) -> SlaPolicy:
        return SlaPolicy.from_json(self.sla_working_days)


def _required(env: Mapping[str, str], name: str) -> str:
    value = env.get(name, "").strip()
    if not value:
        raise ConfigError(f"{name} is not set")
    return value


def _secret(env: Mapping[str, str], name: str, minimum: int = 16) -> bytes:
    value = _required(env, name)
    if len(value) < minimum:
        raise ConfigError(f"{name} must be at least {minimum} characters")
    return value.encode()


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings.from_env(os.environ)
