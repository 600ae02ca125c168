"""The daily schedule, run as Lambda runs it: through the `reconcile_rosters` entry.

The admin API's tests reconcile one neighbourhood on a coordinator's request;
this is the unattended run over every neighbourhood, with the schedule's own
function and role (tests/function_calls.py records its calls for the policy).
"""

import boto3
from chalice.test import Client

from chalicelib.neighbourhoods import Neighbourhood
from tests.test_admin_api import subscribed
from wijkalert.sandbox import Sandbox


def test_the_daily_run_reconciles_every_neighbourhood(
    lambda_client: Client, sandbox: Sandbox, molenwijk: Neighbourhood
) -> None:
    kometen = sandbox.open_neighbourhood(
        "kometenbuurt", "Kometenbuurt", "+3197010203041"
    )
    sandbox.roster(kometen).add("+31612345611", "Noor")
    sns = boto3.client("sns")
    fatima = sandbox.roster(molenwijk).require("+31612345602")
    sns.unsubscribe(SubscriptionArn=str(fatima.subscription_arn))
    sns.subscribe(
        TopicArn=kometen.members_topic_arn, Protocol="sms", Endpoint="+31612345690"
    )
    scheduled = lambda_client.events.generate_cw_event(
        source="aws.events", detail_type="Scheduled Event", detail={}, resources=[]
    )

    reply = lambda_client.lambda_.invoke("reconcile_rosters", scheduled)

    assert reply.payload == {
        "molenwijk": {"subscribed": ["+31612345602"], "unsubscribed": []},
        "kometenbuurt": {"subscribed": [], "unsubscribed": ["+31612345690"]},
    }
    assert "+31612345602" in subscribed(molenwijk)
    assert subscribed(kometen) == ["+31612345611"]
