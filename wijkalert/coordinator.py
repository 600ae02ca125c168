"""The coordinators' commands, and the operator's token commands.

`members`, `alerts`, `report` and `reconcile` talk to the admin API over HTTP, as any
coordinator's laptop would: the API is the only door to a roster, and it
answers refusals as one sentence in the coordinator's language. `tokens` is
for the operator, who has AWS credentials: there is deliberately no API route
that hands out tokens, so these commands write to the roster table directly.

Every sentence comes from `chalicelib.texts`. Every failure ends as one
sentence on stderr and a non-zero exit code, never as a traceback.
"""

import contextlib
import csv
import io
import json
import os
import sys
import tomllib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from types import TracebackType
from typing import Any, Final, TypeVar
from urllib.parse import quote

import boto3
import click
import httpx
from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    EndpointConnectionError,
    NoCredentialsError,
    NoRegionError,
)
from tabulate import tabulate

from chalicelib import config, phones, texts
from chalicelib.coordinators import (
    BUDGET_PLACES,
    ERASED_BEFORE,
    MOST_CATEGORIES,
    MOST_EUROS,
    MOST_PARTS,
    PRICE_PLACES,
    RETENTION_MONTHS,
)
from chalicelib.errors import WijkalertError
from chalicelib.members import ROLES, STATUSES, ImportRow, read_roster_csv
from chalicelib.neighbourhoods import (
    DEFAULT_CATEGORIES,
    TIMEZONE,
    Neighbourhood,
    NeighbourhoodDirectory,
    price_text,
)
from chalicelib.report import Month, retention
from chalicelib.tokens import CoordinatorTokens, Token
from wijkalert.files import (
    UnreadableFile,
    UnwritableFile,
    read_text,
    show,
    write_text,
)

# Help is printed before any option is read, so its language comes from the
# environment alone (as in `wijkalert.cli`).
HELP_LANGUAGE: Final = os.environ.get("WIJKALERT_LANG")

URL_VARIABLE: Final = "WIJKALERT_URL"
TOKEN_VARIABLE: Final = "WIJKALERT_TOKEN"
# A Lambda behind API Gateway answers within 29 seconds or not at all.
TIMEOUT_SECONDS: Final = 30.0
# Small enough that the progress bar moves and no request nears Lambda's time
# limit, large enough that a street's list is a handful of requests.
ROWS_PER_REQUEST: Final = 25
PAGE_SIZE: Final = 100  # the API's largest page
YES_WORDS: Final = frozenset({"j", "ja", "y", "yes"})
IMPORT_OUTCOMES: Final = ("added", "updated", "unchanged", "refused")
# Left and pending are statuses a neighbour brings about by SMS: a coordinator
# can look for them, not set them.
SETTABLE_STATUSES: Final = ("active", "inactive")


DEFAULT_TAGS: Final = ", ".join(f"#{c}" for c in DEFAULT_CATEGORIES)


def _help(key: str, **facts: Any) -> str:
    return texts.say(key, HELP_LANGUAGE, **facts)


class Refusal(click.ClickException):
    """One sentence for the person at the keyboard; the command ends with 1.

    click prints it without a traceback; `show` drops click's English "Error:"
    prefix, since the sentence is already complete and in the right language.
    """

    def show(self, file: Any = None) -> None:
        click.echo(self.message, err=True)


class Misconfigured(Refusal):
    """Something the command was given, or not given, keeps it from starting."""

    exit_code = 2


# Where the API is and who is asking.


def config_file() -> Path:
    """`~/.config/wijkalert/config.toml`, or under XDG_CONFIG_HOME when set."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "wijkalert" / "config.toml"


@dataclass(frozen=True)
class Connection:
    url: str
    # Kept out of repr so no log or error message can ever show it.
    token: str = field(repr=False)


def connect(url: str | None, token: str | None, lang: str) -> Connection:
    """Options win over environment variables (click fills those in), which win
    over the config file."""
    path = config_file()
    stored = _read_config(path, lang) if not (url and token) else {}
    url = url or stored.get("url")
    token = token or stored.get("token")
    if not url:
        raise Misconfigured(texts.say("client.url_missing", lang, path=path))
    if not token:
        raise Misconfigured(texts.say("client.token_missing", lang, path=path))
    if not url.startswith(("http://", "https://")):
        raise Misconfigured(texts.say("client.url_invalid", lang, url=url))
    return Connection(url.rstrip("/"), token.strip())


def _read_config(path: Path, lang: str) -> dict[str, str]:
    try:
        stored = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise Misconfigured(
            texts.say("client.config_unreadable", lang, path=path, reason=reason)
        ) from None
    return {key: str(stored[key]) for key in ("url", "token") if stored.get(key)}


class AdminApi:
    """The admin API as a coordinator's client sees it: JSON in, JSON or one
    sentence out."""

    def __init__(self, connection: Connection, lang: str) -> None:
        self._url = connection.url
        self._lang = lang
        try:
            httpx.URL(connection.url)
        except (httpx.InvalidURL, TypeError):
            raise Refusal(
                texts.say("connection.url_invalid", lang, url=connection.url)
            ) from None
        self._http = httpx.Client(
            base_url=connection.url,
            headers={
                "Authorization": f"Bearer {connection.token}",
                # API errors come back in the language of the command line.
                "Accept-Language": lang,
                "Accept": "application/json",
            },
            timeout=TIMEOUT_SECONDS,
        )

    def __enter__(self) -> "AdminApi":
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._http.close()

    def call(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        body: Mapping[str, Any] | None = None,
        csv_text: str | None = None,
    ) -> Any:
        """The API's JSON answer, or a `Refusal` saying what went wrong."""
        csv_type = {"Content-Type": "text/csv; charset=utf-8"}
        headers = csv_type if csv_text is not None else None
        try:
            response = self._http.request(
                method,
                path,
                params=params,
                json=body,
                content=csv_text.encode("utf-8") if csv_text is not None else None,
                headers=headers,
            )
        except httpx.TransportError:
            raise Refusal(
                texts.say("client.unreachable", self._lang, url=self._url)
            ) from None
        return self._answer(response)

    def document(self, path: str, params: Mapping[str, str]) -> str:
        """An HTML or CSV answer as text; a refusal as `call` gives it."""
        return self.document_and_headers(path, params)[0]

    def document_and_headers(
        self, path: str, params: Mapping[str, str]
    ) -> tuple[str, httpx.Headers]:
        """`document`, with the answer's headers."""
        try:
            response = self._http.get(
                path, params=params, headers={"Accept": "text/html, text/csv"}
            )
        except httpx.TransportError:
            raise Refusal(
                texts.say("client.unreachable", self._lang, url=self._url)
            ) from None
        content_type = response.headers.get("content-type", "")
        if response.is_success and content_type.startswith(("text/html", "text/csv")):
            return response.text, response.headers
        self._answer(response)
        raise self.unexpected(response.status_code)

    def pages(
        self, path: str, key: str, params: dict[str, str], everything: bool
    ) -> tuple[list[dict[str, Any]], bool]:
        """Items from the first page, or from all pages; and whether more remain."""
        params = {**params, "limit": str(PAGE_SIZE)}
        fetched: list[dict[str, Any]] = []
        while True:
            page = self.call("GET", path, params=params)
            fetched.extend(self.expect(page, key, list))
            cursor = page.get("next")
            if not cursor or not everything:
                return fetched, bool(cursor)
            params = {**params, "cursor": str(cursor)}

    def _answer(self, response: httpx.Response) -> Any:
        if response.status_code == 204:
            return None
        try:
            answer = response.json()
        except ValueError:
            answer = None

        if response.is_success and answer is not None:
            return answer
        if response.status_code == 401:
            # API Gateway's own answer for a token the authorizer refused.
            raise Refusal(texts.say("client.unauthorized", self._lang))
        error = answer.get("error") if isinstance(answer, dict) else None
        if isinstance(error, dict) and isinstance(error.get("message"), str):
            raise Refusal(error["message"])
        raise self.unexpected(response.status_code)

    def unexpected(self, status: int) -> Refusal:
        return Refusal(
            texts.say("client.unexpected", self._lang, url=self._url, status=status)
        )

    def expect(self, answer: Any, key: str, kind: type[Any]) -> Any:
        """`answer[key]` when it has the shape the API promises."""
        value = answer.get(key) if isinstance(answer, dict) else None
        if not isinstance(value, kind):
            raise self.unexpected(200)
        return value


def member_path(phone: str) -> str:
    # `+`, spaces and parentheses are how neighbours write numbers; unescaped,
    # a `+` reads as a space and a space ends the request line.
    return "/members/" + quote(phone.strip(), safe="")


# What the commands print.


def _table(headers: Sequence[str], rows: Sequence[Sequence[Any]], lang: str) -> str:
    # numparse off: tabulate would read +31612345601 as a number and drop the +.
    return tabulate(
        rows,
        headers=[texts.say(f"column.{name}", lang) for name in headers],
        disable_numparse=True,
        maxcolwidths=60,
    )


def _dutch_time(stamp: str) -> str:
    """An alert's UTC time as the neighbourhood's clock showed it, as --from
    and --to count days; anything else as sent."""
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp
    if moment.tzinfo is None:
        return stamp
    return f"{moment.astimezone(TIMEZONE):%Y-%m-%d %H:%M}"


def _yes_no(value: object, lang: str) -> str:
    return texts.say("answer.yes" if value else "answer.no", lang)


def _word(prefix: str, value: object, lang: str) -> str:
    """A role, status or outcome in the reader's language; unknown ones as sent."""
    key = f"{prefix}.{value}"
    return texts.say(key, lang) if key in texts.catalogue_keys() else str(value)


def _member_row(member: Mapping[str, Any], lang: str) -> list[str]:
    return [
        str(member.get("phone", "")),
        str(member.get("name", "")),
        str(member.get("street") or ""),
        _word("role", member.get("role"), lang),
        _word("status", member.get("status"), lang),
        _yes_no(member.get("opted_out"), lang),
        str(member.get("joined", "")),
    ]


MEMBER_COLUMNS: Final = (
    "phone",
    "name",
    "street",
    "role",
    "status",
    "opted_out",
    "joined",
)


def _echo_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


# Shared options.

F = TypeVar("F", bound=Callable[..., Any])


def _connection(command: F) -> F:
    """--url and --token; click reads WIJKALERT_URL/WIJKALERT_TOKEN for them."""
    command = click.option(
        "--token", envvar=TOKEN_VARIABLE, show_envvar=True, help=_help("cli.help.token")
    )(command)
    return click.option(
        "--url", envvar=URL_VARIABLE, show_envvar=True, help=_help("cli.help.url")
    )(command)


_as_json = click.option("--json", "as_json", is_flag=True, help=_help("cli.help.json"))
_everything = click.option(
    "--all", "everything", is_flag=True, help=_help("cli.help.all")
)
_out = click.option(
    "--out", type=click.Path(path_type=Path), help=_help("cli.help.out")
)


def _api(url: str | None, token: str | None, lang: str) -> AdminApi:
    return AdminApi(connect(url, token, lang), lang)


# members


@click.group(help=_help("cli.help.members"))
def members() -> None:
    pass


@members.command("list", help=_help("cli.help.members_list"))
@click.option("--status", help=_help("cli.help.status"))
@click.option("--role", help=_help("cli.help.role"))
@_everything
@_as_json
@_connection
@click.pass_obj
def list_members(
    lang: str,
    status: str | None,
    role: str | None,
    everything: bool,
    as_json: bool,
    url: str | None,
    token: str | None,
) -> None:
    # Checked here rather than by click, so a wrong one is refused in the
    # coordinator's language.
    wanted = (
        ("status", _chosen("status", status, STATUSES, lang)),
        ("role", _chosen("role", role, ROLES, lang)),
    )
    query = {name: value for name, value in wanted if value}
    with _api(url, token, lang) as api:
        found, more = api.pages("/members", "members", query, everything)

    if as_json:
        _echo_json(found)
    elif found:
        click.echo(_table(MEMBER_COLUMNS, [_member_row(m, lang) for m in found], lang))
    else:
        click.echo(texts.say("members.none", lang))
    if more:
        click.echo(texts.say("members.more", lang), err=True)


_name = click.option("--name", help=_help("cli.help.name"))
_street = click.option("--street", help=_help("cli.help.street"))
_role = click.option("--role", help=_help("cli.help.role"))
_status = click.option("--status", help=_help("cli.help.status"))
_language = click.option("--language", help=_help("cli.help.language"))


@members.command("add", help=_help("cli.help.members_add"))
@click.argument("phone")
@click.argument("name")
@_street
@_role
@_status
@_language
@_as_json
@_connection
@click.pass_obj
def add_member(
    lang: str,
    phone: str,
    name: str,
    street: str | None,
    role: str | None,
    status: str | None,
    language: str | None,
    as_json: bool,
    url: str | None,
    token: str | None,
) -> None:
    details = _given(
        phone=phone,
        name=name,
        street=street,
        role=_chosen("role", role, ROLES, lang),
        status=_chosen("status", status, SETTABLE_STATUSES, lang),
        language=language,
    )
    with _api(url, token, lang) as api:
        added = api.call("POST", "/members", body=details)

    if as_json:
        _echo_json(added)
    else:
        click.echo(texts.say("members.added", lang, **_who(api, added)))


def _chosen(
    kind: str, typed: str | None, choices: Sequence[str], lang: str
) -> str | None:
    """A role or status as the API names it, from the word the CLI shows for it
    in either language ("inactief", "inactive") or the API's own."""
    if typed is None:
        return None
    wanted = typed.strip().casefold()
    for value in choices:
        words = {texts.say(f"{kind}.{value}", language) for language in texts.LANGUAGES}
        if wanted in {word.casefold() for word in (value, *words)}:
            return value
    shown = ", ".join(texts.say(f"{kind}.{value}", lang) for value in choices)
    raise Misconfigured(
        texts.say(f"member.{kind}_unknown", lang, value=typed, choices=shown)
    )


def _given(**fields: str | None) -> dict[str, str]:
    """The fields that were given: the API leaves every other field as it is."""
    return {name: value for name, value in fields.items() if value is not None}


@members.command("update", help=_help("cli.help.members_update"))
@click.argument("phone")
@_name
@_street
@_role
@_status
@_language
@_as_json
@_connection
@click.pass_obj
def update_member(
    lang: str,
    phone: str,
    name: str | None,
    street: str | None,
    role: str | None,
    status: str | None,
    language: str | None,
    as_json: bool,
    url: str | None,
    token: str | None,
) -> None:
    changes = _given(
        name=name,
        street=street,
        role=_chosen("role", role, ROLES, lang),
        status=_chosen("status", status, SETTABLE_STATUSES, lang),
        language=language,
    )
    if not changes:
        raise Misconfigured(texts.say("members.nothing_to_change", lang))
    with _api(url, token, lang) as api:
        updated = api.call("PATCH", member_path(phone), body=changes)

    if as_json:
        _echo_json(updated)
    else:
        click.echo(texts.say("members.updated", lang, **_who(api, updated)))


@members.command("remove", help=_help("cli.help.members_remove"))
@click.argument("phone")
@click.option("--yes", "confirmed", is_flag=True, help=_help("cli.help.yes"))
@_connection
@click.pass_obj
def remove_member(
    lang: str, phone: str, confirmed: bool, url: str | None, token: str | None
) -> None:
    with _api(url, token, lang) as api:
        # Looked up first, so the question names the person and an unknown
        # number is refused before anyone is asked anything.
        facts = _who(api, api.call("GET", member_path(phone)))
        question = texts.say("members.confirm_remove", lang, **facts)
        if not (confirmed or _agrees(question)):
            raise Refusal(texts.say("members.kept", lang))
        api.call("DELETE", member_path(facts["phone"]))
    click.echo(texts.say("members.removed", lang, **facts))


@members.command("approve", help=_help("cli.help.members_approve"))
@click.argument("phone")
@_connection
@click.pass_obj
def approve_member(lang: str, phone: str, url: str | None, token: str | None) -> None:
    with _api(url, token, lang) as api:
        facts = _who(api, api.call("POST", member_path(phone) + "/approve"))
    click.echo(texts.say("members.approved", lang, **facts))


@members.command("refuse", help=_help("cli.help.members_refuse"))
@click.argument("phone")
@_connection
@click.pass_obj
def refuse_member(lang: str, phone: str, url: str | None, token: str | None) -> None:
    with _api(url, token, lang) as api:
        facts = _who(api, api.call("GET", member_path(phone)))
        api.call("POST", member_path(facts["phone"]) + "/refuse")
    click.echo(texts.say("members.refused", lang, **facts))


def _who(api: AdminApi, member: Any) -> dict[str, str]:
    """A member's name and number, as the API promises to send them."""
    return {key: api.expect(member, key, str) for key in ("name", "phone")}


def _agrees(question: str) -> bool:
    """Yes in either language; click.confirm would accept only y/n in English."""
    try:
        answer = click.prompt(question, default="", show_default=False)
    except click.Abort:
        return False
    return str(answer).strip().lower() in YES_WORDS


@members.command("import", help=_help("cli.help.members_import"))
@click.argument("file", type=click.Path(path_type=Path))
@_as_json
@_connection
@click.pass_obj
def import_members(
    lang: str, file: Path, as_json: bool, url: str | None, token: str | None
) -> None:
    rows = _roster_rows(file, lang)
    with _api(url, token, lang) as api:
        report = RosterImport(api, lang).run(rows)

    if as_json:
        _echo_json({"rows": report.rows, "counts": report.counts})
    else:
        _show_import(report, lang)
    if report.counts["refused"]:
        raise click.exceptions.Exit(1)


def _roster_rows(path: Path, lang: str) -> list[ImportRow]:
    """The file's rows with their own line numbers, read as the API reads them."""
    try:
        text = read_text(path, lang)
    except UnreadableFile as error:
        raise Refusal(str(error)) from None
    try:
        rows = read_roster_csv(text)
    except WijkalertError as error:
        raise Refusal(f"{path}: {error.sentence(lang)}") from None
    if not rows:
        raise Refusal(texts.say("import.no_rows", lang, path=path))
    return rows


@dataclass
class ImportReport:
    rows: list[dict[str, Any]] = field(default_factory=list)
    counts: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(IMPORT_OUTCOMES, 0)
    )


class RosterImport:
    """Sends a roster file in chunks and puts the answers back in file order.

    Each chunk is a CSV of its own, header first, so the API numbers its lines
    from the chunk's start; every answer is mapped back to the line of the
    file the coordinator has open.
    """

    def __init__(self, api: AdminApi, lang: str) -> None:
        self._api = api
        self._lang = lang

    def run(self, rows: Sequence[ImportRow]) -> ImportReport:
        report = ImportReport()
        size = max(1, ROWS_PER_REQUEST)
        progress = click.progressbar(
            length=len(rows),
            label=texts.say("import.progress", self._lang),
            file=sys.stderr,
        )
        with progress:
            for start in range(0, len(rows), size):
                chunk = rows[start : start + size]
                try:
                    self._send(chunk, report)
                except Refusal as refusal:
                    raise self._interrupted(refusal, rows, start) from None
                progress.update(len(chunk))
        return report

    def _send(self, chunk: Sequence[ImportRow], report: ImportReport) -> None:
        # Rows refused while reading the file (an open quote, a number twice)
        # are refused here as the API would: rewritten as clean CSV they would
        # pass, and a duplicate in another chunk would not be seen there.
        answered = [
            {
                "line": row.line,
                "phone": row.phone,
                "outcome": "refused",
                "field": row.problem.field,
                "reason": row.problem.sentence(self._lang),
            }
            for row in chunk
            if row.problem is not None
        ]
        sent = [row for row in chunk if row.problem is None]
        if sent:
            csv_text, file_line = chunk_csv(sent)
            answer = self._api.call("POST", "/members/import", csv_text=csv_text)
            answered += [
                {**row, "line": file_line.get(row.get("line"), row.get("line"))}
                for row in self._api.expect(answer, "rows", list)
            ]
        for row in sorted(answered, key=lambda row: _line_order(row.get("line"))):
            report.rows.append(row)
            outcome = str(row.get("outcome"))
            report.counts[outcome] = report.counts.get(outcome, 0) + 1

    def _interrupted(
        self, refusal: Refusal, rows: Sequence[ImportRow], start: int
    ) -> Refusal:
        if start == 0:
            return refusal
        done = texts.say("import.interrupted", self._lang, line=rows[start - 1].line)
        return type(refusal)(f"{refusal.message} {done}")


def chunk_csv(rows: Sequence[ImportRow]) -> tuple[str, dict[int, int]]:
    """Rows as a CSV of their own, and which file line each of its lines is.

    The API reports the line each row stands on; counting newlines as the
    rows are written gives the same number.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    # A file without a street column keeps the roster's streets; an empty
    # column would clear every one of them.
    with_street = any(row.street is not None for row in rows)
    writer.writerow(("phone", "name", *(("street",) if with_street else ()), "role"))
    file_line: dict[int, int] = {}
    for row in rows:
        street = (row.street or "",) if with_street else ()
        writer.writerow((row.phone, row.name, *street, row.role or ""))
        file_line[buffer.getvalue().count("\n")] = row.line
    return buffer.getvalue(), file_line


def _line_order(line: object) -> int:
    return line if isinstance(line, int) else 0


def _show_import(report: ImportReport, lang: str) -> None:
    table = [
        [
            str(row.get("line", "")),
            str(row.get("phone", "")),
            _word("import.outcome", row.get("outcome"), lang),
            str(row.get("reason") or ""),
        ]
        for row in report.rows
    ]
    click.echo(_table(("line", "phone", "outcome", "reason"), table, lang))
    click.echo()
    click.echo(texts.say("import.summary", lang, **report.counts))


# alerts and reconcile


@click.group(help=_help("cli.help.alerts"))
def alerts() -> None:
    pass


@alerts.command("list", help=_help("cli.help.alerts_list"))
@click.option("--from", "since", help=_help("cli.help.from"))
@click.option("--to", "until", help=_help("cli.help.to"))
@_everything
@_as_json
@_connection
@click.pass_obj
def list_alerts(
    lang: str,
    since: str | None,
    until: str | None,
    everything: bool,
    as_json: bool,
    url: str | None,
    token: str | None,
) -> None:
    query = _days(since, until, lang)
    with _api(url, token, lang) as api:
        found, more = api.pages("/alerts", "alerts", query, everything)

    if as_json:
        _echo_json(found)
    elif found:
        rows = [
            [
                _dutch_time(str(alert.get("received_at", ""))),
                str(alert.get("sender", "")),
                str(alert.get("parts", "")),
                str(alert.get("body", "")),
                str(alert.get("category") or ""),
                str(alert.get("id", "")),
            ]
            for alert in found
        ]
        columns = ("received_at", "sender", "parts", "body", "category", "id")
        click.echo(_table(columns, rows, lang))
    else:
        click.echo(texts.say("alerts.none", lang))
    if more:
        click.echo(texts.say("alerts.more", lang), err=True)


def _days(since: str | None, until: str | None, lang: str) -> dict[str, str]:
    """--from and --to as the API takes them. An empty one is refused, as
    `report --month ''` is, rather than read as no bound at all; a wrong date
    goes to the API as typed, which refuses it in the right language."""
    for option, value in (("--from", since), ("--to", until)):
        if value is not None and not value.strip():
            raise Refusal(texts.say("alerts.day_empty", lang, option=option))
    return {name: value for name, value in (("from", since), ("to", until)) if value}


def _say_erased(headers: httpx.Headers, lang: str) -> None:
    """On stderr, not in the file: the export reaches back before what the
    retention keeps, so an empty or short file is explained."""
    erased, months = headers.get(ERASED_BEFORE), headers.get(RETENTION_MONTHS)
    if not (erased and months):
        return
    try:
        moment = datetime.fromisoformat(erased).astimezone(TIMEZONE)
    except ValueError:
        return
    kept = retention(int(months), lang) if months.isdigit() else months
    sentence = texts.say(
        "alerts.erased", lang, months=kept, moment=f"{moment:%d-%m-%Y %H:%M}"
    )
    click.echo(sentence, err=True)


@alerts.command("categorise", help=_help("cli.help.alerts_categorise"))
@click.argument("alert_id", metavar="ID")
@click.argument("category")
@_connection
@click.pass_obj
def categorise_alert(
    lang: str, alert_id: str, category: str, url: str | None, token: str | None
) -> None:
    if not alert_id.strip():
        # "/alerts/" alone is another address, which would answer about PATCH.
        raise Refusal(texts.say("alerts.id_empty", lang))
    path = "/alerts/" + quote(alert_id.strip(), safe="")
    with _api(url, token, lang) as api:
        answer = api.call("PATCH", path, body={"category": category})
    shown = answer.get("category")
    click.echo(
        texts.say(
            "alerts.categorised",
            lang,
            received_at=_dutch_time(api.expect(answer, "received_at", str)),
            category=f"#{shown}" if shown else texts.say("report.uncategorised", lang),
        )
    )


@alerts.command("export", help=_help("cli.help.alerts_export"))
@click.option("--from", "since", help=_help("cli.help.from"))
@click.option("--to", "until", help=_help("cli.help.to"))
@_out
@_connection
@click.pass_obj
def export_alerts(
    lang: str,
    since: str | None,
    until: str | None,
    out: Path | None,
    url: str | None,
    token: str | None,
) -> None:
    query = _days(since, until, lang)
    with _api(url, token, lang) as api:
        csv_text, headers = api.document_and_headers("/alerts/export", query)
    _say_erased(headers, lang)
    if out is None:
        show(csv_text)
        return
    _write(out, csv_text, lang)
    # The API separates cells as the reader's spreadsheet does: ";" in Dutch.
    header = csv_text.partition("\n")[0]
    delimiter = ";" if ";" in header else ","
    rows = csv.reader(io.StringIO(csv_text), delimiter=delimiter)
    count = max(len(list(rows)) - 1, 0)
    click.echo(texts.say("alerts.exported", lang, count=count, path=out))


@click.command(help=_help("cli.help.report"))
@click.option("--month", required=True, help=_help("cli.help.report_month"))
@click.option("--csv", "as_csv", is_flag=True, help=_help("cli.help.csv"))
@_out
@_connection
@click.pass_obj
def report(
    lang: str,
    month: str,
    as_csv: bool,
    out: Path | None,
    url: str | None,
    token: str | None,
) -> None:
    query = {"month": month, "format": "csv" if as_csv else "html"}
    with _api(url, token, lang) as api:
        document = api.document("/report", query)
    if out is None:
        show(document)
        return
    _write(out, document, lang)
    # The month by its name, as the report's title and `sandbox report` say
    # it; the API took it, so it is a month.
    named = Month.parse(month).name(lang)
    click.echo(texts.say("report.written", lang, month=named, path=out))


def _write(path: Path, document: str, lang: str) -> None:
    try:
        write_text(path, document, lang)
    except UnwritableFile as error:
        raise Refusal(str(error)) from None


@click.command(help=_help("cli.help.reconcile"))
@_as_json
@_connection
@click.pass_obj
def reconcile(lang: str, as_json: bool, url: str | None, token: str | None) -> None:
    with _api(url, token, lang) as api:
        report = api.call("POST", "/reconcile")
        subscribed = api.expect(report, "subscribed", list)
        unsubscribed = api.expect(report, "unsubscribed", list)

    if as_json:
        _echo_json(report)
        return
    if subscribed:
        click.echo(
            texts.say("reconcile.subscribed", lang, phones=", ".join(subscribed))
        )
    if unsubscribed:
        click.echo(
            texts.say("reconcile.unsubscribed", lang, phones=", ".join(unsubscribed))
        )
    if not (subscribed or unsubscribed):
        click.echo(texts.say("reconcile.nothing", lang))


@click.command(help=_help("cli.help.costs"))
@click.option("--month", help=_help("cli.help.month"))
@_as_json
@_connection
@click.pass_obj
def costs(
    lang: str, month: str | None, as_json: bool, url: str | None, token: str | None
) -> None:
    with _api(url, token, lang) as api:
        report = api.call(
            "GET", "/costs", params=None if month is None else {"month": month}
        )
    if as_json:
        _echo_json(report)
        return
    if report.get("cost") is None:
        # A month that is over without a record: zeros would read as a month
        # counted and found quiet. The running month's zeros are true.
        name = Month.parse(str(report["month"])).name(lang)
        click.echo(texts.say("costs.not_recorded", lang, month=name))
        return
    click.echo(texts.say("costs.heading", lang, month=report["month"]))
    rows = [
        [texts.say(f"costs.kind.{kind}", lang), parts]
        for kind, parts in report["parts"].items()
    ]
    click.echo(_table(["kind", "parts"], rows, lang))
    amounts = ("cost", "budget", "left", "price_per_part", "cost_per_member")
    shown = {
        **report,
        **{name: _euros_shown(report.get(name), lang) for name in amounts},
    }
    summary = (
        "costs.summary_no_budget" if report.get("budget") is None else ("costs.summary")
    )
    sentences = [texts.say(summary, lang, **shown)]
    if report.get("cost_per_member") is not None:
        sentences.append(texts.say("costs.per_member", lang, **shown))
    sentences.append(texts.say("costs.price", lang, **shown))
    click.echo(" ".join(sentences))


@click.command("settings", help=_help("cli.help.settings"))
@click.option("--budget", help=_help("cli.help.budget"))
@click.option("--no-budget", is_flag=True, help=_help("cli.help.no_budget"))
@click.option("--price", help=_help("cli.help.price"))
# Read as text: click would refuse a wrong number in English.
@click.option("--max-parts", help=_help("cli.help.max_parts"))
@click.option(
    "--smart-encoding/--no-smart-encoding", default=None, help=_help("cli.help.smart")
)
@click.option("--show-names/--hide-names", default=None, help=_help("cli.help.names"))
@click.option("--categories", help=_help("cli.help.categories"))
@click.option(
    "--default-categories",
    is_flag=True,
    help=_help("cli.help.default_categories", categories=DEFAULT_TAGS),
)
@_as_json
@_connection
@click.pass_obj
def settings(
    lang: str,
    budget: str | None,
    no_budget: bool,
    price: str | None,
    max_parts: str | None,
    smart_encoding: bool | None,
    show_names: bool | None,
    categories: str | None,
    default_categories: bool,
    as_json: bool,
    url: str | None,
    token: str | None,
) -> None:
    changes = _setting_changes(
        lang,
        budget=budget,
        no_budget=no_budget,
        price=price,
        max_parts=max_parts,
        categories=categories,
        default_categories=default_categories,
    )
    if smart_encoding is not None:
        changes["smart_encoding"] = smart_encoding
    if show_names is not None:
        changes["show_names"] = show_names
    with _api(url, token, lang) as api:
        if changes:
            current = api.call("PATCH", "/settings", body=changes)
        else:
            current = api.call("GET", "/settings")
        shown = api.expect(current, "categories", list)
    if as_json:
        _echo_json(current)
        return
    click.echo(
        texts.say(
            "settings.shown",
            lang,
            **{
                **current,
                "monthly_budget": _budget_shown(current.get("monthly_budget"), lang),
                "price_per_part": _price_shown(current.get("price_per_part"), lang),
                "smart_encoding": _yes_no(current.get("smart_encoding"), lang),
                "show_names": _yes_no(current.get("show_names"), lang),
                "categories": ", ".join(f"#{c}" for c in shown),
            },
        )
    )


def _euros_shown(amount: object, lang: str) -> str:
    """An amount as the API sends it ("3.42") as the reader writes it: with a
    decimal comma in Dutch, as the monthly report does."""
    return texts.decimal(amount, lang)


def _price_shown(amount: object, lang: str) -> str:
    """A price with at least two decimals ("0,00", never "0"), however the API
    wrote it."""
    try:
        price = Decimal(str(amount))
    except ArithmeticError:
        return _euros_shown(amount, lang)
    if not price.is_finite():
        return _euros_shown(amount, lang)
    return _euros_shown(price_text(price), lang)


def _budget_shown(amount: object, lang: str) -> str:
    if amount is None:
        return texts.say("settings.no_budget", lang)
    return texts.say("settings.budget", lang, amount=_euros_shown(amount, lang))


def _setting_changes(
    lang: str,
    *,
    budget: str | None,
    no_budget: bool,
    price: str | None,
    max_parts: str | None,
    categories: str | None,
    default_categories: bool = False,
) -> dict[str, Any]:
    """The options as the API wants them, each checked here so a refusal names
    the option that was typed rather than the API's field."""
    changes: dict[str, Any] = {}
    if budget is not None and no_budget:
        raise Misconfigured(texts.say("settings.option_budget_twice", lang))
    if no_budget:
        changes["monthly_budget"] = None
    if budget is not None:
        amount = _euros("--budget", budget, BUDGET_PLACES, "25,00", lang)
        if amount == 0:
            raise Misconfigured(texts.say("settings.option_budget_zero", lang))
        changes["monthly_budget"] = f"{amount:f}"
    if price is not None:
        amount = _euros("--price", price, PRICE_PLACES, "0,09", lang)
        if amount == 0:
            raise Misconfigured(texts.say("settings.option_price_zero", lang))
        changes["price_per_part"] = f"{amount:f}"
    if max_parts is not None:
        changes["max_parts"] = _max_parts(max_parts, lang)
    changes.update(_category_changes(categories, default_categories, lang))
    return changes


def _category_changes(
    categories: str | None, default_categories: bool, lang: str
) -> dict[str, Any]:
    if categories is not None and default_categories:
        raise Misconfigured(texts.say("settings.option_categories_twice", lang))
    if default_categories:
        return {"categories": None}  # the API puts back the default list
    if categories is not None:
        return {"categories": _categories(categories, lang)}
    return {}


def _euros(option: str, typed: str, places: int, example: str, lang: str) -> Decimal:
    """An amount written the Dutch way (25,00) or the English way (25.00)."""
    written = typed.strip().removeprefix("€").strip()
    if "," in written and "." not in written:
        written = written.replace(",", ".", 1)
    try:
        amount = Decimal(written)
    except ArithmeticError:
        amount = Decimal("NaN")
    exponent = amount.as_tuple().exponent if amount.is_finite() else 0
    if (
        not amount.is_finite()
        or not 0 <= amount <= MOST_EUROS
        or not isinstance(exponent, int)
        or -exponent > places
    ):
        raise Misconfigured(
            texts.say(
                "settings.option_euros_invalid",
                lang,
                option=option,
                value=typed,
                example=example if lang == "nl" else example.replace(",", "."),
                places=places,
                most=MOST_EUROS,
            )
        )
    return amount


def _max_parts(typed: str, lang: str) -> int:
    written = typed.strip()
    # ASCII only: int() would read "٣" as 3, and that is not what was meant.
    if not (written.isascii() and written.isdigit()) or not (
        1 <= int(written) <= MOST_PARTS
    ):
        raise Misconfigured(
            texts.say(
                "settings.option_parts_invalid", lang, value=typed, most=MOST_PARTS
            )
        )
    return int(written)


def _categories(typed: str, lang: str) -> list[str]:
    """The categories as the API wants them; each one it checks itself."""
    chosen = [c.strip() for c in typed.split(",") if c.strip()]
    distinct = {c.removeprefix("#").casefold() for c in chosen}
    if not 1 <= len(distinct) <= MOST_CATEGORIES:
        raise Misconfigured(
            texts.say("settings.option_categories_invalid", lang, most=MOST_CATEGORIES)
        )
    return chosen


# tokens: the operator's, straight on AWS.


def chalice_config() -> Path | None:
    """.chalice/config.json in the current folder, else in this source tree."""
    for folder in (Path.cwd(), Path(__file__).resolve().parent.parent):
        candidate = folder / ".chalice" / "config.json"
        if candidate.is_file():
            return candidate
    return None


def roster_table_name(stage: str, lang: str) -> str:
    """The stage's roster table, as chalice would set it for the function."""
    path = chalice_config()
    if path is None:
        raise Misconfigured(texts.say("tokens.chalice_config_missing", lang))
    settings = json.loads(path.read_text(encoding="utf-8"))
    shared = settings.get("environment_variables", {})
    stages = settings.get("stages", {})
    environment = {**shared, **stages.get(stage, {}).get("environment_variables", {})}
    name = environment.get(config.ROSTER_TABLE)
    if stage not in stages or not name:
        raise Misconfigured(
            texts.say(
                "tokens.stage_unknown",
                lang,
                stage=stage,
                path=path,
                choices=", ".join(sorted(stages)),
            )
        )
    return str(name)


@dataclass(frozen=True)
class TokenDesk:
    """The roster table and the directory, opened for one operator command."""

    table_name: str
    tokens: CoordinatorTokens
    directory: NeighbourhoodDirectory
    lang: str

    @classmethod
    def open(cls, stage: str, endpoint: str | None, lang: str) -> "TokenDesk":
        name = roster_table_name(stage, lang)
        with aws_refusals(name, lang):
            table = boto3.resource("dynamodb", endpoint_url=endpoint).Table(name)
            sns = boto3.client("sns", endpoint_url=endpoint)
        return cls(
            name, CoordinatorTokens(table), NeighbourhoodDirectory(table, sns), lang
        )

    def neighbourhood(self, neighbourhood_id: str) -> Neighbourhood:
        with aws_refusals(self.table_name, self.lang):
            found = self.directory.get(neighbourhood_id)
        if found is None:
            raise Refusal(
                texts.say("neighbourhood.not_found", self.lang, value=neighbourhood_id)
            )
        return found


@contextlib.contextmanager
def aws_refusals(table: str, lang: str) -> Iterator[None]:
    """AWS's failures as one sentence each; wijkalert's own refusals likewise."""
    try:
        yield
    except WijkalertError as error:
        raise Refusal(error.sentence(lang)) from None
    except NoCredentialsError:
        raise Refusal(texts.say("aws.no_credentials", lang)) from None
    except NoRegionError:
        raise Refusal(texts.say("aws.no_region", lang)) from None
    except EndpointConnectionError as error:
        url = error.kwargs.get("endpoint_url", "")
        raise Refusal(texts.say("aws.unreachable", lang, url=url)) from None
    except ClientError as error:
        code = error.response.get("Error", {}).get("Code", "")
        if code == "ResourceNotFoundException":
            raise Refusal(texts.say("aws.table_missing", lang, table=table)) from None
        raise Refusal(texts.say("aws.refused", lang, reason=error)) from None
    except BotoCoreError as error:
        raise Refusal(texts.say("aws.refused", lang, reason=error)) from None


@click.group(help=_help("cli.help.tokens"))
def tokens() -> None:
    pass


def _aws(command: F) -> F:
    command = click.option(
        "--aws-endpoint",
        "endpoint",
        envvar="AWS_ENDPOINT_URL",
        help=_help("cli.help.aws_endpoint"),
    )(command)
    command = click.option(
        "--stage", default="dev", show_default=True, help=_help("cli.help.stage")
    )(command)
    return click.option(
        "--neighbourhood",
        "neighbourhood_id",
        required=True,
        help=_help("cli.help.neighbourhood"),
    )(command)


@tokens.command("create", help=_help("cli.help.tokens_create"))
@_aws
@click.option("--coordinator", required=True, help=_help("cli.help.coordinator"))
@click.option("--label", default="", help=_help("cli.help.label"))
@click.pass_obj
def create_token(
    lang: str,
    neighbourhood_id: str,
    stage: str,
    endpoint: str | None,
    coordinator: str,
    label: str,
) -> None:
    desk = TokenDesk.open(stage, endpoint, lang)
    neighbourhood = desk.neighbourhood(neighbourhood_id)
    with aws_refusals(desk.table_name, lang):
        token, secret = desk.tokens.create(neighbourhood, coordinator, label)

    click.echo(
        texts.say(
            "tokens.created",
            lang,
            token_id=token.token_id,
            coordinator=token.coordinator,
            neighbourhood=neighbourhood.name,
        ),
        err=True,
    )
    # The secret alone on stdout, so `... | pass insert` takes nothing else.
    click.echo(secret)


@tokens.command("list", help=_help("cli.help.tokens_list"))
@_aws
@_as_json
@click.pass_obj
def list_tokens(
    lang: str, neighbourhood_id: str, stage: str, endpoint: str | None, as_json: bool
) -> None:
    desk = TokenDesk.open(stage, endpoint, lang)
    neighbourhood = desk.neighbourhood(neighbourhood_id)
    with aws_refusals(desk.table_name, lang):
        found = sorted(desk.tokens.tokens(neighbourhood), key=lambda t: t.created)

    shown = [_token_view(token) for token in found]
    if as_json:
        _echo_json(shown)
    elif shown:
        columns = ("token_id", "coordinator", "label", "created", "revoked")
        rows = [[view[name] or "" for name in columns] for view in shown]
        click.echo(_table(columns, rows, lang))
    else:
        click.echo(texts.say("tokens.none", lang, neighbourhood=neighbourhood.name))


def _token_view(token: Token) -> dict[str, str | None]:
    """What an operator may see of a token: never the secret or its hash."""
    return {
        "token_id": token.token_id,
        "coordinator": phones.mask(token.coordinator),
        "label": token.label,
        "created": token.created,
        "revoked": token.revoked,
    }


@tokens.command("revoke", help=_help("cli.help.tokens_revoke"))
@_aws
@click.argument("token_id")
@click.pass_obj
def revoke_token(
    lang: str, neighbourhood_id: str, stage: str, endpoint: str | None, token_id: str
) -> None:
    desk = TokenDesk.open(stage, endpoint, lang)
    neighbourhood = desk.neighbourhood(neighbourhood_id)
    with aws_refusals(desk.table_name, lang):
        revoked = desk.tokens.revoke(neighbourhood, token_id)
    click.echo(texts.say("tokens.revoked", lang, token_id=revoked.token_id))
