"""`wijkalert neighbourhoods open`, as an operator runs it against a deployment.

The sandbox stands in for the deployed dev stage: same table names, same
inbound topic, and the real function to carry an alert afterwards.
"""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import MOLENWIJK_PHONES, Phones, load_event, with_message
from tests.packaged import ROOT
from wijkalert.cli import main
from wijkalert.sandbox import DEMO_ROSTER, Sandbox


def operator(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        main, ["neighbourhoods", *args, "--project-dir", str(ROOT)]
    )
    return result.exit_code, result.stdout, result.stderr


def open_molenwijk(*extra: str) -> tuple[int, str, str]:
    return operator(
        "open",
        "molenwijk",
        "--name",
        "Molenwijk",
        "--long-code",
        "+3197010203040",
        *extra,
    )


def test_an_opened_neighbourhood_receives_alerts_at_once(
    sandbox: Sandbox, phones: Phones
) -> None:
    code, _, _ = open_molenwijk()
    neighbourhood = sandbox.directory().by_long_code("+3197010203040")
    assert code == 0 and neighbourhood is not None
    assert sandbox.enrol(neighbourhood, DEMO_ROSTER) == []

    delivered = phones.deliver(load_event("inbound-alert.json"))

    assert sorted(sms.to for sms in delivered) == MOLENWIJK_PHONES
    assert delivered[0].body.startswith("[Molenwijk] Jan: ")


def test_opening_tells_the_members_topic_and_the_next_step_in_dutch(
    sandbox: Sandbox,
) -> None:
    code, out, err = open_molenwijk()

    topic = "arn:aws:sns:eu-west-1:123456789012:wijkalert-molenwijk-members"
    assert code == 0 and err == ""
    assert out.splitlines() == [
        f"Buurt Molenwijk (molenwijk) is geopend: nummer +3197010203040, "
        f"ledentopic {topic}.",
        "Stuur de tweerichtings-sms van +3197010203040 nu naar het SNS-topic "
        "wijkalert-inbound-sms (zie stap 5 in docs/deploy.md).",
    ]


def test_a_second_neighbourhood_gets_its_own_topic_and_hears_only_its_own(
    sandbox: Sandbox, phones: Phones
) -> None:
    assert open_molenwijk()[0] == 0
    code, out, _ = operator(
        "open",
        "kometenbuurt",
        "--name",
        "Kometenbuurt",
        "--long-code",
        "097010203041",
        "--language",
        "en",
    )
    kometenbuurt = sandbox.directory().by_long_code("+3197010203041")
    assert code == 0 and kometenbuurt is not None
    sandbox.roster(kometenbuurt).add("+31612345609", "Noor")

    delivered = phones.deliver(
        with_message(
            "inbound-alert.json",
            originationNumber="+31612345609",
            destinationNumber="+3197010203041",
        )
    )

    assert kometenbuurt.members_topic_arn.endswith(":wijkalert-kometenbuurt-members")
    assert kometenbuurt.language == "en"
    assert [sms.to for sms in delivered] == ["+31612345609"]


def test_a_long_code_already_in_use_is_refused(sandbox: Sandbox) -> None:
    open_molenwijk()

    code, out, err = operator(
        "open",
        "kastanjebuurt",
        "--name",
        "Kastanjebuurt",
        "--long-code",
        "+3197010203040",
    )

    assert code == 1 and out == ""
    assert err == "Nummer +3197010203040 hoort al bij een andere buurt.\n"
    assert sandbox.directory().get("kastanjebuurt") is None


def test_opening_again_changes_nothing_and_says_so(sandbox: Sandbox) -> None:
    open_molenwijk()

    code, out, err = operator(
        "open",
        "molenwijk",
        "--name",
        "Molenwijk-Noord",
        "--long-code",
        "+3197010203040",
    )

    topic = "arn:aws:sns:eu-west-1:123456789012:wijkalert-molenwijk-members"
    assert code == 0 and err == ""
    assert out.splitlines()[0] == (
        "Buurt Molenwijk (molenwijk) was al geopend met nummer +3197010203040; "
        f"er is niets veranderd. Ledentopic: {topic}."
    )
    opened = sandbox.directory().get("molenwijk")
    assert opened is not None and opened.name == "Molenwijk"


def test_messages_are_in_english_with_lang_en(sandbox: Sandbox) -> None:
    open_molenwijk()

    result = CliRunner().invoke(
        main,
        [
            "--lang",
            "en",
            "neighbourhoods",
            "open",
            "molenwijk",
            "--name",
            "Molenwijk",
            "--long-code",
            "+3197010203041",
            "--project-dir",
            str(ROOT),
        ],
    )

    assert result.exit_code == 1
    assert result.stderr == "Neighbourhood 'molenwijk' already exists.\n"


def test_a_stage_that_was_never_deployed_is_named(sandbox: Sandbox) -> None:
    code, _, err = open_molenwijk("--stage", "prod")

    assert code == 1
    assert err == (
        "Tabel wijkalert-prod-roster bestaat niet. Is de stack van stage prod "
        "in deze regio uitgerold?\n"
    )


def test_an_unknown_stage_lists_the_stages_there_are() -> None:
    code, _, err = open_molenwijk("--stage", "staging")

    assert code == 1
    assert err == (
        f"Stage 'staging' staat niet in {ROOT / '.chalice' / 'config.json'}; "
        "kies uit: dev, prod.\n"
    )


def test_a_project_without_chalice_config_is_refused(tmp_path: Path) -> None:
    code, _, err = operator_in(tmp_path)

    assert code == 1
    assert err.startswith(f"Kan {tmp_path / '.chalice' / 'config.json'} niet lezen")


def test_a_stage_without_a_roster_table_names_the_setting(tmp_path: Path) -> None:
    config = tmp_path / ".chalice" / "config.json"
    config.parent.mkdir()
    config.write_text(json.dumps({"stages": {"dev": {}}}), encoding="utf-8")

    code, _, err = operator_in(tmp_path)

    assert code == 1
    assert err.startswith("De instelling WIJKALERT_ROSTER_TABLE ontbreekt")


def test_aws_that_cannot_be_reached_is_reported_with_botocores_reason(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Outside the sandbox, on a closed port of this machine: nothing answers,
    # and nothing leaves it.
    for name, value in {
        "AWS_ACCESS_KEY_ID": "operator",
        "AWS_SECRET_ACCESS_KEY": "operator",
        "AWS_DEFAULT_REGION": "eu-west-1",
        "AWS_MAX_ATTEMPTS": "1",
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_CONFIG_FILE": "/dev/null",
        "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
    }.items():
        monkeypatch.setenv(name, value)

    code, _, err = operator_in(ROOT, "--aws-endpoint", "http://127.0.0.1:9")

    assert code == 1
    assert err.startswith("AWS voerde de opdracht niet uit: Could not connect")


def operator_in(project: Path, *extra: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        main,
        [
            "neighbourhoods",
            "open",
            "molenwijk",
            "--name",
            "Molenwijk",
            "--long-code",
            "+3197010203040",
            "--project-dir",
            str(project),
            *extra,
        ],
    )
    return result.exit_code, result.stdout, result.stderr
