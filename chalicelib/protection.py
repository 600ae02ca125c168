"""Protection: nothing floods, nothing loops, and every hold-back is explained.

One broken phone, a member in a panic or an auto-reply must never turn into a
storm of SMS the residents pay for. Each neighbourhood keeps a short memory of
what it broadcast in the last hour (who, when, which text, which SNS message)
and of its open alerts, in one item of the roster table:

    pk             sk        what
    NBH#molenwijk  ACTIVITY  recent broadcasts, open alerts, notices sent

It is read together with the sender's roster entry in one call, checked here,
and claimed before anything is sent: the broadcast (with the money it will
cost) is written in one transaction conditioned on the version that was read.
Two texts arriving in the same instant cannot both win that write; the loser
reads again and decides again, so the limits and the budget are a lock, not
a brake. The SNS message id of a broadcast is only known after the publish;
it is written beside the memory, in the `published` map, without touching
the version, so that write can never make a claim lose.
"""

import hashlib
import json
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any, Final, Literal, TypeVar

_Remembered = TypeVar("_Remembered", "Broadcast", "OpenAlert")

ACTIVITY: Final = "ACTIVITY"
MEMORY: Final = timedelta(hours=1)
OPEN_ALERTS_KEPT: Final = 10

Reason = Literal[
    "duplicate_text",
    "member_rate",
    "neighbourhood_rate",
    "auto_reply",
    "stale_reply",
    "closed_alert",
    "budget",
]


@dataclass(frozen=True)
class Limits:
    """A neighbourhood's brakes; the defaults are what the residents agreed on."""

    member_alerts: int = 3
    member_window: timedelta = timedelta(minutes=10)
    neighbourhood_broadcasts: int = 20
    neighbourhood_window: timedelta = timedelta(hours=1)
    duplicate_window: timedelta = timedelta(hours=1)
    acknowledge_window: timedelta = timedelta(minutes=30)
    notice_interval: timedelta = timedelta(hours=1)

    def facts(self) -> dict[str, int]:
        """The limits as the SMS about them name them."""
        return {
            "member_alerts": self.member_alerts,
            "member_minutes": int(self.member_window.total_seconds() // 60),
            "broadcasts": self.neighbourhood_broadcasts,
        }


@dataclass(frozen=True)
class Broadcast:
    at: str
    sender: str
    digest: str
    alert_id: str
    message_id: str = ""
    # "alert" or "closing": both count for the neighbourhood's limit, only
    # alerts for the member's own limits.
    kind: str = "alert"
    # For a closing: the alert it closed, so a late reply is told so.
    closes: str = ""


@dataclass(frozen=True)
class OpenAlert:
    alert_id: str
    sk: str
    sender: str
    sender_name: str
    at: str


# The kinds of SMS a month's spending is recorded by, in the order shown.
SPENDING_KINDS: Final = ("alert", "closing", "acknowledgement", "reply")


@dataclass(frozen=True)
class Spending:
    """A month's SMS as recorded when they were sent: parts by kind and cost.

    The cost is summed at the price per part of each moment, so a price
    changed during the month leaves it as it was paid. `recorded` is false
    when nothing was recorded for the month: either nothing was sent, or it
    was sent before wijkalert kept this record.
    """

    month: str
    parts: dict[str, int]  # every kind of SPENDING_KINDS, 0 where none
    cost: Decimal
    recorded: bool

    @property
    def total_parts(self) -> int:
        return sum(self.parts.values())


@dataclass(frozen=True)
class Activity:
    """What a neighbourhood remembers of the last hour, and its open alerts."""

    version: int = 0
    broadcasts: tuple[Broadcast, ...] = ()
    open_alerts: tuple[OpenAlert, ...] = ()
    # Who was last sent an explanation, and when each limit last tripped.
    notices: dict[str, str] = field(default_factory=dict)
    tripped: dict[str, str] = field(default_factory=dict)
    # SMS parts sent per month and kind, what they cost, and the month the
    # coordinators were last warned about the budget.
    parts: dict[str, dict[str, int]] = field(default_factory=dict)
    costs: dict[str, str] = field(default_factory=dict)
    budget_warned: str = ""
    # SNS message id per alert id, written after the publish (see above).
    published: dict[str, str] = field(default_factory=dict)
    # Kept by the roster, outside the memory, with atomic additions.
    active_members: int = 0

    # Stored as one JSON string: nothing reads parts of it, and one string is
    # the cheapest thing for DynamoDB (and moto) to carry.

    @classmethod
    def from_item(cls, item: dict[str, Any] | None) -> "Activity":
        if not item:
            return cls()
        memory = json.loads(str(item.get("memory") or "{}"))
        published = {str(k): str(v) for k, v in (item.get("published") or {}).items()}
        broadcasts = tuple(_known(Broadcast, b) for b in memory.get("broadcasts", []))
        return cls(
            version=int(item.get("version", 0)),
            broadcasts=tuple(
                replace(b, message_id=published.get(b.alert_id, b.message_id))
                for b in broadcasts
            ),
            open_alerts=tuple(
                _known(OpenAlert, a) for a in memory.get("open_alerts", [])
            ),
            notices=dict(memory.get("notices", {})),
            tripped=dict(memory.get("tripped", {})),
            parts=dict(memory.get("parts", {})),
            costs=dict(memory.get("costs", {})),
            budget_warned=str(memory.get("budget_warned", "")),
            published=published,
            active_members=int(item.get("active_members", 0)),
        )

    def memory(self) -> str:
        """Everything but the version, the member count and the published ids."""
        memory = {
            "broadcasts": [asdict(b) for b in self.broadcasts],
            "open_alerts": [asdict(a) for a in self.open_alerts],
            "notices": self.notices,
            "tripped": self.tripped,
            "parts": self.parts,
            "costs": self.costs,
            "budget_warned": self.budget_warned,
        }
        return json.dumps(memory, separators=(",", ":"))

    def spent(self, month: str) -> Decimal:
        return Decimal(self.costs.get(month, "0"))

    def spending(self, month: str) -> Spending:
        """What `wijkalert costs` and the monthly report both show for `month`."""
        monthly = self.parts.get(month, {})
        return Spending(
            month=month,
            parts={kind: int(monthly.get(kind, 0)) for kind in SPENDING_KINDS},
            cost=self.spent(month),
            recorded=month in self.parts or month in self.costs,
        )

    def with_spending(
        self, month: str, kind: str, parts: int, cost: Decimal
    ) -> "Activity":
        monthly = dict(self.parts.get(month, {}))
        monthly[kind] = monthly.get(kind, 0) + parts
        return replace(
            self,
            parts={**self.parts, month: monthly},
            costs={**self.costs, month: str(self.spent(month) + cost)},
        )

    def pruned(self, now: datetime) -> "Activity":
        """Forget what is older than an hour (open alerts stay until closed)."""
        since = now - MEMORY
        return replace(
            self,
            broadcasts=tuple(b for b in self.broadcasts if _at(b.at) > since),
            notices={k: v for k, v in self.notices.items() if _at(v) > since},
            tripped={k: v for k, v in self.tripped.items() if _at(v) > since},
        )

    # Deciding.

    def refusal(
        self, sender: str, body: str, now: datetime, limits: Limits
    ) -> Reason | None:
        """Why this text may not be broadcast now, or None if it may."""
        digest = digest_of(body)
        mine = [b for b in self.broadcasts if b.sender == sender and b.kind == "alert"]
        if any(
            b.digest == digest and _at(b.at) > now - limits.duplicate_window
            for b in mine
        ):
            return "duplicate_text"
        recent = [b for b in mine if _at(b.at) > now - limits.member_window]
        if len(recent) >= limits.member_alerts:
            return "member_rate"
        if self.neighbourhood_full(now, limits):
            return "neighbourhood_rate"
        return None

    def neighbourhood_full(self, now: datetime, limits: Limits) -> bool:
        """Whether the neighbourhood sent as many broadcasts as an hour allows."""
        window = now - limits.neighbourhood_window
        recent = sum(_at(b.at) > window for b in self.broadcasts)
        return recent >= limits.neighbourhood_broadcasts

    def broadcast_of(self, alert_id: str) -> Broadcast | None:
        """This text's own claim, if an earlier attempt at it already won one."""
        return next((b for b in self.broadcasts if b.alert_id == alert_id), None)

    def may_notify(self, phone: str, now: datetime, limits: Limits) -> bool:
        """At most one explanation per person per hour."""
        last = self.notices.get(phone)
        return last is None or _at(last) <= now - limits.notice_interval

    def first_trip(
        self, reason: Reason, now: datetime, limits: Limits, phone: str | None = None
    ) -> bool:
        """Whether this limit trips for the first time this hour.

        With `phone`, for that phone: a member limit tripped by Ahmed must
        not silence the coordinators' news that Sanne tripped it too.
        """
        last = self.tripped.get(_trip_key(reason, phone))
        return last is None or _at(last) <= now - limits.notice_interval

    def answered_alert(
        self, published_id: str | None, now: datetime, limits: Limits
    ) -> OpenAlert | None:
        """The open alert a reply answers: the one AWS names, else the latest,
        provided it is recent enough to still need neighbours.

        A reply to a broadcast we know, whose alert is closed or too old, is
        stale: crediting it to a newer alert would tell that alert's sender
        of a neighbour who is not coming for them.
        """
        window = now - limits.acknowledge_window
        recent = [a for a in self.open_alerts if _at(a.at) > window]
        if published_id:
            named = {b.message_id: b.alert_id for b in self.broadcasts}
            wanted = named.get(published_id)
            if wanted is not None:
                return next((a for a in recent if a.alert_id == wanted), None)
        return recent[-1] if recent else None

    def closed_alert(
        self, published_id: str | None, now: datetime, limits: Limits
    ) -> str | None:
        """The alert a reply would have answered, had it not been closed.

        Asked when `answered_alert` found none: the alert AWS names, else the
        latest, sent within the window and closed since. None when there is
        no such alert, and the reply is simply too late.
        """
        window = now - limits.acknowledge_window
        closed = {b.closes for b in self.broadcasts if b.kind == "closing"}
        alerts = [b for b in self.broadcasts if b.kind == "alert"]
        named = next(
            (b for b in alerts if published_id and b.message_id == published_id), None
        )
        wanted = named or (alerts[-1] if alerts else None)
        if wanted is None or _at(wanted.at) <= window:
            return None
        return wanted.alert_id if wanted.alert_id in closed else None

    # Remembering.

    def with_broadcast(self, broadcast: Broadcast, opened: OpenAlert) -> "Activity":
        open_alerts = (*self.open_alerts, opened)[-OPEN_ALERTS_KEPT:]
        return replace(
            self, broadcasts=(*self.broadcasts, broadcast), open_alerts=open_alerts
        )

    def with_closing(self, broadcast: Broadcast, closed: str) -> "Activity":
        kept = tuple(a for a in self.open_alerts if a.alert_id != closed)
        return replace(self, broadcasts=(*self.broadcasts, broadcast), open_alerts=kept)

    def without_broadcast(self, alert_id: str) -> "Activity":
        """Undo a claim whose publish failed (its open alert goes with it)."""
        return replace(
            self,
            broadcasts=tuple(b for b in self.broadcasts if b.alert_id != alert_id),
            open_alerts=tuple(a for a in self.open_alerts if a.alert_id != alert_id),
        )

    def with_notice(self, phone: str, now: datetime) -> "Activity":
        return replace(self, notices={**self.notices, phone: now.isoformat()})

    def with_trip(
        self, reason: Reason, now: datetime, phone: str | None = None
    ) -> "Activity":
        key = _trip_key(reason, phone)
        return replace(self, tripped={**self.tripped, key: now.isoformat()})


def _trip_key(reason: Reason, phone: str | None) -> str:
    return f"{reason}#{phone}" if phone else reason


def digest_of(body: str) -> str:
    """The same words, whatever the case or spacing, give the same digest."""
    folded = " ".join(body.casefold().split())
    return hashlib.sha256(folded.encode()).hexdigest()[:16]


def _at(moment: str) -> datetime:
    return datetime.fromisoformat(moment.replace("Z", "+00:00"))


def _known(kind: type[_Remembered], stored: dict[str, Any]) -> _Remembered:
    """`kind` from what was stored, leaving out what a newer version wrote.

    A deployment rolled back to this code then reads the neighbourhood's
    memory instead of failing every text for the hour the memory lasts.
    """
    names = {f.name for f in fields(kind)}
    return kind(**{key: value for key, value in stored.items() if key in names})
