"""The monthly report and the alert log's export, through the admin API.

A generated month of several hundred alerts is reported, and every number is
checked against a count made here, over the same items, with nothing from
`chalicelib.report`. A smaller test sends real texts through the handler and
finds them in the report.
"""

import csv
import io
import re
import statistics
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from html.parser import HTMLParser
from typing import Any
from zoneinfo import ZoneInfo

import boto3
import pytest

from chalicelib import config
from chalicelib.neighbourhoods import Neighbourhood, partition_of
from tests.conftest import MOLENWIJK_PHONES, Api, Phones
from tests.test_two_way import text
from wijkalert import demo_month
from wijkalert.sandbox import DEMO_ROSTER, Sandbox

JAN, FATIMA, AHMED, SANNE, MEHMET = MOLENWIJK_PHONES
STRANGER = "+31612345699"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
ENGLISH = {"accept-language": "en"}
# Written as neighbours and E.164 write them; none may reach a report.
PHONE_NUMBER = re.compile(r"(\+|00)\s*31|\b0\s*6[\s-]*\d{8}\b|\b\d{9,}\b")
MEMBER_COUNT = len(MOLENWIJK_PHONES) + len(demo_month.MORE_NEIGHBOURS)


class LoggedMonth:
    """The generated November in the log: the items and what was written."""

    def __init__(self, demo: demo_month.DemoMonth) -> None:
        self.items = demo.items
        self.unknown_texts = demo.unknown_texts

    def alerts(self) -> list[dict[str, Any]]:
        return [item for item in self.items if item["status"] == "broadcast"]


@pytest.fixture
def november(sandbox: Sandbox, molenwijk: Neighbourhood) -> LoggedMonth:
    assert sandbox.enrol(molenwijk, demo_month.MORE_NEIGHBOURS) == []
    members = [*DEMO_ROSTER, *demo_month.MORE_NEIGHBOURS]
    demo = demo_month.generate(molenwijk, members, 2026, 11)
    demo_month.write(molenwijk, "2026-11", demo)
    return LoggedMonth(demo)


def local(received_at: str) -> datetime:
    return datetime.fromisoformat(received_at.replace("Z", "+00:00")).astimezone(
        AMSTERDAM
    )


def report_csv(api: Api, month: str = "2026-11") -> dict[tuple[str, str], str]:
    response = api.call("GET", f"/report?month={month}&format=csv", headers=ENGLISH)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.body.decode("utf-8-sig"))))
    assert rows[0] == ["section", "item", "value", "category", "closed by"]
    return {(section, item): value for section, item, value, *_ in rows[1:]}


class Charts(HTMLParser):
    """The bars of each chart and the figures of the summary, as drawn."""

    def __init__(self) -> None:
        super().__init__()
        self.bars: dict[str, list[tuple[str, int]]] = defaultdict(list)
        self.figures: dict[str, str] = {}
        self._chart = ""
        self._figure = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "svg":
            self._chart = found.get("data-chart") or ""
        if tag == "rect" and self._chart:
            label, value = found["data-label"] or "", found["data-value"] or ""
            self.bars[self._chart].append((label, int(value)))
        if tag == "div" and found.get("data-figure"):
            self._figure = found["data-figure"] or ""

    def handle_data(self, data: str) -> None:
        if self._figure and data.strip():
            self.figures[self._figure] = data.strip()
            self._figure = ""


def charts_of(html: str) -> Charts:
    parser = Charts()
    parser.feed(html)
    return parser


# A month of several hundred alerts, counted twice.


def test_the_generated_month_is_a_busy_realistic_one(november: LoggedMonth) -> None:
    alerts = november.alerts()

    assert len(alerts) >= 300
    assert sum(bool(item["responders"]) for item in alerts) > 100
    assert sum("closed_at" in item for item in alerts) > 50
    assert len({local(item["received_at"]).date() for item in alerts}) >= 25


# 4 December 2026, 8:00 Dutch time: December had run three days and a bit.
EARLY_DECEMBER = datetime(2026, 12, 4, 8, 0, tzinfo=AMSTERDAM)


def test_a_made_up_running_month_holds_nothing_still_to_come(
    api: Api, sandbox: Sandbox, molenwijk: Neighbourhood
) -> None:
    assert sandbox.enrol(molenwijk, demo_month.MORE_NEIGHBOURS) == []
    members = [*DEMO_ROSTER, *demo_month.MORE_NEIGHBOURS]
    demo = demo_month.generate(molenwijk, members, 2026, 12, now=EARLY_DECEMBER)
    demo_month.write(molenwijk, "2026-12", demo)

    figures = report_csv(api, "2026-12")

    alerts = [item for item in demo.items if item["status"] == "broadcast"]
    assert 0 < len(alerts) < 320
    assert figures[("alerts sent round", "")] == str(len(alerts))
    weeks = {
        int(item.split()[1]): value
        for (section, item), value in figures.items()
        if section == "Alerts per week"
    }
    assert weeks[49] == str(len(alerts))
    # The weeks still to come have no count: an empty cell, not a quiet week.
    this_week = datetime.now(AMSTERDAM).isocalendar().week
    assert all(weeks[week] == "" for week in range(50, 54) if week > this_week)
    # Nor a neighbour coming, or an alert closed, after the moment.
    for item in demo.items:
        moments = [item["received_at"], *(a["at"] for a in item["responders"].values())]
        moments += [item["closed_at"]] if "closed_at" in item else []
        assert all(local(moment) <= EARLY_DECEMBER for moment in moments)


def test_a_made_up_month_holds_nothing_the_retention_erased(
    molenwijk: Neighbourhood,
) -> None:
    members = [*DEMO_ROSTER, *demo_month.MORE_NEIGHBOURS]

    cut_through = demo_month.generate(molenwijk, members, 2024, 12, now=EARLY_DECEMBER)
    erased = demo_month.generate(molenwijk, members, 2024, 11, now=EARLY_DECEMBER)

    first = min(local(item["received_at"]) for item in cut_through.items)
    assert first >= EARLY_DECEMBER.replace(year=2024)
    assert (erased.items, erased.unknown_texts) == ([], 0)


def test_report_numbers_match_an_independent_count(
    api: Api, november: LoggedMonth
) -> None:
    figures = report_csv(api)
    alerts = november.alerts()
    moments = [local(item["received_at"]) for item in alerts]

    assert figures[("alerts sent round", "")] == str(len(alerts))

    weeks = Counter(moment.isocalendar()[1] for moment in moments)
    reported_weeks = {
        item: int(value)
        for (section, item), value in figures.items()
        if section == "Alerts per week"
    }
    # Sunday 1 and Monday 30 November: weeks with one day in the month.
    labels = ["week 44 (1 day)", *(f"week {n}" for n in range(45, 49))]
    labels += ["week 49 (1 day)"]
    assert reported_weeks == dict(
        zip(labels, (weeks[week] for week in range(44, 50)), strict=True)
    )

    days = Counter(moment.strftime("%a") for moment in moments)
    for day in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"):
        assert figures[("Alerts by day of the week", day)] == str(days[day])

    hours = Counter(moment.hour for moment in moments)
    for hour in range(24):
        reported = figures[("Alerts by hour of the day", f"{hour:02d}:00")]
        assert reported == str(hours[hour])

    tags = Counter(item.get("category") for item in alerts)
    for tag in ("inbraak", "overlast", "verdacht", "brand", "vandalisme"):
        assert figures[("Alerts by category", f"#{tag}")] == str(tags[tag])
    assert figures[("Alerts by category", "uncategorised")] == str(tags[None])


def test_responses_closings_and_hold_backs_match_an_independent_count(
    api: Api, november: LoggedMonth
) -> None:
    figures = report_csv(api)
    alerts = november.alerts()

    def neighbours(item: dict[str, Any]) -> dict[str, Any]:
        return {
            phone: answer
            for phone, answer in item["responders"].items()
            if phone != item["sender_phone"]
        }

    answered = [item for item in alerts if neighbours(item)]
    waits = [
        (
            min(local(a["at"]) for a in neighbours(item).values())
            - local(item["received_at"])
        ).total_seconds()
        / 60
        for item in answered
    ]
    closed = [item for item in alerts if "closed_at" in item]
    held = Counter(
        item["reason"] for item in november.items if item["status"] == "suppressed"
    )

    assert figures[("alerts with a neighbour coming", "")] == str(len(answered))
    share = round(100 * len(answered) / len(alerts))
    assert figures[("share of alerts with a neighbour coming", "")] == f"{share}%"
    reported_wait = figures[("minutes to the first response (median)", "")]
    assert reported_wait == f"{statistics.median(waits):.1f}"
    assert figures[("closed", "")] == str(len(closed))
    assert sum(section == "Closed alerts" for section, _ in figures) == len(closed)
    assert figures[("texts from unknown numbers", "")] == str(november.unknown_texts)
    assert sum(held.values()) == 32
    # Each reason as the report words it, so a count under the wrong reason fails.
    worded = {
        "duplicate_text": "the same text went round in the past hour",
        "member_rate": "they sent too many alerts in a short time",
        "auto_reply": "it is an automatic reply, and those are never answered",
        "stale_reply": "it is a reply, but there is no alert from the past half hour",
    }
    reported_held = {
        reason: int(value)
        for (section, reason), value in figures.items()
        if section == "held back" and reason
    }
    assert reported_held == {worded[reason]: n for reason, n in held.items()}
    assert figures[("held back", "")] == "32"


def in_november(moment: str) -> bool:
    return local(moment).strftime("%Y-%m") == "2026-11"


def test_sms_parts_and_cost_match_an_independent_count(
    api: Api, november: LoggedMonth
) -> None:
    figures = report_csv(api)
    costs = api.call("GET", "/costs?month=2026-11").json_body
    alerts = november.alerts()
    # Every closing and every "komt" is short enough for one part.
    for item in alerts:
        if "closed_at" in item:
            assert len(f"[Molenwijk] Afgerond: {item['outcome']}") <= 160
    # Each broadcast reached the whole roster of the time, all of it active;
    # a "komt" went to the alert's sender only. Counted in the month sent.
    alert_parts = sum(int(item["parts"]) * MEMBER_COUNT for item in alerts)
    closing_parts = MEMBER_COUNT * sum(
        in_november(item["closed_at"]) for item in alerts if "closed_at" in item
    )
    answers = sum(
        in_november(answer["at"])
        for item in alerts
        for phone, answer in item["responders"].items()
        if phone != item["sender_phone"]
    )

    sent = "SMS parts sent"
    assert figures[(sent, "alerts")] == str(alert_parts)
    assert figures[(sent, "closings")] == str(closing_parts)
    assert figures[(sent, "acknowledgements")] == str(answers)
    # The explanations of texts held back: at most one a text, two parts each.
    replies = int(figures[(sent, "keyword replies")])
    assert (
        0
        < replies
        <= 2 * sum(item["status"] == "suppressed" for item in november.items)
    )
    total = alert_parts + closing_parts + answers + replies
    assert figures[(sent, "")] == str(total)
    assert figures[("price per SMS part now (EUR, assumed)", "")] == "0.09"
    assert Decimal(figures[("SMS cost (EUR)", "")]) == total * Decimal("0.09")
    # What `wijkalert costs` says for the month, kind by kind.
    assert costs["parts"] == {
        "alert": alert_parts,
        "closing": closing_parts,
        "acknowledgement": answers,
        "reply": replies,
    }
    assert costs["cost"] == figures[("SMS cost (EUR)", "")]


def test_the_html_charts_draw_the_same_numbers(api: Api, november: LoggedMonth) -> None:
    response = api.call("GET", "/report?month=2026-11", headers=ENGLISH)
    alerts = november.alerts()
    moments = [local(item["received_at"]) for item in alerts]

    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/html")
    drawn = charts_of(response.body.decode())
    assert sorted(drawn.bars) == [
        "per_category",
        "per_hour",
        "per_week",
        "per_weekday",
    ]
    assert [value for _, value in drawn.bars["per_hour"]] == [
        sum(moment.hour == hour for moment in moments) for hour in range(24)
    ]
    assert [value for _, value in drawn.bars["per_weekday"]] == [
        sum(moment.weekday() == day for moment in moments) for day in range(7)
    ]
    assert sum(value for _, value in drawn.bars["per_week"]) == len(alerts)
    assert [label for label, _ in drawn.bars["per_week"]] == [
        "week 44 (1 day)",
        *(f"week {week}" for week in range(45, 49)),
        "week 49 (1 day)",
    ]
    assert sum(value for _, value in drawn.bars["per_category"]) == len(alerts)
    assert drawn.figures["alerts"] == str(len(alerts))
    assert drawn.figures["unknown"] == str(november.unknown_texts)


def test_the_made_up_outcomes_fit_what_the_alerts_were_about(
    api: Api, november: LoggedMonth
) -> None:
    html = api.call("GET", "/report?month=2026-11").body.decode()

    closed = re.findall(r'<td>([^<]*)</td><td class="words">([^<]*)</td>', html)
    assert len(closed) == sum("closed_at" in item for item in november.alerts())
    for category, outcome in closed:
        if re.search(r"brandweer|geblust|vuur", outcome):
            assert category == "#brand", outcome
        if re.search(r"jongeren|muziek|scooters", outcome):
            assert category == "#overlast", outcome


def test_the_report_holds_no_phone_numbers_and_no_names(
    api: Api, november: LoggedMonth
) -> None:
    html = api.call("GET", "/report?month=2026-11").body.decode()
    numbers = api.call("GET", "/report?month=2026-11&format=csv").body.decode(
        "utf-8-sig"
    )
    export = api.call("GET", "/alerts/export?from=2026-11-01&to=2026-11-30")

    for document in (html, numbers, export.body.decode()):
        assert not PHONE_NUMBER.search(document)
        for name in ("Jan", "Fatima", "Ahmed", "Sanne", "Mehmet", "Lotte"):
            assert not re.search(rf"\b{name}\b", document)
    assert "een buur" in html


def test_names_show_where_the_neighbourhood_chose_so(
    api: Api, sandbox: Sandbox, november: LoggedMonth
) -> None:
    sandbox.roster_table().update_item(
        Key={"pk": partition_of("molenwijk"), "sk": "PROFILE"},
        UpdateExpression="SET show_names = :yes",
        ExpressionAttributeValues={":yes": True},
    )
    closers = {item["closed_by"] for item in november.alerts() if "closed_at" in item}

    html = api.call("GET", "/report?month=2026-11").body.decode()

    assert any(re.search(rf"<td>{name}</td>", html) for name in closers)
    assert not PHONE_NUMBER.search(html)


def test_the_report_says_which_period_and_retention_it_covers(
    api: Api, november: LoggedMonth
) -> None:
    html = api.call("GET", "/report?month=2026-11", headers=ENGLISH).body.decode()

    assert "covers 1 to 30 November 2026" in html
    assert "kept for 24 months" in html


def test_a_month_without_alerts_says_so(api: Api, molenwijk: Neighbourhood) -> None:
    response = api.call("GET", "/report?month=2026-10")
    numbers = report_csv(api, "2026-10")

    assert response.status_code == 200
    html = response.body.decode()
    assert "In oktober 2026 zijn er geen meldingen rondgestuurd." in html
    assert 'data-chart="' not in html
    assert numbers[("alerts sent round", "")] == "0"
    assert numbers[("note", "No alerts were sent round in October 2026.")] == ""
    assert numbers[("minutes to the first response (median)", "")] == ""
    # The page's "—" tiles: no alert answered, nor a share of none.
    assert 'data-figure="responded"><b>—</b>' in html
    assert numbers[("alerts with a neighbour coming", "")] == ""
    assert numbers[("share of alerts with a neighbour coming", "")] == ""
    # Nothing held back reads 0, as the page's tile does, rather than no row.
    assert numbers[("held back", "")] == "0"
    assert numbers[("retention", "Alerts are erased after 24 months.")] == ""
    dutch = api.call("GET", "/report?month=2026-10&format=csv").body.decode()
    assert "\nbewaartermijn;Meldingen worden na 24 maanden gewist.;\n" in dutch
    assert "\nopmerking;In oktober 2026 zijn er geen meldingen rondgestuurd.;\n" in (
        dutch
    )
    assert "\ntegengehouden;;0\n" in dutch


def test_a_month_of_one_unanswered_alert_reads_as_sentences(
    api: Api, phones: Phones
) -> None:
    phones.deliver(text(FATIMA, "Verdachte auto in de Molenstraat"))

    response = api.call("GET", "/report?month=2026-11")
    english = api.call("GET", "/report?month=2026-11", headers=ENGLISH)

    html = response.body.decode()
    assert "<b>1</b><span>melding rondgestuurd</span>" in html
    assert "Bij de enige melding van deze maand liet geen buur weten" in html
    assert "Geen buur reageerde op een melding, dus er is geen reactietijd." in html
    assert "binnen —" not in html
    assert "No neighbour answered an alert, so there is no response time." in (
        english.body.decode()
    )


def test_one_answer_and_one_stranger_read_as_one_not_as_a_median(
    api: Api, phones: Phones
) -> None:
    phones.deliver(text(FATIMA, "Verdachte auto in de Molenstraat"))
    phones.deliver(text(AHMED, "ik kom", minute=3))
    phones.deliver(text(STRANGER, "hallo?", minute=5))

    dutch = api.call("GET", "/report?month=2026-11").body.decode()
    english = api.call("GET", "/report?month=2026-11", headers=ENGLISH).body.decode()

    assert (
        "1 sms&#x27;je kwam van een nummer dat niet op de lijst staat; het is niet "
        "doorgestuurd." in dutch
    )
    assert "1 text came from a number not on the roster; it was not passed on." in (
        english
    )
    assert (
        "Bij de melding waarop een buur reageerde, kwam de eerste reactie binnen "
        "3,0 min." in dutch
    )
    assert "On the one alert a neighbour answered, the first answer came within " in (
        english
    )
    assert "meestal" not in dutch and "mediaan" not in dutch
    assert "usually" not in english and "median" not in english
    assert "<b>3,0 min</b><span>tot de eerste reactie</span>" in dutch
    assert "<b>1</b><span>sms&#x27;je van een onbekend nummer</span>" in dutch
    assert "<b>1</b><span>text from an unknown number</span>" in english


def test_a_month_whose_only_sms_was_one_reply_says_one_part(
    api: Api, phones: Phones
) -> None:
    # A stranger's text: the one SMS of the month is the hint how to join.
    replies = phones.deliver(text(STRANGER, "hallo?"))

    html = api.call("GET", "/report?month=2026-11").body.decode()

    assert [d.to for d in replies] == [STRANGER]
    assert "<b>1</b><span>sms-deel verstuurd</span>" in html


def test_no_stranger_and_no_answer_read_as_none_not_as_zero(
    api: Api, phones: Phones
) -> None:
    phones.deliver(text(FATIMA, "Verdachte auto in de Molenstraat"))
    phones.deliver(text(MEHMET, "#brand rook bij de garages", minute=30))

    dutch = api.call("GET", "/report?month=2026-11").body.decode()
    english = api.call("GET", "/report?month=2026-11", headers=ENGLISH).body.decode()

    assert (
        "Er kwamen geen sms&#x27;jes van nummers die niet op de lijst staan." in dutch
    )
    assert "No texts came from numbers not on the roster." in english
    assert "Bij geen van de 2 meldingen liet een buur weten dat die kwam." in dutch
    assert "For none of the 2 alerts did a neighbour say they were coming." in (english)
    assert "0 sms" not in dutch and "Bij 0 " not in dutch
    assert "0 texts" not in english and "For 0 " not in english


def test_many_strangers_and_answers_keep_the_plural_and_the_median(
    api: Api, november: LoggedMonth
) -> None:
    html = api.call("GET", "/report?month=2026-11", headers=ENGLISH).body.decode()

    assert f"{november.unknown_texts} texts came from numbers not on the roster" in (
        html
    )
    assert "The first neighbour usually answered within " in html
    assert "<span>to the first response (median)</span>" in html


def test_a_retention_of_one_month_is_written_as_one_month(
    molenwijk: Neighbourhood,
) -> None:
    from chalicelib import report
    from chalicelib.protection import SPENDING_KINDS, Spending

    now = datetime(2026, 12, 4, 8, 0, tzinfo=AMSTERDAM)
    month = report.Month(2026, 11)
    nothing = Spending("2026-11", dict.fromkeys(SPENDING_KINDS, 0), Decimal(0), False)
    fig = report.figures(
        [],
        month,
        molenwijk,
        unknown_texts=0,
        spending=nothing,
        retention_months=1,
        now=now,
    )

    html = report.render_html(fig, "nl", now)
    english = report.render_csv(fig, "en")

    assert "Meldingen worden 1 maand bewaard en daarna vanzelf gewist." in html
    assert "Meldingen worden na 1 maand gewist: die van vóór 04-11-2026 08:00 " in html
    assert "Alerts are erased after 1 month." in english
    assert "1 months" not in english and "1 maanden" not in html


@pytest.mark.parametrize(
    "month",
    [
        "",
        "2026-13",
        "november",
        "26-11",
        "2026-1x",
        "0000-01",
        "9999-12",
        "2026-%D9%A1%D9%A1",  # Arabic-Indic digits, which str.isdigit accepts
    ],
)
def test_a_wrong_month_is_refused_in_one_sentence(api: Api, month: str) -> None:
    response = api.call("GET", f"/report?month={month}")

    assert response.status_code == 400
    error = response.json_body["error"]
    assert error["field"] == "month"
    assert "zoals 2026-11" in error["message"]


def test_a_month_that_has_not_begun_is_refused(api: Api) -> None:
    response = api.call("GET", "/report?month=2099-05", headers=ENGLISH)

    assert response.status_code == 400
    assert response.json_body["error"]["field"] == "month"
    assert response.json_body["error"]["message"] == (
        "2099-05 has not begun yet; there is nothing to report on."
    )


def dutch_month(months_ago: int) -> tuple[str, datetime]:
    """The Dutch calendar month so many months before this one, and now."""
    now = datetime.now(AMSTERDAM)
    index = now.year * 12 + now.month - 1 - months_ago
    return f"{index // 12:04d}-{index % 12 + 1:02d}", now


def test_the_running_month_says_it_is_not_over(
    api: Api, molenwijk: Neighbourhood
) -> None:
    # Asked again if Dutch midnight passed while the report was made, which
    # would change the day it covers up to.
    for _ in range(2):
        month, now = dutch_month(0)
        numbers = report_csv(api, month)
        reply = api.call("GET", f"/report?month={month}", headers=ENGLISH)
        html = reply.body.decode()
        if datetime.now(AMSTERDAM).date() == now.date():
            break

    period = f"1 to {now.day} {now:%B %Y} (the month is not over yet)"
    assert numbers[("period", period)] == ""
    assert f"covers {period}, in Dutch time" in html
    assert 'data-erased="true"' not in html


def test_a_month_past_the_retention_says_its_alerts_are_gone(
    api: Api, molenwijk: Neighbourhood
) -> None:
    html = api.call("GET", "/report?month=2020-05", headers=ENGLISH).body.decode()
    numbers = report_csv(api, "2020-05")

    gone = (
        "Alerts are erased after 24 months: those of May 2020 are gone, so this "
        "report cannot count them."
    )
    assert gone in html
    assert "No alerts were sent round in May 2020." not in html
    # Nothing that reads as counted: no tiles, charts, zero cost or zero rows.
    assert 'data-figure="' not in html and 'data-chart="' not in html
    assert "EUR" not in html
    assert numbers == {
        ("period", "1 to 31 May 2020"): "",
        ("retention", "Alerts are erased after 24 months."): "",
        ("erased", gone): "",
    }


def test_the_month_the_retention_cuts_through_says_from_when(
    api: Api, molenwijk: Neighbourhood
) -> None:
    month, before = dutch_month(24)
    last_month, _ = dutch_month(1)

    html = api.call("GET", f"/report?month={month}", headers=ENGLISH).body.decode()
    after = datetime.now(AMSTERDAM)
    recent = api.call("GET", f"/report?month={last_month}").body.decode()

    # Two years before now, to the minute: TTL counts in UTC, and a 29 February
    # becomes the 28th. The clock may pass a minute during the request.
    def two_years_before(moment: datetime) -> str:
        utc = moment.astimezone(UTC)
        day = min(utc.day, 28) if utc.month == 2 else utc.day
        cut = utc.replace(year=utc.year - 2, day=day).astimezone(AMSTERDAM)
        return (
            f"Alerts are erased after 24 months: those from before "
            f"{cut:%d-%m-%Y %H:%M} are gone, so this report is incomplete."
        )

    assert two_years_before(before) in html or two_years_before(after) in html
    assert 'data-erased="true"' not in recent
    # Quiet only where still kept: what the retention erased is not known.
    name = f"{datetime.strptime(month, '%Y-%m'):%B %Y}"
    assert f"In what is still kept of {name}, no alerts were sent round." in html
    assert "No alerts were sent round in" not in html

    # The weeks the retention erased whole have no count, as weeks to come have
    # none; the week it cuts through says how many of its days are left.
    numbers = report_csv(api, month)
    year, number = map(int, month.split("-"))
    first = datetime(year, number, 1, tzinfo=AMSTERDAM).date()
    days = [first + timedelta(days=n) for n in range(31)]
    days = [day for day in days if day.month == number]
    utc = before.astimezone(UTC)
    day = min(utc.day, 28) if utc.month == 2 else utc.day
    kept = utc.replace(year=utc.year - 2, day=day).astimezone(AMSTERDAM).date()
    expected = {}
    for week in dict.fromkeys(day.isocalendar().week for day in days):
        left = sum(day >= kept and day.isocalendar().week == week for day in days)
        note = "" if left in (0, 7) else f" ({left} day{'s' * (left > 1)})"
        expected[f"week {week}{note}"] = "0" if left else ""
    assert {
        item: value
        for (section, item), value in numbers.items()
        if section == "Alerts per week"
    } == expected


def test_a_wrong_format_is_refused(api: Api) -> None:
    response = api.call("GET", "/report?month=2026-11&format=pdf")

    assert response.status_code == 400
    assert response.json_body["error"]["field"] == "format"


def test_another_neighbourhood_reports_nothing_of_this_one(
    api: Api, sandbox: Sandbox, november: LoggedMonth
) -> None:
    from chalicelib.tokens import CoordinatorTokens

    kometen = sandbox.open_neighbourhood(
        "kometenbuurt", "Kometenbuurt", "+3197010203041"
    )
    sandbox.roster(kometen).add("+31612345611", "Noor", role="coordinator")
    _, token = CoordinatorTokens(sandbox.roster_table()).create(kometen, "+31612345611")

    response = api.call("GET", "/report?month=2026-11", token=token)

    assert "Kometenbuurt" in response.body.decode()
    assert 'data-empty="true"' in response.body.decode()


def logged_at(*moments: str) -> None:
    """Alerts received at these UTC moments, each sent round in one part."""
    table = boto3.resource("dynamodb").Table("wijkalert-dev-alerts")
    for number, moment in enumerate(moments):
        table.put_item(
            Item={
                "neighbourhood_id": "molenwijk",
                "sk": f"{moment}#edge-{number}",
                "alert_id": f"edge-{number}",
                "sender_phone": FATIMA,
                "received_at": moment,
                "body": "Verdacht",
                "parts": 1,
                "status": "broadcast",
                "responders": {},
            }
        )


def test_the_month_runs_from_dutch_midnight_to_dutch_midnight(
    api: Api, molenwijk: Neighbourhood
) -> None:
    logged_at(
        "2026-10-31T22:59:59.000Z",  # 31 October 23:59:59, Dutch time
        "2026-10-31T23:00:00.000Z",  # 1 November 0:00
        "2026-11-30T22:59:59.000Z",  # 30 November 23:59:59
        "2026-11-30T23:00:00.000Z",  # 1 December 0:00
    )

    november = report_csv(api, "2026-11")
    october = report_csv(api, "2026-10")

    assert november[("alerts sent round", "")] == "2"
    # Sunday 1 and Monday 30 November: weeks that are no whole weeks say so.
    assert november[("Alerts per week", "week 44 (1 day)")] == "1"
    assert november[("Alerts per week", "week 49 (1 day)")] == "1"
    assert november[("Alerts by hour of the day", "00:00")] == "1"
    assert november[("Alerts by hour of the day", "23:00")] == "1"
    assert october[("alerts sent round", "")] == "1"
    assert october[("Alerts by day of the week", "Sat")] == "1"


def test_the_hour_repeated_when_summer_time_ends_counts_twice(
    api: Api, molenwijk: Neighbourhood
) -> None:
    # 25 October 2026: 2:30 summer time (0:30 UTC), then 2:30 winter time.
    logged_at("2026-10-25T00:30:00.000Z", "2026-10-25T01:30:00.000Z")

    october = report_csv(api, "2026-10")

    assert october[("Alerts by hour of the day", "02:00")] == "2"
    assert october[("Alerts by hour of the day", "01:00")] == "0"
    assert october[("Alerts by hour of the day", "03:00")] == "0"
    assert october[("Alerts by day of the week", "Sun")] == "2"


# Real texts, end to end.


def test_real_texts_end_up_in_the_report(api: Api, phones: Phones) -> None:
    phones.deliver(text(FATIMA, "#Inbraak man met koevoet bij nr 12"))
    phones.deliver(text(AHMED, "kom eraan", minute=2))
    phones.deliver(text(SANNE, "ik kom", minute=4))
    phones.deliver(text(FATIMA, "KLAAR politie heeft hem", minute=20))
    phones.deliver(text(MEHMET, "Verdachte auto in de Molenstraat", minute=40))
    phones.deliver(text(STRANGER, "hallo?", minute=50))
    phones.deliver(text(STRANGER, "hallo??", minute=51))
    phones.deliver(text(JAN, "Automatisch antwoord: ik ben afwezig", minute=55))

    figures = report_csv(api)

    assert figures[("alerts sent round", "")] == "2"
    assert figures[("Alerts by category", "#inbraak")] == "1"
    assert figures[("Alerts by category", "uncategorised")] == "1"
    assert figures[("alerts with a neighbour coming", "")] == "1"
    assert figures[("minutes to the first response (median)", "")] == "2.0"
    assert figures[("closed", "")] == "1"
    assert figures[("Closed alerts", "2026-11-28 22:00")] == "politie heeft hem"
    assert figures[("texts from unknown numbers", "")] == "2"
    auto_reply = "it is an automatic reply, and those are never answered"
    assert figures[("held back", auto_reply)] == "1"
    assert figures[("Alerts by day of the week", "Sat")] == "2"
    assert figures[("Alerts by hour of the day", "22:00")] == "2"


def alert_items() -> list[dict[str, Any]]:
    table = boto3.resource("dynamodb").Table("wijkalert-dev-alerts")
    return sorted(table.scan()["Items"], key=lambda item: str(item["sk"]))


def test_every_alert_expires_after_the_retention_period(
    phones: Phones, molenwijk: Neighbourhood
) -> None:
    phones.deliver(text(FATIMA, "#brand rook uit de kelder"))
    phones.deliver(text(JAN, "Automatisch antwoord", minute=1))

    items = alert_items()

    assert [item["status"] for item in items] == ["broadcast", "suppressed"]
    sent = datetime(2026, 11, 28, 21, 0, tzinfo=UTC)
    assert int(items[0]["expires_at"]) == int(sent.replace(year=2028).timestamp())
    assert items[0]["category"] == "brand"
    assert "category" not in items[1]


def test_the_retention_period_is_a_setting(
    sandbox: Sandbox, molenwijk: Neighbourhood, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Straight through the handler, as Lambda calls it: chalice's test client
    # would put the dev stage's 24 months back in the environment.
    monkeypatch.setenv(config.ALERT_RETENTION_MONTHS, "3")

    sandbox.replay(text(FATIMA, "Verdacht busje"), "retention.json")

    sent = datetime(2026, 11, 28, 21, 0, tzinfo=UTC)
    expected = sent.replace(year=2027, month=2).timestamp()
    assert int(alert_items()[0]["expires_at"]) == int(expected)


@pytest.mark.parametrize("months", ["0", "many", "-3", "121"])
def test_an_unusable_retention_period_is_refused(months: str) -> None:
    from chalicelib.errors import MissingSetting

    environ = {
        config.ROSTER_TABLE: "roster",
        config.ALERTS_TABLE: "alerts",
        config.IDEMPOTENCY_TABLE: "idempotency",
        config.ALERT_RETENTION_MONTHS: months,
    }
    with pytest.raises(MissingSetting) as refused:
        config.Settings.from_environ(environ)

    assert config.ALERT_RETENTION_MONTHS in refused.value.sentence("en")


def test_a_hashtag_the_neighbourhood_does_not_use_leaves_it_uncategorised(
    phones: Phones, molenwijk: Neighbourhood
) -> None:
    phones.deliver(text(FATIMA, "#fietsendief bij de #SUPERMARKT, #overlast"))
    phones.deliver(text(AHMED, "#fietsendief bij het station", minute=5))

    first, second = alert_items()

    assert first["category"] == "overlast"
    assert "category" not in second


# A coordinator's category.


def test_a_coordinator_categorises_an_alert(api: Api, phones: Phones) -> None:
    phones.deliver(text(FATIMA, "Man klimt over de schutting van nr 8"))
    alert_id = alert_items()[0]["alert_id"]

    response = api.call("PATCH", f"/alerts/{alert_id}", {"category": "#Inbraak"})
    listed = api.call("GET", "/alerts").json_body["alerts"]

    assert response.status_code == 200
    assert response.json_body["category"] == "inbraak"
    assert listed[0]["category"] == "inbraak"
    assert report_csv(api)[("Alerts by category", "#inbraak")] == "1"

    cleared = api.call("PATCH", f"/alerts/{alert_id}", {"category": ""})
    assert cleared.json_body["category"] is None
    assert "category" not in alert_items()[0]


def test_an_unknown_category_is_refused_with_the_choices(
    api: Api, phones: Phones
) -> None:
    phones.deliver(text(FATIMA, "Man klimt over de schutting van nr 8"))
    alert_id = alert_items()[0]["alert_id"]

    response = api.call("PATCH", f"/alerts/{alert_id}", {"category": "fietsen"})

    assert response.status_code == 400
    assert response.json_body["error"]["field"] == "category"
    assert (
        "inbraak, overlast, verdacht, brand, vandalisme"
        in (response.json_body["error"]["message"])
    )


def test_categorising_an_unknown_alert_gets_404(api: Api) -> None:
    response = api.call("PATCH", "/alerts/no-such-alert", {"category": "brand"})

    assert response.status_code == 404
    assert response.json_body["error"]["message"] == (
        "Er is geen melding 'no-such-alert' in deze buurt."
    )


# The export.


def test_the_export_lists_the_log_oldest_first_without_numbers(
    api: Api, phones: Phones
) -> None:
    phones.deliver(text(FATIMA, "#verdacht iemand belt aan, bel mij op 0612345602"))
    phones.deliver(text(AHMED, "ik kom", minute=3))
    phones.deliver(text(FATIMA, "KLAAR bezorger, bel 06-12345602 niet meer", minute=9))

    response = api.call("GET", "/alerts/export?from=2026-11-28&to=2026-11-28")

    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    rows = list(
        csv.DictReader(io.StringIO(response.body.decode("utf-8-sig")), delimiter=";")
    )
    assert len(rows) == 1
    row = rows[0]
    assert row["ontvangen"] == "2026-11-28 22:00"
    assert row["afgerond"] == "2026-11-28 22:09"
    assert (row["status"], row["soort"], row["afzender"]) == (
        "rondgestuurd",
        "verdacht",
        "een buur",
    )
    assert row["bericht"] == "#verdacht iemand belt aan, bel mij op [nummer]"
    assert row["afloop"] == "bezorger, bel [nummer] niet meer"
    assert (row["buren die kwamen"], row["minuten tot eerste reactie"]) == ("1", "3,0")
    assert not PHONE_NUMBER.search(response.body.decode())


def test_a_number_taken_out_of_an_outcome_is_marked_in_the_readers_words(
    api: Api, phones: Phones
) -> None:
    phones.deliver(text(FATIMA, "#inbraak schuurdeur open"))
    phones.deliver(
        text(FATIMA, "KLAAR wijkagent komt, bel hem op 06-12345699", minute=9)
    )

    html = api.call("GET", "/report?month=2026-11").body.decode()
    numbers = report_csv(api)

    assert '<td class="words">wijkagent komt, bel hem op [nummer]</td>' in html
    assert numbers[("Closed alerts", "2026-11-28 22:00")] == (
        "wijkagent komt, bel hem op [number]"
    )


def test_a_dutch_csv_is_written_as_a_dutch_spreadsheet_reads_it(
    api: Api, phones: Phones
) -> None:
    phones.deliver(text(FATIMA, "#verdacht iemand belt overal aan"))
    phones.deliver(text(AHMED, "ik kom", minute=2))

    report = api.call("GET", "/report?month=2026-11&format=csv").body.decode(
        "utf-8-sig"
    )
    english = report_csv(api)
    export = api.call("GET", "/alerts/export?from=2026-11-28&to=2026-11-28")

    # Semicolons between cells, decimal commas: 6 parts at EUR 0.09 (the
    # alert to five members, Ahmed's "komt" to Fatima).
    numbers = {
        (section, item): value
        for section, item, value, *_ in csv.reader(io.StringIO(report), delimiter=";")
    }
    assert numbers[("minuten tot de eerste reactie (mediaan)", "")] == "2,0"
    assert numbers[("prijs per sms-deel nu (EUR, aanname)", "")] == "0,09"
    assert numbers[("sms-kosten (EUR)", "")] == "0,54"
    # The page's share, which a Dutch spreadsheet reads as the number 1.
    assert numbers[("aandeel meldingen met een buur die kwam", "")] == "100%"
    assert english[("minutes to the first response (median)", "")] == "2.0"
    assert english[("SMS cost (EUR)", "")] == "0.54"
    rows = list(
        csv.DictReader(io.StringIO(export.body.decode("utf-8-sig")), delimiter=";")
    )
    assert rows[0]["minuten tot eerste reactie"] == "2,0"
    assert rows[0]["bericht"] == "#verdacht iemand belt overal aan"


def test_a_formula_typed_in_a_text_stays_text_in_a_spreadsheet(
    api: Api, phones: Phones
) -> None:
    phones.deliver(text(FATIMA, '=HYPERLINK("http://x.example","klik") bij nr 8'))
    phones.deliver(text(AHMED, "+1 kom eraan", minute=2))
    phones.deliver(text(FATIMA, "KLAAR @SUM(A1:A9) politie is er", minute=9))

    export = api.call("GET", "/alerts/export?from=2026-11-28&to=2026-11-28")
    numbers = api.call("GET", "/report?month=2026-11&format=csv", headers=ENGLISH)

    rows = list(
        csv.DictReader(io.StringIO(export.body.decode("utf-8-sig")), delimiter=";")
    )
    assert [row["bericht"] for row in rows] == [
        """'=HYPERLINK("http://x.example","klik") bij nr 8""",
        "'+1 kom eraan",
    ]
    assert rows[0]["afloop"] == "'@SUM(A1:A9) politie is er"
    closed = [
        r[:3]
        for r in csv.reader(io.StringIO(numbers.body.decode("utf-8-sig")))
        if r[2:]
    ]
    assert ["Closed alerts", "2026-11-28 22:00", "'@SUM(A1:A9) politie is er"] in (
        closed
    )


def test_the_export_says_what_became_of_a_text_in_the_readers_words(
    api: Api, phones: Phones
) -> None:
    phones.deliver(text(FATIMA, "#brand rook uit de kelder"))
    phones.deliver(text(JAN, "Automatisch antwoord: ik ben afwezig", minute=1))

    def exported(language: str) -> list[tuple[str, str]]:
        response = api.call(
            "GET",
            "/alerts/export?from=2026-11-28&to=2026-11-28",
            headers={"accept-language": language},
        )
        delimiter = ";" if language == "nl" else ","
        rows = list(
            csv.reader(
                io.StringIO(response.body.decode("utf-8-sig")), delimiter=delimiter
            )
        )
        return [(row[1], row[2]) for row in rows[1:]]

    assert exported("nl") == [
        ("rondgestuurd", ""),
        (
            "tegengehouden",
            "het is een automatisch antwoord, en daar wordt nooit op gereageerd",
        ),
    ]
    assert exported("en") == [
        ("sent round", ""),
        ("held back", "it is an automatic reply, and those are never answered"),
    ]


def test_closed_alerts_in_the_csv_say_what_they_were_about_and_who_closed_them(
    api: Api, sandbox: Sandbox, november: LoggedMonth
) -> None:
    def closed_rows() -> list[list[str]]:
        response = api.call("GET", "/report?month=2026-11&format=csv", headers=ENGLISH)
        rows = csv.reader(io.StringIO(response.body.decode("utf-8-sig")))
        return [row[1:] for row in rows if row[0] == "Closed alerts"]

    def expected(closer: Any) -> list[list[str]]:
        return [
            [
                f"{local(item['received_at']):%Y-%m-%d %H:%M}",
                item["outcome"].replace("06-12345699", "[number]"),
                f"#{item['category']}" if "category" in item else "uncategorised",
                closer(item),
            ]
            for item in sorted(november.alerts(), key=lambda item: item["received_at"])
            if "closed_at" in item
        ]

    hidden = closed_rows()
    sandbox.roster_table().update_item(
        Key={"pk": partition_of("molenwijk"), "sk": "PROFILE"},
        UpdateExpression="SET show_names = :yes",
        ExpressionAttributeValues={":yes": True},
    )
    shown = closed_rows()

    assert hidden == expected(lambda item: "a neighbour")
    assert shown == expected(lambda item: item["closed_by"])


def test_the_export_counts_days_in_dutch_time(api: Api, phones: Phones) -> None:
    # 23:30, 0:00 and 0:30 Dutch time: 22:30, 23:00 and 23:30 UTC.
    phones.deliver(text(FATIMA, "Nog laat: glasgerinkel", minute=90))
    phones.deliver(text(SANNE, "Om middernacht: geschreeuw", minute=120))
    phones.deliver(text(AHMED, "Net na middernacht: knal", minute=150))

    def exported(day: str) -> list[str]:
        response = api.call("GET", f"/alerts/export?from={day}&to={day}")
        rows = csv.DictReader(
            io.StringIO(response.body.decode("utf-8-sig")), delimiter=";"
        )
        return [row["ontvangen"] for row in rows]

    assert exported("2026-11-28") == ["2026-11-28 23:30"]
    assert exported("2026-11-29") == [
        "2026-11-29 00:00",
        "2026-11-29 00:30",
    ]


def test_the_export_of_an_empty_period_is_only_the_header(api: Api) -> None:
    response = api.call("GET", "/alerts/export?from=2026-01-01&to=2026-01-31")

    assert response.body.decode().count("\n") == 1
    # Kept, so nothing to explain.
    assert "X-Wijkalert-Erased-Before" not in response.headers


@pytest.mark.parametrize(
    "query", ["from=2020-01-01&to=2020-01-31", "from=2020-01-01", "to=2020-01-31"]
)
def test_an_export_reaching_back_past_the_retention_says_from_when_beside_the_csv(
    api: Api, query: str
) -> None:
    before = datetime.now(UTC)
    response = api.call("GET", f"/alerts/export?{query}")
    after = datetime.now(UTC)

    # The rows stay alerts only; the headers say what the client should say.
    assert response.body.decode("utf-8-sig").count("\n") == 1
    assert response.headers["X-Wijkalert-Retention-Months"] == "24"
    erased = datetime.fromisoformat(response.headers["X-Wijkalert-Erased-Before"])
    assert erased.utcoffset() == AMSTERDAM.utcoffset(erased.replace(tzinfo=None))
    # Two years before now, within the request (a 29 February becomes the 28th).
    day = min(before.day, 28) if before.month == 2 else before.day
    earliest = before.replace(year=before.year - 2, day=day, microsecond=0)
    assert earliest <= erased <= after.replace(year=after.year - 2, day=day)


def test_a_stranger_is_counted_once_per_text_and_never_named(
    api: Api, phones: Phones, sandbox: Sandbox
) -> None:
    phones.deliver(text(STRANGER, "wie is dit?"))
    phones.deliver(text(STRANGER, "hallo", minute=1))

    tally = sandbox.roster_table().get_item(
        Key={"pk": partition_of("molenwijk"), "sk": "TALLY#2026-11"}
    )["Item"]

    assert tally["unknown_texts"] == 2
    assert STRANGER not in str(tally)
    expected = datetime(2026, 11, 28, 21, 1, tzinfo=UTC) + timedelta(days=730)
    assert abs(int(tally["expires_at"]) - expected.timestamp()) < 2 * 86400


# What the neighbourhood chose.


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"show_names": "ja"}, "show_names"),
        ({"categories": []}, "categories"),
        ({"categories": ["in braak"]}, "categories"),
        ({"price_per_part": "-0.1"}, "price_per_part"),
        ({"price_per_part": True}, "price_per_part"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_unusable_settings_are_refused_and_change_nothing(
    api: Api, body: dict[str, Any], field: str
) -> None:
    response = api.call("PATCH", "/settings", body)

    assert response.status_code == 400
    assert response.json_body["error"]["field"] == field
    assert api.call("GET", "/settings").json_body == {
        "monthly_budget": None,
        "price_per_part": "0.09",
        "max_parts": 3,
        "smart_encoding": True,
        "show_names": False,
        "categories": ["inbraak", "overlast", "verdacht", "brand", "vandalisme"],
    }


def test_the_neighbourhoods_own_price_and_categories_reach_the_report(
    api: Api, phones: Phones
) -> None:
    api.call(
        "PATCH",
        "/settings",
        {"categories": ["drugs", "inbraak"], "price_per_part": "0.08"},
    )
    phones.deliver(text(FATIMA, "#drugs handel bij het speelveld"))

    figures = report_csv(api)

    assert figures[("Alerts by category", "#drugs")] == "1"
    assert ("Alerts by category", "#brand") not in figures
    assert figures[("price per SMS part now (EUR, assumed)", "")] == "0.08"
    assert figures[("SMS cost (EUR)", "")] == "0.40"


def test_a_price_with_more_than_cents_is_shown_as_set(api: Api, phones: Phones) -> None:
    api.call("PATCH", "/settings", {"price_per_part": "0.1234"})
    phones.deliver(text(FATIMA, "#inbraak deur open bij nr 3"))

    html = api.call("GET", "/report?month=2026-11").body.decode()
    figures = report_csv(api)

    assert "(nu EUR 0,1234)" in html
    assert figures[("price per SMS part now (EUR, assumed)", "")] == "0.1234"


def test_a_new_category_list_leaves_old_alerts_their_categories(
    api: Api, phones: Phones
) -> None:
    phones.deliver(text(FATIMA, "#inbraak schuurdeur open gebroken"))
    phones.deliver(text(AHMED, "#verdacht busje rijdt rondjes", minute=5))
    phones.deliver(text(SANNE, "Rook uit de container bij de school", minute=10))
    phones.deliver(text(MEHMET, "Fiets weg bij het station", minute=15))
    phones.deliver(text(AHMED, "KLAAR bezorger, niets aan de hand", minute=20))
    smoke = next(item for item in alert_items() if "Rook" in item["body"])
    api.call("PATCH", f"/alerts/{smoke['alert_id']}", {"category": "brand"})

    changed = api.call(
        "PATCH", "/settings", {"categories": ["fietsdiefstal", "straatroof"]}
    )
    figures = report_csv(api)
    html = api.call("GET", "/report?month=2026-11", headers=ENGLISH).body.decode()
    export = api.call("GET", "/alerts/export?from=2026-11-28&to=2026-11-28")

    assert changed.status_code == 200
    by_category = {
        item: value
        for (section, item), value in figures.items()
        if section == "Alerts by category"
    }
    # The list's own first, then those the alerts were given, then the rest.
    assert list(by_category.items()) == [
        ("#fietsdiefstal", "0"),
        ("#straatroof", "0"),
        ("#brand", "1"),
        ("#inbraak", "1"),
        ("#verdacht", "1"),
        ("uncategorised", "1"),
    ]
    assert charts_of(html).bars["per_category"] == [
        ("#fietsdiefstal", 0),
        ("#straatroof", 0),
        ("#brand", 1),
        ("#inbraak", 1),
        ("#verdacht", 1),
        ("uncategorised", 1),
    ]
    # As the closed alerts and the export still say.
    assert "<td>#verdacht</td>" in html
    rows = csv.DictReader(io.StringIO(export.body.decode("utf-8-sig")), delimiter=";")
    assert sorted(row["soort"] for row in rows) == ["", "brand", "inbraak", "verdacht"]


# The SMS sent: what was recorded, as `wijkalert costs` shows it.


def test_the_reports_sms_are_those_costs_recorded_when_the_roster_grew(
    api: Api, phones: Phones
) -> None:
    phones.deliver(text(FATIMA, "#verdacht busje rijdt rondjes"))
    phones.deliver(text(AHMED, "ik kom", minute=2))
    for phone, name in (("+31612345606", "Lotte"), ("+31612345607", "Bram")):
        added = api.call("POST", "/members", {"phone": phone, "name": name})
        assert added.status_code == 201
    phones.deliver(text(FATIMA, "KLAAR bezorger", minute=9))

    figures = report_csv(api)
    costs = api.call("GET", "/costs?month=2026-11", headers=ENGLISH).json_body
    html = api.call("GET", "/report?month=2026-11", headers=ENGLISH).body.decode()

    # The alert went to the five members of the time, not today's seven;
    # the closing to seven, the "komt" to Fatima alone.
    assert costs["parts"] == {
        "alert": 5,
        "closing": 7,
        "acknowledgement": 1,
        "reply": 0,
    }
    assert costs["cost"] == "1.17"
    sent = "SMS parts sent"
    assert figures[(sent, "")] == "13"
    assert [figures[(sent, kind)] for kind in ("alerts", "closings")] == ["5", "7"]
    assert figures[(sent, "acknowledgements")] == "1"
    assert figures[(sent, "keyword replies")] == "0"
    assert figures[("SMS cost (EUR)", "")] == "1.17"
    shown = charts_of(html).figures
    assert (shown["parts"], shown["cost"]) == ("13", "EUR 1.17")
    assert "SMS parts sent in November 2026: 13, EUR 1.17 in all" in html


def test_a_price_changed_during_the_month_leaves_the_cost_as_recorded(
    api: Api, phones: Phones
) -> None:
    phones.deliver(text(FATIMA, "#verdacht busje rijdt rondjes"))
    api.call("PATCH", "/settings", {"price_per_part": "0.10"})
    phones.deliver(text(FATIMA, "KLAAR bezorger", minute=9))

    figures = report_csv(api)

    # Each part at the price of its moment (a warm Lambda keeps the old one a
    # few minutes), never ten parts recounted at today's EUR 0.10.
    recorded = api.call("GET", "/costs?month=2026-11").json_body["cost"]
    assert figures[("SMS parts sent", "")] == "10"
    assert figures[("SMS cost (EUR)", "")] == recorded != "1.00"
    assert figures[("price per SMS part now (EUR, assumed)", "")] == "0.10"


def test_a_month_without_a_record_of_its_sms_says_so_instead_of_guessing(
    api: Api, molenwijk: Neighbourhood
) -> None:
    # Alerts from before the SMS were recorded: in the log, not in the record.
    logged_at("2026-11-02T19:00:00.000Z", "2026-11-03T19:00:00.000Z")

    html = api.call("GET", "/report?month=2026-11", headers=ENGLISH).body.decode()
    dutch = api.call("GET", "/report?month=2026-11").body.decode()
    figures = report_csv(api)
    quiet = report_csv(api, "2026-10")

    assert "No SMS sent in November 2026 were recorded, although the alert log" in (
        html
    )
    assert "Voor november 2026 zijn geen verstuurde sms&#x27;jes vastgelegd" in dutch
    shown = charts_of(html).figures
    assert (shown["parts"], shown["cost"]) == ("—", "—")
    assert figures[("alerts sent round", "")] == "2"
    assert figures[("SMS parts sent", "")] == ""
    assert figures[("SMS cost (EUR)", "")] == ""
    assert ("SMS parts sent", "alerts") not in figures
    assert ("SMS parts and cost", "No SMS sent in October 2026 were recorded.") in (
        quiet
    )
