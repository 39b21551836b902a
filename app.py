"""Court self-service API: the Chalice app. Registration only; no logic lives here."""

import os

from chalice.app import Chalice, Rate

from chalicelib import handlers
from chalicelib.api import auth, calculators, calendar, cases, sms, staff, stats, system, tickets
from chalicelib.api.middleware import http_middleware
from chalicelib.observability import attach

app = Chalice(app_name="court-selfservice")
attach(app.log)
app.register_middleware(http_middleware, "http")

app.register_blueprint(system.bp)
app.register_blueprint(cases.bp)
app.register_blueprint(staff.bp)
app.register_blueprint(tickets.bp)
app.register_blueprint(calendar.bp)
app.register_blueprint(sms.bp)
app.register_blueprint(auth.bp)
app.register_blueprint(calculators.bp)
app.register_blueprint(stats.bp)

# Event sources. Deployment names come from the environment (set by the CDK stack); the
# placeholders only matter when the app is imported outside AWS.
OUTBOX_STREAM_ARN = os.environ.get(
    "OUTBOX_STREAM_ARN", "arn:aws:dynamodb:cn-north-1:000000000000:table/local/stream/local")
SMS_QUEUE = os.environ.get("SMS_QUEUE_NAME", "sms")
STATS_QUEUE = os.environ.get("STATS_QUEUE_NAME", "stats")

ticket_sweep = app.schedule(Rate(5, unit=Rate.MINUTES), name="ticket-sweep")(
    handlers.ticket_sweep)
outbox_sweep = app.schedule(Rate(1, unit=Rate.MINUTES), name="outbox-sweep")(
    handlers.outbox_sweep)
outbox_stream = app.on_dynamodb_record(stream_arn=OUTBOX_STREAM_ARN, batch_size=100,
                                       name="outbox-stream")(handlers.outbox_stream)
sms_sender = app.on_sqs_message(queue=SMS_QUEUE, batch_size=10, name="sms-sender")(
    handlers.sms_sender)
stats_counter = app.on_sqs_message(queue=STATS_QUEUE, batch_size=10, name="stats-counter")(
    handlers.stats_counter)
sms_deferred = app.schedule(Rate(1, unit=Rate.MINUTES), name="sms-deferred")(
    handlers.sms_deferred)
hearing_reminders = app.schedule(Rate(1, unit=Rate.HOURS), name="hearing-reminders")(
    handlers.hearing_reminders)
