"""Litigation fees (诉讼费用) per 《诉讼费用交纳办法》 (国务院令第481号, in force 2007-04-01).

* 第十三条第（一）项 — property cases, progressive on the amount in dispute: up to 10,000
  yuan 50 yuan; the part above 10,000 to 100,000 at 2.5%; to 200,000 at 2%; to 500,000 at
  1.5%; to 1,000,000 at 1%; to 2,000,000 at 0.9%; to 5,000,000 at 0.8%; to 10,000,000 at
  0.7%; to 20,000,000 at 0.6%; above 20,000,000 at 0.5%.
* 第十三条第（二）项 — divorce 50–300 yuan per case, plus 0.5% of property above 200,000;
  personality rights 100–500 yuan per case, plus 1% of damages above 50,000 up to 100,000
  and 0.5% above 100,000; other non-property cases 50–100 yuan.
* 第十三条第（三）项 — intellectual property without an amount 500–1,000 yuan; with an
  amount, the property scale.
* 第十三条第（四）项 — labour disputes 10 yuan per case.
* 第十三条第（五）项 — administrative cases: trademark, patent and maritime 100 yuan, others
  50 yuan.
* 第十四条第（一）项 — applications for enforcement: without an amount 50–500 yuan; with one,
  up to 10,000 yuan 50 yuan, above to 500,000 at 1.5%, to 5,000,000 at 1%, to 10,000,000
  at 0.5%, above at 0.1%.
* 第十四条第（二）项 — preservation: up to 1,000 yuan 30 yuan, above to 100,000 at 1%, above
  at 0.5%, never more than 5,000 yuan.
* 第十四条第（三）项 — payment orders: one third of the property-case fee.
* 第十五条 — a case closed by mediation or withdrawn: half the acceptance fee;
  第十六条 — summary procedure: half the acceptance fee. Halving is applied once.

Amounts are yuan as `Decimal`; bracket amounts are kept exact and only the fee itself is
rounded to the fen, half up (so rounding never accumulates across brackets).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from chalicelib.domain.errors import Problem, ValidationFailed

FEN = Decimal("0.01")
MAX_AMOUNT = Decimal(10) ** 13


class FeeKind(StrEnum):
    PROPERTY = "PROPERTY"
    DIVORCE = "DIVORCE"
    PERSONALITY_RIGHTS = "PERSONALITY_RIGHTS"
    IP = "IP"
    LABOR = "LABOR"
    ADMINISTRATIVE = "ADMINISTRATIVE"
    ENFORCEMENT = "ENFORCEMENT"
    PRESERVATION = "PRESERVATION"
    PAYMENT_ORDER = "PAYMENT_ORDER"


# (upper bound of the bracket, rate); the first bracket is a flat fee instead.
PROPERTY_SCALE: tuple[tuple[Decimal | None, Decimal], ...] = (
    (Decimal(100_000), Decimal("0.025")),
    (Decimal(200_000), Decimal("0.02")),
    (Decimal(500_000), Decimal("0.015")),
    (Decimal(1_000_000), Decimal("0.01")),
    (Decimal(2_000_000), Decimal("0.009")),
    (Decimal(5_000_000), Decimal("0.008")),
    (Decimal(10_000_000), Decimal("0.007")),
    (Decimal(20_000_000), Decimal("0.006")),
    (None, Decimal("0.005")),
)
ENFORCEMENT_SCALE: tuple[tuple[Decimal | None, Decimal], ...] = (
    (Decimal(500_000), Decimal("0.015")),
    (Decimal(5_000_000), Decimal("0.01")),
    (Decimal(10_000_000), Decimal("0.005")),
    (None, Decimal("0.001")),
)
PRESERVATION_SCALE: tuple[tuple[Decimal | None, Decimal], ...] = (
    (Decimal(100_000), Decimal("0.01")),
    (None, Decimal("0.005")),
)
PRESERVATION_CAP = Decimal(5_000)
HALVABLE = frozenset({FeeKind.PROPERTY, FeeKind.DIVORCE, FeeKind.PERSONALITY_RIGHTS,
                      FeeKind.IP, FeeKind.LABOR, FeeKind.ADMINISTRATIVE})


@dataclass(frozen=True)
class Bracket:
    start: Decimal
    end: Decimal | None
    rate: str  # "2.5%" or "每件50元"
    amount: Decimal  # exact; shown rounded


@dataclass(frozen=True)
class Fee:
    low: Decimal
    high: Decimal
    breakdown: list[Bracket] = field(default_factory=list)
    reductions: list[str] = field(default_factory=list)
    legal_basis: list[str] = field(default_factory=list)

    @property
    def is_range(self) -> bool:
        return self.low != self.high


def yuan(value: Decimal) -> Decimal:
    return value.quantize(FEN, rounding=ROUND_HALF_UP)


def check_amount(value: Decimal | None, required: bool) -> Decimal | None:
    if value is None:
        if required:
            raise ValidationFailed(details=[Problem("amount", "该类案件须填写争议金额")])
        return None
    if not value.is_finite() or value <= 0 or value >= MAX_AMOUNT:
        raise ValidationFailed(details=[Problem("amount", "金额应大于0且小于10万亿元")])
    if value != value.quantize(FEN):
        raise ValidationFailed(details=[Problem("amount", "金额最多保留两位小数（分）")])
    return value


def _progressive(amount: Decimal, first_limit: Decimal, first_fee: Decimal,
                 scale: tuple[tuple[Decimal | None, Decimal], ...]) -> list[Bracket]:
    brackets = [Bracket(Decimal(0), first_limit, f"每件{first_fee}元", first_fee)]
    start = first_limit
    for end, rate in scale:
        if amount <= start:
            break
        top = amount if end is None else min(amount, end)
        brackets.append(Bracket(start, end, f"{(rate * 100).normalize():f}%", (top - start) * rate))
        start = end if end is not None else amount
    return brackets


def property_fee(amount: Decimal) -> list[Bracket]:
    """第十三条第（一）项."""
    return _progressive(amount, Decimal(10_000), Decimal(50), PROPERTY_SCALE)


def _total(brackets: list[Bracket]) -> Decimal:
    return yuan(sum((b.amount for b in brackets), Decimal(0)))


ART13_1 = "《诉讼费用交纳办法》第十三条第（一）项"


def calculate(kind: FeeKind, amount: Decimal | None, *, summary: bool = False,
              settled: bool = False) -> Fee:
    """The fee for a case or application of ``kind`` (see the module docstring)."""
    fee = _base(kind, amount)
    if kind in HALVABLE and (summary or settled):
        reason = ("适用简易程序审理，减半交纳（第十六条）" if summary
                  else "以调解方式结案或申请撤诉，减半交纳（第十五条）")
        basis = "第十六条" if summary else "第十五条"
        fee = Fee(yuan(fee.low / 2), yuan(fee.high / 2), fee.breakdown, [reason],
                  [*fee.legal_basis, f"《诉讼费用交纳办法》{basis}"])
    return fee


def _base(kind: FeeKind, amount: Decimal | None) -> Fee:
    if kind is FeeKind.PROPERTY:
        brackets = property_fee(_need(amount))
        total = _total(brackets)
        return Fee(total, total, brackets, legal_basis=[ART13_1])
    if kind is FeeKind.PAYMENT_ORDER:
        brackets = property_fee(_need(amount))
        total = yuan(_total(brackets) / 3)
        return Fee(total, total, brackets, legal_basis=[
            "《诉讼费用交纳办法》第十四条第（三）项（按财产案件标准的三分之一）"])
    if kind is FeeKind.ENFORCEMENT:
        return _enforcement(amount)
    if kind is FeeKind.PRESERVATION:
        brackets = _progressive(_need(amount), Decimal(1_000), Decimal(30), PRESERVATION_SCALE)
        total = min(_total(brackets), PRESERVATION_CAP)
        return Fee(total, total, brackets,
                   legal_basis=["《诉讼费用交纳办法》第十四条第（二）项（最多不超过5000元）"])
    return _non_property(kind, amount)


def _need(amount: Decimal | None) -> Decimal:
    checked = check_amount(amount, required=True)
    if checked is None:  # check_amount raised already; this keeps the type checker informed
        raise ValidationFailed(details=[Problem("amount", "该类案件须填写争议金额")])
    return checked


def _enforcement(amount: Decimal | None) -> Fee:
    basis = ["《诉讼费用交纳办法》第十四条第（一）项"]
    if amount is None:
        return Fee(Decimal(50), Decimal(500), legal_basis=basis)
    brackets = _progressive(_need(amount), Decimal(10_000), Decimal(50), ENFORCEMENT_SCALE)
    total = _total(brackets)
    return Fee(total, total, brackets, legal_basis=basis)


def _extra(amount: Decimal | None, scale: tuple[tuple[Decimal, Decimal | None, Decimal], ...]
           ) -> list[Bracket]:
    """Percentages on the parts of ``amount`` above the thresholds of ``scale``."""
    if amount is None:
        return []
    parts = []
    for start, end, rate in scale:
        if amount <= start:
            break
        top = amount if end is None else min(amount, end)
        parts.append(Bracket(start, end, f"{(rate * 100).normalize():f}%", (top - start) * rate))
    return parts


def _non_property(kind: FeeKind, amount: Decimal | None) -> Fee:
    amount = check_amount(amount, required=False)
    if kind is FeeKind.DIVORCE:
        extra = _extra(amount, ((Decimal(200_000), None, Decimal("0.005")),))
        return _ranged(Decimal(50), Decimal(300), extra, "第十三条第（二）项第1目")
    if kind is FeeKind.PERSONALITY_RIGHTS:
        extra = _extra(amount, ((Decimal(50_000), Decimal(100_000), Decimal("0.01")),
                                (Decimal(100_000), None, Decimal("0.005"))))
        return _ranged(Decimal(100), Decimal(500), extra, "第十三条第（二）项第2目")
    if kind is FeeKind.IP:
        if amount is not None:
            brackets = property_fee(amount)
            total = _total(brackets)
            return Fee(total, total, brackets,
                       legal_basis=["《诉讼费用交纳办法》第十三条第（三）项", ART13_1])
        return _ranged(Decimal(500), Decimal(1_000), [], "第十三条第（三）项")
    if kind is FeeKind.LABOR:
        return Fee(Decimal(10), Decimal(10),
                   legal_basis=["《诉讼费用交纳办法》第十三条第（四）项"])
    # ADMINISTRATIVE: 50 yuan, or 100 for trademark, patent and maritime cases.
    return _ranged(Decimal(50), Decimal(100), [],
                   "第十三条第（五）项（商标、专利、海事行政案件每件100元，其他50元）")


def _ranged(low: Decimal, high: Decimal, extra: list[Bracket], article: str) -> Fee:
    per_case = Bracket(Decimal(0), None, f"每件{low}至{high}元", low)
    added = _total(extra) if extra else Decimal(0)
    return Fee(yuan(low + added), yuan(high + added), [per_case, *extra],
               legal_basis=[f"《诉讼费用交纳办法》{article}"])
