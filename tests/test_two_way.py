"""Answers to an alert, through the inbound function: acknowledging and closing.

They write to the alert log the alert created, which the policy must allow
the inbound function (tests/function_calls.py records what it calls).
"""

from typing import Any

import boto3
from boto3.dynamodb.conditions import Key

from chalicelib import config
from chalicelib.neighbourhoods import Neighbourhood
from tests.conftest import MOLENWIJK_PHONES, Phones, load_event, with_message
from wijkalert.sandbox import ENVIRONMENT


def logged_alert(neighbourhood: Neighbourhood) -> dict[str, Any]:
    table = boto3.resource("dynamodb").Table(ENVIRONMENT[config.ALERTS_TABLE])
    (alert,) = table.query(
        KeyConditionExpression=Key("neighbourhood_id").eq(neighbourhood.id)
    )["Items"]
    return dict(alert)


def test_a_neighbour_on_the_way_is_noted_and_the_sender_told(
    molenwijk: Neighbourhood, phones: Phones
) -> None:
    phones.deliver(load_event("inbound-alert.json"))

    told = phones.deliver(load_event("inbound-reply-to-alert.json"))

    assert phones.outcome["outcome"] == "acknowledged"
    assert [d.to for d in told] == ["+31612345601"]
    responders = logged_alert(molenwijk)["responders"]
    assert set(responders) == {"+31612345603"}


def test_the_sender_closes_the_alert_for_everyone(
    molenwijk: Neighbourhood, phones: Phones
) -> None:
    phones.deliver(load_event("inbound-alert.json"))

    told = phones.deliver(
        with_message(
            "inbound-alert.json",
            messageBody="Klaar",
            inboundMessageId="5e4d3c2b-1a0f-5e9d-8c7b-6a5f4e3d2c1b",
        )
    )

    assert phones.outcome["outcome"] == "closed"
    assert sorted(d.to for d in told) == MOLENWIJK_PHONES
    assert logged_alert(molenwijk)["closed_by"] == "Jan"


# Joining and leaving, which change the roster and the members topic.


def test_start_after_stop_subscribes_the_member_again(
    molenwijk: Neighbourhood, phones: Phones
) -> None:
    phones.deliver(load_event("inbound-stop.json"))

    confirmed = phones.deliver(
        with_message(
            "inbound-stop.json",
            messageKeyword="START",
            messageBody="START",
            inboundMessageId="6f5e4d3c-2b1a-5f0e-9d8c-7b6a5f4e3d2c",
        )
    )

    assert phones.outcome["outcome"] == "opted_in"
    assert [d.to for d in confirmed] == ["+31612345602"]
    assert sorted(d.to for d in phones.deliver(load_event("inbound-alert.json"))) == (
        MOLENWIJK_PHONES
    )


def test_a_strangers_request_to_join_reaches_the_coordinator(
    molenwijk: Neighbourhood, phones: Phones
) -> None:
    told = phones.deliver(
        with_message(
            "inbound-unknown-sender.json",
            originationNumber="+31612345611",
            messageBody="Aanmelden Noor, Kastanjelaan 3",
        )
    )

    assert phones.outcome["outcome"] == "join_requested"
    assert [d.to for d in told] == ["+31612345601"]
