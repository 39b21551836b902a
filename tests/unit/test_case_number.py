"""Case numbers per 《关于人民法院案件案号的若干规定》: examples, malformed input, properties."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain.case_number import (
    FIRST_YEAR,
    LAST_YEAR,
    MAX_SEQUENCE,
    CaseNumber,
    canonicalise,
    is_court_code,
    parse_case_number,
)
from chalicelib.domain.case_types import all_case_types
from chalicelib.domain.courts import PROVINCE_CODES, court
from chalicelib.domain.errors import InvalidCaseNumber

# The contract's own examples, in the spellings it promises to accept.
CONTRACT_FORMS = [
    ("（2026）沪0101民初1234号", "（2026）沪0101民初1234号"),
    ("(2026)沪0101民初1234号", "（2026）沪0101民初1234号"),
    (" (2026) 沪0101 民初 1234号 ", "（2026）沪0101民初1234号"),
    ("（２０２６）沪０１０１民初１２３４号", "（2026）沪0101民初1234号"),  # full-width digits
    ("（2026）\u3000沪0101民初1234号", "（2026）沪0101民初1234号"),  # ideographic space
]

# Real-world-shaped numbers across courts and type codes: (text, court, specialised, type, seq)
REAL_WORLD = [
    ("（2025）沪01民终5678号", "沪01", "", "民终", 5678),
    ("（2024）沪0115执12345号", "沪0115", "", "执", 12345),
    ("（2024）沪0115执恢321号", "沪0115", "", "执恢", 321),
    ("（2023）沪0104执异45号", "沪0104", "", "执异", 45),
    ("（2023）沪01执复12号", "沪01", "", "执复", 12),
    ("（2022）沪民申1234号", "沪", "", "民申", 1234),
    ("（2021）沪民再12号", "沪", "", "民再", 12),
    ("（2019）最高法知民终1号", "最高法", "知", "民终", 1),
    ("（2020）最高法民终123号", "最高法", "", "民终", 123),
    ("（2021）最高法民申4567号", "最高法", "", "民申", 4567),
    ("（2022）最高法刑核12345678号", "最高法", "", "刑核", 12345678),
    ("（2023）京73民初1234号", "京73", "", "民初", 1234),
    ("（2023）京0491民初12345号", "京0491", "", "民初", 12345),
    ("（2022）粤0192民初1234号", "粤0192", "", "民初", 1234),
    ("（2020）沪74民初1234号", "沪74", "", "民初", 1234),
    ("（2019）沪72民初123号", "沪72", "", "民初", 123),
    ("（2021）沪7101行初456号", "沪7101", "", "行初", 456),
    ("（2020）沪03破12号", "沪03", "", "破", 12),
    ("（2021）沪03破申3号", "沪03", "", "破申", 3),
    ("（2022）沪03强清5号", "沪03", "", "强清", 5),
    ("（2022）沪0151民初8837号", "沪0151", "", "民初", 8837),
    ("（2021）川0104民诉前调801号", "川0104", "", "民诉前调", 801),
    ("（2021）黔0303刑初307号", "黔0303", "", "刑初", 307),
    ("（2024）内0523民初1661号", "内0523", "", "民初", 1661),
    ("（2023）兵01民终12号", "兵01", "", "民终", 12),
    ("（2021）军刑终1号", "军", "", "刑终", 1),
    ("（2022）沪0106民特123号", "沪0106", "", "民特", 123),
    ("（2023）沪0112民督45号", "沪0112", "", "民督", 45),
    ("（2024）沪0110民保令3号", "沪0110", "", "民保令", 3),
    ("（2023）沪0105财保67号", "沪0105", "", "财保", 67),
    ("（2023）沪0107刑初890号", "沪0107", "", "刑初", 890),
    ("（2022）沪01行终234号", "沪01", "", "行终", 234),
    ("（2023）沪0109司惩1号", "沪0109", "", "司惩", 1),
    ("（2022）沪0113民辖12号", "沪0113", "", "民辖", 12),
    ("（2022）沪01民辖终34号", "沪01", "", "民辖终", 34),
    ("（2023）沪委赔1号", "沪", "", "委赔", 1),
    ("（2023）沪01司救民2号", "沪01", "", "司救民", 2),
    ("（2022）浙01知民初277号", "浙01", "知", "民初", 277),
    ("（2025）赣0602知民初47号", "赣0602", "知", "民初", 47),
    ("（2019）粤73知民初1519号", "粤73", "知", "民初", 1519),
    ("（2016）沪0115民初00012号", "沪0115", "", "民初", 12),  # leading zeros dropped
]

MALFORMED = [
    "",
    "   ",
    "（2026）沪0101民初号",  # no sequence
    "（2026）沪0101民初1234",  # no 号
    "2026沪0101民初1234号",  # no brackets
    "【2026】沪0101民初1234号",  # wrong brackets
    "（26）沪0101民初1234号",  # two-digit year
    "（2015）沪0101民初1234号",  # before the 2016 rules
    "（2100）沪0101民初1234号",  # beyond the supported years
    "（2026）沪010民初1234号",  # three-digit court suffix
    "（2026）沪010101民初1234号",  # six-digit court suffix
    "（2026）美0101民初1234号",  # not a province abbreviation
    "（2026）沪00民初1234号",  # 00 is no court
    "（2026）沪0100民初1234号",  # 00 is no court
    "（2026）沪0101民X1234号",  # unknown type code
    "（2026）沪0101刑辖终1号",  # no such code in the standard
    "（2026）沪0101知知民初1号",  # doubled specialised code
    "（2026）沪0101民初0号",  # sequence must be positive
    "（2026）沪0101民初-5号",
    "（2026）沪0101民初1.5号",
    "（2026）沪0101民初1234号号",
    "（2026）沪0101民初1234567890号",  # over the sequence range
    "（2005）沪一中民二(民)初字第123号",  # pre-2016 字第 style
    "（2026）沪0101民初1234号;DROP TABLE cases",
    "x" * 100,
    "（2026）沪0101 民初 1234 号 extra",
    None,
    12345,
    b"(2026)",
]


@pytest.mark.parametrize(("text", "canonical"), CONTRACT_FORMS)
def test_contract_spellings_canonicalise(text: str, canonical: str) -> None:
    assert canonicalise(text) == canonical


@pytest.mark.parametrize(("text", "court_code", "specialised", "type_code", "seq"), REAL_WORLD)
def test_real_world_numbers_parse(text: str, court_code: str, specialised: str,
                                  type_code: str, seq: int) -> None:
    number = parse_case_number(text)
    assert (number.court_code, number.specialised_code, number.type_code, number.sequence) == (
        court_code, specialised, type_code, seq)
    assert parse_case_number(str(number)) == number


def test_at_least_thirty_real_world_numbers_across_type_codes() -> None:
    assert len(REAL_WORLD) >= 30
    assert len({t for *_, t, _ in REAL_WORLD}) >= 25


@pytest.mark.parametrize("text", MALFORMED)
def test_malformed_numbers_are_refused_with_a_reason(text: object) -> None:
    with pytest.raises(InvalidCaseNumber) as caught:
        parse_case_number(text)
    assert caught.value.code == "INVALID_CASE_NUMBER"
    assert caught.value.details
    assert caught.value.details[0].field == "case_number"
    assert caught.value.details[0].problem


def test_longest_type_code_wins() -> None:
    assert parse_case_number("（2022）沪01民辖终34号").type_code == "民辖终"
    assert parse_case_number("（2022）沪01民辖34号").type_code == "民辖"
    assert parse_case_number("（2024）沪0115执恢3号").type_code == "执恢"
    assert parse_case_number("（2024）沪0115执3号").type_code == "执"


def test_old_style_numbers_get_a_specific_explanation() -> None:
    with pytest.raises(InvalidCaseNumber) as caught:
        parse_case_number("（2005）沪一中民二(民)初字第123号")
    assert "字第" in caught.value.details[0].problem


def test_court_directory_names_known_codes_and_accepts_unknown_well_formed_ones() -> None:
    assert court("沪0101").name == "上海市黄浦区人民法院"
    assert court("沪").name == "上海市高级人民法院"
    unknown = parse_case_number("（2026）豫1502民初1号")  # well formed, not in the directory
    assert court(unknown.court_code).name is None


# -- properties ------------------------------------------------------------------------

_court_codes = st.one_of(
    st.just("最高法"),
    st.sampled_from(sorted(PROVINCE_CODES)),
    st.builds(lambda p, n: f"{p}{n:02d}", st.sampled_from(sorted(PROVINCE_CODES)),
              st.integers(1, 99)),
    st.builds(lambda p, a, b: f"{p}{a:02d}{b:02d}", st.sampled_from(sorted(PROVINCE_CODES)),
              st.integers(1, 99), st.integers(1, 99)),
)
case_numbers = st.builds(
    CaseNumber,
    year=st.integers(FIRST_YEAR, LAST_YEAR),
    court_code=_court_codes,
    type_code=st.sampled_from([t.code for t in all_case_types()]),
    sequence=st.integers(1, MAX_SEQUENCE),
    specialised_code=st.sampled_from(["", "知"]),
)


@given(case_numbers)
def test_parse_inverts_format(number: CaseNumber) -> None:
    assert parse_case_number(str(number)) == number


@given(case_numbers, st.data())
def test_any_accepted_spelling_gives_the_same_canonical_form(number: CaseNumber,
                                                             data: st.DataObject) -> None:
    text = str(number)
    if data.draw(st.booleans()):
        text = text.replace("（", "(").replace("）", ")")
    if data.draw(st.booleans()):
        text = text.translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})
    positions = data.draw(st.lists(st.integers(0, len(text)), max_size=4))
    for position in sorted(positions, reverse=True):
        text = text[:position] + " " + text[position:]
    assert canonicalise(text) == str(number)
    assert canonicalise(canonicalise(text)) == canonicalise(text)


@given(st.text(max_size=80))
def test_garbage_only_ever_raises_the_domain_error(text: str) -> None:
    try:
        number = parse_case_number(text)
    except InvalidCaseNumber:
        return
    assert canonicalise(str(number)) == str(number)


@given(st.text(alphabet="（）()0123456789沪京最高法民初终执恢号知 ", max_size=30))
def test_near_miss_text_only_ever_raises_the_domain_error(text: str) -> None:
    with contextlib.suppress(InvalidCaseNumber):
        parse_case_number(text)


@given(_court_codes)
def test_generated_court_codes_are_well_formed(code: str) -> None:
    assert is_court_code(code)
