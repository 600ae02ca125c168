"""Phone numbers: every common Dutch notation is one member; garbage is refused."""

import pytest

from chalicelib import phones
from chalicelib.errors import InvalidPhoneNumber


@pytest.mark.parametrize(
    "written",
    [
        "+31612345601",
        "06-12345601",
        "0612345601",
        "06 1234 5601",
        "0031 6 12345601",
        "0031612345601",
        "+31 (0)6 12345601",
        " +31 6 12 34 56 01 ",
    ],
)
def test_dutch_notations_normalise_to_one_e164_number(written: str) -> None:
    assert phones.normalise(written) == "+31612345601"


@pytest.mark.parametrize(
    ("written", "english"),
    [
        ("12", "'12' cannot exist as a phone number; check the digits."),
        (
            "+31 6 1234",
            "'+31 6 1234' cannot exist as a phone number; check the digits.",
        ),
        ("hello", "'hello' is not a phone number."),
        ("abc+31612345610", "'abc+31612345610' is not a phone number."),
        ("06-1234560l", "'06-1234560l' is not a phone number."),
        ("", "Please give a phone number."),
        ("   ", "Please give a phone number."),
    ],
)
def test_impossible_numbers_are_refused_with_a_clear_sentence(
    written: str, english: str
) -> None:
    with pytest.raises(InvalidPhoneNumber) as refused:
        phones.normalise(written)

    assert refused.value.sentence("en") == english
    assert refused.value.field == "phone"


def test_refusal_reads_in_dutch_by_default() -> None:
    with pytest.raises(InvalidPhoneNumber) as refused:
        phones.normalise("hello")

    assert refused.value.sentence() == "'hello' is geen telefoonnummer."


def test_mask_keeps_only_the_last_three_digits() -> None:
    assert phones.mask("+31612345601") == "***601"
    assert phones.mask("12") == "**"
    assert phones.mask("") == ""


@pytest.mark.parametrize("written", ["020-1234567", "0800-1234", "0900-1234"])
def test_a_member_number_must_be_able_to_receive_sms(written: str) -> None:
    with pytest.raises(InvalidPhoneNumber) as refused:
        phones.normalise_mobile(written)

    assert refused.value.field == "phone"
    assert refused.value.sentence("nl") == (
        f"'{written}' is geen mobiel nummer; een lid moet sms'jes kunnen ontvangen. "
        "Vul een 06-nummer in."
    )


def test_a_mobile_number_is_a_member_number() -> None:
    assert phones.normalise_mobile("06-12345601") == "+31612345601"


@pytest.mark.parametrize(
    ("written", "for_the_meeting", "for_the_log"),
    [
        ("bel 06-12345601 aub", "bel [nummer] aub", "bel ***601 aub"),
        (
            "bel +31612345602 of 0612 345 603",
            "bel [nummer] of [nummer]",
            "bel ***602 of ***603",
        ),
        # A typo is still someone's number.
        ("bel 0612345 terug", "bel [nummer] terug", "bel ***345 terug"),
        # A date, a time or an amount is nobody's number and stays readable.
        ("politie 2026-11-03 om 22:15", "politie 2026-11-03 om 22:15", None),
        ("schade 123456 euro, 3 daders", "schade 123456 euro, 3 daders", None),
        # Glued to a word it is still a number; inside an alert's id it is not.
        ("bel06-12345604", "bel[nummer]", "bel***604"),
        (
            "PATCH /alerts/7ce90d4f-c5df-4123-9456-815c6c36d058",
            "PATCH /alerts/7ce90d4f-c5df-4123-9456-815c6c36d058",
            None,
        ),
    ],
)
def test_numbers_in_a_text_are_found_the_same_way_for_report_and_log(
    written: str, for_the_meeting: str, for_the_log: str | None
) -> None:
    assert phones.without_numbers(written, "[nummer]") == for_the_meeting
    assert phones.mask_numbers_in(written) == (for_the_log or written)
