"""Masking of personal data, and the phone / ID number value objects."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain.errors import ValidationFailed
from chalicelib.domain.identity import parse_id_number, parse_phone
from chalicelib.domain.masking import mask_id_number, mask_name, mask_phone, scrub


@pytest.mark.parametrize("text", ["13812345678", "+8613812345678", "+86 138-1234-5678",
                                  "138 1234 5678", " 13812345678 "])
def test_contract_phone_spellings_give_e164(text: str) -> None:
    assert parse_phone(text) == "+8613812345678"


@pytest.mark.parametrize("text", ["", "12345", "02112345678", "1381234567", "abc", None, 138,
                                  "1" * 40])
def test_bad_or_non_mobile_phones_are_refused(text: object) -> None:
    with pytest.raises(ValidationFailed):
        parse_phone(text)


def test_masks_follow_the_contract() -> None:
    assert mask_phone("+8613812345678") == "138****5678"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_id_number("310101199001011234") == "310***********1234"
    assert mask_name("李四") == "李*"
    assert mask_name("欧阳娜娜") == "欧***"


def test_id_numbers_are_checked_with_stdnum() -> None:
    assert parse_id_number("11010519491231002x") == "11010519491231002X"
    for bad in ("110105194912310021", "11010519491331002X", "123", None):
        with pytest.raises(ValidationFailed):
            parse_id_number(bad)


@pytest.mark.parametrize(("raw", "masked"), [
    ("call 13812345678 now", "call 138****5678 now"),
    ('"phone": "+8613812345678"', '"phone": "138****5678"'),
    ("+86 138-1234-5678", "138****5678"),
    ("id 11010519491231002X.", "id 110***********002X."),
    ("id 11010519491231002x", "id 110***********002x"),
    ("old id 110105491231002", "old id 110********1002"),
])
def test_scrub_masks_identifiers_in_free_text(raw: str, masked: str) -> None:
    assert scrub(raw) == masked


@pytest.mark.parametrize("text", ["1764480000000", "request 2026113012345678901",
                                  "GD20261130-000042", "duration_ms 12.5", "2026-11-30T10:00:00"])
def test_scrub_leaves_other_numbers_alone(text: str) -> None:
    assert scrub(text) == text


@given(st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True), st.text(max_size=20),
       st.text(max_size=20))
def test_no_mobile_number_survives_scrubbing(phone: str, before: str, after: str) -> None:
    text = f"{before} {phone} {after}"
    assert phone not in scrub(text)
