"""wijkalert's Lambda entry points: read what AWS delivers, hand it to chalicelib.

Two doors: the inbound-SMS topic, where neighbours' texts arrive, and the
admin API, where coordinators manage their roster with a bearer token.
"""

import functools
from collections.abc import Callable
from functools import cache
from typing import Any, Final
from urllib.parse import unquote

from chalice.app import (
    AuthRequest,
    AuthResponse,
    Chalice,
    Rate,
    Request,
    Response,
    SNSEvent,
)

from chalicelib import errors, texts
from chalicelib.alerts import AlertDesk, Outcome, open_desk
from chalicelib.config import INBOUND_TOPIC, Settings
from chalicelib.coordinators import (
    ERASED_BEFORE,
    RETENTION_MONTHS,
    CoordinatorOffice,
    read_json,
    read_text,
)
from chalicelib.observability import logger, observe

app = Chalice(app_name="wijkalert")
CSV_TYPE = "text/csv; charset=utf-8"
app.register_middleware(observe, "sns")

# What each refusal means over HTTP; looked up along the error's class tree.
HTTP_STATUS: dict[type[errors.WijkalertError], int] = {
    errors.PayloadTooLarge: 413,
    errors.InvalidInput: 400,
    errors.MemberExists: 409,
    errors.MemberNotPending: 409,
    errors.AlertNotBroadcast: 409,
    errors.NeighbourhoodConflict: 409,
    errors.MemberNotFound: 404,
    errors.AlertNotFound: 404,
    errors.TokenNotFound: 404,
    errors.NeighbourhoodNotFound: 404,
    errors.SubscriptionFailed: 503,
}


class InboundNotification(SNSEvent):
    """An SNS event read without assuming keys AWS may leave out.

    Chalice's own SNSEvent indexes `Subject` and `MessageAttributes` and would
    raise before our code runs on a notification without them, and Lambda
    would then retry an event that can never succeed.
    """

    def _extract_attributes(self, event_dict: Any) -> None:
        records = event_dict.get("Records") if isinstance(event_dict, dict) else None
        first = records[0] if isinstance(records, list) and records else None
        sns = first.get("Sns") if isinstance(first, dict) else None
        self.notification: dict[str, Any] = sns if isinstance(sns, dict) else {}
        self.message = self.notification.get("Message") or ""
        self.subject = self.notification.get("Subject") or ""
        self.message_attributes = self.notification.get("MessageAttributes") or {}


class Unauthorized(Exception):
    """Raised by the authorizer; API Gateway answers 401 for this exact message."""

    def __init__(self) -> None:
        super().__init__("Unauthorized")


@cache
def alert_desk() -> AlertDesk:
    """The desk, built on first use so the settings are read once per container."""
    return open_desk(Settings.from_environ())


@cache
def office() -> CoordinatorOffice:
    return CoordinatorOffice.open(Settings.from_environ())


@app.on_sns_message(topic=INBOUND_TOPIC)
def on_inbound_sms(event: InboundNotification) -> Outcome:
    return alert_desk().receive(event.notification, event.context)


on_inbound_sms.event_class = InboundNotification


@app.schedule(Rate(1, unit=Rate.DAYS))
def reconcile_rosters(event: Any) -> dict[str, Any]:
    return office().reconcile_everywhere()


@app.authorizer(ttl_seconds=0)
def coordinator_token(auth_request: AuthRequest) -> AuthResponse:
    # No caching (ttl 0): a revoked token must stop working at once.
    token = office().verify(auth_request.token or "")
    if token is None:
        raise Unauthorized()
    return AuthResponse(
        routes=["*"],
        principal_id=token.token_id,
        context={"neighbourhood": token.neighbourhood_id},
    )


def answered(view: Callable[..., Any]) -> Callable[..., Any]:
    """Turn wijkalert's refusals into JSON errors in the coordinator's language.

    Anything unexpected is logged in full and answered with a plain 500
    sentence: a coordinator never sees a stack trace.
    """

    @functools.wraps(view)
    def respond(**path: str) -> Any:
        try:
            return view(**path)
        except errors.WijkalertError as error:
            status = next(
                (
                    HTTP_STATUS[kind]
                    for kind in type(error).__mro__
                    if kind in HTTP_STATUS
                ),
                None,
            )
            if status is None:
                # A refusal nobody gave an HTTP meaning: a bug, answered as one.
                logger.exception("admin request failed: no status for this error")
                return _error(
                    500, "api.internal", texts.say("api.internal", _language())
                )
            return _error(status, error.key, error.sentence(_language()), error.field)
        except Exception:
            logger.exception("admin request failed")
            return _error(500, "api.internal", texts.say("api.internal", _language()))

    return respond


# Refusals chalice itself answers before any view runs, in its own English
# format ({"Code", "Message"}); rewritten below into ours.
CHALICE_REFUSALS: Final = {
    "UnsupportedMediaType": ("api.media_type", "content-type"),
    "MethodNotAllowedError": ("api.method_not_allowed", None),
}


@app.middleware("http")
def in_our_words(request: Request, get_response: Callable[..., Any]) -> Response:
    """chalice's own 405 and 415, as our JSON error in the coordinator's language.

    chalice returns these as responses (it does not raise), from inside the
    handler this middleware wraps, so they can be rewritten here.
    """
    response: Response = get_response(request)
    body = response.body
    code = body.get("Code") if isinstance(body, dict) else None
    if response.status_code not in (405, 415) or code not in CHALICE_REFUSALS:
        return response
    key, field = CHALICE_REFUSALS[str(code)]
    sentence = texts.say(
        key,
        _language(),
        value=request.headers.get("content-type", ""),
        method=request.method,
        allowed=response.headers.get("Allow", ""),
    )
    rewritten = _error(response.status_code, key, sentence, field)
    rewritten.headers.update(response.headers)
    return rewritten


def _error(status: int, code: str, message: str, field: str | None = None) -> Response:
    body = {"error": {"code": code, "field": field, "message": message}}
    return Response(status_code=status, body=body)


def _request() -> Request:
    request = app.current_request
    assert request is not None, "only called while answering a request"
    return request


def _body() -> bytes:
    raw = _request().raw_body
    return raw.encode() if isinstance(raw, str) else bytes(raw or b"")


def _neighbourhood() -> str:
    return str(_request().context["authorizer"]["neighbourhood"])


def _language() -> str:
    request = _request()
    try:
        return office().language(
            _neighbourhood(), request.headers.get("accept-language")
        )
    except Exception:
        return texts.DEFAULT_LANGUAGE


def _query() -> dict[str, str]:
    return dict(_request().query_params or {})


@app.route("/members", methods=["GET"], authorizer=coordinator_token)
@answered
def list_members() -> Any:
    return office().members(_neighbourhood(), _query())


@app.route("/members", methods=["POST"], authorizer=coordinator_token)
@answered
def add_member() -> Any:
    added = office().add_member(_neighbourhood(), read_json(_body()))
    return Response(status_code=201, body=added)


@app.route("/members/{phone}", methods=["GET"], authorizer=coordinator_token)
@answered
def get_member(phone: str) -> Any:
    return office().member(_neighbourhood(), unquote(phone))


@app.route("/members/{phone}", methods=["PATCH"], authorizer=coordinator_token)
@answered
def update_member(phone: str) -> Any:
    changes = read_json(_body())
    return office().update_member(_neighbourhood(), unquote(phone), changes)


@app.route("/members/{phone}", methods=["DELETE"], authorizer=coordinator_token)
@answered
def remove_member(phone: str) -> Any:
    office().remove_member(_neighbourhood(), unquote(phone))
    return Response(status_code=204, body="")


@app.route("/members/{phone}/approve", methods=["POST"], authorizer=coordinator_token)
@answered
def approve_member(phone: str) -> Any:
    return office().approve(_neighbourhood(), unquote(phone))


@app.route("/members/{phone}/refuse", methods=["POST"], authorizer=coordinator_token)
@answered
def refuse_member(phone: str) -> Any:
    office().refuse(_neighbourhood(), unquote(phone))
    return Response(status_code=204, body="")


@app.route(
    "/members/import",
    methods=["POST"],
    authorizer=coordinator_token,
    content_types=["text/csv", "text/plain", "application/octet-stream"],
)
@answered
def import_members() -> Any:
    csv_text = read_text(_body())
    return office().import_members(_neighbourhood(), csv_text, _language())


@app.route("/alerts", methods=["GET"], authorizer=coordinator_token)
@answered
def list_alerts() -> Any:
    return office().alerts(_neighbourhood(), _query(), _language())


@app.route("/settings", methods=["GET"], authorizer=coordinator_token)
@answered
def settings() -> Any:
    return office().settings(_neighbourhood())


@app.route("/settings", methods=["PATCH"], authorizer=coordinator_token)
@answered
def change_settings() -> Any:
    return office().change_settings(_neighbourhood(), read_json(_body()))


@app.route("/costs", methods=["GET"], authorizer=coordinator_token)
@answered
def costs() -> Any:
    return office().costs(_neighbourhood(), _query())


@app.route("/alerts/export", methods=["GET"], authorizer=coordinator_token)
@answered
def export_alerts() -> Any:
    query = _query()
    csv_text = office().export_alerts(_neighbourhood(), query, _language())
    headers: dict[str, str | list[str]] = {"Content-Type": CSV_TYPE}
    # Not in the CSV, whose rows are alerts: the client says it beside the file,
    # so an empty export of an erased period is explained.
    erased = office().erased_before(query)
    if erased is not None:
        headers[ERASED_BEFORE] = erased.isoformat(timespec="seconds")
        headers[RETENTION_MONTHS] = str(office().alert_retention_months)
    return Response(body=csv_text, headers=headers)


@app.route("/alerts/{alert_id}", methods=["PATCH"], authorizer=coordinator_token)
@answered
def categorise_alert(alert_id: str) -> Any:
    changes = read_json(_body())
    return office().categorise(_neighbourhood(), unquote(alert_id), changes)


@app.route("/report", methods=["GET"], authorizer=coordinator_token)
@answered
def monthly_report() -> Any:
    kind, body = office().report(_neighbourhood(), _query(), _language())
    content_type = CSV_TYPE if kind == "csv" else "text/html; charset=utf-8"
    return Response(body=body, headers={"Content-Type": content_type})


@app.route("/reconcile", methods=["POST"], authorizer=coordinator_token)
@answered
def reconcile() -> Any:
    return office().reconcile(_neighbourhood())
