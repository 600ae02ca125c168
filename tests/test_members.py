"""The roster: members in DynamoDB, their phones on the members topic."""

import boto3
import pytest

from chalicelib.errors import InvalidInput, MemberExists, MemberNotFound
from chalicelib.members import Roster
from chalicelib.neighbourhoods import Neighbourhood
from wijkalert.sandbox import Sandbox


@pytest.fixture
def roster(sandbox: Sandbox) -> Roster:
    molenwijk = sandbox.open_neighbourhood("molenwijk", "Molenwijk", "+3197010203040")
    return sandbox.roster(molenwijk)


def subscribed(neighbourhood: Neighbourhood) -> list[str]:
    reply = boto3.client("sns").list_subscriptions_by_topic(
        TopicArn=neighbourhood.members_topic_arn
    )
    return sorted(
        s["Endpoint"] for s in reply["Subscriptions"] if s["Protocol"] == "sms"
    )


def test_adding_a_member_stores_them_and_subscribes_their_phone(roster: Roster) -> None:
    added = roster.add(
        "06-12345601", "Jan", street="Kastanjelaan 12", role="coordinator"
    )

    assert added.phone == "+31612345601"
    assert roster.get("+31612345601") == added
    assert (added.role, added.status, added.language) == ("coordinator", "active", "nl")
    assert added.subscription_arn
    assert subscribed(roster.neighbourhood) == ["+31612345601"]


@pytest.mark.parametrize(
    "again", ["0031 6 12345601", "+31 (0)6 12345601", "0612345601"]
)
def test_the_same_number_in_another_notation_is_the_same_member(
    roster: Roster, again: str
) -> None:
    roster.add("06-12345601", "Jan")

    with pytest.raises(MemberExists) as refused:
        roster.add(again, "Jan de Tweede")

    assert refused.value.sentence("en") == (
        "+31612345601 is already on the roster of Molenwijk."
    )
    assert roster.get(again) is not None
    assert [m.name for m in roster.members()] == ["Jan"]
    assert subscribed(roster.neighbourhood) == ["+31612345601"]


@pytest.mark.parametrize(
    ("phone", "name", "field", "english"),
    [
        (
            "12",
            "Jan",
            "phone",
            "'12' cannot exist as a phone number; check the digits.",
        ),
        ("hello", "Jan", "phone", "'hello' is not a phone number."),
        (
            "0612345601",
            "  ",
            "name",
            "Please give a name; it stands before every alert this member sends.",
        ),
        ("0612345601", "J" * 31, "name", "The name can be at most 30 characters long."),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(
    roster: Roster, phone: str, name: str, field: str, english: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        roster.add(phone, name)

    assert (refused.value.field, refused.value.sentence("en")) == (field, english)
    assert roster.members() == []
    assert subscribed(roster.neighbourhood) == []


def test_unknown_role_is_refused_naming_the_choices(roster: Roster) -> None:
    with pytest.raises(InvalidInput) as refused:
        roster.add("0612345601", "Jan", role="boss")

    assert refused.value.sentence() == (
        "Rol 'boss' bestaat niet; kies uit: member, coordinator."
    )


def test_making_a_member_inactive_unsubscribes_and_active_again_resubscribes(
    roster: Roster,
) -> None:
    roster.add("0612345601", "Jan")
    roster.add("0612345602", "Fatima")

    paused = roster.update("0612345602", status="inactive")
    assert paused.subscription_arn is None
    assert subscribed(roster.neighbourhood) == ["+31612345601"]

    back = roster.update("0612345602", status="active", street="Kastanjelaan 14")
    assert back.street == "Kastanjelaan 14"
    assert subscribed(roster.neighbourhood) == ["+31612345601", "+31612345602"]


def test_removing_a_member_unsubscribes_and_forgets_them(roster: Roster) -> None:
    roster.add("0612345601", "Jan")
    roster.add("0612345602", "Fatima", street="Kastanjelaan 14")

    roster.remove("+31 6 12345602")

    assert roster.get("0612345602") is None
    assert [m.phone for m in roster.members()] == ["+31612345601"]
    assert subscribed(roster.neighbourhood) == ["+31612345601"]


def test_removing_or_updating_an_unknown_member_says_so(roster: Roster) -> None:
    with pytest.raises(MemberNotFound) as refused:
        roster.remove("0612345609")
    assert (
        refused.value.sentence() == "+31612345609 staat niet op de lijst van Molenwijk."
    )

    with pytest.raises(MemberNotFound):
        roster.update("0612345609", name="Niemand")


def test_listing_filters_by_status_and_role(roster: Roster) -> None:
    roster.add("0612345601", "Jan", role="coordinator")
    roster.add("0612345602", "Fatima")
    roster.add("0612345603", "Ahmed", status="inactive")

    assert [m.name for m in roster.members()] == ["Jan", "Fatima", "Ahmed"]
    assert [m.name for m in roster.members(status="active")] == ["Jan", "Fatima"]
    assert [m.name for m in roster.members(role="coordinator")] == ["Jan"]
    assert subscribed(roster.neighbourhood) == ["+31612345601", "+31612345602"]


def test_members_of_another_neighbourhood_are_not_listed(
    sandbox: Sandbox, roster: Roster
) -> None:
    kometen = sandbox.open_neighbourhood(
        "kometenbuurt", "Kometenbuurt", "+3197010203041"
    )
    sandbox.roster(kometen).add("0612345611", "Noor")
    roster.add("0612345601", "Jan")

    assert [m.name for m in roster.members()] == ["Jan"]
    assert [m.name for m in sandbox.roster(kometen).members()] == ["Noor"]


def test_the_long_code_cannot_be_a_member(roster: Roster) -> None:
    with pytest.raises(InvalidInput) as refused:
        roster.add("+3197010203040", "Lange code")

    assert refused.value.sentence("en") == (
        "+3197010203040 is a neighbourhood's own number and cannot be a member."
    )
    assert subscribed(roster.neighbourhood) == []


def test_dutch_role_words_are_understood(roster: Roster) -> None:
    assert roster.add("0612345601", "Jan", role="Coördinator").role == "coordinator"
    assert roster.add("0612345602", "Fatima", role="lid").role == "member"
