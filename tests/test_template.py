"""The merged template defines every table, topic and setting the code reads.

Read from `build/<stage>/sam.yaml`, the template `make package` builds and
docs/deploy.md deploys. The sandbox's `provision` is what the tests run
against, so the template must create the same tables, key for key.
"""

import re
from typing import Any

import pytest

from chalicelib import config
from tests.packaged import ROOT, STAGES, packaged, resolve
from wijkalert import sandbox

TABLE_SETTINGS = (config.ROSTER_TABLE, config.ALERTS_TABLE, config.IDEMPOTENCY_TABLE)
# Time to live, by the setting naming the table: the attribute that expires a
# record. The roster's expires the hints sent to strangers (the only items that
# carry it); the alert log's is switched on before the code writes it (issue 6).
EXPIRES = {
    config.ROSTER_TABLE: "expires_at",
    config.ALERTS_TABLE: "expires_at",
    config.IDEMPOTENCY_TABLE: "expiration",
}


class TableRecorder:
    """Stands in for boto3's DynamoDB resource to read what `provision` creates."""

    def __init__(self) -> None:
        self.tables: dict[str, dict[str, Any]] = {}

    def create_table(self, **table: Any) -> None:
        self.tables[table["TableName"]] = table


class TopicRecorder:
    def __init__(self) -> None:
        self.topics: list[str] = []

    def create_topic(self, Name: str) -> None:  # noqa: N803 (boto3's spelling)
        self.topics.append(Name)


def resources(stage: str, kind: str) -> dict[str, dict[str, Any]]:
    template = packaged(stage)
    return {
        name: {
            key: resolve(value, stage, template)
            for key, value in resource.get("Properties", {}).items()
        }
        for name, resource in template["Resources"].items()
        if resource["Type"] == kind
    }


def functions(stage: str) -> dict[str, dict[str, Any]]:
    return resources(stage, "AWS::Serverless::Function")


def environment(function: dict[str, Any], stage: str) -> dict[str, Any]:
    variables = function.get("Environment", {}).get("Variables", {})
    return {
        name: resolve(value, stage, packaged(stage))
        for name, value in variables.items()
    }


def tables_by_name(stage: str) -> dict[str, dict[str, Any]]:
    return {
        table["TableName"]: table
        for table in resources(stage, "AWS::DynamoDB::Table").values()
    }


class RecordingEnvironment(dict[str, str]):
    """A function's environment that remembers which settings were read."""

    def __init__(self, variables: dict[str, str]) -> None:
        super().__init__(variables)
        self.read: set[str] = set()

    def get(self, key: str, default: Any = None) -> Any:
        self.read.add(key)
        return super().get(key, default)

    def __getitem__(self, key: str) -> str:
        self.read.add(key)
        return super().__getitem__(key)


@pytest.mark.parametrize("stage", STAGES)
def test_every_setting_the_code_reads_is_in_each_functions_environment(
    stage: str,
) -> None:
    for name, function in functions(stage).items():
        variables = environment(function, stage)
        recording = RecordingEnvironment(variables)

        config.Settings.from_environ(recording)

        assert recording.read <= set(variables), name
        assert variables["POWERTOOLS_SERVICE_NAME"] == "wijkalert"


def test_settings_are_read_from_the_environment_in_config_only() -> None:
    code = [ROOT / "app.py", *sorted((ROOT / "chalicelib").glob("*.py"))]
    readers = [
        path.name
        for path in code
        if re.search(r"os\.environ|getenv", path.read_text(encoding="utf-8"))
    ]

    assert readers == ["config.py"]


@pytest.mark.parametrize("stage", STAGES)
def test_every_table_the_code_reads_exists_as_the_sandbox_creates_it(
    stage: str,
) -> None:
    created = TableRecorder()
    sandbox.provision(created, TopicRecorder())
    in_template = tables_by_name(stage)

    for name, function in functions(stage).items():
        variables = environment(function, stage)
        for setting in TABLE_SETTINGS:
            table = in_template.get(variables[setting])
            assert table, f"{name}: no table {variables[setting]} for {setting}"
            expected = created.tables[sandbox.ENVIRONMENT[setting]]
            for key in ("KeySchema", "BillingMode"):
                assert table[key] == expected[key], (setting, key)
            assert sorted_by_name(table["AttributeDefinitions"]) == sorted_by_name(
                expected["AttributeDefinitions"]
            )
            assert table.get("GlobalSecondaryIndexes") == expected.get(
                "GlobalSecondaryIndexes"
            )


def sorted_by_name(attributes: list[dict[str, str]]) -> list[dict[str, str]]:
    return sorted(attributes, key=lambda attribute: attribute["AttributeName"])


@pytest.mark.parametrize("stage", STAGES)
def test_tables_are_on_demand_recoverable_encrypted_and_expire_records(
    stage: str,
) -> None:
    tables = tables_by_name(stage)
    variables = environment(functions(stage)["OnInboundSms"], stage)

    for setting in TABLE_SETTINGS:
        table = tables[variables[setting]]
        assert table["BillingMode"] == "PAY_PER_REQUEST"
        assert table["PointInTimeRecoverySpecification"] == {
            "PointInTimeRecoveryEnabled": True
        }
        assert table["SSESpecification"] == {"SSEEnabled": True}
        if setting in EXPIRES:
            assert table["TimeToLiveSpecification"] == {
                "AttributeName": EXPIRES[setting],
                "Enabled": True,
            }
        else:
            assert "TimeToLiveSpecification" not in table


@pytest.mark.parametrize("stage", STAGES)
def test_the_inbound_topic_exists_and_invokes_the_function(stage: str) -> None:
    created = TopicRecorder()
    sandbox.provision(TableRecorder(), created)
    topics = resources(stage, "AWS::SNS::Topic")

    assert created.topics == [config.INBOUND_TOPIC]
    assert topics["InboundTopic"]["TopicName"] == config.INBOUND_TOPIC
    subscription = functions(stage)["OnInboundSms"]["Events"][
        "OnInboundSmsSnsSubscription"
    ]
    assert subscription == {
        "Type": "SNS",
        "Properties": {"Topic": {"Fn::Sub": "${InboundTopic}"}},
    }


@pytest.mark.parametrize("stage", STAGES)
def test_two_way_sms_of_this_account_alone_may_publish_inbound_texts(
    stage: str,
) -> None:
    (policy,) = resources(stage, "AWS::SNS::TopicPolicy").values()
    (statement,) = policy["PolicyDocument"]["Statement"]

    assert policy["Topics"] == [{"Ref": "InboundTopic"}]
    assert statement["Principal"] == {"Service": "sms-voice.amazonaws.com"}
    assert statement["Action"] == "sns:Publish"
    assert statement["Condition"] == {
        "StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}}
    }


@pytest.mark.parametrize("stage", STAGES)
def test_the_stage_parameter_takes_only_the_stage_packaged(stage: str) -> None:
    # The functions read this stage's tables: deploying build/dev with
    # Stage=prod would make tables nobody reads, so CloudFormation refuses it.
    template = packaged(stage)

    assert template["Parameters"]["Stage"]["Default"] == stage
    (assertion,) = template["Rules"]["PackagedStage"]["Assertions"]
    assert assertion["Assert"] == {"Fn::Equals": [{"Ref": "Stage"}, stage]}
    assert f"deploy it with Stage={stage}." in assertion["AssertDescription"]


@pytest.mark.parametrize("stage", STAGES)
def test_functions_are_named_for_their_stage_and_keep_failed_texts(
    stage: str,
) -> None:
    for name, function in functions(stage).items():
        # The policy grants the log groups /aws/lambda/wijkalert-<stage>-*.
        assert function["FunctionName"].startswith(f"wijkalert-{stage}-"), name
        events = function.get("Events", {}).values()
        if any(event["Type"] == "SNS" for event in events):
            invoke = function["EventInvokeConfig"]
            # Lambda's default age is six hours: an alert that late is stale.
            assert invoke["MaximumRetryAttempts"] == 2, name
            assert 0 < invoke["MaximumEventAgeInSeconds"] <= 3600, name
            on_failure = invoke["DestinationConfig"]
            assert on_failure["OnFailure"] == {
                "Type": "SQS",
                "Destination": {"Fn::GetAtt": ["InboundDeadLetters", "Arn"]},
            }
    queue = resources(stage, "AWS::SQS::Queue")["InboundDeadLetters"]
    assert queue["QueueName"] == f"wijkalert-{stage}-inbound-dead-letters"


@pytest.mark.parametrize("stage", STAGES)
def test_errors_throttles_and_dead_letters_are_mailed_to_the_coordinators(
    stage: str,
) -> None:
    alarms = resources(stage, "AWS::CloudWatch::Alarm").values()
    watched = {(alarm["Namespace"], alarm["MetricName"]) for alarm in alarms}
    alarm_topic = resources(stage, "AWS::SNS::Topic")["AlarmTopic"]

    assert {
        ("AWS/Lambda", "Errors"),
        ("AWS/Lambda", "Throttles"),
        ("AWS/SQS", "ApproximateNumberOfMessagesVisible"),
        ("AWS/Lambda", "DestinationDeliveryFailures"),
    } <= watched
    for alarm in alarms:
        assert alarm["AlarmActions"] == [{"Ref": "AlarmTopic"}]
        assert alarm["AlarmName"].startswith(f"wijkalert-{stage}-")
    assert alarm_topic["Subscription"] == [
        {"Protocol": "email", "Endpoint": {"Ref": "CoordinatorEmail"}}
    ]


@pytest.mark.parametrize("stage", STAGES)
def test_lambda_functions_are_alarmed_one_by_one(stage: str) -> None:
    alarmed = {
        alarm["Dimensions"][0]["Value"]["Ref"]
        for alarm in resources(stage, "AWS::CloudWatch::Alarm").values()
        if alarm["Namespace"] == "AWS/Lambda" and alarm["MetricName"] == "Errors"
    }

    assert alarmed == set(functions(stage))


@pytest.mark.parametrize("stage", STAGES)
def test_every_functions_log_group_is_the_one_it_writes_to(stage: str) -> None:
    # Chalice names the API function's log group after a resource it renamed;
    # infra/template.yaml points it back. Retention applies only if it matches.
    groups = {
        group["LogGroupName"]
        for group in resources(stage, "AWS::Logs::LogGroup").values()
    }

    assert groups == {f"/aws/lambda/${{{name}}}" for name in functions(stage)}
