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

The module also makes a text as cheap as its words allow: smart encoding
swaps in GSM-7 look-alikes when that makes the whole text GSM-7, and a text
over the neighbourhood's cap on parts is cut, keeping as much as fits.
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
# nothing and only hides inside a word (members' names are cleaned here too),
# so there it goes like the others.
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
    goes out as UCS-2, as written. Also unchanged when the look-alikes would
    cost more parts: "…" becomes three septets, and a text full of them can
    be cheaper as UCS-2.
    """
    if encoding_of(text) == "GSM-7":
        return text
    simplified = "".join(_look_alike(c) for c in text)
    cheaper = count_parts(simplified) <= count_parts(text)
    return simplified if encoding_of(simplified) == "GSM-7" and cheaper else text


# Where a cut may not fall: in front of a joiner, a variation selector, a skin
# tone or an accent typed as a separate mark, or right after a joiner. Those
# belong to the character before them; cutting there shows half an emoji.
_CLINGS_TO_PREVIOUS: Final = frozenset(
    "\u200d\ufe0e\ufe0f\U0001f3fb\U0001f3fc\U0001f3fd\U0001f3fe\U0001f3ff"
)
# Dropped from the end of a cut before its ellipsis, so "kapot, ..." reads
# "kapot..." and no line ends in a lone dash.
_TRAILING: Final = " \n\u00a0,.;:-\u2013\u2014\u2026"


def _splits_a_character(text: str, at: int) -> bool:
    following = text[at] if at < len(text) else ""
    return bool(
        text[at - 1 : at] == "\u200d"
        or following in _CLINGS_TO_PREVIOUS
        or (following and unicodedata.combining(following))
    )


def shorten(text: str, max_parts: int, *, smart: bool = False) -> str:
    """`text` cut, with an ellipsis, to fit `max_parts`.

    The cut keeps as much of the text as fits: a text that is UCS-2 only
    because of an emoji at its end fits more than twice as much once the
    emoji is cut off, as GSM-7. The ellipsis follows the encoding of what is
    left, "..." for GSM-7 and "…" for UCS-2, so it never makes a GSM-7 text
    UCS-2. With `smart`, what is left may be smart encoded; otherwise no
    character is changed. The cut falls at a space or line break, unless that
    would throw away more than a fifth (one endless word or link).
    """
    whole = smart_encode(text) if smart else text
    if count_parts(whole) <= max_parts:
        return whole

    def fitted(length: int) -> str | None:
        kept = text[:length]
        if smart:
            kept = smart_encode(kept)
        kept += "..." if encoding_of(kept) == "GSM-7" else "\u2026"
        return kept if count_parts(kept) <= max_parts else None

    # Every character of the original costs at least one unit, unless smart
    # encoding drops it (a soft hyphen), so nothing longer can fit.
    dropped = sum(_look_alike(c) == "" for c in text) if smart else 0
    longest = min(len(text) - 1, _LIMITS["GSM-7"][0] * max_parts + dropped)
    # Tried from the longest down, so the first that fits keeps the most. One
    # by one, not halving: with smart encoding a cut that fits can lie below
    # one that does not.
    length = next(
        (
            n
            for n in range(longest, -1, -1)
            if not _splits_a_character(text, n) and fitted(n) is not None
        ),
        0,
    )
    at_word = length
    while at_word > 0 and not text[at_word].isspace():
        at_word -= 1
    at_word = len(text[:at_word].rstrip(_TRAILING))
    if at_word >= length * 4 // 5 and (cut := fitted(at_word)) is not None:
        return cut
    return fitted(length) or ""


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
