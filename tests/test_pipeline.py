"""The alert pipeline end to end: real events in, SMS to phones out."""

import contextlib
import json
import threading
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError, ReadTimeoutError
from chalice.test import Client

from chalicelib.errors import BroadcastFailed
from chalicelib.neighbourhoods import Neighbourhood, partition_of
from chalicelib.protection import ACTIVITY, Activity
from tests.conftest import MOLENWIJK_PHONES, Phones, load_event, with_message
from tests.test_two_way import JAN, SANNE, text
from wijkalert.sandbox import Sandbox

# The sender of the shared unknown-sender event, read from it rather than
# written again here.
STRANGER = json.loads(
    load_event("inbound-unknown-sender.json")["Records"][0]["Sns"]["Message"]
)["originationNumber"]
ALERT_TEXT = (
    "[Molenwijk] Jan: Verdachte man probeert fietsen open te breken bij portiek "
    "Kastanjelaan 12, donkere jas, rode rugzak."
)


def recipients(deliveries: list[Any]) -> list[str]:
    return sorted(d.to for d in deliveries)


def test_member_alert_reaches_every_active_member_including_the_sender(
    molenwijk: Neighbourhood, phones: Phones
) -> None:
    deliveries = phones.deliver(load_event("inbound-alert.json"))

    assert recipients(deliveries) == MOLENWIJK_PHONES
    assert {d.body for d in deliveries} == {ALERT_TEXT}
    assert {d.parts for d in deliveries} == {1}
    assert phones.outcome["outcome"] == "broadcast"


def test_broadcast_never_shows_the_senders_number(
    molenwijk: Neighbourhood, phones: Phones
) -> None:
    deliveries = phones.deliver(load_event("inbound-alert.json"))

    assert all("12345601" not in d.body for d in deliveries)


def test_inactive_member_is_not_sent_the_alert(
    sandbox: Sandbox, molenwijk: Neighbourhood, phones: Phones
) -> None:
    sandbox.roster(molenwijk).update("0612345605", status="inactive")

    deliveries = phones.deliver(load_event("inbound-alert.json"))

    assert recipients(deliveries) == MOLENWIJK_PHONES[:4]


def test_text_from_an_inactive_member_is_not_broadcast(
    sandbox: Sandbox, molenwijk: Neighbourhood, phones: Phones
) -> None:
    sandbox.roster(molenwijk).update("+31612345601", status="inactive")

    assert phones.deliver(load_event("inbound-alert.json")) == []
    assert phones.outcome["outcome"] == "inactive_member"


JOIN_HINT = (
    "[Molenwijk] Dit is het sms-alarm van de buurt. Meedoen? "
    "Stuur AANMELDEN, je naam en je straat."
)


def test_unknown_sender_gets_no_broadcast_only_one_hint_a_month(
    molenwijk: Neighbourhood, phones: Phones
) -> None:
    first = phones.deliver(load_event("inbound-unknown-sender.json"))
    again = phones.deliver(
        with_message("inbound-unknown-sender.json", inboundMessageId="stranger-again")
    )

    assert [(d.to, d.body) for d in first] == [(STRANGER, JOIN_HINT)]
    assert again == []
    assert phones.outcome["outcome"] == "unknown_sender"


def test_unknown_sender_from_abroad_gets_nothing(
    molenwijk: Neighbourhood, phones: Phones
) -> None:
    event = with_message("inbound-unknown-sender.json", originationNumber="+3225550101")

    assert phones.deliver(event) == []


def test_unknown_landline_gets_no_paid_hint_but_is_logged_masked_and_counted(
    sandbox: Sandbox, molenwijk: Neighbourhood, phones: Phones
) -> None:
    # A landline can send a text, but the hint sent back would never arrive.
    landline = with_message(
        "inbound-unknown-sender.json", originationNumber="+31201234567"
    )
    mobile = with_message(
        "inbound-unknown-sender.json", inboundMessageId="stranger-mobile"
    )

    from_landline = phones.deliver(landline)
    outcome = phones.outcome
    from_mobile = phones.deliver(mobile)

    assert from_landline == []
    assert outcome["outcome"] == "unknown_sender"
    assert [(d.to, d.body) for d in from_mobile] == [(STRANGER, JOIN_HINT)]
    lines = sandbox.log_lines()
    assert "201234567" not in json.dumps(lines)
    logged = [line for line in lines if line.get("message", "").startswith("text from")]
    assert [line["sender"] for line in logged] == ["***567", "***321"]
    assert sum(metric([line], "UnknownSenders") or 0 for line in lines) == 2


def test_unknown_sender_is_logged_masked_and_counted_from_the_first_text(
    sandbox: Sandbox, molenwijk: Neighbourhood, phones: Phones
) -> None:
    # One text only: the first, the one that gets the join hint, counts too.
    hinted = phones.deliver(load_event("inbound-unknown-sender.json"))

    assert [d.to for d in hinted] == [STRANGER]
    lines = sandbox.log_lines()
    logged = [line for line in lines if line.get("message", "").startswith("text from")]
    assert [line["sender"] for line in logged] == ["***321"]
    assert "87654321" not in json.dumps(lines)
    assert metric(lines, "UnknownSenders") == 1


def test_redelivery_of_the_same_text_is_broadcast_once(
    molenwijk: Neighbourhood, phones: Phones
) -> None:
    first = phones.deliver(load_event("inbound-alert.json"))
    again = phones.deliver(load_event("inbound-alert-redelivered.json"))

    assert recipients(first) == MOLENWIJK_PHONES
    assert again == []
    assert phones.outcome["duplicate"] is True


def test_duplicate_delivery_is_counted(
    sandbox: Sandbox, molenwijk: Neighbourhood, phones: Phones
) -> None:
    phones.deliver(load_event("inbound-alert.json"))
    before = len(sandbox.log_lines())
    phones.deliver(load_event("inbound-alert-redelivered.json"))

    lines = sandbox.log_lines()[before:]
    assert metric(lines, "DuplicateDeliveries") == 1
    assert metric(lines, "AlertsBroadcast") is None


def test_two_texts_with_different_words_are_two_alerts(
    molenwijk: Neighbourhood, phones: Phones
) -> None:
    first = phones.deliver(load_event("inbound-alert.json"))
    second = phones.deliver(
        with_message(
            "inbound-alert.json",
            inboundMessageId="second-text",
            messageBody="Hij loopt nu richting de Kometensingel.",
        )
    )

    assert recipients(first) == MOLENWIJK_PHONES
    assert recipients(second) == MOLENWIJK_PHONES


def test_failed_publish_is_retried_and_sent_exactly_once(
    sandbox: Sandbox, molenwijk: Neighbourhood, phones: Phones
) -> None:
    outage = SnsOutage(publishes=1)
    boto3.DEFAULT_SESSION.events.register("before-call.sns.Publish", outage)  # type: ignore[union-attr]

    with pytest.raises(BroadcastFailed):
        phones.deliver(load_event("inbound-alert.json"))
    assert sandbox.ledger.take() == []

    retried = phones.deliver(load_event("inbound-alert.json"))
    redelivered = phones.deliver(load_event("inbound-alert-redelivered.json"))

    assert recipients(retried) == MOLENWIJK_PHONES
    assert redelivered == []
    assert outage.failed == 1


def test_a_publish_whose_answer_is_lost_is_never_sent_again(
    sandbox: Sandbox, molenwijk: Neighbourhood, phones: Phones
) -> None:
    # SNS took the publish and sent the SMS, but its answer never arrived:
    # retrying could text the whole roster twice, so nothing is retried.
    def answer_lost(**_: Any) -> None:
        raise ReadTimeoutError(endpoint_url="https://sns.eu-west-1.amazonaws.com/")

    events = boto3.DEFAULT_SESSION.events  # type: ignore[union-attr]
    events.register("after-call.sns.Publish", answer_lost, unique_id="answer-lost")
    first = phones.deliver(load_event("inbound-alert.json"))
    events.unregister("after-call.sns.Publish", unique_id="answer-lost")
    again = phones.deliver(load_event("inbound-alert-redelivered.json"))

    assert recipients(first) == MOLENWIJK_PHONES
    assert again == []
    lines = sandbox.log_lines()
    assert metric(lines, "PublishesUncertain") == 1
    assert any("may have been sent" in str(line.get("message")) for line in lines)


def test_alert_is_logged_with_sender_body_time_and_parts(
    sandbox: Sandbox, molenwijk: Neighbourhood, phones: Phones
) -> None:
    phones.deliver(load_event("inbound-alert.json"))

    table = boto3.resource("dynamodb").Table("wijkalert-dev-alerts")
    items = table.scan()["Items"]
    assert len(items) == 1
    alert = items[0]
    assert alert["alert_id"] == "cae173d2-66b9-564c-8309-21f858e9fb84"
    assert alert["neighbourhood_id"] == "molenwijk"
    assert alert["sender_phone"] == "+31612345601"
    assert alert["sender_name"] == "Jan"
    assert alert["body"].startswith("Verdachte man probeert fietsen")
    assert alert["received_at"] == "2026-11-28T21:14:07.512Z"
    assert alert["parts"] == 1


def test_broadcast_is_a_transactional_sms_from_the_long_code(
    molenwijk: Neighbourhood, phones: Phones
) -> None:
    published = PublishSpy()
    boto3.DEFAULT_SESSION.events.register(  # type: ignore[union-attr]
        "provide-client-params.sns.Publish", published
    )

    phones.deliver(load_event("inbound-alert.json"))

    attributes = published.calls[0]["MessageAttributes"]
    assert attributes["AWS.SNS.SMS.SMSType"]["StringValue"] == "Transactional"
    assert attributes["AWS.MM.SMS.OriginationNumber"]["StringValue"] == (
        "+3197010203040"
    )
    assert attributes["AWS.SNS.SMS.MaxPrice"]["StringValue"] == "0.50"
    assert published.calls[0]["TopicArn"] == molenwijk.members_topic_arn


def test_members_topic_has_no_display_name_to_prepend(
    molenwijk: Neighbourhood,
) -> None:
    attributes = boto3.client("sns").get_topic_attributes(
        TopicArn=molenwijk.members_topic_arn
    )["Attributes"]

    assert attributes.get("DisplayName", "") == ""


def test_diacritics_and_emoji_arrive_unchanged_and_cost_ucs2_parts(
    molenwijk: Neighbourhood, phones: Phones
) -> None:
    deliveries = phones.deliver(load_event("inbound-diacritics-emoji.json"))

    assert recipients(deliveries) == MOLENWIJK_PHONES
    body = deliveries[0].body
    assert body.startswith("[Molenwijk] Sanne: Politie is gebeld \U0001f693 \u2013 man")
    assert "\u201cbivakmuts\u201d" in body and "Idee\u00ebn? \u20ac50" in body
    # 164 UTF-16 code units: more than 2 x 67, so three UCS-2 parts.
    assert deliveries[0].parts == 3


@pytest.mark.parametrize(
    ("event", "reason"),
    [
        ("console-test-publish.json", "malformed.not_json"),
        ("not-an-object", "malformed.not_object"),
        ("no-sender", "malformed.no_sender"),
        ("no-body", "malformed.empty_body"),
        ("blank-body", "malformed.empty_body"),
        ("no-long-code", "malformed.no_long_code"),
        ("no-records", "malformed.not_sns"),
        ("number-body", "malformed.body_not_text"),
        ("no-ids", "malformed.no_message_id"),
        ("bad-timestamp", "malformed.bad_timestamp"),
        ("timestamp-without-zone", "malformed.bad_timestamp"),
    ],
)
def test_malformed_event_is_dropped_without_raising_and_counted(
    sandbox: Sandbox,
    molenwijk: Neighbourhood,
    phones: Phones,
    event: str,
    reason: str,
) -> None:
    deliveries = phones.deliver(malformed_event(event))

    assert deliveries == []
    assert phones.outcome == {"outcome": "malformed", "reason": reason}
    lines = sandbox.log_lines()
    assert metric(lines, "MalformedEvents") == 1
    assert any(line.get("reason") == reason for line in lines)


def test_tolerates_pretty_json_and_missing_subject_and_attributes(
    molenwijk: Neighbourhood, phones: Phones
) -> None:
    event = load_event("inbound-alert.json")
    notification = event["Records"][0]["Sns"]
    notification["Message"] = json.dumps(json.loads(notification["Message"]), indent=2)
    del notification["Subject"]
    del notification["MessageAttributes"]

    assert recipients(phones.deliver(event)) == MOLENWIJK_PHONES


def test_keyword_field_grants_nothing(molenwijk: Neighbourhood, phones: Phones) -> None:
    event = with_message("inbound-unknown-sender.json", messageKeyword="ADMIN")

    assert [d.body for d in phones.deliver(event)] == [JOIN_HINT]


def test_two_neighbourhoods_do_not_hear_each_other(
    sandbox: Sandbox, molenwijk: Neighbourhood, phones: Phones
) -> None:
    kometen = sandbox.open_neighbourhood(
        "kometenbuurt", "Kometenbuurt", "+3197010203041"
    )
    sandbox.roster(kometen).add("+31612345611", "Noor")
    sandbox.roster(kometen).add("+31612345612", "Daan")

    to_molenwijk = phones.deliver(load_event("inbound-alert.json"))
    to_kometen = phones.deliver(
        with_message(
            "inbound-alert.json",
            originationNumber="+31612345611",
            destinationNumber="+3197010203041",
            inboundMessageId="kometen-1",
        )
    )
    # A Molenwijk member texting Kometenbuurt's number is a stranger there:
    # no broadcast, only the one hint how to join.
    crossing = phones.deliver(
        with_message(
            "inbound-alert.json",
            destinationNumber="+3197010203041",
            inboundMessageId="crossing-1",
        )
    )

    assert recipients(to_molenwijk) == MOLENWIJK_PHONES
    assert recipients(to_kometen) == ["+31612345611", "+31612345612"]
    assert {d.body[:15] for d in to_kometen} == {"[Kometenbuurt] "}
    assert [(d.to, d.body[:15]) for d in crossing] == [
        ("+31612345601", "[Kometenbuurt] ")
    ]


def test_text_to_an_unknown_long_code_is_dropped(
    molenwijk: Neighbourhood, phones: Phones
) -> None:
    event = with_message("inbound-alert.json", destinationNumber="+3197010203049")

    assert phones.deliver(event) == []
    assert phones.outcome["outcome"] == "unknown_long_code"


def test_sender_written_in_national_notation_is_recognised(
    molenwijk: Neighbourhood, phones: Phones
) -> None:
    event = with_message("inbound-alert.json", originationNumber="0612345601")

    assert recipients(phones.deliver(event)) == MOLENWIJK_PHONES


def metric(lines: list[dict[str, Any]], name: str) -> Any:
    """The value of `name` in the embedded-metric-format lines, or None."""
    for line in lines:
        if "_aws" in line and name in line:
            return line[name][0] if isinstance(line[name], list) else line[name]
    return None


# How each kind of malformed event differs from a good one: a change to the
# two-way SMS payload, or to the SNS notification around it.
PAYLOAD_FLAWS: dict[str, Callable[[dict[str, Any]], None]] = {
    "no-sender": lambda payload: payload.pop("originationNumber"),
    "no-body": lambda payload: payload.pop("messageBody"),
    "blank-body": lambda payload: payload.update(messageBody="  \n\t "),
    "no-long-code": lambda payload: payload.pop("destinationNumber"),
    "number-body": lambda payload: payload.update(messageBody=12345),
    "no-ids": lambda payload: payload.pop("inboundMessageId"),
}
NOTIFICATION_FLAWS: dict[str, Callable[[dict[str, Any]], None]] = {
    "no-ids": lambda sns: sns.pop("MessageId"),
    "bad-timestamp": lambda sns: sns.update(Timestamp="yesterday around noon"),
    "timestamp-without-zone": lambda sns: sns.update(Timestamp="2026-11-28T21:14:07"),
}


def malformed_event(kind: str) -> dict[str, Any]:
    if kind.endswith(".json"):
        return load_event(kind)
    if kind == "no-records":
        return {"Records": []}
    event = load_event("inbound-alert.json")
    notification = event["Records"][0]["Sns"]
    payload = json.loads(notification["Message"])
    if kind == "not-an-object":
        notification["Message"] = json.dumps([payload])
        return event
    PAYLOAD_FLAWS.get(kind, lambda _: None)(payload)
    NOTIFICATION_FLAWS.get(kind, lambda _: None)(notification)
    notification["Message"] = json.dumps(payload)
    return event


class SnsOutage:
    """A botocore hook that makes the next `publishes` SNS publishes fail."""

    def __init__(self, publishes: int) -> None:
        self.remaining = publishes
        self.failed = 0

    def __call__(self, **_: Any) -> None:
        if self.remaining:
            self.remaining -= 1
            self.failed += 1
            raise ClientError(
                {"Error": {"Code": "InternalError", "Message": "SNS is down"}},
                "Publish",
            )


class PublishSpy:
    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []

    def __call__(self, params: dict[str, Any], **_: Any) -> None:
        self.calls.append(dict(params))


def test_invisible_control_and_direction_marks_are_not_forwarded(
    molenwijk: Neighbourhood, phones: Phones
) -> None:
    event = with_message(
        "inbound-alert.json", messageBody="regel\u0000\u0007 \u202eNiet Jan\u202c hallo"
    )

    deliveries = phones.deliver(event)

    assert {d.body for d in deliveries} == {"[Molenwijk] Jan: regel Niet Jan hallo"}


def test_text_from_the_long_code_itself_is_never_broadcast(
    molenwijk: Neighbourhood, phones: Phones
) -> None:
    event = with_message("inbound-alert.json", originationNumber="+3197010203040")

    assert phones.deliver(event) == []


def test_unknown_long_code_is_logged_masked(
    sandbox: Sandbox, molenwijk: Neighbourhood, phones: Phones
) -> None:
    phones.deliver(with_message("inbound-alert.json", destinationNumber="+31612345650"))

    logged = json.dumps(sandbox.log_lines())
    assert "12345650" not in logged
    assert "***650" in logged


# Exactly once, under concurrency and after failures.


class PublishGate:
    """A botocore hook that holds each broadcast until `parties` texts reached
    one, or a few seconds passed: every text in flight has decided by then."""

    def __init__(self, parties: int) -> None:
        self._barrier = threading.Barrier(parties, timeout=3)

    def __call__(self, params: dict[str, Any], **_: Any) -> None:
        if "TopicArn" not in params:
            return
        with contextlib.suppress(threading.BrokenBarrierError):
            self._barrier.wait()


# Texts handled in threads of one process share powertools' metrics: one
# thread may publish another's, leaving the other none to publish.
SHARED_METRICS = "ignore:No application metrics to publish:UserWarning"


@pytest.fixture
def atomic_requests(monkeypatch: pytest.MonkeyPatch) -> None:
    """One moto request at a time, as DynamoDB applies each write atomically.

    moto's in-process backend has no lock: two transactions in two threads
    can both pass their conditions, which real DynamoDB never lets happen.
    """
    from moto.core.botocore_stubber import BotocoreStubber

    lock = threading.RLock()
    handle = BotocoreStubber.__call__

    def one_at_a_time(self: Any, *args: Any, **kwargs: Any) -> Any:
        with lock:
            return handle(self, *args, **kwargs)

    monkeypatch.setattr(BotocoreStubber, "__call__", one_at_a_time)


def deliver_at_once(
    lambda_client: Client, events: list[dict[str, Any]]
) -> list[BaseException]:
    """Invoke the handler for every event in its own thread, all at once."""
    errors: list[BaseException] = []
    start = threading.Barrier(len(events))

    def invoke(event: dict[str, Any]) -> None:
        start.wait()
        try:
            lambda_client.lambda_.invoke("on_inbound_sms", event)
        except BaseException as error:  # reported by the test
            errors.append(error)

    threads = [threading.Thread(target=invoke, args=(e,)) for e in events]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


def spent(sandbox: Sandbox, molenwijk: Neighbourhood) -> Decimal:
    key = {"pk": partition_of(molenwijk.id), "sk": ACTIVITY}
    item = sandbox.roster_table().get_item(Key=key).get("Item")
    return Activity.from_item(item).spent("2026-11")


@pytest.mark.usefixtures("atomic_requests")
@pytest.mark.filterwarnings(SHARED_METRICS)
def test_ten_identical_texts_at_the_same_moment_are_broadcast_once(
    sandbox: Sandbox, molenwijk: Neighbourhood, lambda_client: Client
) -> None:
    body = "Er wordt ingebroken bij nummer 7!"
    gate = PublishGate(parties=10)
    boto3.DEFAULT_SESSION.events.register("before-call.sns.Publish", gate)  # type: ignore[union-attr]
    sandbox.ledger.take()

    errors = deliver_at_once(lambda_client, [text(SANNE, body) for _ in range(10)])

    assert errors == []
    deliveries = sandbox.ledger.take()
    broadcast = [d for d in deliveries if d.body == f"[Molenwijk] Sanne: {body}"]
    assert recipients(broadcast) == MOLENWIJK_PHONES
    explained = [d.to for d in deliveries if d not in broadcast]
    assert explained == [SANNE]
    logged = boto3.resource("dynamodb").Table("wijkalert-dev-alerts").scan()["Items"]
    assert (
        sorted(str(i.get("reason")) for i in logged)
        == ["None"] + ["duplicate_text"] * 9
    )


@pytest.mark.usefixtures("atomic_requests")
@pytest.mark.filterwarnings(SHARED_METRICS)
def test_alerts_at_the_same_moment_never_spend_past_the_budget(
    sandbox: Sandbox, molenwijk: Neighbourhood, lambda_client: Client
) -> None:
    # Two alerts of EUR 0.45 fit; five arrive at once.
    changed = replace(molenwijk, monthly_budget=Decimal("0.90"))
    sandbox.roster_table().put_item(Item=changed.to_item())
    gate = PublishGate(parties=5)
    boto3.DEFAULT_SESSION.events.register("before-call.sns.Publish", gate)  # type: ignore[union-attr]
    sandbox.ledger.take()

    errors = deliver_at_once(
        lambda_client,
        [text(phone, f"Brand in blok {n}") for n, phone in enumerate(MOLENWIJK_PHONES)],
    )

    assert errors == []
    deliveries = sandbox.ledger.take()
    alerts = [d for d in deliveries if "Brand in blok" in d.body]
    assert len(alerts) == 2 * len(MOLENWIJK_PHONES)
    sent = {MOLENWIJK_PHONES[int(d.body[-1])] for d in alerts}
    held = [d for d in deliveries if "sms-budget" in d.body]
    # Each held sender is told once, and the coordinator (Jan) once.
    told = sorted(d.to for d in held if "Je bericht is niet verstuurd" in d.body)
    assert told == sorted({*MOLENWIJK_PHONES} - sent)
    # Not at all if the text that tripped the limit was Jan's own, told above.
    tripped = [d.to for d in held if "Let op" in d.body]
    assert tripped in ([JAN], [])
    assert spent(sandbox, molenwijk) - Decimal("0.09") * sum(
        d.parts for d in held
    ) == Decimal("0.90")


class FailAfterPublish:
    """A botocore hook: the first DynamoDB write after a publish fails."""

    def __init__(self, operation: str) -> None:
        self.operation = operation
        self.published = False
        self.failed = 0

    def on_publish(self, **_: Any) -> None:
        self.published = True

    def __call__(self, **_: Any) -> None:
        if self.published and not self.failed:
            self.failed += 1
            raise ClientError(
                {"Error": {"Code": "InternalServerError", "Message": "down"}},
                self.operation,
            )


def test_a_failure_after_the_publish_never_sends_the_alert_twice(
    sandbox: Sandbox, molenwijk: Neighbourhood, phones: Phones
) -> None:
    # EUR 0.45 of EUR 0.55: the coordinators are warned after this alert.
    changed = replace(molenwijk, monthly_budget=Decimal("0.55"))
    sandbox.roster_table().put_item(Item=changed.to_item())
    failure = FailAfterPublish("DynamoDB")
    events = boto3.DEFAULT_SESSION.events  # type: ignore[union-attr]
    events.register("after-call.sns.Publish", failure.on_publish)
    for operation in ("Query", "UpdateItem", "TransactWriteItems", "BatchGetItem"):
        events.register(f"before-call.dynamodb.{operation}", failure)

    first = phones.deliver(load_event("inbound-alert.json"))
    again = phones.deliver(load_event("inbound-alert-redelivered.json"))

    assert failure.failed == 1
    assert recipients(first) == sorted([*MOLENWIJK_PHONES, JAN])
    assert again == []


def test_a_retry_after_a_crash_past_the_idempotency_record_sends_nothing(
    sandbox: Sandbox, molenwijk: Neighbourhood, phones: Phones
) -> None:
    first = phones.deliver(load_event("inbound-alert.json"))
    # The Lambda died after the publish and its in-progress record expired.
    remembered = boto3.resource("dynamodb").Table("wijkalert-dev-idempotency")
    for item in remembered.scan()["Items"]:
        remembered.delete_item(Key={"id": item["id"]})

    again = phones.deliver(load_event("inbound-alert-redelivered.json"))

    assert recipients(first) == MOLENWIJK_PHONES
    assert again == []
    assert phones.outcome["outcome"] == "broadcast"
    logged = boto3.resource("dynamodb").Table("wijkalert-dev-alerts").scan()["Items"]
    assert [(i["status"], i["parts"]) for i in logged] == [("broadcast", 1)]


def test_a_failed_publish_gives_its_claim_back_for_the_retry(
    sandbox: Sandbox, molenwijk: Neighbourhood, phones: Phones
) -> None:
    outage = SnsOutage(publishes=1)
    boto3.DEFAULT_SESSION.events.register("before-call.sns.Publish", outage)  # type: ignore[union-attr]
    with pytest.raises(BroadcastFailed):
        phones.deliver(load_event("inbound-alert.json"))
    logged = boto3.resource("dynamodb").Table("wijkalert-dev-alerts").scan()["Items"]
    assert [i["status"] for i in logged] == ["unsent"]
    assert spent(sandbox, molenwijk) == Decimal("0")

    retried = phones.deliver(load_event("inbound-alert.json"))

    assert recipients(retried) == MOLENWIJK_PHONES
    logged = boto3.resource("dynamodb").Table("wijkalert-dev-alerts").scan()["Items"]
    assert [i["status"] for i in logged] == ["broadcast"]
    assert spent(sandbox, molenwijk) == Decimal("0.45")


def test_memory_written_by_a_newer_version_still_lets_alerts_through(
    sandbox: Sandbox, molenwijk: Neighbourhood, phones: Phones
) -> None:
    # As after rolling a deployment back: the neighbourhood's memory of the
    # last hour holds a field this code does not know.
    phones.deliver(text(SANNE, "Rook uit de container bij portiek 4"))
    key = {"pk": partition_of(molenwijk.id), "sk": ACTIVITY}
    table = sandbox.roster_table()
    item = table.get_item(Key=key)["Item"]
    memory = json.loads(str(item["memory"]))
    for stored in memory["broadcasts"] + memory["open_alerts"]:
        stored["written_by_a_newer_version"] = True
    table.update_item(
        Key=key,
        UpdateExpression="SET #memory = :memory",
        ExpressionAttributeNames={"#memory": "memory"},
        ExpressionAttributeValues={":memory": json.dumps(memory)},
    )

    later = phones.deliver(
        text(JAN, "Man met koevoet bij de fietsenstalling", minute=5)
    )

    assert sorted(d.to for d in later) == MOLENWIJK_PHONES
