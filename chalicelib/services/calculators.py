"""Use case: the litigation-fee calculator (诉讼费计算器)."""

from __future__ import annotations

from chalicelib.domain.cases import Procedure
from chalicelib.domain.fees import calculate, check_amount, yuan
from chalicelib.observability import count
from chalicelib.schemas.calculators import BracketOut, FeeIn, FeeOut


def litigation_fee(data: FeeIn) -> FeeOut:
    amount = check_amount(data.amount, required=False)
    fee = calculate(data.kind, amount, summary=data.procedure is Procedure.SUMMARY,
                    settled=data.settled)
    count("FeeCalculated", kind=data.kind.value)
    breakdown = [BracketOut.model_validate({
        "from": str(b.start), "to": str(b.end) if b.end is not None else None,
        "rate": b.rate, "amount": f"{yuan(b.amount):.2f}"}) for b in fee.breakdown]
    values: dict[str, object] = {
        "currency": "CNY", "breakdown": breakdown, "reductions": fee.reductions,
        "legal_basis": "；".join(fee.legal_basis)}
    if fee.is_range:
        values.update(fee_min=f"{fee.low:.2f}", fee_max=f"{fee.high:.2f}")
    else:
        values.update(fee=f"{fee.low:.2f}")
    return FeeOut.model_validate(values)
