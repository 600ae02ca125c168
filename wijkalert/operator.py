"""`wijkalert neighbourhoods`: what an operator types against a running deployment.

A neighbourhood is data in a deployed stack, not part of its template: opening
one creates its members topic, records its long code in the stage's roster
table and puts its first coordinator on the roster, with the operator's own
AWS credentials (the function's role may not create topics). Only a
coordinator can be given a token or approve a join request, so without the
first one nobody could ever manage the roster. The stack needs no update for
it; docs/deploy.md says when to run it. Every sentence printed comes from
`chalicelib.texts`.
"""

import json
import os
import shlex
import sys
from pathlib import Path
from typing import Any, NoReturn

import boto3
import click
from botocore.exceptions import BotoCoreError, ClientError

from chalicelib import config, texts
from chalicelib.errors import WijkalertError
from chalicelib.members import Member, Roster, check_newcomer
from chalicelib.neighbourhoods import Neighbourhood, NeighbourhoodDirectory
from wijkalert.coordinator import chalice_config

# Help is printed before any option is read, so its language comes from the
# environment alone (as in `wijkalert.cli`).
HELP_LANGUAGE = os.environ.get("WIJKALERT_LANG")
CONFIG_FILE = Path(".chalice", "config.json")


def _help(key: str) -> str:
    return texts.say(key, HELP_LANGUAGE)


@click.group(help=_help("operator.help.neighbourhoods"))
def neighbourhoods() -> None:
    pass


@neighbourhoods.command(name="open", help=_help("operator.help.open"))
@click.argument("neighbourhood_id", metavar="ID")
@click.option("--name", required=True, help=_help("operator.help.name"))
@click.option("--long-code", required=True, help=_help("operator.help.long_code"))
@click.option("--coordinator", help=_help("operator.help.coordinator"))
@click.option("--coordinator-name", help=_help("operator.help.coordinator_name"))
@click.option(
    "--language",
    type=click.Choice(texts.LANGUAGES),
    default=texts.DEFAULT_LANGUAGE,
    show_default=True,
    help=_help("operator.help.language"),
)
@click.option(
    "--stage", default="dev", show_default=True, help=_help("operator.help.stage")
)
@click.option(
    "--project-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("."),
    help=_help("operator.help.project_dir"),
)
@click.option("--aws-endpoint", help=_help("operator.help.aws_endpoint"))
@click.pass_obj
def open_neighbourhood(
    lang: str | None,
    neighbourhood_id: str,
    name: str,
    long_code: str,
    coordinator: str | None,
    coordinator_name: str | None,
    language: str,
    stage: str,
    project_dir: Path,
    aws_endpoint: str | None,
) -> None:
    table_name = roster_table(project_dir, stage, lang)
    _check_coordinator(coordinator, coordinator_name, lang)
    try:
        table = boto3.resource("dynamodb", endpoint_url=aws_endpoint).Table(table_name)
        sns = boto3.client("sns", endpoint_url=aws_endpoint)
        directory = NeighbourhoodDirectory(table, sns)
        before = directory.get(neighbourhood_id)
        opened = directory.open(neighbourhood_id, name, long_code, language)
        lead, added = _first_coordinator(
            Roster(table, sns, opened), coordinator, coordinator_name
        )
    except WijkalertError as error:
        _fail(error.sentence(lang))
    except ClientError as error:
        if error.response["Error"]["Code"] == "ResourceNotFoundException":
            _fail(
                texts.say("operator.table_missing", lang, table=table_name, stage=stage)
            )
        _fail(texts.say("operator.aws_failed", lang, reason=error))
    except BotoCoreError as error:
        # No credentials, no region, no connection: botocore says which.
        _fail(texts.say("operator.aws_failed", lang, reason=error))

    if opened != before:
        opening = "operator.opened"
    else:
        opening = "operator.was_open" if added else "operator.already_open"
    click.echo(
        texts.say(
            opening,
            lang,
            name=opened.name,
            id=opened.id,
            long_code=opened.long_code,
            topic=opened.members_topic_arn,
        )
    )
    _tell_coordinator(opened, lead, added, coordinator is not None, lang)
    click.echo(
        texts.say(
            "operator.next_step",
            lang,
            long_code=opened.long_code,
            inbound_topic=config.INBOUND_TOPIC,
        )
    )
    if coordinator is not None and lead is not None:
        command = _token_command(
            opened.id, lead.phone, stage, aws_endpoint, project_dir, lang
        )
        click.echo(texts.say("operator.next_token", lang, command=command))


def _token_command(
    neighbourhood_id: str,
    phone: str,
    stage: str,
    aws_endpoint: str | None,
    project_dir: Path,
    lang: str | None,
) -> str:
    """The `tokens create` to run next, with the options this command was given:
    without them it would ask another endpoint, stage or language."""
    words = ["wijkalert"]
    if lang is not None and lang != texts.DEFAULT_LANGUAGE:
        words += ["--lang", lang]
    words += ["tokens", "create", "--neighbourhood", neighbourhood_id]
    words += ["--coordinator", phone, "--stage", stage]
    if aws_endpoint is not None:
        words += ["--aws-endpoint", aws_endpoint]
    command = shlex.join(words)
    # `tokens create` reads .chalice/config.json from the folder it runs in
    # (else this source tree); it has no --project-dir of its own.
    found = chalice_config()
    if found is None or found.resolve() != (project_dir / CONFIG_FILE).resolve():
        return f"cd {shlex.quote(str(project_dir.resolve()))} && {command}"
    return command


def _check_coordinator(phone: str | None, name: str | None, lang: str | None) -> None:
    """Refuse a wrong first coordinator before anything is made.

    A typo in the number must not leave a neighbourhood half-open.
    """
    if phone is not None and name is None:
        _fail(texts.say("operator.coordinator_name_missing", lang))
    if phone is None and name is not None:
        _fail(texts.say("operator.coordinator_missing", lang))
    if phone is not None:
        try:
            check_newcomer(phone, name or "", field="coordinator")
        except WijkalertError as error:
            _fail(error.sentence(lang))


def _first_coordinator(
    roster: Roster, phone: str | None, name: str | None
) -> tuple[Member | None, bool]:
    """The coordinator named (put on the roster if need be), else any there is.

    The second value says whether the roster changed.
    """
    if phone is not None:
        return roster.add_first_coordinator(phone, name or "")
    leading = roster.members(status="active", role="coordinator")
    return (leading[0] if leading else None), False


def _tell_coordinator(
    opened: Neighbourhood,
    lead: Member | None,
    added: bool,
    named: bool,
    lang: str | None,
) -> None:
    if lead is None:
        # Without one, no token can be made and no join request approved.
        click.echo(texts.say("operator.no_coordinator", lang, name=opened.name))
    elif named:
        click.echo(
            texts.say(
                "operator.coordinator_added"
                if added
                else "operator.coordinator_already",
                lang,
                coordinator=lead.name,
                phone=lead.phone,
                name=opened.name,
            )
        )


def roster_table(project_dir: Path, stage: str, lang: str | None) -> str:
    """The roster table's name in `stage`, as Chalice gives it to the functions."""
    path = project_dir / CONFIG_FILE
    try:
        chalice_config: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        _fail(
            texts.say(
                "operator.config_unreadable",
                lang,
                path=path,
                reason=getattr(error, "strerror", None) or error,
            )
        )

    stages: dict[str, Any] = chalice_config.get("stages", {})
    if stage not in stages:
        _fail(
            texts.say(
                "operator.stage_unknown",
                lang,
                stage=stage,
                path=path,
                choices=", ".join(stages),
            )
        )
    environment = {
        **chalice_config.get("environment_variables", {}),
        **stages[stage].get("environment_variables", {}),
    }
    try:
        return config.Settings.from_environ(environment).roster_table
    except WijkalertError as error:
        _fail(error.sentence(lang))


def _fail(sentence: str) -> NoReturn:
    click.echo(sentence, err=True)
    sys.exit(1)
