"""Each function's IAM policy grants exactly the calls it makes, on wijkalert's own
resources only.

Chalice deploys four functions, each with its own role and policy file,
`.chalice/policy-<stage>-<function>.json`: the authorizer that faces every
request reads tokens and nothing else, and only the inbound function and the
API (which answers a request to join) may send an SMS. The calls come from the
whole test suite (`tests/function_calls.py`), function by function: a new call
in the code shows up here as a failure naming the function, action and resource
to add; a grant the code no longer uses shows up as one to remove.
"""

import json
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

import pytest
from moto.core import DEFAULT_ACCOUNT_ID

import app
from chalicelib.neighbourhoods import members_topic_name
from tests.function_calls import API_HANDLER, UNKNOWN, FunctionCalls
from tests.packaged import STAGES, packaged, resolve
from wijkalert.sandbox import REGION

CHALICE = Path(__file__).parent.parent / ".chalice"
CONFIG: dict[str, Any] = json.loads((CHALICE / "config.json").read_text("utf-8"))
FUNCTIONS = tuple(CONFIG["stages"]["dev"]["lambda_functions"])
INBOUND = "on_inbound_sms"

# What Lambda does with a function's role on its behalf, which no recording of
# boto3 calls can see: writing the function's own logs, and keeping a text that
# failed every retry. Granted on these resources and nothing else.
OWN_LOGS = "log-group:/aws/lambda/wijkalert-{stage}-{function}:*"
ON_BEHALF_OF_THE_FUNCTION = {
    "logs:CreateLogStream": OWN_LOGS,
    "logs:PutLogEvents": OWN_LOGS,
}
ON_BEHALF_OF_THE_INBOUND_FUNCTION = {
    "sqs:SendMessage": "wijkalert-{stage}-inbound-dead-letters",
}
# Calls IAM checks against no resource, which only `*` can grant. An SMS
# published straight to a phone number (PhoneNumber, no topic) is one.
WITHOUT_RESOURCE = frozenset(
    {
        "sns:CheckIfPhoneNumberIsOptedOut",
        "sns:ListPhoneNumbersOptedOut",
        "sns:Publish",
    }
)
# The one condition used: a grant on `*` holds in the stack's own region only,
# where the account's SMS spend limit and long codes are set up.
IN_THIS_REGION = {
    "StringEquals": {"aws:RequestedRegion": {"Fn::Sub": "${AWS::Region}"}}
}


def arn_prefix(service: str) -> str:
    """How the policy starts every ARN: this account, region and partition."""
    return f"arn:${{AWS::Partition}}:{service}:${{AWS::Region}}:${{AWS::AccountId}}:"


def own_arn(service: str, resource: str) -> dict[str, str]:
    return {"Fn::Sub": arn_prefix(service) + resource}


def load_policy(stage: str, function: str) -> dict[str, Any]:
    policy: dict[str, Any] = json.loads(
        (CHALICE / f"policy-{stage}-{function}.json").read_text(encoding="utf-8")
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


def statements(stage: str, function: str, effect: str) -> list[tuple[str, str, str]]:
    """(statement id, action, resource pattern) for each statement of `effect`."""
    return [
        (statement["Sid"], action, in_sandbox(resource))
        for statement in load_policy(stage, function)["Statement"]
        if statement["Effect"] == effect
        for action in listed(statement["Action"])
        for resource in listed(statement["Resource"])
    ]


def grants(stage: str, function: str) -> list[tuple[str, str, str]]:
    return statements(stage, function, "Allow")


def on_behalf_of(function: str) -> dict[str, str]:
    if function == INBOUND:
        return ON_BEHALF_OF_THE_FUNCTION | ON_BEHALF_OF_THE_INBOUND_FUNCTION
    return ON_BEHALF_OF_THE_FUNCTION


def own_resources(stage: str, function: str) -> dict[str, set[str]]:
    """What a policy of `stage` may name, by service, after the account's prefix.

    The tables (with their indexes), topics and queue the merged template
    creates for the stage, the function's own log group, and the members
    topics `wijkalert neighbourhoods open` adds while the stack runs: the one
    pattern, since their names are not known when the stack is deployed.
    """
    template = packaged(stage)
    own: dict[str, set[str]] = {
        "dynamodb": set(),
        "sns": {members_topic_name("*")},
        "sqs": set(),
        "logs": {OWN_LOGS.format(stage=stage, function=function)},
    }
    for resource in template["Resources"].values():
        properties = resource.get("Properties", {})
        if resource["Type"] == "AWS::DynamoDB::Table":
            table = "table/" + resolve(properties["TableName"], stage, template)
            own["dynamodb"].add(table)
            for index in properties.get("GlobalSecondaryIndexes", []):
                own["dynamodb"].add(f"{table}/index/{index['IndexName']}")
        elif resource["Type"] == "AWS::SNS::Topic":
            own["sns"].add(resolve(properties["TopicName"], stage, template))
        elif resource["Type"] == "AWS::SQS::Queue":
            own["sqs"].add(resolve(properties["QueueName"], stage, template))
    return own


def chalice_functions() -> set[str]:
    """The Lambda functions Chalice builds from app.py, by their config names."""
    handlers = {source.name for source in app.app.event_sources}
    handlers |= {authorizer.name for authorizer in app.app.builtin_auth_handlers}
    return handlers | ({API_HANDLER} if app.app.routes else set())


@pytest.fixture
def whole_suite(function_calls: FunctionCalls) -> FunctionCalls:
    if not function_calls.whole_suite or not function_calls.calls:
        pytest.skip("compares the policy with the whole suite's calls: run `make unit`")
    return function_calls


@pytest.mark.whole_suite
def test_every_function_made_calls_the_suite_could_attribute(
    whole_suite: FunctionCalls,
) -> None:
    assert whole_suite.of(UNKNOWN) == set()
    # A function no test runs as Lambda would, would keep grants nobody checks.
    assert {call.function for call in whole_suite.calls} == set(FUNCTIONS)


@pytest.mark.whole_suite
@pytest.mark.parametrize("function", FUNCTIONS)
def test_policy_grants_every_call_the_function_makes(
    whole_suite: FunctionCalls, function: str
) -> None:
    allowed = grants("dev", function)

    missing = sorted(
        f"{call.action} on {call.resource}"
        for call in whole_suite.of(function)
        if not any(
            action == call.action and fnmatchcase(call.resource, pattern)
            for _, action, pattern in allowed
        )
    )

    assert missing == [], (
        f"{function} makes calls its policy does not allow; add them to "
        f".chalice/policy-dev-{function}.json and policy-prod-{function}.json: "
        + "; ".join(missing)
    )


@pytest.mark.whole_suite
@pytest.mark.parametrize("function", FUNCTIONS)
def test_policy_grants_nothing_the_function_does_not_call(
    whole_suite: FunctionCalls, function: str
) -> None:
    unused = sorted(
        f"{action} on {pattern} (statement {sid})"
        for sid, action, pattern in grants("dev", function)
        if action not in on_behalf_of(function)
        and not any(
            call.action == action and fnmatchcase(call.resource, pattern)
            for call in whole_suite.of(function)
        )
    )

    assert unused == [], (
        f"{function}'s policy grants calls it made nowhere in the whole test "
        f"suite; remove them from .chalice/policy-dev-{function}.json and "
        f"policy-prod-{function}.json: " + "; ".join(unused)
    )


@pytest.mark.whole_suite
@pytest.mark.parametrize("function", FUNCTIONS)
def test_no_call_the_function_makes_is_denied(
    whole_suite: FunctionCalls, function: str
) -> None:
    denied = sorted(
        f"{call.action} on {call.resource} (statement {sid})"
        for call in whole_suite.of(function)
        for sid, action, pattern in statements("dev", function, "Deny")
        if action == call.action and fnmatchcase(call.resource, pattern)
    )

    assert denied == []


def test_every_function_chalice_builds_has_its_own_policy_file() -> None:
    assert CONFIG["autogen_policy"] is False
    assert set(FUNCTIONS) == chalice_functions()
    for stage, settings in CONFIG["stages"].items():
        # No stage-wide file: a new function without its own policy file makes
        # `chalice package` fail (policy-<stage>.json is missing) instead of
        # sharing another function's grants.
        assert "iam_policy_file" not in settings
        assert not (CHALICE / f"policy-{stage}.json").exists()
        assert settings["lambda_functions"] == {
            function: {"iam_policy_file": f"policy-{stage}-{function}.json"}
            for function in FUNCTIONS
        }


@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.parametrize("function", FUNCTIONS)
def test_policy_names_only_wijkalerts_own_resources(stage: str, function: str) -> None:
    own = own_resources(stage, function)

    for statement in load_policy(stage, function)["Statement"]:
        sid = statement["Sid"]
        assert set(statement) - {"Condition"} == {"Sid", "Effect", "Action", "Resource"}
        assert statement["Effect"] in ("Allow", "Deny"), sid
        resources = listed(statement["Resource"])
        if "Condition" in statement:
            assert statement["Condition"] == IN_THIS_REGION, sid
            assert resources == ["*"], sid
        for action in listed(statement["Action"]):
            assert "*" not in action, sid
            service = action.split(":")[0]
            for resource in resources:
                if resource == "*":
                    assert statement["Effect"] == "Allow", sid
                    assert action in WITHOUT_RESOURCE, (sid, action)
                    continue
                arn = resource["Fn::Sub"]
                prefix = arn_prefix(service)
                assert arn.startswith(prefix), (sid, arn)
                # Exactly a resource of this stage: `wijkalert-*` or another
                # stage's table would pass a mere look for the project's name.
                assert arn.removeprefix(prefix) in own[service], (sid, arn)


@pytest.mark.parametrize("stage", STAGES)
def test_only_the_inbound_function_and_the_api_send_sms_never_to_own_topics(
    stage: str,
) -> None:
    # The inbound function broadcasts and replies; the API tells a neighbour
    # the outcome of their request to join. The authorizer, which every API
    # request reaches, and the daily reconcile never send anything.
    senders = {
        function
        for function in FUNCTIONS
        if any(action == "sns:Publish" for _, action, _ in grants(stage, function))
    }

    assert senders == {INBOUND, "api_handler"}
    for sender in sorted(senders):
        (anywhere,) = [
            statement
            for statement in load_policy(stage, sender)["Statement"]
            if statement["Resource"] == "*" and "sns:Publish" in statement["Action"]
        ]
        denied = {pattern for _, _, pattern in statements(stage, sender, "Deny")}
        assert anywhere["Action"] == ["sns:Publish"]
        assert anywhere["Condition"] == IN_THIS_REGION
        assert denied == {
            in_sandbox(own_arn("sns", "wijkalert-inbound-sms")),
            in_sandbox(own_arn("sns", f"wijkalert-{stage}-alarms")),
        }


@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.parametrize("function", FUNCTIONS)
def test_lambdas_own_needs_are_granted_on_this_functions_resources_only(
    stage: str, function: str
) -> None:
    granted = grants(stage, function)

    for action, resource in on_behalf_of(function).items():
        service = action.split(":")[0]
        expected = own_arn(service, resource.format(stage=stage, function=function))
        assert {pattern for _, name, pattern in granted if name == action} == {
            in_sandbox(expected)
        }


@pytest.mark.parametrize("function", FUNCTIONS)
def test_stages_differ_only_in_their_names(function: str) -> None:
    dev = (CHALICE / f"policy-dev-{function}.json").read_text(encoding="utf-8")
    prod = (CHALICE / f"policy-prod-{function}.json").read_text(encoding="utf-8")

    assert prod == dev.replace("wijkalert-dev-", "wijkalert-prod-")


@pytest.mark.parametrize("stage", STAGES)
def test_each_packaged_function_carries_its_own_policy_file_unchanged(
    stage: str,
) -> None:
    template = packaged(stage)
    resources = template["Resources"]
    seen = set()

    for function in resources.values():
        if function["Type"] != "AWS::Serverless::Function":
            continue
        properties = function["Properties"]
        # `app.app` is the API's handler; the others are named after their view.
        handler = properties["Handler"].removeprefix("app.")
        name = API_HANDLER if handler == "app" else handler
        role = resources[properties["Role"]["Fn::GetAtt"][0]]["Properties"]
        documents = [policy["PolicyDocument"] for policy in role["Policies"]]

        # The name the policy's log group grant is written for.
        assert resolve(properties["FunctionName"], stage, template) == (
            f"wijkalert-{stage}-{name}"
        )
        assert documents == [load_policy(stage, name)]
        assert "ManagedPolicyArns" not in role
        seen.add(name)

    assert seen == set(FUNCTIONS)
