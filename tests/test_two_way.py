"""Two-way SMS: keywords, joining, acknowledgements, closing and protection.

Every test drives real-format SNS events through the Lambda handler and
asserts exactly who received which SMS.
"""

import itertools
import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import boto3
import pytest

from chalicelib.neighbourhoods import Neighbourhood
from tests.conftest import MOLENWIJK_PHONES, Api, Phones, load_event
from wijkalert.sandbox import Delivery, Sandbox

JAN, FATIMA, AHMED, SANNE, MEHMET = MOLENWIJK_PHONES
START = datetime(2026, 11, 28, 21, 0, tzinfo=UTC)
_ids = itertools.count(1)


def text(sender: str, body: str, minute: float = 0, **extra: Any) -> dict[str, Any]:
    """A real-format inbound SMS event from `sender`, `minute` minutes after START."""
    event = load_event("inbound-alert.json")
    notification = event["Records"][0]["Sns"]
    number = next(_ids)
    payload = {
        "originationNumber": sender,
        "destinationNumber": "+3197010203040",
        "messageKeyword": "",
        "messageBody": body,
        "inboundMessageId": f"two-way-{number}",
        **extra,
    }
    notification["Message"] = json.dumps(payload)
    notification["MessageId"] = f"sns-two-way-{number}"
    at = START + timedelta(minutes=minute)
    notification["Timestamp"] = at.isoformat(timespec="milliseconds").replace(
        "+00:00", "Z"
    )
    return event


def received(deliveries: list[Delivery]) -> list[tuple[str, str]]:
    return sorted((d.to, d.body) for d in deliveries)


def everyone(body: str, phones: list[str] = MOLENWIJK_PHONES) -> list[tuple[str, str]]:
    return sorted((phone, body) for phone in phones)


def status_of(sandbox: Sandbox, molenwijk: Neighbourhood, phone: str) -> str:
    return sandbox.roster(molenwijk).require(phone).status


def subscribed(neighbourhood: Neighbourhood) -> list[str]:
    reply = boto3.client("sns").list_subscriptions_by_topic(
        TopicArn=neighbourhood.members_topic_arn
    )
    return sorted(
        s["Endpoint"] for s in reply["Subscriptions"] if s["Protocol"] == "sms"
    )


def alert_log() -> list[dict[str, Any]]:
    items = boto3.resource("dynamodb").Table("wijkalert-dev-alerts").scan()["Items"]
    return sorted(items, key=lambda item: str(item["sk"]))


def variants(word: str) -> list[str]:
    return [word.upper(), f"  {word.lower()}  ", f" {word.capitalize()}."]


OPTED_OUT = (
    "[Molenwijk] Je bent afgemeld en krijgt geen meldingen meer. "
    "Stuur START om weer mee te doen."
)
OPTED_IN = (
    "[Molenwijk] Welkom terug! Je krijgt de meldingen weer. "
    "Stuur STOP om je af te melden."
)


# Keywords.


@pytest.mark.parametrize(
    "word",
    [
        written
        for word in ("stop", "stopall", "afmelden", "unsubscribe", "cancel", "end")
        + ("quit", "optout", "opt-out", "revoke")
        for written in variants(word)
    ],
)
def test_opt_out_word_unsubscribes_and_confirms_to_the_sender_only(
    sandbox: Sandbox, molenwijk: Neighbourhood, phones: Phones, word: str
) -> None:
    deliveries = phones.deliver(text(FATIMA, word))

    assert received(deliveries) == [(FATIMA, OPTED_OUT)]
    assert status_of(sandbox, molenwijk, FATIMA) == "opted_out"
    assert FATIMA not in subscribed(molenwijk)


@pytest.mark.parametrize("word", variants("start") + variants("aanmelden"))
def test_start_or_aanmelden_brings_an_opted_out_member_back(
    sandbox: Sandbox, molenwijk: Neighbourhood, phones: Phones, word: str
) -> None:
    phones.deliver(text(FATIMA, "STOP"))

    deliveries = phones.deliver(text(FATIMA, word, minute=1))

    assert received(deliveries) == [(FATIMA, OPTED_IN)]
    assert status_of(sandbox, molenwijk, FATIMA) == "active"
    assert subscribed(molenwijk) == MOLENWIJK_PHONES


def test_an_opted_out_member_is_left_out_of_the_next_alert(
    molenwijk: Neighbourhood, phones: Phones
) -> None:
    phones.deliver(text(FATIMA, "stop"))

    deliveries = phones.deliver(text(JAN, "Brandlucht in portiek 12", minute=1))

    assert [d.to for d in sorted(deliveries, key=lambda d: d.to)] == [
        JAN,
        AHMED,
        SANNE,
        MEHMET,
    ]


@pytest.mark.parametrize(
    "word", [w for word in ("help", "hulp", "info") for w in variants(word)]
)
def test_help_word_answers_the_sender_with_the_commands_and_112(
    molenwijk: Neighbourhood, phones: Phones, word: str
) -> None:
    deliveries = phones.deliver(text(AHMED, word))

    assert [d.to for d in deliveries] == [AHMED]
    assert "STOP" in deliveries[0].body and deliveries[0].body.endswith(
        "Spoed? Bel 112."
    )
    assert deliveries[0].parts == 1


@pytest.mark.parametrize(
    "sentence", ["We moeten dit stoppen", "STOP die man!", "Help, inbraak nr 4!"]
)
def test_sentences_containing_a_keyword_are_alerts(
    molenwijk: Neighbourhood, phones: Phones, sentence: str
) -> None:
    deliveries = phones.deliver(text(SANNE, sentence))

    assert received(deliveries) == everyone(f"[Molenwijk] Sanne: {sentence}")


def test_the_shipped_stop_event_is_an_opt_out_not_a_broadcast(
    molenwijk: Neighbourhood, phones: Phones
) -> None:
    deliveries = phones.deliver(load_event("inbound-stop.json"))

    assert received(deliveries) == [(FATIMA, OPTED_OUT)]


# Joining.


def test_join_request_is_approved_by_a_coordinator(
    sandbox: Sandbox, molenwijk: Neighbourhood, phones: Phones, api: Api
) -> None:
    anna = "+31612345610"

    asked = phones.deliver(text(anna, "AANMELDEN Anna, Lindelaan 1"))
    assert received(asked) == [
        (
            JAN,
            "[Molenwijk] Aanmelding van Anna (+31612345610). Keur goed of af met: "
            "wijkalert members approve of refuse +31612345610",
        )
    ]
    assert status_of(sandbox, molenwijk, anna) == "pending"
    assert phones.deliver(text(anna, "Hallo?", minute=1)) == []

    sandbox.ledger.take()
    approved = api.call("POST", f"/members/{anna}/approve")
    assert approved.status_code == 200
    assert approved.json_body["status"] == "active"
    assert [d.to for d in sandbox.ledger.take()] == [anna]

    alert = phones.deliver(text(JAN, "Verdacht busje bij de garages", minute=2))
    assert anna in [d.to for d in alert]


def test_refused_join_request_is_told_and_forgotten(
    sandbox: Sandbox, molenwijk: Neighbourhood, phones: Phones, api: Api
) -> None:
    anna = "+31612345610"
    phones.deliver(text(anna, "join"))

    sandbox.ledger.take()
    refused = api.call("POST", f"/members/{anna}/refuse")

    assert refused.status_code == 204
    assert received(sandbox.ledger.take()) == [
        (
            anna,
            "[Molenwijk] Je aanmelding is niet goedgekeurd. Vragen? Spreek een "
            "coördinator van de buurt aan.",
        )
    ]
    assert sandbox.roster(molenwijk).get(anna) is None


def test_approving_someone_who_did_not_ask_is_refused(api: Api) -> None:
    response = api.call("POST", f"/members/{FATIMA}/approve")

    assert response.status_code == 409


# Acknowledgements.


def test_acknowledgements_go_to_the_alert_sender_only(
    molenwijk: Neighbourhood, phones: Phones
) -> None:
    phones.deliver(text(JAN, "Man probeert fietsen open te breken bij nr 12"))

    first = phones.deliver(text(AHMED, "Ik kom eraan, 2 min", minute=3))
    second = phones.deliver(text(SANNE, "ok.", minute=4))
    again = phones.deliver(text(AHMED, "KOM", minute=5))

    assert received(first) == [(JAN, "[Molenwijk] Ahmed komt (1)")]
    assert received(second) == [(JAN, "[Molenwijk] Sanne komt (2)")]
    # Ahmed's second "KOM" is no news to Jan: he already knows Ahmed comes.
    assert again == []
    responders = alert_log()[0]["responders"]
    assert sorted(r["name"] for r in responders.values()) == ["Ahmed", "Sanne"]
    assert responders[AHMED]["remark"] == "eraan, 2 min"


def test_acknowledgement_names_the_alert_aws_says_it_answers(
    molenwijk: Neighbourhood, phones: Phones
) -> None:
    phones.deliver(text(JAN, "Rook bij de garages"))
    phones.deliver(text(SANNE, "Hond loopt los op het plein", minute=2))
    activity = (
        boto3.resource("dynamodb")
        .Table("wijkalert-dev-roster")
        .get_item(Key={"pk": "NBH#molenwijk", "sk": "ACTIVITY"})["Item"]
    )
    jans = json.loads(str(activity["memory"]))["broadcasts"][0]["message_id"]

    deliveries = phones.deliver(
        text(AHMED, "onderweg", minute=3, previousPublishedMessageId=jans)
    )

    assert received(deliveries) == [(JAN, "[Molenwijk] Ahmed komt (1)")]


def test_the_shipped_reply_event_acknowledges_the_latest_alert(
    molenwijk: Neighbourhood, phones: Phones
) -> None:
    phones.deliver(load_event("inbound-alert.json"))

    deliveries = phones.deliver(load_event("inbound-reply-to-alert.json"))

    assert received(deliveries) == [(JAN, "[Molenwijk] Ahmed komt (1)")]


def test_bare_acknowledgement_after_the_window_is_held_and_explained_once(
    molenwijk: Neighbourhood, phones: Phones
) -> None:
    phones.deliver(text(JAN, "Inbraak bij nr 3"))

    late = phones.deliver(text(AHMED, "OK", minute=31))
    later = phones.deliver(text(AHMED, "ja", minute=32))

    assert received(late) == [
        (
            AHMED,
            "[Molenwijk] Je reactie is niet doorgestuurd: er is geen melding van "
            "het afgelopen half uur.",
        )
    ]
    assert later == []


def test_acknowledgement_with_words_after_the_window_is_an_alert(
    molenwijk: Neighbourhood, phones: Phones
) -> None:
    deliveries = phones.deliver(text(AHMED, "Kom snel, brand bij nr 8", minute=0))

    assert received(deliveries) == everyone(
        "[Molenwijk] Ahmed: Kom snel, brand bij nr 8"
    )


# Closing the loop.


def test_sender_closes_the_alert_with_its_outcome(
    molenwijk: Neighbourhood, phones: Phones
) -> None:
    phones.deliver(text(JAN, "Man met koevoet bij portiek 12"))

    closing = phones.deliver(
        text(JAN, "KLAAR politie heeft man aangehouden", minute=20)
    )

    assert received(closing) == everyone(
        "[Molenwijk] Afgerond: politie heeft man aangehouden"
    )
    logged = alert_log()[0]
    assert (logged["outcome"], logged["closed_by"]) == (
        "politie heeft man aangehouden",
        "Jan",
    )
    assert phones.deliver(text(JAN, "afgerond", minute=21)) == [
        Delivery(JAN, "[Molenwijk] Er is geen open melding om af te ronden.", 1)
    ]


def test_coordinator_closes_someone_elses_alert(
    molenwijk: Neighbourhood, phones: Phones
) -> None:
    phones.deliver(text(SANNE, "Auto met draaiende motor bij de school"))

    closing = phones.deliver(text(JAN, "afgerond.", minute=40))

    assert received(closing) == everyone("[Molenwijk] Afgerond.")


def test_another_member_may_not_close_an_alert(
    molenwijk: Neighbourhood, phones: Phones
) -> None:
    phones.deliver(text(JAN, "Inbreker gezien op het dak"))

    refused = phones.deliver(text(FATIMA, "KLAAR", minute=5))
    closed = phones.deliver(text(JAN, "KLAAR hij is weg", minute=6))

    assert received(refused) == [
        (
            FATIMA,
            "[Molenwijk] Alleen Jan, die de melding stuurde, of een coördinator "
            "kan de melding afronden. Iets te melden? Begin dan niet met KLAAR of "
            "AFGEROND.",
        )
    ]
    assert received(closed) == everyone("[Molenwijk] Afgerond: hij is weg")


def test_a_refused_closing_with_an_outcome_never_reaches_everyone(
    molenwijk: Neighbourhood, phones: Phones
) -> None:
    phones.deliver(text(JAN, "Inbreker gezien op het dak"))

    refused = phones.deliver(text(FATIMA, "KLAAR politie is er", minute=5))

    assert [d.to for d in refused] == [FATIMA]
    assert [item["status"] for item in alert_log()] == ["broadcast"]


def test_a_sender_closes_their_own_alert_after_a_newer_one(
    molenwijk: Neighbourhood, phones: Phones
) -> None:
    phones.deliver(text(FATIMA, "Scooter gestolen bij portiek 4"))
    phones.deliver(text(SANNE, "Rook uit de container", minute=2))
    phones.deliver(text(FATIMA, "KLAAR politie is er", minute=5))
    # Sanne's alert is still open: her own KLAAR closes it.
    sannes = phones.deliver(text(SANNE, "KLAAR brandweer heeft het geblust", minute=6))

    closed = {item["body"]: item.get("outcome") for item in alert_log()}
    assert closed["Scooter gestolen bij portiek 4"] == "politie is er"
    assert closed["Rook uit de container"] == "brandweer heeft het geblust"
    assert received(sannes) == everyone(
        "[Molenwijk] Afgerond: brandweer heeft het geblust"
    )


def test_a_closing_past_the_budget_is_held_told_once_and_the_alert_stays_open(
    sandbox: Sandbox, molenwijk: Neighbourhood, phones: Phones
) -> None:
    # One alert to 5 members at EUR 0.09 uses the whole budget.
    budget = replace(molenwijk, monthly_budget=Decimal("0.45"))
    sandbox.roster_table().put_item(Item=budget.to_item())
    phones.deliver(text(JAN, "Man met koevoet bij portiek 12"))

    held = phones.deliver(text(JAN, "KLAAR politie was er", minute=10))
    again = phones.deliver(text(JAN, "KLAAR politie was er echt", minute=11))

    assert received(held) == [
        (
            JAN,
            "[Molenwijk] Je bericht is niet verstuurd: het sms-budget van de buurt "
            "voor deze maand is op. Spoed? Bel 112.",
        )
    ]
    assert again == []
    assert "closed_at" not in alert_log()[0]
    assert phones.outcome["outcome"] == "held_back"


def test_a_closing_counts_as_a_broadcast_for_the_neighbourhood_limit(
    molenwijk: Neighbourhood, phones: Phones
) -> None:
    for i in range(19):
        phones.deliver(
            text(MOLENWIJK_PHONES[(i + 1) % 5], f"Melding {i + 1}", minute=i * 2.4)
        )

    closing = phones.deliver(text(JAN, "KLAAR", minute=46))
    twenty_first = phones.deliver(text(AHMED, "Nog een melding", minute=47))

    assert received(closing) == everyone("[Molenwijk] Afgerond.")
    # Ahmed is told; Jan, the coordinator, hears the limit tripped.
    assert sorted(d.to for d in twenty_first) == [JAN, AHMED]
    assert alert_log()[-1]["reason"] == "neighbourhood_rate"


# Protection.


def test_a_phone_that_auto_replies_to_every_broadcast_forms_no_loop(
    molenwijk: Neighbourhood, phones: Phones
) -> None:
    first = phones.deliver(text(JAN, "Verdachte man bij de fietsenstalling"))
    echoes = [
        phones.deliver(
            text(MEHMET, "Automatisch antwoord: ik ben afwezig tot maandag.", minute=m)
        )
        for m in range(1, 6)
    ]

    assert received(first) == everyone(
        "[Molenwijk] Jan: Verdachte man bij de fietsenstalling"
    )
    assert echoes == [[]] * 5
    held = [item for item in alert_log() if item["status"] == "suppressed"]
    assert [item["reason"] for item in held] == ["auto_reply"] * 5


def test_ten_identical_texts_in_a_minute_are_broadcast_once(
    molenwijk: Neighbourhood, phones: Phones
) -> None:
    body = "Er wordt ingebroken bij nummer 7!"

    sent = [phones.deliver(text(SANNE, body, minute=i / 10)) for i in range(10)]

    assert received(sent[0]) == everyone(f"[Molenwijk] Sanne: {body}")
    assert received([d for batch in sent[1:] for d in batch]) == [
        (
            SANNE,
            "[Molenwijk] Je bericht is niet opnieuw verstuurd: dezelfde melding ging "
            "het afgelopen uur al rond.",
        )
    ]
    held = [item for item in alert_log() if item["status"] == "suppressed"]
    assert [item["reason"] for item in held] == ["duplicate_text"] * 9


def test_twenty_five_alerts_in_an_hour_stop_at_twenty(
    molenwijk: Neighbourhood, phones: Phones
) -> None:
    deliveries = [
        phones.deliver(
            text(MOLENWIJK_PHONES[(i + 1) % 5], f"Melding {i + 1}", minute=i * 2.4)
        )
        for i in range(25)
    ]

    broadcast = [batch for batch in deliveries if len(batch) == 5]
    held = deliveries[20:]
    assert len(broadcast) == 20
    assert all(len(batch) == 5 for batch in deliveries[:20])
    notices = received([d for batch in held for d in batch])
    coordinator_trips = [n for n in notices if "Let op" in n[1]]
    assert coordinator_trips == [
        (
            JAN,
            "[Molenwijk] Let op: er gingen dit uur al 20 meldingen rond; nieuwe "
            "worden tegengehouden.",
        )
    ]
    explained = sorted(to for to, body in notices if "niet verstuurd" in body)
    assert explained == MOLENWIJK_PHONES
    assert sum(item["status"] == "suppressed" for item in alert_log()) == 5


def test_a_member_sending_four_alerts_in_ten_minutes_is_held_at_three(
    molenwijk: Neighbourhood, phones: Phones
) -> None:
    batches = [
        phones.deliver(text(AHMED, f"Update {n}: hij loopt nu verder", minute=n * 2))
        for n in range(4)
    ]

    assert [len(batch) for batch in batches[:3]] == [5, 5, 5]
    assert received(batches[3]) == sorted(
        [
            (
                AHMED,
                "[Molenwijk] Je bericht is niet verstuurd: je stuurde al 3 meldingen "
                "in 10 minuten. Spoed? Bel 112.",
            ),
            (
                JAN,
                "[Molenwijk] Let op: Ahmed stuurde meer dan 3 meldingen in 10 "
                "minuten; de rest wordt tegengehouden.",
            ),
        ]
    )


def test_two_parts_of_a_long_text_are_two_texts(
    molenwijk: Neighbourhood, phones: Phones
) -> None:
    first = phones.deliver(text(FATIMA, "Man in donkere jas en rode rugzak loopt"))
    second = phones.deliver(text(FATIMA, "richting het winkelcentrum", minute=0.01))

    assert len(first) == 5 and len(second) == 5


# Auto-replies are templates, not words inside an alert.

AUTO_REPLIES = [
    "Automatisch antwoord: ik ben afwezig tot maandag.",
    "Dit is een automatisch antwoord. Ik ben er even niet.",
    # An iPhone writes a typographic apostrophe.
    "I\u2019m driving with Driving Focus turned on. I\u2019ll see your message when "
    "I get where I\u2019m going.",
    "I'm driving right now - I'll get back to you later.",
    "Ik rijd nu auto, ik bel je later terug.",
    "Out of office: back on Monday",
    "Afwezigheidsassistent: ik ben afwezig tot 3 januari.",
    "Ik ben er even niet. Ik bel je zo snel mogelijk terug.",
    "Ik bel je zo terug",
    "Ik ben op vakantie tot 12 mei.",
    "Niet storen",
]


@pytest.mark.parametrize("reply", AUTO_REPLIES)
def test_an_auto_reply_is_held_and_answered_by_nobody(
    molenwijk: Neighbourhood, phones: Phones, reply: str
) -> None:
    assert phones.deliver(text(MEHMET, reply)) == []
    assert [(i["status"], i.get("reason")) for i in alert_log()] == [
        ("suppressed", "auto_reply")
    ]


@pytest.mark.parametrize(
    "alert",
    [
        "Inbraak bij nr 5, bewoners zijn op vakantie tot zondag!",
        "Vakantiehuis op nr 3 opengebroken, do not disturb bordje hangt er nog",
        "Niet storen? Er staat een man met een koevoet in de tuin van nr 4",
        "Ik rijd net langs nr 5 en zie rook uit het dak!",
        "Ik ben op vakantie tot zondag, maar de camera ziet iemand in mijn tuin!",
        "Ik ben er niet, maar mijn alarm gaat af op Kastanjelaan 3. Wie kijkt?",
    ],
)
def test_an_alert_that_mentions_being_away_goes_round(
    molenwijk: Neighbourhood, phones: Phones, alert: str
) -> None:
    deliveries = phones.deliver(text(SANNE, alert))

    assert received(deliveries) == everyone(f"[Molenwijk] Sanne: {alert}")


# An acknowledgement's remark says when one comes; anything more is an alert.


@pytest.mark.parametrize(
    ("reply", "remark"),
    [
        ("Ik kom eraan, 2 min", "eraan, 2 min"),
        ("onderweg 5 min", "5 min"),
        ("ok kom eraan", "kom eraan"),
        ("Ja, ik kom er zo aan", "ik kom er zo aan"),
        ("OMW 5m", "5m"),
        ("ok \U0001f44d", "\U0001f44d"),
    ],
)
def test_a_short_remark_after_an_acknowledgement_reaches_the_sender_only(
    molenwijk: Neighbourhood, phones: Phones, reply: str, remark: str
) -> None:
    phones.deliver(text(JAN, "Man probeert fietsen open te breken bij nr 12"))

    deliveries = phones.deliver(text(AHMED, reply, minute=2))

    assert received(deliveries) == [(JAN, "[Molenwijk] Ahmed komt (1)")]
    assert alert_log()[0]["responders"][AHMED]["remark"] == remark


@pytest.mark.parametrize(
    "alert",
    [
        "Ja, er is brand bij nr 5!",
        "Kom allemaal, inbreker bij nr 9",
        "Ja, brand nr 5",
        "Kom snel!",
        "Ok, de man loopt nu richting de school",
    ],
)
def test_news_after_an_acknowledgement_word_is_an_alert(
    molenwijk: Neighbourhood, phones: Phones, alert: str
) -> None:
    phones.deliver(text(JAN, "Man probeert fietsen open te breken bij nr 12"))

    deliveries = phones.deliver(text(AHMED, alert, minute=2))

    assert received(deliveries) == everyone(f"[Molenwijk] Ahmed: {alert}")


def test_a_reply_to_a_closed_alert_is_not_credited_to_a_newer_one(
    molenwijk: Neighbourhood, phones: Phones
) -> None:
    phones.deliver(text(JAN, "Rook bij de garages"))
    jans = broadcast_ids()[0]
    phones.deliver(text(JAN, "KLAAR brandweer is er", minute=1))
    phones.deliver(text(SANNE, "Hond loopt los op het plein", minute=2))

    deliveries = phones.deliver(
        text(AHMED, "onderweg", minute=3, previousPublishedMessageId=jans)
    )

    assert received(deliveries) == [
        (
            AHMED,
            "[Molenwijk] Je reactie is niet doorgestuurd: de melding is al afgerond.",
        )
    ]
    assert all(not item["responders"] for item in alert_log())


def test_a_reply_just_after_the_closing_is_told_the_alert_was_closed(
    molenwijk: Neighbourhood, phones: Phones, api: Api
) -> None:
    api.call("PATCH", f"/members/{SANNE}", {"language": "en"})
    phones.deliver(text(JAN, "Man met koevoet bij portiek 12"))
    phones.deliver(text(JAN, "KLAAR politie is er", minute=10))

    dutch = phones.deliver(text(AHMED, "Ik kom", minute=12))
    english = phones.deliver(text(SANNE, "coming", minute=13))
    again = phones.deliver(text(AHMED, "kom", minute=14))

    # Only the answerer hears of it, once an hour; Jan hears of nobody coming.
    assert received(dutch) == [
        (
            AHMED,
            "[Molenwijk] Je reactie is niet doorgestuurd: de melding is al afgerond.",
        )
    ]
    assert received(english) == [
        (
            SANNE,
            "[Molenwijk] Your reply was not passed on: the alert was already closed.",
        )
    ]
    assert again == []
    alert, *replies = alert_log()
    assert not alert["responders"]
    assert [(r["status"], r["reason"]) for r in replies] == [
        ("suppressed", "closed_alert")
    ] * 3
    export = api.call("GET", "/alerts/export", headers={"accept-language": "en"})
    assert (
        export.body.decode().count("it is a reply, but the alert was already closed")
        == 3
    )


def test_a_reply_after_the_window_to_a_closed_alert_is_still_too_late(
    molenwijk: Neighbourhood, phones: Phones
) -> None:
    phones.deliver(text(JAN, "Man met koevoet bij portiek 12"))
    phones.deliver(text(JAN, "KLAAR politie is er", minute=20))

    late = phones.deliver(text(AHMED, "Ik kom", minute=31))

    assert received(late) == [
        (
            AHMED,
            "[Molenwijk] Je reactie is niet doorgestuurd: er is geen melding van "
            "het afgelopen half uur.",
        )
    ]
    assert alert_log()[-1]["reason"] == "stale_reply"


def test_an_acknowledgement_is_not_sent_to_a_sender_who_left(
    molenwijk: Neighbourhood, phones: Phones
) -> None:
    phones.deliver(text(JAN, "Man probeert fietsen open te breken bij nr 12"))
    phones.deliver(text(JAN, "STOP", minute=1))

    deliveries = phones.deliver(text(AHMED, "Ik kom eraan", minute=2))

    assert deliveries == []
    assert list(alert_log()[0]["responders"]) == [AHMED]


def broadcast_ids() -> list[str]:
    """The SNS message ids of the broadcasts the neighbourhood remembers."""
    activity = (
        boto3.resource("dynamodb")
        .Table("wijkalert-dev-roster")
        .get_item(Key={"pk": "NBH#molenwijk", "sk": "ACTIVITY"})["Item"]
    )
    # Written after each publish beside the memory, by alert id.
    published = activity.get("published", {})
    broadcasts = json.loads(str(activity["memory"]))["broadcasts"]
    return [
        str(published[b["alert_id"]]) for b in broadcasts if b["alert_id"] in published
    ]


# Strangers, requests and keyword replies.

ANNA = "+31612345610"  # not on the roster
BOB = "+31612345611"  # not on the roster either
ALREADY_IN = (
    "[Molenwijk] Je doet al mee en krijgt de meldingen. "
    "Stuur HULP voor de mogelijkheden."
)


@pytest.mark.parametrize("word", ["STOP", " stop. ", "Afmelden", "UNSUBSCRIBE"])
def test_a_strangers_stop_word_is_never_answered(
    sandbox: Sandbox, molenwijk: Neighbourhood, phones: Phones, word: str
) -> None:
    assert phones.deliver(text(ANNA, word)) == []
    assert phones.outcome["outcome"] == "unknown_sender"
    assert sandbox.roster(molenwijk).get(ANNA) is None


def test_a_requesters_stop_withdraws_the_request_without_a_reply(
    sandbox: Sandbox, molenwijk: Neighbourhood, phones: Phones
) -> None:
    phones.deliver(text(ANNA, "AANMELDEN Anna, Lindelaan 1"))

    withdrawn = phones.deliver(text(ANNA, "Stop.", minute=1))

    assert withdrawn == []
    assert sandbox.roster(molenwijk).get(ANNA) is None
    assert ANNA not in subscribed(molenwijk)


@pytest.mark.parametrize(
    "foreign",
    [
        "+3225550101",  # fictional Belgian number
        "+2348020000000",  # fictional Nigerian number
    ],
)
def test_a_join_request_from_abroad_is_not_recorded_nor_passed_on(
    sandbox: Sandbox, molenwijk: Neighbourhood, phones: Phones, foreign: str
) -> None:
    assert phones.deliver(text(foreign, "JOIN Bob, Lindelaan 2")) == []
    assert phones.outcome["outcome"] == "unknown_sender"
    assert sandbox.roster(molenwijk).get(foreign) is None
    lines = sandbox.log_lines()
    assert foreign[3:] not in json.dumps(lines)


def test_coordinators_hear_of_join_requests_once_an_hour(
    sandbox: Sandbox, molenwijk: Neighbourhood, phones: Phones
) -> None:
    first = phones.deliver(text(ANNA, "AANMELDEN Anna, Lindelaan 1"))
    second = phones.deliver(text(BOB, "join Bob", minute=10))
    later = phones.deliver(text("+31612345612", "aanmelden Carla", minute=61))

    assert [d.to for d in first] == [JAN]
    assert second == []
    assert status_of(sandbox, molenwijk, BOB) == "pending"
    assert [d.to for d in later] == [JAN]
    assert "Carla" in later[0].body


def test_a_help_loop_is_answered_once_an_hour(
    molenwijk: Neighbourhood, phones: Phones
) -> None:
    first = phones.deliver(text(AHMED, "HELP"))
    again = [phones.deliver(text(AHMED, "help", minute=m)) for m in (1, 2, 30)]
    next_hour = phones.deliver(text(AHMED, "Hulp", minute=61))

    assert [d.to for d in first] == [AHMED]
    assert again == [[], [], []]
    assert [d.to for d in next_hour] == [AHMED]


def test_repeated_stop_from_an_opted_out_member_is_confirmed_once(
    sandbox: Sandbox, molenwijk: Neighbourhood, phones: Phones
) -> None:
    first = phones.deliver(text(FATIMA, "STOP"))
    again = [phones.deliver(text(FATIMA, "stop", minute=m)) for m in (1, 2, 3)]

    assert received(first) == [(FATIMA, OPTED_OUT)]
    assert again == [[], [], []]
    assert status_of(sandbox, molenwijk, FATIMA) == "opted_out"


def test_an_opt_out_is_confirmed_even_right_after_another_reply(
    sandbox: Sandbox, molenwijk: Neighbourhood, phones: Phones
) -> None:
    phones.deliver(text(FATIMA, "HELP"))
    phones.deliver(text(FATIMA, "START", minute=1))

    left = phones.deliver(text(FATIMA, "STOP", minute=2))

    assert received(left) == [(FATIMA, OPTED_OUT)]
    assert status_of(sandbox, molenwijk, FATIMA) == "opted_out"


def test_start_from_an_active_member_is_answered_once_an_hour(
    molenwijk: Neighbourhood, phones: Phones
) -> None:
    first = phones.deliver(text(SANNE, "START"))
    again = phones.deliver(text(SANNE, "start", minute=5))

    assert received(first) == [(SANNE, ALREADY_IN)]
    assert again == []


# Every keyword, however it is typed.


def every_way(word: str) -> list[str]:
    """Upper, lower and mixed case, and all of it at once: spaces and a full stop."""
    mixed = "".join(c.upper() if i % 2 else c.lower() for i, c in enumerate(word))
    return [word.upper(), word.lower(), mixed, f"  {mixed}.  "]


@pytest.mark.parametrize(
    "word",
    [
        written
        for word in ("stop", "stopall", "afmelden", "unsubscribe", "cancel", "end")
        + ("quit", "optout", "opt-out", "revoke")
        for written in every_way(word)
    ],
)
def test_every_opt_out_word_every_way(
    sandbox: Sandbox, molenwijk: Neighbourhood, phones: Phones, word: str
) -> None:
    assert received(phones.deliver(text(FATIMA, word))) == [(FATIMA, OPTED_OUT)]
    assert status_of(sandbox, molenwijk, FATIMA) == "opted_out"


@pytest.mark.parametrize(
    "word", [w for word in ("start", "aanmelden") for w in every_way(word)]
)
def test_every_return_word_every_way(
    sandbox: Sandbox, molenwijk: Neighbourhood, phones: Phones, word: str
) -> None:
    phones.deliver(text(FATIMA, "STOP"))

    assert received(phones.deliver(text(FATIMA, word, minute=1))) == [
        (FATIMA, OPTED_IN)
    ]
    assert status_of(sandbox, molenwijk, FATIMA) == "active"


@pytest.mark.parametrize(
    "word", [w for word in ("help", "hulp", "info") for w in every_way(word)]
)
def test_every_help_word_every_way(
    molenwijk: Neighbourhood, phones: Phones, word: str
) -> None:
    deliveries = phones.deliver(text(AHMED, word))

    assert [d.to for d in deliveries] == [AHMED]
    assert deliveries[0].body.endswith("Spoed? Bel 112.")


@pytest.mark.parametrize(
    "word", [w for word in ("join", "aanmelden") for w in every_way(word)]
)
def test_every_join_word_every_way(
    sandbox: Sandbox, molenwijk: Neighbourhood, phones: Phones, word: str
) -> None:
    deliveries = phones.deliver(text(ANNA, word))

    assert [d.to for d in deliveries] == [JAN]
    assert status_of(sandbox, molenwijk, ANNA) == "pending"


@pytest.mark.parametrize(
    "word", [w for word in ("afgerond", "klaar") for w in every_way(word)]
)
def test_every_closing_word_every_way(
    molenwijk: Neighbourhood, phones: Phones, word: str
) -> None:
    phones.deliver(text(JAN, "Man met koevoet bij portiek 12"))

    closing = phones.deliver(text(JAN, word, minute=5))

    assert received(closing) == everyone("[Molenwijk] Afgerond.")


@pytest.mark.parametrize(
    "word",
    [
        w
        for word in ("ik kom", "onderweg", "coming", "kom", "omw", "ok", "ja")
        for w in every_way(word)
    ],
)
def test_every_acknowledgement_word_every_way(
    molenwijk: Neighbourhood, phones: Phones, word: str
) -> None:
    phones.deliver(text(JAN, "Man probeert fietsen open te breken bij nr 12"))

    deliveries = phones.deliver(text(AHMED, word, minute=2))

    assert received(deliveries) == [(JAN, "[Molenwijk] Ahmed komt (1)")]


# No loop: a phone that answers every SMS it gets, fed back in.

AWAY = "Automatisch antwoord: ik ben afwezig"


def test_an_auto_replying_phone_fed_its_own_replies_never_causes_a_broadcast(
    molenwijk: Neighbourhood, phones: Phones
) -> None:
    """Mehmet's phone answers every SMS it receives; each answer goes back in."""
    minute = 0.0
    caused: list[list[Delivery]] = []
    alerts = ["Verdachte man bij de fietsenstalling", "Hij loopt nu naar de school"]
    for sender, alert in zip((JAN, SANNE), alerts, strict=True):
        inbox = phones.deliver(text(sender, alert, minute=minute))
        assert received(inbox) == everyone(
            f"[Molenwijk] {sender_name(sender)}: {alert}"
        )
        for _ in range(5):  # rounds: every SMS Mehmet got is answered
            answered = [d for d in inbox if d.to == MEHMET]
            inbox = []
            for _sms in answered:
                minute += 0.5
                inbox += phones.deliver(text(MEHMET, AWAY, minute=minute))
            caused.append(inbox)
        minute += 1

    assert caused == [[]] * 10
    held = [i.get("reason") for i in alert_log() if i["status"] == "suppressed"]
    # One answer to each broadcast, and nothing after: the loop ends there.
    assert held == ["auto_reply", "auto_reply"]


def sender_name(phone: str) -> str:
    return {JAN: "Jan", SANNE: "Sanne"}[phone]


def test_a_member_limit_trip_is_remembered_per_phone() -> None:
    """For _suppress: Sanne tripping the member limit after Ahmed is news too."""
    from chalicelib.protection import Activity, Limits

    limits = Limits()
    tripped = Activity().with_trip("member_rate", START, phone=AHMED)

    assert not tripped.first_trip("member_rate", START, limits, phone=AHMED)
    assert tripped.first_trip("member_rate", START, limits, phone=SANNE)
    assert tripped.first_trip("member_rate", START + timedelta(hours=1), limits, AHMED)
    # Without a phone, a limit trips once for the neighbourhood, as before.
    whole = Activity().with_trip("neighbourhood_rate", START)
    assert not whole.first_trip("neighbourhood_rate", START, limits)


def test_an_opted_out_member_texting_again_is_told_once_an_hour(
    sandbox: Sandbox, molenwijk: Neighbourhood, phones: Phones
) -> None:
    phones.deliver(text(FATIMA, "STOP"))

    told = phones.deliver(text(FATIMA, "Inbraak bij nr 3", minute=1))
    again = phones.deliver(text(FATIMA, "Inbraak bij nr 4", minute=2))

    assert [d.to for d in told] == [FATIMA]
    assert again == []
    assert phones.outcome["outcome"] == "opted_out_member"


def test_coordinators_hear_of_each_member_who_trips_their_own_limit(
    molenwijk: Neighbourhood, phones: Phones
) -> None:
    for i in range(3):
        phones.deliver(text(AHMED, f"Ahmed ziet iets {i}", minute=i))
    ahmed_fourth = phones.deliver(text(AHMED, "Ahmed ziet nog iets", minute=3))
    for i in range(3):
        phones.deliver(text(SANNE, f"Sanne ziet iets {i}", minute=5 + i))
    sanne_fourth = phones.deliver(text(SANNE, "Sanne ziet nog iets", minute=8))

    # Each sender is told, and so is Jan, the coordinator, about each of them.
    assert sorted(d.to for d in ahmed_fourth) == [JAN, AHMED]
    assert sorted(d.to for d in sanne_fourth) == [JAN, SANNE]
    to_jan = [d.body for d in [*ahmed_fourth, *sanne_fourth] if d.to == JAN]
    assert "Ahmed" in to_jan[0] and "Sanne" in to_jan[1]
