"""`wijkalert members|alerts|reconcile|tokens`, as a coordinator and an operator
type them, against the admin API served over real HTTP on localhost."""

import functools
import json
import re
import socket
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import boto3
import pytest
from chalice.cli.factory import CLIFactory
from chalice.local import ChaliceRequestHandler, LocalDevServer
from click.testing import CliRunner, Result

import app
from chalicelib.neighbourhoods import Neighbourhood
from tests.conftest import MOLENWIJK_PHONES, Phones, load_event, with_message
from tests.test_costs import minutes_to
from tests.test_two_way import text
from wijkalert import coordinator
from wijkalert.cli import main
from wijkalert.sandbox import Sandbox, api_gateway

PROJECT = Path(__file__).parent.parent


class GatewayHandler(ChaliceRequestHandler):
    """chalice's dev-server handler, answering a refused token with API
    Gateway's 401 (see `wijkalert.sandbox.api_gateway`) and noting each request
    so a test can count them."""

    def __init__(
        self,
        request: Any,
        client_address: Any,
        server: Any,
        *,
        app_object: Any,
        config: Any,
        noted: list[tuple[str, str]],
    ) -> None:
        self.local_gateway = api_gateway(app_object, config)
        self.noted = noted
        BaseHTTPRequestHandler.__init__(self, request, client_address, server)

    def _noted(self) -> None:
        self.noted.append((self.command, self.path))
        self._generic_handle()

    do_GET = do_POST = do_PATCH = do_DELETE = _noted

    def log_message(self, format: str, *args: Any) -> None:
        # The dev server's access log would bury pytest's own report.
        pass


class Server:
    """The admin API on a free localhost port, served from a thread."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str]] = []
        config = CLIFactory(str(PROJECT)).create_config_obj(chalice_stage_name="dev")
        handler = functools.partial(GatewayHandler, noted=self.requests)
        self._dev = LocalDevServer(app.app, config, "127.0.0.1", 0, handler_cls=handler)
        self.url = f"http://127.0.0.1:{self._dev.server.server_address[1]}"
        self._thread = threading.Thread(target=self._dev.server.serve_forever)

    def __enter__(self) -> "Server":
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._dev.shutdown()
        self._dev.server.server_close()
        self._thread.join()


@pytest.fixture(autouse=True)
def no_coordinator_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reads the developer's own config file or WIJKALERT_URL/TOKEN."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    for name in ("WIJKALERT_URL", "WIJKALERT_TOKEN"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def server(sandbox: Sandbox, molenwijk: Neighbourhood) -> Iterator[Server]:
    with Server() as running:
        yield running


def wijkalert(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=input)


class Coordinator:
    """Jan of Molenwijk at his keyboard, with his token."""

    def __init__(self, url: str, token: str) -> None:
        self.url = url
        self.token = token

    def run(self, *args: str, input: str | None = None, lang: str = "nl") -> Result:
        connection = ("--url", self.url, "--token", self.token)
        return wijkalert("--lang", lang, *args, *connection, input=input)


@pytest.fixture
def jan(server: Server, molenwijk_token: str) -> Coordinator:
    return Coordinator(server.url, molenwijk_token)


def row_of(output: str, first_cell: str) -> list[str]:
    """The table row whose first cell is `first_cell`, split into its cells."""
    for line in output.splitlines():
        if line.split("  ")[0].strip() == first_cell:
            return [cell.strip() for cell in line.split("  ") if cell.strip()]
    raise AssertionError(f"no row {first_cell!r} in:\n{output}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


# Listing the roster.


def test_members_list_shows_a_readable_table(jan: Coordinator) -> None:
    result = jan.run("members", "list")

    assert result.exit_code == 0
    header = result.stdout.splitlines()[0].split()
    assert header[:5] == ["telefoon", "naam", "straat", "rol", "status"]
    today = row_of(result.stdout, "+31612345601")[-1]
    assert row_of(result.stdout, "+31612345601") == [
        "+31612345601",
        "Jan",
        "Kastanjelaan 12",
        "coördinator",
        "actief",
        "nee",
        today,
    ]
    assert row_of(result.stdout, "+31612345605")[1:4] == [
        "Mehmet",
        "Molenstraat 8",
        "lid",
    ]


def test_members_list_in_english(jan: Coordinator) -> None:
    result = jan.run("members", "list", lang="en")

    assert result.stdout.splitlines()[0].split()[:2] == ["phone", "name"]
    assert row_of(result.stdout, "+31612345601")[3:6] == ["coordinator", "active", "no"]


def test_members_list_follows_every_page_with_all(
    jan: Coordinator, server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(coordinator, "PAGE_SIZE", 2)

    first = jan.run("members", "list", "--json")
    everyone = jan.run("members", "list", "--json", "--all")

    assert [m["phone"] for m in json_of(first)] == MOLENWIJK_PHONES[:2]
    assert "Er zijn meer leden; gebruik --all om ze allemaal te zien." in first.stderr
    assert [m["phone"] for m in json_of(everyone)] == MOLENWIJK_PHONES
    assert json_of(everyone)[0] == {
        "phone": "+31612345601",
        "name": "Jan",
        "street": "Kastanjelaan 12",
        "role": "coordinator",
        "status": "active",
        "language": "nl",
        "joined": json_of(everyone)[0]["joined"],
        "opted_out": False,
    }
    assert everyone.stderr == ""
    assert len([r for r in server.requests if r[1].startswith("/members?")]) == 1 + 3


def json_of(result: Result) -> Any:
    return json.loads(result.stdout)


def test_members_list_filters_by_role(jan: Coordinator) -> None:
    result = jan.run("members", "list", "--role", "coordinator")

    assert [line.split()[0] for line in result.stdout.splitlines()[2:]] == [
        "+31612345601"
    ]


def test_a_wrong_filter_is_refused_in_one_sentence(jan: Coordinator) -> None:
    result = jan.run("members", "list", "--status", "weg")

    assert result.exit_code == 2
    assert result.stderr == (
        "Status 'weg' bestaat niet; kies uit: actief, inactief, afgemeld, wacht op "
        "goedkeuring.\n"
    )
    assert result.stdout == ""


def test_statuses_and_roles_are_typed_as_the_list_shows_them(
    jan: Coordinator,
) -> None:
    updated = jan.run("members", "update", "06-12345605", "--status", "Inactief")
    listed = jan.run("members", "list", "--status", "inactief")
    english = jan.run("members", "list", "--role", "member", lang="en")
    added = jan.run("members", "add", "06-12345606", "Lotte", "--role", "coördinator")

    assert updated.exit_code == 0, updated.stderr
    assert [line.split()[0] for line in listed.stdout.splitlines()[2:]] == [
        "+31612345605"
    ]
    assert row_of(english.stdout, "+31612345605")[3:5] == ["member", "inactive"]
    assert added.exit_code == 0, added.stderr
    lotte = json_of(
        jan.run("members", "update", "06-12345606", "--name", "Lotte", "--json")
    )
    assert lotte["role"] == "coordinator"


@pytest.mark.parametrize(
    ("args", "lang", "sentence"),
    [
        (
            ("members", "add", "06-12345606", "Lotte", "--role", "baas"),
            "nl",
            "Rol 'baas' bestaat niet; kies uit: lid, coördinator.",
        ),
        (
            ("members", "update", "06-12345605", "--status", "afgemeld"),
            "nl",
            "Status 'afgemeld' bestaat niet; kies uit: actief, inactief.",
        ),
        (
            ("members", "update", "06-12345605", "--status", "gone"),
            "en",
            "Status 'gone' does not exist; choose from: active, inactive.",
        ),
    ],
)
def test_a_wrong_role_or_status_names_the_choices_in_the_readers_language(
    jan: Coordinator, args: tuple[str, ...], lang: str, sentence: str
) -> None:
    result = jan.run(*args, lang=lang)

    assert result.exit_code == 2
    assert result.stderr == sentence + "\n"
    assert row_of(jan.run("members", "list").stdout, "+31612345605")[3:5] == [
        "lid",
        "actief",
    ]


# Changing the roster.


def test_adding_a_member_says_so_and_puts_them_on_the_list(jan: Coordinator) -> None:
    result = jan.run(
        "members", "add", "06-12345606", "Lotte", "--street", "Dorpstraat 1"
    )

    assert result.exit_code == 0
    assert result.stdout == "Lotte (+31612345606) staat nu op de lijst.\n"
    listed = jan.run("members", "list").stdout
    assert row_of(listed, "+31612345606")[1:5] == [
        "Lotte",
        "Dorpstraat 1",
        "lid",
        "actief",
    ]


@pytest.mark.parametrize(
    ("phone", "sentence"),
    [
        ("12", "'12' bestaat niet als telefoonnummer; controleer de cijfers."),
        ("hallo", "'hallo' is geen telefoonnummer."),
    ],
)
def test_a_bad_number_is_refused_with_the_apis_sentence(
    jan: Coordinator, phone: str, sentence: str
) -> None:
    result = jan.run("members", "add", phone, "Niemand")

    assert result.exit_code == 1
    assert result.stderr == sentence + "\n"


def test_api_sentences_come_in_the_chosen_language(jan: Coordinator) -> None:
    result = jan.run("members", "add", "hallo", "Niemand", lang="en")

    assert result.stderr == "'hallo' is not a phone number.\n"


def test_adding_someone_already_on_the_list_is_refused(jan: Coordinator) -> None:
    result = jan.run("members", "add", "0031 6 12345601", "Jan")

    assert result.exit_code == 1
    assert result.stderr == "+31612345601 staat al op de lijst van Molenwijk.\n"


def test_update_sends_only_what_was_given(jan: Coordinator) -> None:
    result = jan.run("members", "update", "06-12345602", "--street", "Kastanjelaan 16")

    assert result.exit_code == 0
    assert result.stdout == "De gegevens van Fatima (+31612345602) zijn bijgewerkt.\n"
    row = row_of(jan.run("members", "list").stdout, "+31612345602")
    assert row[1:5] == ["Fatima", "Kastanjelaan 16", "lid", "actief"]


@pytest.mark.parametrize(
    "written", ["+31 (0)6 12345603", "0031 6 12345603", "+31612345603"]
)
def test_a_member_is_found_however_their_number_is_written(
    jan: Coordinator, written: str
) -> None:
    result = jan.run("members", "update", written, "--status", "inactive", "--json")

    assert result.exit_code == 0
    assert json_of(result)["status"] == "inactive"


def test_update_with_nothing_to_change_says_what_to_give(jan: Coordinator) -> None:
    result = jan.run("members", "update", "06-12345602")

    assert result.exit_code == 2
    assert "geef ten minste een van --name, --street" in result.stderr


def test_update_of_an_unknown_number_gets_the_404_sentence(jan: Coordinator) -> None:
    result = jan.run("members", "update", "06-12345609", "--name", "Rik")

    assert result.exit_code == 1
    assert result.stderr == "+31612345609 staat niet op de lijst van Molenwijk.\n"


def test_remove_asks_first_and_a_yes_removes(jan: Coordinator) -> None:
    result = jan.run("members", "remove", "+31 (0)6 12345605", input="ja\n")

    assert result.exit_code == 0
    assert "Mehmet (+31612345605) van de lijst halen? Typ ja" in result.stdout
    assert result.stdout.endswith(
        "Mehmet (+31612345605) staat niet meer op de lijst en krijgt geen "
        "meldingen meer.\n"
    )
    assert "+31612345605" not in jan.run("members", "list").stdout


def test_remove_keeps_the_member_unless_confirmed(jan: Coordinator) -> None:
    answered_no = jan.run("members", "remove", "06-12345605", input="n\n")
    no_answer = jan.run("members", "remove", "06-12345605", input="")

    assert answered_no.exit_code == no_answer.exit_code == 1
    assert answered_no.stderr == no_answer.stderr == "Niets verwijderd.\n"
    assert "+31612345605" in jan.run("members", "list").stdout


def test_remove_with_yes_does_not_ask(jan: Coordinator) -> None:
    result = jan.run("members", "remove", "06-12345605", "--yes")

    assert result.exit_code == 0
    assert "halen?" not in result.stdout


def test_removing_an_unknown_number_asks_nothing(jan: Coordinator) -> None:
    result = jan.run("members", "remove", "06-12345609")

    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "+31612345609 staat niet op de lijst van Molenwijk.\n"


# Importing a list.

MESSY_CSV = (
    "\ufeffphone;name;street;role\r\n"  # 1
    "06-12345601;Jan;Kastanjelaan 12;coordinator\r\n"  # 2
    "0031612345606;Lotte;Dorpstraat 1;\r\n"  # 3
    "\r\n"  # 4
    "+31 (0)6 12345607;Bram;;member\r\n"  # 5
    "12;Niemand;;\r\n"  # 6
    "+31 6 1234;Half;;\r\n"  # 7
    ";;;\r\n"  # 8
    "0612345602;Fatima;Kastanjelaan 16;\r\n"  # 9
    "0612345608;;;\r\n"  # 10
    "06-12345609;Rik;;baas\r\n"  # 11
)


@pytest.fixture
def messy_csv(tmp_path: Path) -> Path:
    path = tmp_path / "ledenlijst.csv"
    path.write_bytes(MESSY_CSV.encode("utf-8"))
    return path


def test_import_reports_each_row_by_its_line_in_the_file(
    jan: Coordinator,
    server: Server,
    messy_csv: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(coordinator, "ROWS_PER_REQUEST", 3)

    result = jan.run("members", "import", str(messy_csv))

    assert result.exit_code == 1
    out = result.stdout
    assert row_of(out, "2") == ["2", "+31612345601", "ongewijzigd"]
    assert row_of(out, "3") == ["3", "+31612345606", "toegevoegd"]
    assert row_of(out, "5") == ["5", "+31612345607", "toegevoegd"]
    assert row_of(out, "6") == [
        "6",
        "12",
        "geweigerd",
        "'12' bestaat niet als telefoonnummer; controleer de cijfers.",
    ]
    assert row_of(out, "7")[:3] == ["7", "+31 6 1234", "geweigerd"]
    assert row_of(out, "9") == ["9", "+31612345602", "bijgewerkt"]
    assert row_of(out, "10")[2:] == [
        "geweigerd",
        "Vul een naam in; die staat voor elke melding van dit lid.",
    ]
    assert row_of(out, "11")[3].startswith("Rol 'baas' bestaat niet")
    assert out.endswith("Toegevoegd: 2, bijgewerkt: 1, ongewijzigd: 1, geweigerd: 4.\n")
    imports = [r for r in server.requests if r == ("POST", "/members/import")]
    assert len(imports) == 3  # eight rows, three to a request
    assert "De lijst wordt ingelezen" in result.stderr


def test_import_json_gives_file_lines_and_counts(
    jan: Coordinator, messy_csv: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(coordinator, "ROWS_PER_REQUEST", 2)

    result = jan.run("members", "import", str(messy_csv), "--json")

    report = json_of(result)
    assert [row["line"] for row in report["rows"]] == [2, 3, 5, 6, 7, 9, 10, 11]
    assert report["counts"] == {"added": 2, "updated": 1, "unchanged": 1, "refused": 4}
    assert report["rows"][3]["field"] == "phone"


def test_import_without_a_street_column_keeps_every_street(
    jan: Coordinator, tmp_path: Path
) -> None:
    path = tmp_path / "namen.csv"
    path.write_text("phone,name\n06-12345601,Jan\n06-12345602,Fatima\n")

    result = jan.run("members", "import", str(path))

    assert result.exit_code == 0
    listed = jan.run("members", "list", "--json")
    streets = {m["name"]: m["street"] for m in json_of(listed)}
    assert (streets["Jan"], streets["Fatima"]) == ("Kastanjelaan 12", "Kastanjelaan 14")


def test_import_refuses_a_number_twice_across_chunks_and_an_open_quote(
    jan: Coordinator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(coordinator, "ROWS_PER_REQUEST", 1)
    path = tmp_path / "lijst.csv"
    path.write_text(
        'phone,name\n06-12345640,Anna\n06-12345674,"Open\n+31612345640,Bert\n'
    )

    result = jan.run("members", "import", str(path), "--json")

    assert result.exit_code == 1
    rows = json_of(result)["rows"]
    assert [(row["line"], row["outcome"]) for row in rows] == [
        (2, "added"),
        (3, "refused"),
        (4, "refused"),
    ]
    assert rows[2]["reason"] == (
        "Dit nummer staat al op regel 2 van de lijst; laat één van de twee regels weg."
    )
    names = [m["name"] for m in json_of(jan.run("members", "list", "--json"))]
    assert "Anna" in names and "Bert" not in names


def test_a_clean_excel_list_in_cp1252_imports_with_exit_code_0(
    jan: Coordinator, tmp_path: Path
) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes(
        "phone;name;street;role\r\n06-12345606;Renée;Kometensingel 7;\r\n".encode(
            "cp1252"
        )
    )

    result = jan.run("members", "import", str(path))

    assert result.exit_code == 0
    assert row_of(result.stdout, "2") == ["2", "+31612345606", "toegevoegd"]
    assert row_of(jan.run("members", "list").stdout, "+31612345606")[1] == "Renée"


def test_import_without_a_header_sends_nothing(
    jan: Coordinator, server: Server, tmp_path: Path
) -> None:
    path = tmp_path / "lijst.csv"
    path.write_text("06-12345606,Lotte\n", encoding="utf-8")

    result = jan.run("members", "import", str(path))

    assert result.exit_code == 1
    assert result.stderr == (
        f"{path}: De eerste regel van de lijst moet de kopregel "
        "phone,name,street,role zijn.\n"
    )
    assert server.requests == []


def test_import_of_a_missing_file_says_so(jan: Coordinator, tmp_path: Path) -> None:
    result = jan.run("members", "import", str(tmp_path / "weg.csv"))

    assert result.exit_code == 1
    assert result.stderr == (
        f"Kan {tmp_path / 'weg.csv'} niet lezen: het bestand bestaat niet.\n"
    )


# The alert log and drift repair.


def test_alerts_list_shows_who_sent_what(jan: Coordinator, phones: Phones) -> None:
    phones.deliver(load_event("inbound-alert.json"))

    result = jan.run("alerts", "list", "--from", "2026-11-28", "--all")

    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].split() == [
        "ontvangen",
        "afzender",
        "delen",
        "bericht",
        "soort",
        "id",
    ]
    assert "Jan" in result.stdout and "Verdachte man" in result.stdout
    # Received at 21:14 UTC, which was 22:14 on the neighbourhood's clocks.
    assert result.stdout.splitlines()[2].startswith("2026-11-28 22:14  Jan ")


def test_alerts_list_with_nothing_in_the_period_says_so(jan: Coordinator) -> None:
    result = jan.run("alerts", "list")

    assert result.exit_code == 0
    assert result.stdout == "Er zijn geen meldingen in deze periode.\n"


def test_a_bad_date_is_refused_in_one_sentence(jan: Coordinator) -> None:
    result = jan.run("alerts", "list", "--from", "gisteren")

    assert result.exit_code == 1
    assert (
        result.stderr == "'gisteren' is geen datum; schrijf bijvoorbeeld 2026-11-28.\n"
    )


def test_a_date_outside_the_logs_years_says_so_not_that_it_is_no_date(
    jan: Coordinator,
) -> None:
    exported = jan.run("alerts", "export", "--from", "1900-01-01")
    listed = jan.run("alerts", "list", "--to", "9999-12-31", lang="en")

    assert (exported.exit_code, listed.exit_code) == (1, 1)
    assert exported.stderr == (
        "'1900-01-01' ligt buiten de jaren die het logboek kan bevatten: 1970 tot "
        "en met 9998.\n"
    )
    assert listed.stderr == (
        "'9999-12-31' is outside the years the log can hold: 1970 to 9998.\n"
    )
    assert exported.stdout == listed.stdout == ""


def test_reconcile_says_what_it_repaired(
    jan: Coordinator, sandbox: Sandbox, molenwijk: Neighbourhood
) -> None:
    sns = boto3.client("sns")
    fatima = sandbox.roster(molenwijk).require("+31612345602")
    sns.unsubscribe(SubscriptionArn=str(fatima.subscription_arn))

    repaired = jan.run("reconcile")
    again = jan.run("reconcile")

    assert repaired.stdout == "Opnieuw aangemeld voor meldingen: +31612345602.\n"
    assert again.stdout == "Alles klopte al; er was niets te herstellen.\n"


# When things go wrong.


def test_a_wrong_token_gets_one_sentence_and_never_shows_the_token(
    server: Server,
) -> None:
    result = Coordinator(server.url, "molenwijk.0000.geheim").run("members", "list")

    assert result.exit_code == 1
    assert result.stderr == (
        "Je toegangssleutel is niet (meer) geldig; vraag de beheerder om een nieuwe.\n"
    )
    assert "geheim" not in result.output


def test_an_unreachable_server_gets_one_sentence(molenwijk_token: str) -> None:
    url = f"http://127.0.0.1:{free_port()}"

    result = Coordinator(url, molenwijk_token).run("members", "list")

    assert result.exit_code == 1
    assert result.stderr == (
        f"Kan {url} niet bereiken; controleer het adres en de internetverbinding "
        "en probeer het opnieuw.\n"
    )


def test_an_address_that_is_not_the_api_gets_the_status(jan: Coordinator) -> None:
    result = Coordinator(jan.url + "/verkeerd", jan.token).run("members", "list")

    assert result.exit_code == 1
    assert result.stderr == (
        f"{jan.url}/verkeerd gaf een onverwacht antwoord (HTTP 403); controleer of "
        "dit het adres van de wijkalert-API is.\n"
    )


def test_a_missing_token_names_the_three_ways_to_give_it(tmp_path: Path) -> None:
    result = wijkalert("members", "list", "--url", "http://127.0.0.1:9")

    assert result.exit_code == 2
    assert result.stderr == (
        "Je toegangssleutel ontbreekt: geef --token, zet WIJKALERT_TOKEN, of zet "
        f"token in {tmp_path / 'config' / 'wijkalert' / 'config.toml'}.\n"
    )


def test_a_missing_address_names_the_three_ways_to_give_it() -> None:
    result = wijkalert("--lang", "en", "members", "list", "--token", "x.y.z")

    assert result.exit_code == 2
    assert result.stderr.startswith(
        "The API's address is missing: give --url, set WIJKALERT_URL, or put url in "
    )


def test_settings_come_from_the_config_file_then_the_environment_then_options(
    jan: Coordinator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = tmp_path / "config" / "wijkalert" / "config.toml"
    settings.parent.mkdir(parents=True)
    settings.write_text(f'url = "{jan.url}"\ntoken = "{jan.token}"\n', encoding="utf-8")

    from_file = wijkalert("members", "list")
    monkeypatch.setenv("WIJKALERT_TOKEN", "molenwijk.0000.omgeving")
    from_environment = wijkalert("members", "list")
    from_option = wijkalert("members", "list", "--token", jan.token)

    assert from_file.exit_code == 0 and "+31612345601" in from_file.stdout
    assert from_environment.exit_code == 1
    assert "niet (meer) geldig" in from_environment.stderr
    assert from_option.exit_code == 0


def test_an_unreadable_config_file_is_named(tmp_path: Path) -> None:
    settings = tmp_path / "config" / "wijkalert" / "config.toml"
    settings.parent.mkdir(parents=True)
    settings.write_text("url = http://geen-aanhalingstekens\n", encoding="utf-8")

    result = wijkalert("members", "list")

    assert result.exit_code == 2
    assert result.stderr.startswith(f"Kan {settings} niet lezen: ")


# The operator's tokens.


def operator(*args: str) -> Result:
    return wijkalert("tokens", *args, "--neighbourhood", "molenwijk")


def test_a_new_token_is_shown_once_and_works(server: Server) -> None:
    created = operator("create", "--coordinator", "06-12345601", "--label", "laptop")

    assert created.exit_code == 0
    token = created.stdout.strip()
    assert token.startswith("molenwijk.")
    assert "Hij wordt niet nog eens getoond" in created.stderr
    assert token not in created.stderr
    listed = Coordinator(server.url, token).run("members", "list")
    assert listed.exit_code == 0


def test_tokens_list_shows_no_secret_and_masks_the_coordinator(
    server: Server, molenwijk_token: str
) -> None:
    created = operator("create", "--coordinator", "06-12345601", "--label", "laptop")
    token_id = created.stdout.split(".")[1]

    listed = operator("list")

    assert listed.exit_code == 0
    assert row_of(listed.stdout, token_id)[:3] == [token_id, "***601", "laptop"]
    assert "+31612345601" not in listed.stdout
    for secret in (created.stdout.strip(), molenwijk_token):
        assert secret.split(".")[2] not in listed.stdout


def test_a_revoked_token_gets_the_401_sentence(
    jan: Coordinator, molenwijk_token: str
) -> None:
    token_id = molenwijk_token.split(".")[1]

    revoked = operator("revoke", token_id)
    listed = operator("list", "--json")

    assert revoked.exit_code == 0
    assert revoked.stdout == (
        f"Toegangssleutel {token_id} is ingetrokken en werkt niet meer.\n"
    )
    assert json_of(listed)[0]["revoked"]
    refused = jan.run("members", "list")
    assert refused.exit_code == 1
    assert refused.stderr == (
        "Je toegangssleutel is niet (meer) geldig; vraag de beheerder om een nieuwe.\n"
    )


def test_tokens_for_an_unknown_neighbourhood_are_refused(sandbox: Sandbox) -> None:
    result = wijkalert(
        "tokens", "create", "--neighbourhood", "nergens", "--coordinator", "0612345601"
    )

    assert result.exit_code == 1
    assert result.stderr == "Buurt 'nergens' bestaat niet (meer).\n"


@pytest.mark.parametrize("coordinator", ["06-12345602", "06-12345699"])
def test_a_token_only_for_an_active_coordinator_of_the_neighbourhood(
    sandbox: Sandbox, molenwijk: Neighbourhood, coordinator: str
) -> None:
    # Fatima is a plain member; 06-12345699 is not on the roster at all.
    result = operator("create", "--coordinator", coordinator)

    assert result.exit_code == 1
    number = "+316123456" + coordinator[-2:]
    assert result.stderr == (
        f"{number} is geen actieve coördinator van Molenwijk; maak diegene eerst "
        "coördinator, dan pas krijgt diegene een toegangssleutel. Heeft Molenwijk "
        "nog geen coördinator, geef dan bij wijkalert neighbourhoods open "
        f"molenwijk ook --coordinator {number} --coordinator-name NAAM.\n"
    )
    assert json_of(operator("list", "--json")) == []


def test_revoking_an_unknown_token_is_refused(molenwijk: Neighbourhood) -> None:
    result = operator("revoke", "ffffffff")

    assert result.exit_code == 1
    assert result.stderr == "Er is geen toegangssleutel 'ffffffff' voor deze buurt.\n"


def test_an_impossible_coordinator_number_is_refused(molenwijk: Neighbourhood) -> None:
    result = operator("create", "--coordinator", "12")

    assert result.exit_code == 1
    assert result.stderr == (
        "'12' bestaat niet als telefoonnummer; controleer de cijfers.\n"
    )


def test_an_unknown_stage_is_refused(molenwijk: Neighbourhood) -> None:
    result = operator("list", "--stage", "test")

    assert result.exit_code == 2
    assert "kies uit: dev, prod." in result.stderr


def test_a_stage_whose_table_does_not_exist_is_named(
    molenwijk: Neighbourhood,
) -> None:
    result = operator("list", "--stage", "prod")

    assert result.exit_code == 1
    assert result.stderr.startswith(
        "Tabel wijkalert-prod-roster bestaat niet in dit AWS-account"
    )


def test_a_join_request_is_approved_from_the_command_line(
    jan: Coordinator, phones: Phones, sandbox: Sandbox
) -> None:
    phones.deliver(
        with_message(
            "inbound-unknown-sender.json",
            originationNumber="+31612345610",
            messageBody="AANMELDEN Anna, Lindelaan 1",
        )
    )
    sandbox.ledger.take()

    result = jan.run("members", "approve", "06-12345610")

    assert result.exit_code == 0
    assert result.stdout == (
        "Anna (+31612345610) doet nu mee en heeft een welkomst-sms gekregen.\n"
    )
    assert [d.to for d in sandbox.ledger.take()] == ["+31612345610"]

    again = jan.run("members", "approve", "06-12345610")

    assert again.exit_code == 1
    assert again.stderr == (
        "+31612345610 staat al op de lijst van Molenwijk; er is geen aanmelding om "
        "goed of af te keuren.\n"
    )
    assert sandbox.ledger.take() == []


def test_refusing_someone_who_did_not_ask_gets_one_sentence(jan: Coordinator) -> None:
    result = jan.run("members", "refuse", "06-12345602")

    assert result.exit_code == 1
    assert result.stderr == (
        "+31612345602 staat al op de lijst van Molenwijk; er is geen aanmelding om "
        "goed of af te keuren.\n"
    )
    assert row_of(jan.run("members", "list").stdout, "+31612345602")[4] == "actief"


# The monthly report, the export and categories.


def test_report_writes_the_months_html_to_a_file(
    jan: Coordinator, phones: Phones, tmp_path: Path
) -> None:
    phones.deliver(with_message("inbound-alert.json", messageBody="#brand rook"))
    out = tmp_path / "november.html"

    result = jan.run("report", "--month", "2026-11", "--out", str(out))

    assert result.exit_code == 0, result.output
    assert result.stdout == f"Het overzicht van november 2026 staat in {out}.\n"
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert 'data-chart="per_category"' in html and "#brand" in html


def test_report_as_csv_goes_to_the_screen(jan: Coordinator, phones: Phones) -> None:
    phones.deliver(load_event("inbound-alert.json"))

    result = jan.run("report", "--month", "2026-11", "--csv", lang="en")

    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "section,item,value,category,closed by"
    assert "alerts sent round,,1" in result.stdout.splitlines()


def test_report_of_a_wrong_month_is_one_sentence(jan: Coordinator) -> None:
    result = jan.run("report", "--month", "volgende")

    assert result.exit_code == 1
    assert result.stderr == (
        "'volgende' is geen maand; schrijf het jaar en de maand, zoals 2026-11.\n"
    )


@pytest.mark.parametrize("month", ["2026-1", "2026-011", "26-11"])
@pytest.mark.parametrize("command", ["report", "costs"])
def test_a_month_without_two_digits_is_refused_not_guessed(
    jan: Coordinator, command: str, month: str
) -> None:
    dutch = jan.run(command, "--month", month)
    english = jan.run(command, "--month", month, lang="en")

    assert (dutch.exit_code, english.exit_code) == (1, 1)
    assert dutch.stdout == english.stdout == ""
    assert dutch.stderr == (
        f"'{month}' is geen maand; schrijf het jaar en de maand, zoals 2026-11.\n"
    )
    assert english.stderr == (
        f"'{month}' is not a month; write the year and month, such as 2026-11.\n"
    )


def test_report_of_a_month_outside_the_logs_years_says_what_is_wrong(
    jan: Coordinator,
) -> None:
    result = jan.run("report", "--month", "9999-01")

    assert result.exit_code == 1
    assert result.stderr == (
        "'9999-01' is geen maand die het logboek kan bevatten: dat zijn de maanden "
        "01 tot en met 12 van de jaren 1970 tot en met 9998, zoals 2026-11.\n"
    )


def test_report_to_a_folder_that_does_not_exist_says_so(
    jan: Coordinator, tmp_path: Path
) -> None:
    out = tmp_path / "missing" / "r.html"

    result = jan.run("report", "--month", "2026-11", "--out", str(out))

    assert result.exit_code == 1
    assert result.stderr == (
        f"Kan {out} niet schrijven: de map waar het in moet bestaat niet.\n"
    )


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc")
def test_report_to_a_folder_that_exists_but_takes_no_files_says_so(
    jan: Coordinator,
) -> None:
    # /proc is there, but only the system makes files in it.
    result = jan.run("report", "--month", "2026-11", "--out", "/proc/x.html")
    english = jan.run(
        "report", "--month", "2026-11", "--out", "/proc/x.html", lang="en"
    )

    assert (result.exit_code, english.exit_code) == (1, 1)
    assert result.stderr == (
        "Kan /proc/x.html niet schrijven: de map bestaat, maar er kan geen nieuw "
        "bestand in; kies een andere map.\n"
    )
    assert english.stderr == (
        "Cannot write /proc/x.html: the folder exists, but no new file can be made "
        "in it; choose another folder.\n"
    )


def test_alerts_export_to_a_folder_that_does_not_exist_says_so(
    jan: Coordinator, tmp_path: Path
) -> None:
    out = tmp_path / "missing" / "log.csv"

    result = jan.run("alerts", "export", "--out", str(out), lang="en")

    assert result.exit_code == 1
    assert result.stderr == (
        f"Cannot write {out}: the folder it should go in does not exist.\n"
    )


def test_alerts_export_writes_csv_without_numbers(
    jan: Coordinator, phones: Phones, tmp_path: Path
) -> None:
    phones.deliver(load_event("inbound-alert.json"))
    out = tmp_path / "log.csv"

    result = jan.run(
        "alerts",
        "export",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
        "--out",
        str(out),
    )

    assert result.exit_code == 0, result.output
    assert result.stdout == f"Meldingen weggeschreven naar {out}: 1.\n"
    # The byte-order mark tells Excel the file is UTF-8.
    assert out.read_bytes().startswith(b"\xef\xbb\xbfontvangen;status;reden;soort")
    written = out.read_text(encoding="utf-8-sig")
    assert "+316" not in written and "Jan" not in written


def test_alerts_export_of_an_erased_period_says_why_the_file_is_empty(
    jan: Coordinator, tmp_path: Path
) -> None:
    out = tmp_path / "2020.csv"
    args = ("alerts", "export", "--from", "2020-01-01", "--to", "2020-01-31")

    written = jan.run(*args, "--out", str(out))
    shown = jan.run(*args, lang="en")

    gone = re.compile(
        r"Meldingen worden na 24 maanden gewist: die van vóór "
        r"\d\d-\d\d-\d{4} \d\d:\d\d zijn er niet meer en staan dus niet in de "
        r"export\.\n"
    )
    assert written.exit_code == 0, written.output
    assert gone.fullmatch(written.stderr)
    assert written.stdout == f"Meldingen weggeschreven naar {out}: 0.\n"
    # The file holds the header only: the sentence is no alert.
    assert out.read_text(encoding="utf-8-sig").count("\n") == 1
    assert shown.exit_code == 0
    assert shown.stdout.count("\n") == 1
    assert shown.stderr.startswith("Alerts are erased after 24 months: those from ")
    assert shown.stderr.endswith(" are gone, so the export does not hold them.\n")


def test_alerts_export_of_a_kept_period_says_nothing_of_erasing(
    jan: Coordinator, tmp_path: Path
) -> None:
    result = jan.run(
        "alerts", "export", "--from", "2026-11-01", "--out", str(tmp_path / "x.csv")
    )

    assert result.exit_code == 0, result.output
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (("alerts", "export", "--from", ""), "--from"),
        (("alerts", "export", "--from", "2026-11-01", "--to", " "), "--to"),
        (("alerts", "list", "--from", ""), "--from"),
    ],
)
def test_an_empty_day_is_refused_naming_the_option(
    jan: Coordinator, tmp_path: Path, args: tuple[str, ...], option: str
) -> None:
    out = tmp_path / "log.csv"

    result = jan.run(*args, "--out", str(out)) if "export" in args else jan.run(*args)
    english = jan.run(*args, lang="en")

    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"{option} is leeg; geef een dag, zoals 2026-11-28, of laat {option} weg.\n"
    )
    assert english.stderr == (
        f"{option} is empty; give a day, such as 2026-11-28, or leave out {option}.\n"
    )
    assert not out.exists()


def test_alerts_categorise_sets_and_clears_a_category(
    jan: Coordinator, phones: Phones
) -> None:
    phones.deliver(load_event("inbound-alert.json"))
    listed = json.loads(jan.run("alerts", "list", "--json").stdout)
    alert_id = listed[0]["id"]

    set_to = jan.run("alerts", "categorise", alert_id, "inbraak")
    cleared = jan.run("alerts", "categorise", alert_id, "", lang="en")
    refused = jan.run("alerts", "categorise", alert_id, "fietsen")

    # Received 21:14 UTC, as `alerts list` shows it: on the Dutch clock.
    assert set_to.exit_code == 0
    assert set_to.stdout == "De melding van 2026-11-28 22:14 is nu: #inbraak.\n"
    assert cleared.stdout == "The alert of 2026-11-28 22:14 is now: uncategorised.\n"
    assert refused.exit_code == 1
    assert refused.stderr.startswith("Soort 'fietsen' wordt in deze buurt niet")


def test_alerts_categorise_without_an_id_asks_for_one(jan: Coordinator) -> None:
    result = jan.run("alerts", "categorise", " ", "inbraak")

    assert result.exit_code == 1
    assert result.stderr == (
        "Geef het id van de melding op, zoals wijkalert alerts list het toont.\n"
    )


def test_costs_of_an_empty_month_is_refused_as_the_report_refuses_it(
    jan: Coordinator,
) -> None:
    result = jan.run("costs", "--month", "")

    assert result.exit_code == 1
    assert result.stderr == "Geef een maand op, zoals 2026-11.\n"


def test_alerts_categorise_refuses_a_text_that_was_held_back(
    jan: Coordinator, phones: Phones
) -> None:
    phones.deliver(with_message("inbound-alert.json", messageBody="Ik kom"))
    listed = json.loads(jan.run("alerts", "list", "--json").stdout)
    assert listed[0]["status"] == "suppressed"

    refused = jan.run("alerts", "categorise", listed[0]["id"], "inbraak")

    assert refused.exit_code == 1
    assert refused.stdout == ""
    assert refused.stderr == (
        f"Bericht '{listed[0]['id']}' is niet als melding rondgestuurd; alleen een "
        "melding die rondging kan een soort krijgen.\n"
    )
    after = json.loads(jan.run("alerts", "list", "--json").stdout)
    assert after[0]["category"] is None


def test_settings_show_and_change_what_the_report_may_say(jan: Coordinator) -> None:
    shown = jan.run("settings", lang="en")
    changed = jan.run(
        "settings", "--show-names", "--categories", "#Inbraak, drugs", "--json"
    )
    refused = jan.run("settings", "--price", "gratis")

    assert shown.stdout == (
        "Monthly budget: none, every alert goes out. EUR 0.09 per SMS part, at most 3 "
        "parts per alert, smart encoding: yes. Names in the report: no. Categories: "
        "#inbraak, #overlast, #verdacht, #brand, #vandalisme.\n"
    )
    assert json.loads(changed.stdout) == {
        "monthly_budget": None,
        "price_per_part": "0.09",
        "max_parts": 3,
        "smart_encoding": True,
        "show_names": True,
        "categories": ["inbraak", "drugs"],
    }
    assert refused.exit_code == 2
    assert refused.stderr.startswith("--price 'gratis' is geen bedrag;")


def settings_of(jan: Coordinator) -> Any:
    return json_of(jan.run("settings", "--json"))


def test_a_budget_of_nought_is_refused_and_no_budget_removes_it(
    jan: Coordinator,
) -> None:
    set_ = jan.run("settings", "--budget", "25,00")
    zero = jan.run("settings", "--budget", "0")
    kept = settings_of(jan)["monthly_budget"]
    removed = jan.run("settings", "--no-budget", "--json")

    assert set_.exit_code == 0, set_.stderr
    assert zero.exit_code == 2
    assert zero.stderr == (
        "Een budget van 0 euro houdt elke melding tegen, ook een brandmelding; "
        "wil je geen budget, gebruik dan --no-budget.\n"
    )
    assert kept == "25.00"
    assert removed.exit_code == 0, removed.stderr
    assert json_of(removed)["monthly_budget"] is None


def test_amounts_are_read_with_a_decimal_comma_or_point(jan: Coordinator) -> None:
    dutch = jan.run("settings", "--price", "0,08", "--json")
    english = jan.run("settings", "--budget", "12.50", "--json", lang="en")

    assert json_of(dutch)["price_per_part"] == "0.08"
    assert json_of(english)["monthly_budget"] == "12.50"


@pytest.mark.parametrize(
    ("option", "value", "sentence"),
    [
        (
            "--budget",
            "25.001",
            "--budget '25.001' is geen bedrag; schrijf euro's zoals 25,00, met "
            "hoogstens 2 cijfers achter de komma en niet meer dan 10000.",
        ),
        (
            "--price",
            "1.000,00",
            "--price '1.000,00' is geen bedrag; schrijf euro's zoals 0,09, met "
            "hoogstens 4 cijfers achter de komma en niet meer dan 10000.",
        ),
        (
            "--max-parts",
            "11",
            "--max-parts '11' kan niet; geef een heel getal van 1 tot en met 10.",
        ),
        (
            "--max-parts",
            "drie",
            "--max-parts 'drie' kan niet; geef een heel getal van 1 tot en met 10.",
        ),
        (
            "--categories",
            "",
            "Geef bij --categories 1 tot en met 20 soorten, met komma's gescheiden, "
            "zoals inbraak,overlast; --default-categories zet de standaardlijst "
            "terug.",
        ),
        (
            "--price",
            "0,00",
            "--price 0 kan niet: een sms is nooit gratis, en bij 0 euro zou het "
            "budget niets meer tegenhouden; geef de echte prijs, zoals 0,09.",
        ),
        (
            "--budget",
            "-0",
            "Een budget van 0 euro houdt elke melding tegen, ook een brandmelding; "
            "wil je geen budget, gebruik dan --no-budget.",
        ),
    ],
)
def test_a_wrong_setting_is_refused_by_the_option_typed(
    jan: Coordinator, option: str, value: str, sentence: str
) -> None:
    before = settings_of(jan)

    result = jan.run("settings", option, value)

    assert result.exit_code == 2
    assert result.stderr == sentence + "\n"
    assert settings_of(jan) == before


def test_a_budget_and_no_budget_at_once_is_refused(jan: Coordinator) -> None:
    result = jan.run("settings", "--budget", "25,00", "--no-budget")

    assert result.exit_code == 2
    assert result.stderr == "Geef --budget of --no-budget, niet allebei.\n"
    assert settings_of(jan)["monthly_budget"] is None


def test_a_wrong_setting_is_refused_in_english_too(jan: Coordinator) -> None:
    result = jan.run("settings", "--categories", ",", lang="en")

    assert result.exit_code == 2
    assert result.stderr == (
        "Give --categories 1 to 20 categories, separated by commas, such as "
        "inbraak,overlast; --default-categories puts back the default list.\n"
    )


def test_default_categories_put_the_default_list_back(jan: Coordinator) -> None:
    jan.run("settings", "--categories", "drugs,fietsen")

    both = jan.run("settings", "--categories", "brand", "--default-categories")
    back = jan.run("settings", "--default-categories")

    assert both.exit_code == 2
    assert both.stderr == "Geef --categories of --default-categories, niet allebei.\n"
    assert back.exit_code == 0, back.stderr
    assert back.stdout.endswith(
        "Categorieën: #inbraak, #overlast, #verdacht, #brand, #vandalisme.\n"
    )
    assert settings_of(jan)["categories"] == [
        "inbraak",
        "overlast",
        "verdacht",
        "brand",
        "vandalisme",
    ]


def test_a_price_is_shown_with_at_least_two_decimals(
    jan: Coordinator, sandbox: Sandbox
) -> None:
    tenth = jan.run("settings", "--price", "0,1")
    english = jan.run("settings", "--price", "0.0825", lang="en")
    free = jan.run("settings", "--price", "0", lang="en")
    # A price of nought written before it was refused is still shown in cents.
    sandbox.roster_table().update_item(
        Key={"pk": "NBH#molenwijk", "sk": "PROFILE"},
        UpdateExpression="SET price_per_part = :zero",
        ExpressionAttributeValues={":zero": "0"},
    )
    stored_zero = jan.run("settings")

    assert tenth.exit_code == 0, tenth.stderr
    assert "EUR 0,10 per sms-deel" in tenth.stdout
    assert "EUR 0.0825 per SMS part" in english.stdout
    assert free.exit_code == 2
    assert free.stderr == (
        "--price 0 cannot be: an SMS is never free, and at 0 euros the budget "
        "would hold nothing back; give the real price, such as 0.09.\n"
    )
    assert "EUR 0,00 per sms-deel" in stored_zero.stdout


def test_amounts_are_shown_with_a_decimal_comma_in_dutch(
    jan: Coordinator, phones: Phones
) -> None:
    phones.deliver(load_event("inbound-alert.json"))

    settings = jan.run("settings", "--budget", "25,00", "--price", "0,0825")
    costs = jan.run("costs", "--month", "2026-11")

    assert settings.stdout.startswith(
        "Maandbudget: EUR 25,00. EUR 0,0825 per sms-deel, hoogstens 3 delen"
    )
    # November is over: no cost per member of today's roster.
    assert costs.stdout.splitlines()[-1] == (
        "Geschatte kosten: EUR 0,45 van een budget van EUR 25,00; nog over: "
        "EUR 24,55. Prijs per sms-deel: EUR 0,0825."
    )


def test_the_running_month_before_its_first_sms_costs_nothing_yet(
    jan: Coordinator,
) -> None:
    costs = jan.run("costs")

    assert costs.exit_code == 0, costs.stderr
    assert row_of(costs.stdout, "meldingen") == ["meldingen", "0"]
    assert costs.stdout.splitlines()[-1].startswith("Geschatte kosten: EUR 0,00;")


def test_the_running_months_costs_are_also_given_per_active_member(
    jan: Coordinator, phones: Phones
) -> None:
    now = datetime.now(UTC)
    phones.deliver(text(MOLENWIJK_PHONES[1], "Verdachte auto", minute=minutes_to(now)))

    costs = jan.run("costs")

    assert costs.exit_code == 0, costs.stderr
    assert costs.stdout.splitlines()[-1] == (
        "Geschatte kosten: EUR 0,45; er is geen budget ingesteld (wijkalert "
        "settings --budget). Per actief lid (5): EUR 0,09. Prijs per sms-deel: "
        "EUR 0,09."
    )


def test_costs_of_a_month_without_a_record_say_so_instead_of_zeros(
    jan: Coordinator,
) -> None:
    dutch = jan.run("costs", "--month", "2026-10")
    english = jan.run("costs", "--month", "2026-10", lang="en")
    report = jan.run("report", "--month", "2026-10")

    assert (dutch.exit_code, english.exit_code) == (0, 0)
    assert dutch.stdout == (
        "Voor oktober 2026 zijn geen verstuurde sms'jes vastgelegd, dus er zijn "
        "geen aantallen of kosten om te tonen.\n"
    )
    assert english.stdout == (
        "No SMS sent in October 2026 were recorded, so there are no counts or "
        "cost to show.\n"
    )
    # The report of the month says the same, rather than EUR 0,00.
    assert "Voor oktober 2026 zijn geen verstuurde sms&#x27;jes vastgelegd." in (
        report.stdout
    )


def test_costs_show_a_table_and_the_summary(jan: Coordinator, phones: Phones) -> None:
    phones.deliver(load_event("inbound-alert.json"))

    result = jan.run("costs", "--month", "2026-11", lang="en")

    assert result.exit_code == 0, result.stderr
    assert row_of(result.stdout, "alerts") == ["alerts", "5"]
    assert "Estimated cost: EUR 0.45; no budget is set (wijkalert settings" in (
        result.stdout
    )


def test_costs_show_the_price_with_cents_as_settings_does(
    jan: Coordinator, phones: Phones
) -> None:
    assert jan.run("settings", "--price", "0,1").exit_code == 0
    phones.deliver(load_event("inbound-alert.json"))

    result = jan.run("costs", "--month", "2026-11")

    assert result.exit_code == 0, result.stderr
    assert result.stdout.rstrip().endswith("Prijs per sms-deel: EUR 0,10.")


def test_costs_of_a_month_not_yet_begun_are_refused_like_its_report(
    jan: Coordinator,
) -> None:
    costs = jan.run("costs", "--month", "2099-01")
    report = jan.run("report", "--month", "2099-01")
    english = jan.run("costs", "--month", "2099-01", lang="en")

    assert (costs.exit_code, report.exit_code, english.exit_code) == (1, 1, 1)
    assert costs.stdout == ""
    assert costs.stderr == (
        "2099-01 is nog niet begonnen; er zijn nog geen sms'jes om te tellen.\n"
    )
    assert report.stderr.startswith("2099-01 is nog niet begonnen; ")
    assert (
        english.stderr == "2099-01 has not begun yet; there are no SMS to count yet.\n"
    )


@pytest.mark.parametrize("month", ["volgende", "9999-01"])
def test_costs_refuse_a_month_the_report_refuses(jan: Coordinator, month: str) -> None:
    costs = jan.run("costs", "--month", month)
    report = jan.run("report", "--month", month)

    assert (costs.exit_code, report.exit_code) == (1, 1)
    assert costs.stderr == report.stderr
    assert costs.stderr.startswith(f"'{month}' is geen maand")


def test_an_unknown_language_names_where_it_came_from() -> None:
    command = ["members", "add", "06-12345606", "Lotte", "--url", "http://127.0.0.1:9"]
    from_environment = CliRunner().invoke(
        main, [*command, "--token", "molenwijk.a.b"], env={"WIJKALERT_LANG": "fr"}
    )
    from_option = wijkalert("--lang", "de", *command, "--token", "molenwijk.a.b")

    assert from_environment.exit_code == 2
    assert from_environment.stderr == (
        "WIJKALERT_LANG=fr: die taal spreekt wijkalert niet; kies uit: nl, en.\n"
    )
    assert from_option.exit_code == 2
    assert from_option.stderr == (
        "--lang de: die taal spreekt wijkalert niet; kies uit: nl, en.\n"
    )


def test_a_malformed_url_is_one_sentence(molenwijk_token: str) -> None:
    result = wijkalert(
        "members", "list", "--url", "http://[::1", "--token", molenwijk_token
    )

    assert result.exit_code == 1
    assert result.stderr == (
        "'http://[::1' is geen geldig adres; schrijf het zoals http://127.0.0.1:8000.\n"
    )
