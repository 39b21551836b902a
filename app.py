"""Court self-service API: the Chalice app. Registration only; no logic lives here."""

from chalice.app import Chalice, CloudWatchEvent, Rate

from chalicelib.api import calendar, cases, staff, system, tickets
from chalicelib.api.middleware import http_middleware
from chalicelib.bootstrap import container
from chalicelib.observability import attach

app = Chalice(app_name="court-selfservice")
attach(app.log)
app.register_middleware(http_middleware, "http")

app.register_blueprint(system.bp)
app.register_blueprint(cases.bp)
app.register_blueprint(staff.bp)
app.register_blueprint(tickets.bp)
app.register_blueprint(calendar.bp)


@app.schedule(Rate(5, unit=Rate.MINUTES), name="ticket-sweep")
def ticket_sweep(event: CloudWatchEvent) -> dict[str, int]:
    """Flag overdue tickets, remind once, escalate a working day later (the local worker
    calls the same service)."""
    report = container().sweep.run()
    return {"examined": report.examined, "overdue": len(report.overdue),
            "escalated": len(report.escalated)}
