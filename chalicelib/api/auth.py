"""Party sign-in routes."""

from __future__ import annotations

from chalice.app import Blueprint

from chalicelib.api.http import Call, Limit, Reply, endpoint
from chalicelib.bootstrap import container
from chalicelib.schemas.auth import OtpIn, OtpOut, TokenIn, TokenOut

bp = Blueprint(__name__)


@endpoint(bp, "/v1/auth/otp", method="POST", tags=("auth",), body=OtpIn, response=OtpOut,
          status=202, errors=(400, 413, 429, 503), limit=Limit("otp"),
          summary="Text a 6-digit sign-in code (1 per phone per 60 s, 10 per day)")
def send_code(call: Call) -> Reply:
    expires_in = container().auth.send_code(call.body.phone)
    return Reply(OtpOut(expires_in=expires_in, resend_after=60), 202)


@endpoint(bp, "/v1/auth/token", method="POST", tags=("auth",), body=TokenIn, response=TokenOut,
          errors=(400, 401, 413, 423, 429), limit=Limit("token"),
          summary="Exchange a sign-in code for a party token (5 wrong codes lock 15 min)")
def token(call: Call) -> TokenOut:
    issued = container().auth.exchange(call.body.phone, call.body.code)
    # "Bearer" is the scheme's name, not a secret.
    return TokenOut(access_token=issued.access_token,
                    token_type="Bearer",  # noqa: S106 # nosec B106
                    expires_in=issued.expires_in, role="party")
