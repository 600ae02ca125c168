"""A made-up but plausible month of Molenwijk's alert log, for the demo report.

Driving hundreds of texts through the Lambda handler on moto takes minutes, so
the month is written straight into the alert log, item by item as
`chalicelib.conversation` writes them: the broadcast composed, measured and
categorised by the same functions, the expiry by the same rule. Responses and
closings are the fields `record_response` and `record_closing` set.

The month leans the way a neighbourhood's does: evenings and nights more than
mornings, weekends more than weekdays, a burglary spree in one week. A seed
makes it the same month every time, so tests can count it.

The log holds what the real one would hold now: nothing from days still to
come, and nothing the retention has already erased. Beside it, the SMS those
texts led to are recorded per month and kind, as the live pipeline records
them when it sends (and as `wijkalert costs` and the report read them): every
broadcast to the whole roster, each "komt" to the alert's sender, and the
explanations of texts held back. That record is never erased, as the real one
is not.
"""

import os
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Final

import boto3
import click

from chalicelib import config, keywords, sms, texts
from chalicelib.conversation import TALLY_PREFIX, NeighbourhoodRecords, expiry
from chalicelib.coordinators import CoordinatorOffice
from chalicelib.errors import WijkalertError
from chalicelib.members import ImportRow
from chalicelib.neighbourhoods import TIMEZONE, Neighbourhood, partition_of
from chalicelib.protection import Activity, Limits
from chalicelib.report import Month
from wijkalert.files import UnwritableFile, show, write_text
from wijkalert.sandbox import DEMO_NEIGHBOURHOOD, DEMO_ROSTER, ENVIRONMENT, Sandbox

# On top of the demo roster's five: Molenwijk as a street of twenty-five.
MORE_NEIGHBOURS: Final = tuple(
    ImportRow(index + 7, f"+316123456{index + 10:02d}", name, street)
    for index, (name, street) in enumerate(
        [
            ("Lotte", "Dorpstraat 1"),
            ("Youssef", "Dorpstraat 3"),
            ("Anouk", "Dorpstraat 7"),
            ("Dirk", "Kastanjelaan 2"),
            ("Priya", "Kastanjelaan 6"),
            ("Kees", "Kometensingel 9"),
            ("Emma", "Kometensingel 11"),
            ("Bram", "Molenstraat 2"),
            ("Nadia", "Molenstraat 4"),
            ("Ruud", "Molenstraat 10"),
            ("Ilse", "Wiekplein 1"),
            ("Hamza", "Wiekplein 3"),
            ("Joke", "Wiekplein 5"),
            ("Tim", "Zeilmakerstraat 2"),
            ("Mei", "Zeilmakerstraat 8"),
            ("Sem", "Zeilmakerstraat 12"),
            ("Esra", "Kastanjelaan 20"),
            ("Wim", "Dorpstraat 15"),
            ("Floor", "Kometensingel 21"),
            ("Daan", "Molenstraat 22"),
        ]
    )
)

# What neighbours text, by what it was about (None: no hashtag).
TEXTS: Final[dict[str | None, tuple[str, ...]]] = {
    "inbraak": (
        "#inbraak Man met koevoet bij achterdeur {street}",
        "#inbraak Glasgerinkel achter {street}, iemand rent weg richting park",
        "#Inbraak schuurdeur {street} open gebroken, fietsen weg",
    ),
    "overlast": (
        "#overlast Groep jongeren met harde muziek bij {street}",
        "#overlast Scooters scheuren rondjes over de stoep bij {street}",
    ),
    "verdacht": (
        "#verdacht Busje zonder kenteken rijdt al een uur rondjes, nu bij {street}",
        "#verdacht Twee mannen kijken bij elke voordeur naar binnen, {street}",
        "#verdacht Iemand voelt aan autodeuren, {street}, donkere jas",
    ),
    "brand": ("#brand Rook uit container bij {street}, 112 gebeld",),
    "vandalisme": (
        "#vandalisme Bushokje bij {street} ingegooid",
        "#vandalisme Spiegels van auto's afgetrapt, {street}",
    ),
    None: (
        "Hond loopt los op de Dorpstraat, wie kent hem?",
        "Verdachte man probeert fietsen open te breken bij {street}",
        "Auto met lichten aan en motor draaiend bij {street}, niemand erin",
        "Harde knal gehoord bij {street}, weet iemand wat het was?",
    ),
}
CATEGORY_WEIGHTS: Final = {
    "inbraak": 20,
    "overlast": 22,
    "verdacht": 25,
    "brand": 3,
    "vandalisme": 10,
    None: 20,
}
# Alerts per hour of the day, relative: quiet mornings, busy evenings.
HOUR_WEIGHTS: Final = (
    4, 3, 3, 2, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 5, 6, 8, 9, 10, 10, 9, 6,
)  # fmt: skip
WEEKDAY_WEIGHTS: Final = (5, 5, 6, 6, 8, 10, 9)  # Monday first
# How an alert ended, by what it was about: the demo is shown to the police,
# and a fire brigade closing a burglary would puzzle them. Seven each, as
# many as one list had before, so drawing one takes the same randomness and
# the November demo keeps its numbers. The number shows how the report hides
# one; all are plain ASCII, so a closing stays one SMS part.
OUTCOMES: Final[dict[str | None, tuple[str, ...]]] = {
    "inbraak": (
        "politie was er binnen 10 minuten, niemand aangehouden",
        "dader gevlucht, aangifte gedaan",
        "politie heeft een man aangehouden",
        "loos alarm, was de nieuwe bewoner",
        "schuur weer dicht, eigenaar doet aangifte",
        "",
        "wijkagent neemt contact op, bel hem op 06-12345699",
    ),
    "overlast": (
        "jongeren zijn vertrokken na gesprek",
        "politie heeft ze weggestuurd",
        "muziek is uit, het is weer rustig",
        "handhaving komt vaker langs",
        "scooters weg, kenteken doorgegeven aan de politie",
        "",
        "wijkagent neemt contact op, bel hem op 06-12345699",
    ),
    "verdacht": (
        "loos alarm, was de nieuwe bewoner",
        "bezorger, niets aan de hand",
        "politie heeft ze gecontroleerd",
        "busje weggereden, kenteken doorgegeven",
        "niemand meer gezien",
        "",
        "wijkagent neemt contact op, bel hem op 06-12345699",
    ),
    "brand": (
        "brandweer heeft het geblust",
        "brandweer is geweest, niemand gewond",
        "zelf geblust met een emmer water",
        "container is leeg, het vuur is uit",
        "gemeente haalt de container weg",
        "",
        "brandweer zoekt getuigen, bel 06-12345699",
    ),
    "vandalisme": (
        "gemeente is ingelicht, wordt gerepareerd",
        "aangifte gedaan, foto's bij de politie",
        "daders herkend, politie ingelicht",
        "glas is opgeruimd",
        "schade gemeld bij de gemeente",
        "",
        "wijkagent neemt contact op, bel hem op 06-12345699",
    ),
    None: (
        "opgelost, dank voor het meekijken",
        "loos alarm, niets aan de hand",
        "politie is langs geweest",
        "eigenaar gevonden",
        "niets meer te zien of te horen",
        "",
        "wijkagent neemt contact op, bel hem op 06-12345699",
    ),
}
REMARKS: Final = ("", "", "eraan", "2 min", "ik kijk vanuit het raam")
# Help is printed before any option is read (as in `wijkalert.cli`).
HELP_LANGUAGE: Final = os.environ.get("WIJKALERT_LANG")
SUPPRESSIONS: Final = (
    ("duplicate_text", 12),
    ("member_rate", 6),
    ("auto_reply", 5),
    ("stale_reply", 9),
)


@dataclass(frozen=True)
class DemoMonth:
    """What was written: the alert items, the tally of strangers and the SMS
    parts sent, per month (the neighbourhood's, as sent) and kind."""

    items: list[dict[str, Any]]
    unknown_texts: int
    parts: dict[str, dict[str, int]]


def generate(
    neighbourhood: Neighbourhood,
    members: Sequence[ImportRow],
    year: int,
    month: int,
    *,
    alerts: int = 320,
    seed: int = 6,
    retention_months: int = 24,
    now: datetime | None = None,
) -> DemoMonth:
    """A month of alert items for `neighbourhood`, sent by `members`, as the
    alert log holds them `now`."""
    chance = random.Random(seed)
    days = _days(year, month)
    day_weights = [WEEKDAY_WEIGHTS[day.weekday()] * _spree(day) for day in days]
    items = []
    for number in range(alerts):
        day = chance.choices(days, day_weights)[0]
        hour = chance.choices(range(24), HOUR_WEIGHTS)[0]
        local = day.replace(
            hour=hour, minute=chance.randrange(60), second=chance.randrange(60)
        )
        sender = chance.choice(members)
        items.append(_broadcast(neighbourhood, sender, local, number, chance, members))
        if number < sum(count for _, count in SUPPRESSIONS):
            reason = _suppression(number)
            items.append(_held(neighbourhood, sender, local, number, reason))
    for item in items:
        item["expires_at"] = expiry(_utc(str(item["received_at"])), retention_months)
    unknown_texts = chance.randrange(15, 40)

    # The whole month is drawn first, so a month wholly past and kept is the
    # same month whenever it is asked for; then the log as it stands now.
    moment = now or datetime.now(UTC)
    kept = [_as_of(item, moment) for item in items if _logged(item, moment)]
    share = sum(_is_alert(item) for item in kept) / alerts
    # What was sent is recorded, whatever the retention erased of the log since.
    sent = [
        _as_of(item, moment)
        for item in items
        if _utc(str(item["received_at"])) <= moment
    ]
    return DemoMonth(
        kept,
        unknown_texts=round(unknown_texts * share),
        parts=_parts_sent(neighbourhood, members, sent),
    )


def _parts_sent(
    neighbourhood: Neighbourhood,
    members: Sequence[ImportRow],
    items: Sequence[dict[str, Any]],
) -> dict[str, dict[str, int]]:
    """The SMS parts the pipeline would have recorded for these items."""
    ledger = _Ledger(neighbourhood, members)
    for item in sorted(items, key=lambda item: str(item["received_at"])):
        if _is_alert(item):
            ledger.alert(item)
        else:
            ledger.held(item)
    return ledger.recorded


class _Ledger:
    """What sending costs, as `chalicelib.conversation` records it.

    Every member is active, so a broadcast reaches all of them, the sender
    included. A neighbour's first "komt" goes to the alert's sender; a text
    held back is explained to its sender at most once an hour (an auto-reply
    never), and a member tripping their limit to the coordinators once an
    hour per member.
    """

    def __init__(
        self, neighbourhood: Neighbourhood, members: Sequence[ImportRow]
    ) -> None:
        self.neighbourhood = neighbourhood
        self.reach = len(members)
        self.coordinators = [m for m in members if m.role == "coordinator"]
        self.limits = Limits()
        self.facts = self.limits.facts()
        self.told: dict[str, datetime] = {}
        self.recorded: dict[str, dict[str, int]] = {}

    def alert(self, item: dict[str, Any]) -> None:
        self._record(item["received_at"], "alert", int(item["parts"]) * self.reach)
        answers = sorted(item["responders"].values(), key=lambda a: str(a["at"]))
        for count, answer in enumerate(answers, start=1):
            parts = self._said("sms.acknowledged", name=answer["name"], count=count)
            self._record(answer["at"], "acknowledgement", parts)
        if "closed_at" in item:
            outcome = str(item["outcome"])
            key = "sms.closed_with_outcome" if outcome else "sms.closed"
            closing = self._said(key, outcome=outcome) * self.reach
            self._record(item["closed_at"], "closing", closing)

    def held(self, item: dict[str, Any]) -> None:
        reason, phone = str(item["reason"]), str(item["sender_phone"])
        if reason == "auto_reply":
            return
        received = str(item["received_at"])
        if self._first_this_hour(phone, received):
            parts = self._said(f"sms.held.{reason}", **self.facts)
            self._record(received, "reply", parts)
        if reason == "member_rate" and self._first_this_hour("trip#" + phone, received):
            for coordinator in self.coordinators:
                if coordinator.phone != phone:  # else told already, as the sender
                    parts = self._said(
                        "sms.tripped.member_rate",
                        name=item["sender_name"],
                        **self.facts,
                    )
                    self._record(received, "reply", parts)

    def _first_this_hour(self, who: str, moment: str) -> bool:
        at = _utc(moment)
        last = self.told.get(who)
        if last is not None and last > at - self.limits.notice_interval:
            return False
        self.told[who] = at
        return True

    def _said(self, key: str, **facts: Any) -> int:
        neighbourhood = self.neighbourhood
        text = texts.say(
            key, neighbourhood.language, neighbourhood=neighbourhood.name, **facts
        )
        smart = neighbourhood.smart_encoding
        if smart:
            text = sms.smart_encode(text)
        return sms.count_parts(sms.shorten(text, neighbourhood.max_parts, smart=smart))

    def _record(self, moment: str, kind: str, parts: int) -> None:
        # The neighbourhood's month of the moment sent, as the pipeline keeps it.
        month = _utc(moment).astimezone(TIMEZONE).strftime("%Y-%m")
        monthly = self.recorded.setdefault(month, {})
        monthly[kind] = monthly.get(kind, 0) + parts


def _is_alert(item: dict[str, Any]) -> bool:
    return bool(item["status"] == "broadcast")


def _logged(item: dict[str, Any], now: datetime) -> bool:
    """Received by `now` and not yet past its expiry, which TTL erases."""
    received = _utc(str(item["received_at"]))
    return received <= now and int(item["expires_at"]) > now.timestamp()


def _as_of(item: dict[str, Any], now: datetime) -> dict[str, Any]:
    """The item without the answers and the closing still to come."""
    answers = {
        phone: answer
        for phone, answer in item["responders"].items()
        if _utc(str(answer["at"])) <= now
    }
    kept = {**item, "responders": answers}
    if "closed_at" in item and _utc(str(item["closed_at"])) > now:
        for field in ("closed_at", "closed_by", "outcome"):
            del kept[field]
    return kept


def _days(year: int, month: int) -> list[datetime]:
    # Aware datetimes add wall-clock days, so midnight stays midnight.
    day = datetime(year, month, 1, tzinfo=TIMEZONE)
    found = []
    while day.month == month:
        found.append(day)
        day += timedelta(days=1)
    return found


def _spree(day: datetime) -> int:
    # A burglary spree in the month's second week, as neighbourhoods have.
    return 3 if 8 <= day.day <= 14 else 1


def _suppression(number: int) -> str:
    for reason, count in SUPPRESSIONS:
        if number < count:
            return reason
        number -= count
    raise AssertionError("numbered past the suppressions")


def _received(local: datetime) -> str:
    return (
        local.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    )


def _utc(received_at: str) -> datetime:
    return datetime.fromisoformat(received_at.replace("Z", "+00:00"))


def _item(
    neighbourhood: Neighbourhood,
    sender: ImportRow,
    local: datetime,
    alert_id: str,
    body: str,
    text: str,
    parts: int,
    status: str,
) -> dict[str, Any]:
    received_at = _received(local)
    return {
        "neighbourhood_id": neighbourhood.id,
        "sk": f"{received_at}#{alert_id}",
        "alert_id": alert_id,
        "sender_phone": sender.phone,
        "sender_name": sender.name,
        "body": body,
        "text": text,
        "received_at": received_at,
        "parts": parts,
        "encoding": sms.encoding_of(text),
        "status": status,
        "responders": {},
    }


def _broadcast(
    neighbourhood: Neighbourhood,
    sender: ImportRow,
    local: datetime,
    number: int,
    chance: random.Random,
    members: Sequence[ImportRow],
) -> dict[str, Any]:
    about = chance.choices(list(CATEGORY_WEIGHTS), list(CATEGORY_WEIGHTS.values()))[0]
    street = chance.choice(members).street or "de Dorpstraat"
    body = chance.choice(TEXTS[about]).format(street=street)
    text = sms.compose_broadcast(
        neighbourhood.name, sender.name, body, neighbourhood.language
    )
    item = _item(
        neighbourhood,
        sender,
        local,
        f"demo-{number:04d}",
        body,
        text,
        sms.measure(text).parts,
        "broadcast",
    )
    category = keywords.category_of(body, neighbourhood.categories)
    if category:
        item["category"] = category

    # Most alerts get a neighbour or two within minutes; night ones fewer.
    nobody = 30 if local.hour < 7 else 12
    responding = chance.choices((0, 1, 2, 3, 4), (nobody, 30, 25, 15, 8))[0]
    others = [member for member in members if member.phone != sender.phone]
    for member in chance.sample(others, responding):
        at = local + timedelta(seconds=chance.randrange(20, 25 * 60))
        item["responders"][member.phone] = {
            "name": member.name,
            "at": _received(at),
            "remark": chance.choice(REMARKS),
        }
    if chance.random() < 0.45:
        closed = local + timedelta(minutes=chance.randrange(10, 120))
        item["closed_at"] = _received(closed)
        item["closed_by"] = sender.name
        item["outcome"] = chance.choice(OUTCOMES[about])
    return item


def _held(
    neighbourhood: Neighbourhood,
    sender: ImportRow,
    local: datetime,
    number: int,
    reason: str,
) -> dict[str, Any]:
    # Held back a little after the alert it repeats or answers; parts 0, as
    # nothing was sent.
    later = local + timedelta(minutes=3)
    body = "Automatisch antwoord: ik ben afwezig" if reason == "auto_reply" else "kom"
    item = _item(
        neighbourhood, sender, later, f"held-{number:04d}", body, body, 0, "suppressed"
    )
    item["reason"] = reason
    return item


def write(neighbourhood: Neighbourhood, month: str, demo: DemoMonth) -> None:
    """Put the demo month into the sandbox's alert log and stranger tally."""
    dynamodb = boto3.resource("dynamodb")
    alerts = dynamodb.Table(ENVIRONMENT[config.ALERTS_TABLE])
    with alerts.batch_writer() as batch:
        for item in demo.items:
            batch.put_item(Item=item)
    dynamodb.Table(ENVIRONMENT[config.ROSTER_TABLE]).put_item(
        Item={
            "pk": partition_of(neighbourhood.id),
            "sk": TALLY_PREFIX + month,
            "unknown_texts": demo.unknown_texts,
        }
    )
    # The SMS sent, recorded the way the pipeline records them.
    records = NeighbourhoodRecords(
        dynamodb, ENVIRONMENT[config.ROSTER_TABLE], ENVIRONMENT[config.ALERTS_TABLE]
    )

    def spent(activity: Activity) -> Activity:
        for sent, kinds in demo.parts.items():
            for kind, parts in kinds.items():
                cost = parts * neighbourhood.price_per_part
                activity = activity.with_spending(sent, kind, parts, cost)
        return activity

    if demo.parts:
        records.commit(
            neighbourhood, records.recall(neighbourhood, None).activity, spent
        )


def _help(key: str) -> str:
    return texts.say(key, HELP_LANGUAGE)


@click.command("report", help=_help("cli.help.sandbox_report"))
@click.option(
    "--month", default="2026-11", show_default=True, help=_help("cli.help.report_month")
)
@click.option("--out", type=click.Path(path_type=Path), help=_help("cli.help.out"))
@click.option("--csv", "as_csv", is_flag=True, help=_help("cli.help.csv"))
@click.option("--show-names", is_flag=True, help=_help("cli.help.show_names"))
@click.pass_obj
def demo_report(
    lang: str, month: str, out: Path | None, as_csv: bool, show_names: bool
) -> None:
    """The report of a made-up month of Molenwijk, made as the API makes it."""
    try:
        chosen = Month.parse(month)
    except WijkalertError as error:
        click.echo(error.sentence(lang), err=True)
        sys.exit(1)
    members = (*DEMO_ROSTER, *MORE_NEIGHBOURS)
    with Sandbox() as box:
        neighbourhood = box.open_neighbourhood(*DEMO_NEIGHBOURHOOD, language=lang)
        if show_names:
            box.roster_table().update_item(
                Key={"pk": partition_of(neighbourhood.id), "sk": "PROFILE"},
                UpdateExpression="SET show_names = :yes",
                ExpressionAttributeValues={":yes": True},
            )
        box.enrol(neighbourhood, members)
        settings = config.Settings.from_environ()
        demo = generate(
            neighbourhood,
            members,
            chosen.year,
            chosen.month,
            retention_months=settings.alert_retention_months,
        )
        write(neighbourhood, str(chosen), demo)
        office = CoordinatorOffice.open(settings)
        query = {"month": str(chosen), "format": "csv" if as_csv else "html"}
        try:
            _, document = office.report(neighbourhood.id, query, lang)
        except WijkalertError as error:
            click.echo(error.sentence(lang), err=True)
            sys.exit(1)
    if out is None:
        show(document)
        return
    try:
        write_text(out, document, lang)
    except UnwritableFile as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    click.echo(texts.say("report.written", lang, month=chosen.name(lang), path=out))
