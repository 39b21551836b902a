"""Event-source handlers (schedules, the DynamoDB stream, SQS): thin, like the routes.

`app.py` registers them with Chalice; the local worker (devtools/worker.py) invokes the
registered handlers with the same event shapes AWS would send.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chalicelib.bootstrap import container
from chalicelib.observability import logger
from chalicelib.services.notifications import parse_event


def ticket_sweep(event: Any) -> dict[str, int]:
    """Flag overdue tickets, remind once, escalate a working day later."""
    report = container().sweep.run()
    return {"examined": report.examined, "overdue": len(report.overdue),
            "escalated": len(report.escalated)}


def outbox_sweep(event: Any) -> dict[str, int]:
    """Publish whatever the outbox still holds (locally the relay; in AWS the safety net
    behind the stream handler, e.g. after an SNS outage outlasted the stream's retries)."""
    return {"published": container().relay.relay_pending()}


def outbox_stream(event: Any) -> dict[str, Any]:
    """DynamoDB stream -> SNS for new event items, with partial batch failures."""
    from aws_lambda_powertools.utilities.batch import (
        BatchProcessor,
        EventType,
        process_partial_response,
    )
    from aws_lambda_powertools.utilities.data_classes.dynamo_db_stream_event import (
        DynamoDBRecord,
    )

    def relay(record: DynamoDBRecord) -> None:
        image = record.dynamodb.new_image if record.dynamodb else None
        if not image or image.get("kind") != "Event" or "outbox_pk" not in image:
            return
        container().relay.relay_stream_keys([(str(image["pk"]), str(image["sk"]))])

    processor = BatchProcessor(event_type=EventType.DynamoDBStreams)
    raw = event.to_dict() if hasattr(event, "to_dict") else event
    return dict(process_partial_response(event=raw, record_handler=relay, processor=processor,
                                         context=getattr(event, "context", None)))


def sms_sender(event: Any) -> dict[str, Any]:
    """The `sms` queue: send each event's texts once; failed records are retried by SQS and
    end in the dead-letter queue after its maxReceiveCount."""
    return _each_queued_event(event, "sms", lambda body: container().sms.handle(
        parse_event(body)))


def stats_counter(event: Any) -> dict[str, Any]:
    """The `stats` queue: add each ticket event to the counters, once per event id."""
    return _each_queued_event(event, "stats", lambda body: container().stats.count(
        parse_event(body)))


def _each_queued_event(event: Any, queue: str,
                       handle: Callable[[str], object]) -> dict[str, Any]:
    from aws_lambda_powertools.utilities.batch import (
        BatchProcessor,
        EventType,
        process_partial_response,
    )
    from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

    def one(record: SQSRecord) -> None:
        handle(record.body)

    processor = BatchProcessor(event_type=EventType.SQS)
    raw = event.to_dict() if hasattr(event, "to_dict") else event
    result = process_partial_response(event=raw, record_handler=one, processor=processor,
                                      context=getattr(event, "context", None))
    failures = result.get("batchItemFailures", [])
    if failures:
        logger.warning(f"{queue} batch partly failed", extra={"failed": len(failures)})
    return dict(result)


def sms_deferred(event: Any) -> dict[str, int]:
    """Send the texts quiet hours held back, once their time has come."""
    report = container().sms.send_deferred()
    return {"sent": len(report.sent), "skipped": len(report.skipped)}


def hearing_reminders(event: Any) -> dict[str, int]:
    """On working days, queue reminders for hearings up to the next working day (once)."""
    return {"reminded": container().reminders.run()}
