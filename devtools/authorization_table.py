"""Write docs/authorization.md from the authorization matrix (a test keeps them in step).

    .venv/bin/python -m devtools.authorization_table
"""

from __future__ import annotations

import sys

from chalicelib.api.authorization import MATRIX, Actor
from devtools.localstack import ROOT

DOC = ROOT / "docs" / "authorization.md"
SHORT = {
    Actor.ANONYMOUS: "anonymous", Actor.PARTY_ON_CASE: "party on case",
    Actor.OTHER_PARTY: "other party", Actor.QUERY_CODE_HOLDER: "query code",
    Actor.AGENT: "agent (沪)", Actor.JUDGE_OF_COURT: "judge of court",
    Actor.JUDGE_OF_OTHER_COURT: "judge, other court", Actor.ADMIN: "admin (沪)",
}


def render() -> str:
    lines = [
        "# Authorization matrix",
        "",
        "Generated from `chalicelib/api/authorization.py` by "
        "`python -m devtools.authorization_table`; `tests/functional/"
        "test_authorization_matrix.py` calls every cell and checks the status.",
        "",
        "| route | " + " | ".join(SHORT[a] for a in Actor) + " | rule |",
        "|---|" + "---|" * len(Actor) + "---|",
    ]
    for (method, path), access in MATRIX.items():
        cells = " | ".join(str(access.expect[a]) for a in Actor)
        lines.append(f"| `{method} {path}` | {cells} | {access.rule} |")
    return "\n".join(lines) + "\n"


def main() -> int:
    DOC.write_text(render(), encoding="utf-8")
    print(f"wrote {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
