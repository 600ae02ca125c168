"""What a coordinator can do through the admin API, for their own neighbourhood.

Every operation takes the neighbourhood from the coordinator's token, never
from the request, so a token for one neighbourhood cannot see or change
another's roster. Request bodies are checked here, field by field, before
anything is written; a refusal names the field and says what is wrong.
"""

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

from chalicelib import phones, sms, texts
from chalicelib.alerts import AlertLog, _received_between, dutch_days
from chalicelib.broadcast import TopicBroadcaster
from chalicelib.conversation import TALLY_PREFIX
from chalicelib.errors import (
    AlertNotBroadcast,
    AlertNotFound,
    BroadcastFailed,
    InvalidInput,
    InvalidPhoneNumber,
    MemberNotPending,
    NeighbourhoodNotFound,
    PayloadTooLarge,
)
from chalicelib.members import Member, OptOuts, Roster, read_roster_csv
from chalicelib.neighbourhoods import (
    DEFAULT_CATEGORIES,
    TIMEZONE,
    Neighbourhood,
    NeighbourhoodDirectory,
    months_later,
    partition_of,
    price_text,
)
from chalicelib.observability import logger
from chalicelib.protection import ACTIVITY, Activity
from chalicelib.tokens import CoordinatorTokens, Token

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.service_resource import Table
    from mypy_boto3_sns.client import SNSClient

    from chalicelib.config import Settings

JSON_LIMIT: Final = 16 * 1024
CSV_LIMIT: Final = 1024 * 1024
PAGE_LIMIT: Final = 100
IMPORT_ROWS: Final = 500
MEMBER_FIELDS: Final = frozenset(
    {"phone", "name", "street", "role", "status", "language"}
)
CHANGEABLE: Final = MEMBER_FIELDS - {"phone"}
# The settings' bounds; the CLI checks its options against the same ones.
MOST_EUROS: Final = 10_000
BUDGET_PLACES: Final = 2
PRICE_PLACES: Final = 4
MOST_PARTS: Final = 10
MOST_CATEGORIES: Final = 20

# Headers on an export whose days reach back before what the retention keeps:
# the moment the log starts (ISO, Dutch time) and the retention in months.
ERASED_BEFORE: Final = "X-Wijkalert-Erased-Before"
RETENTION_MONTHS: Final = "X-Wijkalert-Retention-Months"


def read_json(raw: bytes | None, limit: int = JSON_LIMIT) -> dict[str, Any]:
    """The request body as a JSON object, or `InvalidInput` saying what is wrong."""
    body = _within(raw, limit)
    try:
        parsed = json.loads(body.decode("utf-8") or "null")
    except (UnicodeDecodeError, ValueError, RecursionError):
        # RecursionError: arrays nested thousands deep fit in the size limit.
        raise InvalidInput("api.body_not_json", field="body") from None
    if not isinstance(parsed, dict):
        raise InvalidInput("api.body_not_object", field="body")
    return parsed


def read_text(raw: bytes | None, limit: int = CSV_LIMIT) -> str:
    try:
        return _within(raw, limit).decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInput("api.body_not_utf8", field="body") from None


def _within(raw: bytes | None, limit: int) -> bytes:
    body = raw or b""
    if len(body) > limit:
        raise PayloadTooLarge("api.body_too_large", field="body", limit=limit // 1024)
    return body


def _refuse_unknown(body: Mapping[str, Any], allowed: frozenset[str]) -> None:
    """A misspelt field is refused by name, never silently ignored."""
    for name in body:
        if name not in allowed:
            raise InvalidInput(
                "api.field_unknown",
                field=name,
                name=name,
                choices=", ".join(sorted(allowed)),
            )


def _fields(body: Mapping[str, Any], allowed: frozenset[str]) -> dict[str, str | None]:
    """Check that every field is known and is text (or null, to clear it)."""
    _refuse_unknown(body, allowed)
    for name, value in body.items():
        if value is not None and not isinstance(value, str):
            raise InvalidInput("api.field_not_text", field=name, name=name)
    return dict(body)


def _limit(query: Mapping[str, str]) -> int:
    raw = query.get("limit", "50")
    # ASCII only: "²".isdigit() is true, and int() refuses it.
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= PAGE_LIMIT:
        raise InvalidInput("api.limit_invalid", field="limit", most=PAGE_LIMIT)
    return int(raw)


def _day(query: Mapping[str, str], name: str) -> str:
    raw = query.get(name, "").strip()
    if not raw:
        return ""
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        raise InvalidInput("api.date_invalid", field=name, value=raw) from None
    # Days whose Dutch midnight a datetime can still turn into UTC and back:
    # the report's years (report.FIRST_YEAR to report.LAST_YEAR).
    if not 1970 <= day.year <= 9998:
        raise InvalidInput("api.date_out_of_range", field=name, value=raw)
    return day.isoformat()


def _month(query: Mapping[str, str]) -> str:
    """The month the costs are asked for: one the report would accept too."""
    raw = query.get("month")
    if raw is None:
        # The neighbourhood's month, as the budget and the report count it.
        return datetime.now(TIMEZONE).strftime("%Y-%m")
    # Imported here, as in `report`: the inbound function never needs it.
    from chalicelib import report

    month = report.Month.parse(raw)
    # A month not yet begun has no SMS; zeros would read as a quiet month.
    if not month.has_begun(datetime.now(UTC)):
        raise InvalidInput("costs.month_future", field="month", value=str(month))
    return str(month)


SETTINGS: Final = frozenset(
    {
        "monthly_budget",
        "price_per_part",
        "max_parts",
        "smart_encoding",
        "show_names",
        "categories",
    }
)


def _setting_changes(body: Mapping[str, Any]) -> dict[str, Any]:
    """Each given setting checked: euros as text with at most two decimals
    (four for the price), a budget above nought or null for none, a price
    above nought, 1 to 10 parts, smart encoding true or false, categories as
    a list or null for the default list."""
    _refuse_unknown(body, SETTINGS)
    changes: dict[str, Any] = {}
    for name, value in body.items():
        if name == "categories" and value is None:
            changes[name] = DEFAULT_CATEGORIES  # back to the list everyone starts with
        elif name == "categories":
            changes[name] = tuple(_categories(value))
        elif name in ("smart_encoding", "show_names"):
            if not isinstance(value, bool):
                raise InvalidInput("settings.not_boolean", field=name, name=name)
            changes[name] = value
        elif name == "max_parts":
            if (
                not isinstance(value, int)
                or isinstance(value, bool)
                or not 1 <= value <= MOST_PARTS
            ):
                raise InvalidInput("settings.parts_invalid", field=name)
            changes[name] = value
        elif name == "monthly_budget" and value is None:
            changes[name] = None  # no budget: every alert goes out
        elif name == "monthly_budget":
            changes[name] = _budget(value)
        else:
            changes[name] = _price(value)
    return changes


def _price(value: object) -> Decimal:
    price = _euros("price_per_part", value, places=PRICE_PLACES)
    if price == 0:
        # An SMS is never free, and at nought every alert would fit any budget.
        raise InvalidInput("settings.price_zero", field="price_per_part")
    return price


def _budget(value: object) -> Decimal:
    budget = _euros("monthly_budget", value, places=BUDGET_PLACES)
    if budget == 0:
        # Residents who set nought mean "no budget", yet nought holds back
        # every alert, a fire as much as a lost cat.
        raise InvalidInput("settings.budget_zero", field="monthly_budget")
    return budget


def _euros(name: str, value: object, places: int) -> Decimal:
    try:
        amount = Decimal(str(value)) if isinstance(value, str) else Decimal("NaN")
    except ArithmeticError:
        amount = Decimal("NaN")
    exponent = amount.as_tuple().exponent if amount.is_finite() else 0
    if (
        not amount.is_finite()
        or amount < 0
        or amount > MOST_EUROS
        or not isinstance(exponent, int)
        or -exponent > places
    ):
        raise InvalidInput(
            "settings.euros_invalid", field=name, name=name, places=places
        )
    return amount


def _settings_view(neighbourhood: Neighbourhood) -> dict[str, Any]:
    return {
        "monthly_budget": _money_or_none(neighbourhood.monthly_budget),
        "price_per_part": price_text(neighbourhood.price_per_part),
        "max_parts": neighbourhood.max_parts,
        "smart_encoding": neighbourhood.smart_encoding,
        "show_names": neighbourhood.show_names,
        "categories": list(neighbourhood.categories),
    }


def _money_or_none(amount: Decimal | None) -> str | None:
    return None if amount is None else _money(amount)


def _money(amount: Decimal) -> str:
    return str(amount.quantize(Decimal("0.01")))


def _alert_cursor(
    query: Mapping[str, str], neighbourhood_id: str, since: str, until: str
) -> str | None:
    raw = query.get("cursor")
    if raw is None:
        return None
    moment, _, alert_id = raw.partition("#")
    if not (moment[:4].isdigit() and alert_id and len(raw) <= 200):
        raise InvalidInput("api.cursor_invalid", field="cursor")
    # DynamoDB refuses an ExclusiveStartKey outside the key condition with a
    # ValidationException (moto does not): a cursor from a page of another
    # date range is a 400 here, not a 500 in AWS.
    bounds = _received_between(neighbourhood_id, since, until)
    values = bounds["ExpressionAttributeValues"]
    if not values[":a"] <= raw <= values[":b"]:
        raise InvalidInput("api.cursor_invalid", field="cursor")
    return raw


def _member_cursor(query: Mapping[str, str]) -> str | None:
    raw = query.get("cursor")
    if raw is None:
        return None
    try:
        return phones.normalise(raw, field="cursor")
    except InvalidPhoneNumber:
        # The cursor is the last number of the page before, but the client
        # only passes it on; "not a phone number" would puzzle whoever reads it.
        raise InvalidInput("api.cursor_invalid", field="cursor") from None


def _choice(
    query: Mapping[str, str], name: str, choices: tuple[str, ...]
) -> str | None:
    raw = query.get(name)
    if raw is None:
        return None
    if raw not in choices:
        raise InvalidInput(
            f"member.{name}_unknown", field=name, value=raw, choices=", ".join(choices)
        )
    return raw


@dataclass(frozen=True)
class CoordinatorOffice:
    """The admin API's work, on injected AWS clients."""

    roster_table: "Table"
    alerts_table: "Table"
    sns: "SNSClient"
    sms_max_price: str = "0.50"
    alert_retention_months: int = 24

    @classmethod
    def open(cls, settings: "Settings") -> "CoordinatorOffice":
        import boto3

        dynamodb = boto3.resource("dynamodb")
        return cls(
            roster_table=dynamodb.Table(settings.roster_table),
            alerts_table=dynamodb.Table(settings.alerts_table),
            sns=boto3.client("sns"),
            sms_max_price=settings.sms_max_price,
            alert_retention_months=settings.alert_retention_months,
        )

    # Who is asking.

    def verify(self, presented: str) -> Token | None:
        """The token behind an `Authorization: Bearer <token>` header, if valid."""
        scheme, _, token = presented.strip().partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return None
        return CoordinatorTokens(self.roster_table).verify(token)

    def neighbourhood(self, neighbourhood_id: str) -> Neighbourhood:
        found = NeighbourhoodDirectory(self.roster_table, self.sns).get(
            neighbourhood_id
        )
        if found is None:
            # A valid token for a neighbourhood that was taken down since.
            raise NeighbourhoodNotFound(
                "neighbourhood.not_found", value=neighbourhood_id
            )
        return found

    def language(self, neighbourhood_id: str, accept_language: str | None) -> str:
        """The coordinator's language: what their client asks for, else the
        neighbourhood's."""
        wanted = (accept_language or "").split(",")[0].split("-")[0].strip().lower()
        if wanted in texts.LANGUAGES:
            return wanted
        return self.neighbourhood(neighbourhood_id).language

    # The roster.

    def members(
        self, neighbourhood_id: str, query: Mapping[str, str]
    ) -> dict[str, Any]:
        roster = self._roster(neighbourhood_id)
        members, cursor = roster.page(
            status=_choice(
                query, "status", ("active", "inactive", "opted_out", "pending")
            ),
            role=_choice(query, "role", ("member", "coordinator")),
            limit=_limit(query),
            after=_member_cursor(query),
        )
        # One CheckIfPhoneNumberIsOptedOut per member, the same question
        # GET /members/{phone} asks, so the list and the member agree; a page
        # is at most PAGE_LIMIT members.
        return {
            "members": [self._view(m) for m in members],
            "next": cursor,
        }

    def member(self, neighbourhood_id: str, phone: str) -> dict[str, Any]:
        return self._view(self._roster(neighbourhood_id).require(phone))

    def _view(self, member: Member) -> dict[str, Any]:
        """The member as the API shows them, opted out as SNS sees it now."""
        if member.status == "opted_out":
            return _member_view(member, True)  # SNS need not be asked
        return _member_view(member, OptOuts(self.sns).is_opted_out(member.phone))

    def add_member(
        self, neighbourhood_id: str, body: Mapping[str, Any]
    ) -> dict[str, Any]:
        fields = _fields(body, MEMBER_FIELDS)
        if not fields.get("phone"):
            raise InvalidInput("phone.empty", field="phone")
        # Opted out and pending are statuses a neighbour brings about by SMS.
        if fields.get("status") not in (None, "", "active", "inactive"):
            raise InvalidInput(
                "member.status_unknown",
                field="status",
                value=fields["status"],
                choices="active, inactive",
            )
        member = self._roster(neighbourhood_id).add(
            fields["phone"] or "",
            fields.get("name") or "",
            street=fields.get("street"),
            role=fields.get("role") or "member",
            status=fields.get("status") or "active",
            language=fields.get("language"),
        )
        logger.info(
            "member added",
            neighbourhood=neighbourhood_id,
            member=phones.mask(member.phone),
        )
        # A number may have replied STOP to AWS long before it was added.
        return self._view(member)

    def update_member(
        self, neighbourhood_id: str, phone: str, body: Mapping[str, Any]
    ) -> dict[str, Any]:
        if "phone" in body:
            raise InvalidInput("api.phone_fixed", field="phone")
        changes = _fields(body, CHANGEABLE)
        roster = self._roster(neighbourhood_id)
        current = roster.require(phone)
        if "status" in changes:
            _check_status_change(current, changes["status"])
        stays = (
            changes.get("role", current.role) == "coordinator"
            and changes.get("status", current.status) == "active"
        )
        if not stays:
            _keep_a_coordinator(roster, current)
        return self._view(roster.update(phone, **changes))

    def remove_member(self, neighbourhood_id: str, phone: str) -> None:
        roster = self._roster(neighbourhood_id)
        member = roster.require(phone)
        _keep_a_coordinator(roster, member)
        # Their tokens go with them: a former member manages nothing.
        tokens = CoordinatorTokens(self.roster_table)
        for token in tokens.tokens(roster.neighbourhood):
            if token.coordinator == member.phone and not token.is_revoked:
                tokens.revoke(roster.neighbourhood, token.token_id)
        # Before the roster row goes: if anything fails, the member is still
        # there and removing them again finishes the job.
        AlertLog(self.alerts_table).forget_sender(neighbourhood_id, member.phone)
        removed = roster.remove(member.phone)
        logger.info(
            "member removed",
            neighbourhood=neighbourhood_id,
            member=phones.mask(removed.phone),
        )

    def approve(self, neighbourhood_id: str, phone: str) -> dict[str, Any]:
        """Let a neighbour who asked to join in, and tell them by SMS."""
        roster = self._roster(neighbourhood_id)
        _require_pending(roster, roster.require(phone))
        member = roster.update(phone, status="active")
        self._tell(roster.neighbourhood, member, "sms.join_approved")
        return self._view(member)

    def refuse(self, neighbourhood_id: str, phone: str) -> None:
        """Turn a join request down, tell the neighbour, and forget their number."""
        roster = self._roster(neighbourhood_id)
        member = roster.require(phone)
        _require_pending(roster, member)
        roster.remove(member.phone)
        self._tell(roster.neighbourhood, member, "sms.join_refused")

    def _tell(self, neighbourhood: Neighbourhood, member: Member, key: str) -> None:
        text = texts.say(key, member.language, neighbourhood=neighbourhood.name)
        if neighbourhood.smart_encoding:
            text = sms.smart_encode(text)
        broadcaster = TopicBroadcaster(self.sns, max_price=self.sms_max_price)
        try:
            broadcaster.send(neighbourhood, member.phone, text)
        except BroadcastFailed:
            # The roster already changed; the coordinator can tell them in person.
            logger.exception("outcome not sent", member=phones.mask(member.phone))
            return
        self._count_reply(neighbourhood, text)

    def _count_reply(self, neighbourhood: Neighbourhood, text: str) -> None:
        """Every SMS counts against the budget, this one too."""
        import boto3

        from chalicelib.conversation import NeighbourhoodRecords

        records = NeighbourhoodRecords(
            boto3.resource("dynamodb"), self.roster_table.name, self.alerts_table.name
        )
        parts = sms.count_parts(text)
        cost = parts * neighbourhood.price_per_part
        month = datetime.now(TIMEZONE).strftime("%Y-%m")
        records.commit(
            neighbourhood,
            records.recall(neighbourhood, None).activity,
            lambda activity: activity.with_spending(month, "reply", parts, cost),
        )

    def import_members(
        self, neighbourhood_id: str, csv_text: str, language: str
    ) -> dict[str, Any]:
        rows = read_roster_csv(csv_text)
        if len(rows) > IMPORT_ROWS:
            # One request must end well within API Gateway's 29 seconds.
            raise InvalidInput("import.too_many_rows", field="csv", most=IMPORT_ROWS)
        outcomes = self._roster(neighbourhood_id).import_rows(rows)
        counts = {kind: 0 for kind in ("added", "updated", "unchanged", "refused")}
        report = []
        for outcome in outcomes:
            counts[outcome.outcome] += 1
            line: dict[str, Any] = {
                "line": outcome.line,
                "phone": outcome.phone,
                "outcome": outcome.outcome,
            }
            if outcome.error is not None:
                line["field"] = outcome.error.field
                line["reason"] = outcome.error.sentence(language)
            report.append(line)
        return {"rows": report, "counts": counts}

    def settings(self, neighbourhood_id: str) -> dict[str, Any]:
        """What the residents agreed on: the budget and how SMS are sent."""
        return _settings_view(self.neighbourhood(neighbourhood_id))

    def change_settings(
        self, neighbourhood_id: str, body: Mapping[str, Any]
    ) -> dict[str, Any]:
        """Change the budget or sending settings; the alert path sees them within
        the few minutes a warm Lambda keeps a neighbourhood."""
        current = self.neighbourhood(neighbourhood_id)
        changed = replace(current, **_setting_changes(body))
        self.roster_table.put_item(Item=changed.to_item())
        return _settings_view(changed)

    def costs(self, neighbourhood_id: str, query: Mapping[str, str]) -> dict[str, Any]:
        """A month's SMS: parts sent by kind, their cost, and the budget left."""
        month = _month(query)
        neighbourhood = self.neighbourhood(neighbourhood_id)
        activity = self._activity(neighbourhood_id)
        spending = activity.spending(month)
        spent = spending.cost
        budget = neighbourhood.monthly_budget
        active = activity.active_members
        # Today's members say how the running month's cost falls on each of
        # them; a month that is over went to the members of its own days.
        running = month == datetime.now(TIMEZONE).strftime("%Y-%m")
        per_member = spent / active if active else Decimal(0)
        # A month that is over without a record (nothing sent, sent before the
        # record was kept, or the record is gone) has no known cost, and so no
        # known budget left. The running month's record starts with its first
        # SMS: until then it has truly cost nothing.
        known = spending.recorded or running
        left = None if budget is None else _money(max(budget - spent, Decimal(0)))
        return {
            "month": month,
            "recorded": spending.recorded,
            "parts": spending.parts,
            "cost": _money(spent) if known else None,
            "budget": _money_or_none(budget),
            "left": left if known else None,
            "price_per_part": price_text(neighbourhood.price_per_part),
            "active_members": active,
            "cost_per_member": _money(per_member) if running else None,
        }

    def _activity(self, neighbourhood_id: str) -> Activity:
        """The neighbourhood's activity, with the SMS recorded per month."""
        item = self.roster_table.get_item(
            Key={"pk": partition_of(neighbourhood_id), "sk": ACTIVITY}
        ).get("Item")
        return Activity.from_item(item)

    def reconcile(self, neighbourhood_id: str) -> dict[str, Any]:
        report = self._roster(neighbourhood_id).reconcile()
        logger.info(
            "roster reconciled",
            neighbourhood=neighbourhood_id,
            subscribed=[phones.mask(p) for p in report.subscribed],
            unsubscribed=[phones.mask(p) for p in report.unsubscribed],
        )
        return {"subscribed": report.subscribed, "unsubscribed": report.unsubscribed}

    def reconcile_everywhere(self) -> dict[str, Any]:
        """Reconcile every neighbourhood; what the daily schedule runs."""
        directory = NeighbourhoodDirectory(self.roster_table, self.sns)
        return {n.id: self.reconcile(n.id) for n in directory.everyone()}

    # The alert log.

    def alerts(
        self, neighbourhood_id: str, query: Mapping[str, str], language: str
    ) -> dict[str, Any]:
        since, until = _day(query, "from"), _day(query, "to")
        if since and until and since > until:
            raise InvalidInput("api.dates_reversed", field="from")
        # A coordinator's days are Dutch days, as the export's and the
        # report's are; the log's keys are UTC.
        since, until = dutch_days(since, until)
        items, cursor = AlertLog(self.alerts_table).page(
            neighbourhood_id,
            since=since,
            until=until,
            limit=_limit(query),
            after=_alert_cursor(query, neighbourhood_id, since, until),
        )
        former = texts.say("api.former_member", language)
        return {
            "alerts": [
                {
                    "id": item["alert_id"],
                    "received_at": item["received_at"],
                    "sender": item.get("sender_name") or former,
                    "body": item["body"],
                    "parts": int(item["parts"]),
                    "status": str(item.get("status", "broadcast")),
                    "reason": item.get("reason"),
                    "responders": len(item.get("responders") or {}),
                    "outcome": item.get("outcome"),
                    "category": item.get("category"),
                }
                for item in items
            ],
            "next": cursor,
        }

    def categorise(
        self, neighbourhood_id: str, alert_id: str, body: Mapping[str, Any]
    ) -> dict[str, Any]:
        """Set (or clear, with "" or null) what an alert was about.

        Only an alert that went round is given one: the report counts those
        alone, so a category on a text held back would show in the export only.
        """
        fields = _fields(body, frozenset({"category"}))
        if "category" not in fields:
            # `{}` would otherwise read as null and clear the category.
            raise InvalidInput("alert.category_missing", field="category")
        wanted = (fields["category"] or "").strip()
        categories = self.neighbourhood(neighbourhood_id).categories
        category = wanted.removeprefix("#").casefold()
        if category and category not in categories:
            raise InvalidInput(
                "alert.category_unknown",
                field="category",
                value=wanted,
                choices=", ".join(categories),
            )
        log = AlertLog(self.alerts_table)
        item = log.find(neighbourhood_id, alert_id)
        if item is None:
            raise AlertNotFound("alert.not_found", field="id", value=alert_id)
        if category and str(item.get("status", "broadcast")) != "broadcast":
            # Clearing stays allowed: it takes a hashtag's category off a text
            # that was held back.
            raise AlertNotBroadcast("alert.not_broadcast", field="id", value=alert_id)
        log.categorise(neighbourhood_id, str(item["sk"]), category or None)
        return {
            "id": alert_id,
            "received_at": item["received_at"],
            "category": category or None,
        }

    def export_alerts(
        self, neighbourhood_id: str, query: Mapping[str, str], language: str
    ) -> str:
        """The alert log from one day to another as CSV, without phone numbers."""
        from chalicelib import report

        since, until = _day(query, "from"), _day(query, "to")
        if since and until and since > until:
            raise InvalidInput("api.dates_reversed", field="from")
        neighbourhood = self.neighbourhood(neighbourhood_id)
        items = AlertLog(self.alerts_table).between(
            neighbourhood_id, *dutch_days(since, until)
        )
        return report.alerts_csv(items, language, neighbourhood.show_names)

    def erased_before(self, query: Mapping[str, str]) -> datetime | None:
        """The moment before which the retention erased the alert log, when the
        days asked for (from, to) reach back before it; None otherwise, and
        when no day was asked for, which means all that is kept."""
        since, until = _day(query, "from"), _day(query, "to")
        if not (since or until):
            return None
        cut = months_later(datetime.now(UTC), -self.alert_retention_months)
        first = dutch_days(since, until)[0]
        if first and first >= cut.isoformat(timespec="seconds")[:19]:
            return None
        return cut.astimezone(TIMEZONE)

    def report(
        self, neighbourhood_id: str, query: Mapping[str, str], language: str
    ) -> tuple[str, str]:
        """The month's report: ("html" or "csv", the document)."""
        # Imported here: only coordinators asking for a report pay for it, not
        # the cold start of every inbound text.
        from chalicelib import report

        month = report.Month.parse(query.get("month", ""))
        now = datetime.now(UTC)
        if not month.has_begun(now):
            raise InvalidInput("report.month_future", field="month", value=str(month))
        kind = query.get("format", "html")
        if kind not in ("html", "csv"):
            raise InvalidInput("report.format_invalid", field="format", value=kind)
        neighbourhood = self.neighbourhood(neighbourhood_id)
        figures = report.figures(
            AlertLog(self.alerts_table).between(neighbourhood_id, *month.utc_bounds()),
            month,
            neighbourhood,
            unknown_texts=self._unknown_texts(neighbourhood_id, str(month)),
            # What `costs` shows for the month, from the same record.
            spending=self._activity(neighbourhood_id).spending(str(month)),
            retention_months=self.alert_retention_months,
            now=now,
        )
        if kind == "csv":
            return kind, report.render_csv(figures, language)
        return kind, report.render_html(figures, language, now)

    def _unknown_texts(self, neighbourhood_id: str, month: str) -> int:
        reply = self.roster_table.get_item(
            Key={"pk": partition_of(neighbourhood_id), "sk": TALLY_PREFIX + month}
        )
        counted = reply.get("Item", {}).get("unknown_texts", 0)
        return int(str(counted))

    def _roster(self, neighbourhood_id: str) -> Roster:
        return Roster(self.roster_table, self.sns, self.neighbourhood(neighbourhood_id))


CATEGORY: Final = re.compile(r"\w{2,30}")


def _categories(value: object) -> list[str]:
    if not isinstance(value, list) or not 1 <= len(value) <= MOST_CATEGORIES:
        raise InvalidInput(
            "settings.categories_invalid", field="categories", most=MOST_CATEGORIES
        )
    chosen: list[str] = []
    for category in value:
        tag = str(category).strip().removeprefix("#").casefold()
        if not isinstance(category, str) or not CATEGORY.fullmatch(tag):
            raise InvalidInput(
                "settings.category_invalid", field="categories", value=category
            )
        if tag not in chosen:
            chosen.append(tag)
    return chosen


def _check_status_change(member: Member, wanted: str | None) -> None:
    if wanted not in ("active", "inactive"):
        raise InvalidInput(
            "member.status_unknown",
            field="status",
            value=wanted,
            choices="active, inactive",
        )
    if member.status == "opted_out" and wanted != member.status:
        raise InvalidInput("member.status_theirs", field="status", phone=member.phone)
    if member.status == "pending" and wanted != member.status:
        raise InvalidInput("member.status_pending", field="status", phone=member.phone)


def _keep_a_coordinator(roster: Roster, member: Member) -> None:
    roster.keep_a_coordinator(member)


def _require_pending(roster: Roster, member: Member) -> None:
    if member.status != "pending":
        raise MemberNotPending(
            "member.not_pending",
            field="phone",
            phone=member.phone,
            neighbourhood=roster.neighbourhood.name,
        )


def _member_view(member: Member, opted_out: bool) -> dict[str, Any]:
    return {
        "phone": member.phone,
        "name": member.name,
        "street": member.street,
        "role": member.role,
        "status": member.status,
        "language": member.language,
        "joined": member.joined,
        # Left by texting STOP to wijkalert, or to AWS itself.
        "opted_out": opted_out or member.status == "opted_out",
    }
