"""`wijkalert neighbourhoods open`, as an operator runs it against a deployment.

The sandbox stands in for the deployed dev stage: same table names, same
inbound topic, and the real function to carry an alert afterwards.
"""

import json
from pathlib import Path

import pytest
from chalice.test import Client
from click.testing import CliRunner

from tests.conftest import (
    MOLENWIJK_PHONES,
    Api,
    Phones,
    load_event,
    with_message,
)
from tests.packaged import ROOT
from tests.test_two_way import subscribed
from wijkalert.cli import main
from wijkalert.operator import _token_command
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


def test_opening_tells_the_members_topic_and_the_next_steps_in_dutch(
    sandbox: Sandbox,
) -> None:
    code, out, err = open_molenwijk(
        "--coordinator", "06-12345601", "--coordinator-name", "Jan"
    )

    topic = "arn:aws:sns:eu-west-1:123456789012:wijkalert-molenwijk-members"
    assert code == 0 and err == ""
    assert out.splitlines() == [
        f"Buurt Molenwijk (molenwijk) is geopend: nummer +3197010203040, "
        f"ledentopic {topic}.",
        "Jan (+31612345601) staat nu als coördinator op de lijst van Molenwijk en "
        "krijgt de meldingen.",
        "Stuur nu de tweerichtings-sms van +3197010203040 naar het SNS-topic "
        "wijkalert-inbound-sms (stap 6 in docs/deploy.md); pas daarna komen "
        "sms'jes aan dat nummer bij deze buurt aan.",
        "Maak dan een toegangssleutel voor de coördinator (stap 7): wijkalert "
        "tokens create --neighbourhood molenwijk --coordinator +31612345601 "
        "--stage dev",
    ]


def test_the_next_steps_are_the_guides_next_steps() -> None:
    # Opening is step 5; the number is pointed at the topic only afterwards,
    # so no text reaches the topic before a neighbourhood can take it.
    guide = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    headings = [line for line in guide.splitlines() if line.startswith("## ")]

    assert headings.index("## 5. Adding a neighbourhood") < headings.index(
        "## 6. Point the long code at the inbound topic"
    )
    assert "## 7. The coordinator's token" in headings


def test_the_token_command_keeps_the_endpoint_and_language_given() -> None:
    command = _token_command(
        "molenwijk", "+31612345601", "prod", "http://localhost:4566", ROOT, "en"
    )

    assert command == (
        "wijkalert --lang en tokens create --neighbourhood molenwijk --coordinator "
        "+31612345601 --stage prod --aws-endpoint http://localhost:4566"
    )


def test_the_token_command_runs_in_the_project_given_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `tokens create` has no --project-dir: it reads the folder it runs in.
    project = tmp_path / "my project"
    (project / ".chalice").mkdir(parents=True)
    (project / ".chalice" / "config.json").write_text("{}", encoding="utf-8")

    elsewhere = _token_command("molenwijk", "+31612345601", "dev", None, project, "nl")
    here = _token_command("molenwijk", "+31612345601", "dev", None, ROOT, None)

    assert elsewhere == (
        f"cd '{project}' && wijkalert tokens create --neighbourhood molenwijk "
        "--coordinator +31612345601 --stage dev"
    )
    assert here.startswith("wijkalert tokens create ")


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


# The first coordinator.

NOOR = "+31612345611"


def open_kometenbuurt(*extra: str, lang: str = "nl") -> tuple[int, str, str]:
    result = CliRunner().invoke(
        main,
        [
            "--lang",
            lang,
            "neighbourhoods",
            "open",
            "kometenbuurt",
            "--name",
            "Kometenbuurt",
            "--long-code",
            "+3197010203041",
            "--project-dir",
            str(ROOT),
            *extra,
        ],
    )
    return result.exit_code, result.stdout, result.stderr


def test_the_first_coordinator_gets_a_token_that_manages_the_roster(
    sandbox: Sandbox, lambda_client: Client
) -> None:
    code, out, err = open_kometenbuurt(
        "--coordinator", "06-12345611", "--coordinator-name", "Noor"
    )
    assert code == 0 and err == ""
    assert out.splitlines()[1] == (
        "Noor (+31612345611) staat nu als coördinator op de lijst van Kometenbuurt "
        "en krijgt de meldingen."
    )
    assert out.splitlines()[-1] == (
        "Maak dan een toegangssleutel voor de coördinator (stap 7): wijkalert "
        "tokens create --neighbourhood kometenbuurt --coordinator +31612345611 "
        "--stage dev"
    )

    created = CliRunner().invoke(
        main,
        ["tokens", "create", "--neighbourhood", "kometenbuurt"]
        + ["--coordinator", "06-12345611"],
    )
    assert created.exit_code == 0, created.stderr
    listed = Api(lambda_client, created.stdout.strip()).call("GET", "/members")

    assert listed.status_code == 200
    assert [
        (m["phone"], m["name"], m["role"], m["status"])
        for m in listed.json_body["members"]
    ] == [(NOOR, "Noor", "coordinator", "active")]


def test_a_token_for_a_neighbourhood_without_coordinator_says_how_to_add_one(
    sandbox: Sandbox,
) -> None:
    open_kometenbuurt()

    refused = CliRunner().invoke(
        main,
        ["tokens", "create", "--neighbourhood", "kometenbuurt"]
        + ["--coordinator", "06-12345611"],
    )

    assert refused.exit_code == 1 and refused.stdout == ""
    assert refused.stderr.endswith(
        "Heeft Kometenbuurt nog geen coördinator, geef dan bij wijkalert "
        "neighbourhoods open kometenbuurt ook --coordinator +31612345611 "
        "--coordinator-name NAAM.\n"
    )


def test_the_first_coordinator_gets_the_alerts(
    sandbox: Sandbox, phones: Phones
) -> None:
    open_kometenbuurt("--coordinator", NOOR, "--coordinator-name", "Noor")
    kometenbuurt = sandbox.directory().get("kometenbuurt")
    assert kometenbuurt is not None

    delivered = phones.deliver(
        with_message(
            "inbound-alert.json",
            originationNumber=NOOR,
            destinationNumber="+3197010203041",
        )
    )

    assert subscribed(kometenbuurt) == [NOOR]
    assert [sms.to for sms in delivered] == [NOOR]
    assert delivered[0].body.startswith("[Kometenbuurt] Noor: ")


@pytest.mark.parametrize(
    ("given", "sentence"),
    [
        (
            ("--coordinator", "020-1234567", "--coordinator-name", "Noor"),
            "'020-1234567' is geen mobiel nummer; een lid moet sms'jes kunnen "
            "ontvangen. Vul een 06-nummer in.",
        ),
        (
            ("--coordinator", "06-1234", "--coordinator-name", "Noor"),
            "'06-1234' bestaat niet als telefoonnummer; controleer de cijfers.",
        ),
        (
            ("--coordinator", "Noor", "--coordinator-name", "Noor"),
            "'Noor' is geen telefoonnummer.",
        ),
        (
            ("--coordinator", NOOR, "--coordinator-name", "N" * 31),
            "De naam mag hoogstens 30 tekens lang zijn.",
        ),
        (
            ("--coordinator", NOOR, "--coordinator-name", "  "),
            "Vul een naam in; die staat voor elke melding van dit lid.",
        ),
        (
            ("--coordinator", NOOR),
            "Geef ook --coordinator-name: de naam van de coördinator staat voor "
            "elke melding die diegene stuurt.",
        ),
        (
            ("--coordinator-name", "Noor"),
            "--coordinator-name hoort bij --coordinator; geef ook het mobiele "
            "nummer van de coördinator.",
        ),
    ],
)
def test_a_wrong_first_coordinator_opens_nothing(
    sandbox: Sandbox, given: tuple[str, ...], sentence: str
) -> None:
    code, out, err = open_kometenbuurt(*given)

    assert (code, out, err) == (1, "", sentence + "\n")
    assert sandbox.directory().get("kometenbuurt") is None


def test_a_wrong_first_coordinator_is_refused_in_english(sandbox: Sandbox) -> None:
    code, _, err = open_kometenbuurt(
        "--coordinator", "020-1234567", "--coordinator-name", "Noor", lang="en"
    )

    assert code == 1
    assert err == (
        "'020-1234567' is not a mobile number; a member must be able to receive "
        "text messages. Give a mobile number.\n"
    )


def test_a_neighbourhood_opened_without_coordinator_is_told_how_to_add_one(
    sandbox: Sandbox,
) -> None:
    # As every neighbourhood opened before `--coordinator` existed.
    assert open_kometenbuurt()[0] == 0

    code, out, _ = open_kometenbuurt()
    assert code == 0
    assert out.splitlines()[1] == (
        "Kometenbuurt heeft nog geen coördinator, en zonder coördinator kan niemand "
        "de lijst beheren. Voer deze opdracht opnieuw uit met --coordinator "
        "NUMMER --coordinator-name NAAM."
    )

    code, out, _ = open_kometenbuurt(
        "--coordinator", NOOR, "--coordinator-name", "Noor"
    )
    kometenbuurt = sandbox.directory().get("kometenbuurt")
    assert code == 0 and kometenbuurt is not None
    assert out.splitlines()[:2] == [
        "Buurt Kometenbuurt (kometenbuurt) was al geopend met nummer "
        "+3197010203041. Ledentopic: "
        f"{kometenbuurt.members_topic_arn}.",
        "Noor (+31612345611) staat nu als coördinator op de lijst van Kometenbuurt "
        "en krijgt de meldingen.",
    ]
    assert subscribed(kometenbuurt) == [NOOR]


def test_opening_again_with_the_same_coordinator_changes_nothing(
    sandbox: Sandbox,
) -> None:
    open_kometenbuurt("--coordinator", NOOR, "--coordinator-name", "Noor")

    code, out, err = open_kometenbuurt(
        "--coordinator", "06-12345611", "--coordinator-name", "Noor"
    )

    kometenbuurt = sandbox.directory().get("kometenbuurt")
    assert code == 0 and err == "" and kometenbuurt is not None
    assert "er is niets veranderd" in out.splitlines()[0]
    assert (
        out.splitlines()[1]
        == "Noor (+31612345611) was al coördinator van Kometenbuurt."
    )
    assert [m.phone for m in sandbox.roster(kometenbuurt).members()] == [NOOR]
    assert subscribed(kometenbuurt) == [NOOR]


def test_a_neighbourhood_with_a_coordinator_gets_no_other_from_the_operator(
    sandbox: Sandbox,
) -> None:
    open_kometenbuurt("--coordinator", NOOR, "--coordinator-name", "Noor")

    code, out, err = open_kometenbuurt(
        "--coordinator", "+31612345612", "--coordinator-name", "Bram"
    )

    kometenbuurt = sandbox.directory().get("kometenbuurt")
    assert code == 1 and out == "" and kometenbuurt is not None
    assert err == (
        "Kometenbuurt heeft al een actieve coördinator; die zet anderen op de "
        "lijst, ook als coördinator (wijkalert members add ... --role "
        "coordinator).\n"
    )
    assert [m.phone for m in sandbox.roster(kometenbuurt).members()] == [NOOR]


def test_a_neighbour_who_asked_to_join_can_be_made_the_first_coordinator(
    sandbox: Sandbox,
) -> None:
    open_kometenbuurt()
    kometenbuurt = sandbox.directory().get("kometenbuurt")
    assert kometenbuurt is not None
    # AANMELDEN with nobody to approve it.
    sandbox.roster(kometenbuurt).add(NOOR, "Noor", status="pending")

    code, _, _ = open_kometenbuurt("--coordinator", NOOR, "--coordinator-name", "Noor")

    noor = sandbox.roster(kometenbuurt).require(NOOR)
    assert code == 0
    assert (noor.role, noor.status) == ("coordinator", "active")
    assert subscribed(kometenbuurt) == [NOOR]


def test_a_neighbour_who_texted_stop_is_not_signed_up_by_the_operator(
    sandbox: Sandbox,
) -> None:
    open_kometenbuurt()
    kometenbuurt = sandbox.directory().get("kometenbuurt")
    assert kometenbuurt is not None
    sandbox.roster(kometenbuurt).add(NOOR, "Noor", status="opted_out")

    code, _, err = open_kometenbuurt(
        "--coordinator", NOOR, "--coordinator-name", "Noor"
    )

    assert code == 1
    assert err == (
        "+31612345611 heeft zich met STOP afgemeld; alleen diegene zelf kan zich "
        "weer aanmelden, door START te sms'en.\n"
    )
    assert sandbox.roster(kometenbuurt).require(NOOR).status == "opted_out"
    assert subscribed(kometenbuurt) == []


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
