"""The `wijkalert` command: what coordinators and newcomers type.

Lives outside `chalicelib` so it is never shipped to Lambda. Every sentence it
prints comes from `chalicelib.texts`, in the language of `--lang` or
`WIJKALERT_LANG` (Dutch unless told otherwise).
"""

import json
import os
import signal
import sys
import threading
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NoReturn

import click
from click.core import ParameterSource

from chalicelib import phones, texts
from chalicelib.alerts import read_inbound
from chalicelib.errors import InvalidInput, InvalidPhoneNumber, MalformedInbound
from chalicelib.members import ImportRow, Member, Roster, read_roster_csv
from chalicelib.observability import logger
from chalicelib.tokens import CoordinatorTokens, check_given, parts_of
from wijkalert.coordinator import (
    Misconfigured,
    alerts,
    costs,
    members,
    reconcile,
    report,
    settings,
    tokens,
)
from wijkalert.demo_month import demo_report
from wijkalert.files import UnreadableFile, read_text
from wijkalert.operator import neighbourhoods
from wijkalert.sandbox import (
    API_PORT,
    DEMO_NEIGHBOURHOOD,
    DEMO_ROSTER,
    AdminServer,
    Delivery,
    Replayed,
    Sandbox,
    SandboxError,
    inbound_sms,
)

# Help is printed before any option is read, so its language comes from the
# environment alone.
LANGUAGE_VARIABLE = "WIJKALERT_LANG"
HELP_LANGUAGE = os.environ.get(LANGUAGE_VARIABLE)


def _help(key: str) -> str:
    return texts.say(key, HELP_LANGUAGE)


@click.group(help=_help("cli.help"))
@click.option(
    "--lang",
    # Checked below rather than by click.Choice, whose refusal names --lang
    # even when the language came from WIJKALERT_LANG.
    metavar="[" + "|".join(texts.LANGUAGES) + "]",
    envvar=LANGUAGE_VARIABLE,
    default=texts.DEFAULT_LANGUAGE,
    show_default=True,
    help=_help("cli.help.lang"),
)
@click.pass_context
def main(ctx: click.Context, lang: str) -> None:
    chosen = lang.strip().lower()
    if chosen not in texts.LANGUAGES:
        from_environment = (
            ctx.get_parameter_source("lang") is ParameterSource.ENVIRONMENT
        )
        raise Misconfigured(
            texts.say(
                "cli.lang_unknown",
                # Not the language asked for: that one is unknown.
                None,
                given=f"{LANGUAGE_VARIABLE}={lang}"
                if from_environment
                else f"--lang {lang}",
                choices=", ".join(texts.LANGUAGES),
            )
        )
    ctx.obj = chosen


@main.group(help=_help("cli.help.sandbox"))
def sandbox() -> None:
    pass


_events = click.argument(
    "events", nargs=-1, required=True, type=click.Path(path_type=Path)
)
_roster = click.option(
    "--roster", type=click.Path(path_type=Path), help=_help("cli.help.roster")
)


@sandbox.command(help=_help("cli.help.replay"))
@_events
@_roster
@click.option("--logs", is_flag=True, help=_help("cli.help.logs"))
@click.pass_obj
def replay(
    lang: str, events: tuple[Path, ...], roster: Path | None, logs: bool
) -> None:
    loaded = _load_events(events, lang)
    with Sandbox(log_stream=sys.stderr if logs else None) as box:
        _open_demo(box, roster, lang)
        for name, event in loaded:
            for delivery in box.replay(event, name).deliveries:
                line = {"event": name, **vars(delivery)}
                click.echo(json.dumps(line, ensure_ascii=False))


@sandbox.command(help=_help("cli.help.demo"))
@_events
@_roster
@click.pass_obj
def demo(lang: str, events: tuple[Path, ...], roster: Path | None) -> None:
    loaded = _load_events(events, lang)
    with Sandbox() as box:
        members = _open_demo(box, roster, lang)
        _introduce(members, lang)
        sent = parts = 0
        for step, (name, event) in enumerate(loaded, start=1):
            replayed = box.replay(event, name)
            click.echo()
            click.echo(texts.say("story.event", lang, step=step, event=name))
            click.echo(_story(replayed, event, members, lang))
            for delivery in replayed.deliveries:
                click.echo(_delivery_line(delivery, members, lang))
            sent += len(replayed.deliveries)
            parts += sum(d.parts for d in replayed.deliveries)
        click.echo()
        click.echo(
            texts.say("story.summary", lang, texts=len(loaded), sms=sent, parts=parts)
        )


_port = click.option(
    "--port",
    type=click.IntRange(1, 65534),
    default=API_PORT,
    show_default=True,
    help=_help("cli.help.port"),
)


@sandbox.command(help=_help("cli.help.serve"))
@_port
@click.option("--token", help=_help("cli.help.serve_token"))
@click.pass_obj
def serve(lang: str, port: int, token: str | None) -> None:
    given = _given_token(token, lang) if token else None
    stop = _stop_on_signals()
    try:
        with Sandbox.serving(port) as box, AdminServer(port) as api:
            # The app logs to stdout, where the addresses and the token are
            # printed; its lines go with the request lines, to stderr. Only
            # once the app is imported: chalice leaves the logger it shares
            # with powertools alone only while that logs to stdout.
            logger.logger_handler.setStream(sys.stderr)  # type: ignore[attr-defined]
            members = _open_demo(box, None, lang)
            coordinator = members.require(DEMO_ROSTER[0].phone)
            _, secret = CoordinatorTokens(box.roster_table()).create(
                members.neighbourhood,
                coordinator.phone,
                "sandbox",
                **(given or {}),
            )
            _introduce(members, lang)
            click.echo()
            click.echo(texts.say("serve.api", lang, url=api.url))
            click.echo(texts.say("serve.aws", lang, url=box.endpoint))
            click.echo(
                texts.say(
                    "serve.token",
                    lang,
                    name=coordinator.name,
                    phone=coordinator.phone,
                    token=secret,
                )
            )
            click.echo(texts.say("serve.stop", lang))
            stop.wait()
    except SandboxError as error:
        _fail(error.sentence(lang))
    click.echo(texts.say("serve.stopped", lang))


@sandbox.command(help=_help("cli.help.sms"))
@click.option("--from", "sender", required=True, help=_help("cli.help.sms_from"))
@_port
@click.option(
    "--to",
    "long_code",
    default=DEMO_NEIGHBOURHOOD[2],
    show_default=True,
    help=_help("cli.help.sms_to"),
)
@click.option("--json", "as_json", is_flag=True, help=_help("cli.help.sms_json"))
@click.option("--logs", is_flag=True, help=_help("cli.help.logs"))
@click.argument("words", nargs=-1, required=True)
@click.pass_obj
def sms(
    lang: str,
    sender: str,
    port: int,
    long_code: str,
    as_json: bool,
    logs: bool,
    words: tuple[str, ...],
) -> None:
    try:
        sender = phones.normalise(sender, field="from")
        long_code = phones.normalise(long_code, field="to")
    except InvalidPhoneNumber as error:
        _fail(error.sentence(lang))
    event = inbound_sms(sender, long_code, " ".join(words))
    name = json.loads(event["Records"][0]["Sns"]["Message"])["inboundMessageId"]

    try:
        with Sandbox.joining(port, log_stream=sys.stderr if logs else None) as box:
            replayed = box.replay(event, name)
            neighbourhood = box.directory().by_long_code(long_code)
            members = box.roster(neighbourhood) if neighbourhood else None
            for delivery in replayed.deliveries:
                if as_json:
                    line = {"event": name, **vars(delivery)}
                    click.echo(json.dumps(line, ensure_ascii=False))
                else:
                    click.echo(_received(delivery, members, lang))
            if not replayed.deliveries and not as_json:
                # Nobody's phone buzzed: say why, beside the (empty) deliveries.
                why = _story(replayed, event, members, lang) if members else None
                click.echo(
                    (why or _unknown_long_code(long_code, lang)).strip(), err=True
                )
    except SandboxError as error:
        _fail(error.sentence(lang))


def _given_token(token: str, lang: str) -> dict[str, str]:
    """The id and secret of a token given for the sandbox's demo coordinator."""
    parts = parts_of(token)
    if parts is None:
        _fail(texts.say("serve.token_unreadable", lang))
    neighbourhood_id, token_id, secret = parts
    if neighbourhood_id != DEMO_NEIGHBOURHOOD[0]:
        _fail(
            texts.say(
                "serve.token_elsewhere",
                lang,
                given=neighbourhood_id,
                demo=DEMO_NEIGHBOURHOOD[0],
            )
        )
    try:
        check_given(token_id, secret)
    except InvalidInput as error:
        _fail(error.sentence(lang))
    return {"token_id": token_id, "secret": secret}


def _stop_on_signals() -> threading.Event:
    """An event set by Ctrl-C or SIGTERM, so the servers stop in order."""
    stop = threading.Event()
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_: stop.set())
    return stop


def _received(delivery: Delivery, members: Roster | None, lang: str) -> str:
    name, to = _recipient(delivery, members, lang)
    return texts.say("sms.delivered", lang, name=name, to=to, body=delivery.body)


def _recipient(
    delivery: Delivery, members: Roster | None, lang: str
) -> tuple[str, str]:
    """Whom an SMS went to, as the phone views show it: a member by name and
    number (their own roster entry), anyone else masked."""
    recipient = _member(members, delivery.to) if members else None
    if recipient is None:
        # A stranger's number is theirs alone; the view does not repeat it.
        return texts.say("story.stranger", lang), phones.mask(delivery.to)
    return recipient.name, delivery.to


def _unknown_long_code(long_code: str, lang: str) -> str:
    return texts.say("story.unknown_long_code", lang, long_code=long_code)


def _load_events(paths: tuple[Path, ...], lang: str) -> list[tuple[str, Any]]:
    """Read every event file first, so a typo stops the run before it starts."""
    loaded = []
    for path in paths:
        content = _read(path, lang)
        if not content.strip():
            _fail(
                texts.say(
                    "sandbox.file_not_json",
                    lang,
                    path=path,
                    reason=texts.say("sandbox.empty_file", lang),
                )
            )
        try:
            loaded.append((path.name, json.loads(content)))
        except ValueError as error:
            _fail(texts.say("sandbox.file_not_json", lang, path=path, reason=error))
    return loaded


def _read(path: Path, lang: str) -> str:
    try:
        return read_text(path, lang)
    except UnreadableFile as error:
        _fail(str(error))


def _open_demo(box: Sandbox, roster_csv: Path | None, lang: str) -> Roster:
    """Open the demo neighbourhood and put the demo roster (or the given one) on it."""
    neighbourhood = box.open_neighbourhood(*DEMO_NEIGHBOURHOOD, language=lang)
    rows: Iterable[ImportRow] = DEMO_ROSTER
    if roster_csv is not None:
        try:
            rows = read_roster_csv(_read(roster_csv, lang))
        except InvalidInput as error:
            _fail(f"{roster_csv}: {error.sentence(lang)}")
    for refused in box.enrol(neighbourhood, rows):
        reason = refused.error.sentence(lang) if refused.error else ""
        click.echo(
            texts.say(
                "sandbox.roster_row_refused",
                lang,
                line=refused.line,
                path=roster_csv,
                reason=reason,
            ),
            err=True,
        )
    return box.roster(neighbourhood)


def _introduce(members: Roster, lang: str) -> None:
    neighbourhood, everyone = members.neighbourhood, members.members()
    click.echo(
        texts.say(
            "story.intro",
            lang,
            neighbourhood=neighbourhood.name,
            long_code=neighbourhood.long_code,
            count=len(everyone),
        )
    )
    for member in everyone:
        role = texts.say(f"role.{member.role}", lang)
        click.echo(
            texts.say(
                "story.member", lang, phone=member.phone, name=member.name, role=role
            )
        )


def _story(replayed: Replayed, event: Any, members: Roster, lang: str) -> str:
    """One sentence on what happened to this event, and why."""
    outcome = replayed.outcome
    kind = str(outcome.get("outcome"))
    if outcome.get("duplicate"):
        return texts.say("story.duplicate", lang)
    if kind == "malformed":
        reason = texts.say(str(outcome.get("reason")), lang)
        return texts.say("story.malformed", lang, reason=reason)
    if kind == "unknown_long_code":
        return texts.say(
            "story.unknown_long_code", lang, long_code=outcome["long_code"]
        )
    if kind == "broadcast":
        return texts.say(
            "story.broadcast",
            lang,
            sender=_who(event, members, lang),
            # The broadcast is the one text every member got; a notice to the
            # sender alone (the text was shortened) is not one of them.
            count=max(Counter(d.body for d in replayed.deliveries).values(), default=0),
            parts=outcome.get("parts"),
        )
    if kind == "held_back":
        reason = texts.say(f"story.reason.{outcome.get('reason')}", lang)
        return texts.say(
            "story.held_back", lang, sender=_who(event, members, lang), reason=reason
        )
    if f"story.{kind}" in texts.catalogue_keys():
        return texts.say(f"story.{kind}", lang, sender=_who(event, members, lang))
    return texts.say("story.unknown_outcome", lang, outcome=kind)


def _who(event: Any, members: Roster, lang: str) -> str:
    """The sender as the story names them: their name, or a masked number."""
    sender = _sender(event)
    member = _member(members, sender)
    if member is not None and member.status != "pending":
        return member.name
    masked = phones.mask(sender or "")
    return masked if len(masked) > 3 else texts.say("story.unknown_number", lang)


def _delivery_line(delivery: Delivery, members: Roster, lang: str) -> str:
    name, to = _recipient(delivery, members, lang)
    return texts.say(
        "story.delivery",
        lang,
        name=name,
        to=to,
        body=delivery.body,
    )


def _sender(event: Any) -> str | None:
    try:
        return read_inbound(event["Records"][0]["Sns"]).sender
    except (MalformedInbound, KeyError, IndexError, TypeError):
        return None


def _member(members: Roster, sender: str | None) -> Member | None:
    try:
        return members.get(sender) if sender else None
    except InvalidPhoneNumber:
        return None


def _fail(sentence: str) -> NoReturn:
    click.echo(sentence, err=True)
    sys.exit(1)


# The coordinators' and the operator's commands live in their own modules.
main.add_command(members)
main.add_command(alerts)
main.add_command(reconcile)
main.add_command(costs)
main.add_command(report)
main.add_command(settings)
main.add_command(tokens)
main.add_command(neighbourhoods)
sandbox.add_command(demo_report)
