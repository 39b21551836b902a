"""Court self-service API: the Chalice app. Registration only; no logic lives here."""

from chalice.app import Chalice

from chalicelib.api import cases, staff, system
from chalicelib.api.middleware import http_middleware
from chalicelib.observability import attach

app = Chalice(app_name="court-selfservice")
attach(app.log)
app.register_middleware(http_middleware, "http")

app.register_blueprint(system.bp)
app.register_blueprint(cases.bp)
app.register_blueprint(staff.bp)
