"""The functions' IAM policy grants exactly the calls they make, on wijkalert's own
resources only.

The calls come from the whole test suite (`tests/function_calls.py`): a new
call in the code shows up here as a failure naming the action and resource to
add to `.chalice/policy-<stage>.json`; a grant the code no longer uses shows up
as one to remove.
"""

import json
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

import pytest
from moto.core import DEFAULT_ACCOUNT_ID

from tests.function_calls import FunctionCalls
from tests.packaged import STAGES, packaged
from wijkalert.sandbox import REGION

CHALICE = Path(__file__).parent.parent / ".chalice"

# What Lambda does with the function's role on its behalf, which no recording
# of boto3 calls can see: writing the logs, and keeping a text that failed
# every retry. Granted on these resources and nothing else.
ON_BEHALF_OF_THE_FUNCTION = {
    "logs:CreateLogStream": "log-group:/aws/lambda/wijkalert-{stage}-*:*",
    "logs:PutLogEvents": "log-group:/aws/lambda/wijkalert-{stage}-*:*",
    "sqs:SendMessage": "wijkalert-{stage}-inbound-dead-letters",
}
# Calls IAM checks against no resource, which only `*` can grant. Publishing an
# SMS straight to a phone number is one; the code does not do it (yet), so it
# is not granted.
WITHOUT_RESOURCE = frozenset(
    {
        "sns:CheckIfPhoneNumberIsOptedOut",
        "sns:ListPhoneNumbersOptedOut",
        "sns:Publish",
    }
)


def arn_prefix(service: str) -> str:
    """How the policy starts every ARN: this account, region and partition."""
    return f"arn:${{AWS::Partition}}:{service}:${{AWS::Region}}:${{AWS::AccountId}}:"


def own_arn(service: str, resource: str) -> dict[str, str]:
    return {"Fn::Sub": arn_prefix(service) + resource}


def load_policy(stage: str) -> dict[str, Any]:
    policy: dict[str, Any] = json.loads(
        (CHALICE / f"policy-{stage}.json").read_text(encoding="utf-8")
    )
    return policy


def listed(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def in_sandbox(resource: Any) -> str:
    """A policy resource as it reads in the sandbox's region and account."""
    if resource == "*":
        return "*"
    return (
        resource["Fn::Sub"]
        .replace("${AWS::Partition}", "aws")
        .replace("${AWS::Region}", REGION)
        .replace("${AWS::AccountId}", DEFAULT_ACCOUNT_ID)
    )


def grants(stage: str) -> list[tuple[str, str, str]]:
    """(statement id, action, resource pattern) for everything the policy allows."""
    return [
        (statement["Sid"], action, in_sandbox(resource))
        for statement in load_policy(stage)["Statement"]
        for action in listed(statement["Action"])
        for resource in listed(statement["Resource"])
    ]


@pytest.fixture
def whole_suite(function_calls: FunctionCalls) -> FunctionCalls:
    if not function_calls.whole_suite or not function_calls.calls:
        pytest.skip("compares the policy with the whole suite's calls: run `make unit`")
    return function_calls


@pytest.mark.whole_suite
def test_policy_grants_every_call_the_functions_make(
    whole_suite: FunctionCalls,
) -> None:
    allowed = grants("dev")

    missing = sorted(
        f"{call.action} on {call.resource}"
        for call in whole_suite.calls
        if not any(
            action == call.action and fnmatchcase(call.resource, pattern)
            for _, action, pattern in allowed
        )
    )

    assert missing == [], (
        "The functions make calls their policy does not allow; add them to "
        ".chalice/policy-dev.json and policy-prod.json: " + "; ".join(missing)
    )


@pytest.mark.whole_suite
def test_policy_grants_nothing_the_functions_do_not_call(
    whole_suite: FunctionCalls,
) -> None:
    unused = sorted(
        f"{action} on {pattern} (statement {sid})"
        for sid, action, pattern in grants("dev")
        if action not in ON_BEHALF_OF_THE_FUNCTION
        and not any(
            call.action == action and fnmatchcase(call.resource, pattern)
            for call in whole_suite.calls
        )
    )

    assert unused == [], (
        "The policy grants calls no function made in the whole test suite; "
        "remove them from .chalice/policy-dev.json and policy-prod.json: "
        + "; ".join(unused)
    )


@pytest.mark.parametrize("stage", STAGES)
def test_policy_names_only_wijkalerts_own_resources(stage: str) -> None:
    for statement in load_policy(stage)["Statement"]:
        assert set(statement) == {"Sid", "Effect", "Action", "Resource"}, statement
        assert statement["Effect"] == "Allow"
        for action in listed(statement["Action"]):
            assert "*" not in action, statement["Sid"]
            service = action.split(":")[0]
            for resource in listed(statement["Resource"]):
                if resource == "*":
                    assert action in WITHOUT_RESOURCE, (statement["Sid"], action)
                    continue
                arn = resource["Fn::Sub"]
                prefix = arn_prefix(service)
                assert arn.startswith(prefix), (statement["Sid"], arn)
                assert "wijkalert-" in arn.removeprefix(prefix), (statement["Sid"], arn)


@pytest.mark.parametrize("stage", STAGES)
def test_lambdas_own_needs_are_granted_on_this_stages_resources_only(
    stage: str,
) -> None:
    granted = grants(stage)

    for action, resource in ON_BEHALF_OF_THE_FUNCTION.items():
        service = action.split(":")[0]
        expected = own_arn(service, resource.format(stage=stage))
        assert {pattern for _, name, pattern in granted if name == action} == {
            in_sandbox(expected)
        }


def test_stages_differ_only_in_their_names() -> None:
    dev = (CHALICE / "policy-dev.json").read_text(encoding="utf-8")
    prod = (CHALICE / "policy-prod.json").read_text(encoding="utf-8")

    assert prod == dev.replace("wijkalert-dev-", "wijkalert-prod-")


def test_every_stage_deploys_its_own_checked_in_policy() -> None:
    config = json.loads((CHALICE / "config.json").read_text(encoding="utf-8"))

    assert config["autogen_policy"] is False
    assert set(config["stages"]) == set(STAGES)
    for stage, settings in config["stages"].items():
        assert settings["iam_policy_file"] == f"policy-{stage}.json"


@pytest.mark.parametrize("stage", STAGES)
def test_packaged_roles_carry_the_policy_file_unchanged(stage: str) -> None:
    resources = packaged(stage)["Resources"]
    roles = [
        resources[function["Properties"]["Role"]["Fn::GetAtt"][0]]
        for function in resources.values()
        if function["Type"] == "AWS::Serverless::Function"
    ]

    assert roles
    for role in roles:
        documents = [
            policy["PolicyDocument"] for policy in role["Properties"]["Policies"]
        ]
        assert documents == [load_policy(stage)]
        assert "ManagedPolicyArns" not in role["Properties"]
