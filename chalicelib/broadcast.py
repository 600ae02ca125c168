"""Fan-out: how one alert reaches every active member's phone.

The alert pipeline only knows the `Broadcaster` interface. Today the members
topic does the fan-out: one publish, and SNS sends an SMS to every number
subscribed to it. Filter policies per subscription are deliberately not used:
SNS allows 200 per account by default and applies changes with a delay of up
to 15 minutes, which is no way to run a roster.
"""

from typing import TYPE_CHECKING, Protocol

from botocore.exceptions import BotoCoreError, ClientError

from chalicelib.errors import BroadcastFailed
from chalicelib.neighbourhoods import Neighbourhood

if TYPE_CHECKING:
    from mypy_boto3_sns.client import SNSClient
    from mypy_boto3_sns.type_defs import MessageAttributeValueTypeDef


class Broadcaster(Protocol):
    def broadcast(self, neighbourhood: Neighbourhood, text: str) -> str:
        """Send `text` to every active member at once; return the send's id.

        Raises `BroadcastFailed` when nothing was sent, so the caller can retry.
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
