"""The one Logger and Metrics of the service (aws-lambda-powertools).

* Logs are JSON with the request id as correlation id. Every line passes through
  `scrub()`, so a phone or resident ID number never reaches the logs in clear, whatever
  logged it (messages, extra keys, exception text).
* Metrics are CloudWatch EMF. Dimensions never carry personal data.
* Tracing: powertools' Tracer is deliberately not used. Importing it (aws_xray_sdk)
  costs ~350 ms of cold start on this stack, more than the whole app's budget; the
  functions run with X-Ray active tracing instead (see infra/), which records the
  invocation and AWS SDK segments at no import cost.
"""

from __future__ import annotations

import logging
from typing import Any

from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.logging.formatter import LambdaPowertoolsFormatter
from aws_lambda_powertools.metrics import MetricUnit, single_metric
from aws_lambda_powertools.metrics.functions import is_metrics_disabled

from chalicelib.domain.masking import scrub

SERVICE = "court-selfservice"
NAMESPACE = "CourtSelfService"


class MaskingFormatter(LambdaPowertoolsFormatter):
    """Powertools' JSON formatter with personal identifiers masked in the final line."""

    def serialize(self, log: Any) -> str:
        return scrub(super().serialize(log))


logger = Logger(service=SERVICE, logger_formatter=MaskingFormatter())
# Our handler is the only way out: records must not also reach a root handler unmasked.
logging.getLogger(SERVICE).propagate = False
metrics = Metrics(namespace=NAMESPACE, service=SERVICE)


def attach(other: logging.Logger) -> None:
    """Send another library logger (e.g. Chalice's) through the same masking handler."""
    other.handlers = list(logger.handlers)
    other.propagate = False


def count(name: str, **dimensions: str) -> None:
    """Emit a count of 1 with the given (non-personal) dimensions."""
    measure(name, 1, **dimensions)


def measure(name: str, value: float, **dimensions: str) -> None:
    """Emit one value (a count) with the given (non-personal) dimensions."""
    if is_metrics_disabled():
        return
    with single_metric(name=name, unit=MetricUnit.Count, value=value,
                       namespace=NAMESPACE) as metric:
        metric.add_dimension("service", SERVICE)
        for key, dimension in dimensions.items():
            metric.add_dimension(key, dimension)
