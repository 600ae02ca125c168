"""`make bench`: what smart encoding saves on realistic alerts.

The corpus is 60 alerts written for this bench (bench/alerts.txt), each typed
four ways, as phones type them: as written; with an iPhone's curly quotes and
apostrophes; with a dash, an ellipsis and the accents Dutch uses ("ideeën",
"café"); and with an emoji. That makes 240 texts. Each is composed as the
broadcast members receive (`[Molenwijk] Sanne: ...`) and its SMS parts are
counted without and with smart encoding.
"""

import sys
from pathlib import Path

from chalicelib import sms

CORPUS = Path(__file__).with_name("alerts.txt")
SENDERS = ("Sanne", "Ahmed", "Zoë", "Jan", "Fatima")


def typed_four_ways(alert: str, number: int) -> list[str]:
    """The same alert as four phones would type it."""
    words = alert.split(" ")
    if "'" in alert:
        iphone = alert.replace("'", "\u2019")
    else:
        iphone = f"{' '.join(words[:3])} \u201cecht\u201d {' '.join(words[3:])}"
    accents = f"{alert} \u2013 idee\u00ebn? Zie ook caf\u00e9 hoek\u2026"
    emoji = f"{alert} \U0001f6a8" if number % 2 else f"\U0001f693 {alert}"
    return [alert, iphone, accents, emoji]


def corpus() -> list[str]:
    alerts = [line for line in CORPUS.read_text(encoding="utf-8").splitlines() if line]
    return [
        sms.compose_broadcast("Molenwijk", SENDERS[n % len(SENDERS)], typed)
        for n, alert in enumerate(alerts)
        for typed in typed_four_ways(alert, n)
    ]


def main() -> int:
    texts = corpus()
    plain = sum(sms.count_parts(t) for t in texts)
    smart = sum(sms.count_parts(sms.smart_encode(t)) for t in texts)
    ucs2 = sum(sms.encoding_of(t) == "UCS-2" for t in texts)
    still = sum(sms.encoding_of(sms.smart_encode(t)) == "UCS-2" for t in texts)
    saving = 100 * (plain - smart) / plain

    print(f"corpus: {len(texts)} alerts ({ucs2} UCS-2 as typed, {still} after)")
    print(f"SMS parts without smart encoding: {plain}")
    print(f"SMS parts with smart encoding:    {smart}")
    print(f"saving: {saving:.1f}% of the parts, for every member of the roster")
    return 0 if len(texts) >= 200 and smart <= plain else 1


if __name__ == "__main__":
    sys.exit(main())
