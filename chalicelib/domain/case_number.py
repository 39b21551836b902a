"""Case numbers (案号).

Rules from 《最高人民法院关于人民法院案件案号的若干规定》 (法〔2015〕137号, in force
2016-01-01, amended 2018) and its annex 《人民法院案件类型及其代字标准》:

* 第三条 — a case number is 收案年度 + 法院代字 + 类型代字 + 案件编号, e.g.
  ``（2026）沪0101民初1234号``.
* 第四条 — the year is the four-digit year the case was received, in full-width ``（）``.
* 第五条 — the court code: ``最高法`` for the Supreme People's Court; a high court is its
  province abbreviation (``沪``, and ``兵`` / ``军`` for the XPCC branch and military
  courts); an intermediate court adds two digits, a basic court four; specialised courts
  (maritime, railway, IP, financial...) use 71–99 in the first digit pair.
* 第六条 (2018) — a specialised trial body may add its code before the type code, e.g.
  ``（2019）最高法知民终1号`` for the SPC's IP tribunal.
* 第七条 — the type code comes from the annex table (民初, 民辖终, 执恢, 破 ...).
* 第八条 — the number is the sequence within the year, court and type, followed by 号.

Input is forgiving (half-width parentheses, full-width digits, stray spaces — anything
NFKC folds to the same text); output is always the canonical full-width form.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Final

from chalicelib.domain.case_types import is_case_type
from chalicelib.domain.courts import PROVINCE_CODES, SUPREME_COURT_CODE
from chalicelib.domain.errors import InvalidCaseNumber, Problem

FIRST_YEAR: Final = 2016  # the 2015 rules took effect on 2016-01-01; older numbers use 字第
LAST_YEAR: Final = 2099
MAX_SEQUENCE: Final = 999_999_999
MAX_INPUT_LENGTH: Final = 64
SPECIALISED_TRIAL_CODES: Final = frozenset({"知"})

_SHAPE = re.compile(
    r"^\((?P<year>\d{4})\)"
    r"(?P<court>最高法|[^\d\s()]\d*)"
    r"(?P<kind>[^\d\s()]+)"
    r"(?P<seq>\d+)号$"
)
_OLD_STYLE = re.compile(r"字第\d+号$")
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True, order=True)
class CaseNumber:
    """A validated case number; ``str()`` gives the canonical full-width form."""

    year: int
    court_code: str
    type_code: str
    sequence: int
    specialised_code: str = ""

    def __str__(self) -> str:
        return (
            f"（{self.year}）{self.court_code}{self.specialised_code}"
            f"{self.type_code}{self.sequence}号"
        )

    @property
    def canonical(self) -> str:
        return str(self)

    @classmethod
    def parse(cls, text: object) -> CaseNumber:
        """Parse and validate ``text``; raise `InvalidCaseNumber` with the reason otherwise."""
        return parse_case_number(text)


def canonicalise(text: object) -> str:
    """Return the canonical form of a case number given in any accepted spelling."""
    return str(parse_case_number(text))


def _fail(problem: str) -> InvalidCaseNumber:
    return InvalidCaseNumber(details=[Problem("case_number", problem)])


def _fold(text: object) -> str:
    if not isinstance(text, str):
        raise _fail("案号应为文字")
    if len(text) > MAX_INPUT_LENGTH:
        raise _fail(f"案号过长（不超过{MAX_INPUT_LENGTH}个字符）")
    # NFKC maps full-width brackets/digits/spaces (incl. U+3000) to ASCII ones.
    return _WHITESPACE.sub("", unicodedata.normalize("NFKC", text))


def parse_case_number(text: object) -> CaseNumber:
    """Parse a case number; the only exception this raises is `InvalidCaseNumber`."""
    folded = _fold(text)
    if not folded:
        raise _fail("案号不能为空")
    match = _SHAPE.match(folded)
    if match is None:
        if _OLD_STYLE.search(folded):
            raise _fail("这是2016年以前的旧式案号（含“字第”），本服务仅支持现行格式")
        raise _fail("格式应为“（年度）法院代字+类型代字+序号+号”，如（2026）沪0101民初1234号")
    year = _check_year(match["year"])
    court = _check_court(match["court"])
    specialised, type_code = _split_kind(match["kind"])
    sequence = _check_sequence(match["seq"])
    return CaseNumber(year, court, type_code, sequence, specialised)


def _check_year(text: str) -> int:
    year = int(text)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise _fail(f"年度应在{FIRST_YEAR}至{LAST_YEAR}之间（2016年以前的案号格式不同）")
    return year


def is_court_code(code: str) -> bool:
    """True when ``code`` is well formed per 第五条 (whether or not we know its name)."""
    if code == SUPREME_COURT_CODE:
        return True
    province, digits = code[:1], code[1:]
    if province not in PROVINCE_CODES or not digits.isascii():
        return False
    if digits == "":
        return True
    if len(digits) not in (2, 4) or not digits.isdigit():
        return False
    pairs = [digits[i : i + 2] for i in range(0, len(digits), 2)]
    return all(pair != "00" for pair in pairs)


def _check_court(code: str) -> str:
    if code[:1] not in PROVINCE_CODES and code != SUPREME_COURT_CODE:
        raise _fail(f"法院代字“{code}”不正确：应为“最高法”或省级简称（如沪、京、兵、军）开头")
    if not is_court_code(code):
        raise _fail(f"法院代字“{code}”不正确：省级简称后应为2位（中级）或4位（基层）数字")
    return code


def _split_kind(kind: str) -> tuple[str, str]:
    # The type code runs up to the sequence digits, so the whole segment is the code: the
    # longest code always wins (民辖终 is never read as 民辖, 执恢 never as 执).
    if is_case_type(kind):
        return "", kind
    if kind[:1] in SPECIALISED_TRIAL_CODES and is_case_type(kind[1:]):
        return kind[:1], kind[1:]
    raise _fail(f"案件类型代字“{kind}”不在《人民法院案件类型及其代字标准》中")


def _check_sequence(text: str) -> int:
    sequence = int(text)
    if not 1 <= sequence <= MAX_SEQUENCE:
        raise _fail("案件序号应为正整数")
    return sequence
