"""The admin API over HTTP, on `wijkalert sandbox serve` in a process of its own.

What a coordinator's client sees: real sockets, API Gateway's answers to a
bad token, and the state kept for as long as the server runs. A second
neighbourhood and extra tokens are made the way an operator would, with
chalicelib's own classes talking to the sandbox's AWS endpoint.
"""

import json
import re
import shlex
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
import pytest
import requests

from chalicelib.members import Roster
from chalicelib.neighbourhoods import Neighbourhood, NeighbourhoodDirectory
from chalicelib.tokens import CoordinatorTokens
from tests.conftest import (
    WIJKALERT,
    LocalServer,
    free_port_pair,
    local_server,
    wijkalert_environment,
)
from wijkalert.sandbox import DEMO_NEIGHBOURHOOD, ENVIRONMENT, REGION

TOKEN = "molenwijk.http-tests.geheim-van-de-tests"
JAN = "+31612345601"


class Coordinator:
    """A coordinator's HTTP client for the local server."""

    def __init__(self, server: LocalServer, token: str | None) -> None:
        self._url = server.url
        self.token = token

    def call(
        self,
        method: str,
        path: str,
        *,
        body: Any = None,
        csv: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> requests.Response:
        sent = dict(headers or {})
        if self.token is not None:
            sent["authorization"] = f"Bearer {self.token}"
        data: bytes | None = None
        if csv is not None:
            sent["content-type"] = "text/csv"
            data = csv.encode("utf-8")
        elif body is not None:
            sent["content-type"] = "application/json"
            data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
        return requests.request(
            method, self._url + path, headers=sent, data=data, timeout=30
        )


@dataclass(frozen=True)
class SandboxAws:
    """chalicelib's classes on the running sandbox's moto endpoint."""

    endpoint: str

    def _session(self) -> boto3.session.Session:
        return boto3.session.Session(
            aws_access_key_id="sandbox",
            aws_secret_access_key="sandbox",
            region_name=REGION,
        )

    def table(self) -> Any:
        dynamodb = self._session().resource("dynamodb", endpoint_url=self.endpoint)
        return dynamodb.Table(ENVIRONMENT["WIJKALERT_ROSTER_TABLE"])

    def sns(self) -> Any:
        return self._session().client("sns", endpoint_url=self.endpoint)

    def directory(self) -> NeighbourhoodDirectory:
        return NeighbourhoodDirectory(self.table(), self.sns())

    def tokens(self) -> CoordinatorTokens:
        return CoordinatorTokens(self.table())

    def neighbourhood(self, neighbourhood_id: str) -> Neighbourhood:
        found = self.directory().get(neighbourhood_id)
        assert found is not None
        return found


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    with local_server(TOKEN, tmp_path_factory.mktemp("local-server")) as running:
        yield running


@pytest.fixture(scope="module")
def aws(server: LocalServer) -> SandboxAws:
    return SandboxAws(server.aws_endpoint)


@pytest.fixture
def jan(server: LocalServer) -> Coordinator:
    return Coordinator(server, TOKEN)


@pytest.fixture(scope="module")
def kometenbuurt_token(aws: SandboxAws) -> str:
    """A second neighbourhood beside Molenwijk, with two members and a token."""
    kometen = aws.directory().open("kometenbuurt", "Kometenbuurt", "+3197010203041")
    roster = Roster(aws.table(), aws.sns(), kometen)
    roster.add("+31612345611", "Noor", role="coordinator")
    roster.add("+31612345612", "Daan")
    _, token = aws.tokens().create(kometen, "+31612345611", "test")
    return token


def sms(server: LocalServer, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `wijkalert sandbox sms` against the running server."""
    return subprocess.run(
        [WIJKALERT, "sandbox", "sms", "--port", str(server.port), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=wijkalert_environment(),
        check=False,
    )


def error_of(response: requests.Response) -> dict[str, Any]:
    error: dict[str, Any] = response.json()["error"]
    return error


# Who may ask.


def test_no_token_gets_401(server: LocalServer) -> None:
    response = Coordinator(server, None).call("GET", "/members")

    assert response.status_code == 401
    assert response.json() == {"message": "Unauthorized"}


@pytest.mark.parametrize(
    "token",
    [
        "molenwijk.http-tests.verkeerd-geheim",
        "molenwijk.onbekend.geheim-van-de-tests",
        "kometenbuurt.http-tests.geheim-van-de-tests",
        "geen-sleutel",
    ],
)
def test_wrong_token_gets_401(server: LocalServer, token: str) -> None:
    response = Coordinator(server, token).call("GET", "/members")

    assert response.status_code == 401
    assert response.json() == {"message": "Unauthorized"}


def test_revoked_token_gets_401_at_once(server: LocalServer, aws: SandboxAws) -> None:
    molenwijk = aws.neighbourhood(DEMO_NEIGHBOURHOOD[0])
    token, secret = aws.tokens().create(molenwijk, JAN, "laptop")
    laptop = Coordinator(server, secret)
    assert laptop.call("GET", "/members").status_code == 200

    aws.tokens().revoke(molenwijk, token.token_id)

    response = laptop.call("GET", "/members")
    assert response.status_code == 401
    assert response.json() == {"message": "Unauthorized"}
    assert Coordinator(server, TOKEN).call("GET", "/members").status_code == 200


@pytest.mark.parametrize("method", ["TRACE", "PUT"])
def test_a_method_no_route_has_gets_405_not_a_server_error(
    jan: Coordinator, method: str
) -> None:
    response = jan.call(method, "/members")

    assert response.status_code == 405
    assert response.json()["error"]["code"] == "api.method_not_allowed"
    assert response.json()["error"]["message"].startswith(
        f"Dit adres kent {method} niet; gebruik "
    )


# No access across neighbourhoods.


def test_a_token_lists_only_its_own_neighbourhood(
    server: LocalServer, kometenbuurt_token: str
) -> None:
    noor = Coordinator(server, kometenbuurt_token)

    listed = noor.call("GET", "/members").json()["members"]

    assert [m["phone"] for m in listed] == ["+31612345611", "+31612345612"]


@pytest.mark.parametrize(
    ("method", "body"),
    [("GET", None), ("PATCH", {"status": "inactive"}), ("DELETE", None)],
)
def test_another_neighbourhoods_member_cannot_be_seen_or_changed(
    server: LocalServer,
    jan: Coordinator,
    kometenbuurt_token: str,
    method: str,
    body: Any,
) -> None:
    noor = Coordinator(server, kometenbuurt_token)

    response = noor.call(method, f"/members/{JAN}", body=body)

    assert response.status_code == 404
    assert error_of(response) == {
        "code": "member.not_found",
        "field": "phone",
        "message": "+31612345601 staat niet op de lijst van Kometenbuurt.",
    }
    unchanged = jan.call("GET", f"/members/{JAN}").json()
    assert (unchanged["name"], unchanged["status"]) == ("Jan", "active")


def test_this_neighbourhood_cannot_see_the_others_members(
    jan: Coordinator, kometenbuurt_token: str
) -> None:
    response = jan.call("GET", "/members/+31612345611")

    assert response.status_code == 404
    assert error_of(response)["message"] == (
        "+31612345611 staat niet op de lijst van Molenwijk."
    )


def test_a_token_sees_only_its_own_alerts(
    server: LocalServer, jan: Coordinator, kometenbuurt_token: str
) -> None:
    sms(server, "--from", "06-12345602", "Rookwolken", "achter", "de", "Molenstraat")

    molenwijk_alerts = jan.call("GET", "/alerts").json()["alerts"]
    kometen_alerts = Coordinator(server, kometenbuurt_token).call("GET", "/alerts")

    assert "Rookwolken achter de Molenstraat" in [a["body"] for a in molenwijk_alerts]
    assert kometen_alerts.json() == {"alerts": [], "next": None}


# Bad member input: 400, the field, and why.


@pytest.mark.parametrize(
    ("body", "code", "field", "message"),
    [
        (
            {"phone": "12", "name": "Lotte"},
            "phone.impossible",
            "phone",
            "'12' bestaat niet als telefoonnummer; controleer de cijfers.",
        ),
        (
            {"phone": "hallo", "name": "Lotte"},
            "phone.unreadable",
            "phone",
            "'hallo' is geen telefoonnummer.",
        ),
        (
            {"name": "Lotte"},
            "phone.empty",
            "phone",
            "Vul een telefoonnummer in.",
        ),
        (
            {"phone": "+3197010203040", "name": "Lotte"},
            "member.is_long_code",
            "phone",
            "+3197010203040 is het nummer van een buurt zelf en kan geen lid zijn.",
        ),
        (
            {"phone": "06-12345606"},
            "member.name_missing",
            "name",
            "Vul een naam in; die staat voor elke melding van dit lid.",
        ),
        (
            {"phone": "06-12345606", "name": "L" * 31},
            "member.name_too_long",
            "name",
            "De naam mag hoogstens 30 tekens lang zijn.",
        ),
        (
            {"phone": "06-12345606", "name": "Lotte", "street": "S" * 61},
            "member.street_too_long",
            "street",
            "De straat mag hoogstens 60 tekens lang zijn.",
        ),
        (
            {"phone": "06-12345606", "name": "Lotte", "role": "baas"},
            "member.role_unknown",
            "role",
            "Rol 'baas' bestaat niet; kies uit: member, coordinator.",
        ),
        (
            {"phone": "06-12345606", "name": "Lotte", "status": "weg"},
            "member.status_unknown",
            "status",
            "Status 'weg' bestaat niet; kies uit: active, inactive.",
        ),
        (
            {"phone": "06-12345606", "name": "Lotte", "language": "fr"},
            "member.language_unknown",
            "language",
            "Taal 'fr' wordt niet ondersteund; kies uit: nl, en.",
        ),
        (
            {"phone": "06-12345606", "naam": "Lotte"},
            "api.field_unknown",
            "naam",
            "Het veld 'naam' bestaat niet; gebruik: language, name, phone, role, "
            "status, street.",
        ),
        (
            {"phone": 612345606, "name": "Lotte"},
            "api.field_not_text",
            "phone",
            "Het veld 'phone' moet tekst zijn.",
        ),
        (
            [{"phone": "06-12345606", "name": "Lotte"}],
            "api.body_not_object",
            "body",
            "De inhoud van het verzoek moet een JSON-object zijn: velden tussen { "
            "en }, zoals openapi.yaml ze voor elke route beschrijft.",
        ),
        (
            '{"phone": "06-12345606", ',
            "api.body_not_json",
            "body",
            "De inhoud van het verzoek is geen geldige JSON.",
        ),
    ],
)
def test_bad_new_member_gets_400_naming_the_field(
    jan: Coordinator, body: Any, code: str, field: str, message: str
) -> None:
    response = jan.call("POST", "/members", body=body)

    assert response.status_code == 400
    assert error_of(response) == {"code": code, "field": field, "message": message}
    assert jan.call("GET", "/members/06-12345606").status_code == 404


@pytest.mark.parametrize(
    ("body", "code", "field", "message"),
    [
        (
            {"phone": "06-12345606"},
            "api.phone_fixed",
            "phone",
            "Een telefoonnummer kan niet worden gewijzigd; verwijder het lid en "
            "voeg het nieuwe nummer toe.",
        ),
        (
            {"name": ""},
            "member.name_missing",
            "name",
            "Vul een naam in; die staat voor elke melding van dit lid.",
        ),
        (
            {"status": "slapend"},
            "member.status_unknown",
            "status",
            "Status 'slapend' bestaat niet; kies uit: active, inactive.",
        ),
    ],
)
def test_bad_change_gets_400_naming_the_field(
    jan: Coordinator, body: Any, code: str, field: str, message: str
) -> None:
    response = jan.call("PATCH", "/members/06-12345603", body=body)

    assert response.status_code == 400
    assert error_of(response) == {"code": code, "field": field, "message": message}
    assert jan.call("GET", "/members/06-12345603").json()["status"] == "active"


def test_a_member_addressed_by_an_impossible_number_gets_400(
    jan: Coordinator,
) -> None:
    response = jan.call("GET", "/members/06-1234")

    assert response.status_code == 400
    assert error_of(response) == {
        "code": "phone.impossible",
        "field": "phone",
        "message": "'06-1234' bestaat niet als telefoonnummer; controleer de cijfers.",
    }


def test_the_access_log_shows_no_whole_phone_number(
    server: LocalServer, jan: Coordinator
) -> None:
    jan.call("GET", "/members/06-12345621")
    jan.call("POST", "/members/%2B31612345622/approve")
    jan.call("GET", "/members?cursor=%2B31%20(0)6%2012345623")
    jan.call("GET", "/alerts?from=2026-11-28&to=2026-11-30")

    log = server.stderr.read_text(encoding="utf-8")
    assert '"GET /members/***621 HTTP/1.1" 404' in log
    assert '"POST /members/***622/approve HTTP/1.1" 404' in log
    assert '"GET /members?cursor=***623 HTTP/1.1" 200' in log
    assert '"GET /alerts?from=2026-11-28&to=2026-11-30 HTTP/1.1" 200' in log
    assert not {"12345621", "12345622", "12345623"} & set(re.findall(r"\d{8}", log))


def test_bad_input_is_explained_in_english_when_asked(jan: Coordinator) -> None:
    response = jan.call(
        "POST",
        "/members",
        body={"phone": "06-12345606", "name": "Lotte", "role": "baas"},
        headers={"accept-language": "en-GB,en;q=0.9,nl;q=0.8"},
    )

    assert response.status_code == 400
    assert error_of(response) == {
        "code": "member.role_unknown",
        "field": "role",
        "message": "Role 'baas' does not exist; choose from: member, coordinator.",
    }


# Importing a paper list as a spreadsheet saved it.

MESSY_CSV = (
    "\ufeffphone;name;street;role\r\n"
    "06-12345601;Jan;Kastanjelaan 12;coordinator\r\n"
    "0031612345602;Fatima;Kastanjelaan 14;\r\n"
    "\r\n"
    "+31 (0)6 12345621;Lotte;Dorpstraat 1;lid\r\n"
    "0031612345622;Bram;;\r\n"
    "\r\n"
    "+31 (0)6 12345601;Jan;Kastanjelaan 12;coördinator\r\n"
    "06-12345603;Ahmed;Kometensingel 7;\r\n"
    "12;Niemand;;\r\n"
    "+31 6 1234;Half;;\r\n"
    "06-123456010;Te lang;;\r\n"
    "jan@example.org;Jan;;\r\n"
    "06-12345623;;;\r\n"
    "06-12345624;Rik;;baas\r\n"
)


def test_messy_csv_import_reports_the_outcome_of_every_row(jan: Coordinator) -> None:
    response = jan.call("POST", "/members/import", csv=MESSY_CSV)

    assert response.status_code == 200
    assert response.json() == {
        "rows": [
            {"line": 2, "phone": "+31612345601", "outcome": "unchanged"},
            {"line": 3, "phone": "+31612345602", "outcome": "unchanged"},
            {"line": 5, "phone": "+31612345621", "outcome": "added"},
            {"line": 6, "phone": "+31612345622", "outcome": "added"},
            {
                "line": 8,
                "phone": "+31 (0)6 12345601",
                "outcome": "refused",
                "field": "phone",
                "reason": "Dit nummer staat al op regel 2 van de lijst; laat één "
                "van de twee regels weg.",
            },
            {"line": 9, "phone": "+31612345603", "outcome": "updated"},
            {
                "line": 10,
                "phone": "12",
                "outcome": "refused",
                "field": "phone",
                "reason": "'12' bestaat niet als telefoonnummer; controleer de "
                "cijfers.",
            },
            {
                "line": 11,
                "phone": "+31 6 1234",
                "outcome": "refused",
                "field": "phone",
                "reason": "'+31 6 1234' bestaat niet als telefoonnummer; controleer "
                "de cijfers.",
            },
            {
                "line": 12,
                "phone": "06-123456010",
                "outcome": "refused",
                "field": "phone",
                "reason": "'06-123456010' bestaat niet als telefoonnummer; "
                "controleer de cijfers.",
            },
            {
                "line": 13,
                "phone": "jan@example.org",
                "outcome": "refused",
                "field": "phone",
                "reason": "'jan@example.org' is geen telefoonnummer.",
            },
            {
                "line": 14,
                "phone": "06-12345623",
                "outcome": "refused",
                "field": "name",
                "reason": "Vul een naam in; die staat voor elke melding van dit lid.",
            },
            {
                "line": 15,
                "phone": "06-12345624",
                "outcome": "refused",
                "field": "role",
                "reason": "Rol 'baas' bestaat niet; kies uit: member, coordinator.",
            },
        ],
        "counts": {"added": 2, "updated": 1, "unchanged": 2, "refused": 7},
    }
    lotte = jan.call("GET", "/members/+31612345621").json()
    assert (lotte["name"], lotte["street"], lotte["role"]) == (
        "Lotte",
        "Dorpstraat 1",
        "member",
    )
    assert jan.call("GET", "/members/+31612345603").json()["street"] == (
        "Kometensingel 7"
    )
    assert jan.call("GET", "/members/+31612345623").status_code == 404


# `wijkalert sandbox sms`: a text into the running sandbox.


def test_a_text_from_a_member_reaches_every_active_member(
    server: LocalServer, jan: Coordinator
) -> None:
    active = jan.call("GET", "/members?status=active").json()["members"]

    sent = sms(server, "--json", "--from", "06-12345601", "Inbraak", "bij", "nr", "12")

    lines = [json.loads(line) for line in sent.stdout.splitlines()]
    assert sent.returncode == 0, sent.stderr
    assert [line["to"] for line in lines] == [m["phone"] for m in active]
    assert {line["body"] for line in lines} == {"[Molenwijk] Jan: Inbraak bij nr 12"}
    assert (
        jan.call("GET", "/alerts?limit=1").json()["alerts"][0]["id"]
        == (lines[0]["event"])
    )


def test_a_text_is_shown_as_who_receives_what(server: LocalServer) -> None:
    sent = sms(server, "--from", "+31612345604", "Hond loopt los")

    lines = sent.stdout.splitlines()
    assert sent.returncode == 0, sent.stderr
    assert lines[0] == "Jan (+31612345601) krijgt: [Molenwijk] Sanne: Hond loopt los"
    assert all(" krijgt: [Molenwijk] Sanne: " in line for line in lines)


def test_a_text_from_a_stranger_is_broadcast_to_nobody(
    server: LocalServer,
) -> None:
    first = sms(server, "--from", "06-12345698", "Hallo?")
    again = sms(server, "--from", "06-12345698", "Hallo??")

    # Only the stranger, once a month, hears how to join; their number is
    # masked, as `make demo` masks it.
    assert first.returncode == again.returncode == 0
    assert first.stdout.splitlines() == [
        "onbekende (***698) krijgt: [Molenwijk] Dit is het sms-alarm van de buurt. "
        "Meedoen? Stuur AANMELDEN, je naam en je straat."
    ]
    assert "12345698" not in first.stdout + first.stderr
    assert again.stdout == ""
    assert "Niemand krijgt iets" in again.stderr


def test_a_landline_asking_to_join_is_told_nothing_and_the_story_says_why(
    server: LocalServer,
) -> None:
    asked = sms(server, "--from", "020-1234599", "AANMELDEN Piet, Dorpstraat 1")

    assert asked.returncode == 0
    assert asked.stdout == ""
    assert asked.stderr == (
        "***599 wil meedoen, maar dat nummer kan niet op de lijst, bijvoorbeeld "
        "omdat het een vast nummer is dat geen sms kan ontvangen. Niemand krijgt "
        "iets.\n"
    )


def test_a_second_klaar_that_is_not_answered_prints_only_the_story(
    server: LocalServer,
) -> None:
    # Mehmet closes nothing of his own (whether another alert is open depends
    # on the tests before). The first KLAAR is answered; the second, within
    # the hour, is not, and then the function records no metric at all.
    sms(server, "--from", "06-12345605", "KLAAR")
    again = sms(server, "--from", "06-12345605", "KLAAR")

    assert again.returncode == 0
    assert again.stdout == ""
    assert again.stderr in (
        "Mehmet wil afronden, maar er is geen open melding.\n",
        "Mehmet mag deze melding niet afronden: dat kan alleen wie hem stuurde of "
        "een coördinator. Een uitleg krijgt hij hoogstens eens per uur.\n",
    )


def test_sms_without_a_running_sandbox_says_so(tmp_path: Path) -> None:
    port = free_port_pair()

    sent = subprocess.run(
        [WIJKALERT, "sandbox", "sms", "--port", str(port), "--from", "0612345601"]
        + ["Hallo"],
        capture_output=True,
        text=True,
        timeout=60,
        env=wijkalert_environment(),
        check=False,
    )

    assert sent.returncode == 1
    assert sent.stderr.strip() == (
        f"Er draait geen sandbox op poort {port}; start er een met "
        f"'wijkalert sandbox serve --port {port}'."
    )


# `wijkalert neighbourhoods open` against the sandbox's AWS, as an operator
# would against a local stand-in: the command it prints next works as printed.


def test_the_printed_token_command_keeps_the_endpoint_and_works(
    server: LocalServer, aws: SandboxAws
) -> None:
    environment = {
        **wijkalert_environment(),
        "AWS_ACCESS_KEY_ID": "sandbox",
        "AWS_SECRET_ACCESS_KEY": "sandbox",
        "AWS_DEFAULT_REGION": REGION,
    }
    environment.pop("AWS_ENDPOINT_URL", None)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [WIJKALERT, *args],
            capture_output=True,
            text=True,
            timeout=60,
            env=environment,
            check=False,
        )

    opened = run(
        "--lang",
        "en",
        "neighbourhoods",
        "open",
        "zonnewijk",
        "--name",
        "Zonnewijk",
        "--long-code",
        "+3197010203042",
        "--coordinator",
        "06-12345621",
        "--coordinator-name",
        "Lotte",
        "--aws-endpoint",
        server.aws_endpoint,
    )
    lead, _, printed = opened.stdout.splitlines()[-1].partition("(step 7): ")

    assert opened.returncode == 0, opened.stderr
    assert lead == "Then make an access token for the coordinator "
    assert printed == (
        "wijkalert --lang en tokens create --neighbourhood zonnewijk --coordinator "
        f"+31612345621 --stage dev --aws-endpoint {server.aws_endpoint}"
    )
    created = run(*shlex.split(printed)[1:])
    assert created.returncode == 0, created.stderr
    assert created.stderr.startswith("Access token ")
    assert created.stdout.startswith("zonnewijk.")
    listed = aws.tokens().tokens(aws.neighbourhood("zonnewijk"))
    assert [token.coordinator for token in listed] == ["+31612345621"]
