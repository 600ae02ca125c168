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
        # The same at the end of the second part: 459 septets, but the euro
        # sign cannot take septet 306 and the one after it.
        ("a" * 305 + "\u20ac" + "a" * 152, "GSM-7", 4),
        ("a" * 306 + "\u20ac" + "a" * 151, "GSM-7", 3),
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
        # A surrogate pair is never split either: 134 units would fit 2 x 67,
        # but the emoji cannot start in the last unit of the first part.
        ("\u00eb" * 66 + "\U0001f693" + "\u00eb" * 66, "UCS-2", 3),
        ("\u00eb" * 67 + "\U0001f693" + "\u00eb" * 65, "UCS-2", 2),
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


def test_curly_apostrophe_and_ideeen_cost_one_part_only_smart_encoded() -> None:
    alert = (
        "[Molenwijk] Sanne: Er staat al een uur een busje bij nr 12, "
        "d\u2019r zit niemand in. Idee\u00ebn wie het is?"
    )

    assert sms.measure(alert) == sms.SmsSize("UCS-2", 98, 2)
    assert sms.smart_encode(alert) == (
        "[Molenwijk] Sanne: Er staat al een uur een busje bij nr 12, "
        "d'r zit niemand in. Ideeen wie het is?"
    )
    assert sms.measure(sms.smart_encode(alert)) == sms.SmsSize("GSM-7", 100, 1)


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


def test_smart_encoding_never_costs_more_parts() -> None:
    # 70 "…" fit one UCS-2 part; as 210 septets of "..." they would take two.
    assert sms.smart_encode("\u2026" * 70) == "\u2026" * 70


LONG_GSM7 = "[Molenwijk] Jan: " + " ".join(
    ["Verdachte man bij de fietsenstalling van blok C, donkere jas"] * 9
)


def test_an_emoji_at_the_end_is_cut_off_rather_than_the_text() -> None:
    # UCS-2 because of the police car alone: cut as UCS-2 it would keep about
    # 195 characters, as GSM-7 it keeps more than 400 in the same 3 parts.
    text = LONG_GSM7 + " \U0001f693"

    cut = sms.shorten(text, 3)

    assert sms.measure(cut).encoding == "GSM-7"
    assert sms.count_parts(cut) == 3
    assert len(cut) > 400
    assert cut.endswith("...")
    assert text.startswith(cut.removesuffix("...") + " ")


def test_a_cut_that_stays_ucs2_ends_in_one_ellipsis_character() -> None:
    text = "[Molenwijk] Fatima: " + "\u0627\u0644\u0634\u0631\u0637\u0629 " * 80

    cut = sms.shorten(text, 2)

    assert sms.measure(cut).encoding == "UCS-2"
    assert sms.count_parts(cut) == 2
    assert cut.endswith("\u0627\u0644\u0634\u0631\u0637\u0629\u2026")


def test_a_cut_may_smart_encode_what_is_left_only_when_asked() -> None:
    text = LONG_GSM7.replace("Verdachte", "\u201cVerdachte\u201d") + " \U0001f693"

    smart = sms.shorten(text, 3, smart=True)
    as_written = sms.shorten(text, 3)

    assert (sms.measure(smart).encoding, sms.count_parts(smart)) == ("GSM-7", 3)
    assert smart.startswith('[Molenwijk] Jan: "Verdachte" man') and len(smart) > 400
    assert smart.endswith("...")
    assert (sms.measure(as_written).encoding, sms.count_parts(as_written)) == (
        "UCS-2",
        3,
    )
    assert text.startswith(as_written.removesuffix("\u2026"))
    assert as_written.endswith("\u2026")


def test_smart_shorten_of_a_text_that_fits_once_encoded_is_not_cut() -> None:
    text = "\u201cRook\u201d uit de kelder \u2013 " + "kom kijken " * 12

    assert sms.shorten(text, 1, smart=True) == sms.smart_encode(text)


def test_a_cut_falls_at_a_line_break() -> None:
    line = "Verdachte man bij de fietsenstalling van blok C en donkere jas"
    text = "\n".join(["a" * 40, *([line.replace(" ", "_")] * 8)])

    cut = sms.shorten(text, 2)

    assert sms.count_parts(cut) == 2
    assert text.startswith(cut.removesuffix("..."))
    assert text[len(cut) - 3] == "\n"


def test_a_cut_does_not_split_an_emoji_sequence() -> None:
    text = "\u00eb" * 62 + POLICE_OFFICER * 10

    cut = sms.shorten(text, 1)

    assert cut == "\u00eb" * 62 + POLICE_OFFICER + "\u2026"
