"""The SMS gateway's webhook for messages people send us (two-way SMS)."""

from __future__ import annotations

import hmac
from collections.abc import Mapping

from chalice.app import Blueprint

from chalicelib.api.http import Call, endpoint
from chalicelib.bootstrap import container
from chalicelib.domain.errors import Unauthenticated
from chalicelib.schemas.sms import InboundIn, InboundOut

bp = Blueprint(__name__)


def _webhook_secret(headers: Mapping[str, str]) -> None:
    """The gateway's shared secret, compared in constant time, before the body is read."""
    given = headers.get("x-webhook-secret", "").encode()
    if not hmac.compare_digest(given, container().settings.sms_webhook_secret):
        raise Unauthenticated("短信网关凭证无效。")


@endpoint(bp, "/v1/sms/inbound", method="POST", tags=("sms",), body=InboundIn,
          response=InboundOut, errors=(400, 401, 413), headers=("X-Webhook-Secret",),
          guard=_webhook_secret,
          summary="An SMS someone sent: 1/2/3 rates, TD/退订 opts out, anything else gets help")
def inbound(call: Call) -> InboundOut:
    data: InboundIn = call.body
    result = container().inbound.receive(data.sender, data.text, data.received_at)
    return InboundOut(action=result.action, ticket_id=result.ticket_id)
