"""Opaque list tokens: the repository's cursor, base64url-wrapped and versioned."""

from __future__ import annotations

import base64
import binascii

from chalicelib.domain.errors import Problem, ValidationFailed

_PREFIX = "v1:"


def encode_token(cursor: str | None) -> str | None:
    if cursor is None:
        return None
    return base64.urlsafe_b64encode((_PREFIX + cursor).encode()).decode().rstrip("=")


def decode_token(token: str | None) -> str | None:
    if token is None:
        return None
    try:
        text = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        text = ""
    if not text.startswith(_PREFIX):
        raise ValidationFailed(details=[Problem("next_token", "翻页标记无效")])
    return text[len(_PREFIX):]
