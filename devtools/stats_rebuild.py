"""Recompute a court's day of statistics from that day's tickets, e.g. after an incident.

    make stats-rebuild DATE=2026-11-30 COURT=沪0101          # the local stack (make run)
    python -m devtools.stats_rebuild --date 2026-11-30 --court 沪0101 --deployed

Locally it talks to moto on ``--endpoint`` (default http://127.0.0.1:$AWS_PORT, 5000) with
the `local` stage's settings; with ``--deployed`` it uses the environment as it is (a
deployed stage's TABLE_NAME and credentials). It reads the day's tickets through the
court-day index (one Query, not a Scan) and overwrites the day's counters. Drain the
`stats` queue first: events still in flight would count on top of the rebuilt figures.
Agents' month counters are not rebuilt.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date

from devtools.localstack import aws_env, stage_env


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--date", required=True, type=date.fromisoformat)
    parser.add_argument("--court", required=True)
    parser.add_argument("--endpoint",
                        default=f"http://127.0.0.1:{os.environ.get('AWS_PORT', '5000')}")
    parser.add_argument("--deployed", action="store_true",
                        help="use the environment as it is instead of the local stack")
    args = parser.parse_args(argv)
    if not args.deployed:
        os.environ.update({**stage_env(), **aws_env(args.endpoint)})

    from chalicelib.bootstrap import Container
    from chalicelib.config import Settings
    from chalicelib.domain.stats import daily_figures

    container = Container.build(Settings.from_env(os.environ))
    counts = container.stats.rebuild_day(args.court, args.date)
    figures = daily_figures(args.date, counts)
    print(json.dumps({"court_code": args.court, **figures}, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
