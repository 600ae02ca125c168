"""`make bench`: what smart encoding saves on realistic alerts.

The corpus (bench/alerts.txt) is alerts written for this bench, one a line,
as neighbours in a Dutch high-rise type them on their phones: mostly plain,
some with an iPhone's curly quotes and apostrophes, dashes, ellipses, the
accents Dutch uses ("ideeën", "café"), emoji, a few in Turkish, Arabic or
English. Each is composed as the broadcast members receive
(`[Molenwijk] Sanne: ...`) and its SMS parts are counted without and with
smart encoding. The senders take turns, and one of the five is Zoë: a name
makes a broadcast UCS-2 as surely as its text does (with every alert from
Sanne the saving is about 5 points lower).

The bench also checks what smart encoding promises, so a broken one fails it:
no text costs more parts, a text with an emoji or in another script goes out
exactly as written, and a changed text is GSM-7 with the same words.
"""

import sys
import unicodedata
from pathlib import Path

from chalicelib import sms

CORPUS = Path(__file__).with_name("alerts.txt")
SENDERS = ("Sanne", "Ahmed", "Zoë", "Jan", "Fatima")
# Turkish letters GSM-7 has no look-alike for that smart encoding may use.
TURKISH = frozenset("şŞğĞıİ")


def written() -> list[str]:
    """The alerts as their senders typed them."""
    return [line for line in CORPUS.read_text(encoding="utf-8").splitlines() if line]


def corpus(alerts: list[str]) -> list[str]:
    """The alerts as the members receive them."""
    return [
        sms.compose_broadcast("Molenwijk", SENDERS[n % len(SENDERS)], alert)
        for n, alert in enumerate(alerts)
    ]


def kept_as_written(text: str) -> bool:
    """Whether `text` has an emoji or another script, so must go out as is.

    Decided from Unicode itself, not from the look-alike table under test.
    """
    return any(
        unicodedata.category(c) == "So"
        or c in TURKISH
        or unicodedata.name(c, "").startswith("ARABIC")
        for c in text
    )


def broken_promises(text: str) -> list[str]:
    smart = sms.smart_encode(text)
    broken = []
    if sms.count_parts(smart) > sms.count_parts(text):
        broken.append("costs more parts")
    if kept_as_written(text) and smart != text:
        broken.append("emoji or other script changed")
    if smart != text and sms.encoding_of(smart) != "GSM-7":
        broken.append("changed but still UCS-2")
    if len(smart.split()) != len(text.split()):
        broken.append("words changed")
    return broken


def main() -> int:
    alerts = written()
    texts = corpus(alerts)
    plain = sum(sms.count_parts(t) for t in texts)
    smart = sum(sms.count_parts(sms.smart_encode(t)) for t in texts)
    ucs2 = sum(sms.encoding_of(t) == "UCS-2" for t in texts)
    still = sum(sms.encoding_of(sms.smart_encode(t)) == "UCS-2" for t in texts)
    saving = 100 * (plain - smart) / plain

    print(f"corpus: {len(texts)} alerts ({ucs2} UCS-2 as typed, {still} after)")
    print(f"SMS parts without smart encoding: {plain}")
    print(f"SMS parts with smart encoding:    {smart}")
    print(f"saving: {saving:.1f}% of the parts, for every member of the roster")

    failures = [(t, b) for t in texts if (b := broken_promises(t))]
    for text, broken in failures:
        print(f"smart encoding broke its promise ({', '.join(broken)}): {text}")
    if len(set(alerts)) != len(alerts):
        print("the corpus repeats an alert")
    if len(alerts) < 200:
        print("the corpus needs at least 200 alerts")
    ok = not failures and len(set(alerts)) == len(alerts) >= 200
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
