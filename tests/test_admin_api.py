"""The coordinators' admin API, through chalice's local gateway under moto."""

from typing import Any
from urllib.parse import quote

import boto3
import pytest
from botocore.exceptions import ClientError

from chalicelib.errors import InvalidInput
from chalicelib.neighbourhoods import Neighbourhood
from chalicelib.tokens import CoordinatorTokens
from tests.conftest import MOLENWIJK_PHONES, Api, Phones, load_event
from tests.test_two_way import alert_log, text
from wijkalert.sandbox import Sandbox


def subscribed(neighbourhood: Neighbourhood) -> list[str]:
    reply = boto3.client("sns").list_subscriptions_by_topic(
        TopicArn=neighbourhood.members_topic_arn
    )
    return sorted(
        s["Endpoint"] for s in reply["Subscriptions"] if s["Protocol"] == "sms"
    )


ENGLISH = {"accept-language": "en"}


def error_of(response: Any) -> dict[str, Any]:
    error: dict[str, Any] = response.json_body["error"]
    return error


# Who may ask.


@pytest.mark.parametrize(
    "token",
    ["", "not-a-token", "molenwijk.0000.secret", "molenwijk..", "a.b.c.d"],
)
def test_missing_or_wrong_token_gets_401_with_no_detail(api: Api, token: str) -> None:
    response = api.call("GET", "/members", token=token)

    assert response.status_code == 401
    assert response.json_body == {"message": "Unauthorized"}


class KeySizeCheckingTable:
    """Answers get_item as DynamoDB does when a key is over its size limit."""

    def get_item(self, Key: dict[str, str]) -> dict[str, Any]:  # noqa: N803 boto3's name
        if len(Key["pk"]) > 2048 or len(Key["sk"]) > 1024:
            raise ClientError(
                {"Error": {"Code": "ValidationException", "Message": "key too big"}},
                "GetItem",
            )
        return {}


@pytest.mark.parametrize(
    "token",
    ["molenwijk." + "f" * 2000 + ".geheim", "m" * 3000 + ".abcd1234.geheim"],
)
def test_a_token_too_long_to_be_a_key_grants_nothing_without_an_error(
    token: str,
) -> None:
    tokens = CoordinatorTokens(KeySizeCheckingTable())  # type: ignore[arg-type]

    assert tokens.verify(token) is None


def test_right_secret_with_tampered_id_gets_401(api: Api) -> None:
    neighbourhood, token_id, secret = api.token.split(".", 2)

    response = api.call("GET", "/members", token=f"{neighbourhood}.ffffffff.{secret}")

    assert response.status_code == 401


def test_revoked_token_gets_401_at_once(
    api: Api, sandbox: Sandbox, molenwijk: Neighbourhood
) -> None:
    assert api.call("GET", "/members").status_code == 200
    token_id = api.token.split(".")[1]

    CoordinatorTokens(sandbox.roster_table()).revoke(molenwijk, token_id)

    assert api.call("GET", "/members").status_code == 401


def test_a_token_made_from_a_given_id_and_secret_works_and_keeps_only_a_hash(
    api: Api, sandbox: Sandbox, molenwijk: Neighbourhood
) -> None:
    tokens = CoordinatorTokens(sandbox.roster_table())

    _, token = tokens.create(
        molenwijk, "+31612345601", token_id="script", secret="geheim"
    )

    assert token == "molenwijk.script.geheim"
    assert api.call("GET", "/members", token=token).status_code == 200
    stored = sandbox.roster_table().get_item(
        Key={"pk": "NBH#molenwijk", "sk": "TOKEN#script"}
    )["Item"]
    assert "geheim" not in stored.values()


@pytest.mark.parametrize(
    "change",
    [{"role": "member"}, {"status": "inactive"}],
)
def test_a_coordinator_demoted_or_made_inactive_loses_access_at_once(
    api: Api, sandbox: Sandbox, molenwijk: Neighbourhood, change: dict[str, str]
) -> None:
    api.call("PATCH", "/members/0612345602", {"role": "coordinator"})
    _, fatimas = CoordinatorTokens(sandbox.roster_table()).create(
        molenwijk, "+31612345602"
    )
    assert api.call("GET", "/members", token=fatimas).status_code == 200

    changed = api.call("PATCH", "/members/0612345602", change)

    assert changed.status_code == 200
    refused = api.call("GET", "/members", token=fatimas)
    assert refused.status_code == 401
    assert refused.json_body == {"message": "Unauthorized"}
    assert api.call("GET", "/members").status_code == 200


def test_a_coordinator_demoted_by_import_loses_access_at_once(
    api: Api, sandbox: Sandbox, molenwijk: Neighbourhood
) -> None:
    api.call("PATCH", "/members/0612345602", {"role": "coordinator"})
    _, fatimas = CoordinatorTokens(sandbox.roster_table()).create(
        molenwijk, "+31612345602"
    )

    imported = api.call(
        "POST",
        "/members/import",
        "phone,name,role\n06-12345602,Fatima,member\n",
        headers={"content-type": "text/csv"},
    )

    assert imported.json_body["counts"]["updated"] == 1
    assert api.call("GET", "/members", token=fatimas).status_code == 401


@pytest.mark.parametrize("phone", ["+31612345602", "+31612345699"])
def test_no_token_for_a_plain_member_or_a_stranger(
    sandbox: Sandbox, molenwijk: Neighbourhood, phone: str
) -> None:
    tokens = CoordinatorTokens(sandbox.roster_table())

    with pytest.raises(InvalidInput) as refused:
        tokens.create(molenwijk, phone)

    assert refused.value.field == "coordinator"
    assert refused.value.sentence("en") == (
        f"{phone} is not an active coordinator of Molenwijk; make them "
        "coordinator first, then they can have an access token. If Molenwijk "
        "has no coordinator yet, give wijkalert neighbourhoods open molenwijk "
        f"--coordinator {phone} --coordinator-name NAME as well."
    )
    assert tokens.tokens(molenwijk) == []


@pytest.mark.parametrize(
    ("token_id", "secret", "field"),
    [
        ("met spatie", "geheim", "token_id"),
        ("a.b", "geheim", "token_id"),
        ("script", "geheim met spatie", "secret"),
    ],
)
def test_a_given_token_id_or_secret_that_could_not_work_is_refused(
    sandbox: Sandbox, molenwijk: Neighbourhood, token_id: str, secret: str, field: str
) -> None:
    tokens = CoordinatorTokens(sandbox.roster_table())

    with pytest.raises(InvalidInput) as refused:
        tokens.create(molenwijk, "+31612345601", token_id=token_id, secret=secret)

    assert refused.value.field == field
    assert tokens.tokens(molenwijk) == []


def test_token_for_another_neighbourhood_sees_nothing_of_this_one(
    api: Api, sandbox: Sandbox
) -> None:
    kometen = sandbox.open_neighbourhood(
        "kometenbuurt", "Kometenbuurt", "+3197010203041"
    )
    sandbox.roster(kometen).add("+31612345611", "Noor", role="coordinator")
    _, kometen_token = CoordinatorTokens(sandbox.roster_table()).create(
        kometen, "+31612345611"
    )

    listed = api.call("GET", "/members", token=kometen_token)
    peeked = api.call("GET", "/members/+31612345601", token=kometen_token)
    removed = api.call("DELETE", "/members/+31612345601", token=kometen_token)

    assert [m["phone"] for m in listed.json_body["members"]] == ["+31612345611"]
    assert peeked.status_code == 404
    assert removed.status_code == 404
    assert len(api.call("GET", "/members").json_body["members"]) == 5


# The roster.


def test_adding_a_member_answers_201_and_subscribes_their_phone(
    api: Api, molenwijk: Neighbourhood
) -> None:
    response = api.call(
        "POST",
        "/members",
        {"phone": "06-12345606", "name": "Lotte", "street": "Dorp 1"},
    )

    assert response.status_code == 201
    assert response.json_body | {"joined": "-"} == {
        "phone": "+31612345606",
        "name": "Lotte",
        "street": "Dorp 1",
        "role": "member",
        "status": "active",
        "language": "nl",
        "joined": "-",
        "opted_out": False,
    }
    assert "+31612345606" in subscribed(molenwijk)


@pytest.mark.parametrize(
    ("body", "field", "dutch"),
    [
        (
            {"phone": "12", "name": "X"},
            "phone",
            "'12' bestaat niet als telefoonnummer;",
        ),
        ({"phone": "hello", "name": "X"}, "phone", "'hello' is geen telefoonnummer."),
        ({"name": "X"}, "phone", "Vul een telefoonnummer in."),
        ({"phone": "0612345606"}, "name", "Vul een naam in;"),
        ({"phone": "0612345606", "name": "X" * 31}, "name", "De naam mag hoogstens 30"),
        ({"phone": "0612345606", "name": "X", "role": "baas"}, "role", "Rol 'baas'"),
        (
            {"phone": "0612345606", "name": "X", "status": "weg"},
            "status",
            "Status 'weg'",
        ),
        (
            {"phone": "0612345606", "name": "X", "language": "fr"},
            "language",
            "Taal 'fr'",
        ),
        ({"phone": "0612345606", "nmae": "X"}, "nmae", "Het veld 'nmae' bestaat niet"),
        (
            {"phone": 612345606, "name": "X"},
            "phone",
            "Het veld 'phone' moet tekst zijn.",
        ),
        ([{"phone": "0612345606"}], "body", "De inhoud van het verzoek moet een JSON"),
        ("{not json", "body", "De inhoud van het verzoek is geen geldige JSON."),
    ],
)
def test_bad_member_input_gets_400_naming_the_field_and_writes_nothing(
    api: Api, molenwijk: Neighbourhood, body: Any, field: str, dutch: str
) -> None:
    response = api.call("POST", "/members", body)

    assert response.status_code == 400
    assert error_of(response)["field"] == field
    assert error_of(response)["message"].startswith(dutch)
    assert "+31612345606" not in subscribed(molenwijk)
    assert len(api.call("GET", "/members").json_body["members"]) == 5


def test_errors_speak_english_when_the_client_asks(api: Api) -> None:
    response = api.call(
        "POST",
        "/members",
        {"phone": "hello", "name": "X"},
        headers={"accept-language": "en-GB"},
    )

    assert error_of(response)["message"] == "'hello' is not a phone number."


def test_duplicate_member_gets_409(api: Api) -> None:
    response = api.call("POST", "/members", {"phone": "0031 6 12345601", "name": "Jan"})

    assert response.status_code == 409
    assert error_of(response)["message"] == (
        "+31612345601 staat al op de lijst van Molenwijk."
    )


def test_oversized_body_is_refused(api: Api) -> None:
    response = api.call(
        "POST", "/members", {"phone": "0612345606", "name": "x" * 20_000}
    )

    assert response.status_code == 413


@pytest.mark.parametrize("written", ["020-1234567", "0800-1234"])
def test_a_landline_or_service_number_is_no_member(
    api: Api, molenwijk: Neighbourhood, written: str
) -> None:
    added = api.call("POST", "/members", {"phone": written, "name": "Kantoor"})
    imported = api.call(
        "POST",
        "/members/import",
        f"phone,name\n{written},Kantoor\n",
        headers={"content-type": "text/csv", "accept-language": "en"},
    )

    assert added.status_code == 400
    assert error_of(added)["field"] == "phone"
    assert error_of(added)["message"].startswith(
        f"'{written}' is geen mobiel nummer; een lid moet sms'jes kunnen ontvangen."
    )
    assert imported.json_body["rows"][0]["outcome"] == "refused"
    assert (
        "' is not a mobile number; a member must be able to receive"
        in (imported.json_body["rows"][0]["reason"])
    )
    assert len(api.call("GET", "/members").json_body["members"]) == 5


def test_a_wrong_content_type_gets_415_in_our_format_and_language(api: Api) -> None:
    response = api.call(
        "POST",
        "/members",
        {"phone": "0612345606", "name": "Lotte"},
        headers={"content-type": "application/xml", "accept-language": "en"},
    )

    assert response.status_code == 415
    assert error_of(response) == {
        "code": "api.media_type",
        "field": "content-type",
        "message": "This address does not read content of type 'application/xml'; "
        "send JSON (application/json), or CSV (text/csv) for an import.",
    }
    assert api.call("GET", "/members/0612345606").status_code == 404


def test_json_nested_thousands_deep_gets_400_not_json(api: Api) -> None:
    response = api.call("POST", "/members", "[" * 5000 + "]" * 5000)

    assert response.status_code == 400
    assert error_of(response) == {
        "code": "api.body_not_json",
        "field": "body",
        "message": "De inhoud van het verzoek is geen geldige JSON.",
    }


@pytest.mark.parametrize("path", ["/members", "/alerts"])
@pytest.mark.parametrize("limit", ["%C2%B2", "%D9%A3", "5.0"])
def test_a_limit_of_non_ascii_digits_gets_400_naming_limit(
    api: Api, path: str, limit: str
) -> None:
    response = api.call("GET", f"{path}?limit={limit}")

    assert response.status_code == 400
    assert error_of(response)["field"] == "limit"
    assert error_of(response)["message"] == (
        "'limit' moet een heel getal van 1 tot en met 100 zijn."
    )


def test_an_error_without_an_http_status_is_a_plain_500(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chalicelib.coordinators import CoordinatorOffice
    from chalicelib.errors import MissingSetting

    def unmapped(*args: Any) -> Any:
        raise MissingSetting("api.internal")

    monkeypatch.setattr(CoordinatorOffice, "members", unmapped)

    response = api.call("GET", "/members")

    assert response.status_code == 500
    assert error_of(response)["code"] == "api.internal"


@pytest.mark.parametrize(
    "written", ["+31612345602", "06-12345602", "0031%206%2012345602"]
)
def test_a_member_is_addressed_in_any_notation(api: Api, written: str) -> None:
    response = api.call("GET", f"/members/{written}")

    assert response.status_code == 200
    assert response.json_body["name"] == "Fatima"


def test_unknown_member_gets_404(api: Api) -> None:
    response = api.call("GET", "/members/0612345609")

    assert response.status_code == 404
    assert error_of(response)["message"] == (
        "+31612345609 staat niet op de lijst van Molenwijk."
    )


def test_members_are_listed_page_by_page(api: Api) -> None:
    first = api.call("GET", "/members?limit=2").json_body
    second = api.call("GET", f"/members?limit=2&cursor={first['next']}").json_body
    third = api.call("GET", f"/members?limit=2&cursor={second['next']}").json_body

    pages = [first, second, third]
    assert [m["phone"] for page in pages for m in page["members"]] == MOLENWIJK_PHONES
    assert third["next"] is None


@pytest.mark.parametrize("cursor", ["garbage", "06-1234"])
def test_a_members_cursor_not_from_a_page_is_refused_as_such(
    api: Api, cursor: str
) -> None:
    response = api.call("GET", f"/members?cursor={cursor}")

    assert response.status_code == 400
    assert error_of(response) == {
        "code": "api.cursor_invalid",
        "field": "cursor",
        "message": "Deze 'cursor' komt niet van een eerdere pagina.",
    }


def test_members_are_filtered_by_role_and_status(api: Api) -> None:
    api.call("PATCH", "/members/0612345603", {"status": "inactive"})

    coordinators = api.call("GET", "/members?role=coordinator").json_body["members"]
    inactive = api.call("GET", "/members?status=inactive").json_body["members"]

    assert [m["name"] for m in coordinators] == ["Jan"]
    assert [m["name"] for m in inactive] == ["Ahmed"]


@pytest.mark.parametrize("query", ["limit=0", "limit=101", "limit=x", "status=weg"])
def test_bad_listing_query_gets_400(api: Api, query: str) -> None:
    assert api.call("GET", f"/members?{query}").status_code == 400


def test_making_a_member_inactive_stops_their_alerts(
    api: Api, molenwijk: Neighbourhood
) -> None:
    response = api.call("PATCH", "/members/0612345605", {"status": "inactive"})

    assert response.status_code == 200
    assert response.json_body["status"] == "inactive"
    assert "+31612345605" not in subscribed(molenwijk)


def test_phone_number_cannot_be_patched(api: Api) -> None:
    response = api.call("PATCH", "/members/0612345605", {"phone": "0612345606"})

    assert response.status_code == 400
    assert error_of(response)["field"] == "phone"


def test_opted_out_member_is_shown_as_such(api: Api, sandbox: Sandbox) -> None:
    added = api.call("POST", "/members", {"phone": "+31612345699", "name": "Kees"})
    sandbox.opt_out("+31612345699")

    member = api.call("GET", "/members/+31612345699").json_body
    listed = api.call("GET", "/members").json_body["members"]

    # Opted out at AWS before being added: POST says so too.
    assert added.json_body["opted_out"] is True
    assert member["opted_out"] is True
    assert {m["name"]: m["opted_out"] for m in listed}["Kees"] is True
    assert {m["name"]: m["opted_out"] for m in listed}["Jan"] is False


def test_removing_a_member_forgets_them_but_keeps_their_alerts(
    api: Api, phones: Phones, molenwijk: Neighbourhood, sandbox: Sandbox
) -> None:
    phones.deliver(load_event("inbound-alert.json"))
    # Jan is the only coordinator; Fatima takes over before he leaves.
    api.call("PATCH", "/members/0612345602", {"role": "coordinator"})
    _, fatimas = CoordinatorTokens(sandbox.roster_table()).create(
        molenwijk, "+31612345602"
    )
    api.token = fatimas

    removed = api.call("DELETE", "/members/+31612345601")

    assert removed.status_code == 204
    assert api.call("GET", "/members/+31612345601").status_code == 404
    assert "+31612345601" not in subscribed(molenwijk)
    alerts = api.call("GET", "/alerts").json_body["alerts"]
    assert [(a["sender"], a["body"][:14]) for a in alerts] == [
        ("Oud-lid", "Verdachte man ")
    ]
    table = boto3.resource("dynamodb").Table("wijkalert-dev-alerts")
    stored = table.scan()["Items"][0]
    assert "sender_phone" not in stored and "sender_name" not in stored


def test_a_removed_responder_leaves_no_number_or_name_but_still_counts(
    api: Api, phones: Phones
) -> None:
    phones.deliver(load_event("inbound-alert.json"))
    phones.deliver(load_event("inbound-reply-to-alert.json"))  # Ahmed comes

    removed = api.call("DELETE", "/members/0612345603")

    assert removed.status_code == 204
    alerts = api.call("GET", "/alerts").json_body["alerts"]
    assert [(a["sender"], a["responders"]) for a in alerts] == [("Jan", 1)]
    table = boto3.resource("dynamodb").Table("wijkalert-dev-alerts")
    stored = str(table.scan()["Items"])
    assert "+31612345603" not in stored and "Ahmed" not in stored
    activity = str(
        boto3.resource("dynamodb")
        .Table("wijkalert-dev-roster")
        .get_item(Key={"pk": "NBH#molenwijk", "sk": "ACTIVITY"})["Item"]
    )
    assert "+31612345603" not in activity


def test_a_removed_sender_is_gone_from_the_activity_and_gets_no_replies(
    api: Api, phones: Phones, molenwijk: Neighbourhood, sandbox: Sandbox
) -> None:
    phones.deliver(load_event("inbound-alert.json"))
    api.call("PATCH", "/members/0612345602", {"role": "coordinator"})
    _, fatimas = CoordinatorTokens(sandbox.roster_table()).create(
        molenwijk, "+31612345602"
    )
    api.token = fatimas

    assert api.call("DELETE", "/members/0612345601").status_code == 204

    item = sandbox.roster_table().get_item(
        Key={"pk": "NBH#molenwijk", "sk": "ACTIVITY"}
    )["Item"]
    assert "+31612345601" not in str(item["memory"])
    assert "Jan" not in str(item["memory"])
    texted = phones.deliver(load_event("inbound-reply-to-alert.json"))
    assert "+31612345601" not in [delivery.to for delivery in texted]


def test_removal_unsubscribes_a_subscription_made_again_by_hand(
    api: Api, molenwijk: Neighbourhood, sandbox: Sandbox
) -> None:
    # Someone unsubscribed Mehmet in the console and subscribed him again:
    # the roster's ARN is stale, the live subscription has a new one.
    sns = boto3.client("sns")
    mehmet = sandbox.roster(molenwijk).require("+31612345605")
    sns.unsubscribe(SubscriptionArn=str(mehmet.subscription_arn))
    sns.subscribe(
        TopicArn=molenwijk.members_topic_arn, Protocol="sms", Endpoint="+31612345605"
    )
    assert "+31612345605" in subscribed(molenwijk)

    assert api.call("DELETE", "/members/0612345605").status_code == 204

    assert "+31612345605" not in subscribed(molenwijk)


# Import.

MESSY_CSV = (
    "\ufeffphone;name;street;role\r\n"
    "06-12345601;Jan;Kastanjelaan 12;coordinator\r\n"
    "0031612345606;Lotte;Dorpstraat 1;\r\n"
    "\r\n"
    "+31 (0)6 12345607;Bram;;member\r\n"
    "12;Niemand;;\r\n"
    "+31 6 1234;Half;;\r\n"
    "0612345602;Fatima;Kastanjelaan 16;\r\n"
    "0612345608;;;\r\n"
    "0612345609;Rik;;baas\r\n"
)


def test_messy_csv_import_reports_each_row(api: Api, molenwijk: Neighbourhood) -> None:
    response = api.call(
        "POST", "/members/import", MESSY_CSV, headers={"content-type": "text/csv"}
    )

    assert response.status_code == 200
    assert [
        (row["line"], row["phone"], row["outcome"], row.get("field"))
        for row in response.json_body["rows"]
    ] == [
        (2, "+31612345601", "unchanged", None),
        (3, "+31612345606", "added", None),
        (5, "+31612345607", "added", None),
        (6, "12", "refused", "phone"),
        (7, "+31 6 1234", "refused", "phone"),
        (8, "+31612345602", "updated", None),
        (9, "0612345608", "refused", "name"),
        (10, "0612345609", "refused", "role"),
    ]
    assert response.json_body["counts"] == {
        "added": 2,
        "updated": 1,
        "unchanged": 1,
        "refused": 4,
    }
    reasons = {row["line"]: row.get("reason") for row in response.json_body["rows"]}
    assert reasons[6] == "'12' bestaat niet als telefoonnummer; controleer de cijfers."
    assert (
        api.call("GET", "/members/0612345602").json_body["street"] == "Kastanjelaan 16"
    )
    assert {"+31612345606", "+31612345607"} <= set(subscribed(molenwijk))


def test_importing_the_same_list_twice_changes_nothing_the_second_time(
    api: Api,
) -> None:
    api.call("POST", "/members/import", MESSY_CSV, headers={"content-type": "text/csv"})
    before = api.call("GET", "/members").json_body

    again = api.call(
        "POST", "/members/import", MESSY_CSV, headers={"content-type": "text/csv"}
    ).json_body

    assert again["counts"] == {"added": 0, "updated": 0, "unchanged": 4, "refused": 4}
    assert api.call("GET", "/members").json_body == before


def test_import_without_header_is_refused(api: Api) -> None:
    response = api.call(
        "POST",
        "/members/import",
        "0612345606,Lotte\n",
        headers={"content-type": "text/csv"},
    )

    assert response.status_code == 400
    assert error_of(response)["field"] == "csv"


def test_a_list_with_old_mac_line_endings_is_imported(api: Api) -> None:
    response = api.call(
        "POST",
        "/members/import",
        "phone,name\r06-12345606,Lotte\r",
        headers={"content-type": "text/csv"},
    )

    assert response.status_code == 200
    assert response.json_body["rows"] == [
        {"line": 2, "phone": "+31612345606", "outcome": "added"}
    ]


def test_a_stray_carriage_return_before_the_header_is_refused_not_a_crash(
    api: Api,
) -> None:
    # What schemathesis sent: csv.Error escaped and the answer was a 500.
    response = api.call(
        "POST", "/members/import", "naam\r\x15", headers={"content-type": "text/plain"}
    )

    assert response.status_code == 400
    assert error_of(response)["code"] == "import.header"


def test_a_field_longer_than_csv_allows_refuses_that_row_only(api: Api) -> None:
    response = api.call(
        "POST",
        "/members/import",
        "phone,name\n06-12345606," + "x" * 200_000 + "\n06-12345607,Lotte\n",
        headers={"content-type": "text/csv"},
    )

    assert response.status_code == 200
    rows = response.json_body["rows"]
    assert [(row["line"], row["outcome"]) for row in rows] == [
        (2, "refused"),
        (3, "added"),
    ]
    assert (rows[0]["field"], rows[0]["reason"]) == (
        "csv",
        "Deze regel is niet te lezen als CSV; sla de lijst opnieuw op als CSV.",
    )


def outcomes(response: Any) -> list[tuple[int, str, str, str | None]]:
    return [
        (row["line"], row["phone"], row["outcome"], row.get("reason"))
        for row in response.json_body["rows"]
    ]


def test_the_same_number_twice_in_one_list_refuses_the_later_row(api: Api) -> None:
    csv_text = "phone,name\n06-12345640,Anna\n+31612345640,Bert\n"

    first = api.call(
        "POST", "/members/import", csv_text, headers={"content-type": "text/csv"}
    )
    again = api.call(
        "POST", "/members/import", csv_text, headers={"content-type": "text/csv"}
    )

    twice = (
        3,
        "+31612345640",
        "refused",
        "Dit nummer staat al op regel 2 van de lijst; laat één van de twee regels weg.",
    )
    assert outcomes(first) == [(2, "+31612345640", "added", None), twice]
    assert outcomes(again) == [(2, "+31612345640", "unchanged", None), twice]
    assert api.call("GET", "/members/0612345640").json_body["name"] == "Anna"


def test_an_unclosed_quote_refuses_its_row_and_keeps_the_next(api: Api) -> None:
    response = api.call(
        "POST",
        "/members/import",
        'phone,name\n06-12345674,"Unclosed\n\n06-12345675,Z\n',
        headers={"content-type": "text/csv"},
    )

    assert outcomes(response) == [
        (
            2,
            "06-12345674",
            "refused",
            'Deze regel opent een aanhalingsteken (") dat niet wordt gesloten; zet '
            "het sluitende aanhalingsteken erbij of haal het weg.",
        ),
        (4, "+31612345675", "added", None),
    ]
    assert api.call("GET", "/members/0612345674").status_code == 404
    assert api.call("GET", "/members/0612345675").json_body["name"] == "Z"


# The alert log.


def test_alerts_are_listed_newest_first_and_by_date(api: Api, phones: Phones) -> None:
    phones.deliver(load_event("inbound-alert.json"))
    later = load_event("inbound-reply-to-alert.json")
    later["Records"][0]["Sns"]["Timestamp"] = "2026-11-29T08:00:00.000Z"
    phones.deliver(later)

    everything = api.call("GET", "/alerts").json_body["alerts"]
    first_day = api.call("GET", "/alerts?from=2026-11-28&to=2026-11-28").json_body
    second_day = api.call("GET", "/alerts?from=2026-11-29").json_body

    assert [a["sender"] for a in everything] == ["Ahmed", "Jan"]
    assert [a["sender"] for a in first_day["alerts"]] == ["Jan"]
    assert [a["sender"] for a in second_day["alerts"]] == ["Ahmed"]


def test_alert_list_days_are_dutch_days(api: Api, phones: Phones) -> None:
    _, fatima, ahmed, sanne, _ = MOLENWIJK_PHONES
    # 23:30, 0:00 and 0:30 Dutch time on the night of 28 to 29 November.
    phones.deliver(text(fatima, "Nog laat: glasgerinkel", minute=90))
    phones.deliver(text(sanne, "Om middernacht: geschreeuw", minute=120))
    phones.deliver(text(ahmed, "Net na middernacht: knal", minute=150))

    def listed(day: str) -> list[str]:
        reply = api.call("GET", f"/alerts?from={day}&to={day}").json_body
        return [alert["received_at"] for alert in reply["alerts"]]

    assert listed("2026-11-28") == ["2026-11-28T22:30:00.000Z"]
    assert listed("2026-11-29") == [
        "2026-11-28T23:30:00.000Z",
        "2026-11-28T23:00:00.000Z",
    ]


def test_alerts_page_on_with_a_cursor_inside_the_range(
    api: Api, phones: Phones
) -> None:
    phones.deliver(load_event("inbound-alert.json"))
    later = load_event("inbound-reply-to-alert.json")
    later["Records"][0]["Sns"]["Timestamp"] = "2026-11-29T08:00:00.000Z"
    phones.deliver(later)

    first = api.call("GET", "/alerts?limit=1&from=2026-11-28").json_body
    cursor = quote(first["next"], safe="")
    second = api.call("GET", f"/alerts?limit=1&from=2026-11-28&cursor={cursor}")
    # The same cursor with a range it lies outside of: DynamoDB would refuse it.
    outside = api.call("GET", f"/alerts?limit=1&from=2026-11-30&cursor={cursor}")
    before = api.call("GET", f"/alerts?limit=1&to=2026-11-28&cursor={cursor}")

    assert [a["sender"] for a in first["alerts"]] == ["Ahmed"]
    assert [a["sender"] for a in second.json_body["alerts"]] == ["Jan"]
    for refused in (outside, before):
        assert refused.status_code == 400
        assert error_of(refused) == {
            "code": "api.cursor_invalid",
            "field": "cursor",
            "message": "Deze 'cursor' komt niet van een eerdere pagina.",
        }


@pytest.mark.parametrize(
    "query",
    [
        "from=gisteren",
        "from=2026-11-30&to=2026-11-01",
        "from=0001-01-01",
        "to=9999-12-31",
    ],
)
@pytest.mark.parametrize("route", ["/alerts", "/alerts/export"])
def test_bad_date_range_gets_400(api: Api, route: str, query: str) -> None:
    reply = api.call("GET", f"{route}?{query}")

    assert reply.status_code == 400
    assert error_of(reply)["field"] in ("from", "to")


# What an alert was about.


def test_a_categorise_body_without_category_is_refused_and_clears_nothing(
    api: Api, phones: Phones
) -> None:
    phones.deliver(text(MOLENWIJK_PHONES[1], "#inbraak schuurdeur open gebroken"))
    alert_id = alert_log()[0]["alert_id"]

    dutch = api.call("PATCH", f"/alerts/{alert_id}", {})
    english = api.call("PATCH", f"/alerts/{alert_id}", {}, headers=ENGLISH)

    assert dutch.status_code == english.status_code == 400
    assert error_of(dutch)["field"] == "category"
    assert error_of(dutch)["message"] == (
        "Het veld 'category' ontbreekt; geef een soort, of \"\" of null om hem "
        "leeg te maken."
    )
    assert error_of(english)["message"] == (
        "The field 'category' is missing; give a category, or \"\" or null to clear it."
    )
    assert api.call("GET", "/alerts").json_body["alerts"][0]["category"] == "inbraak"


def test_a_text_held_back_is_not_given_a_category(api: Api, phones: Phones) -> None:
    # "Ik kom" with no alert to answer: held back, never sent round.
    phones.deliver(text(MOLENWIJK_PHONES[2], "Ik kom"))
    held = alert_log()[0]
    assert held["status"] == "suppressed"

    refused = api.call("PATCH", f"/alerts/{held['alert_id']}", {"category": "brand"})
    english = api.call(
        "PATCH", f"/alerts/{held['alert_id']}", {"category": "brand"}, headers=ENGLISH
    )

    assert refused.status_code == english.status_code == 409
    assert error_of(refused)["message"] == (
        f"Bericht '{held['alert_id']}' is niet als melding rondgestuurd; alleen een "
        "melding die rondging kan een soort krijgen."
    )
    assert error_of(english)["message"] == (
        f"Text '{held['alert_id']}' was not sent round as an alert; only an alert "
        "that went round can be given a category."
    )
    assert "category" not in alert_log()[0]
    export = api.call("GET", "/alerts/export").body.decode()
    assert "brand" not in export


def test_a_hashtag_in_a_text_held_back_gives_it_no_category(
    api: Api, phones: Phones
) -> None:
    jan = MOLENWIJK_PHONES[0]
    phones.deliver(text(jan, "Automatisch antwoord: afwezig #inbraak"))
    held = alert_log()[0]
    export = api.call("GET", "/alerts/export").body.decode("utf-8-sig")

    assert held["status"] == "suppressed"
    assert "category" not in held
    header, row = [line.split(";") for line in export.splitlines()]
    assert row[header.index("soort")] == ""


@pytest.mark.parametrize("route", ["/report", "/costs"])
@pytest.mark.parametrize("month", ["2026-1", "2026-011"])
def test_a_month_without_two_digits_gets_400_not_another_month(
    api: Api, route: str, month: str
) -> None:
    reply = api.call("GET", f"{route}?month={month}")

    assert reply.status_code == 400
    assert error_of(reply) == {
        "code": "report.month_invalid",
        "field": "month",
        "message": f"'{month}' is geen maand; schrijf het jaar en de maand, "
        "zoals 2026-11.",
    }


@pytest.mark.parametrize(
    "path", ["/report", "/report?month=", "/report?month=%20", "/costs?month="]
)
def test_a_report_without_a_month_asks_for_one(api: Api, path: str) -> None:
    # /costs without a month at all is the running month's; an empty one is
    # a month left out, as for the report.
    reply = api.call("GET", path)

    assert reply.status_code == 400
    assert error_of(reply) == {
        "code": "report.month_missing",
        "field": "month",
        "message": "Geef een maand op, zoals 2026-11.",
    }


# What the residents agreed to pay.


def test_a_price_of_nought_is_refused_and_changes_nothing(api: Api) -> None:
    dutch = api.call("PATCH", "/settings", {"price_per_part": "0.00"})
    english = api.call("PATCH", "/settings", {"price_per_part": "0"}, headers=ENGLISH)

    assert dutch.status_code == english.status_code == 400
    assert error_of(dutch)["field"] == "price_per_part"
    assert error_of(dutch)["message"] == (
        "'price_per_part' kan geen 0 zijn: een sms is nooit gratis, en bij 0 euro "
        'zou het budget niets meer tegenhouden; geef de echte prijs, zoals "0.09".'
    )
    assert error_of(english)["message"] == (
        "'price_per_part' cannot be 0: an SMS is never free, and at 0 euros the "
        'budget would hold nothing back; give the real price, such as "0.09".'
    )
    assert api.call("GET", "/settings").json_body["price_per_part"] == "0.09"


@pytest.mark.parametrize(
    ("given", "shown"), [("0.1", "0.10"), ("0.0825", "0.0825"), ("1e-1", "0.10")]
)
def test_a_price_is_answered_with_at_least_two_decimals(
    api: Api, given: str, shown: str
) -> None:
    changed = api.call("PATCH", "/settings", {"price_per_part": given})

    assert changed.status_code == 200
    assert changed.json_body["price_per_part"] == shown
    assert api.call("GET", "/settings").json_body["price_per_part"] == shown


def test_categories_null_puts_the_default_list_back(api: Api) -> None:
    api.call("PATCH", "/settings", {"categories": ["drugs", "fietsen"]})

    back = api.call("PATCH", "/settings", {"categories": None})

    assert back.status_code == 200
    default = ["inbraak", "overlast", "verdacht", "brand", "vandalisme"]
    assert back.json_body["categories"] == default
    assert api.call("GET", "/settings").json_body["categories"] == default


# Drift repair.


def test_reconcile_repairs_missing_and_orphan_subscriptions(
    api: Api, sandbox: Sandbox, molenwijk: Neighbourhood
) -> None:
    sns = boto3.client("sns")
    fatima = sandbox.roster(molenwijk).require("+31612345602")
    sns.unsubscribe(SubscriptionArn=str(fatima.subscription_arn))
    sns.subscribe(
        TopicArn=molenwijk.members_topic_arn, Protocol="sms", Endpoint="+31612345690"
    )

    report = api.call("POST", "/reconcile").json_body

    assert report == {"subscribed": ["+31612345602"], "unsubscribed": ["+31612345690"]}
    assert subscribed(molenwijk) == MOLENWIJK_PHONES
    assert api.call("POST", "/reconcile").json_body == {
        "subscribed": [],
        "unsubscribed": [],
    }


# Found by a trial run as a new coordinator.


def test_a_name_of_invisible_or_broken_characters_is_refused_not_a_500(
    api: Api,
) -> None:
    broken = api.call("POST", "/members", '{"phone": "0612345614", "name": "\\ud800"}')
    invisible = api.call("POST", "/members", {"phone": "0612345614", "name": "\u200b"})
    street = api.call("PATCH", "/members/0612345603", '{"street": "\\udfff"}')

    assert (broken.status_code, error_of(broken)["field"]) == (400, "name")
    assert (invisible.status_code, error_of(invisible)["field"]) == (400, "name")
    assert street.status_code == 200
    assert street.json_body["street"] is None


def test_a_name_is_kept_on_one_line(api: Api) -> None:
    response = api.call("PATCH", "/members/0612345603", {"name": "Ah\nmed"})

    assert response.json_body["name"] == "Ah med"


def test_the_last_coordinator_cannot_be_demoted_or_removed(
    api: Api, sandbox: Sandbox, molenwijk: Neighbourhood
) -> None:
    demoted = api.call("PATCH", "/members/0612345601", {"role": "member"})
    removed = api.call("DELETE", "/members/0612345601")

    assert demoted.status_code == removed.status_code == 409
    assert error_of(removed)["message"] == (
        "+31612345601 is de laatste coördinator van de buurt; maak eerst iemand "
        "anders coördinator."
    )

    api.call("PATCH", "/members/0612345602", {"role": "coordinator"})
    _, fatimas = CoordinatorTokens(sandbox.roster_table()).create(
        molenwijk, "+31612345602"
    )
    assert api.call("DELETE", "/members/0612345601").status_code == 204
    # Jan's token left with him; Fatima's still works.
    assert api.call("GET", "/members").status_code == 401
    assert api.call("GET", "/members", token=fatimas).status_code == 200


def test_an_import_without_a_street_column_keeps_the_streets(api: Api) -> None:
    response = api.call(
        "POST",
        "/members/import",
        "phone,name\n06-12345601,Jan\n",
        headers={"content-type": "text/csv"},
    )

    assert response.json_body["counts"]["unchanged"] == 1
    assert api.call("GET", "/members/0612345601").json_body["street"] == (
        "Kastanjelaan 12"
    )


def test_the_list_and_the_member_agree_on_opting_out(
    api: Api, sandbox: Sandbox
) -> None:
    # On moto's opt-out list, but CheckIfPhoneNumberIsOptedOut says no: the
    # two SNS answers disagree here, the two API answers must not.
    sandbox.opt_out("+31612345605")

    member = api.call("GET", "/members/0612345605").json_body
    listed = api.call("GET", "/members").json_body["members"]

    assert {m["phone"]: m["opted_out"] for m in listed}["+31612345605"] is (
        member["opted_out"]
    )


def test_an_opted_out_member_shows_as_opted_out(api: Api, phones: Phones) -> None:
    phones.deliver(load_event("inbound-stop.json"))

    fatima = api.call("GET", "/members/0612345602").json_body

    assert (fatima["status"], fatima["opted_out"]) == ("opted_out", True)


def test_an_import_cannot_demote_the_last_coordinator(api: Api) -> None:
    response = api.call(
        "POST",
        "/members/import",
        "phone,name,street,role\n06-12345601,Jan,Kastanjelaan 12,lid\n",
        headers={"content-type": "text/csv"},
    )

    assert response.json_body["rows"] == [
        {
            "line": 2,
            "phone": "06-12345601",
            "outcome": "refused",
            "field": "role",
            "reason": "+31612345601 is de laatste coördinator van de buurt; maak "
            "eerst iemand anders coördinator.",
        }
    ]
    jan = api.call("GET", "/members/0612345601").json_body
    assert (jan["role"], jan["status"]) == ("coordinator", "active")
    assert api.call("GET", "/members").status_code == 200


def test_a_row_with_more_fields_than_the_header_is_refused_not_cut(
    api: Api,
) -> None:
    response = api.call(
        "POST",
        "/members/import",
        "phone,name,street\n06-12345648,Vries, Bob,Laan 8\n06-12345649,Bob,Laan 9\n",
        headers={"content-type": "text/csv"},
    )

    rows = response.json_body["rows"]
    assert [(row["line"], row["outcome"]) for row in rows] == [
        (2, "refused"),
        (3, "added"),
    ]
    assert rows[0]["reason"].startswith("Deze regel heeft meer velden dan de kopregel")
    assert api.call("GET", "/members/0612345648").status_code == 404
