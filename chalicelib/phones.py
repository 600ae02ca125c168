"""Phone numbers: one member, one E.164 number, however it was written.

Neighbours write their numbers as `06-12345601`, `0031 6 12345601` or
`+31 (0)6 12345601`; the roster, the topic subscriptions and the inbound
texts must all agree that these are one person. Numbers are personal data, so
`mask` is what goes into logs.
"""

import re
from collections.abc import Iterator

import phonenumbers

from chalicelib.errors import InvalidPhoneNumber

DEFAULT_REGION = "NL"
VISIBLE_DIGITS = 3
_WRITTEN_NUMBER = re.compile(r"\+?[0-9 ()./-]+")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_UUID = re.compile(r"[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}", re.IGNORECASE)
# Fewer digits than any subscriber number: a time, a count, a part of an id.
_FEWEST_DIGITS = 7


def normalise(raw: str, region: str = DEFAULT_REGION, *, field: str = "phone") -> str:
    """Return `raw` in E.164 form, or raise `InvalidPhoneNumber` saying why."""
    written = raw.strip()
    if not written:
        raise InvalidPhoneNumber("phone.empty", field=field)
    # phonenumbers digs digits out of any text ("abc+316..." would pass); a
    # number is written with digits and the usual separators only.
    if not _WRITTEN_NUMBER.fullmatch(written):
        raise InvalidPhoneNumber("phone.unreadable", field=field, value=written)

    try:
        number = phonenumbers.parse(written, region)
    except phonenumbers.NumberParseException:
        raise InvalidPhoneNumber(
            "phone.unreadable", field=field, value=written
        ) from None

    # is_valid_number checks the number against the country's real numbering
    # plan, so `12` or `+31 6 1234` are refused rather than stored and failed
    # on by SNS later.
    if not phonenumbers.is_valid_number(number):
        raise InvalidPhoneNumber("phone.impossible", field=field, value=written)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


# What can receive an SMS. FIXED_LINE_OR_MOBILE is how phonenumbers types
# countries whose plan does not tell the two apart.
_TEXTABLE = frozenset(
    {
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    }
)


def normalise_mobile(
    raw: str, region: str = DEFAULT_REGION, *, field: str = "phone"
) -> str:
    """`normalise`, and refuse a number that cannot receive an SMS.

    For members: a landline (020-1234567) or a service number (0800-1234)
    would be subscribed and billed, and never get an alert.
    """
    number = normalise(raw, region, field=field)
    if not can_receive_sms(number):
        raise InvalidPhoneNumber("phone.not_mobile", field=field, value=raw.strip())
    return number


def can_receive_sms(number: str) -> bool:
    """Whether an SMS to `number` (E.164) can arrive: a mobile, not a landline.

    A landline can send a text (some networks let a fixed line text), but an
    SMS sent back is billed and never read.
    """
    try:
        parsed = phonenumbers.parse(number)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.number_type(parsed) in _TEXTABLE


def mask(number: str) -> str:
    """Hide all but the last three digits: what logs may say about a number."""
    digits = [c for c in number if c.isdigit()]
    if len(digits) <= VISIBLE_DIGITS:
        return "*" * len(digits)
    return "***" + "".join(digits[-VISIBLE_DIGITS:])


def _numbers_in(text: str, region: str) -> Iterator[phonenumbers.PhoneNumberMatch]:
    """The phone numbers a neighbour typed in `text`, typos included.

    POSSIBLE leniency also finds a mistyped number, which is as much someone's
    as a correct one. It would take a date or an amount for a number too; those
    are left alone.
    """
    # An alert's id ("7ce90d4f-c5df-4123-9456-815c6c36d058") holds digit runs
    # that read as a number; nobody's number is in it.
    ids = [found.span() for found in _UUID.finditer(text)]
    matcher = phonenumbers.PhoneNumberMatcher(
        text, region, leniency=phonenumbers.Leniency.POSSIBLE
    )
    for match in matcher:
        found = match.raw_string
        digits = sum(c.isdigit() for c in found)
        in_id = any(start <= match.start < end for start, end in ids)
        if digits >= _FEWEST_DIGITS and not _ISO_DATE.fullmatch(found) and not in_id:
            yield match


def around_numbers(text: str, region: str = DEFAULT_REGION) -> tuple[str, ...]:
    """The pieces of `text` between the phone numbers a neighbour typed in it.

    What leaves wijkalert for a meeting (the report, an export) carries the
    neighbours' own words, and people write numbers in them ("bel 06-...").
    """
    pieces, last = [], 0
    for match in _numbers_in(text, region):
        pieces.append(text[last : match.start])
        last = match.end
    return (*pieces, text[last:])


def without_numbers(text: str, placeholder: str, region: str = DEFAULT_REGION) -> str:
    """`text` with every phone number in it replaced by `placeholder`.

    The placeholder shows a reader that something was taken out; a bare gap
    ("bel hem op ") reads as a text cut off.
    """
    return placeholder.join(around_numbers(text, region))


def mask_numbers_in(text: str, region: str = DEFAULT_REGION) -> str:
    """`text` with every phone number in it masked as `mask` does: for a log
    line that may carry one, such as a request's URL.
    """
    pieces, last = [], 0
    for match in _numbers_in(text, region):
        pieces += [text[last : match.start], mask(match.raw_string)]
        last = match.end
    return "".join(pieces) + text[last:]
