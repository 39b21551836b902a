"""What each audience sees of a case (API contract, "Cases"; DESIGN, "Personal data").

* staff of the court: everything, phones and ID numbers unmasked;
* a party on the case: every name, phones masked, no ID numbers;
* a query-code holder: natural persons' names masked (``李*``), no phones.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from chalicelib.domain.access import Audience
from chalicelib.domain.case_types import case_type
from chalicelib.domain.cases import Case, Hearing, Party, PartyKind, PersonRef
from chalicelib.domain.clock import iso
from chalicelib.domain.courts import court
from chalicelib.domain.masking import mask_name, mask_phone
from chalicelib.schemas.cases import (
    CaseOut,
    CaseSummaryOut,
    CaseTypeOut,
    CourtOut,
    EventOut,
    HearingOut,
    PartyOut,
    PersonOut,
)


def _court(case: Case) -> CourtOut:
    entry = court(case.court_code)
    return CourtOut(code=entry.code, name=entry.name)


def _case_type(case: Case) -> CaseTypeOut:
    kind = case_type(case.number.type_code)
    name = kind.name
    if case.number.specialised_code == "知":
        name = f"知识产权{name}"
    return CaseTypeOut(code=case.number.specialised_code + kind.code, name=name)


def _person(ref: PersonRef | None) -> PersonOut | None:
    return PersonOut(id=ref.id, name=ref.name) if ref else None


def _party(party: Party, audience: Audience) -> PartyOut:
    if audience is Audience.STAFF:
        return PartyOut(role=party.role, name=party.name, kind=party.kind,
                        phone=party.phone, id_number=party.id_number)
    if audience is Audience.PARTY:
        return PartyOut(role=party.role, name=party.name, kind=party.kind,
                        phone=mask_phone(party.phone) if party.phone else None)
    name = party.name if party.kind is PartyKind.ORGANIZATION else mask_name(party.name)
    return PartyOut(role=party.role, name=name)


def _hearing(hearing: Hearing) -> HearingOut:
    return HearingOut(starts_at=iso(hearing.starts_at), courtroom=hearing.courtroom)


def _basics(case: Case) -> dict[str, Any]:
    return {
        "case_number": str(case.number),
        "year": case.number.year,
        "court": _court(case),
        "case_type": _case_type(case),
        "cause": case.cause,
        "status": case.status,
        "status_label": case.status.label,
        "procedure": case.procedure,
        "filed_on": case.filed_on,
        "closed_on": case.closed_on,
        "judge": _person(case.judge),
    }


def case_out(case: Case, audience: Audience) -> CaseOut:
    return CaseOut(
        **_basics(case),
        clerk=_person(case.clerk),
        parties=[_party(p, audience) for p in case.parties],
        hearings=[_hearing(h) for h in sorted(case.hearings, key=lambda h: h.starts_at)],
        trial_deadline=case.trial_deadline,
        events=[EventOut(at=iso(e.at), type=e.type, label=e.label) for e in case.timeline],
        access=audience.value,
    )


def case_summary(case: Case, phone: str, now: datetime) -> CaseSummaryOut:
    upcoming = sorted((h for h in case.hearings if h.starts_at >= now), key=lambda h: h.starts_at)
    return CaseSummaryOut(
        **_basics(case),
        my_roles=sorted({p.role for p in case.parties if p.phone == phone}),
        next_hearing=_hearing(upcoming[0]) if upcoming else None,
    )
