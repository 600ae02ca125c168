"""The monthly report: what the alert log says about one month, for the meeting.

The neighbourhood group meets with the police, the housing corporations and
the district; this is what they look at. `figures` counts a month of alert
items (as `conversation` writes them) into plain numbers, and the renderers
turn those numbers into one self-contained HTML page that prints on A4, a CSV
of the same numbers, and a CSV of the alert log itself.

Nothing here reads AWS: the coordinators' office hands in the items, the
month's tally of strangers and the SMS recorded for the month as they were
sent (what `wijkalert costs` shows too). The charts are SVG drawn
here, a few rectangles each, rather than a charting library, so the function
stays small and the page needs no script, font or image from anywhere else.

What leaves this module carries no phone number: the neighbours' own words
(outcomes, alert texts) pass through `phones`, which puts a placeholder where a
number was, and names only appear when the neighbourhood chose to show them.
"""

import csv
import io
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from html import escape
from typing import Any, Final

from chalicelib import phones, texts
from chalicelib.errors import InvalidInput
from chalicelib.neighbourhoods import (
    TIMEZONE,
    Neighbourhood,
    months_later,
    price_text,
)
from chalicelib.protection import SPENDING_KINDS, Spending

Item = Mapping[str, Any]
FIRST_YEAR: Final = 1970
LAST_YEAR: Final = 9998


@dataclass(frozen=True)
class Month:
    """A calendar month in the neighbourhood's own time zone."""

    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> "Month":
        """`2026-11`, or `InvalidInput` naming the field."""
        if not text.strip():
            raise InvalidInput("report.month_missing", field="month")
        year, _, month = text.strip().partition("-")
        # ASCII only: "١١".isdigit() is true too. The years are those a
        # datetime can still turn into UTC and back (0001 and 9999 cannot).
        digits = (year + month).isascii() and year.isdigit() and month.isdigit()
        if not (len(year) == 4 and len(month) == 2 and digits):
            raise InvalidInput("report.month_invalid", field="month", value=text)
        if not (FIRST_YEAR <= int(year) <= LAST_YEAR and 1 <= int(month) <= 12):
            raise InvalidInput("report.month_out_of_range", field="month", value=text)
        return cls(int(year), int(month))

    @property
    def start(self) -> datetime:
        return datetime(self.year, self.month, 1, tzinfo=TIMEZONE)

    @property
    def end(self) -> datetime:
        """The first moment of the next month."""
        following = date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return datetime(following.year, following.month, 1, tzinfo=TIMEZONE)

    @property
    def last_day(self) -> date:
        return (self.end - timedelta(days=1)).date()

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def name(self, language: str) -> str:
        names = texts.say("report.month_names", language).split(",")
        return f"{names[self.month - 1]} {self.year}"

    def utc_bounds(self) -> tuple[str, str]:
        """The month as the alert log's sort keys see it: UTC ISO times."""
        return (
            self.start.astimezone(UTC).isoformat(timespec="seconds")[:19],
            self.end.astimezone(UTC).isoformat(timespec="seconds")[:19],
        )

    def has_begun(self, now: datetime) -> bool:
        return self.start <= now

    def covered_until(self, now: datetime) -> date:
        """The month's last day, or today while the month is still running."""
        return min(self.last_day, now.astimezone(TIMEZONE).date())

    def erased_before(self, now: datetime, retention_months: int) -> datetime | None:
        """The moment before which the month's alerts have expired (the whole
        month: its end), or None while the retention keeps all of them."""
        cut = months_later(now, -retention_months)
        if cut <= self.start:
            return None
        return min(cut, self.end).astimezone(TIMEZONE)

    def weeks(self) -> list[tuple[int, int]]:
        """The ISO (year, week) pairs the month's days fall in, in order."""
        found: list[tuple[int, int]] = []
        day = self.start.date()
        while day <= self.last_day:
            week = day.isocalendar()[:2]
            if week not in found:
                found.append(week)
            day += timedelta(days=1)
        return found


@dataclass(frozen=True)
class ClosedAlert:
    received_at: datetime  # in the neighbourhood's time zone
    category: str | None
    # The words between the phone numbers; the reader's placeholder joins them.
    outcome: tuple[str, ...]
    closed_by: str | None  # None where names are not shown


@dataclass(frozen=True)
class Figures:
    """One month of the alert log, counted."""

    neighbourhood: str
    month: Month
    retention_months: int
    covered_until: date  # the month's last day, or today in a running month
    erased_before: datetime | None  # alerts before it have expired (Dutch time)
    alerts: int
    per_week: list[tuple[int, int]]  # (ISO week, alerts)
    per_weekday: list[int]  # Monday first
    per_hour: list[int]  # 0:00 to 23:00
    per_category: list[tuple[str | None, int]]  # None: uncategorised
    responded: int
    median_first_response: float | None  # minutes
    closed: list[ClosedAlert]
    unknown_texts: int
    suppressed: dict[str, int]
    spending: Spending  # the month's SMS as recorded, as `costs` shows them
    part_price: Decimal  # today's; the cost is at each moment's price

    @property
    def sms_parts(self) -> int | None:
        """Every SMS part recorded for the month; None without a record."""
        return self.spending.total_parts if self.spending.recorded else None

    @property
    def cost(self) -> Decimal | None:
        if not self.spending.recorded:
            return None
        return self.spending.cost.quantize(Decimal("0.01"))

    @property
    def all_erased(self) -> bool:
        return self.erased_before is not None and self.erased_before >= self.month.end

    @property
    def responded_share(self) -> float | None:
        return self.responded / self.alerts if self.alerts else None


def local_time(received_at: str) -> datetime:
    moment = datetime.fromisoformat(received_at.replace("Z", "+00:00"))
    return moment.astimezone(TIMEZONE)


def in_month(items: Iterable[Item], month: Month) -> list[Item]:
    """The items received within the month, oldest first."""
    kept = [
        item
        for item in items
        if month.start <= local_time(str(item["received_at"])) < month.end
    ]
    return sorted(kept, key=lambda item: local_time(str(item["received_at"])))


def first_response_minutes(item: Item) -> float | None:
    """Minutes from the alert to the first neighbour saying they come."""
    times = [
        local_time(str(answer["at"]))
        for phone, answer in _neighbours_answers(item).items()
    ]
    if not times:
        return None
    received = local_time(str(item["received_at"]))
    return (min(times) - received).total_seconds() / 60


def _neighbours_answers(item: Item) -> dict[str, Any]:
    # The sender's own "kom" is no neighbour coming.
    answers = item.get("responders") or {}
    return {
        phone: answer
        for phone, answer in answers.items()
        if phone != item.get("sender_phone")
    }


def figures(
    items: Iterable[Item],
    month: Month,
    neighbourhood: Neighbourhood,
    *,
    unknown_texts: int,
    spending: Spending,
    retention_months: int,
    now: datetime,
) -> Figures:
    """Count the month's alert items into the report's numbers."""
    logged = in_month(items, month)
    alerts = [item for item in logged if item.get("status") == "broadcast"]
    held = [item for item in logged if item.get("status") == "suppressed"]
    moments = [local_time(str(item["received_at"])) for item in alerts]

    weeks = Counter(moment.isocalendar()[:2] for moment in moments)
    weekdays = Counter(moment.weekday() for moment in moments)
    hours = Counter(moment.hour for moment in moments)
    categories = Counter(str(item.get("category") or "") or None for item in alerts)
    # A category an alert was given stays its category after the list
    # changes, as the closed alerts and the export say: the list's own first,
    # in its order, then those it no longer has, then the uncategorised.
    former = sorted(
        category
        for category in categories
        if category is not None and category not in neighbourhood.categories
    )
    waits = [
        wait
        for wait in (first_response_minutes(item) for item in alerts)
        if wait is not None
    ]
    responded = sum(bool(_neighbours_answers(item)) for item in alerts)

    return Figures(
        neighbourhood=neighbourhood.name,
        month=month,
        retention_months=retention_months,
        covered_until=month.covered_until(now),
        erased_before=month.erased_before(now, retention_months),
        alerts=len(alerts),
        per_week=[(week, weeks[(year, week)]) for year, week in month.weeks()],
        per_weekday=[weekdays[day] for day in range(7)],
        per_hour=[hours[hour] for hour in range(24)],
        per_category=[
            (c, categories[c]) for c in (*neighbourhood.categories, *former, None)
        ],
        responded=responded,
        median_first_response=statistics.median(waits) if waits else None,
        closed=[
            _closed(item, neighbourhood.show_names)
            for item in alerts
            if item.get("closed_at")
        ],
        unknown_texts=unknown_texts,
        suppressed=dict(Counter(str(item.get("reason")) for item in held)),
        spending=spending,
        part_price=neighbourhood.price_per_part,
    )


def _closed(item: Item, show_names: bool) -> ClosedAlert:
    return ClosedAlert(
        received_at=local_time(str(item["received_at"])),
        category=item.get("category"),
        outcome=phones.around_numbers(str(item.get("outcome") or "")),
        closed_by=(str(item.get("closed_by") or "") or None) if show_names else None,
    )


# Words and numbers as the reader writes them.


def _number(value: float, language: str, decimals: int = 0) -> str:
    written = f"{value:,.{decimals}f}"
    if language == "nl":
        written = written.replace(",", " ").replace(".", ",").replace(" ", ".")
    return written


def _money(value: Decimal | None, language: str) -> str:
    return "—" if value is None else "EUR " + _number(float(value), language, 2)


def _count(value: int | None, language: str) -> str:
    return "—" if value is None else _number(value, language)


def _share(fig: Figures, language: str) -> str:
    return _percent(fig, language) or "—"


def _minutes(fig: Figures, language: str) -> str:
    wait = fig.median_first_response
    if wait is None:
        return "—"
    return texts.say("report.minutes", language, minutes=_number(wait, language, 1))


def retention(months: int, language: str) -> str:
    """The retention as the sentences name it: "1 maand", "24 maanden"."""
    if months == 1:
        return texts.say("report.retention_month", language)
    return texts.say("report.retention_months", language, months=months)


def _category(category: str | None, language: str) -> str:
    return f"#{category}" if category else texts.say("report.uncategorised", language)


def _weekdays(language: str) -> list[str]:
    return texts.say("report.weekday_names", language).split(",")


def _week(week: int, language: str) -> str:
    return texts.say("report.week", language, week=week)


def _days_counted(fig: Figures) -> list[int]:
    """For each week of `per_week`, how many of its days the count covers: the
    days in the month, neither still to come nor erased by the retention."""
    first = fig.month.start.date()
    if fig.erased_before is not None:
        first = max(first, fig.erased_before.date())
    days = (
        first + timedelta(days=n) for n in range((fig.covered_until - first).days + 1)
    )
    counted = Counter(day.isocalendar()[:2] for day in days)
    return [counted[week] for week in fig.month.weeks()]


def _week_days(days: int, language: str) -> str:
    """The days of a week the count covers only part of, as "(1 dag)"; "" for
    a whole week, or one it covers none of (whose count is no count at all)."""
    if days in (0, 7):
        return ""
    key = "report.week_day" if days == 1 else "report.week_days"
    return texts.say(key, language, days=days)


def _week_label(week: int, days: int, language: str) -> str:
    return " ".join(filter(None, (_week(week, language), _week_days(days, language))))


def _words(key: str, stored: str, language: str) -> str:
    """What the log stores ("suppressed", "stale_reply") in the reader's words,
    or as stored when the catalogue has none for it."""
    return texts.say(key, language) if key in texts.catalogue_keys() else stored


def _reason(reason: str, language: str) -> str:
    return _words(f"story.reason.{reason}", reason, language)


def _without_numbers(text: str, language: str) -> str:
    return phones.without_numbers(text, texts.say("report.number_removed", language))


def _outcome(closed: ClosedAlert, language: str) -> str:
    return texts.say("report.number_removed", language).join(closed.outcome)


def _status(status: str, language: str) -> str:
    return _words(f"report.status.{status}", status, language)


def _neighbour(name: str | None, language: str) -> str:
    return name or texts.say("report.a_neighbour", language)


def period(fig: Figures, language: str) -> str:
    running = fig.covered_until < fig.month.last_day
    return texts.say(
        "report.period_so_far" if running else "report.period",
        language,
        first=fig.month.start.day,
        last=fig.covered_until.day,
        month=fig.month.name(language),
    )


def _erased(fig: Figures, language: str) -> str | None:
    """What the retention took from this month, in a sentence, if anything."""
    if fig.erased_before is None:
        return None
    if fig.all_erased:
        return texts.say(
            "report.erased_all",
            language,
            months=retention(fig.retention_months, language),
            month=fig.month.name(language),
        )
    return texts.say(
        "report.erased_part",
        language,
        months=retention(fig.retention_months, language),
        moment=f"{fig.erased_before:%d-%m-%Y %H:%M}",
    )


# The HTML page.

_STYLE: Final = """
@page { size: A4; margin: 14mm 14mm 16mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif;
  color: #1d2733; margin: 0 auto; max-width: 182mm; font-size: 10pt;
  line-height: 1.35; padding: 6mm 0; }
h1 { font-size: 18pt; margin: 0 0 1mm; }
h2 { font-size: 11.5pt; margin: 0 0 2mm; color: #0b4f6c; break-after: avoid; }
p { margin: 0 0 2mm; }
.period { color: #4a5968; margin-bottom: 5mm; }
.erased { border-left: 1mm solid #c0392b; padding-left: 3mm; margin-bottom: 5mm; }
section { break-inside: avoid; margin-bottom: 6mm; }
/* A long list runs on across pages a row at a time (each page repeats its
   header); a short one stays under the figures rather than starting a page of
   its own, which left one alert's report on three pages. */
section.list { break-inside: auto; }
@media screen { section.list { margin-top: 8mm; } }
tr { break-inside: avoid; }
.tiles { display: grid; grid-template-columns: repeat(4, 1fr); gap: 2.5mm; }
.tile { border: 0.3mm solid #c9d4de; border-radius: 1.5mm; padding: 2mm 3mm; }
.tile b { display: block; font-size: 14pt; color: #0b4f6c; white-space: nowrap; }
.tile span { color: #4a5968; font-size: 8.5pt; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 4mm 6mm;
  margin-bottom: 6mm; }
.charts section { margin: 0; }
.wide { grid-column: 1 / -1; }
svg.chart { width: 100%; height: auto; display: block; }
svg.chart .bar { fill: #1f7a9c; }
svg.chart .none { fill: #9aa8b5; }
svg.chart text { font-size: 11px; fill: #1d2733; }
svg.chart text.note { fill: #4a5968; }
svg.chart .axis { stroke: #8795a3; stroke-width: 1; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; }
th, td { text-align: left; padding: 1mm 2mm; border-bottom: 0.2mm solid #d6dee6;
  vertical-align: top; }
th { color: #4a5968; font-weight: 600; }
td.n, th.n { text-align: right; }
/* An outcome typed without spaces (a link) wraps instead of leaving the page. */
td.words { overflow-wrap: anywhere; }
td:first-child { white-space: nowrap; }
.note { color: #4a5968; font-size: 8.5pt; }
.empty { font-size: 12pt; padding: 6mm 0; }
footer { color: #6b7886; font-size: 8pt; border-top: 0.2mm solid #c9d4de;
  padding-top: 2mm; }
"""


def bar_chart(
    name: str,
    labels: Sequence[str],
    values: Sequence[int],
    *,
    width: int = 340,
    height: int = 150,
    show_every: int = 1,
    muted: Sequence[bool] = (),
    notes: Sequence[str] = (),
) -> str:
    """A bar chart as inline SVG; each bar carries its value in `data-value`.
    A note stands on a second line under its bar's label ("(1 dag)")."""
    top, bottom, side = 16, 22, 6
    room = height - top - bottom
    # The notes' line goes below, so the axis stays level with a chart beside.
    line = 12 if any(notes) else 0
    height += line
    slot = (width - 2 * side) / max(len(values), 1)
    highest = max(values, default=0) or 1
    shapes = [
        f'<line class="axis" x1="{side}" y1="{top + room}" '
        f'x2="{width - side}" y2="{top + room}"/>'
    ]
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        bar = room * value / highest
        x = side + index * slot + slot * 0.15
        kind = "none" if index < len(muted) and muted[index] else "bar"
        note = notes[index] if index < len(notes) else ""
        whole = f"{label} {note}" if note else label
        shapes.append(
            f'<rect class="{kind}" data-label="{escape(whole)}" data-value="{value}" '
            f'x="{x:.1f}" y="{top + room - bar:.1f}" width="{slot * 0.7:.1f}" '
            f'height="{bar:.1f}"/>'
        )
        middle = side + (index + 0.5) * slot
        if value:
            shapes.append(
                f'<text x="{middle:.1f}" y="{top + room - bar - 3:.1f}" '
                f'text-anchor="middle">{value}</text>'
            )
        if index % show_every == 0:
            shapes.append(
                f'<text x="{middle:.1f}" y="{height - 7 - line}" '
                f'text-anchor="middle">{escape(label)}</text>'
            )
        if note:
            shapes.append(
                f'<text class="note" x="{middle:.1f}" y="{height - 7}" '
                f'text-anchor="middle">{escape(note)}</text>'
            )
    return (
        f'<svg class="chart" data-chart="{name}" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg">{"".join(shapes)}</svg>'
    )


def row_chart(
    name: str,
    labels: Sequence[str],
    values: Sequence[int],
    *,
    width: int = 340,
    muted: Sequence[bool] = (),
) -> str:
    """Bars lying down, for labels too long to stand under a bar."""
    row, label_room, value_room = 22, 110, 34
    height = row * len(values) + 4
    room = width - label_room - value_room
    highest = max(values, default=0) or 1
    shapes = [
        f'<line class="axis" x1="{label_room}" y1="0" x2="{label_room}" y2="{height}"/>'
    ]
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = 2 + index * row
        bar = room * value / highest
        kind = "none" if index < len(muted) and muted[index] else "bar"
        shapes += [
            f'<text x="{label_room - 6}" y="{y + 15}" text-anchor="end">'
            f"{escape(label)}</text>",
            f'<rect class="{kind}" data-label="{escape(label)}" '
            f'data-value="{value}" x="{label_room}" y="{y + 3}" '
            f'width="{bar:.1f}" height="{row - 6}"/>',
            f'<text x="{label_room + bar + 4:.1f}" y="{y + 15}">{value}</text>',
        ]
    return (
        f'<svg class="chart" data-chart="{name}" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg">{"".join(shapes)}</svg>'
    )


def _section(title: str, body: str, extra_class: str = "") -> str:
    classes = f' class="{extra_class}"' if extra_class else ""
    return f"<section{classes}><h2>{escape(title)}</h2>{body}</section>"


def _tiles(fig: Figures, language: str) -> str:
    shown = [
        (
            "report.tile.alert" if fig.alerts == 1 else "report.tile.alerts",
            _number(fig.alerts, language),
        ),
        ("report.tile.responded", _share(fig, language)),
        (
            # The median of one wait is that wait.
            "report.tile.first_response_single"
            if fig.responded == 1
            else "report.tile.first_response",
            _minutes(fig, language),
        ),
        ("report.tile.closed", _number(len(fig.closed), language)),
        (
            "report.tile.unknown_one"
            if fig.unknown_texts == 1
            else "report.tile.unknown",
            _number(fig.unknown_texts, language),
        ),
        ("report.tile.suppressed", _number(sum(fig.suppressed.values()), language)),
        (
            "report.tile.parts_one" if fig.sms_parts == 1 else "report.tile.parts",
            _count(fig.sms_parts, language),
        ),
        ("report.tile.cost", _money(fig.cost, language)),
    ]
    tiles = "".join(
        f'<div class="tile" data-figure="{_figure_name(key)}">'
        f"<b>{escape(value)}</b><span>{escape(texts.say(key, language))}</span></div>"
        for key, value in shown
    )
    return f'<div class="tiles">{tiles}</div>'


def _figure_name(key: str) -> str:
    """The tile's name for tests and styles, the same for one and for many."""
    name = key.rsplit(".", 1)[1].removesuffix("_one").removesuffix("_single")
    return "alerts" if name == "alert" else name


def _charts(fig: Figures, language: str) -> str:
    # A week at the month's edge, or cut by today or the retention, is drawn
    # grey with its days under it: it is no quiet week next to whole ones.
    days = _days_counted(fig)
    weeks = bar_chart(
        "per_week",
        [_week(week, language) for week, _ in fig.per_week],
        [count for _, count in fig.per_week],
        muted=[0 < n < 7 for n in days],
        notes=[_week_days(n, language) for n in days],
    )
    weekdays = bar_chart("per_weekday", _weekdays(language), fig.per_weekday)
    hours = bar_chart(
        "per_hour",
        [f"{hour}" for hour in range(24)],
        fig.per_hour,
        width=700,
        show_every=2,
    )
    categories = row_chart(
        "per_category",
        [_category(category, language) for category, _ in fig.per_category],
        [count for _, count in fig.per_category],
        muted=[category is None for category, _ in fig.per_category],
    )
    return (
        '<div class="charts">'
        + _section(texts.say("report.chart.per_week", language), weeks)
        + _section(texts.say("report.chart.per_weekday", language), weekdays)
        + _section(texts.say("report.chart.per_hour", language), hours, "wide")
        + _section(texts.say("report.chart.per_category", language), categories)
        + _section(texts.say("report.responses", language), _responses(fig, language))
        + "</div>"
    )


def _responses(fig: Figures, language: str) -> str:
    if fig.alerts == 1:
        responded = texts.say(
            "report.responded_single" if fig.responded else "report.none_responded",
            language,
        )
    elif not fig.responded:
        responded = texts.say("report.responded_none", language, alerts=fig.alerts)
    else:
        responded = texts.say(
            "report.responded",
            language,
            responded=fig.responded,
            alerts=fig.alerts,
            share=_share(fig, language),
        )
    if fig.median_first_response is None:
        first = texts.say("report.no_first_response", language)
    elif fig.responded == 1:
        first = texts.say(
            "report.first_response_single", language, minutes=_minutes(fig, language)
        )
    else:
        first = texts.say(
            "report.first_response", language, minutes=_minutes(fig, language)
        )
    return "".join(f"<p>{escape(sentence)}</p>" for sentence in (responded, first))


def _closed_table(fig: Figures, language: str) -> str:
    if not fig.closed:
        return f"<p>{escape(texts.say('report.none_closed', language))}</p>"
    head = "".join(
        f"<th>{escape(texts.say(f'report.column.{name}', language))}</th>"
        for name in ("received_at", "category", "outcome", "closed_by")
    )
    rows = "".join(
        "<tr>"
        f"<td>{closed.received_at:%d-%m %H:%M}</td>"
        f"<td>{escape(_category(closed.category, language))}</td>"
        f'<td class="words">{escape(_outcome(closed, language) or "—")}</td>'
        f"<td>{escape(_neighbour(closed.closed_by, language))}</td>"
        "</tr>"
        for closed in fig.closed
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _unknown(count: int, language: str) -> str:
    if count == 0:
        return texts.say("report.unknown_none", language)
    if count == 1:
        return texts.say("report.unknown_one", language)
    return texts.say("report.unknown", language, count=_number(count, language))


def _held_back(fig: Figures, language: str) -> str:
    sentence = _unknown(fig.unknown_texts, language)
    if not fig.suppressed:
        held = texts.say("report.none_suppressed", language)
        return f"<p>{escape(sentence)}</p><p>{escape(held)}</p>"
    rows = "".join(
        f"<tr><td>{escape(_reason(reason, language))}</td>"
        f'<td class="n">{count}</td></tr>'
        for reason, count in sorted(fig.suppressed.items())
    )
    head = (
        f"<th>{escape(texts.say('report.column.reason', language))}</th>"
        f'<th class="n">{escape(texts.say("report.column.count", language))}</th>'
    )
    return (
        f"<p>{escape(sentence)}</p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    )


def _costs(fig: Figures, language: str) -> str:
    if not fig.spending.recorded:
        return f"<p>{escape(_not_recorded(fig, language))}</p>"
    sentence = texts.say(
        "report.sms_recorded",
        language,
        month=fig.month.name(language),
        parts=_count(fig.sms_parts, language),
        cost=_money(fig.cost, language),
    )
    head = (
        f"<th>{escape(texts.say('column.kind', language))}</th>"
        f'<th class="n">{escape(texts.say("report.column.parts", language))}</th>'
    )
    rows = "".join(
        f'<tr data-kind="{kind}"><td>{escape(_kind(kind, language))}</td>'
        f'<td class="n">{_number(fig.spending.parts[kind], language)}</td></tr>'
        for kind in SPENDING_KINDS
    )
    price = texts.say(
        "report.price_assumption",
        language,
        price="EUR " + texts.decimal(price_text(fig.part_price), language),
    )
    return (
        f"<p>{escape(sentence)}</p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
        f"<p class='note'>{escape(price)}</p>"
    )


def _kind(kind: str, language: str) -> str:
    return texts.say(f"costs.kind.{kind}", language)


def _not_recorded(fig: Figures, language: str) -> str:
    """A month without a record of its SMS: said, not guessed from today's roster."""
    key = "report.sms_not_recorded_alerts" if fig.alerts else "report.sms_not_recorded"
    return texts.say(key, language, month=fig.month.name(language))


def _no_alerts(fig: Figures, language: str) -> str:
    """A month without alerts; where the retention erased part of it, only the
    part still kept is known to have been quiet."""
    key = "report.no_alerts_kept" if fig.erased_before else "report.no_alerts"
    return texts.say(key, language, month=fig.month.name(language))


def _figures_html(fig: Figures, language: str) -> list[str]:
    parts = [_section(texts.say("report.summary", language), _tiles(fig, language))]
    if fig.alerts:
        parts.append(_charts(fig, language))
    else:
        empty = _no_alerts(fig, language)
        parts.append(f'<p class="empty" data-empty="true">{escape(empty)}</p>')
    parts += [
        _section(texts.say("report.held_back", language), _held_back(fig, language)),
        _section(texts.say("report.sms", language), _costs(fig, language)),
    ]
    if fig.alerts:
        # Last: a long list, which the meeting reads after the figures.
        closed = _closed_table(fig, language)
        parts.append(_section(texts.say("report.closed", language), closed, "list"))
    return parts


def render_html(fig: Figures, language: str, generated: datetime) -> str:
    """The month's report as one HTML page with everything in it."""
    title = texts.say(
        "report.title",
        language,
        neighbourhood=fig.neighbourhood,
        month=fig.month.name(language),
    )
    covers = texts.say(
        "report.covers",
        language,
        period=period(fig, language),
        months=retention(fig.retention_months, language),
    )
    erased = _erased(fig, language)
    parts = [
        f"<h1>{escape(title)}</h1>",
        f'<p class="period">{escape(covers)}</p>',
    ]
    if erased:
        parts.append(f'<p class="erased" data-erased="true">{escape(erased)}</p>')
    # Of a month the retention erased whole nothing is left to count, and
    # zeros would read as a quiet month; the sentence above says it all.
    if not fig.all_erased:
        parts += _figures_html(fig, language)
    parts += [
        "<footer>"
        + escape(
            texts.say(
                "report.footer",
                language,
                generated=generated.astimezone(TIMEZONE).strftime("%d-%m-%Y %H:%M"),
            )
        )
        + "</footer>",
    ]
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(language)}"><head>'
        '<meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head>"
        f"<body>{''.join(parts)}</body></html>\n"
    )


# The same numbers for a spreadsheet.


def render_csv(fig: Figures, language: str) -> str:
    """One row per number: section, item, value; a closed alert's row adds
    its category and who closed it, as the page's table shows them."""
    say = texts.say
    rows: list[tuple[str, ...]] = [
        (say("report.csv.period", language), period(fig, language), ""),
        (
            say("report.csv.retention", language),
            say(
                "report.retention",
                language,
                months=retention(fig.retention_months, language),
            ),
            "",
        ),
    ]
    erased = _erased(fig, language)
    if erased:
        rows.append((say("report.csv.erased", language), erased, ""))
    header = (
        *(say(f"report.csv.{name}", language) for name in ("section", "item", "value")),
        say("report.column.category", language),
        say("report.column.closed_by", language),
    )
    if fig.all_erased:
        # As on the page: no counts of what is no longer there.
        return _csv([header, *rows], language)
    rows += [(say("report.tile.alerts", language), "", str(fig.alerts))]
    if not fig.alerts:
        empty = _no_alerts(fig, language)
        rows += [(say("report.csv.note", language), empty, "")]
    # As on the page: a week still to come or erased has no count (an empty
    # cell, which a spreadsheet does not add up as 0), a partial week says so.
    rows += [
        (
            say("report.chart.per_week", language),
            _week_label(week, days, language),
            str(count) if days else "",
        )
        for (week, count), days in zip(fig.per_week, _days_counted(fig), strict=True)
    ]
    rows += [
        (say("report.chart.per_weekday", language), day, str(count))
        for day, count in zip(_weekdays(language), fig.per_weekday, strict=True)
    ]
    rows += [
        (say("report.chart.per_hour", language), f"{hour:02d}:00", str(count))
        for hour, count in enumerate(fig.per_hour)
    ]
    rows += [
        (say("report.chart.per_category", language), _category(c, language), str(n))
        for c, n in fig.per_category
    ]
    wait = fig.median_first_response
    # Of no alerts none was answered, and no share: the page's tile says "—",
    # and so does an empty cell here, rather than a 0 a spreadsheet averages.
    rows += [
        (
            say("report.csv.responded", language),
            "",
            str(fig.responded) if fig.alerts else "",
        ),
        (say("report.csv.responded_share", language), "", _percent(fig, language)),
        (say("report.csv.first_response", language), "", _plain(wait, language)),
        (say("report.tile.closed", language), "", str(len(fig.closed))),
    ]
    rows += [
        (
            say("report.closed", language),
            f"{closed.received_at:%Y-%m-%d %H:%M}",
            _outcome(closed, language),
            _category(closed.category, language),
            _neighbour(closed.closed_by, language),
        )
        for closed in fig.closed
    ]
    rows += [
        (say("report.tile.unknown", language), "", str(fig.unknown_texts)),
        (
            say("report.tile.suppressed", language),
            "",
            str(sum(fig.suppressed.values())),
        ),
    ]
    rows += [
        (say("report.tile.suppressed", language), _reason(reason, language), str(n))
        for reason, n in sorted(fig.suppressed.items())
    ]
    parts = say("report.tile.parts", language)
    if not fig.spending.recorded:
        rows += [(say("report.sms", language), _not_recorded(fig, language), "")]
    rows += [(parts, "", "" if fig.sms_parts is None else str(fig.sms_parts))]
    if fig.spending.recorded:
        rows += [
            (parts, _kind(kind, language), str(fig.spending.parts[kind]))
            for kind in SPENDING_KINDS
        ]
    rows += [
        (
            say("report.csv.part_price", language),
            "",
            texts.decimal(fig.part_price, language),
        ),
        (
            say("report.csv.cost", language),
            "",
            "" if fig.cost is None else texts.decimal(fig.cost, language),
        ),
    ]
    return _csv([header, *rows], language)


def _plain(value: float | None, language: str) -> str:
    return "" if value is None else texts.decimal(f"{value:.1f}", language)


def _percent(fig: Figures, language: str) -> str:
    """The page's share, "83%": Excel and LibreOffice read it as the number
    0.83 shown as a percentage, in Dutch and English alike."""
    share = fig.responded_share
    return "" if share is None else _number(share * 100, language) + "%"


# Excel opens a UTF-8 file without this mark in the Windows code page, and an
# alert's "café" or emoji would read as garbage. LibreOffice and Python's
# "utf-8-sig" take it as the encoding mark it is.
SPREADSHEET_MARK: Final = "\ufeff"


# A spreadsheet set to Dutch reads "8,6" as a number and splits cells at ";"
# (the comma being taken); one set to English wants "8.6" and ",". The CSV
# follows the language its header is written in.
def _csv(rows: Iterable[Sequence[str]], language: str) -> str:
    buffer = io.StringIO()
    delimiter = ";" if language == "nl" else ","
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerows([_as_text(cell) for cell in row] for row in rows)
    return SPREADSHEET_MARK + buffer.getvalue()


# What a spreadsheet reads as the start of a formula. Anyone on the roster
# can put words in the log, and "=HYPERLINK(...)" in an alert must stay words
# on the coordinator's screen.
_FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")


def _as_text(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


EXPORT_COLUMNS: Final = (
    "received_at",
    "status",
    "reason",
    "category",
    "sender",
    "body",
    "parts",
    "responders",
    "first_response_minutes",
    "closed_at",
    "outcome",
    "closed_by",
)


def _moment(stamp: str) -> str:
    """A time as the report's CSV, `alerts list` and a spreadsheet write it:
    Dutch time to the minute, "2026-11-28 22:00", which Excel and LibreOffice
    read as a date and time in either language."""
    return f"{local_time(stamp):%Y-%m-%d %H:%M}"


def alerts_csv(items: Iterable[Item], language: str, show_names: bool) -> str:
    """The alert log as CSV, oldest first: no phone numbers, names if chosen."""
    header = [texts.say(f"report.export.{name}", language) for name in EXPORT_COLUMNS]
    rows = [header]
    ordered = sorted(items, key=lambda item: str(item["received_at"]))
    for item in ordered:
        sender = str(item.get("sender_name") or "") if show_names else ""
        closer = str(item.get("closed_by") or "") if show_names else ""
        closed_at = item.get("closed_at")
        rows.append(
            [
                _moment(str(item["received_at"])),
                _status(str(item.get("status", "")), language),
                _reason(str(item["reason"]), language) if item.get("reason") else "",
                str(item.get("category") or ""),
                _neighbour(sender, language),
                _without_numbers(str(item.get("body") or ""), language),
                str(item.get("parts", "")),
                str(len(_neighbours_answers(item))),
                _plain(first_response_minutes(item), language),
                _moment(str(closed_at)) if closed_at else "",
                _without_numbers(str(item.get("outcome") or ""), language),
                _neighbour(closer, language) if closed_at else "",
            ]
        )
    return _csv(rows, language)
