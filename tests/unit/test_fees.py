"""Litigation fees per 《诉讼费用交纳办法》, the arithmetic written out.

Quick formulas for property cases (第十三条第（一）项), derived bracket by bracket:
  10,000 – 100,000:         50 + (x − 10,000) × 2.5%        = x × 2.5% − 200
  100,000 – 200,000:      2,300 + (x − 100,000) × 2%        = x × 2% + 300
  200,000 – 500,000:      4,300 + (x − 200,000) × 1.5%      = x × 1.5% + 1,300
  500,000 – 1,000,000:    8,800 + (x − 500,000) × 1%        = x × 1% + 3,800
  1,000,000 – 2,000,000: 13,800 + (x − 1,000,000) × 0.9%    = x × 0.9% + 4,800
  2,000,000 – 5,000,000: 22,800 + (x − 2,000,000) × 0.8%    = x × 0.8% + 6,800
  5,000,000 – 10,000,000: 46,800 + (x − 5,000,000) × 0.7%   = x × 0.7% + 11,800
  10,000,000 – 20,000,000: 81,800 + (x − 10,000,000) × 0.6% = x × 0.6% + 21,800
  above 20,000,000:      141,800 + (x − 20,000,000) × 0.5%  = x × 0.5% + 41,800
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain.errors import ValidationFailed
from chalicelib.domain.fees import FeeKind, calculate

D = Decimal
QUICK = [  # (lower edge, rate, constant)
    (D(10_000), D("0.025"), D(-200)), (D(100_000), D("0.02"), D(300)),
    (D(200_000), D("0.015"), D(1_300)), (D(500_000), D("0.01"), D(3_800)),
    (D(1_000_000), D("0.009"), D(4_800)), (D(2_000_000), D("0.008"), D(6_800)),
    (D(5_000_000), D("0.007"), D(11_800)), (D(10_000_000), D("0.006"), D(21_800)),
    (D(20_000_000), D("0.005"), D(41_800)),
]


def property_fee(amount: str) -> Decimal:
    return calculate(FeeKind.PROPERTY, D(amount)).low


@pytest.mark.parametrize(("amount", "fee"), [
    ("0.01", "50.00"), ("10000", "50.00"),                  # flat 50 up to 10,000
    ("10000.01", "50.00"),                                   # 50 + 0.01 × 2.5% = 50.00025
    ("10040", "51.00"),                                      # 50 + 40 × 2.5%
    ("100000", "2300.00"),                                   # 50 + 90,000 × 2.5%
    ("100001", "2300.02"),                                   # 2,300 + 1 × 2%
    ("200000", "4300.00"),                                   # 2,300 + 100,000 × 2%
    ("500000", "8800.00"),                                   # 4,300 + 300,000 × 1.5%
    ("1000000", "13800.00"),                                 # 8,800 + 500,000 × 1%
    ("2000000", "22800.00"),                                 # 13,800 + 1,000,000 × 0.9%
    ("5000000", "46800.00"),                                 # 22,800 + 3,000,000 × 0.8%
    ("10000000", "81800.00"),                                # 46,800 + 5,000,000 × 0.7%
    ("20000000", "141800.00"),                               # 81,800 + 10,000,000 × 0.6%
    ("30000000", "191800.00"),                               # 141,800 + 10,000,000 × 0.5%
    ("123456.78", "2769.14"),                                # 2,300 + 23,456.78 × 2% = 2769.1356
])
def test_property_fees_at_and_around_every_edge(amount: str, fee: str) -> None:
    assert property_fee(amount) == D(fee)


@pytest.mark.parametrize(("edge", "rate", "constant"), QUICK)
def test_the_quick_formula_constants_agree_at_every_edge(edge: Decimal, rate: Decimal,
                                                         constant: Decimal) -> None:
    for amount in (edge, edge + 1, edge * 2 if edge < 20_000_000 else edge * 3):
        upper = next((e for e, _, _ in QUICK if e > edge), None)
        if upper is not None and amount > upper:
            continue
        expected = (amount * rate + constant).quantize(D("0.01"), rounding=ROUND_HALF_UP)
        assert property_fee(str(amount)) == expected


def test_halving_for_summary_procedure_and_settlement_applies_once() -> None:
    full = calculate(FeeKind.PROPERTY, D(100_000))
    summary = calculate(FeeKind.PROPERTY, D(100_000), summary=True)
    both = calculate(FeeKind.PROPERTY, D(100_000), summary=True, settled=True)
    assert (full.low, summary.low, both.low) == (D("2300.00"), D("1150.00"), D("1150.00"))
    assert "第十六条" in summary.reductions[0]
    assert calculate(FeeKind.PROPERTY, D(100_000), settled=True).reductions[0].endswith(
        "（第十五条）")
    assert calculate(FeeKind.ENFORCEMENT, D(100_000), settled=True).reductions == []


@pytest.mark.parametrize(("kind", "amount", "low", "high"), [
    (FeeKind.DIVORCE, None, "50.00", "300.00"),
    (FeeKind.DIVORCE, "200000", "50.00", "300.00"),         # nothing above 200,000
    (FeeKind.DIVORCE, "500000", "1550.00", "1800.00"),      # + 300,000 × 0.5% = 1,500
    (FeeKind.PERSONALITY_RIGHTS, "50000", "100.00", "500.00"),
    (FeeKind.PERSONALITY_RIGHTS, "80000", "400.00", "800.00"),   # + 30,000 × 1%
    (FeeKind.PERSONALITY_RIGHTS, "300000", "1600.00", "2000.00"),  # + 500 + 200,000 × 0.5%
    (FeeKind.IP, None, "500.00", "1000.00"),
    (FeeKind.IP, "100000", "2300.00", "2300.00"),           # the property scale
    (FeeKind.LABOR, None, "10.00", "10.00"),
    (FeeKind.ADMINISTRATIVE, None, "50.00", "100.00"),
    (FeeKind.ENFORCEMENT, None, "50.00", "500.00"),
    (FeeKind.ENFORCEMENT, "10000", "50.00", "50.00"),
    (FeeKind.ENFORCEMENT, "500000", "7400.00", "7400.00"),  # 50 + 490,000 × 1.5%
    (FeeKind.ENFORCEMENT, "5000000", "52400.00", "52400.00"),  # 7,400 + 4,500,000 × 1%
    (FeeKind.ENFORCEMENT, "10000000", "77400.00", "77400.00"),  # 52,400 + 5,000,000 × 0.5%
    (FeeKind.ENFORCEMENT, "20000000", "87400.00", "87400.00"),  # 77,400 + 10,000,000 × 0.1%
    (FeeKind.PRESERVATION, "1000", "30.00", "30.00"),
    (FeeKind.PRESERVATION, "100000", "1020.00", "1020.00"),  # 30 + 99,000 × 1%
    (FeeKind.PRESERVATION, "896000", "5000.00", "5000.00"),  # 1,020 + 796,000 × 0.5% = 5,000
    (FeeKind.PRESERVATION, "10000000", "5000.00", "5000.00"),  # capped at 5,000
    (FeeKind.PAYMENT_ORDER, "100000", "766.67", "766.67"),  # 2,300 / 3
])
def test_other_kinds(kind: FeeKind, amount: str | None, low: str, high: str) -> None:
    fee = calculate(kind, D(amount) if amount else None)
    assert (fee.low, fee.high) == (D(low), D(high))
    assert fee.legal_basis


@pytest.mark.parametrize("amount", ["0", "-1", "10000000000000", "1.001", "NaN"])
def test_bad_amounts_are_refused(amount: str) -> None:
    with pytest.raises(ValidationFailed):
        calculate(FeeKind.PROPERTY, D(amount))
    with pytest.raises(ValidationFailed):
        calculate(FeeKind.PROPERTY, None)


amounts = st.decimals(min_value=D("0.01"), max_value=D("9999999999999.99"), places=2,
                      allow_nan=False, allow_infinity=False)


@given(amounts, amounts)
def test_fees_are_monotonic_and_never_negative(a: Decimal, b: Decimal) -> None:
    low, high = sorted((a, b))
    assert D(0) < property_fee(str(low)) <= property_fee(str(high))


@given(st.sampled_from([edge for edge, _, _ in QUICK]), st.integers(1, 100))
def test_fees_are_continuous_at_the_edges(edge: Decimal, cents: int) -> None:
    step = D(cents) / 100
    assert property_fee(str(edge + step)) - property_fee(str(edge)) <= step * D("0.025") + D(
        "0.01")
