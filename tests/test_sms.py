"""SMS part counting: what the residents are billed for."""

import pytest

from chalicelib import sms


@pytest.mark.parametrize(
    ("text", "encoding", "parts"),
    [
        ("", "GSM-7", 0),
        ("a" * 160, "GSM-7", 1),
        ("a" * 161, "GSM-7", 2),
        ("a" * 306, "GSM-7", 2),
        ("a" * 307, "GSM-7", 3),
        # Extension characters take two septets each.
        ("\u20ac" * 80, "GSM-7", 1),
        ("\u20ac" * 81, "GSM-7", 2),
        ("[" * 80, "GSM-7", 1),
        # An escape sequence is never split across parts: 306 septets would
        # fit 2 x 153, but the euro sign cannot start in the last septet.
        ("a" * 152 + "\u20ac" + "a" * 152, "GSM-7", 3),
        ("a" * 153 + "\u20ac" + "a" * 151, "GSM-7", 2),
        # Accents GSM-7 has stay GSM-7; one it lacks makes the whole text UCS-2.
        ("\u00e9\u00e8\u00fc\u00f6\u00e4\u00f1" * 20, "GSM-7", 1),
        ("Idee\u00ebn", "UCS-2", 1),
        ("b" * 70, "GSM-7", 1),
        ("\u00eb" * 70, "UCS-2", 1),
        ("\u00eb" * 71, "UCS-2", 2),
        ("\u00eb" * 134, "UCS-2", 2),
        ("\u00eb" * 135, "UCS-2", 3),
        # 76 ']' (GSM-7 extension) and one emoji: UCS-2, 78 code units.
        ("]" * 76 + "\U0001f693", "UCS-2", 2),
        # An emoji is two UTF-16 code units and is never split: 33 per part.
        ("\U0001f693" * 35, "UCS-2", 1),
        ("\U0001f693" * 36, "UCS-2", 2),
        ("\U0001f693" * 70, "UCS-2", 3),
    ],
)
def test_parts_are_counted_as_the_network_bills_them(
    text: str, encoding: str, parts: int
) -> None:
    size = sms.measure(text)

    assert (size.encoding, size.parts) == (encoding, parts)
    assert sms.count_parts(text) == parts


def test_emoji_counts_two_utf16_units() -> None:
    assert sms.measure("\U0001f693" * 70).units == 140


def test_curly_apostrophe_makes_an_alert_ucs2() -> None:
    alert = "Kan iemand even kijken? Er staat een busje bij nr 12 \u2019s avonds laat."

    assert sms.encoding_of(alert) == "UCS-2"
    assert sms.encoding_of(alert.replace("\u2019", "'")) == "GSM-7"


def test_broadcast_reads_neighbourhood_and_name_first() -> None:
    assert (
        sms.compose_broadcast("Molenwijk", "Jan", "  Rook uit de kelder!  ")
        == "[Molenwijk] Jan: Rook uit de kelder!"
    )


def test_one_endless_word_is_cut_by_characters_not_dropped() -> None:
    text = "[Molenwijk] Mehmet: Kijk: https://example.org/" + "a" * 460

    cut = sms.shorten(text, 3)

    assert sms.count_parts(cut) == 3
    assert cut.startswith("[Molenwijk] Mehmet: Kijk: https://example.org/aaa")
    assert cut.endswith("...") and len(cut) > 400


def test_a_long_text_is_cut_at_a_word() -> None:
    text = " ".join(["Verdachte situatie bij de garages achter blok C"] * 12)

    cut = sms.shorten(text, 2)

    assert sms.count_parts(cut) == 2
    assert cut.endswith("...")
    assert text.startswith(cut.removesuffix("...") + " ")


@pytest.mark.parametrize(
    ("written", "sent"),
    [
        # Capitals GSM-7 lacks, like the ÈÌÒÙ it already had.
        ("\u00c0 la carte, \u0178vonne", "A la carte, Yvonne"),
        # The soft hyphen is only seen where a word wraps.
        ("fietsen\u00adkelder", "fietsenkelder"),
        ("regel een\u2028regel twee\u2029alinea", "regel een\nregel twee\nalinea"),
        ("\u2039hulp\u203a nodig", "'hulp' nodig"),
        # 'ç' reads as plain 'c', not as the only cedilla GSM-7 has, a capital.
        ("Fa\u00e7ade, terug uit Cura\u00e7ao", "Facade, terug uit Curacao"),
        ("\u00c7 blijft", None),
    ],
)
def test_look_alikes_fill_the_gaps(written: str, sent: str | None) -> None:
    encoded = sms.smart_encode(written)

    assert encoded == (written if sent is None else sent)
    assert sms.encoding_of(encoded) == "GSM-7"


POLICE_OFFICER = "\U0001f46e\u200d\u2642\ufe0f"  # officer, joiner, male sign


def test_clean_keeps_the_joiner_of_an_emoji_sequence() -> None:
    alert = f"  Agent {POLICE_OFFICER} bij portiek 3  "

    assert sms.clean(alert) == f"Agent {POLICE_OFFICER} bij portiek 3"
    assert sms.smart_encode(sms.clean(alert)) == sms.clean(alert)


def test_clean_drops_a_joiner_hidden_in_a_name() -> None:
    assert sms.clean("\u200dJa\u200dn") == "Jan"
