"""Fan-out: how one alert reaches every active member's phone.

The alert pipeline only knows the `Broadcaster` interface. Today the members
topic does the fan-out: one publish, and SNS sends an SMS to every number
subscribed to it. Filter policies per subscription are deliberately not used:
SNS allows 200 per account by default and applies changes with a delay of up
to 15 minutes, which is no way to run a roster.
"""

from typing import TYPE_CHECKING, Final, Protocol

from botocore.config import Config
from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    ConnectionClosedError,
    ReadTimeoutError,
)

from chalicelib.errors import BroadcastFailed
from chalicelib.neighbourhoods import Neighbourhood
from chalicelib.observability import count, logger

if TYPE_CHECKING:
    from mypy_boto3_sns.client import SNSClient
    from mypy_boto3_sns.type_defs import MessageAttributeValueTypeDef


# The client that publishes SMS makes one attempt. botocore would otherwise
# resend a publish whose answer timed out, and SNS may already have sent that
# one: a topic publish has no deduplication. A publish refused outright
# (throttled, unreachable) raises, and Lambda's retry sends it then.
PUBLISH_CONFIG: Final = Config(
    retries={"total_max_attempts": 1}, connect_timeout=5, read_timeout=10
)
# The request went out and no answer came back: SNS may have accepted it.
MAYBE_SENT: Final = (ReadTimeoutError, ConnectionClosedError)


class Broadcaster(Protocol):
    def broadcast(self, neighbourhood: Neighbourhood, text: str) -> str:
        """Send `text` to every active member at once; return the send's id.

        Raises `BroadcastFailed` when nothing was sent, so the caller can retry;
        returns "" when it cannot be known whether it was sent, since sending
        twice is what the residents asked never to happen.
        """
        ...

    def send(self, neighbourhood: Neighbourhood, phone: str, text: str) -> str:
        """Send `text` to one phone, from the neighbourhood's long code."""
        ...


class TopicBroadcaster:
    """Broadcasts by publishing once to the neighbourhood's members topic."""

    def __init__(self, sns: "SNSClient", *, max_price: str) -> None:
        self._sns = sns
        self._max_price = max_price

    def broadcast(self, neighbourhood: Neighbourhood, text: str) -> str:
        try:
            reply = self._sns.publish(
                TopicArn=neighbourhood.members_topic_arn,
                Message=text,
                MessageAttributes=self._sms_attributes(neighbourhood),
            )
        except MAYBE_SENT:
            _maybe_sent(neighbourhood)
            return ""
        except (ClientError, BotoCoreError) as error:
            raise BroadcastFailed("broadcast.failed") from error
        return reply["MessageId"]

    def send(self, neighbourhood: Neighbourhood, phone: str, text: str) -> str:
        try:
            reply = self._sns.publish(
                PhoneNumber=phone,
                Message=text,
                MessageAttributes=self._sms_attributes(neighbourhood),
            )
        except MAYBE_SENT:
            _maybe_sent(neighbourhood)
            return ""
        except (ClientError, BotoCoreError) as error:
            raise BroadcastFailed("broadcast.failed") from error
        return reply["MessageId"]

    def _sms_attributes(
        self, neighbourhood: Neighbourhood
    ) -> "dict[str, MessageAttributeValueTypeDef]":
        # Transactional: an alert must not wait behind marketing traffic, and
        # it is sent from the long code residents know and can answer.
        return {
            "AWS.SNS.SMS.SMSType": {
                "DataType": "String",
                "StringValue": "Transactional",
            },
            "AWS.MM.SMS.OriginationNumber": {
                "DataType": "String",
                "StringValue": neighbourhood.long_code,
            },
            "AWS.SNS.SMS.MaxPrice": {
                "DataType": "Number",
                "StringValue": self._max_price,
            },
        }


def _maybe_sent(neighbourhood: Neighbourhood) -> None:
    # Not raised: a retry could send it twice. An operator sees it instead.
    logger.error(
        "SMS publish unanswered; it may have been sent and is not retried",
        neighbourhood=neighbourhood.id,
        exc_info=True,
    )
    count("PublishesUncertain")
