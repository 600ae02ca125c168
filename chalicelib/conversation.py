"""Two-way SMS: what wijkalert does with one text from one phone.

An alert from an active member is broadcast, unless a protection holds it
back; the keywords do what they say (leave, come back, help, join, close an
alert, "I'm coming"); strangers get no reply, except a rare hint how to join.

Every path follows one rule that makes Lambda's retries safe: state that can
be written twice is written before the SMS it leads to. A broadcast is first
claimed (recorded with its cost, conditioned on the activity as it was read,
see protection.py), then sent; after a successful publish nothing raises, so
a retry cannot send it again, and a retry that finds its own claim sends
nothing. SMS to several single phones (coordinators) are best effort: a
failure is logged, never retried, so no one gets the same SMS twice.
"""

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final, Literal, cast

import phonenumbers
from botocore.exceptions import BotoCoreError, ClientError

from chalicelib import keywords, phones, sms, texts
from chalicelib.broadcast import Broadcaster
from chalicelib.errors import BroadcastFailed, MemberExists, WijkalertError
from chalicelib.members import NAME_LIMIT, STREET_LIMIT, Member, Roster
from chalicelib.neighbourhoods import (
    TIMEZONE,
    Neighbourhood,
    months_later,
    partition_of,
)
from chalicelib.observability import count, logger
from chalicelib.protection import (
    ACTIVITY,
    Activity,
    Broadcast,
    Limits,
    OpenAlert,
    Reason,
    digest_of,
)

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.service_resource import DynamoDBServiceResource

Outcome = dict[str, Any]
Claim = Literal["won", "contested", "done"]
STRANGER_PREFIX: Final = "STRANGER#"
TALLY_PREFIX: Final = "TALLY#"
HINT_INTERVAL: Final = timedelta(days=30)
ALLOWED_COUNTRIES: Final = ("NL",)
COMMIT_TRIES: Final = 3
# How often a text reads and decides again when another text claimed first.
CLAIM_TRIES: Final = 10
# The alert log's status of an alert whose publish failed (a retry follows).
UNSENT: Final = "unsent"
BUDGET_WARNING: Final = Decimal("0.8")


class ClaimContested(RuntimeError):
    """Other texts kept changing the activity: raised before anything was sent,
    so Lambda's retry decides again."""


@dataclass(frozen=True)
class AlertPlan:
    """An alert as it would be broadcast, with what it and its notices cost."""

    text: str
    parts: int
    encoding: str
    total: Decimal  # this month's spending once everything planned is sent
    reserved: list[tuple[str, int]]  # SMS parts by kind
    notices: list[tuple[str, str]] = field(default_factory=list)  # phone, text
    warned: bool = False


@dataclass(frozen=True)
class Recall:
    """What the roster table knows of this sender and this neighbourhood."""

    member: Member | None
    activity: Activity
    hinted_at: str | None


class NeighbourhoodRecords:
    """The reads and writes of one text, batched: one read before, one write after."""

    def __init__(
        self,
        dynamodb: "DynamoDBServiceResource",
        roster_table: str,
        alerts_table: str,
        retention_months: int = 24,
    ) -> None:
        self._dynamodb = dynamodb
        self._client = dynamodb.meta.client
        self._roster_table = roster_table
        self._alerts_table = alerts_table
        self.retention_months = retention_months

    def recall(self, neighbourhood: Neighbourhood, sender: str | None) -> Recall:
        pk = partition_of(neighbourhood.id)
        keys = [{"pk": pk, "sk": ACTIVITY}]
        if sender:
            keys += [
                {"pk": pk, "sk": "MEMBER#" + sender},
                {"pk": pk, "sk": STRANGER_PREFIX + sender},
            ]
        items: dict[str, dict[str, Any]] = {}
        request: dict[str, Any] = {self._roster_table: {"Keys": keys}}
        while request:
            reply = self._dynamodb.batch_get_item(RequestItems=request)
            for item in reply["Responses"].get(self._roster_table, []):
                items[str(item["sk"])] = item
            request = dict(reply.get("UnprocessedKeys") or {})

        member = items.get("MEMBER#" + (sender or ""))
        stranger = items.get(STRANGER_PREFIX + (sender or ""), {})
        return Recall(
            member=Member.from_item(member) if member else None,
            activity=Activity.from_item(items.get(ACTIVITY)),
            hinted_at=stranger.get("hinted_at"),
        )

    def commit(
        self,
        neighbourhood: Neighbourhood,
        activity: Activity,
        change: Callable[[Activity], Activity],
        alert: dict[str, Any] | None = None,
    ) -> None:
        """Write the changed activity (and an alert) together; never raises.

        Called after an SMS went out: a failure here must not make Lambda
        retry and send it again, so it is logged for an operator instead.
        """
        pk = partition_of(neighbourhood.id)
        try:
            for _ in range(COMMIT_TRIES):
                # An update, not a put: the member count beside it is the roster's.
                items: list[dict[str, Any]] = [
                    {
                        "Update": {
                            "TableName": self._roster_table,
                            "Key": {"pk": pk, "sk": ACTIVITY},
                            "UpdateExpression": "SET memory = :memory, version = :next",
                            "ConditionExpression": "attribute_not_exists(version) "
                            "OR version = :seen",
                            "ExpressionAttributeValues": {
                                ":memory": change(activity).memory(),
                                ":next": activity.version + 1,
                                ":seen": activity.version,
                            },
                        }
                    }
                ]
                if alert is not None:
                    items.append(
                        {"Put": {"TableName": self._alerts_table, "Item": alert}}
                    )
                try:
                    # The resource's client takes plain Python values, like the Table.
                    self._client.transact_write_items(TransactItems=cast(Any, items))
                    return
                except ClientError as error:
                    if (
                        error.response["Error"]["Code"]
                        != "TransactionCanceledException"
                    ):
                        break
                    # Another text changed the activity meanwhile: read and redo.
                    activity = self.recall(neighbourhood, None).activity
        except Exception:  # after sending, nothing may raise
            pass
        logger.error(
            "activity not recorded",
            alert_id=(alert or {}).get("alert_id"),
            exc_info=True,
        )
        count("RecordsLost")

    def claim(
        self,
        neighbourhood: Neighbourhood,
        seen: Activity,
        claimed: Activity,
        alert: dict[str, Any] | None = None,
    ) -> Claim:
        """Write `claimed` over the activity as it was `seen`, before sending.

        "won": the SMS may go out. "contested": another text changed the
        activity since it was read; read again and decide again. "done": the
        alert log already holds this text, an earlier attempt handled it.
        Any other failure raises: nothing was sent, so Lambda's retry is safe.
        """
        kept = {b.alert_id for b in claimed.broadcasts}
        stale = sorted(k for k in seen.published if k not in kept)
        names: dict[str, str] = {f"#s{i}": key for i, key in enumerate(stale)}
        values: dict[str, Any] = {
            ":memory": claimed.memory(),
            ":next": seen.version + 1,
            ":seen": seen.version,
        }
        expression = "SET memory = :memory, version = :next"
        if stale:
            # Message ids of broadcasts the memory forgot are no longer needed.
            expression += " REMOVE " + ", ".join(f"published.{n}" for n in names)
        else:
            # The map must exist before the publish can add a message id to it.
            expression += ", published = if_not_exists(published, :none)"
            values[":none"] = {}
        update: dict[str, Any] = {
            "TableName": self._roster_table,
            "Key": {"pk": partition_of(neighbourhood.id), "sk": ACTIVITY},
            "UpdateExpression": expression,
            "ConditionExpression": "attribute_not_exists(version) OR version = :seen",
            "ExpressionAttributeValues": values,
        }
        if names:
            update["ExpressionAttributeNames"] = names
        items: list[dict[str, Any]] = [{"Update": update}]
        if alert is not None:
            # Never over an existing row: that text was handled before, unless
            # its publish failed and the row says so (see `unclaim`).
            items.append(
                {
                    "Put": {
                        "TableName": self._alerts_table,
                        "Item": alert,
                        "ConditionExpression": "attribute_not_exists(sk) "
                        "OR #status = :unsent",
                        "ExpressionAttributeNames": {"#status": "status"},
                        "ExpressionAttributeValues": {":unsent": UNSENT},
                    }
                }
            )
        try:
            self._client.transact_write_items(TransactItems=cast(Any, items))
            return "won"
        except ClientError as error:
            if error.response["Error"]["Code"] != "TransactionCanceledException":
                raise
            reasons = error.response.get("CancellationReasons") or []
            codes = [str(r.get("Code", "")) for r in reasons]
            if len(codes) > 1 and codes[1] == "ConditionalCheckFailed":
                return "done"
            return "contested"

    def unclaim(
        self,
        neighbourhood: Neighbourhood,
        alert_id: str,
        revert: Callable[[Activity], Activity],
        alert: dict[str, Any] | None = None,
    ) -> None:
        """Give back a claim whose publish failed; best effort, never raises.

        Lambda retries the text, which must then find no claim of its own.
        """
        pk = partition_of(neighbourhood.id)
        try:
            for _ in range(COMMIT_TRIES):
                activity = self.recall(neighbourhood, None).activity
                items: list[dict[str, Any]] = []
                if activity.broadcast_of(alert_id) is not None:
                    items.append(
                        {
                            "Update": {
                                "TableName": self._roster_table,
                                "Key": {"pk": pk, "sk": ACTIVITY},
                                "UpdateExpression": "SET memory = :memory, "
                                "version = :next",
                                "ConditionExpression": "version = :seen",
                                "ExpressionAttributeValues": {
                                    ":memory": revert(activity).memory(),
                                    ":next": activity.version + 1,
                                    ":seen": activity.version,
                                },
                            }
                        }
                    )
                if alert is not None:
                    # Marked, not deleted: the retry's claim may write over it,
                    # and if no retry succeeds the log tells the truth.
                    key = {"neighbourhood_id": alert["neighbourhood_id"]}
                    key["sk"] = alert["sk"]
                    update = {
                        "TableName": self._alerts_table,
                        "Key": key,
                        "UpdateExpression": "SET #status = :unsent",
                        "ExpressionAttributeNames": {"#status": "status"},
                        "ExpressionAttributeValues": {":unsent": UNSENT},
                    }
                    items.append({"Update": update})
                if not items:
                    return
                try:
                    self._client.transact_write_items(TransactItems=cast(Any, items))
                    return
                except ClientError as error:
                    code = error.response["Error"]["Code"]
                    if code != "TransactionCanceledException":
                        break
        except Exception:  # the publish failure is what matters
            pass
        logger.error("claim not given back", alert_id=alert_id, exc_info=True)
        count("ClaimsNotReturned")

    def note_published(
        self, neighbourhood: Neighbourhood, alert_id: str, message_id: str
    ) -> None:
        """Keep the SNS message id of a broadcast; best effort, never raises.

        Replies name it (previousPublishedMessageId). It does not change the
        version: this write must not make another text's claim lose.
        """
        try:
            self._client.update_item(
                TableName=self._roster_table,
                Key=cast(Any, {"pk": partition_of(neighbourhood.id), "sk": ACTIVITY}),
                UpdateExpression="SET published.#alert = :message",
                ExpressionAttributeNames={"#alert": alert_id},
                ExpressionAttributeValues=cast(Any, {":message": message_id}),
            )
        except Exception:  # the broadcast went out; never retry it
            logger.exception("message id not recorded", alert_id=alert_id)
            count("RecordsLost")

    def remember_hint(
        self, neighbourhood: Neighbourhood, phone: str, now: datetime
    ) -> None:
        table = self._dynamodb.Table(self._roster_table)
        table.put_item(
            Item={
                "pk": partition_of(neighbourhood.id),
                "sk": STRANGER_PREFIX + phone,
                "hinted_at": now.isoformat(),
                # DynamoDB's TTL forgets the stranger after the interval.
                "expires_at": int((now + HINT_INTERVAL).timestamp()),
            }
        )

    def tally_stranger(self, neighbourhood: Neighbourhood, now: datetime) -> None:
        """Count a text from a number not on the roster, per month.

        Strangers are not alerts and their numbers are not kept; the monthly
        report only needs how many there were, so one counter a month (one
        UpdateItem, off the alert path) is all that is written.
        """
        month = now.astimezone(TIMEZONE).strftime("%Y-%m")
        table = self._dynamodb.Table(self._roster_table)
        table.update_item(
            Key={"pk": partition_of(neighbourhood.id), "sk": TALLY_PREFIX + month},
            UpdateExpression="ADD unknown_texts :one SET expires_at = :expires",
            ExpressionAttributeValues={
                ":one": 1,
                ":expires": expiry(now, self.retention_months),
            },
        )

    def record_response(
        self,
        opened: OpenAlert,
        neighbourhood: Neighbourhood,
        member: Member,
        at: str,
        remark: str,
    ) -> tuple[int, bool]:
        """Note `member` as responding to the alert.

        Returns how many have responded and whether `member` is new among
        them: a second "ok" from the same neighbour is no news to the sender.
        """
        table = self._dynamodb.Table(self._alerts_table)
        # The item as it was before: it tells, in the same atomic write,
        # whether this member had already responded.
        reply = table.update_item(
            Key={"neighbourhood_id": neighbourhood.id, "sk": opened.sk},
            UpdateExpression="SET responders.#phone = "
            "if_not_exists(responders.#phone, :r)",
            ExpressionAttributeNames={"#phone": member.phone},
            ExpressionAttributeValues={
                ":r": {"name": member.name, "at": at, "remark": remark}
            },
            ReturnValues="ALL_OLD",
        )
        before = cast(dict[str, Any], reply.get("Attributes", {}).get("responders", {}))
        is_new = member.phone not in before
        return len(before) + is_new, is_new

    def record_closing(
        self,
        opened: OpenAlert,
        neighbourhood: Neighbourhood,
        by: Member,
        at: str,
        outcome: str,
    ) -> None:
        table = self._dynamodb.Table(self._alerts_table)
        table.update_item(
            Key={"neighbourhood_id": neighbourhood.id, "sk": opened.sk},
            UpdateExpression="SET closed_at = :at, closed_by = :by, outcome = :outcome",
            ExpressionAttributeValues={":at": at, ":by": by.name, ":outcome": outcome},
        )


@dataclass
class Conversation:
    """One text from one phone, and everything wijkalert answers to it."""

    neighbourhood: Neighbourhood
    inbound: Any  # alerts.InboundText
    sender: str | None
    recall: Recall
    now: datetime
    roster: Roster
    records: NeighbourhoodRecords
    broadcaster: Broadcaster
    limits: Limits
    # SMS parts sent while answering this text, by kind, not yet recorded.
    _spending: list[tuple[str, int]] = field(default_factory=list)

    def respond(self) -> Outcome:
        outcome = self._respond()
        if self._spending:
            # SMS sent on a path that recorded nothing else: count them now.
            self._commit(self.recall.activity.pruned(self.now), lambda now: now)
        return outcome

    def _respond(self) -> Outcome:
        member = self.recall.member
        intent = keywords.read(self.inbound.body)
        if member is None or member.status == "pending":
            return self._from_stranger(intent)
        if member.status == "inactive":
            return self._quiet("inactive_member")
        if member.status == "opted_out":
            return self._from_opted_out(member, intent)

        if keywords.is_auto_reply(self.inbound.body):
            # Never answered: an auto-reply answering our answer is a loop.
            return self._suppress(member, "auto_reply", notify=False)
        handlers = {
            "opt_out": self._opt_out,
            "opt_in": self._already_in,
            "help": self._help,
            "join": self._already_in,
            "close": self._close,
            "acknowledge": self._acknowledge,
            "alert": self._alert,
        }
        return handlers[intent.kind](member, intent)

    # Members.

    def _alert(self, member: Member, intent: keywords.Intent) -> Outcome:
        activity = self.recall.activity.pruned(self.now)
        for _ in range(CLAIM_TRIES):
            own = activity.broadcast_of(self.inbound.inbound_message_id)
            if own is not None:
                return self._already_broadcast(own)
            reason = activity.refusal(
                member.phone, self.inbound.body, self.now, self.limits
            )
            plan = None if reason else self._plan_alert(member, activity)
            if plan is None:
                held = self._hold(member, reason or "budget", activity)
                if held is not None:
                    return held
            else:
                claimed = self._claimed(member, activity, plan)
                alert = self._alert_item(member, plan.text, plan.parts, "broadcast")
                won = self.records.claim(self.neighbourhood, activity, claimed, alert)
                if won == "won":
                    return self._send_alert(member, plan, alert)
                if won == "done":
                    return self._already_handled()
            activity = self._read_again()
        raise ClaimContested(self.inbound.inbound_message_id)

    def _plan_alert(self, member: Member, activity: Activity) -> "AlertPlan | None":
        """What broadcasting this alert would send and cost; None over budget.

        The follow-up notices (shortened, 80% warning) are reserved with the
        broadcast when they fit in the budget, and skipped when they do not:
        only the texts the residents asked for even at the limit (held for
        budget, opt-out confirmations) may take the month past its budget.
        """
        written = sms.compose_broadcast(
            self.neighbourhood.name,
            member.name,
            self.inbound.body,
            self.neighbourhood.language,
        )
        text = self._cheapest(written)
        size = sms.measure(text)
        reach = size.parts * activity.active_members
        spent = activity.spent(self.month)
        total = spent + self._cost(reach)
        budget = self.neighbourhood.monthly_budget
        if budget is not None and total > budget:
            return None
        plan = AlertPlan(text, size.parts, size.encoding, total, [("alert", reach)])

        # Shortened only when cutting did it: smart encoding alone says the same.
        encoded = (
            sms.smart_encode(written) if self.neighbourhood.smart_encoding else written
        )
        if text != encoded:
            notice = self._say("sms.shortened", member.language)
            plan = self._with_notice(plan, member.phone, notice, "shortened")

        if budget is not None and self._warning_due(activity, plan.total):
            # Looked up before the publish: after it nothing may fail.
            coordinators = self.roster.members(status="active", role="coordinator")
            warnings = [
                (
                    c.phone,
                    self._say(
                        "sms.budget_warning",
                        c.language,
                        spent=texts.decimal(_euros(plan.total), c.language),
                        budget=texts.decimal(_euros(budget), c.language),
                    ),
                )
                for c in coordinators
            ]
            cost = self._cost(sum(sms.count_parts(t) for _, t in warnings))
            if plan.total + cost <= budget:
                plan = replace(plan, warned=True)
                for phone, warning in warnings:
                    plan = self._with_notice(plan, phone, warning, "budget_warning")
            else:
                logger.info("budget warning skipped: it would exceed the budget")
                count("NoticesSkipped")
        return plan

    def _with_notice(
        self, plan: "AlertPlan", phone: str, notice: str, what: str
    ) -> "AlertPlan":
        parts = sms.count_parts(notice)
        total = plan.total + self._cost(parts)
        budget = self.neighbourhood.monthly_budget
        if budget is not None and total > budget and what != "budget_warning":
            logger.info(
                "notice skipped: it would exceed the budget",
                notice=what,
                to=phones.mask(phone),
            )
            count("NoticesSkipped")
            return plan
        return replace(
            plan,
            total=total,
            reserved=[*plan.reserved, ("reply", parts)],
            notices=[*plan.notices, (phone, notice)],
        )

    def _warning_due(self, activity: Activity, total: Decimal) -> bool:
        budget = self.neighbourhood.monthly_budget
        return (
            budget is not None
            and total >= budget * BUDGET_WARNING
            and activity.budget_warned != self.month
        )

    def _claimed(
        self, member: Member, activity: Activity, plan: "AlertPlan"
    ) -> Activity:
        """The activity with this broadcast and its costs recorded."""
        alert_id = self.inbound.inbound_message_id
        opened = OpenAlert(
            alert_id,
            f"{self.inbound.received_at}#{alert_id}",
            member.phone,
            member.name,
            self.inbound.received_at,
        )
        broadcast = Broadcast(
            self.inbound.received_at,
            member.phone,
            digest_of(self.inbound.body),
            alert_id,
        )
        claimed = activity.with_broadcast(broadcast, opened)
        if plan.warned:
            claimed = replace(claimed, budget_warned=self.month)
        return self._spend(claimed, plan.reserved)

    def _send_alert(
        self, member: Member, plan: "AlertPlan", alert: dict[str, Any]
    ) -> Outcome:
        alert_id = self.inbound.inbound_message_id

        def revert(now: Activity) -> Activity:
            undone = self._spend(now.without_broadcast(alert_id), plan.reserved, -1)
            if plan.warned:
                undone = replace(
                    undone, budget_warned=self.recall.activity.budget_warned
                )
            return undone

        message_id = self._broadcast(plan.text, revert, alert)
        # From here on nothing raises: a retry would send the alert again.
        self.records.note_published(self.neighbourhood, alert_id, message_id)
        for phone, notice in plan.notices:
            self._deliver(phone, notice)
        logger.info(
            "alert broadcast",
            alert_id=alert_id,
            sender=phones.mask(member.phone),
            parts=plan.parts,
            encoding=plan.encoding,
        )
        count("AlertsBroadcast")
        return self._outcome("broadcast", alert_id=alert_id, parts=plan.parts)

    def _already_broadcast(self, own: Broadcast) -> Outcome:
        """A retry of a text whose claim won before the Lambda died: send nothing."""
        logger.info("retry of a text already broadcast", alert_id=own.alert_id)
        count("RetriesAfterBroadcast")
        if own.kind == "closing":
            return self._outcome("closed")
        return self._outcome("broadcast", alert_id=own.alert_id)

    def _already_handled(self) -> Outcome:
        alert_id = self.inbound.inbound_message_id
        logger.info("retry of a text already logged", alert_id=alert_id)
        count("RetriesAfterBroadcast")
        return self._outcome("already_handled", alert_id=alert_id)

    def _read_again(self) -> Activity:
        """The activity as another text left it, to decide again."""
        count("ClaimsContested")
        return self.records.recall(self.neighbourhood, None).activity.pruned(self.now)

    def _cheapest(self, text: str) -> str:
        """The same words in as few SMS parts as they allow, within the cap."""
        smart = self.neighbourhood.smart_encoding
        if smart:
            text = sms.smart_encode(text)
        return sms.shorten(text, self.neighbourhood.max_parts, smart=smart)

    def _acknowledge(self, member: Member, intent: keywords.Intent) -> Outcome:
        activity = self.recall.activity.pruned(self.now)
        opened = activity.answered_alert(
            self.inbound.previous_published_message_id, self.now, self.limits
        )
        if opened is None:
            # A remark only says when one comes (keywords.is_remark), so with
            # no alert to answer there is nothing to pass on. The neighbour is
            # told why: the alert was closed, or there is none this recent.
            closed = activity.closed_alert(
                self.inbound.previous_published_message_id, self.now, self.limits
            )
            return self._suppress(member, "closed_alert" if closed else "stale_reply")

        responders, is_new = self.records.record_response(
            opened, self.neighbourhood, member, self.inbound.received_at, intent.rest
        )
        sender = self.roster.get(opened.sender) if is_new else None
        # Only a first response is news, and only to a sender still in the
        # neighbourhood: one who left asked for no more SMS from us.
        if sender is not None and sender.is_active and sender.phone != member.phone:
            # Best effort: the response is recorded, and a retry would find
            # it so and send nothing anyway.
            self._send_quietly(
                sender.phone,
                "sms.acknowledged",
                name=member.name,
                count=responders,
                language=sender.language,
            )
        count("Acknowledgements")
        return self._outcome(
            "acknowledged", alert_id=opened.alert_id, responders=responders
        )

    def _close(self, member: Member, intent: keywords.Intent) -> Outcome:
        activity = self.recall.activity.pruned(self.now)
        for _ in range(CLAIM_TRIES):
            own = activity.broadcast_of(self.inbound.inbound_message_id)
            if own is not None:
                return self._already_broadcast(own)
            if not activity.open_alerts:
                self._notify(member, activity, "sms.nothing_to_close")
                return self._outcome("nothing_to_close")
            opened = _alert_to_close(member, activity)
            if opened is None:
                # Never broadcast instead: "KLAAR politie is er" from a
                # neighbour would otherwise reach everyone as a new alert.
                latest = activity.open_alerts[-1]
                self._notify(
                    member, activity, "sms.close_refused", name=latest.sender_name
                )
                return self._outcome("close_refused", alert_id=latest.alert_id)

            outcome = intent.rest
            key = "sms.closed_with_outcome" if outcome else "sms.closed"
            closing = self._say(key, self.neighbourhood.language, outcome=outcome)
            reach = sms.count_parts(closing) * activity.active_members
            reason = self._closing_refusal(activity, reach)
            if reason is not None:
                held = self._hold(member, reason, activity, log=False)
                if held is not None:
                    return {**held, "alert_id": opened.alert_id}
            else:
                alert_id = self.inbound.inbound_message_id
                broadcast = Broadcast(
                    self.inbound.received_at,
                    member.phone,
                    digest_of(self.inbound.body),
                    alert_id,
                    kind="closing",
                    closes=opened.alert_id,
                )
                reserved = [("closing", reach)]
                claimed = self._spend(
                    activity.with_closing(broadcast, opened.alert_id), reserved
                )
                won = self.records.claim(self.neighbourhood, activity, claimed)
                if won == "won":
                    return self._send_closing(
                        member, opened, closing, outcome, reserved
                    )
            activity = self._read_again()
        raise ClaimContested(self.inbound.inbound_message_id)

    def _closing_refusal(self, activity: Activity, reach: int) -> Reason | None:
        """A closing is a broadcast like an alert: same limit, same budget."""
        if activity.neighbourhood_full(self.now, self.limits):
            return "neighbourhood_rate"
        budget = self.neighbourhood.monthly_budget
        if budget is not None and (
            activity.spent(self.month) + self._cost(reach) > budget
        ):
            return "budget"
        return None

    def _send_closing(
        self,
        member: Member,
        opened: OpenAlert,
        closing: str,
        outcome: str,
        reserved: list[tuple[str, int]],
    ) -> Outcome:
        alert_id = self.inbound.inbound_message_id

        def revert(now: Activity) -> Activity:
            reopened = replace(
                now.without_broadcast(alert_id),
                open_alerts=(*now.open_alerts, opened),
            )
            return self._spend(reopened, reserved, -1)

        self._broadcast(closing, revert)
        # From here on nothing raises: a retry would send the closing again.
        self._record_quietly(
            lambda: self.records.record_closing(
                opened,
                self.neighbourhood,
                member,
                self.inbound.received_at,
                outcome,
            )
        )
        count("AlertsClosed")
        return self._outcome("closed", alert_id=opened.alert_id)

    def _opt_out(self, member: Member, intent: keywords.Intent) -> Outcome:
        self.roster.update(member.phone, status="opted_out")
        # Always confirmed: leaving must be heard. A repeat within the hour is
        # not (see _from_opted_out), so the confirmation counts as that reply.
        self._send(member.phone, "sms.opted_out", language=member.language)
        activity = self.recall.activity.pruned(self.now)
        key = _keyword_notice(member.phone, "opt_out")
        self._commit(
            activity, lambda now: now.pruned(self.now).with_notice(key, self.now)
        )
        count("OptOuts")
        return self._outcome("opted_out")

    def _already_in(self, member: Member, intent: keywords.Intent) -> Outcome:
        self._keyword_reply(member, "already_in", "sms.already_in")
        return self._outcome("already_in")

    def _help(self, member: Member, intent: keywords.Intent) -> Outcome:
        self._keyword_reply(member, "help", "sms.help")
        return self._outcome("help")

    def _keyword_reply(self, member: Member, kind: str, key: str) -> None:
        """One reply per phone, keyword and hour: a phone that texts HELP in a
        loop must not make the residents pay for an SMS each time.

        Kept apart from the explanations _notify limits, so a member told
        why an alert was held still hears the HELP they ask for next.
        """
        activity = self.recall.activity.pruned(self.now)
        notice = _keyword_notice(member.phone, kind)
        if not activity.may_notify(notice, self.now, self.limits):
            count("KeywordRepliesHeld")
            return
        self._send(member.phone, key, language=member.language)
        self._commit(
            activity, lambda now: now.pruned(self.now).with_notice(notice, self.now)
        )

    def _from_opted_out(self, member: Member, intent: keywords.Intent) -> Outcome:
        if intent.kind == "opt_in" or (intent.kind == "join" and not intent.rest):
            self.roster.update(member.phone, status="active")
            self._send(member.phone, "sms.opted_in", language=member.language)
            count("OptIns")
            return self._outcome("opted_in")
        if intent.kind == "opt_out":
            # A repeat (or Lambda's retry): change nothing, confirm at most
            # once an hour (the first confirmation came with the opt-out).
            self._keyword_reply(member, "opt_out", "sms.opted_out")
            return self._outcome("opted_out")
        if intent.kind == "help":
            return self._help(member, intent)
        activity = self.recall.activity.pruned(self.now)
        self._notify(member, activity, "sms.still_opted_out")
        # Counted whether or not they were told: the metric shows texts that
        # went nowhere, and Lambda's metrics must never be empty.
        count("QuietTexts")
        return self._outcome("opted_out_member")

    # Strangers.

    def _from_stranger(self, intent: keywords.Intent) -> Outcome:
        if self.sender is None or self.sender == self.neighbourhood.long_code:
            return self._quiet("unknown_sender")
        if self.recall.member is not None:
            if intent.kind == "opt_out":
                return self._withdraw(self.recall.member)
            # A pending request: the coordinators have been told; no reply.
            return self._quiet("pending_member")
        if keywords.asks_to_join(intent, self.inbound.body):
            return self._join(intent)
        # Logged and counted before anything is decided: the first text from
        # a number is as much an attempt as the tenth.
        silence = self._quiet("unknown_sender")
        if intent.kind == "opt_out":
            # Never answer a stop word: whoever sent it asked for no SMS.
            return silence
        return self._hint_or_silence(silence)

    def _withdraw(self, pending: Member) -> Outcome:
        """A requester's STOP withdraws the request; they hear nothing more."""
        # Read again: a coordinator may have approved it meanwhile, and an
        # approved member's STOP is an opt-out, never a deletion.
        current = self.roster.get(pending.phone)
        if current is not None and current.status == "pending":
            try:
                self.roster.remove(pending.phone)
            except WijkalertError as error:
                # Gone meanwhile (refused by a coordinator, or Lambda's retry).
                logger.info("join request not withdrawn", reason=error.key)
        return self._quiet("join_withdrawn")

    def _join(self, intent: keywords.Intent) -> Outcome:
        assert self.sender is not None
        if not self._allowed_country(self.sender):
            # Like any stranger from abroad: no record, no SMS to anyone.
            return self._quiet("unknown_sender")
        name, street = keywords.join_details(intent.rest)
        # A request is never refused for its wording: the coordinators decide.
        name = " ".join(name.split())[:NAME_LIMIT].strip()
        street = street[:STREET_LIMIT] if street else None
        if not name:
            name = texts.say("member.unnamed", self.neighbourhood.language)
        try:
            self.roster.add(self.sender, name, street=street, status="pending")
        except MemberExists:
            pass  # Lambda's retry of this same request
        except WijkalertError as error:
            logger.info("join request refused", reason=error.key)
            return self._quiet("join_refused")

        # One SMS per coordinator per hour about requests, however many
        # strangers ask: later ones wait, pending, in the member list.
        activity = self.recall.activity.pruned(self.now)
        told: list[str] = []
        for coordinator in self.roster.members(status="active", role="coordinator"):
            notice = _keyword_notice(coordinator.phone, "join_request")
            if not activity.may_notify(notice, self.now, self.limits):
                continue
            self._send_quietly(
                coordinator.phone,
                "sms.join_requested",
                number=self.sender,
                name=name,
                language=coordinator.language,
            )
            told.append(notice)
        if told:

            def change(now: Activity) -> Activity:
                changed = now.pruned(self.now)
                for notice in told:
                    changed = changed.with_notice(notice, self.now)
                return changed

            self._commit(activity, change)
        count("JoinRequests")
        return self._outcome("join_requested")

    def _hint_or_silence(self, silence: Outcome) -> Outcome:
        """The join hint, at most once a month to a number from home; else
        `silence`, what was already logged and counted for this text."""
        assert self.sender is not None
        hinted = self.recall.hinted_at
        recently = hinted and datetime.fromisoformat(hinted) > self.now - HINT_INTERVAL
        if recently or not self._allowed_country(self.sender):
            return silence
        if not phones.can_receive_sms(self.sender):
            # A landline's text is logged and counted above like any stranger's;
            # a hint to it would be paid for and never read.
            logger.info(
                "no join hint to a number that cannot receive SMS",
                sender=phones.mask(self.sender),
            )
            return silence
        self._send(self.sender, "sms.join_hint", language=self.neighbourhood.language)
        self._record_quietly(
            lambda: self.records.remember_hint(
                self.neighbourhood, str(self.sender), self.now
            )
        )
        return self._outcome("join_hint")

    @staticmethod
    def _allowed_country(phone: str) -> bool:
        try:
            number = phonenumbers.parse(phone)
        except phonenumbers.NumberParseException:
            return False  # not a number we could ever answer
        return phonenumbers.region_code_for_number(number) in ALLOWED_COUNTRIES

    # Holding back.

    def _suppress(
        self, member: Member, reason: Reason, *, notify: bool = True
    ) -> Outcome:
        activity = self.recall.activity.pruned(self.now)
        for _ in range(CLAIM_TRIES):
            held = self._hold(member, reason, activity, notify=notify)
            if held is not None:
                return held
            activity = self._read_again()
        raise ClaimContested(self.inbound.inbound_message_id)

    def _hold(
        self,
        member: Member,
        reason: Reason,
        activity: Activity,
        *,
        notify: bool = True,
        log: bool = True,
    ) -> Outcome | None:
        """Hold this text back and explain; None if another text claimed first.

        The explanations are claimed (notice times, trip, their cost) before
        they are sent, so a retry or a text in the same instant cannot send
        them twice. They are counted but never refused for the budget: the
        residents want the sender and coordinators told that a text was held,
        even when the month's budget is used up.
        """
        tell_sender = notify and activity.may_notify(
            member.phone, self.now, self.limits
        )
        # A member's own limit trips per member: coordinators hear of each
        # phone that floods, not only of the first one this hour.
        tripper = member.phone if reason == "member_rate" else None
        tell_coordinators = reason in (
            "member_rate",
            "neighbourhood_rate",
            "budget",
        ) and (activity.first_trip(reason, self.now, self.limits, tripper))
        facts = self.limits.facts()
        notices: list[tuple[str, str]] = []
        if tell_sender:
            notices.append(
                (
                    member.phone,
                    self._say(f"sms.held.{reason}", member.language, **facts),
                )
            )
        if tell_coordinators:
            # Looked up before anything is sent: after a send nothing may fail.
            for coordinator in self.roster.members(status="active", role="coordinator"):
                if tell_sender and coordinator.phone == member.phone:
                    continue  # already told, as the sender
                notice = self._say(
                    f"sms.tripped.{reason}",
                    coordinator.language,
                    name=member.name,
                    **facts,
                )
                notices.append((coordinator.phone, notice))

        claimed = activity
        if tell_sender:
            claimed = claimed.with_notice(member.phone, self.now)
        if tell_coordinators:
            claimed = claimed.with_trip(reason, self.now, tripper)
        claimed = self._spend(
            claimed, [("reply", sms.count_parts(text)) for _, text in notices]
        )
        alert = (
            self._alert_item(member, self.inbound.body, 0, "suppressed", reason=reason)
            if log
            else None
        )
        won = self.records.claim(self.neighbourhood, activity, claimed, alert)
        if won == "contested":
            return None
        if won == "done":
            return self._already_handled()
        for phone, notice in notices:
            self._deliver(phone, notice)
        logger.info("text held back", reason=reason, sender=phones.mask(member.phone))
        count("TextsHeldBack")
        return self._outcome("held_back", reason=reason)

    def _notify(
        self, member: Member, activity: Activity, key: str, **facts: Any
    ) -> None:
        """One explanation per person per hour, however often they text."""
        if not activity.may_notify(member.phone, self.now, self.limits):
            return
        self._send(member.phone, key, language=member.language, **facts)
        self._commit(
            activity,
            lambda now: now.pruned(self.now).with_notice(member.phone, self.now),
        )

    # Sending.

    def _broadcast(
        self,
        text: str,
        revert: Callable[[Activity], Activity],
        alert: dict[str, Any] | None = None,
    ) -> str:
        """Publish a claimed broadcast; if nothing was sent, give the claim back."""
        try:
            return self.broadcaster.broadcast(self.neighbourhood, text)
        except BroadcastFailed:
            # Raised on purpose: nothing was sent, so Lambda's retry is safe,
            # once the claim no longer says it was.
            logger.exception(
                "broadcast failed", inbound_id=self.inbound.inbound_message_id
            )
            count("BroadcastFailures")
            self.records.unclaim(
                self.neighbourhood, self.inbound.inbound_message_id, revert, alert
            )
            raise

    def _deliver(self, phone: str, text: str) -> None:
        """Send a claimed (already counted) SMS to one phone; never raises."""
        try:
            self.broadcaster.send(self.neighbourhood, phone, text)
            count("RepliesSent")
        except Exception:
            logger.exception("reply not sent", to=phones.mask(phone))
            count("RepliesLost")

    def _say(self, key: str, language: str | None, **facts: Any) -> str:
        """A text from texts.py as it will be sent: cheapest, within the cap."""
        return self._cheapest(
            texts.say(key, language, neighbourhood=self.neighbourhood.name, **facts)
        )

    def _spend(
        self, activity: Activity, spending: list[tuple[str, int]], sign: int = 1
    ) -> Activity:
        for kind, parts in spending:
            activity = activity.with_spending(
                self.month, kind, sign * parts, sign * self._cost(parts)
            )
        return activity

    def _send(
        self, phone: str, key: str, *, language: str | None = None, **facts: Any
    ) -> None:
        text = self._cheapest(
            texts.say(key, language, neighbourhood=self.neighbourhood.name, **facts)
        )
        self.broadcaster.send(self.neighbourhood, phone, text)
        kind = "acknowledgement" if key == "sms.acknowledged" else "reply"
        self._spending.append((kind, sms.count_parts(text)))
        count("RepliesSent")

    def _send_quietly(self, phone: str, key: str, **facts: Any) -> None:
        try:
            self._send(phone, key, **facts)
        except BroadcastFailed:
            logger.exception("reply not sent", to=phones.mask(phone), key=key)

    @staticmethod
    def _record_quietly(write: Callable[[], None]) -> None:
        try:
            write()
        except (ClientError, BotoCoreError):
            logger.exception("record not written after sending")

    def _commit(
        self,
        activity: Activity,
        change: Callable[[Activity], Activity],
        alert: dict[str, Any] | None = None,
    ) -> None:
        """Record the activity change together with every SMS part sent so far."""
        spending, self._spending = self._spending, []

        def counted(now: Activity) -> Activity:
            changed = change(now)
            for kind, parts in spending:
                changed = changed.with_spending(
                    self.month, kind, parts, self._cost(parts)
                )
            return changed

        self.records.commit(self.neighbourhood, activity, counted, alert)

    def _cost(self, parts: int) -> Decimal:
        return parts * self.neighbourhood.price_per_part

    @property
    def month(self) -> str:
        # The residents' month, as the report shows it: not UTC's.
        return self.now.astimezone(TIMEZONE).strftime("%Y-%m")

    # Shaping.

    def _quiet(self, outcome: str) -> Outcome:
        logger.info(
            "text from a number that may not alert",
            outcome=outcome,
            sender=phones.mask(self.inbound.sender),
        )
        count("UnknownSenders" if outcome == "unknown_sender" else "QuietTexts")
        if outcome == "unknown_sender":
            self._tally_stranger()
        return self._outcome(outcome)

    def _tally_stranger(self) -> None:
        self._record_quietly(
            lambda: self.records.tally_stranger(self.neighbourhood, self.now)
        )

    def _outcome(self, outcome: str, **facts: Any) -> Outcome:
        return {"outcome": outcome, "neighbourhood": self.neighbourhood.id, **facts}

    def _alert_item(
        self,
        member: Member,
        text: str,
        parts: int,
        status: str,
        reason: str | None = None,
    ) -> dict[str, Any]:
        alert_id = self.inbound.inbound_message_id
        item: dict[str, Any] = {
            "neighbourhood_id": self.neighbourhood.id,
            "sk": f"{self.inbound.received_at}#{alert_id}",
            "alert_id": alert_id,
            "sender_phone": member.phone,
            "sender_name": member.name,
            "body": self.inbound.body,
            "text": text,
            "received_at": self.inbound.received_at,
            "parts": parts,
            "encoding": sms.encoding_of(text),
            "status": status,
            "responders": {},
            # DynamoDB's TTL removes the alert when the retention period ends.
            "expires_at": expiry(self.now, self.records.retention_months),
        }
        if reason:
            item["reason"] = reason
        # A text held back takes no category: the report counts only what went
        # round, and the export would show a category nobody saw.
        category = keywords.category_of(
            self.inbound.body, self.neighbourhood.categories
        )
        if category and status == "broadcast":
            item["category"] = category
        return item


def _alert_to_close(member: Member, activity: Activity) -> OpenAlert | None:
    """The sender's own latest open alert; for a coordinator, else the latest.

    A sender closes what they sent even when a neighbour alerted after them.
    """
    own = [a for a in activity.open_alerts if a.sender == member.phone]
    if own:
        return own[-1]
    if member.role == "coordinator" and activity.open_alerts:
        return activity.open_alerts[-1]
    return None


def _keyword_notice(phone: str, kind: str) -> str:
    """The notice key for a keyword reply, apart from the phone's explanations."""
    return f"{phone}#{kind}"


def _euros(amount: Decimal) -> str:
    return f"{amount.quantize(Decimal('0.01'))}"


def moment(received_at: str) -> datetime:
    return datetime.fromisoformat(received_at.replace("Z", "+00:00"))


def expiry(received: datetime, months: int) -> int:
    """Epoch seconds `months` calendar months after `received` (TTL's format)."""
    return int(months_later(received, months).timestamp())
