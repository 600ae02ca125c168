"""The AWS calls the deployed functions make, recorded while the test suite runs.

The functions' IAM policy (`.chalice/policy-<stage>.json`) must grant exactly
these calls, no more: `test_policy` compares the two at the end of the run.

Each sandbox gets a botocore hook on the default boto3 session, which the app
builds its clients from. A call counts as the function's when a frame of
`app.py` is on the stack: only Lambda runs that code, with the function's
role. Calls the tests, the sandbox or the operator command make themselves run
with someone else's credentials in AWS, and are left out.
"""

import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

import boto3
import pytest
from moto.core import DEFAULT_ACCOUNT_ID

import app
from wijkalert import sandbox

SUITE = "whole_suite"


@dataclass(frozen=True)
class Call:
    """One API call as IAM sees it: the action and the resource it acts on."""

    action: str
    resource: str


@dataclass
class FunctionCalls:
    calls: set[Call] = field(default_factory=set)
    # Whether every test module ran, with nothing deselected: only then can a
    # grant nobody used be called unused.
    whole_suite: bool = True

    def record(self, model: Any, params: dict[str, Any], **_: Any) -> None:
        if not _inside_function():
            return
        action = f"{model.service_model.signing_name}:{model.name}"
        for resource in resources_of(model.service_model.service_name, params):
            self.calls.add(Call(action, resource))


def _inside_function() -> bool:
    frame: FrameType | None = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_filename == app.__file__:
            return True
        frame = frame.f_back
    return False


def arn(service: str, resource: str) -> str:
    """An ARN in the sandbox's region and moto's account."""
    return f"arn:aws:{service}:{sandbox.REGION}:{DEFAULT_ACCOUNT_ID}:{resource}"


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
