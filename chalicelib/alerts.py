"""What happens to a text sent to a neighbourhood's long code.

AWS two-way SMS publishes every inbound text to the inbound topic; the Lambda
hands the SNS notification to `AlertDesk.receive`. The desk reads it, routes it
by long code to its neighbourhood, checks the sender against the roster and,
for an active member, logs the alert and broadcasts it once to everyone.

SNS and Lambda deliver at least once, so each `inboundMessageId` is handled
exactly once through powertools' idempotency store: a failure before the
broadcast raises (Lambda retries, nothing was sent), a repeat after a
successful broadcast returns the stored outcome and sends nothing.
"""

import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any, Final

from chalicelib import phones, sms
from chalicelib.broadcast import Broadcaster
from chalicelib.conversation import Conversation, NeighbourhoodRecords, moment
from chalicelib.errors import InvalidPhoneNumber, MalformedInbound
from chalicelib.members import Roster
from chalicelib.neighbourhoods import TIMEZONE, Neighbourhood, NeighbourhoodDirectory
from chalicelib.observability import count, logger
from chalicelib.protection import Limits

if TYPE_CHECKING:
    from aws_lambda_powertools.utilities.idempotency.persistence.datarecord import (
        DataRecord,
    )
    from mypy_boto3_dynamodb.service_resource import Table

    from chalicelib.config import Settings

# Long enough to cover every retry SNS and Lambda make of one delivery (Lambda
# gives an asynchronous event up to six hours), short enough to expire.
REMEMBER_SECONDS: Final = 24 * 60 * 60

Outcome = dict[str, Any]


@dataclass(frozen=True)
class InboundText:
    """One text as AWS two-way SMS reported it."""

    inbound_message_id: str
    sender: str
    long_code: str
    body: str
    keyword: str
    received_at: str
    previous_published_message_id: str | None = None


def read_inbound(notification: Mapping[str, Any]) -> InboundText:
    """Read the SNS notification's `Message`, or raise `MalformedInbound`.

    Tolerant of what AWS varies (pretty-printed JSON, extra fields, a null
    `previousPublishedMessageId`); strict about what an alert needs.
    """
    if "Message" not in notification:
        raise MalformedInbound("malformed.not_sns")
    try:
        payload = json.loads(notification.get("Message") or "")
    except (TypeError, ValueError):
        raise MalformedInbound("malformed.not_json") from None
    if not isinstance(payload, dict):
        raise MalformedInbound("malformed.not_object")

    sender = _text(payload.get("originationNumber"))
    long_code = _text(payload.get("destinationNumber"))
    raw_body = payload.get("messageBody")
    if not sender:
        raise MalformedInbound("malformed.no_sender")
    if not long_code:
        raise MalformedInbound("malformed.no_long_code")
    if raw_body is not None and not isinstance(raw_body, str):
        raise MalformedInbound("malformed.body_not_text")
    body = sms.clean(_text(raw_body))
    if not body:
        raise MalformedInbound("malformed.empty_body")

    # Without an inboundMessageId the SNS MessageId still recognises the
    # retries of this one notification; with neither, every such event would
    # share one idempotency key and all but the first would be dropped.
    message_id = _text(payload.get("inboundMessageId")) or _sns_id(notification)
    if not message_id:
        raise MalformedInbound("malformed.no_message_id")
    return InboundText(
        inbound_message_id=message_id,
        sender=sender,
        long_code=long_code,
        body=body,
        # Information only: a keyword never grants anything.
        keyword=_text(payload.get("messageKeyword")),
        # When AWS received the text: what "now" means for this text, so a
        # replay of old events decides as it did then.
        received_at=_received_at(notification),
        previous_published_message_id=_text(payload.get("previousPublishedMessageId"))
        or None,
    )


def _sns_id(notification: Mapping[str, Any]) -> str:
    sns_id = _text(notification.get("MessageId"))
    return "sns:" + sns_id if sns_id else ""


def _received_at(notification: Mapping[str, Any]) -> str:
    """The SNS `Timestamp`, checked here: a bad one raised later would make
    Lambda retry an event that can never succeed."""
    stamp = _text(notification.get("Timestamp"))
    if not stamp:
        return datetime.now(UTC).isoformat(timespec="milliseconds")
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        raise MalformedInbound("malformed.bad_timestamp") from None
    if moment.tzinfo is None:
        raise MalformedInbound("malformed.bad_timestamp")
    return stamp


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def dutch_days(since: str, until: str) -> tuple[str, str]:
    """Dutch days `since` to `until` (ISO dates, "" for no bound) as the log's
    UTC keys: a coordinator's 28 November starts at 23:00 UTC the day before.

    The upper key is the last whole second of the last day; the key condition
    adds "~", which takes in that second's milliseconds and nothing after.
    """

    def utc(day: date) -> datetime:
        return datetime(day.year, day.month, day.day, tzinfo=TIMEZONE).astimezone(UTC)

    low = utc(date.fromisoformat(since)) if since else None
    high = utc(date.fromisoformat(until) + timedelta(days=1)) if until else None
    return (
        low.isoformat(timespec="seconds")[:19] if low else "",
        (high - timedelta(seconds=1)).isoformat(timespec="seconds")[:19]
        if high
        else "",
    )


def _received_between(neighbourhood_id: str, since: str, until: str) -> dict[str, Any]:
    """The key condition for a neighbourhood's alerts between two moments."""
    return {
        "KeyConditionExpression": "neighbourhood_id = :nid AND sk BETWEEN :a AND :b",
        "ExpressionAttributeValues": {
            ":nid": neighbourhood_id,
            ":a": since or "0",
            # "~" sorts after every digit, so a date includes its whole day.
            ":b": (until or "9999") + "~",
        },
    }


class AlertLog:
    """The neighbourhood's alert log: partition per neighbourhood, in time order.

    Sort key `<received_at>#<alert_id>` lists a neighbourhood's alerts in time
    order and by date range. Writing the same alert again (a retried delivery)
    overwrites it with the same facts.
    """

    def __init__(self, table: "Table") -> None:
        self._table = table

    def page(
        self,
        neighbourhood_id: str,
        *,
        since: str = "",
        until: str = "",
        limit: int = 50,
        after: str | None = None,
    ) -> tuple[list[dict[str, Any]], str | None]:
        """Alerts received from `since` up to and including `until`, newest first.

        `since` and `until` are ISO dates or times; `after` is the cursor the
        previous page returned.
        """
        query: dict[str, Any] = {
            **_received_between(neighbourhood_id, since, until),
            "ScanIndexForward": False,
            "Limit": limit,
        }
        if after:
            query["ExclusiveStartKey"] = {
                "neighbourhood_id": neighbourhood_id,
                "sk": after,
            }
        reply = self._table.query(**query)
        last = reply.get("LastEvaluatedKey")
        return reply["Items"], str(last["sk"]) if last else None

    def between(
        self, neighbourhood_id: str, since: str, until: str
    ) -> Iterator[dict[str, Any]]:
        """Every alert received from `since` up to `until`, oldest first.

        For the report and the export: all pages, not one; `since` and
        `until` compare with the sort key, so an ISO date covers its day.
        """
        query: dict[str, Any] = _received_between(neighbourhood_id, since, until)
        while True:
            reply = self._table.query(**query)
            yield from reply["Items"]
            if "LastEvaluatedKey" not in reply:
                return
            query["ExclusiveStartKey"] = reply["LastEvaluatedKey"]

    def find(self, neighbourhood_id: str, alert_id: str) -> dict[str, Any] | None:
        """The alert with this id. The key starts with the time, which a
        coordinator does not type, so this reads the neighbourhood's log; it is
        a coordinator's occasional correction, never on the alert path."""
        query: dict[str, Any] = {
            "KeyConditionExpression": "neighbourhood_id = :nid",
            "FilterExpression": "alert_id = :id",
            "ExpressionAttributeValues": {":nid": neighbourhood_id, ":id": alert_id},
        }
        while True:
            reply = self._table.query(**query)
            if reply["Items"]:
                return reply["Items"][0]
            if "LastEvaluatedKey" not in reply:
                return None
            query["ExclusiveStartKey"] = reply["LastEvaluatedKey"]

    def categorise(self, neighbourhood_id: str, sk: str, category: str | None) -> None:
        key = {"neighbourhood_id": neighbourhood_id, "sk": sk}
        if category:
            self._table.update_item(
                Key=key,
                UpdateExpression="SET category = :category",
                ExpressionAttributeValues={":category": category},
            )
        else:
            self._table.update_item(Key=key, UpdateExpression="REMOVE category")

    def forget_sender(self, neighbourhood_id: str, phone: str) -> int:
        """Remove a former member's number and name from the alert log.

        Their own alerts stay, with their text, so the meetings still count
        them. On other members' alerts their answer stays as an anonymous
        entry, so the number of neighbours who came still adds up. Safe to
        run again: a second run finds nothing left of them.
        """
        # Imported here: this method is the only part of the module that
        # needs it (and the only part the roster's owners change).
        import secrets

        def forget_in(item: dict[str, Any]) -> None:
            names: dict[str, str] = {}
            values: dict[str, Any] = {}
            removed: list[str] = []
            kept: list[str] = []
            answer = (item.get("responders") or {}).get(phone)
            if answer is not None:
                names["#phone"] = phone
                removed.append("responders.#phone")
                if item.get("sender_phone") != phone:
                    # Keep when they answered, not who they were.
                    names["#former"] = f"former#{secrets.token_hex(4)}"
                    values[":former"] = {"at": answer.get("at"), "former_member": True}
                    kept.append("responders.#former = :former")
            if item.get("sender_phone") == phone:
                names["#text"] = "text"
                removed += ["sender_phone", "sender_name", "#text"]
                values[":yes"] = True
                kept.append("former_member = :yes")
            expression = "REMOVE " + ", ".join(removed)
            if kept:
                expression += " SET " + ", ".join(kept)
            update: dict[str, Any] = {
                "Key": {"neighbourhood_id": neighbourhood_id, "sk": item["sk"]},
                "UpdateExpression": expression,
                "ExpressionAttributeNames": names,
            }
            if values:
                update["ExpressionAttributeValues"] = values
            self._table.update_item(**update)

        forgotten = 0
        query: dict[str, Any] = {
            "KeyConditionExpression": "neighbourhood_id = :nid",
            "FilterExpression": "sender_phone = :phone "
            "OR attribute_exists(responders.#phone)",
            "ExpressionAttributeNames": {"#phone": phone},
            "ExpressionAttributeValues": {":nid": neighbourhood_id, ":phone": phone},
        }
        while True:
            reply = self._table.query(**query)
            for item in reply["Items"]:
                forget_in(item)
                forgotten += 1
            if "LastEvaluatedKey" not in reply:
                return forgotten
            query["ExclusiveStartKey"] = reply["LastEvaluatedKey"]


class ExactlyOnce:
    """Runs the desk's handling once per `inboundMessageId`, remembered in DynamoDB.

    powertools writes an in-progress record before the handling starts, turns
    it into the stored outcome when it returns, and deletes it when it raises,
    so a retry after a failure runs again and a repeat after success does not.
    """

    def __init__(self, table_name: str, dynamodb_client: Any) -> None:
        from aws_lambda_powertools.utilities.idempotency import (
            DynamoDBPersistenceLayer,
            IdempotencyConfig,
        )

        self._config = IdempotencyConfig(
            event_key_jmespath="inbound_message_id",
            raise_on_no_idempotency_key=True,
            expires_after_seconds=REMEMBER_SECONDS,
            response_hook=on_repeat,
        )
        self._store = DynamoDBPersistenceLayer(
            table_name=table_name, boto3_client=dynamodb_client
        )

    def guard(self, handle: Callable[..., Outcome]) -> Callable[..., Outcome]:
        from aws_lambda_powertools.utilities.idempotency import idempotent_function

        guarded: Callable[..., Outcome] = idempotent_function(
            data_keyword_argument="inbound",
            persistence_store=self._store,
            config=self._config,
        )(handle)
        return guarded

    def register(self, lambda_context: Any) -> None:
        """Let the in-progress record expire when this invocation would time out."""
        self._config.register_lambda_context(lambda_context)


class AlertDesk:
    """Turns inbound texts into broadcasts, once each."""

    def __init__(
        self,
        *,
        directory: NeighbourhoodDirectory,
        roster_of: Callable[[Neighbourhood], Roster],
        records: NeighbourhoodRecords,
        broadcaster: Broadcaster,
        limits: Limits | None = None,
        once: ExactlyOnce | None = None,
    ) -> None:
        self._directory = directory
        self._roster_of = roster_of
        self._records = records
        self._broadcaster = broadcaster
        self._limits = limits or Limits()
        self._once = once
        self._handle_once = once.guard(self._handle) if once else self._handle

    def receive(
        self, notification: Mapping[str, Any], lambda_context: Any = None
    ) -> Outcome:
        """Handle one SNS notification from the inbound topic."""
        try:
            inbound = read_inbound(notification)
        except MalformedInbound as error:
            # Dropped, not raised: a retry would fail the same way, forever.
            logger.warning(
                "inbound event dropped",
                reason=error.key,
                sns_message_id=notification.get("MessageId"),
            )
            count("MalformedEvents")
            return {"outcome": "malformed", "reason": error.key}

        if self._once and lambda_context is not None:
            self._once.register(lambda_context)
        return self._handle_once(inbound=asdict(inbound))

    def _handle(self, inbound: dict[str, Any]) -> Outcome:
        text = InboundText(**inbound)
        neighbourhood = self._route(text)
        if neighbourhood is None:
            logger.warning(
                "text for an unknown long code", long_code=phones.mask(text.long_code)
            )
            count("UnroutedTexts")
            return {
                "outcome": "unknown_long_code",
                "long_code": phones.mask(text.long_code),
            }

        logger.append_keys(neighbourhood=neighbourhood.id)
        sender = self._sender(text)
        return Conversation(
            neighbourhood=neighbourhood,
            inbound=text,
            sender=sender,
            recall=self._records.recall(neighbourhood, sender),
            now=moment(text.received_at),
            roster=self._roster_of(neighbourhood),
            records=self._records,
            broadcaster=self._broadcaster,
            limits=self._limits,
        ).respond()

    def _route(self, text: InboundText) -> Neighbourhood | None:
        try:
            long_code = phones.normalise(text.long_code)
        except InvalidPhoneNumber:
            return None
        return self._directory.by_long_code(long_code)

    @staticmethod
    def _sender(text: InboundText) -> str | None:
        try:
            return phones.normalise(text.sender)
        except InvalidPhoneNumber:
            return None


def on_repeat(response: Any, idempotent_data: "DataRecord") -> Any:
    """Idempotency hook: a delivery of a text that was already handled."""
    logger.info(
        "repeated delivery ignored", idempotency_key=idempotent_data.idempotency_key
    )
    count("DuplicateDeliveries")
    return {**response, "duplicate": True}


def open_desk(settings: "Settings") -> AlertDesk:
    """Build the desk on real (or moto-backed) AWS clients.

    Imported and created here, not at module import: boto3 is the slowest
    import of the function's cold start, and moto must be active before the
    first client exists.
    """
    import boto3

    from chalicelib.broadcast import PUBLISH_CONFIG, TopicBroadcaster

    dynamodb = boto3.resource("dynamodb")
    sns = boto3.client("sns")
    roster_table = dynamodb.Table(settings.roster_table)
    return AlertDesk(
        directory=NeighbourhoodDirectory(roster_table, sns),
        roster_of=lambda neighbourhood: Roster(roster_table, sns, neighbourhood),
        records=NeighbourhoodRecords(
            dynamodb,
            settings.roster_table,
            settings.alerts_table,
            settings.alert_retention_months,
        ),
        broadcaster=TopicBroadcaster(
            boto3.client("sns", config=PUBLISH_CONFIG),
            max_price=settings.sms_max_price,
        ),
        once=ExactlyOnce(settings.idempotency_table, boto3.client("dynamodb")),
    )
