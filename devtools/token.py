"""Print a bearer token the local stage accepts: `make token ROLE=judge SUB=HP-J01 COURT=沪0101`."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timedelta

from chalicelib.adapters.tokens import Hs256Tokens
from chalicelib.domain.clock import SHANGHAI
from devtools.localstack import stage_env


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("role", choices=["party", "agent", "judge", "admin"])
    parser.add_argument("--sub", help="subject (staff id, or any id for a party)")
    parser.add_argument("--court", default="沪", help="court code for staff (default 沪)")
    parser.add_argument("--phone", default="13812345678", help="phone for a party")
    parser.add_argument("--name", default="本地测试")
    parser.add_argument("--hours", type=float, default=12)
    args = parser.parse_args(argv)
    env = stage_env("local")
    claims = {"sub": args.sub or f"local-{args.role}", "role": args.role, "name": args.name}
    if args.role == "party":
        claims["phone"] = args.phone
    else:
        claims["court"] = args.court
    tokens = Hs256Tokens(env["AUTH_JWT_SECRET"].encode(), env["AUTH_ISSUER"])
    print(tokens.issue(claims, datetime.now(SHANGHAI), timedelta(hours=args.hours)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
