"""What a text means: an alert, or one of the few words wijkalert answers to.

A keyword counts only as the whole message, after trimming, case-folding and
dropping trailing punctuation, so "STOP." is an opt-out while "We moeten dit
stoppen" and "STOP die man!" are alerts. A few keywords may be followed by
words of their own: a join request by a name and street, a closing by its
outcome, an acknowledgement by a short remark ("Ik kom eraan, 2 min").
Keyword messages are never broadcast.
"""

import re
from dataclasses import dataclass
from typing import Final, Literal

Kind = Literal["alert", "opt_out", "opt_in", "help", "join", "close", "acknowledge"]

OPT_OUT: Final = frozenset(
    {"stop", "stopall", "afmelden", "unsubscribe", "cancel", "end", "quit"}
    | {"optout", "opt-out", "revoke"}
)
OPT_IN: Final = frozenset({"start", "aanmelden"})
HELP: Final = frozenset({"help", "hulp", "info"})
JOIN: Final = ("aanmelden", "join")
CLOSE: Final = ("afgerond", "klaar")
# "ik kom" before "kom", so "Ik kom eraan" is "ik kom" followed by a remark.
ACKNOWLEDGE: Final = ("ik kom", "onderweg", "coming", "kom", "omw", "ok", "ja")
REMARK_LIMIT: Final = 40  # longer than a short remark: it is an alert

# Phrases phones and mail gateways use when they answer on their owner's
# behalf. A broadcast answered by one of these must never become a broadcast.
AUTO_REPLY: Final = re.compile(
    r"automatisch antwoord|automatisch bericht|auto[- ]?reply|autoreply"
    r"|ik ben (momenteel |tijdelijk )?afwezig|afwezigheidsmelding|out of (the )?office"
    r"|i'?m (currently )?driving|i am (currently )?driving|ik rijd (nu )?auto"
    r"|niet storen|do not disturb|vacation|vakantie tot",
    re.IGNORECASE,
)

_TRAILING = re.compile(r"[\s.!?,;:…]+$")


@dataclass(frozen=True)
class Intent:
    kind: Kind
    rest: str = ""  # the words after the keyword, as written


def _folded(text: str) -> str:
    return " ".join(_TRAILING.sub("", text.strip()).casefold().split())


def _after(text: str, keyword: str) -> str | None:
    """What follows `keyword` at the start of `text`, or None if it does not start so.

    Whole words only: "Okay" does not start with "ok", nor "Jan" with "ja".
    """
    words = text.strip().split()
    wanted = keyword.split()
    if [_TRAILING.sub("", w).casefold() for w in words[: len(wanted)]] != wanted:
        return None
    rest = " ".join(words[len(wanted) :])
    return _TRAILING.sub("", rest).strip(" ,:-")


def read(body: str) -> Intent:
    """The intent of a text; anything that is not a keyword is an alert."""
    folded = _folded(body)
    if folded in OPT_OUT:
        return Intent("opt_out")
    if folded in HELP:
        return Intent("help")
    if folded in OPT_IN:
        return Intent("opt_in")

    for keyword in JOIN:
        rest = _after(body, keyword)
        if rest is not None:
            return Intent("join", rest)
    for keyword in CLOSE:
        rest = _after(body, keyword)
        if rest is not None:
            return Intent("close", rest)
    for keyword in ACKNOWLEDGE:
        rest = _after(body, keyword)
        if rest is not None and len(rest) <= REMARK_LIMIT:
            return Intent("acknowledge", rest)
    return Intent("alert")


def is_auto_reply(body: str) -> bool:
    return AUTO_REPLY.search(body) is not None


def join_details(rest: str) -> tuple[str, str | None]:
    """Name and street from 'AANMELDEN Anna, Lindelaan 1' (either may be absent)."""
    name, _, street = rest.partition(",")
    return name.strip(), street.strip() or None


def asks_to_join(intent: Intent, body: str) -> bool:
    """From a stranger, a bare AANMELDEN is a join request, not a return."""
    return intent.kind == "join" or _folded(body) in JOIN


_HASHTAG = re.compile(r"#(\w+)")


def category_of(body: str, categories: tuple[str, ...]) -> str | None:
    """The first hashtag in `body` that is one of the neighbourhood's categories.

    "#Inbraak" and "#inbraak" are the same category; a hashtag the
    neighbourhood does not use leaves the alert uncategorised.
    """
    known = {category.casefold(): category for category in categories}
    for tag in _HASHTAG.findall(body):
        if tag.casefold() in known:
            return known[tag.casefold()]
    return None
