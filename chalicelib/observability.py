"""Logs and metrics: one JSON line per fact, numbers masked, counts per outcome.

Operators read these in CloudWatch when a neighbour says "my alert never
arrived". Every log line carries the Lambda context; every invocation flushes
its metrics once, as CloudWatch embedded metric format.
"""

from collections.abc import Callable
from typing import Any

from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.metrics import MetricUnit

SERVICE = "wijkalert"

logger = Logger(service=SERVICE)
metrics = Metrics(namespace="Wijkalert", service=SERVICE)


def count(metric: str) -> None:
    """Add one to `metric` for this invocation."""
    metrics.add_metric(name=metric, unit=MetricUnit.Count, value=1)


def observe(event: Any, get_response: Callable[[Any], Any]) -> Any:
    """Chalice middleware: Lambda context in the logs, metrics flushed per event."""

    @logger.inject_lambda_context(clear_state=True)
    @metrics.log_metrics(capture_cold_start_metric=True)
    def handle(event: Any, context: Any) -> Any:
        return get_response(event)

    return handle(event, event.context)
