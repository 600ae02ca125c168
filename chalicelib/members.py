"""The roster: who belongs to a neighbourhood, and whose phone gets the alerts.

Every active member has one SMS subscription on the neighbourhood's members
topic, so a broadcast is one publish however long the roster is. The roster
keeps the subscription ARN beside the member so removing someone unsubscribes
exactly their number.

Roster table layout (one table for neighbourhoods and their members):

    pk             sk                 what
    NBH#molenwijk  PROFILE            the neighbourhood (see `neighbourhoods`)
    NBH#molenwijk  MEMBER#+316...01   one member, keyed by E.164 number

Access patterns: a member by neighbourhood and number (every inbound text;
`get_item`), all members of a neighbourhood (`query` on pk with `begins_with`
on sk), and a neighbourhood by long code (sparse index `by-long-code` on the
profile's `long_code`).
"""

from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any, Final, Literal, cast, get_args

from botocore.exceptions import BotoCoreError, ClientError

from chalicelib import phones, texts
from chalicelib.errors import (
    InvalidInput,
    MemberExists,
    MemberNotFound,
    SubscriptionFailed,
)
from chalicelib.neighbourhoods import Neighbourhood, partition_of

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.service_resource import Table
    from mypy_boto3_sns.client import SNSClient

Role = Literal["member", "coordinator"]
Status = Literal["active", "inactive"]
ROLES: Final[tuple[Role, ...]] = get_args(Role)
STATUSES: Final[tuple[Status, ...]] = get_args(Status)
NAME_LIMIT: Final = 30  # the name is in every SMS this member sends
STREET_LIMIT: Final = 60
MEMBER_PREFIX: Final = "MEMBER#"


@dataclass(frozen=True)
class Member:
    phone: str
    name: str
    role: Role
    status: Status
    language: texts.Language
    joined: str  # ISO date
    street: str | None = None
    subscription_arn: str | None = None

    @property
    def is_active(self) -> bool:
        return self.status == "active"

    @classmethod
    def from_item(cls, item: dict[str, Any]) -> "Member":
        return cls(
            phone=str(item["phone"]),
            name=str(item["name"]),
            role=cast(Role, item["role"]),
            status=cast(Status, item["status"]),
            language=texts.language_or_default(str(item.get("language"))),
            joined=str(item["joined"]),
            street=cast(str | None, item.get("street")),
            subscription_arn=cast(str | None, item.get("subscription_arn")),
        )

    def to_item(self, neighbourhood_id: str) -> dict[str, Any]:
        facts = {k: v for k, v in asdict(self).items() if v is not None}
        return {
            "pk": partition_of(neighbourhood_id),
            "sk": MEMBER_PREFIX + self.phone,
            **facts,
        }


def _name(value: object) -> str:
    name = str(value or "").strip()
    if not name:
        raise InvalidInput("member.name_missing", field="name")
    if len(name) > NAME_LIMIT:
        raise InvalidInput("member.name_too_long", field="name", limit=NAME_LIMIT)
    return name


def _street(value: object) -> str | None:
    street = str(value or "").strip()
    if len(street) > STREET_LIMIT:
        raise InvalidInput("member.street_too_long", field="street", limit=STREET_LIMIT)
    return street or None


def _choice(value: object, choices: tuple[str, ...], field: str) -> str:
    chosen = str(value).strip().lower()
    if chosen not in choices:
        raise InvalidInput(
            f"member.{field}_unknown",
            field=field,
            value=value,
            choices=", ".join(choices),
        )
    return chosen


class Roster:
    """One neighbourhood's members, kept in step with its members topic."""

    def __init__(
        self,
        table: "Table",
        sns: "SNSClient",
        neighbourhood: Neighbourhood,
        *,
        today: Callable[[], date] = date.today,
    ) -> None:
        self._table = table
        self._sns = sns
        self.neighbourhood = neighbourhood
        self._today = today

    def get(self, phone: str) -> Member | None:
        """The member with this number (in any notation), or None."""
        number = phones.normalise(phone)
        reply = self._table.get_item(Key=self._key(number))
        item = reply.get("Item")
        return Member.from_item(item) if item else None

    def require(self, phone: str) -> Member:
        member = self.get(phone)
        if member is None:
            raise MemberNotFound(
                "member.not_found",
                field="phone",
                phone=phones.normalise(phone),
                neighbourhood=self.neighbourhood.name,
            )
        return member

    def add(
        self,
        phone: str,
        name: str,
        *,
        street: str | None = None,
        role: str = "member",
        status: str = "active",
        language: str | None = None,
    ) -> Member:
        """Put a neighbour on the roster and, if active, sign their phone up."""
        member = Member(
            phone=phones.normalise(phone),
            name=_name(name),
            street=_street(street),
            role=cast(Role, _choice(role, ROLES, "role")),
            status=cast(Status, _choice(status, STATUSES, "status")),
            language=self._language(language),
            joined=self._today().isoformat(),
        )

        # Written before subscribing, so a second add of the same number is
        # refused before it could re-subscribe a member who was made inactive.
        try:
            self._table.put_item(
                Item=member.to_item(self.neighbourhood.id),
                ConditionExpression="attribute_not_exists(sk)",
            )
        except ClientError as error:
            if error.response["Error"]["Code"] != "ConditionalCheckFailedException":
                raise
            raise MemberExists(
                "member.exists",
                field="phone",
                phone=member.phone,
                neighbourhood=self.neighbourhood.name,
            ) from None

        if not member.is_active:
            return member
        try:
            return self._store(
                replace(member, subscription_arn=self._subscribe(member))
            )
        except SubscriptionFailed:
            self._table.delete_item(Key=self._key(member.phone))
            raise

    def update(self, phone: str, **changes: object) -> Member:
        """Change a member's details; a status change (un)subscribes their phone."""
        current = self.require(phone)
        wanted = replace(
            current,
            name=_name(changes.get("name", current.name)),
            street=_street(changes.get("street", current.street)),
            role=cast(Role, _choice(changes.get("role", current.role), ROLES, "role")),
            status=cast(
                Status,
                _choice(changes.get("status", current.status), STATUSES, "status"),
            ),
            language=self._language(changes.get("language", current.language)),
        )
        if wanted == current:
            return current

        if wanted.is_active and not current.is_active:
            wanted = replace(wanted, subscription_arn=self._subscribe(wanted))
        elif current.is_active and not wanted.is_active:
            self._unsubscribe(current)
            wanted = replace(wanted, subscription_arn=None)
        return self._store(wanted)

    def remove(self, phone: str) -> Member:
        """Unsubscribe a member's phone and delete everything the roster held."""
        member = self.require(phone)
        self._unsubscribe(member)
        self._table.delete_item(Key=self._key(member.phone))
        return member

    def members(
        self, *, status: str | None = None, role: str | None = None
    ) -> list[Member]:
        """Everyone on the roster, in number order, optionally of one status or role."""
        return [
            member
            for member in self._all()
            if (status is None or member.status == status)
            and (role is None or member.role == role)
        ]

    def _all(self) -> Iterator[Member]:
        query: dict[str, Any] = {
            "KeyConditionExpression": "pk = :pk AND begins_with(sk, :prefix)",
            "ExpressionAttributeValues": {
                ":pk": partition_of(self.neighbourhood.id),
                ":prefix": MEMBER_PREFIX,
            },
        }
        while True:
            reply = self._table.query(**query)
            yield from (Member.from_item(item) for item in reply["Items"])
            if "LastEvaluatedKey" not in reply:
                return
            query["ExclusiveStartKey"] = reply["LastEvaluatedKey"]

    def _language(self, value: object) -> texts.Language:
        if value is None:
            return self.neighbourhood.language
        return cast(texts.Language, _choice(value, texts.LANGUAGES, "language"))

    def _key(self, phone: str) -> dict[str, str]:
        return {"pk": partition_of(self.neighbourhood.id), "sk": MEMBER_PREFIX + phone}

    def _store(self, member: Member) -> Member:
        self._table.put_item(Item=member.to_item(self.neighbourhood.id))
        return member

    def _subscribe(self, member: Member) -> str:
        try:
            reply = self._sns.subscribe(
                TopicArn=self.neighbourhood.members_topic_arn,
                Protocol="sms",
                Endpoint=member.phone,
                ReturnSubscriptionArn=True,
            )
        except (ClientError, BotoCoreError):
            raise SubscriptionFailed(
                "member.subscribe_failed", field="phone", phone=member.phone
            ) from None
        return reply["SubscriptionArn"]

    def _unsubscribe(self, member: Member) -> None:
        if not member.subscription_arn:
            return
        try:
            self._sns.unsubscribe(SubscriptionArn=member.subscription_arn)
        except ClientError as error:
            # Already gone (removed by hand in the console): nothing to undo.
            if error.response["Error"]["Code"] != "NotFound":
                raise SubscriptionFailed(
                    "member.unsubscribe_failed", field="phone", phone=member.phone
                ) from None
