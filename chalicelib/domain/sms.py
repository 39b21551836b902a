"""SMS texts: Chinese templates with the court's signature, and billable segments.

Every text starts with the signature in 【】 (carriers require a registered signature, and
people recognise the court by it). A text of up to 70 characters is one SMS; a longer one
is split into parts of 67 characters (the rest carries the concatenation header), each
billed as one SMS.

``essential`` templates (sign-in codes, receipts of a request the person just made, work
notices to court staff) are sent even to numbers that replied TD/退订; the others respect
the opt-out.
"""

from __future__ import annotations

import math
import string
from dataclasses import dataclass
from datetime import datetime

from chalicelib.domain.clock import to_shanghai

SINGLE_LIMIT = 70
PART_LIMIT = 67
DEFAULT_SIGNATURE = "上海法院"


@dataclass(frozen=True)
class Template:
    name: str
    text: str
    essential: bool

    @property
    def params(self) -> frozenset[str]:
        return frozenset(f for _, f, _, _ in string.Formatter().parse(self.text) if f)


TEMPLATES = {t.name: t for t in (
    Template("TICKET_RECEIPT",
             "【{signature}】您好！您的联系法官请求已受理，工单号{ticket_id}。"
             "承办人将于{due}前与您联系，请保持电话畅通，谢谢。", essential=True),
    Template("TICKET_RECEIPT_QUEUED",
             "【{signature}】您好！您的诉讼服务请求已受理，工单号{ticket_id}。"
             "我们将于{due}前安排专人与您联系，谢谢。", essential=True),
    # Work notices to court staff are essential too: an opt-out is for the public.
    Template("TICKET_ASSIGNED",
             "【{signature}】{assignee}您好：{case_number}当事人请求联系您，工单号{ticket_id}，"
             "请于{due}前回复。谢谢。", essential=True),
    Template("TICKET_REPLIED",
             "【{signature}】您好！您的工单{ticket_id}已办结。请您评价本次服务："
             "回复1满意，2基本满意，3不满意。谢谢！", essential=False),
    Template("TICKET_OVERDUE",
             "【{signature}】提醒：工单{ticket_id}已超过办理期限（{due}），"
             "请您尽快与当事人联系并在系统中答复。谢谢。", essential=True),
    Template("TICKET_ESCALATED",
             "【{signature}】督办通知：{assignee}承办的工单{ticket_id}超期一个工作日仍未答复，"
             "请您督促办理。谢谢。", essential=True),
)}


class TemplateError(ValueError):
    """A template asked for with missing, extra or empty parameters."""


def render(name: str, signature: str = DEFAULT_SIGNATURE, **params: str) -> str:
    template = TEMPLATES[name]
    values = {"signature": signature, **params}
    wanted = template.params
    if set(values) != wanted or any(not str(v).strip() for v in values.values()):
        raise TemplateError(f"{name} needs exactly {sorted(wanted)}, got {sorted(values)}")
    return template.text.format(**values)


def segments(text: str) -> int:
    """Billable SMS parts: 1 up to 70 characters, then parts of 67."""
    if len(text) <= SINGLE_LIMIT:
        return 1
    return math.ceil(len(text) / PART_LIMIT)


def short_date(moment: datetime) -> str:
    """``12月2日`` — how a due date reads in a text."""
    local = to_shanghai(moment)
    return f"{local.month}月{local.day}日"
