"""SMS text: how many parts a message costs and how a broadcast reads.

Residents pay per SMS part, and every broadcast is multiplied by the roster,
so the part count must be the one the network bills. A message that fits the
GSM-7 alphabet costs one part up to 160 septets and 153 per part after that
(the rest carries the concatenation header); the characters of the GSM-7
extension table take two septets each. One character outside GSM-7 makes the
whole message UCS-2: 70 UTF-16 code units in one part, 67 per part after that,
so an emoji (two code units) costs double. A part boundary never splits an
escape sequence or a surrogate pair, which is why parts are packed one
character at a time instead of divided.
"""

import re
import unicodedata
from dataclasses import dataclass
from typing import Final, Literal

from chalicelib import texts

Encoding = Literal["GSM-7", "UCS-2"]

# GSM 03.38 default alphabet (without the escape code itself).
GSM7_BASIC: Final = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
# Reached through the escape code, so each costs two septets.
GSM7_EXTENSION: Final = frozenset("^{}\\[~]|€\f")

_LIMITS: Final[dict[Encoding, tuple[int, int]]] = {
    # encoding: (single-part capacity, capacity of each part of a longer one)
    "GSM-7": (160, 153),
    "UCS-2": (70, 67),
}


@dataclass(frozen=True)
class SmsSize:
    """What a text costs on the network."""

    encoding: Encoding
    units: int  # septets for GSM-7, UTF-16 code units for UCS-2
    parts: int


def encoding_of(text: str) -> Encoding:
    """GSM-7 when every character is in the GSM-7 tables, otherwise UCS-2."""
    if all(c in GSM7_BASIC or c in GSM7_EXTENSION for c in text):
        return "GSM-7"
    return "UCS-2"


def _cost(char: str, encoding: Encoding) -> int:
    if encoding == "GSM-7":
        return 2 if char in GSM7_EXTENSION else 1
    return 2 if ord(char) > 0xFFFF else 1


def measure(text: str) -> SmsSize:
    """Count the units and parts `text` takes as one SMS."""
    encoding = encoding_of(text)
    single, per_part = _LIMITS[encoding]
    costs = [_cost(c, encoding) for c in text]

    units = sum(costs)
    if units <= single:
        return SmsSize(encoding, units, 1 if units else 0)

    parts, room = 1, per_part
    for cost in costs:
        if cost > room:
            parts, room = parts + 1, per_part
        room -= cost
    return SmsSize(encoding, units, parts)


def count_parts(text: str) -> int:
    """How many SMS parts `text` is billed as."""
    return measure(text).parts


# Characters that change how a text looks without being seen: control codes
# and the marks that reverse text direction (which could make "Jan" read as
# someone else). Line breaks stay; neighbours use them.
_INVISIBLE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f\u200b\u200c\u200e\u200f\u202a-\u202e\u2060"
    "\u2066-\u2069\ufeff\ud800-\udfff]"
)
# The zero-width joiner is what holds an emoji sequence together (👮‍♂️ is
# police officer, joiner, male sign); dropping it would split a neighbour's
# emoji in two. After a Latin letter, digit or punctuation mark it joins
# nothing and only hides inside a word, so there it goes like the others.
_LOOSE_JOINER = re.compile("(?:^|(?<=[\x00-\u024f]))\u200d")


def clean(text: str) -> str:
    """`text` without invisible control characters, trimmed."""
    return _LOOSE_JOINER.sub("", _INVISIBLE.sub("", text)).strip()


# Smart encoding: GSM-7 look-alikes for what phones type without asking
# (iPhone quotes, dashes, ellipsis, odd spaces) and for accented letters GSM-7
# lacks. Only letters of the languages neighbours mostly write are
# simplified; Turkish, Arabic and the like are never touched.
_LOOK_ALIKES: Final = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u00b4\u0060\u2039\u203a", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    **dict.fromkeys(
        "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
        "\u2009\u200a\u202f\u205f\u3000",
        " ",
    ),
    # Invisible: the soft hyphen only shows where a word wraps, and phones
    # wrap SMS themselves.
    **dict.fromkeys("\u00ad\u200b\u200c\u200d\u2060\ufeff", ""),
    # Line and paragraph separators are line breaks to the reader.
    **dict.fromkeys("\u2028\u2029", "\n"),
    "\u2026": "...",
    # GSM-7 has only the capital 'Ç' (0x09), so 'façade' would read 'faÇade';
    # 'facade' and 'Curacao' are spellings Dutch readers know, a capital in the
    # middle of a word is not.
    "\u00e7": "c",
}
_SIMPLIFIED: Final = frozenset("áâãêëïíîóôõúûýÿÀÁÂÃÊËÏÍÎÓÔÕÚÛÝŸÈÌÒÙ")


def _look_alike(char: str) -> str:
    if char in _LOOK_ALIKES:
        return _LOOK_ALIKES[char]
    if char in _SIMPLIFIED:
        return unicodedata.normalize("NFD", char)[0]
    return char


def smart_encode(text: str) -> str:
    """`text` with GSM-7 look-alikes, if that makes all of it GSM-7.

    Otherwise `text` unchanged: a text with an emoji or in another script
    goes out as UCS-2, as written.
    """
    if encoding_of(text) == "GSM-7":
        return text
    simplified = "".join(_look_alike(c) for c in text)
    return simplified if encoding_of(simplified) == "GSM-7" else text


def shorten(text: str, max_parts: int) -> str:
    """`text` cut, with an ellipsis, to fit `max_parts`: at a word boundary,
    unless that would throw away most of it (one endless word or link)."""
    if count_parts(text) <= max_parts:
        return text
    ellipsis = "..." if encoding_of(text) == "GSM-7" else "\u2026"

    cut = text
    while cut and count_parts(cut + ellipsis) > max_parts:
        cut = cut[: max(0, len(cut) - max(1, len(cut) // 20))]
    while count_parts(text[: len(cut) + 1] + ellipsis) <= max_parts:
        cut = text[: len(cut) + 1]
    at_word = cut.rsplit(" ", 1)[0].rstrip(" ,.;:-")
    if len(at_word) >= len(cut) * 4 // 5:
        cut = at_word
    return cut + ellipsis


def compose_broadcast(
    neighbourhood: str, sender: str, body: str, language: str | None = None
) -> str:
    """The alert as every member reads it: neighbourhood and name, then the text."""
    return texts.say(
        "alert.broadcast",
        language,
        neighbourhood=neighbourhood,
        sender=sender,
        body=clean(body),
    )
