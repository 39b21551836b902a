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
from datetime import datetime, timedelta

from chalicelib.domain.clock import to_shanghai

SINGLE_LIMIT = 70
PART_LIMIT = 67
DEFAULT_SIGNATURE = "上海法院"


@dataclass(frozen=True)
class Template:
    name: str
    text: str
    essential: bool  # sent even to numbers that opted out
    urgent: bool = False  # sent during quiet hours (21:00-08:00) instead of waiting

    @property
    def params(self) -> frozenset[str]:
        return frozenset(f for _, f, _, _ in string.Formatter().parse(self.text) if f)


TEMPLATES = {t.name: t for t in (
    # A receipt answers a request the person has just made: it goes at once, always.
    Template("TICKET_RECEIPT",
             "【{signature}】您好！您的联系法官请求已受理，工单号{ticket_id}。"
             "承办人将于{due}前与您联系，请保持电话畅通，谢谢。", essential=True, urgent=True),
    Template("TICKET_RECEIPT_QUEUED",
             "【{signature}】您好！您的诉讼服务请求已受理，工单号{ticket_id}。"
             "我们将于{due}前安排专人与您联系，谢谢。", essential=True, urgent=True),
    # Work notices to court staff are essential too: an opt-out is for the public.
    Template("TICKET_ASSIGNED",
             "【{signature}】{assignee}您好：{case_number}当事人请求联系您，工单号{ticket_id}，"
             "请于{due}前回复。谢谢。", essential=True),
    Template("TICKET_ASSIGNED_GENERAL",
             "【{signature}】{assignee}您好：有一件{category}工单派您办理，工单号{ticket_id}，"
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
    Template("HEARING_NOTICE",
             "【{signature}】您好！{case_number}定于{when}在{courtroom}开庭，请您准时到庭。"
             "谢谢。", essential=False),
    Template("HEARING_REMINDER",
             "【{signature}】提醒：{case_number}将于{when}在{courtroom}开庭，请您准时到庭。"
             "谢谢。", essential=False),
    # A sign-in code: the person is waiting for it, and must get it even after TD.
    Template("OTP_CODE",
             "【{signature}】您的登录验证码为{code}，5分钟内有效，请勿告知他人。"
             "如非本人操作，请忽略本短信。", essential=True, urgent=True),
    # Replies to an SMS the person has just sent us.
    Template("INBOUND_RATED",
             "【{signature}】感谢您对工单{ticket_id}的评价，我们将不断改进服务。",
             essential=True, urgent=True),
    Template("INBOUND_OPTED_OUT",
             "【{signature}】您已退订本平台的通知短信，此后仅接收验证码和受理回执。谢谢。",
             essential=True, urgent=True),
    Template("INBOUND_HELP",
             "【{signature}】您好！评价请回复1满意、2基本满意、3不满意，退订请回复TD。"
             "其他问题请拨打12368，谢谢。", essential=True, urgent=True),
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


def date_time(moment: datetime) -> str:
    """``12月8日9:30`` — how a hearing time reads in a text."""
    local = to_shanghai(moment)
    return f"{local.month}月{local.day}日{local.hour}:{local.minute:02d}"


QUIET_START_HOUR, QUIET_END_HOUR = 21, 8


def deferred_until(now: datetime, template: Template) -> datetime | None:
    """When a non-urgent text written during quiet hours (21:00–08:00, Asia/Shanghai) may go:
    08:00 of the same or the next morning. None: send now."""
    if template.urgent:
        return None
    local = to_shanghai(now)
    if QUIET_END_HOUR <= local.hour < QUIET_START_HOUR:
        return None
    morning = local.replace(hour=QUIET_END_HOUR, minute=0, second=0, microsecond=0)
    return morning if local.hour < QUIET_END_HOUR else morning + timedelta(days=1)
