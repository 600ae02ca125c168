"""What a text means: an alert, or one of the few words wijkalert answers to.

A keyword counts only as the whole message, after trimming, case-folding and
dropping trailing punctuation, so "STOP." is an opt-out while "We moeten dit
stoppen" and "STOP die man!" are alerts. A few keywords may be followed by
words of their own: a join request by a name and street, a closing by its
outcome, an acknowledgement by a short remark ("Ik kom eraan, 2 min").
Keyword messages are never broadcast.

Texts are read after look-alike characters are made plain (a phone's curly
apostrophe or non-breaking space), so a phone's typographic "I'm driving" reads
as typed.
"""

import re
from dataclasses import dataclass
from typing import Final, Literal

from chalicelib import sms

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

# An acknowledgement's remark says when or how someone comes, nothing more:
# at most REMARK_WORDS words and REMARK_LIMIT characters, each word one of
# REMARK_VOCABULARY, a number or a time ("2 min", "5m", "10'"). "Ja, er is
# brand bij nr 5!" and "Kom allemaal, inbreker bij nr 9" carry news, so
# they are alerts: a missed "I'm coming" costs an SMS, a missed alert more.
REMARK_WORDS: Final = 5
REMARK_LIMIT: Final = 25
REMARK_VOCABULARY: Final = frozenset(
    {"ik", "kom", "ben", "er", "eraan", "aan", "zo", "nu", "direct", "meteen"}
    | {"onderweg", "bijna", "daar", "over", "binnen", "ok", "oke", "okay", "ja"}
    | {"jep", "top", "prima", "goed", "min", "mins", "minuut", "minuten", "sec"}
    | {"i'm", "im", "coming", "on", "my", "way", "omw", "be", "there", "in"}
    | {"now", "soon", "minute", "minutes", "yes", "zsm", "asap"}
)
_REMARK_NUMBER: Final = re.compile(r"\d+(min|mins|m|sec|s|')?")

# Auto-replies: what phones and mail gateways send on their owner's behalf. A
# broadcast answered by one of these must never become a broadcast, yet an
# alert that merely mentions "vakantie" or "niet storen" must go round. So a
# text is an auto-reply only when it
# - starts with words a machine uses to announce itself (_AUTO_MARKER);
# - starts with an away-status (_AWAY) and promises to answer later
#   (_PROMISE), as every template does: "Ik ben er even niet. Ik bel je zo
#   snel mogelijk terug.", "I'm driving with Driving Focus turned on. I'll
#   see your message when I get where I'm going.";
# - or is nothing but a well-known status (_AWAY_ONLY): "Ik ben afwezig tot
#   maandag", "Ik bel je zo terug", "Niet storen".
_AUTO_MARKER: Final = re.compile(
    r"(dit is een )?automatisch(e)? (antwoord|bericht|reactie)"
    r"|(this is an )?(auto|automatic|automated)[- ]?(reply|response|message)"
    r"|autoreply|out of (the )?office|ooo\b"
    r"|afwezigheids(assistent|melding|bericht)"
    r"|i'?m driving with driving focus|ik rijd met .{0,20}focus"
)
_AWAY: Final = re.compile(
    r"(ik ben|i am|i'm|im)( momenteel| tijdelijk| nu| currently)*( er)?( even)?"
    r" (afwezig|niet (aanwezig|bereikbaar|beschikbaar)|op vakantie|met vakantie"
    r"|away|on (vacation|holiday|leave)|out of (the )?office)\b"
    r"|ik ben er( even| nu| momenteel)* niet\b"
    r"|(ik rijd|i'?m driving|i am driving)\b"
)
_PROMISE: Final = re.compile(
    r"\bik (bel|sms|app|mail) (je|jou|u)( \w+){0,4} (terug|later)\b"
    r"|\bik (reageer|antwoord) (later|zo snel mogelijk|zsm|na)\b"
    r"|\bik neem (zo snel mogelijk |zsm |later )?contact"
    r"|\bik (zie|lees) (je|uw) bericht"
    r"|\bi'?ll (see|read) your message|\bi'?ll (call|text) you (back|later)"
    r"|\bi'?ll (get back|reply|respond)\b|\bi will (get back|reply|respond)\b"
    r"|\bna mijn terugkomst\b|\bwhen i('m| am| get) back\b"
)
_AWAY_ONLY: Final = re.compile(
    r"(?:" + _AWAY.pattern + r")( (tot|until|t/m|till) [\w/]+( [\w/]+){0,3})?"
    r"|ik bel (je|jou|u) (zo|straks|later)( terug)?"
    r"|(ik )?kan (nu )?niet (praten|bellen|opnemen)( ik bel (je )?later)?"
    r"|(sorry )?i can'?t talk (right )?now( call me later)?"
    r"|niet storen|do not disturb"
)

_TRAILING = re.compile(r"[\s.!?,;:…]+$")
_PUNCTUATION = re.compile(r"[.!?,;:…()\[\]\-–—]+")


@dataclass(frozen=True)
class Intent:
    kind: Kind
    rest: str = ""  # the words after the keyword, as written


def plain(text: str) -> str:
    """`text` with look-alike characters (curly quotes, odd spaces) made plain.

    Character by character, so one emoji does not keep the rest curly.
    """
    return "".join(sms.smart_encode(char) for char in text)


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
    body = plain(body)
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
        if rest is not None and is_remark(rest):
            return Intent("acknowledge", rest)
    return Intent("alert")


def is_remark(rest: str) -> bool:
    """Whether the words after an acknowledgement only say when one comes.

    "eraan, 2 min", "kom eraan", "5 min" are remarks; "er is brand bij nr 5"
    is news. Emoji and punctuation are no words: "ok \U0001f44d" is a remark.
    """
    if len(rest) > REMARK_LIMIT:
        return False
    words = [w for w in _PUNCTUATION.sub(" ", rest.casefold()).split() if w]
    if len(words) > REMARK_WORDS:
        return False
    return all(
        word in REMARK_VOCABULARY
        or _REMARK_NUMBER.fullmatch(word) is not None
        or not any(char.isalnum() for char in word)
        for word in words
    )


def is_auto_reply(body: str) -> bool:
    """Whether `body` is a phone or mail gateway answering for its owner."""
    text = " ".join(plain(body).casefold().split()).lstrip(" \"'([<*")
    if _AUTO_MARKER.match(text):
        return True
    if _AWAY.match(text) and _PROMISE.search(text):
        return True
    bare = " ".join(_PUNCTUATION.sub(" ", text).split())
    return _AWAY_ONLY.fullmatch(bare) is not None


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
