"""Shared fixtures: a fresh sandbox (moto) per test and the real event files.

`local_server` starts `wijkalert sandbox serve` as a separate process, for the
tests that talk HTTP to it as a coordinator's client would.
"""

import contextlib
import copy
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests
from chalice.test import Client

import app
from chalicelib.neighbourhoods import Neighbourhood
from chalicelib.tokens import CoordinatorTokens
from wijkalert.sandbox import (
    AWS_PORT_OFFSET,
    DEMO_NEIGHBOURHOOD,
    DEMO_ROSTER,
    HIDDEN,
    HOST,
    Delivery,
    Sandbox,
    api_gateway,
)

# Records the AWS calls the functions make, for the IAM policy test.
pytest_plugins = ["tests.function_calls"]

EVENTS = Path(__file__).parent / "events"
MOLENWIJK_PHONES = [row.phone for row in DEMO_ROSTER]


def load_event(name: str) -> dict[str, Any]:
    """A real-format SNS event from tests/events, as Lambda receives it."""
    event: dict[str, Any] = json.loads((EVENTS / name).read_text(encoding="utf-8"))
    return event


def with_message(name: str, **changes: Any) -> dict[str, Any]:
    """The event `name` with fields of its two-way SMS payload changed.

    A change to None removes the field.
    """
    event = copy.deepcopy(load_event(name))
    notification = event["Records"][0]["Sns"]
    payload = json.loads(notification["Message"])
    for key, value in changes.items():
        if value is None:
            payload.pop(key, None)
        else:
            payload[key] = value
    notification["Message"] = json.dumps(payload)
    return event


@pytest.fixture(autouse=True)
def isolated_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees the developer's AWS settings or language."""
    for name in ("AWS_PROFILE", "AWS_ENDPOINT_URL", "WIJKALERT_LANG"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    with Sandbox() as box:
        yield box


@pytest.fixture
def molenwijk(sandbox: Sandbox) -> Neighbourhood:
    """The demo neighbourhood with its five members, all active."""
    neighbourhood = sandbox.open_neighbourhood(*DEMO_NEIGHBOURHOOD)
    refused = sandbox.enrol(neighbourhood, DEMO_ROSTER)
    assert refused == []
    return neighbourhood


@pytest.fixture
def lambda_client(sandbox: Sandbox) -> Iterator[Client]:
    with Client(app.app, stage_name="dev") as client:
        yield client


class Api:
    """The admin API through chalice's local gateway, as a coordinator's client."""

    def __init__(self, client: Client, token: str) -> None:
        self._http = client.http
        # chalice's local gateway with API Gateway's answer to a failed
        # authorizer (401), see `wijkalert.sandbox.ApiGatewayAuthorizer`.
        self._http._local_gateway = api_gateway(app.app, self._http._config)
        self.token = token

    def call(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        token: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> Any:
        sent = {"content-type": "application/json", **(headers or {})}
        bearer = self.token if token is None else token
        if bearer:
            sent["authorization"] = f"Bearer {bearer}"
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
        elif isinstance(body, str):
            body = body.encode()
        return self._http.request(method, path, headers=sent, body=body or b"")


@pytest.fixture
def molenwijk_token(sandbox: Sandbox, molenwijk: Neighbourhood) -> str:
    _, secret = CoordinatorTokens(sandbox.roster_table()).create(
        molenwijk, "+31612345601", "test"
    )
    return secret


@pytest.fixture
def api(lambda_client: Client, molenwijk_token: str) -> Api:
    return Api(lambda_client, molenwijk_token)


class Phones:
    """Invokes the inbound handler and reports who got which SMS."""

    def __init__(self, client: Client, sandbox: Sandbox) -> None:
        self._client = client
        self._sandbox = sandbox
        self.outcome: dict[str, Any] = {}

    def deliver(self, event: dict[str, Any]) -> list[Delivery]:
        self._sandbox.ledger.take()
        with self._sandbox.function_output():
            reply = self._client.lambda_.invoke("on_inbound_sms", event)
        self.outcome = reply.payload
        return self._sandbox.ledger.take()


@pytest.fixture
def phones(lambda_client: Client, sandbox: Sandbox) -> Phones:
    return Phones(lambda_client, sandbox)


# The local server, as a process of its own.

WIJKALERT = Path(sys.executable).with_name("wijkalert")
SERVER_START_SECONDS = 60.0


@dataclass(frozen=True)
class LocalServer:
    """A running `wijkalert sandbox serve`: where it answers, and its token."""

    port: int
    token: str
    stderr: Path

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def aws_endpoint(self) -> str:
        return f"http://{HOST}:{self.port + AWS_PORT_OFFSET}"


def wijkalert_environment() -> dict[str, str]:
    """This environment without what would steer wijkalert elsewhere."""
    hidden = {*HIDDEN, "WIJKALERT_LANG"}
    return {k: v for k, v in os.environ.items() if k not in hidden}


def free_port_pair() -> int:
    """A port that is free, with the one after it free too (for moto)."""
    for _ in range(100):
        with socket.socket() as probe:
            probe.bind((HOST, 0))
            port = int(probe.getsockname()[1])
        with socket.socket() as probe:
            try:
                probe.bind((HOST, port + AWS_PORT_OFFSET))
            except OSError:
                continue
        return port
    raise RuntimeError("no two free ports next to each other")


@contextlib.contextmanager
def local_server(token: str, logs: Path) -> Iterator[LocalServer]:
    """`wijkalert sandbox serve` on free ports, stopped however the tests end.

    Its output goes to files, not pipes: nobody reads a pipe while the tests
    run, and a full one would stall the server mid-request.
    """
    server = LocalServer(free_port_pair(), token, logs / "serve.stderr")
    with (
        (logs / "serve.stdout").open("wb") as stdout,
        server.stderr.open("wb") as stderr,
    ):
        process = subprocess.Popen(
            [WIJKALERT, "sandbox", "serve", "--port", str(server.port)]
            + ["--token", token],
            stdout=stdout,
            stderr=stderr,
            env=wijkalert_environment(),
        )
        try:
            _wait_until_answering(server, process)
            yield server
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_until_answering(
    server: LocalServer, process: subprocess.Popen[bytes]
) -> None:
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline and process.poll() is None:
        try:
            answer = requests.get(
                f"{server.url}/members",
                headers={"authorization": f"Bearer {server.token}"},
                timeout=2,
            )
            if answer.status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.1)
    process.kill()
    process.wait()
    pytest.fail(
        "wijkalert sandbox serve did not answer; it said:\n"
        + server.stderr.read_text(errors="replace")
    )
