"""Settings, read from the environment in one place when the function starts.

Chalice sets these per stage from `.chalice/config.json`; the sandbox sets them
for the embedded backend. A missing required setting fails at the first
invocation with its name in the message, not halfway through an alert.
"""

import os
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from chalicelib.errors import MissingSetting

# The topic AWS two-way SMS publishes inbound texts to. Chalice reads it when
# it packages the app, before any stage's environment exists, so it is fixed.
INBOUND_TOPIC = "wijkalert-inbound-sms"

ROSTER_TABLE = "WIJKALERT_ROSTER_TABLE"
ALERTS_TABLE = "WIJKALERT_ALERTS_TABLE"
IDEMPOTENCY_TABLE = "WIJKALERT_IDEMPOTENCY_TABLE"
SMS_MAX_PRICE = "WIJKALERT_SMS_MAX_PRICE"
ALERT_RETENTION_MONTHS = "WIJKALERT_ALERT_RETENTION_MONTHS"

# AWS.SNS.SMS.MaxPrice is in US dollars per SMS part. A Dutch SMS costs about
# a tenth of that; the cap only stops a surprise from a mispriced route.
DEFAULT_SMS_MAX_PRICE = "0.50"

# How long the alert log keeps an alert before DynamoDB's TTL removes it: two
# years of meetings can compare a month with the same month a year before,
# and nobody's texts are kept for ever.
DEFAULT_ALERT_RETENTION_MONTHS = 24


@dataclass(frozen=True)
class Settings:
    roster_table: str
    alerts_table: str
    idempotency_table: str
    sms_max_price: str
    alert_retention_months: int = DEFAULT_ALERT_RETENTION_MONTHS

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] | None = None) -> "Settings":
        env = os.environ if environ is None else environ
        return cls(
            roster_table=_required(env, ROSTER_TABLE),
            alerts_table=_required(env, ALERTS_TABLE),
            idempotency_table=_required(env, IDEMPOTENCY_TABLE),
            sms_max_price=_price(env.get(SMS_MAX_PRICE, DEFAULT_SMS_MAX_PRICE)),
            alert_retention_months=_months(
                env.get(ALERT_RETENTION_MONTHS, str(DEFAULT_ALERT_RETENTION_MONTHS))
            ),
        )


def _required(env: Mapping[str, str], name: str) -> str:
    value = env.get(name, "").strip()
    if not value:
        raise MissingSetting("config.missing", name=name)
    return value


def _price(value: str) -> str:
    try:
        price = Decimal(value)
    except InvalidOperation:
        price = Decimal(-1)
    if not price.is_finite() or price <= 0:
        raise MissingSetting("config.invalid", name=SMS_MAX_PRICE, value=value)
    return str(price)


def _months(value: str) -> int:
    months = int(value) if value.strip().isdigit() else 0
    if not 1 <= months <= 120:
        raise MissingSetting("config.invalid", name=ALERT_RETENTION_MONTHS, value=value)
    return months
