"""What an escaped error says in the logs, against what its reader sees."""

from chalicelib.errors import InvalidPhoneNumber, SubscriptionFailed


def test_an_escaped_error_never_carries_a_whole_phone_number() -> None:
    error = SubscriptionFailed("member.unsubscribe_failed", phone="+31612345602")

    assert "+31612345602" not in str(error)
    assert str(error).startswith("***602 could not be signed off from alerts")


def test_the_coordinator_still_reads_the_number_they_typed() -> None:
    error = InvalidPhoneNumber("phone.impossible", field="phone", value="06-1234 5601")

    assert "06-1234 5601" in error.sentence("nl")
    assert "06-1234 5601" not in str(error)
