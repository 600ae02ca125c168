"""`wijkalert neighbourhoods`: what an operator types against a running deployment.

A neighbourhood is data in a deployed stack, not part of its template: opening
one creates its members topic and records its long code in the stage's roster
table, with the operator's own AWS credentials (the function's role may not
create topics). The stack needs no update for it; docs/deploy.md says when to
run it. Every sentence printed comes from `chalicelib.texts`.
"""

import json
import os
import sys
from pathlib import Path
from typing import Any, NoReturn

import boto3
import click
from botocore.exceptions import BotoCoreError, ClientError

from chalicelib import config, texts
from chalicelib.errors import WijkalertError
from chalicelib.neighbourhoods import NeighbourhoodDirectory

# Help is printed before any option is read, so its language comes from the
# environment alone (as in `wijkalert.cli`).
HELP_LANGUAGE = os.environ.get("WIJKALERT_LANG")


def _help(key: str) -> str:
    return texts.say(key, HELP_LANGUAGE)


@click.group(help=_help("operator.help.neighbourhoods"))
def neighbourhoods() -> None:
    pass


@neighbourhoods.command(name="open", help=_help("operator.help.open"))
@click.argument("neighbourhood_id", metavar="ID")
@click.option("--name", required=True, help=_help("operator.help.name"))
@click.option("--long-code", required=True, help=_help("operator.help.long_code"))
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
    language: str,
    stage: str,
    project_dir: Path,
    aws_endpoint: str | None,
) -> None:
    table_name = roster_table(project_dir, stage, lang)
    try:
        roster = boto3.resource("dynamodb", endpoint_url=aws_endpoint).Table(table_name)
        directory = NeighbourhoodDirectory(
            roster, boto3.client("sns", endpoint_url=aws_endpoint)
        )
        before = directory.get(neighbourhood_id)
        opened = directory.open(neighbourhood_id, name, long_code, language)
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

    click.echo(
        texts.say(
            "operator.already_open" if opened == before else "operator.opened",
            lang,
            name=opened.name,
            id=opened.id,
            long_code=opened.long_code,
            topic=opened.members_topic_arn,
        )
    )
    click.echo(
        texts.say(
            "operator.next_step",
            lang,
            long_code=opened.long_code,
            inbound_topic=config.INBOUND_TOPIC,
        )
    )


def roster_table(project_dir: Path, stage: str, lang: str | None) -> str:
    """The roster table's name in `stage`, as Chalice gives it to the functions."""
    path = project_dir / ".chalice" / "config.json"
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
