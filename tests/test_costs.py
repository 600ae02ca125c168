"""Every SMS counts: smart encoding, the parts cap, the budget and the report."""

from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import boto3
import pytest

from chalicelib import sms
from chalicelib.neighbourhoods import Neighbourhood, partition_of
from chalicelib.protection import ACTIVITY, Activity
from tests.conftest import MOLENWIJK_PHONES, Api, Phones
from tests.test_two_way import AHMED, FATIMA, JAN, MEHMET, SANNE, START, text
from wijkalert.sandbox import Sandbox

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

CURLY = (
    "Kan iemand even kijken? Er staat al een uur een busje bij nr 12 \u2019s "
    "avonds laat. Idee\u00ebn?"
)


def settle(sandbox: Sandbox, molenwijk: Neighbourhood, **settings: Any) -> None:
    """Change the neighbourhood's settings before its first text is handled."""
    changed = replace(molenwijk, **settings)
    sandbox.roster_table().put_item(Item=changed.to_item())


def spent(sandbox: Sandbox, molenwijk: Neighbourhood, month: str = "2026-11") -> Any:
    """What the neighbourhood's activity says was spent in `month`."""
    key = {"pk": partition_of(molenwijk.id), "sk": ACTIVITY}
    item = sandbox.roster_table().get_item(Key=key).get("Item")
    return Activity.from_item(item).spent(month)


# Encoding.


def test_curly_apostrophe_and_ideeen_cost_one_part_after_smart_encoding() -> None:
    encoded = sms.smart_encode(CURLY)

    assert sms.count_parts(CURLY) == 2
    assert sms.measure(CURLY).encoding == "UCS-2"
    assert encoded == (
        "Kan iemand even kijken? Er staat al een uur een busje bij nr 12 's "
        "avonds laat. Ideeen?"
    )
    assert sms.count_parts(encoded) == 1


@pytest.mark.parametrize(
    ("written", "sent"),
    [
        ("\u201cBivakmuts\u201d \u2013 gezien\u2026", '"Bivakmuts" - gezien...'),
        ("Caf\u00e9 \u00e0 la cr\u00e8me: \u00fc \u00f6 \u00e4 \u00f1 blijven", None),
        ("Na\u00efef \u2014 \u00e1\u00ea\u00f3", "Naief - aeo"),
        ("twee\u00a0spaties\u2009hier", "twee spaties hier"),
        ("Politie gebeld \U0001f693 \u2013 kom", None),
        ("\u0627\u0644\u0634\u0631\u0637\u0629 \u2013 \u00eb", None),
        ("\u015e\u00fcpheli adam kap\u0131da \u2019", None),
    ],
)
def test_smart_encoding_uses_gsm7_look_alikes_or_leaves_the_text_alone(
    written: str, sent: str | None
) -> None:
    assert sms.smart_encode(written) == (written if sent is None else sent)


def test_broadcast_goes_out_smart_encoded_in_one_part(
    molenwijk: Neighbourhood, phones: Phones
) -> None:
    deliveries = phones.deliver(text(SANNE, CURLY))

    assert {d.body for d in deliveries} == {
        "[Molenwijk] Sanne: " + sms.smart_encode(CURLY)
    }
    assert {d.parts for d in deliveries} == {1}


def test_smart_encoding_can_be_turned_off(
    sandbox: Sandbox, molenwijk: Neighbourhood, phones: Phones
) -> None:
    settle(sandbox, molenwijk, smart_encoding=False)

    deliveries = phones.deliver(text(SANNE, CURLY))

    assert {d.body for d in deliveries} == {"[Molenwijk] Sanne: " + CURLY}
    assert {d.parts for d in deliveries} == {2}


def test_a_long_alert_is_cut_at_a_word_and_the_sender_told(
    molenwijk: Neighbourhood, phones: Phones
) -> None:
    long_text = " ".join(["Verdachte situatie bij de garages achter blok C"] * 12)

    deliveries = phones.deliver(text(AHMED, long_text))

    broadcast = [d for d in deliveries if d.body.startswith("[Molenwijk] Ahmed:")]
    assert sorted(d.to for d in broadcast) == MOLENWIJK_PHONES
    assert {d.parts for d in broadcast} == {3}
    cut = broadcast[0].body.removeprefix("[Molenwijk] Ahmed: ")
    assert cut.endswith("...") and long_text.startswith(cut.removesuffix("..."))
    assert long_text[len(cut) - 3] == " "
    notices = [d for d in deliveries if d not in broadcast]
    assert [(d.to, d.body[:40]) for d in notices] == [
        (AHMED, "[Molenwijk] Je melding was te lang en is")
    ]


def test_smart_encoding_alone_is_not_called_shortening(
    molenwijk: Neighbourhood, phones: Phones
) -> None:
    # About 250 characters: 4 UCS-2 parts as typed, 2 GSM-7 parts encoded.
    body = ("Verdachte man bij de garages achter blok C, donkere jas. " * 5)[:249]
    body = body.replace("jas.", "jas\u2019", 1)
    assert sms.count_parts(body) > 3

    deliveries = phones.deliver(text(AHMED, body))

    assert sorted(d.to for d in deliveries) == MOLENWIJK_PHONES
    assert {d.parts for d in deliveries} == {2}


def test_a_cap_of_one_part_cuts_the_alert_to_one_part_and_costs_that(
    sandbox: Sandbox, molenwijk: Neighbourhood, phones: Phones
) -> None:
    settle(
        sandbox,
        molenwijk,
        max_parts=1,
        price_per_part=Decimal("0.20"),
        monthly_budget=Decimal("5.00"),
    )
    long_text = " ".join(["Verdachte situatie bij de garages achter blok C"] * 5)

    deliveries = phones.deliver(text(AHMED, long_text))

    broadcast = [d for d in deliveries if d.body.startswith("[Molenwijk] Ahmed:")]
    assert sorted(d.to for d in broadcast) == MOLENWIJK_PHONES
    assert {d.parts for d in broadcast} == {1}
    notices = [d for d in deliveries if d not in broadcast]
    assert [(d.to, d.parts) for d in notices] == [(AHMED, 1)]
    # 5 members x 1 part + 1 notice, at EUR 0.20 a part.
    assert spent(sandbox, molenwijk) == Decimal("1.20")


def test_spending_counts_in_the_residents_month_not_utcs(
    sandbox: Sandbox, molenwijk: Neighbourhood, phones: Phones
) -> None:
    # 28 Nov 21:00 UTC + 50.5 hours: 30 November 23:30 UTC, in Amsterdam
    # already 1 December.
    phones.deliver(text(JAN, "Vuurwerk bij de school", minute=50.5 * 60))

    assert spent(sandbox, molenwijk, "2026-11") == Decimal("0")
    assert spent(sandbox, molenwijk, "2026-12") == Decimal("0.45")


# The budget.


def test_a_broadcast_ending_exactly_at_the_budget_is_sent(
    sandbox: Sandbox, molenwijk: Neighbourhood, phones: Phones
) -> None:
    # 5 members x 1 part x EUR 0.09 = EUR 0.45 an alert.
    settle(sandbox, molenwijk, monthly_budget=Decimal("0.90"))

    first = phones.deliver(text(JAN, "Rook bij de garages"))
    second = phones.deliver(text(AHMED, "Brandweer is gebeld", minute=1))

    assert sorted(d.to for d in first) == MOLENWIJK_PHONES
    # Only the alert: the 80% warning would take the month past its budget.
    assert sorted(d.to for d in second) == MOLENWIJK_PHONES
    assert {d.body for d in second} == {"[Molenwijk] Ahmed: Brandweer is gebeld"}
    assert spent(sandbox, molenwijk) == Decimal("0.90")


def test_three_alerts_of_ten_cents_fit_a_budget_of_thirty_cents_exactly(
    sandbox: Sandbox, molenwijk: Neighbourhood, phones: Phones
) -> None:
    # 5 members x 1 part x EUR 0.02 = EUR 0.10; in floats 3 x 0.10 > 0.30.
    settle(
        sandbox,
        molenwijk,
        monthly_budget=Decimal("0.30"),
        price_per_part=Decimal("0.02"),
    )

    sent = [
        phones.deliver(text(who, f"Melding {n}", minute=n))
        for n, who in enumerate([JAN, AHMED, SANNE])
    ]

    assert [sorted(d.to for d in batch) for batch in sent] == [MOLENWIJK_PHONES] * 3
    assert spent(sandbox, molenwijk) == Decimal("0.30")


def test_one_cent_over_the_budget_is_not_sent_and_is_logged(
    sandbox: Sandbox, molenwijk: Neighbourhood, phones: Phones
) -> None:
    settle(sandbox, molenwijk, monthly_budget=Decimal("0.89"))

    phones.deliver(text(JAN, "Rook bij de garages"))
    held = phones.deliver(text(AHMED, "Brandweer is gebeld", minute=1))

    assert sorted(d.to for d in held) == [JAN, AHMED]
    assert {d.body[:45] for d in held if d.to == AHMED} == {
        "[Molenwijk] Je bericht is niet verstuurd: het"
    }
    logged = boto3.resource("dynamodb").Table("wijkalert-dev-alerts").scan()["Items"]
    assert sorted((i["status"], i.get("reason")) for i in logged) == [
        ("broadcast", None),
        ("suppressed", "budget"),
    ]


def test_coordinators_are_warned_once_at_eighty_percent(
    sandbox: Sandbox, molenwijk: Neighbourhood, phones: Phones
) -> None:
    # EUR 0.05 an alert, so alerts still go out between 80% and the budget.
    settle(
        sandbox,
        molenwijk,
        monthly_budget=Decimal("0.50"),
        price_per_part=Decimal("0.01"),
    )
    senders = [SANNE, AHMED, FATIMA, MEHMET, JAN] * 2

    sent = [
        phones.deliver(text(who, f"Inbraak bij nr {n}", minute=4 * n))
        for n, who in enumerate(senders[:10])
    ]

    warned = [
        [(d.to, d.body) for d in batch if "Let op: deze maand" in d.body]
        for batch in sent
    ]
    # The eighth alert reaches EUR 0.40, 80%; the warning costs EUR 0.01.
    assert warned[7] == [
        (
            JAN,
            "[Molenwijk] Let op: deze maand is EUR 0,40 van het sms-budget van "
            "EUR 0,50 gebruikt.",
        )
    ]
    assert [batch for n, batch in enumerate(warned) if n != 7] == [[]] * 9
    # The ninth alert was still sent, without a second warning.
    assert sorted(d.to for d in sent[8]) == MOLENWIJK_PHONES
    # The tenth would pass EUR 0.50: held, and only its sender told.
    assert [d.to for d in sent[9]] == [JAN]
    held = sent[9][0].parts
    assert spent(sandbox, molenwijk) == Decimal("0.46") + Decimal("0.01") * held


# The report.


def test_cost_report_counts_every_sms_by_kind(
    sandbox: Sandbox, molenwijk: Neighbourhood, phones: Phones, api: Api
) -> None:
    settle(sandbox, molenwijk, monthly_budget=Decimal("25.00"))
    phones.deliver(text(JAN, "Man met koevoet bij portiek 12"))
    phones.deliver(text(AHMED, "Ik kom", minute=1))
    phones.deliver(text(SANNE, "HULP", minute=2))
    phones.deliver(text(JAN, "KLAAR politie was er", minute=20))

    report = api.call("GET", "/costs?month=2026-11").json_body

    # November is over (the texts are dated 28 November 2026): today's members
    # say nothing of what it cost each, so there is no cost per member.
    assert report == {
        "month": "2026-11",
        "recorded": True,
        "parts": {"alert": 5, "closing": 5, "acknowledgement": 1, "reply": 1},
        "cost": "1.08",
        "budget": "25.00",
        "left": "23.92",
        "price_per_part": "0.09",
        "active_members": 5,
        "cost_per_member": None,
    }


def test_the_running_months_cost_is_also_given_per_active_member(
    api: Api, phones: Phones
) -> None:
    now = datetime.now(UTC)
    phones.deliver(text(JAN, "Man met koevoet bij portiek 12", minute=minutes_to(now)))

    report = api.call("GET", "/costs").json_body

    assert report["month"] == now.astimezone(AMSTERDAM).strftime("%Y-%m")
    assert report["recorded"] is True
    # Five parts at EUR 0.09 over five members.
    assert (report["cost"], report["cost_per_member"]) == ("0.45", "0.09")


def minutes_to(moment: datetime) -> float:
    """`text`'s minutes after its start that make a text sent at `moment`."""
    return (moment - START).total_seconds() / 60


def test_cost_report_of_a_past_month_without_a_record_knows_no_cost(
    api: Api,
) -> None:
    api.call("PATCH", "/settings", {"monthly_budget": "25.00"})

    report = api.call("GET", "/costs?month=2026-10").json_body

    # October 2026 is over whenever this runs, and nothing was recorded:
    # what it cost and what was left of its budget are not known.
    assert report["recorded"] is False
    assert (report["cost"], report["budget"], report["left"]) == (None, "25.00", None)
    assert report["cost_per_member"] is None


def test_without_a_budget_a_large_roster_still_gets_every_alert(
    sandbox: Sandbox, molenwijk: Neighbourhood, phones: Phones
) -> None:
    # 5 members at EUR 100 a part: far past any budget, yet none is set.
    settle(sandbox, molenwijk, price_per_part=Decimal("100"))

    deliveries = phones.deliver(text(JAN, "Brand in de kelder"))

    assert sorted(d.to for d in deliveries) == MOLENWIJK_PHONES


def test_cost_report_refuses_a_bad_month(api: Api) -> None:
    response = api.call("GET", "/costs?month=november")

    assert response.status_code == 400
    assert response.json_body["error"]["field"] == "month"


# Settings the residents choose.


def test_coordinator_sets_the_budget_and_it_holds_back_the_next_alert(
    molenwijk: Neighbourhood, phones: Phones, api: Api
) -> None:
    changed = api.call("PATCH", "/settings", {"monthly_budget": "0.40"})

    held = phones.deliver(text(JAN, "Rook bij de garages"))

    assert changed.status_code == 200
    assert changed.json_body == {
        "monthly_budget": "0.40",
        "price_per_part": "0.09",
        "max_parts": 3,
        "smart_encoding": True,
        "show_names": False,
        "categories": ["inbraak", "overlast", "verdacht", "brand", "vandalisme"],
    }
    assert api.call("GET", "/settings").json_body["monthly_budget"] == "0.40"
    assert [d.to for d in held] == [JAN]
    assert "budget" in held[0].body


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"monthly_budget": 25}, "monthly_budget"),
        ({"monthly_budget": "-1"}, "monthly_budget"),
        ({"monthly_budget": "25.001"}, "monthly_budget"),
        ({"price_per_part": "gratis"}, "price_per_part"),
        ({"max_parts": 0}, "max_parts"),
        ({"max_parts": True}, "max_parts"),
        ({"smart_encoding": "ja"}, "smart_encoding"),
        ({"budget": "25"}, "budget"),
    ],
)
def test_bad_settings_are_refused_naming_the_field(
    api: Api, body: dict[str, Any], field: str
) -> None:
    response = api.call("PATCH", "/settings", body)

    assert response.status_code == 400
    assert response.json_body["error"]["field"] == field
    assert api.call("GET", "/settings").json_body["monthly_budget"] is None


@pytest.mark.parametrize("zero", ["0", "0.00"])
def test_a_budget_of_nought_is_refused_and_null_removes_the_budget(
    api: Api, zero: str
) -> None:
    api.call("PATCH", "/settings", {"monthly_budget": "25.00"})

    refused = api.call("PATCH", "/settings", {"monthly_budget": zero})
    kept = api.call("GET", "/settings").json_body["monthly_budget"]
    removed = api.call("PATCH", "/settings", {"monthly_budget": None})

    assert refused.status_code == 400
    assert refused.json_body["error"]["message"] == (
        "Een budget van 0 euro houdt elke melding tegen, ook een brandmelding; "
        'stuur "monthly_budget": null om het budget weg te halen.'
    )
    assert kept == "25.00"
    assert removed.json_body["monthly_budget"] is None


def test_the_sms_telling_a_neighbour_they_are_in_is_counted_too(
    molenwijk: Neighbourhood, phones: Phones, api: Api
) -> None:
    phones.deliver(text("+31612345610", "AANMELDEN Anna, Lindelaan 1"))
    before = api.call("GET", "/costs?month=2026-11").json_body["parts"]["reply"]

    api.call("POST", "/members/+31612345610/approve")

    this_month = datetime.now(UTC).strftime("%Y-%m")
    after = api.call("GET", f"/costs?month={this_month}").json_body["parts"]["reply"]
    assert after == (before + 1 if this_month == "2026-11" else 1)
