"""Value objects for personal identifiers: phone numbers and resident ID numbers.

Phones are parsed with `phonenumbers` (mainland China as the default region) and kept
in E.164; ID numbers are checked with `stdnum.cn.ric` (GB 11643-1999: region, birth date,
ISO 7064 MOD 11-2 check character). Both libraries are imported on first use so that
requests that never see an identifier do not pay for them at cold start.
"""

from __future__ import annotations

from chalicelib.domain.errors import Problem, ValidationFailed
from chalicelib.domain.masking import mask_id_number, mask_phone

_MAX_PHONE_INPUT = 32


def parse_phone(text: object, field: str = "phone") -> str:
    """Return the E.164 form of a mobile number given as 138..., +86138... or +86 138-....

    Only numbers that can receive SMS (mobile numbers) are accepted, because every phone
    the service stores is one it may have to text.
    """
    import phonenumbers  # lazy: ~20 ms of import, only on paths that take a phone

    if not isinstance(text, str) or not text.strip() or len(text) > _MAX_PHONE_INPUT:
        raise ValidationFailed(details=[Problem(field, "请填写手机号码")])
    try:
        number = phonenumbers.parse(text, "CN")
    except phonenumbers.NumberParseException:
        raise ValidationFailed(details=[Problem(field, "手机号码格式不正确")]) from None
    mobile_types = (phonenumbers.PhoneNumberType.MOBILE,
                    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)
    if not phonenumbers.is_valid_number(number) or (
        phonenumbers.number_type(number) not in mobile_types
    ):
        raise ValidationFailed(details=[Problem(field, "请填写有效的手机号码")])
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def parse_id_number(text: object, field: str = "id_number") -> str:
    """Return a validated 18-character resident ID number (upper-case check character)."""
    from stdnum.cn import ric  # lazy for cold start
    from stdnum.exceptions import ValidationError

    if not isinstance(text, str):
        raise ValidationFailed(details=[Problem(field, "请填写身份证号码")])
    try:
        return str(ric.validate(text))
    except ValidationError:
        raise ValidationFailed(details=[Problem(field, "身份证号码不正确")]) from None


__all__ = ["mask_id_number", "mask_phone", "parse_id_number", "parse_phone"]
