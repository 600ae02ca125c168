"""Neighbourhoods: who a long code belongs to, and where its members listen.

Each neighbourhood has its own long code (the number residents text), its own
members topic (one SMS subscription per active member) and a default language.
An inbound text is routed by the long code it was sent to, so one deployment
serves several neighbourhoods and a text never reaches another's roster.

A neighbourhood's profile lives in the roster table beside its members (see
`members` for the key layout); a sparse index on `long_code` routes texts.
"""

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from botocore.exceptions import ClientError

from chalicelib import phones, texts
from chalicelib.errors import InvalidInput, NeighbourhoodConflict

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.service_resource import Table
    from mypy_boto3_sns.client import SNSClient

LONG_CODE_INDEX = "by-long-code"
# Where the neighbourhoods are: a month, a weekday and an hour in the report
# are the residents' own. Lambda's runtime may lack the system's time zone
# files, so the `tzdata` package ships with the function.
TIMEZONE = ZoneInfo("Europe/Amsterdam")


def months_later(moment: datetime, months: int) -> datetime:
    """`moment` so many calendar months later, or earlier when negative: when
    an alert expires, and from when the log still holds alerts. The 31st
    becomes a shorter month's last day."""
    year, month = divmod(moment.year * 12 + moment.month - 1 + months, 12)
    following = date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1)
    last_day = (following - timedelta(days=1)).day
    return moment.replace(year=year, month=month + 1, day=min(moment.day, last_day))


PROFILE = "PROFILE"
# What a neighbour can put in an alert as a hashtag (#inbraak), so the monthly
# report can say what the alerts were about. A neighbourhood may choose its own.
DEFAULT_CATEGORIES: tuple[str, ...] = (
    "inbraak",
    "overlast",
    "verdacht",
    "brand",
    "vandalisme",
)
_ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{1,39}")


def is_neighbourhood_id(value: str) -> bool:
    """Whether `value` could name a neighbourhood: lower case, digits, dashes."""
    return _ID_PATTERN.fullmatch(value) is not None


def members_topic_name(neighbourhood_id: str) -> str:
    """The name of the members topic `open` creates for a neighbourhood.

    The functions' policies grant `members_topic_name("*")`: topics are added
    while the stack runs, so no list of them can be written into a policy.
    """
    return f"wijkalert-{neighbourhood_id}-members"


def partition_of(neighbourhood_id: str) -> str:
    """The roster table partition holding a neighbourhood and its members."""
    return f"NBH#{neighbourhood_id}"


# What an SMS part costs a Dutch neighbourhood, in euros: an assumption to
# check against the AWS price list for the Netherlands (docs/deploy.md makes
# the same one, as USD 0.10), and a setting to correct.
DEFAULT_PRICE_PER_PART = Decimal("0.09")
# No budget until the residents set one: a default that is too small for a
# large roster would hold back the first alert, and safety comes first.
DEFAULT_MONTHLY_BUDGET: Decimal | None = None
DEFAULT_MAX_PARTS = 3


def price_text(amount: Decimal) -> str:
    """A price per part with its decimals as given, but at least two: "0.10",
    "0.0825", never "0" or "0.1"."""
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        return f"{amount:f}"
    return str(amount.quantize(Decimal("0.01")))


@dataclass(frozen=True)
class Neighbourhood:
    id: str
    name: str
    long_code: str
    members_topic_arn: str
    language: texts.Language = texts.DEFAULT_LANGUAGE
    # What the residents agreed to spend, in euros, and how.
    monthly_budget: Decimal | None = DEFAULT_MONTHLY_BUDGET
    price_per_part: Decimal = DEFAULT_PRICE_PER_PART
    max_parts: int = DEFAULT_MAX_PARTS
    smart_encoding: bool = True
    categories: tuple[str, ...] = DEFAULT_CATEGORIES
    # Whether the monthly report may name neighbours; "a neighbour" otherwise.
    show_names: bool = False

    @classmethod
    def from_item(cls, item: dict[str, Any]) -> "Neighbourhood":
        categories = item.get("categories")
        return cls(
            id=str(item["neighbourhood_id"]),
            name=str(item["name"]),
            long_code=str(item["long_code"]),
            members_topic_arn=str(item["members_topic_arn"]),
            language=texts.language_or_default(str(item.get("language"))),
            monthly_budget=Decimal(str(item["monthly_budget"]))
            if item.get("monthly_budget")
            else None,
            price_per_part=Decimal(
                str(item.get("price_per_part", DEFAULT_PRICE_PER_PART))
            ),
            max_parts=int(item.get("max_parts", DEFAULT_MAX_PARTS)),
            smart_encoding=bool(item.get("smart_encoding", True)),
            categories=tuple(str(c) for c in categories)
            if isinstance(categories, list)
            else DEFAULT_CATEGORIES,
            show_names=bool(item.get("show_names", False)),
        )

    def to_item(self) -> dict[str, Any]:
        return {
            "pk": partition_of(self.id),
            "sk": PROFILE,
            "neighbourhood_id": self.id,
            "name": self.name,
            "long_code": self.long_code,
            "members_topic_arn": self.members_topic_arn,
            "language": self.language,
            # Money as text: exact, and never a float on the way.
            "monthly_budget": ""
            if self.monthly_budget is None
            else str(self.monthly_budget),
            "price_per_part": str(self.price_per_part),
            "max_parts": self.max_parts,
            "smart_encoding": self.smart_encoding,
            "categories": list(self.categories),
            "show_names": self.show_names,
        }


class NeighbourhoodDirectory:
    """Finds neighbourhoods by long code and opens new ones."""

    def __init__(
        self,
        table: "Table",
        sns: "SNSClient",
        *,
        cache_seconds: float = 300.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._table = table
        self._sns = sns
        self._cache_seconds = cache_seconds
        self._clock = clock
        self._by_long_code: dict[str, tuple[float, Neighbourhood]] = {}

    def by_long_code(self, long_code: str) -> Neighbourhood | None:
        """The neighbourhood texted at `long_code`, or None if it has none.

        A warm Lambda keeps what it found for a few minutes: long codes almost
        never move, and every DynamoDB call on the alert path is latency
        between a neighbour's text and the others' phones.
        """
        cached = self._by_long_code.get(long_code)
        if cached and self._clock() - cached[0] < self._cache_seconds:
            return cached[1]

        reply = self._table.query(
            IndexName=LONG_CODE_INDEX,
            KeyConditionExpression="long_code = :long_code",
            ExpressionAttributeValues={":long_code": long_code},
            Limit=1,
        )
        if not reply["Items"]:
            return None
        found = Neighbourhood.from_item(reply["Items"][0])
        self._by_long_code[long_code] = (self._clock(), found)
        return found

    def everyone(self) -> list[Neighbourhood]:
        """Every neighbourhood; the long-code index holds only their profiles."""
        found: list[Neighbourhood] = []
        scan: dict[str, Any] = {"IndexName": LONG_CODE_INDEX}
        while True:
            reply = self._table.scan(**scan)
            found.extend(Neighbourhood.from_item(item) for item in reply["Items"])
            if "LastEvaluatedKey" not in reply:
                return found
            scan["ExclusiveStartKey"] = reply["LastEvaluatedKey"]

    def get(self, neighbourhood_id: str) -> Neighbourhood | None:
        reply = self._table.get_item(
            Key={"pk": partition_of(neighbourhood_id), "sk": PROFILE}
        )
        item = reply.get("Item")
        return Neighbourhood.from_item(item) if item else None

    def open(
        self,
        neighbourhood_id: str,
        name: str,
        long_code: str,
        language: str = texts.DEFAULT_LANGUAGE,
    ) -> Neighbourhood:
        """Create a neighbourhood with its members topic and record its long code.

        A neighbourhood already open with this id and long code is returned as
        it is.
        """
        if not is_neighbourhood_id(neighbourhood_id):
            raise InvalidInput(
                "neighbourhood.id_invalid", field="id", value=neighbourhood_id
            )
        number = phones.normalise(long_code, field="long_code")
        found = self.by_long_code(number)
        if found is not None and found.id == neighbourhood_id:
            # Opened before, perhaps by a run whose answer was lost: opening
            # again changes nothing, so running it twice is safe.
            return found
        if found is not None:
            raise NeighbourhoodConflict("neighbourhood.long_code_taken", value=number)

        # No DisplayName: SNS would put it in front of every SMS the topic
        # sends, costing characters the residents pay for.
        topic = self._sns.create_topic(Name=members_topic_name(neighbourhood_id))
        neighbourhood = Neighbourhood(
            id=neighbourhood_id,
            name=name.strip() or neighbourhood_id,
            long_code=number,
            members_topic_arn=topic["TopicArn"],
            language=texts.language_or_default(language),
        )
        try:
            self._table.put_item(
                Item=neighbourhood.to_item(),
                ConditionExpression="attribute_not_exists(pk)",
            )
        except ClientError as error:
            if error.response["Error"]["Code"] == "ConditionalCheckFailedException":
                raise NeighbourhoodConflict(
                    "neighbourhood.exists", value=neighbourhood_id
                ) from None
            raise
        return neighbourhood
