"""Masking of personal data for responses and logs.

Phones keep the first three and last four digits (``138****5678``); resident ID numbers
keep the first three and last four characters (``310***********1234``); natural persons'
names keep the surname character (``李*``).
"""

from __future__ import annotations

import re
from typing import Final

# A mainland mobile number, optionally with +86 / 86 and separators, standing alone.
_MOBILE: Final = re.compile(
    r"(?<![0-9A-Za-z])(?:\+?86[\s-]?)?(1[3-9]\d)[\s-]?(\d{4})[\s-]?(\d{4})(?![0-9A-Za-z])"
)
# A resident ID number: 18 characters (last may be X) or the old 15-digit form.
_RESIDENT_ID: Final = re.compile(
    r"(?<![0-9A-Za-z])(\d{3})(\d{11}|\d{8})(\d{3}[\dXx]|\d{4})(?![0-9A-Za-z])"
)


def mask_phone(e164_or_national: str) -> str:
    """Mask a phone number: ``+8613812345678`` -> ``138****5678``."""
    digits = re.sub(r"\D", "", e164_or_national)
    if e164_or_national.startswith("+86") or (digits.startswith("86") and len(digits) == 13):
        digits = digits[2:]
    if len(digits) < 7:
        return "*" * len(digits)
    return f"{digits[:3]}{'*' * (len(digits) - 7)}{digits[-4:]}"


def mask_id_number(id_number: str) -> str:
    """Mask a resident ID number: keep three leading and four trailing characters."""
    if len(id_number) < 8:
        return "*" * len(id_number)
    return f"{id_number[:3]}{'*' * (len(id_number) - 7)}{id_number[-4:]}"


def mask_name(name: str) -> str:
    """Mask a natural person's name: ``李四`` -> ``李*``, ``欧阳娜娜`` -> ``欧***``."""
    name = name.strip()
    if len(name) <= 1:
        return "*"
    return name[0] + "*" * (len(name) - 1)


def _mask_mobile_match(match: re.Match[str]) -> str:
    return f"{match[1]}****{match[3]}"


def _mask_id_match(match: re.Match[str]) -> str:
    return f"{match[1]}{'*' * len(match[2])}{match[3]}"


def scrub(text: str) -> str:
    """Mask every phone number and resident ID number found in free text (log lines)."""
    return _MOBILE.sub(_mask_mobile_match, _RESIDENT_ID.sub(_mask_id_match, text))
