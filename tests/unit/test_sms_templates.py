"""SMS texts: every template renders, is courteous, names the ticket, and costs what we say."""

from __future__ import annotations

from datetime import datetime

import pytest

from chalicelib.domain.clock import SHANGHAI
from chalicelib.domain.sms import (
    TEMPLATES,
    TemplateError,
    deferred_until,
    render,
    segments,
    short_date,
)

PARAMS = {"ticket_id": "GD20261130-000042", "due": "12月2日", "assignee": "王法官",
          "case_number": "（2026）沪0101民初1234号", "category": "投诉",
          "when": "12月8日9:30", "courtroom": "第十二法庭", "code": "048213"}


def rendered(name: str) -> str:
    template = TEMPLATES[name]
    return render(name, **{k: v for k, v in PARAMS.items() if k in template.params})


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_every_template_renders_politely(name: str) -> None:
    text = rendered(name)
    assert text.startswith("【上海法院】")
    assert any(word in text for word in ("谢谢", "感谢", "请勿"))  # courteous, or a warning
    assert "{" not in text
    if "ticket_id" in TEMPLATES[name].params:
        assert "GD20261130-000042" in text


@pytest.mark.parametrize("name", sorted(set(TEMPLATES) - {"TICKET_ASSIGNED",
                                                          "TICKET_ASSIGNED_GENERAL"}))
def test_texts_to_the_public_and_reminders_fit_one_sms(name: str) -> None:
    assert segments(rendered(name)) == 1


def test_quiet_hours_hold_back_non_urgent_texts_until_eight() -> None:
    notice, receipt = TEMPLATES["HEARING_NOTICE"], TEMPLATES["TICKET_RECEIPT"]
    evening = datetime(2026, 12, 1, 21, 0, tzinfo=SHANGHAI)
    assert deferred_until(evening, notice) == datetime(2026, 12, 2, 8, 0, tzinfo=SHANGHAI)
    early = datetime(2026, 12, 2, 7, 59, tzinfo=SHANGHAI)
    assert deferred_until(early, notice) == datetime(2026, 12, 2, 8, 0, tzinfo=SHANGHAI)
    assert deferred_until(datetime(2026, 12, 2, 8, 0, tzinfo=SHANGHAI), notice) is None
    assert deferred_until(datetime(2026, 12, 2, 20, 59, tzinfo=SHANGHAI), notice) is None
    assert deferred_until(evening, receipt) is None  # urgent: the person is waiting for it


def test_receipts_carry_the_due_date() -> None:
    assert "12月2日前" in rendered("TICKET_RECEIPT")
    assert "12月2日前" in rendered("TICKET_ASSIGNED")


def test_rating_request_offers_the_three_answers() -> None:
    text = rendered("TICKET_REPLIED")
    assert "回复1满意，2基本满意，3不满意" in text
    assert not TEMPLATES["TICKET_REPLIED"].essential
    assert TEMPLATES["TICKET_RECEIPT"].essential


def test_missing_extra_or_empty_parameters_are_refused() -> None:
    with pytest.raises(TemplateError):
        render("TICKET_RECEIPT", ticket_id="GD20261130-000042")
    with pytest.raises(TemplateError):
        render("TICKET_RECEIPT", ticket_id="GD20261130-000042", due="12月2日", extra="x")
    with pytest.raises(TemplateError):
        render("TICKET_RECEIPT", ticket_id=" ", due="12月2日")


@pytest.mark.parametrize(("length", "parts"), [(1, 1), (70, 1), (71, 2), (134, 2), (135, 3)])
def test_billable_segments(length: int, parts: int) -> None:
    assert segments("字" * length) == parts


def test_short_dates_read_naturally() -> None:
    assert short_date(datetime(2026, 12, 2, 23, 59, 59, tzinfo=SHANGHAI)) == "12月2日"
