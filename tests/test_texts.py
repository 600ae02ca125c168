"""Every sentence exists in Dutch and English, with the same facts."""

import string

import pytest

from chalicelib import report, texts


@pytest.mark.parametrize("key", sorted(texts.catalogue_keys()))
def test_every_sentence_has_both_languages_with_the_same_placeholders(key: str) -> None:
    def placeholders(language: texts.Language) -> set[str]:
        sentence = texts._CATALOGUE[key][language]
        return {name for _, name, _, _ in string.Formatter().parse(sentence) if name}

    assert texts._CATALOGUE[key]["nl"].strip()
    assert texts._CATALOGUE[key]["en"].strip()
    assert placeholders("nl") == placeholders("en")


def test_unknown_language_falls_back_to_dutch() -> None:
    assert texts.say("phone.empty", "fr") == "Vul een telefoonnummer in."
    assert texts.say("phone.empty", "en") == "Please give a phone number."


@pytest.mark.parametrize(
    ("language", "shown"), [("nl", "EUR 3,42"), ("en", "EUR 3.42"), (None, "EUR 3,42")]
)
def test_an_amount_is_written_with_the_readers_decimal_mark(
    language: str | None, shown: str
) -> None:
    assert "EUR " + texts.decimal("3.42", language) == shown


@pytest.mark.parametrize("key", ["report.month_out_of_range", "api.date_out_of_range"])
def test_the_years_the_log_holds_are_the_reports(key: str) -> None:
    for language in texts.LANGUAGES:
        sentence = texts.say(key, language, value="9999-01")
        assert f"{report.FIRST_YEAR} " in sentence
        assert f" {report.LAST_YEAR}" in sentence
