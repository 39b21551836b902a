"""Case types: the annex table of 法〔2015〕137号 looked up by code."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from chalicelib.domain.data.case_types import CASE_TYPES, CATEGORY_NAMES


@dataclass(frozen=True)
class CaseType:
    code: str
    name: str
    category: str

    @property
    def category_name(self) -> str:
        return CATEGORY_NAMES.get(self.category, "")


@cache
def _table() -> dict[str, CaseType]:
    return {code: CaseType(code, name, category) for code, name, category in CASE_TYPES}


def is_case_type(code: str) -> bool:
    return code in _table()


def case_type(code: str) -> CaseType:
    """The case type for a code that `is_case_type` accepted (KeyError otherwise)."""
    return _table()[code]


def all_case_types() -> list[CaseType]:
    return list(_table().values())
