"""The local worker: what AWS runs on schedules, the DynamoDB stream and the SQS queues.

Locally this process invokes the very same Chalice handlers `app.py` registers, with the
event shapes AWS would send, against the moto endpoint:

* every ``WORKER_RELAY_SECONDS`` (0.2): ``outbox_sweep`` — the relay on the sparse outbox
  index (in AWS the stream handler does this, and the sweep is its safety net);
* continuously: the ``sms`` queue -> ``sms_sender`` (partial batch failures: failed
  messages stay on the queue and reach its dead-letter queue after maxReceiveCount);
* every ``WORKER_SWEEP_SECONDS`` (30): ``ticket_sweep``, ``sms_deferred``,
  ``hearing_reminders``.

* continuously: the ``stats`` queue -> ``stats_counter`` (idempotent per event id).
"""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from types import FrameType
from typing import Any

REGION_DEFAULT = "cn-north-1"


def scheduled_event() -> dict[str, Any]:
    return {"version": "0", "id": "local", "detail-type": "Scheduled Event",
            "source": "aws.events", "account": "123456789012",
            "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "region": os.environ.get("AWS_DEFAULT_REGION", REGION_DEFAULT),
            "resources": [], "detail": {}}


def sqs_event(messages: list[dict[str, Any]], queue_arn: str) -> dict[str, Any]:
    """The event Lambda's SQS integration delivers for ``messages`` (ReceiveMessage items)."""
    records = []
    for message in messages:
        attributes = {k: str(v) for k, v in message.get("Attributes", {}).items()}
        records.append({
            "messageId": message["MessageId"], "receiptHandle": message["ReceiptHandle"],
            "body": message["Body"], "attributes": attributes,
            "messageAttributes": {
                name: {"stringValue": value.get("StringValue"), "dataType": value["DataType"]}
                for name, value in message.get("MessageAttributes", {}).items()},
            "md5OfBody": message.get("MD5OfBody", ""), "eventSource": "aws:sqs",
            "eventSourceARN": queue_arn,
            "awsRegion": os.environ.get("AWS_DEFAULT_REGION", REGION_DEFAULT),
        })
    return {"Records": records}


def drain_queue(sqs: Any, queue_url: str, handler: Callable[[dict[str, Any], Any], Any],
                wait_seconds: int = 0) -> tuple[int, int]:
    """Receive one batch, hand it to ``handler`` as Lambda would, delete what succeeded.

    Returns (received, failed). Failed messages are left to become visible again.
    """
    response = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10,
                                   WaitTimeSeconds=wait_seconds, AttributeNames=["All"],
                                   MessageAttributeNames=["All"])
    messages = response.get("Messages", [])
    if not messages:
        return 0, 0
    arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])[
        "Attributes"]["QueueArn"]
    try:
        result = handler(sqs_event(messages, arn), None) or {}
        failed = {f["itemIdentifier"] for f in result.get("batchItemFailures", [])}
    except Exception:  # the whole batch failed: Lambda would retry every message
        failed = {m["MessageId"] for m in messages}
    done = [m for m in messages if m["MessageId"] not in failed]
    if done:
        sqs.delete_message_batch(QueueUrl=queue_url, Entries=[
            {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(done)])
    return len(messages), len(failed)


class Worker:
    def __init__(self) -> None:
        import app as application
        from chalicelib.adapters.sns import client

        self.app = application
        self.sqs = client("sqs")
        self.queues = [
            (self.sqs.get_queue_url(QueueName=os.environ.get(f"{name.upper()}_QUEUE_NAME",
                                                             name))["QueueUrl"], handler)
            for name, handler in (("sms", application.sms_sender),
                                  ("stats", application.stats_counter))]
        self.relay_every = float(os.environ.get("WORKER_RELAY_SECONDS", "0.2"))
        self.sweep_every = float(os.environ.get("WORKER_SWEEP_SECONDS", "30"))
        self._last_sweep = 0.0

    def step(self) -> bool:
        """One round: relay the outbox, drain the queues, run the schedules when due.

        Returns whether there was work, so the loop sleeps only when idle.
        """
        relayed = self._call("outbox_sweep", scheduled_event()) or {}
        received = 0
        for queue_url, handler in self.queues:
            for _ in range(20):  # at most 200 messages before the outbox gets another look
                got, _ = drain_queue(self.sqs, queue_url, handler)
                received += got
                if got < 10:
                    break
        if time.monotonic() - self._last_sweep >= self.sweep_every:
            self._last_sweep = time.monotonic()
            for name in ("ticket_sweep", "sms_deferred", "hearing_reminders"):
                result = self._call(name, scheduled_event())
                if result is not None:
                    from chalicelib.observability import logger

                    logger.info(name, extra={"result": json.dumps(result)})
        return bool(relayed.get("published") or received)

    def _call(self, name: str, event: dict[str, Any]) -> Any:
        try:
            return getattr(self.app, name)(event, None)
        except Exception:
            from chalicelib.observability import logger

            logger.exception("worker handler failed", extra={"handler": name})
            return None


def main() -> int:
    from chalicelib.observability import logger

    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    worker = Worker()
    logger.info("worker started", extra={"relay_every_s": worker.relay_every,
                                         "sweep_every_s": worker.sweep_every})
    while not stop.is_set():
        if not worker.step():
            stop.wait(worker.relay_every)
    return 0


if __name__ == "__main__":
    sys.exit(main())
