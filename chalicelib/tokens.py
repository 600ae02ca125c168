"""Coordinator tokens: who may manage which neighbourhood's roster.

A token belongs to one coordinator of one neighbourhood. It reads
`<neighbourhood>.<token id>.<secret>`: the neighbourhood and id say where to
look, the secret proves possession. Only a SHA-256 hash of the secret is
stored (the secret is 256 random bits, so a fast hash is enough), and the
token is shown once, when an operator creates it. Scripts and the local
sandbox may bring their own id and secret, so a token is known in advance;
it is stored the same way.

Stored in the roster table, in the neighbourhood's partition:

    pk             sk              what
    NBH#molenwijk  TOKEN#a1b2c3d4  one token: hash, coordinator, created, revoked
"""

import hashlib
import hmac
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Final

from chalicelib import phones
from chalicelib.errors import InvalidInput, TokenNotFound
from chalicelib.members import MEMBER_PREFIX
from chalicelib.neighbourhoods import (
    Neighbourhood,
    is_neighbourhood_id,
    partition_of,
)

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.service_resource import Table

TOKEN_PREFIX: Final = "TOKEN#"
# A token id becomes part of a DynamoDB sort key and of the token itself,
# where a dot separates the parts.
_TOKEN_ID: Final = re.compile(r"[A-Za-z0-9_-]{1,64}")
# The secret travels in an HTTP header: printable ASCII without spaces.
_SECRET: Final = re.compile(r"[!-~]{1,256}")


@dataclass(frozen=True)
class Token:
    """What is known about a token, without its secret."""

    token_id: str
    neighbourhood_id: str
    coordinator: str
    label: str
    created: str
    revoked: str | None = None

    @property
    def is_revoked(self) -> bool:
        return self.revoked is not None

    @classmethod
    def from_item(cls, item: dict[str, Any]) -> "Token":
        return cls(
            token_id=str(item["token_id"]),
            neighbourhood_id=str(item["neighbourhood_id"]),
            coordinator=str(item["coordinator"]),
            label=str(item.get("label", "")),
            created=str(item["created"]),
            revoked=str(item["revoked"]) if item.get("revoked") else None,
        )


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def parts_of(presented: str) -> tuple[str, str, str] | None:
    """The neighbourhood, token id and secret a token reads, or None if it is none."""
    parts = presented.strip().split(".", 2)
    if len(parts) != 3 or not all(parts):
        return None
    return parts[0], parts[1], parts[2]


def check_given(token_id: str, secret: str) -> None:
    """Refuse an id or secret that could not work as part of a token."""
    if not _TOKEN_ID.fullmatch(token_id):
        raise InvalidInput("token.id_invalid", field="token_id", value=token_id)
    if not _SECRET.fullmatch(secret):
        raise InvalidInput("token.secret_invalid", field="secret")


class CoordinatorTokens:
    """Creates, checks, lists and revokes coordinator tokens."""

    def __init__(
        self,
        table: "Table",
        *,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._table = table
        self._now = now

    def create(
        self,
        neighbourhood: Neighbourhood,
        coordinator: str,
        label: str = "",
        *,
        token_id: str | None = None,
        secret: str | None = None,
    ) -> tuple[Token, str]:
        """A new token for `coordinator`; returns it and the one-time secret.

        `token_id` and `secret` are drawn at random unless given; a given
        secret is only as strong as whoever chose it.
        """
        token_id = token_id or secrets.token_hex(4)
        secret = secret or secrets.token_urlsafe(32)
        check_given(token_id, secret)
        number = phones.normalise(coordinator, field="coordinator")
        if not self._leads(neighbourhood.id, number):
            # A token manages the whole roster: only for someone the
            # neighbourhood made its coordinator, and while they still are.
            raise InvalidInput(
                "token.not_coordinator",
                field="coordinator",
                phone=number,
                neighbourhood=neighbourhood.name,
                id=neighbourhood.id,
            )

        token = Token(
            token_id=token_id,
            neighbourhood_id=neighbourhood.id,
            coordinator=number,
            label=label.strip(),
            created=self._now().isoformat(timespec="seconds"),
        )
        self._table.put_item(
            Item={
                "pk": partition_of(neighbourhood.id),
                "sk": TOKEN_PREFIX + token.token_id,
                "token_id": token.token_id,
                "neighbourhood_id": token.neighbourhood_id,
                "coordinator": token.coordinator,
                "label": token.label,
                "created": token.created,
                "secret_sha256": _digest(secret),
            },
            ConditionExpression="attribute_not_exists(sk)",
        )
        return token, f"{neighbourhood.id}.{token.token_id}.{secret}"

    def verify(self, presented: str) -> Token | None:
        """The token `presented` stands for, or None if it grants nothing."""
        parts = parts_of(presented)
        if parts is None:
            return None
        neighbourhood_id, token_id, secret = parts
        # Whatever a client sends becomes a DynamoDB key; one over the key size
        # limit is a ValidationException there, and API Gateway would answer
        # the authorizer's failure with a 500 instead of a 401.
        if not (
            is_neighbourhood_id(neighbourhood_id) and _TOKEN_ID.fullmatch(token_id)
        ):
            return None

        item = self._table.get_item(
            Key={"pk": partition_of(neighbourhood_id), "sk": TOKEN_PREFIX + token_id}
        ).get("Item")
        if not item or item.get("revoked"):
            return None
        if not hmac.compare_digest(str(item["secret_sha256"]), _digest(secret)):
            return None
        token = Token.from_item(item)
        # Demoted or made inactive (by PATCH or import): access ends at once,
        # not when someone remembers to revoke the token.
        if not self._leads(neighbourhood_id, token.coordinator):
            return None
        return token

    def _leads(self, neighbourhood_id: str, phone: str) -> bool:
        """Whether `phone` is an active coordinator of the neighbourhood now."""
        member = self._table.get_item(
            Key={"pk": partition_of(neighbourhood_id), "sk": MEMBER_PREFIX + phone}
        ).get("Item")
        return bool(
            member
            and member.get("role") == "coordinator"
            and member.get("status") == "active"
        )

    def tokens(self, neighbourhood: Neighbourhood) -> list[Token]:
        reply = self._table.query(
            KeyConditionExpression="pk = :pk AND begins_with(sk, :prefix)",
            ExpressionAttributeValues={
                ":pk": partition_of(neighbourhood.id),
                ":prefix": TOKEN_PREFIX,
            },
        )
        return [Token.from_item(item) for item in reply["Items"]]

    def revoke(self, neighbourhood: Neighbourhood, token_id: str) -> Token:
        """Make a token grant nothing from now on; kept so the list shows it."""
        key = {"pk": partition_of(neighbourhood.id), "sk": TOKEN_PREFIX + token_id}
        item = self._table.get_item(Key=key).get("Item")
        if not item:
            raise TokenNotFound("token.not_found", field="token_id", value=token_id)

        revoked = self._now().isoformat(timespec="seconds")
        self._table.update_item(
            Key=key,
            UpdateExpression="SET revoked = if_not_exists(revoked, :now)",
            ExpressionAttributeValues={":now": revoked},
        )
        return Token.from_item({**item, "revoked": item.get("revoked") or revoked})
