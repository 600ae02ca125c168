"""`wijkalert sandbox replay` and `demo`, as a newcomer runs them."""

import csv
import json
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from tests.conftest import EVENTS, MOLENWIJK_PHONES
from wijkalert.cli import main


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def event(name: str) -> str:
    return str(EVENTS / name)


def test_replay_prints_one_json_line_per_sms_delivered() -> None:
    code, out, _ = run(
        "sandbox",
        "replay",
        event("inbound-alert.json"),
        event("inbound-alert-redelivered.json"),
        event("inbound-unknown-sender.json"),
        event("console-test-publish.json"),
    )

    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [line["to"] for line in lines] == [*MOLENWIJK_PHONES, "+31687654321"]
    assert [line["event"] for line in lines] == ["inbound-alert.json"] * 5 + [
        "inbound-unknown-sender.json"
    ]
    assert {line["parts"] for line in lines} == {1}
    assert lines[0]["body"].startswith("[Molenwijk] Jan: Verdachte man")


@pytest.mark.parametrize("path", sorted(EVENTS.glob("*.json")), ids=lambda p: p.name)
def test_replay_handles_every_shipped_event_file(path: Path) -> None:
    code, out, _ = run("sandbox", "replay", str(path))

    assert code == 0
    for line in out.splitlines():
        assert json.loads(line)["event"] == path.name


def test_replay_with_a_roster_csv_uses_that_roster(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "\ufeffphone,name,street,role\n"
        "06-12345601,Jan,Kastanjelaan 12,coordinator\n"
        "\n"
        "0031 6 12345607,Lotte,,\n"
        "hello,Niemand,,\n",
        encoding="utf-8",
    )

    code, out, err = run(
        "--lang",
        "en",
        "sandbox",
        "replay",
        "--roster",
        str(roster),
        event("inbound-alert.json"),
    )

    assert code == 0
    assert [json.loads(line)["to"] for line in out.splitlines()] == [
        "+31612345601",
        "+31612345607",
    ]
    assert f"Line 5 of {roster} was not used: 'hello' is not a phone number." in err


def test_replay_of_a_missing_file_fails_before_sending_anything(tmp_path: Path) -> None:
    missing = tmp_path / "gone.json"

    code, out, err = run("sandbox", "replay", event("inbound-alert.json"), str(missing))

    assert code == 1
    assert out == ""
    assert err.strip() == f"Kan {missing} niet lezen: het bestand bestaat niet."


def test_replay_of_a_file_that_is_not_json_says_so(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")

    code, _, err = run("--lang", "en", "sandbox", "replay", str(broken))

    assert code == 1
    assert err.startswith(f"{broken} is not a JSON file:")


def test_demo_tells_who_received_what_and_why_the_others_got_nothing() -> None:
    code, out, _ = run(
        "--lang",
        "en",
        "sandbox",
        "demo",
        event("inbound-alert.json"),
        event("inbound-alert-redelivered.json"),
        event("inbound-unknown-sender.json"),
        event("console-test-publish.json"),
    )

    assert code == 0
    assert (
        "Neighbourhood Molenwijk, number +3197010203040. Members on the roster: 5."
        in out
    )
    assert "+31612345601  Jan (coordinator)" in out
    assert "Jan sends an alert. All 5 active members receive it" in out
    assert "-> Fatima (+31612345602): [Molenwijk] Jan: Verdachte man" in out
    assert "AWS delivers the same text again. Nobody receives anything" in out
    assert "A number that is not on the roster (***321) sends a text. No alert" in out
    assert "-> stranger (***321): [Molenwijk] This is the neighbourhood's SMS" in out
    assert "This message cannot be used: the content is not JSON." in out
    assert "In all: texts received 4, SMS messages sent 6, SMS parts paid for 6." in out
    assert "87654321" not in out


def test_demo_speaks_dutch_by_default() -> None:
    code, out, _ = run("sandbox", "demo", event("inbound-alert.json"))

    assert code == 0
    assert "Jan stuurt een melding." in out


@pytest.mark.parametrize(
    "content",
    [
        "[1, 2]",
        "null",
        "42",
        '"hello"',
        '{"Records": "x"}',
        '{"Records": [5]}',
        '{"Records": [{"Sns": "x"}]}',
        '{"Records": {"Sns": {}}}',
        "{}",
    ],
)
def test_replay_of_json_that_is_no_sns_event_drops_it(
    tmp_path: Path, content: str
) -> None:
    odd = tmp_path / "odd.json"
    odd.write_text(content, encoding="utf-8")

    code, out, err = run("sandbox", "replay", str(odd), event("inbound-alert.json"))

    assert code == 0
    assert [json.loads(line)["event"] for line in out.splitlines()] == [
        "inbound-alert.json"
    ] * 5
    assert "Traceback" not in err


def test_demo_explains_an_event_that_is_no_sns_notification(tmp_path: Path) -> None:
    odd = tmp_path / "odd.json"
    odd.write_text("{}", encoding="utf-8")

    code, out, _ = run("--lang", "EN", "sandbox", "demo", str(odd))

    assert code == 0
    assert "This message cannot be used: it is not an SNS notification." in out


def test_spreadsheet_roster_with_semicolons_and_dutch_roles_is_read(
    tmp_path: Path,
) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_bytes(
        "Phone;Name;Street;Role\r\n"
        "06-12345601;Jan;Kastanjelaan 12;coördinator\r\n"
        "06-12345610;Anna;Lindelaan 1;lid;extra\r\n"
        ";;;;extra\r\n"
        "06-12345611;Zoë;;\r\n".encode("cp1252")
    )

    code, out, err = run(
        "sandbox", "replay", "--roster", str(roster), event("inbound-alert.json")
    )

    assert code == 0, err
    # Anna's line has a value beyond the header's columns: refused, not cut.
    assert [json.loads(line)["to"] for line in out.splitlines()] == [
        "+31612345601",
        "+31612345611",
    ]
    assert (
        f"Regel 3 van {roster} is niet gebruikt: Deze regel heeft meer velden dan "
        "de kopregel; staat er een komma of puntkomma in een naam of straat? Zet "
        "die dan tussen aanhalingstekens.\n"
    ) in err


def test_an_empty_event_file_is_called_empty(tmp_path: Path) -> None:
    empty = tmp_path / "empty.json"
    empty.write_text("", encoding="utf-8")

    code, _, err = run("sandbox", "replay", str(empty))

    assert code == 1
    assert err.strip() == f"{empty} is geen JSON-bestand: het bestand is leeg."


@pytest.mark.parametrize(
    ("token", "said"),
    [
        (
            "kometenbuurt.script.geheim",
            "Deze toegangssleutel is voor buurt 'kometenbuurt', maar de sandbox "
            "opent alleen buurt 'molenwijk'; laat de sleutel met 'molenwijk.' "
            "beginnen.",
        ),
        (
            "geheim",
            "Een toegangssleutel heeft de vorm <buurt>.<id>.<geheim>, zoals "
            "molenwijk.demo.geheim.",
        ),
        (
            "molenwijk.met spatie.geheim",
            "'met spatie' kan geen sleutel-id zijn; gebruik letters, cijfers, - en _.",
        ),
    ],
)
def test_serve_refuses_a_token_it_could_not_give_to_the_demo_coordinator(
    token: str, said: str
) -> None:
    code, out, err = run("sandbox", "serve", "--port", "8000", "--token", token)

    assert code == 1
    assert out == ""
    assert err.strip() == said


def test_replay_stays_in_the_sandbox_whatever_the_shell_points_boto3_at(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # A developer's shell or ~/.aws/config may name an endpoint for one service;
    # port 9 (discard) on this machine answers nothing, so a leak would fail.
    aws = tmp_path / ".aws"
    aws.mkdir()
    (aws / "config").write_text("[default]\nendpoint_url = http://127.0.0.1:9\n")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:9")

    code, out, _ = run("sandbox", "replay", event("inbound-alert.json"))

    assert code == 0
    assert [json.loads(line)["to"] for line in out.splitlines()] == MOLENWIJK_PHONES


def test_demo_counts_the_members_not_the_notice_about_a_shortened_text(
    tmp_path: Path,
) -> None:
    alert = json.loads((EVENTS / "inbound-alert.json").read_text())
    payload = json.loads(alert["Records"][0]["Sns"]["Message"])
    payload["messageBody"] = "Man loopt bij alle portieken aan de deurklinken. " * 12
    alert["Records"][0]["Sns"]["Message"] = json.dumps(payload)
    long_alert = tmp_path / "long-alert.json"
    long_alert.write_text(json.dumps(alert))

    code, out, _ = run("--lang", "en", "sandbox", "demo", str(long_alert))

    assert code == 0
    assert "All 5 active members receive it" in out
    # The sixth SMS is Jan's own notice that his text was cut.
    assert out.count(" -> ") == 6


# The report of a made-up month.


def test_demo_report_to_a_missing_folder_is_one_sentence(tmp_path: Path) -> None:
    out = tmp_path / "missing" / "november.html"

    code, _, err = run("sandbox", "report", "--out", str(out))

    assert code == 1
    assert err == (f"Kan {out} niet schrijven: de map waar het in moet bestaat niet.\n")


def test_demo_report_onto_a_folder_is_one_sentence(tmp_path: Path) -> None:
    code, _, err = run("--lang", "en", "sandbox", "report", "--out", str(tmp_path))

    assert code == 1
    assert err == f"Cannot write {tmp_path}: that is a folder, not a file.\n"


def test_demo_report_without_out_goes_to_the_screen() -> None:
    code, out, _ = run("--lang", "en", "sandbox", "report", "--csv")

    assert code == 0
    assert out.splitlines()[0] == "section,item,value,category,closed by"
    assert "alerts sent round,,320" in out.splitlines()


def test_demo_report_of_a_month_the_retention_erased_counts_nothing() -> None:
    code, out, _ = run(
        "--lang", "en", "sandbox", "report", "--month", "2024-11", "--csv"
    )

    assert code == 0
    assert out.splitlines() == [
        "section,item,value,category,closed by",
        "period,1 to 30 November 2024,",
        "retention,Alerts are erased after 24 months.,",
        'erased,"Alerts are erased after 24 months: those of November 2024 are '
        'gone, so this report cannot count them.",',
    ]


def test_demo_report_of_the_running_month_has_no_alerts_still_to_come() -> None:
    today = datetime.now(ZoneInfo("Europe/Amsterdam")).date()

    code, out, _ = run(
        "--lang", "en", "sandbox", "report", "--month", f"{today:%Y-%m}", "--csv"
    )

    # The weeks stand in calendar order; those after this one are to come.
    weeks = [
        row[1:] for row in csv.reader(out.splitlines()) if row[0] == "Alerts per week"
    ]
    numbers = [int(label.split()[1]) for label, _ in weeks]
    this_week = numbers.index(today.isocalendar().week)
    to_come = weeks[this_week + 1 :]
    assert code == 0
    # Not "0", which a spreadsheet would add up as a quiet week: no count.
    assert {count for _, count in to_come} <= {""}
    # This week is no whole week yet (unless it is Sunday and all in the month).
    label = weeks[this_week][0]
    first = max(today - timedelta(days=today.isoweekday() - 1), today.replace(day=1))
    days = (today - first).days + 1
    if days < 7:
        plural = "s" if days > 1 else ""
        assert label == f"week {today.isocalendar().week} ({days} day{plural})"
