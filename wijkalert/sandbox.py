"""The sandbox: the whole alert pipeline on an embedded moto backend.

A coordinator sees wijkalert work here before deploying anything: no AWS
account, no network. The sandbox creates the tables and topics the deployment
has, puts a neighbourhood and its roster in them, and runs the real Lambda
handler (`app.on_inbound_sms`, the same object Lambda calls) on SNS events.

moto accepts a publish to a topic with SMS subscriptions but records no SMS
deliveries for it; it only records SMS published straight to a phone number.
`SmsLedger` therefore works the deliveries out the way SNS makes them: when a
publish to a topic succeeds, every number subscribed to that topic with
protocol `sms` at that moment receives the message.

A sandbox normally lives inside one process, on moto's in-process mock. In
server mode (`Sandbox.serving`) moto runs as a local HTTP server instead, so
the state outlives one command: `wijkalert sandbox serve` answers the admin
API over it (`AdminServer`), and `wijkalert sandbox sms` joins it from another
process (`Sandbox.joining`) to run the handler on a text.
"""

import contextlib
import io
import json
import logging
import os
import socket
import sys
import threading
import uuid
import warnings
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, HTTPServer
from types import TracebackType
from typing import TYPE_CHECKING, Any, Final, Protocol, TextIO
from urllib.parse import unquote

import boto3
from botocore.config import Config as BotocoreConfig
from botocore.exceptions import BotoCoreError, ClientError
from chalice.app import Chalice
from chalice.config import Config as ChaliceConfig
from chalice.local import (
    ChaliceRequestHandler,
    LambdaContext,
    LocalChalice,
    LocalDevServer,
    LocalGateway,
    LocalGatewayAuthorizer,
    LocalGatewayException,
    NotAuthorizedError,
)
from moto import mock_aws

from chalicelib import config, phones, sms
from chalicelib.errors import WijkalertError
from chalicelib.members import ImportOutcome, ImportRow, Roster
from chalicelib.neighbourhoods import (
    LONG_CODE_INDEX,
    Neighbourhood,
    NeighbourhoodDirectory,
)
from chalicelib.observability import logger

if TYPE_CHECKING:
    from mypy_boto3_sns.client import SNSClient

# Powertools warns when an invocation recorded no metric, as a reply held back
# within the hour does. In Lambda the warning goes to the log; here it would
# print a library path in the middle of the story.
warnings.filterwarnings(
    "ignore", message="No application metrics to publish", category=UserWarning
)

REGION: Final = "eu-west-1"
ENVIRONMENT: Final = {
    # Fake credentials: moto needs some, and real ones must never be used here.
    "AWS_ACCESS_KEY_ID": "sandbox",
    "AWS_SECRET_ACCESS_KEY": "sandbox",
    "AWS_SESSION_TOKEN": "sandbox",
    "AWS_DEFAULT_REGION": REGION,
    "AWS_REGION": REGION,
    # The dev stage's names (.chalice/config.json), so `chalice.test.Client`,
    # which sets that stage's environment, finds the sandbox's tables.
    config.ROSTER_TABLE: "wijkalert-dev-roster",
    config.ALERTS_TABLE: "wijkalert-dev-alerts",
    config.IDEMPOTENCY_TABLE: "wijkalert-dev-idempotency",
    "POWERTOOLS_SERVICE_NAME": "wijkalert",
    # Without these, boto3 reads ~/.aws/config and ~/.aws/credentials, where a
    # developer's endpoint_url or profile would send the sandbox to real AWS.
    "AWS_CONFIG_FILE": os.devnull,
    "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
}
# Settings a developer's shell may have that would point boto3 elsewhere.
HIDDEN: Final = ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ENDPOINT_URL")


def _hidden_names() -> list[str]:
    """HIDDEN, and the per-service endpoints (AWS_ENDPOINT_URL_DYNAMODB, ...)."""
    per_service = [name for name in os.environ if name.startswith("AWS_ENDPOINT_URL_")]
    return [*HIDDEN, *per_service]


# Server mode listens on this machine only: the sandbox has no password.
HOST: Final = "127.0.0.1"
API_PORT: Final = 8000
# moto's server listens next to the admin API, so one --port names both.
AWS_PORT_OFFSET: Final = 1


DEMO_NEIGHBOURHOOD: Final = ("molenwijk", "Molenwijk", "+3197010203040")
DEMO_ROSTER: Final = (
    ImportRow(2, "+31612345601", "Jan", "Kastanjelaan 12", "coordinator"),
    ImportRow(3, "+31612345602", "Fatima", "Kastanjelaan 14"),
    ImportRow(4, "+31612345603", "Ahmed", "Kometensingel 3"),
    ImportRow(5, "+31612345604", "Sanne", "Kometensingel 5"),
    ImportRow(6, "+31612345605", "Mehmet", "Molenstraat 8"),
)


@dataclass(frozen=True)
class Delivery:
    """One SMS as a phone would receive it."""

    to: str
    body: str
    parts: int


@dataclass
class Replayed:
    """What one event did: the handler's outcome and every SMS it caused."""

    event: str
    outcome: dict[str, Any]
    deliveries: list[Delivery] = field(default_factory=list)


class SmsLedger:
    """Works out which phones an SNS publish reaches, since moto does not say.

    Hooked into botocore's event system: `provide-client-params` keeps the
    publish's parameters, `after-call` turns a successful publish into
    deliveries. A direct publish to a phone number reaches that number; a
    publish to a topic reaches its SMS subscriptions as they are at that moment.
    """

    def __init__(self, lookup: "SNSClient") -> None:
        self._lookup = lookup
        self.deliveries: list[Delivery] = []

    def attach(self, events: Any) -> None:
        events.register("provide-client-params.sns.Publish", self._remember)
        events.register("after-call.sns.Publish", self._deliver)

    def take(self) -> list[Delivery]:
        """The deliveries since the last call, in the order they were made."""
        taken, self.deliveries = self.deliveries, []
        return taken

    def _remember(
        self, params: dict[str, Any], context: dict[str, Any], **_: Any
    ) -> None:
        context["wijkalert_publish"] = dict(params)

    def _deliver(self, http_response: Any, context: dict[str, Any], **_: Any) -> None:
        params = context.get("wijkalert_publish")
        if not params or http_response.status_code != 200:
            return
        message = str(params["Message"])
        for number in self._recipients(params):
            self.deliveries.append(Delivery(number, message, sms.count_parts(message)))

    def _recipients(self, params: Mapping[str, Any]) -> list[str]:
        if params.get("PhoneNumber"):
            return [str(params["PhoneNumber"])]
        numbers: set[str] = set()
        pages = self._lookup.get_paginator("list_subscriptions_by_topic")
        for page in pages.paginate(TopicArn=str(params["TopicArn"])):
            numbers.update(
                s["Endpoint"] for s in page["Subscriptions"] if s["Protocol"] == "sms"
            )
        return sorted(numbers)


class ApiGatewayAuthorizer(LocalGatewayAuthorizer):
    """chalice's local authorizer, answering failures the way API Gateway does.

    In AWS a token authorizer that fails with the message "Unauthorized" makes
    API Gateway answer 401; chalice's local gateway lets the exception escape
    and the connection drops. This models API Gateway's answer, so the sandbox
    and the tests see what a coordinator's client would see in AWS.
    """

    def authorize(self, raw_path: str, lambda_event: Any, lambda_context: Any) -> Any:
        try:
            return super().authorize(raw_path, lambda_event, lambda_context)
        except LocalGatewayException:
            raise
        except Exception as error:
            if str(error) != "Unauthorized":
                raise
            raise NotAuthorizedError(
                {"x-amzn-ErrorType": "UnauthorizedException"},
                b'{"message":"Unauthorized"}',
            ) from None


def api_gateway(app_object: Any, config: Any) -> LocalGateway:
    """chalice's local API Gateway with the authorizer answers of the real one."""
    gateway = LocalGateway(app_object, config)
    gateway._authorizer = ApiGatewayAuthorizer(app_object)
    return gateway


class ApiGatewayRequestHandler(ChaliceRequestHandler):
    """chalice's local HTTP handler in front of `api_gateway`, so a refused
    token is answered 401 rather than with a dropped connection."""

    def __init__(
        self,
        request: Any,
        client_address: Any,
        server: HTTPServer,
        app_object: Chalice,
        config: ChaliceConfig,
    ) -> None:
        # The base class answers the request inside __init__, so the gateway
        # must be in place before it runs.
        self.local_gateway = api_gateway(app_object, config)
        BaseHTTPRequestHandler.__init__(self, request, client_address, server)

    def log_message(self, format: str, *args: Any) -> None:
        # The access log on stderr shows each request's URL, and
        # /members/{phone} carries a number: masked, as the app's own log does.
        # Unquoted first, or %2B31... would hide the number from the mask.
        line = phones.mask_numbers_in(unquote(format % args))
        super().log_message("%s", line)

    def __getattr__(self, name: str) -> Any:
        # http.server answers a method without a `do_` handler (TRACE, say)
        # with 501, a server error; through the gateway it gets the 405 of
        # any other method a route lacks, or the 403 of an unknown path.
        if name.startswith("do_"):
            return self._generic_handle
        raise AttributeError(name)


class SandboxError(WijkalertError):
    """The sandbox cannot start or cannot be reached; the sentence says why."""


class _Backend(Protocol):
    """Where the sandbox's AWS lives: in this process or behind a local URL."""

    @property
    def endpoint(self) -> str | None: ...

    @property
    def fresh(self) -> bool:
        """True when the sandbox must create its tables and topics."""
        ...

    def start(self) -> None: ...

    def stop(self) -> None: ...


class _InProcess:
    """moto's mock inside this process: gone when the process is."""

    endpoint = None
    fresh = True

    def __init__(self) -> None:
        self._mock = mock_aws()

    def start(self) -> None:
        self._mock.start()

    def stop(self) -> None:
        self._mock.stop()


class _MotoServer:
    """moto as a local HTTP server in a thread of this process."""

    fresh = True

    def __init__(self, port: int) -> None:
        self.port = port
        self.endpoint = f"http://{HOST}:{port}"

    def start(self) -> None:
        from moto.server import ThreadedMotoServer

        # ThreadedMotoServer waits forever for a server that could not bind.
        _require_free(self.port)
        # werkzeug would log every AWS call the app makes to the terminal.
        logging.getLogger("werkzeug").setLevel(logging.WARNING)
        self._server = ThreadedMotoServer(HOST, self.port, verbose=False)
        self._server.start()

    def stop(self) -> None:
        self._server.stop()


class _RunningMotoServer:
    """The moto server of a sandbox that another process serves."""

    fresh = False

    def __init__(self, api_port: int) -> None:
        self.api_port = api_port
        self.endpoint = f"http://{HOST}:{api_port + AWS_PORT_OFFSET}"

    def start(self) -> None:
        # A sandbox has its tables from the moment it serves; asking for one
        # tells a running sandbox from nothing, or from another program.
        dynamodb = boto3.client(
            "dynamodb",
            endpoint_url=self.endpoint,
            config=BotocoreConfig(
                connect_timeout=2, read_timeout=5, retries={"max_attempts": 1}
            ),
        )
        try:
            dynamodb.describe_table(TableName=ENVIRONMENT[config.ROSTER_TABLE])
        except (BotoCoreError, ClientError):
            raise SandboxError("sms.no_sandbox", port=self.api_port) from None

    def stop(self) -> None:
        pass


def _require_free(port: int) -> None:
    with socket.socket() as probe:
        # As HTTPServer binds: a port left in TIME_WAIT by the last run is free.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, port))
        except OSError:
            raise SandboxError("serve.port_taken", port=port) from None


class Sandbox:
    """wijkalert on moto, for as long as the `with` block runs."""

    def __init__(
        self,
        log_stream: TextIO | None = None,
        *,
        record_sms: bool = True,
        backend: _Backend | None = None,
    ) -> None:
        self.logs: TextIO = log_stream or io.StringIO()
        self._record_sms = record_sms
        self._saved_environ: dict[str, str | None] = {}
        self._backend: _Backend = backend or _InProcess()
        self.ledger: SmsLedger

    @classmethod
    def serving(cls, api_port: int, log_stream: TextIO | None = None) -> "Sandbox":
        """A sandbox whose AWS is a moto server on the port after `api_port`,
        reachable from other processes while the `with` block runs."""
        _require_free(api_port)
        return cls(log_stream, backend=_MotoServer(api_port + AWS_PORT_OFFSET))

    @classmethod
    def joining(cls, api_port: int, log_stream: TextIO | None = None) -> "Sandbox":
        """The sandbox served for `api_port` by another process: its tables and
        topics, with the handler running in this one."""
        return cls(log_stream, backend=_RunningMotoServer(api_port))

    @property
    def endpoint(self) -> str | None:
        """The URL of the sandbox's AWS, when it is a server."""
        return self._backend.endpoint

    def __enter__(self) -> "Sandbox":
        for name in (*ENVIRONMENT, *_hidden_names()):
            self._saved_environ[name] = os.environ.pop(name, None)
        os.environ.update(ENVIRONMENT)
        try:
            self._backend.start()
        except BaseException:
            self._restore_environ()
            raise
        if self._backend.endpoint:
            # boto3 sends every client it builds, the app's included, there.
            os.environ["AWS_ENDPOINT_URL"] = self._backend.endpoint

        # The app builds its clients from boto3's default session; hooks on
        # that session are copied into every client it creates afterwards.
        session = boto3.session.Session(region_name=REGION)
        boto3.DEFAULT_SESSION = session
        self.ledger = SmsLedger(boto3.session.Session().client("sns", REGION))
        if self._record_sms:
            self.ledger.attach(session.events)
        self._forget_app_clients()

        if self._backend.fresh:
            provision(boto3.resource("dynamodb"), boto3.client("sns"))
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._forget_app_clients()
        self._backend.stop()
        boto3.DEFAULT_SESSION = None
        self._restore_environ()

    def _restore_environ(self) -> None:
        for name, value in self._saved_environ.items():
            os.environ.pop(name, None)
            if value is not None:
                os.environ[name] = value

    def directory(self) -> NeighbourhoodDirectory:
        return NeighbourhoodDirectory(self.roster_table(), boto3.client("sns"))

    def open_neighbourhood(
        self, neighbourhood_id: str, name: str, long_code: str, language: str = "nl"
    ) -> Neighbourhood:
        return self.directory().open(neighbourhood_id, name, long_code, language)

    def roster(self, neighbourhood: Neighbourhood) -> Roster:
        return Roster(self.roster_table(), boto3.client("sns"), neighbourhood)

    def enrol(
        self, neighbourhood: Neighbourhood, rows: Iterable[ImportRow]
    ) -> list[ImportOutcome]:
        """Put each row on the roster on its own; return the rows refused."""
        outcomes = self.roster(neighbourhood).import_rows(rows)
        return [outcome for outcome in outcomes if outcome.outcome == "refused"]

    def opt_out(self, phone: str) -> None:
        """Model a phone that replied STOP to AWS itself.

        SNS has no API for this and moto keeps its own list, so the number is
        added to moto's list directly. moto's CheckIfPhoneNumberIsOptedOut
        ignores that list and answers yes for every number ending in 99; use
        such a number to have both agree.
        """
        from moto.core.models import DEFAULT_ACCOUNT_ID
        from moto.sns.models import sns_backends

        sns_backends[DEFAULT_ACCOUNT_ID][REGION].opt_out_numbers.append(phone)

    def replay(self, event: dict[str, Any], name: str) -> Replayed:
        """Run the Lambda handler on one SNS event, as Lambda would."""
        import app

        context = LambdaContext(
            "on_inbound_sms", memory_size=256, max_runtime_ms=30_000
        )
        self.ledger.take()
        with self.function_output():
            outcome = app.on_inbound_sms(event, context)
        return Replayed(name, dict(outcome or {}), self.ledger.take())

    @contextlib.contextmanager
    def function_output(self) -> Iterator[None]:
        """Send what the function prints (log lines, metrics) to the log stream.

        powertools writes both to stdout, where the sandbox prints deliveries.
        """
        handler = logger.logger_handler
        previous = handler.setStream(self.logs)  # type: ignore[attr-defined]
        try:
            with contextlib.redirect_stdout(self.logs):
                yield
        finally:
            handler.setStream(previous)  # type: ignore[attr-defined]

    def log_lines(self) -> list[dict[str, Any]]:
        """Every JSON line the function wrote so far (when no stream was given)."""
        assert isinstance(self.logs, io.StringIO)
        return [json.loads(line) for line in self.logs.getvalue().splitlines()]

    def roster_table(self) -> Any:
        return boto3.resource("dynamodb").Table(ENVIRONMENT[config.ROSTER_TABLE])

    @staticmethod
    def _forget_app_clients() -> None:
        # The app keeps its desk and office (and the clients in them) for the
        # life of a Lambda container; each sandbox is a new container.
        if "app" in sys.modules:
            for built in vars(sys.modules["app"]).values():
                if callable(getattr(built, "cache_clear", None)):
                    built.cache_clear()


class AdminServer:
    """The admin API over HTTP on this machine, answered as API Gateway would.

    chalice's local dev server runs the app's routes; each connection gets a
    thread of its own, so a client that keeps its connection open blocks no
    other. Runs in a background thread while the `with` block runs.
    """

    def __init__(self, port: int = API_PORT) -> None:
        import app

        # chalice keeps the request being answered on the app object; its
        # LocalChalice keeps one per thread, as `chalice local` does.
        if type(app.app) is Chalice:
            app.app.__class__ = LocalChalice
        # Built now, in one thread, rather than by the first requests at once.
        app.office()

        settings = ChaliceConfig.create(
            chalice_stage="dev",
            app_name=app.app.app_name,
            lambda_timeout=30,
            lambda_memory_size=256,
        )
        self.url = f"http://{HOST}:{port}"
        try:
            self._server = LocalDevServer(
                app.app, settings, HOST, port, handler_cls=ApiGatewayRequestHandler
            )
        except OSError:
            raise SandboxError("serve.port_taken", port=port) from None
        self._thread = threading.Thread(
            target=self._server.server.serve_forever, daemon=True
        )

    def __enter__(self) -> "AdminServer":
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._server.shutdown()
        self._thread.join()
        self._server.server.server_close()


def inbound_sms(
    sender: str, long_code: str, body: str, *, now: datetime | None = None
) -> dict[str, Any]:
    """An SNS event as AWS two-way SMS delivers a text: fresh ids, sent now.

    Shaped like the files in tests/events; the `Message` is the JSON payload
    AWS publishes to the inbound topic.
    """
    moment = (now or datetime.now(UTC)).isoformat(timespec="milliseconds")
    topic = f"arn:aws:sns:{REGION}:123456789012:{config.INBOUND_TOPIC}"
    payload = {
        "originationNumber": sender,
        "destinationNumber": long_code,
        "messageKeyword": "",
        "messageBody": body,
        "inboundMessageId": str(uuid.uuid4()),
    }
    return {
        "Records": [
            {
                "EventSource": "aws:sns",
                "EventVersion": "1.0",
                "EventSubscriptionArn": f"{topic}:{uuid.uuid4()}",
                "Sns": {
                    "Type": "Notification",
                    "MessageId": str(uuid.uuid4()),
                    "TopicArn": topic,
                    "Subject": None,
                    "Message": json.dumps(payload, ensure_ascii=False),
                    "Timestamp": moment.replace("+00:00", "Z"),
                    "SignatureVersion": "1",
                    "MessageAttributes": {},
                },
            }
        ]
    }


def provision(dynamodb: Any, sns: "SNSClient") -> None:
    """Create the tables and the inbound topic a deployment has."""
    on_demand = {"BillingMode": "PAY_PER_REQUEST"}
    dynamodb.create_table(
        TableName=ENVIRONMENT[config.ROSTER_TABLE],
        KeySchema=[
            {"AttributeName": "pk", "KeyType": "HASH"},
            {"AttributeName": "sk", "KeyType": "RANGE"},
        ],
        AttributeDefinitions=[
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "S"},
            {"AttributeName": "long_code", "AttributeType": "S"},
        ],
        GlobalSecondaryIndexes=[
            {
                "IndexName": LONG_CODE_INDEX,
                "KeySchema": [{"AttributeName": "long_code", "KeyType": "HASH"}],
                "Projection": {"ProjectionType": "ALL"},
            }
        ],
        **on_demand,
    )
    dynamodb.create_table(
        TableName=ENVIRONMENT[config.ALERTS_TABLE],
        KeySchema=[
            {"AttributeName": "neighbourhood_id", "KeyType": "HASH"},
            {"AttributeName": "sk", "KeyType": "RANGE"},
        ],
        AttributeDefinitions=[
            {"AttributeName": "neighbourhood_id", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "S"},
        ],
        **on_demand,
    )
    dynamodb.create_table(
        TableName=ENVIRONMENT[config.IDEMPOTENCY_TABLE],
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        **on_demand,
    )
    sns.create_topic(Name=config.INBOUND_TOPIC)
