"""Shared test helpers: the local stage's settings, token minting, request payloads."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from chalicelib.adapters.tokens import Hs256Tokens
from chalicelib.config import Settings
from chalicelib.domain.clock import SHANGHAI

ROOT = Path(__file__).resolve().parents[1]
_CONFIG = json.loads((ROOT / ".chalice" / "config.json").read_text(encoding="utf-8"))
LOCAL_ENV: dict[str, str] = {
    **_CONFIG["environment_variables"],
    **_CONFIG["stages"]["local"]["environment_variables"],
}

NOW = datetime(2026, 11, 30, 10, 0, tzinfo=SHANGHAI)
CASE = "（2026）沪0101民初1234号"
COURT = "沪0101"
PLAINTIFF_PHONE = "+8613812345678"
DEFENDANT_PHONE = "+8613987654321"
STRANGER_PHONE = "+8613700001111"
QUERY_CODE = "QC8K2M7P"
PLAINTIFF_ID = "11010519491231002X"


def local_settings(**overrides: str) -> Settings:
    return Settings.from_env({**LOCAL_ENV, **overrides})


def mint(role: str, sub: str | None = None, *, court: str | None = None,
         phone: str | None = None, name: str = "测试用户", ttl_minutes: int = 30,
         now: datetime | None = None, secret: str | None = None, **extra: Any) -> str:
    """A token as the local stage accepts it (or, with ``secret``, a forged one)."""
    claims: dict[str, Any] = {"sub": sub or f"{role}-1", "role": role, "name": name, **extra}
    if court is not None:
        claims["court"] = court
    if phone is not None:
        claims["phone"] = phone
    key = (secret or LOCAL_ENV["AUTH_JWT_SECRET"]).encode()
    tokens = Hs256Tokens(key, LOCAL_ENV["AUTH_ISSUER"])
    return tokens.issue(claims, now or datetime.now(SHANGHAI), timedelta(minutes=ttl_minutes))


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def admin(court: str = COURT) -> dict[str, str]:
    return bearer(mint("admin", "ADM1", court=court))


def party(phone: str = PLAINTIFF_PHONE) -> dict[str, str]:
    return bearer(mint("party", f"p-{phone[-4:]}", phone=phone))


def judge_payload(court: str = COURT, name: str = "王法官") -> dict[str, Any]:
    return {"name": name, "role": "judge", "court_code": court, "division": "民事审判第一庭",
            "phone": "13900000001"}


def clerk_payload(court: str = COURT) -> dict[str, Any]:
    return {"name": "赵书记员", "role": "clerk", "court_code": court, "division": "民事审判第一庭",
            "phone": "13900000002"}


def agent_payload(court: str = COURT) -> dict[str, Any]:
    return {"name": "钱座席", "role": "agent", "court_code": court, "division": "诉讼服务中心",
            "phone": "13900000003"}


def case_payload(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "court_code": COURT,
        "cause": "民间借贷纠纷",
        "status": "IN_TRIAL",
        "procedure": "SUMMARY",
        "filed_on": "2026-03-02",
        "judge_id": "J001",
        "clerk_id": "C001",
        "parties": [
            {"role": "原告", "name": "李四", "phone": "13812345678", "id_number": PLAINTIFF_ID},
            {"role": "被告", "name": "张三丰", "phone": "+86 139-8765-4321"},
            {"role": "第三人", "name": "上海某某贸易有限公司", "kind": "ORGANIZATION"},
        ],
        "hearings": [{"starts_at": "2026-12-08T09:30:00+08:00", "courtroom": "第十二法庭"}],
        "query_code": QUERY_CODE,
    }
    body.update(overrides)
    return body


def json_body(payload: Any) -> str:
    return json.dumps(payload, ensure_ascii=False)
