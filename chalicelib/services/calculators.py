"""Use cases: the litigation-fee and deadline calculators (诉讼费、期限计算器)."""

from __future__ import annotations

from chalicelib.domain.calendar import WorkingCalendar
from chalicelib.domain.cases import Procedure
from chalicelib.domain.deadlines import COUNTING, deadline
from chalicelib.domain.fees import calculate, check_amount, yuan
from chalicelib.observability import count
from chalicelib.schemas.calculators import BracketOut, DeadlineIn, DeadlineOut, FeeIn, FeeOut


def procedural_deadline(data: DeadlineIn, calendar: WorkingCalendar) -> DeadlineOut:
    """The last day of a procedural period (fails closed on years no calendar knows)."""
    result = deadline(data.kind, data.start_date, calendar, data.foreign_domicile)
    count("DeadlineCalculated", kind=data.kind.value)
    values: dict[str, object] = {
        "due_date": result.due, "extended_for_holiday": result.extended,
        "nominal_due_date": result.nominal, "starts_from": result.period.starts,
        "legal_basis": f"{result.period.basis}；期间计算：{COUNTING}"}
    if result.period.days is not None:
        values["days"] = result.period.days
    else:
        values["months"] = result.period.months
    return DeadlineOut.model_validate(values)


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
