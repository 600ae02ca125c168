"""The AWS calls the deployed functions make, recorded while the test suite runs.

Each function's IAM policy (`.chalice/policy-<stage>-<function>.json`) must
grant exactly its calls, no more: `test_policy` compares the two at the end of
the run.

Each sandbox gets a botocore hook on the default boto3 session, which the app
builds its clients from. A call counts as a function's when one of the entry
points in `app.py` Chalice deploys as that function is on the stack: only
Lambda runs that code, with that function's role. Calls the tests, the sandbox
or the operator command make themselves run with someone else's credentials in
AWS, and are left out.
"""

import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import CodeType, FrameType
from typing import Any

import boto3
import pytest
from moto.core import DEFAULT_ACCOUNT_ID

import app
from wijkalert import sandbox

SUITE = "whole_suite"
# The Lambda function Chalice builds from all the routes; its name in
# `.chalice/config.json`'s `lambda_functions`.
API_HANDLER = "api_handler"
# A call from app.py outside every entry point, which no role would cover.
UNKNOWN = "(no function)"


@dataclass(frozen=True)
class Call:
    """One API call as IAM sees it: who made it, the action and its resource."""

    function: str
    action: str
    resource: str


@dataclass
class FunctionCalls:
    calls: set[Call] = field(default_factory=set)
    # Whether every test module ran, with nothing deselected: only then can a
    # grant nobody used be called unused.
    whole_suite: bool = True

    def record(self, model: Any, params: dict[str, Any], **_: Any) -> None:
        function = _calling_function()
        if function is None:
            return
        for action, resource in checks_of(model, params):
            self.calls.add(Call(function, action, resource))

    def of(self, function: str) -> set[Call]:
        return {call for call in self.calls if call.function == function}


@cache
def entry_points() -> dict[CodeType, str]:
    """The code of each handler in app.py, by the Lambda function that runs it.

    Read from Chalice's own registry, so a new handler is attributed without a
    change here. A route's view is wrapped (`app.answered`): both the wrapper
    and the view run in the API's function.
    """
    entries: dict[CodeType, str] = {}
    for name, handler in app.app.handler_map.items():
        func = getattr(handler, "func", handler)
        entries[func.__code__] = name
    for methods in app.app.routes.values():
        for route in methods.values():
            view = route.view_function
            entries[view.__code__] = API_HANDLER
            wrapped = getattr(view, "__wrapped__", None)
            if wrapped is not None:
                entries[wrapped.__code__] = API_HANDLER
    return entries


def _calling_function() -> str | None:
    """The function whose entry point is on the stack; None outside app.py."""
    inside_app = False
    frame: FrameType | None = sys._getframe(1)
    while frame is not None:
        if frame.f_code in entry_points():
            return entry_points()[frame.f_code]
        inside_app = inside_app or frame.f_code.co_filename == app.__file__
        frame = frame.f_back
    return UNKNOWN if inside_app else None


def arn(service: str, resource: str) -> str:
    """An ARN in the sandbox's region and moto's account."""
    return f"arn:aws:{service}:{sandbox.REGION}:{DEFAULT_ACCOUNT_ID}:{resource}"


# IAM has no action for a DynamoDB transaction: it checks each item's own
# action on that item's table.
TRANSACTION_ITEMS = {
    "TransactWriteItems": {
        "Put": "PutItem",
        "Update": "UpdateItem",
        "Delete": "DeleteItem",
        "ConditionCheck": "ConditionCheckItem",
    },
    "TransactGetItems": {"Get": "GetItem"},
}


def checks_of(model: Any, params: dict[str, Any]) -> list[tuple[str, str]]:
    """(action, resource) for each check IAM makes of one API call."""
    prefix = model.service_model.signing_name
    per_item = TRANSACTION_ITEMS.get(model.name) if prefix == "dynamodb" else None
    if per_item is None:
        action = f"{prefix}:{model.name}"
        return [
            (action, resource)
            for resource in resources_of(model.service_model.service_name, params)
        ]
    return [
        (f"dynamodb:{per_item[kind]}", arn("dynamodb", f"table/{part['TableName']}"))
        for item in params["TransactItems"]
        for kind, part in item.items()
    ]


def resources_of(service: str, params: dict[str, Any]) -> list[str]:
    """The ARNs IAM checks a call against; `*` for calls with no resource."""
    if service == "dynamodb":
        tables = [params["TableName"]] if "TableName" in params else []
        tables += list(params.get("RequestItems", {}))
        index = f"/index/{params['IndexName']}" if "IndexName" in params else ""
        return [arn("dynamodb", f"table/{table}{index}") for table in tables] or ["*"]
    if service == "sns":
        if "TopicArn" in params or "TargetArn" in params:
            return [params.get("TopicArn") or params["TargetArn"]]
        if "Name" in params:
            return [arn("sns", params["Name"])]
        if "SubscriptionArn" in params:
            # IAM checks an unsubscribe against the subscription's topic.
            return [params["SubscriptionArn"].rsplit(":", 1)[0]]
    return ["*"]


_recorded = FunctionCalls()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", f"{SUITE}: runs after every other test and reads what they did"
    )


def pytest_deselected(items: list[pytest.Item]) -> None:
    if items:
        _recorded.whole_suite = False


def pytest_collection_modifyitems(
    config: pytest.Config, items: list[pytest.Item]
) -> None:
    modules = {Path(str(item.path)).name for item in items}
    every_module = {path.name for path in Path(__file__).parent.glob("test_*.py")}
    if modules != every_module:
        _recorded.whole_suite = False
    items.sort(key=lambda item: item.get_closest_marker(SUITE) is not None)


@pytest.fixture(scope="session", autouse=True)
def record_function_calls() -> Iterator[None]:
    """Hook every sandbox's default session as soon as it is entered."""
    enter = sandbox.Sandbox.__enter__

    def enter_and_record(self: sandbox.Sandbox) -> sandbox.Sandbox:
        box = enter(self)
        boto3.DEFAULT_SESSION.events.register(  # type: ignore[union-attr]
            "before-parameter-build", _recorded.record
        )
        return box

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sandbox.Sandbox, "__enter__", enter_and_record)
        yield


@pytest.fixture
def function_calls() -> FunctionCalls:
    """What the functions called so far in this run."""
    return _recorded
