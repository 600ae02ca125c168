"""Shared fixtures: a fresh sandbox (moto) per test and the real event files."""

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from chalice.test import Client

import app
from chalicelib.neighbourhoods import Neighbourhood
from chalicelib.tokens import CoordinatorTokens
from wijkalert.sandbox import (
    DEMO_NEIGHBOURHOOD,
    DEMO_ROSTER,
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
