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

import csv
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any, Final, Literal, cast, get_args

from botocore.exceptions import BotoCoreError, ClientError

from chalicelib import phones, sms, texts
from chalicelib.errors import (
    InvalidInput,
    MemberExists,
    MemberNotFound,
    NeighbourhoodConflict,
    SubscriptionFailed,
    WijkalertError,
)
from chalicelib.neighbourhoods import Neighbourhood, partition_of
from chalicelib.protection import ACTIVITY

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.service_resource import Table
    from mypy_boto3_sns.client import SNSClient

Role = Literal["member", "coordinator"]
Status = Literal["active", "inactive", "opted_out", "pending"]
ROLES: Final[tuple[Role, ...]] = get_args(Role)
STATUSES: Final[tuple[Status, ...]] = get_args(Status)
NAME_LIMIT: Final = 30  # the name is in every SMS this member sends
STREET_LIMIT: Final = 60
MEMBER_PREFIX: Final = "MEMBER#"
ACTIVITY_ATTEMPTS: Final = 5


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


def _one_line(value: object) -> str:
    # Names and streets stand in SMS and tables: one line, single spaces.
    return " ".join(sms.clean(str(value or "")).split())


def _name(value: object) -> str:
    name = _one_line(value)
    if not name:
        raise InvalidInput("member.name_missing", field="name")
    if len(name) > NAME_LIMIT:
        raise InvalidInput("member.name_too_long", field="name", limit=NAME_LIMIT)
    return name


def _street(value: object) -> str | None:
    street = _one_line(value)
    if len(street) > STREET_LIMIT:
        raise InvalidInput("member.street_too_long", field="street", limit=STREET_LIMIT)
    return street or None


def check_newcomer(
    phone: str, name: str, street: str | None = None, *, field: str = "phone"
) -> tuple[str, str, str | None]:
    """A newcomer's number, name and street as the roster would keep them.

    Raises the `InvalidInput` that adding them would, so a command that does
    more than add a member can refuse bad input before it changes anything.
    """
    return phones.normalise_mobile(phone, field=field), _name(name), _street(street)


# The words a Dutch paper list or the sandbox's own output may use for a role.
_ROLE_WORDS: Final = {"lid": "member", "coördinator": "coordinator"}


def _choice(value: object, choices: tuple[str, ...], field: str) -> str:
    chosen = str(value).strip().lower()
    if field == "role":
        chosen = _ROLE_WORDS.get(chosen, chosen)
    if chosen not in choices:
        raise InvalidInput(
            f"member.{field}_unknown",
            field=field,
            value=value,
            choices=", ".join(choices),
        )
    return chosen


@dataclass(frozen=True)
class ImportRow:
    """One line of a roster CSV, as written."""

    line: int
    phone: str
    name: str
    street: str | None = None
    role: str | None = None
    # Why the row cannot be applied, found while reading the file.
    problem: WijkalertError | None = None


ImportResult = Literal["added", "updated", "unchanged", "refused"]


@dataclass(frozen=True)
class ImportOutcome:
    line: int
    phone: str
    outcome: ImportResult
    error: WijkalertError | None = None


@dataclass
class Reconciliation:
    """What reconciling changed: numbers subscribed and unsubscribed."""

    subscribed: list[str] = field(default_factory=list)
    unsubscribed: list[str] = field(default_factory=list)


ROSTER_HEADER: Final = ("phone", "name", "street", "role")


def read_roster_csv(text: str) -> list[ImportRow]:
    """The rows of a roster CSV: header `phone,name,street,role` (role optional).

    Accepts what spreadsheet programs write: a byte-order mark, semicolons
    instead of commas, blank lines, and lines ending in a bare carriage return
    (Excel for Mac's "CSV (Macintosh)"). Raises `InvalidInput` when the header
    is missing.

    Every line is read on its own: a member's row is one line, and a quote
    left open on one line must not swallow the rows after it into a name. A
    row that cannot be read, and a second row for a number already on an
    earlier line, come back with a `problem` and are refused on their own.
    """
    lines = _LINE_END.split(text.removeprefix("\ufeff"))
    numbered = [(n, line) for n, line in enumerate(lines, start=1) if line.strip()]
    if not numbered:
        raise InvalidInput("import.header", field="csv", header=",".join(ROSTER_HEADER))
    first_line = numbered[0][1]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        header = [name.strip().lower() for name in _cells(first_line, delimiter)]
    except csv.Error:
        header = []
    if not {"phone", "name"} <= set(header):
        raise InvalidInput("import.header", field="csv", header=",".join(ROSTER_HEADER))

    rows: list[ImportRow] = []
    first_seen: dict[str, int] = {}
    for number, line in numbered[1:]:
        problem: WijkalertError | None = None
        try:
            values = [value.strip() for value in _cells(line, delimiter)]
        except csv.Error as error:
            values = line.split(delimiter)
            problem = InvalidInput(
                "import.quote_unclosed"
                if "end of data" in str(error)
                else "import.unreadable",
                field="csv",
            )
        cells = dict(zip(header, values, strict=False))
        if not any(values):
            continue
        if problem is None and any(values[len(header) :]):
            # "Vries, Bob" unquoted: storing "Vries" as the name and "Bob" as
            # the street would lose what the coordinator wrote without a word.
            problem = InvalidInput("import.too_many_fields", field="csv")
        phone = cells.get("phone", "")
        try:
            seen_as = phones.normalise(phone)
        except WijkalertError:
            seen_as = phone
        if problem is None and seen_as in first_seen:
            # Both rows would be applied in turn, and importing the list again
            # would flip the member back and forth: it never settles.
            problem = InvalidInput(
                "import.duplicate", field="phone", line=first_seen[seen_as]
            )
        first_seen.setdefault(seen_as, number)
        rows.append(
            ImportRow(
                line=number,
                phone=phone,
                name=cells.get("name", ""),
                # No street column: keep what the roster has; empty: clear it.
                street=cells.get("street", "") if "street" in header else None,
                role=cells.get("role") or None,
                problem=problem,
            )
        )
    return rows


_LINE_END: Final = re.compile(r"\r\n|\r|\n")


def _cells(line: str, delimiter: str) -> list[str]:
    """One line's fields; csv.Error if it cannot be read, an open quote too.

    Read leniently as before (a stray quote inside a field is kept), but a
    quote opened and never closed is an error: it would have run on into
    the next line.
    """
    lenient = next(csv.reader([line], delimiter=delimiter), [])
    try:
        next(csv.reader([line], delimiter=delimiter, strict=True), [])
    except csv.Error as error:
        if "end of data" in str(error):
            raise
    return lenient


def _without(memory: dict[str, Any], phone: str) -> dict[str, Any]:
    """The neighbourhood's memory with nothing left that names `phone`.

    Their broadcasts stay, without a sender, so the neighbourhood's hourly
    limit still counts them; their open alerts go, so nobody's reply is
    forwarded to a former member; their notices go.
    """
    scrubbed = dict(memory)
    if "broadcasts" in memory:
        scrubbed["broadcasts"] = [
            {**b, "sender": ""} if b.get("sender") == phone else b
            for b in memory["broadcasts"]
        ]
    if "open_alerts" in memory:
        scrubbed["open_alerts"] = [
            a for a in memory["open_alerts"] if a.get("sender") != phone
        ]
    # Notices are keyed by the phone, or by phone and keyword; a member's
    # own limit trips by reason and phone.
    for keyed in ("notices", "tripped"):
        if keyed in memory:
            scrubbed[keyed] = {
                k: v
                for k, v in memory[keyed].items()
                if k != phone
                and not k.startswith(phone + "#")
                and not k.endswith("#" + phone)
            }
    return scrubbed


class OptOuts:
    """What SNS knows about numbers that replied STOP to AWS itself."""

    def __init__(self, sns: "SNSClient") -> None:
        self._sns = sns

    def is_opted_out(self, phone: str) -> bool:
        reply = self._sns.check_if_phone_number_is_opted_out(phoneNumber=phone)
        return bool(reply["isOptedOut"])


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
        number, name, street = check_newcomer(phone, name, street)
        if number == self.neighbourhood.long_code:
            # Its own broadcasts would come back to it as texts: a loop.
            raise InvalidInput("member.is_long_code", field="phone", phone=number)
        member = Member(
            phone=number,
            name=name,
            street=street,
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
            subscribed = replace(member, subscription_arn=self._subscribe(member))
        except SubscriptionFailed:
            self._table.delete_item(Key=self._key(member.phone))
            raise
        self._count_active(+1)
        return self._store(subscribed)

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
            self._count_active(+1)
        elif current.is_active and not wanted.is_active:
            self._unsubscribe(current)
            wanted = replace(wanted, subscription_arn=None)
            self._count_active(-1)
        return self._store(wanted)

    def remove(self, phone: str) -> Member:
        """Unsubscribe a member's phone and delete everything the roster held.

        Every SMS subscription of the number goes, not only the one the roster
        knows: a hand re-subscription in the console has an ARN of its own.
        The row goes last, so a failure before it can be retried.
        """
        member = self.require(phone)
        self._unsubscribe(member)
        # A pending requester was never signed up, so there is nothing on the
        # topic to look for (and the daily reconcile removes what a hand put
        # there); the inbound function withdraws requests without that listing.
        if member.status != "pending":
            for arn in self._subscriptions_of(member.phone):
                self._unsubscribe(replace(member, subscription_arn=arn))
        self._forget_activity(member.phone)
        self._table.delete_item(Key=self._key(member.phone))
        if member.is_active:
            self._count_active(-1)
        return member

    def _forget_activity(self, phone: str) -> None:
        """Scrub a number from the neighbourhood's short memory.

        The alert path keeps recent senders, open alerts (whose sender gets
        the replies) and notices by number. Written with the same version
        check as the alert path uses, so neither overwrites the other.
        """
        key = {"pk": partition_of(self.neighbourhood.id), "sk": ACTIVITY}
        for _ in range(ACTIVITY_ATTEMPTS):
            item = self._table.get_item(Key=key, ConsistentRead=True).get("Item")
            memory = json.loads(str((item or {}).get("memory") or "{}"))
            scrubbed = _without(memory, phone)
            if scrubbed == memory:
                return
            seen = int(str((item or {}).get("version", 0)))
            try:
                self._table.update_item(
                    Key=key,
                    UpdateExpression="SET memory = :memory, version = :next",
                    ConditionExpression="attribute_not_exists(version) "
                    "OR version = :seen",
                    ExpressionAttributeValues={
                        ":memory": json.dumps(scrubbed, separators=(",", ":")),
                        ":next": seen + 1,
                        ":seen": seen,
                    },
                )
            except ClientError as error:
                if error.response["Error"]["Code"] != "ConditionalCheckFailedException":
                    raise
                continue  # a text came in meanwhile: read again
            return
        raise NeighbourhoodConflict("member.remove_busy", field="phone", phone=phone)

    def _subscriptions_of(self, phone: str) -> list[str]:
        return [arn for endpoint, arn in self._all_subscriptions() if endpoint == phone]

    def members(
        self, *, status: str | None = None, role: str | None = None
    ) -> list[Member]:
        """Everyone on the roster, in number order, optionally of one status or role."""
        return list(self._matching(status, role))

    def page(
        self,
        *,
        status: str | None = None,
        role: str | None = None,
        limit: int = 50,
        after: str | None = None,
    ) -> tuple[list[Member], str | None]:
        """Up to `limit` members after the number `after`, and the next cursor."""
        members: list[Member] = []
        for member in self._matching(status, role, after):
            if len(members) == limit:
                return members, members[-1].phone
            members.append(member)
        return members, None

    def _matching(
        self, status: str | None, role: str | None, after: str | None = None
    ) -> Iterator[Member]:
        for member in self._all(after):
            if (status is None or member.status == status) and (
                role is None or member.role == role
            ):
                yield member

    def _all(self, after: str | None = None) -> Iterator[Member]:
        query: dict[str, Any] = {
            "KeyConditionExpression": "pk = :pk AND begins_with(sk, :prefix)",
            "ExpressionAttributeValues": {
                ":pk": partition_of(self.neighbourhood.id),
                ":prefix": MEMBER_PREFIX,
            },
        }
        if after:
            query["ExclusiveStartKey"] = self._key(after)
        while True:
            reply = self._table.query(**query)
            yield from (Member.from_item(item) for item in reply["Items"])
            if "LastEvaluatedKey" not in reply:
                return
            query["ExclusiveStartKey"] = reply["LastEvaluatedKey"]

    def import_rows(self, rows: Iterable[ImportRow]) -> list[ImportOutcome]:
        """Apply a paper list row by row: each row added, updated, kept or refused.

        A refused row never stops the others, and importing the same list again
        changes nothing: a row that matches the roster is `unchanged`.
        """
        return [self._import(row) for row in rows]

    def _import(self, row: ImportRow) -> ImportOutcome:
        if row.problem is not None:
            return ImportOutcome(row.line, row.phone, "refused", row.problem)
        try:
            phone = phones.normalise(row.phone)
            current = self.get(phone)
            if current is None:
                self.add(phone, row.name, street=row.street, role=row.role or "member")
                return ImportOutcome(row.line, phone, "added")

            changes: dict[str, object] = {"name": row.name}
            if row.street is not None:
                changes["street"] = row.street
            if row.role:
                changes["role"] = row.role
                if _choice(row.role, ROLES, "role") != "coordinator":
                    # The same rule as a PATCH: a paper list must not leave
                    # the neighbourhood without anyone to manage it.
                    self.keep_a_coordinator(current, field="role")
            updated = self.update(phone, **changes)
        except WijkalertError as error:
            return ImportOutcome(row.line, row.phone, "refused", error)
        return ImportOutcome(
            row.line, phone, "unchanged" if updated == current else "updated"
        )

    def add_first_coordinator(self, phone: str, name: str) -> tuple[Member, bool]:
        """Make `phone` the coordinator of a neighbourhood that has none yet.

        A new neighbourhood's roster is empty, and both a token and approving
        a join request need a coordinator: the operator names the first one.
        Returns the coordinator and whether the roster changed; naming the
        same coordinator again changes nothing, so re-running is safe. A
        neighbourhood that has a coordinator is theirs to manage, so naming
        someone else is refused.
        """
        number, name, _ = check_newcomer(phone, name, field="coordinator")
        leading = self.members(status="active", role="coordinator")
        if any(member.phone == number for member in leading):
            return self.require(number), False
        if leading:
            raise MemberExists(
                "member.coordinator_exists",
                field="coordinator",
                neighbourhood=self.neighbourhood.name,
            )

        current = self.get(number)
        if current is None:
            return self.add(number, name, role="coordinator"), True
        if current.status == "opted_out":
            # They texted STOP: only their own START signs them up again.
            raise MemberExists(
                "member.coordinator_opted_out", field="coordinator", phone=number
            )
        return self.update(number, name=name, role="coordinator", status="active"), True

    def keep_a_coordinator(self, member: Member, *, field: str = "phone") -> None:
        """Refuse to leave the neighbourhood without an active coordinator."""
        if member.role != "coordinator" or member.status != "active":
            return
        others = [
            m for m in self.members(status="active", role="coordinator") if m != member
        ]
        if not others:
            raise MemberExists(
                "member.last_coordinator", field=field, phone=member.phone
            )

    def reconcile(self) -> Reconciliation:
        """Bring the members topic in line with the roster, both ways.

        Every active member gets a subscription if theirs went missing (a
        failed subscribe, a hand edit in the console), and every SMS
        subscription that belongs to no active member is removed.
        """
        subscribed = self._subscriptions()
        active = {m.phone: m for m in self.members(status="active")}
        report = Reconciliation()

        for phone, member in active.items():
            if phone in subscribed:
                if member.subscription_arn != subscribed[phone]:
                    self._store(replace(member, subscription_arn=subscribed[phone]))
                continue
            self._store(replace(member, subscription_arn=self._subscribe(member)))
            report.subscribed.append(phone)

        for phone, arn in subscribed.items():
            if phone not in active:
                self._sns.unsubscribe(SubscriptionArn=arn)
                report.unsubscribed.append(phone)
        self._count_active(len(active), exactly=True)
        return report

    def _subscriptions(self) -> dict[str, str]:
        return dict(self._all_subscriptions())

    def _all_subscriptions(self) -> Iterator[tuple[str, str]]:
        """(number, ARN) of every confirmed SMS subscription on the members topic."""
        pages = self._sns.get_paginator("list_subscriptions_by_topic")
        for page in pages.paginate(TopicArn=self.neighbourhood.members_topic_arn):
            for subscription in page["Subscriptions"]:
                arn = subscription["SubscriptionArn"]
                if subscription["Protocol"] == "sms" and arn.startswith("arn:"):
                    yield subscription["Endpoint"], arn

    def _language(self, value: object) -> texts.Language:
        if value is None:
            return self.neighbourhood.language
        return cast(texts.Language, _choice(value, texts.LANGUAGES, "language"))

    def _count_active(self, delta: int, *, exactly: bool = False) -> None:
        """Keep the neighbourhood's count of active members, which every
        broadcast's cost is multiplied by, without counting the roster then."""
        self._table.update_item(
            Key={"pk": partition_of(self.neighbourhood.id), "sk": ACTIVITY},
            UpdateExpression=(
                "SET active_members = :n" if exactly else "ADD active_members :n"
            ),
            ExpressionAttributeValues={":n": delta},
        )

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
