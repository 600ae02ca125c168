"""wijkalert's Lambda entry points: read what AWS delivers, hand it to chalicelib."""

from functools import cache
from typing import Any

from chalice.app import Chalice, SNSEvent

from chalicelib.alerts import AlertDesk, Outcome, open_desk
from chalicelib.config import INBOUND_TOPIC, Settings
from chalicelib.observability import observe

app = Chalice(app_name="wijkalert")
app.register_middleware(observe, "sns")


class InboundNotification(SNSEvent):
    """An SNS event read without assuming keys AWS may leave out.

    Chalice's own SNSEvent indexes `Subject` and `MessageAttributes` and would
    raise before our code runs on a notification without them, and Lambda
    would then retry an event that can never succeed.
    """

    def _extract_attributes(self, event_dict: dict[str, Any]) -> None:
        records = event_dict.get("Records") or [{}]
        self.notification: dict[str, Any] = records[0].get("Sns") or {}
        self.message = self.notification.get("Message") or ""
        self.subject = self.notification.get("Subject") or ""
        self.message_attributes = self.notification.get("MessageAttributes") or {}


@cache
def alert_desk() -> AlertDesk:
    """The desk, built on first use so the settings are read once per container."""
    return open_desk(Settings.from_environ())


@app.on_sns_message(topic=INBOUND_TOPIC)
def on_inbound_sms(event: InboundNotification) -> Outcome:
    return alert_desk().receive(event.notification, event.context)


on_inbound_sms.event_class = InboundNotification
