"""The litigation-fee calculator over its route."""

from __future__ import annotations

import json
from typing import Any

import pytest
from chalice.test import Client

JSON = {"Content-Type": "application/json"}


def fee(api: Client, body: str) -> Any:
    return api.http.post("/v1/calculators/litigation-fee", body=body, headers=JSON)


def test_the_contracts_example_with_breakdown(api: Client) -> None:
    response = fee(api, '{"kind": "PROPERTY", "amount": "100000"}')
    assert response.status_code == 200
    body = response.json_body
    assert (body["fee"], body["currency"]) == ("2300.00", "CNY")
    assert body["breakdown"] == [
        {"from": "0", "to": "10000", "rate": "每件50元", "amount": "50.00"},
        {"from": "10000", "to": "100000", "rate": "2.5%", "amount": "2250.00"},
    ]
    assert "第十三条" in body["legal_basis"]
    assert "fee_min" not in body


def test_numbers_and_strings_both_work_and_keep_fen_precision(api: Client) -> None:
    as_number = fee(api, '{"kind": "PROPERTY", "amount": 123456.78}').json_body
    as_string = fee(api, '{"kind": "PROPERTY", "amount": "123456.78"}').json_body
    assert as_number["fee"] == as_string["fee"] == "2769.14"


def test_summary_procedure_halves_and_ranges_come_as_min_max(api: Client) -> None:
    halved = fee(api, '{"kind": "PROPERTY", "amount": "100000", "procedure": "SUMMARY"}')
    assert halved.json_body["fee"] == "1150.00"
    assert halved.json_body["reductions"]
    divorce = fee(api, '{"kind": "DIVORCE", "amount": "500000"}').json_body
    assert (divorce["fee_min"], divorce["fee_max"]) == ("1550.00", "1800.00")
    assert "fee" not in divorce


@pytest.mark.parametrize(("body", "field"), [
    ('{"kind": "PROPERTY"}', "amount"),
    ('{"kind": "PROPERTY", "amount": "1.001"}', "amount"),
    ('{"kind": "PROPERTY", "amount": -5}', "amount"),
    ('{"kind": "PROPERTY", "amount": "1e13"}', "amount"),
    ('{"kind": "PROPERTY", "amount": "lots"}', "amount"),
    ('{"kind": "LOTTERY", "amount": "1"}', "kind"),
    ('{"kind": "PROPERTY", "amount": "1", "extra": 1}', "extra"),
])
def test_bad_input_names_the_field(api: Client, body: str, field: str) -> None:
    response = fee(api, body)
    assert response.status_code == 400
    details = json.loads(response.body)["error"]["details"]
    assert field in [d["field"] for d in details]


def deadline(api: Client, body: str) -> Any:
    return api.http.post("/v1/calculators/deadline", body=body, headers=JSON)


def test_a_deadline_moved_off_national_day(api: Client) -> None:
    response = deadline(api, '{"kind": "APPEAL_JUDGMENT", "start_date": "2026-09-20"}')
    assert response.status_code == 200
    body = response.json_body
    assert (body["due_date"], body["days"], body["extended_for_holiday"]) == (
        "2026-10-08", 15, True)
    assert body["nominal_due_date"] == "2026-10-05"
    assert "第一百七十一条" in body["legal_basis"]
    assert "第八十五条" in body["legal_basis"]


def test_month_periods_report_months(api: Client) -> None:
    body = deadline(api, '{"kind": "RETRIAL_APPLICATION", "start_date": "2026-03-31"}').json_body
    assert (body["due_date"], body["months"]) == ("2026-09-30", 6)
    assert "days" not in body


def test_a_year_without_calendar_data_is_503(api: Client) -> None:
    response = deadline(api, '{"kind": "APPEAL_JUDGMENT", "start_date": "2026-12-25"}')
    assert response.status_code == 503
    assert json.loads(response.body)["error"]["code"] == "CALENDAR_UNAVAILABLE"


@pytest.mark.parametrize("body", ['{"kind": "APPEAL_JUDGMENT"}',
                                  '{"kind": "SOON", "start_date": "2026-01-01"}',
                                  '{"kind": "DEFENSE", "start_date": "2026-13-01"}'])
def test_bad_deadline_requests_are_400(api: Client, body: str) -> None:
    assert deadline(api, body).status_code == 400


def test_start_dates_before_any_calendar_data_are_400(api: Client) -> None:
    response = deadline(api, '{"kind": "DEFENSE", "start_date": "2000-01-01"}')
    assert response.status_code == 400
    assert json.loads(response.body)["error"]["details"][0]["field"] == "start_date"
