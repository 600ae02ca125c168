"""`make bench`: what one alert costs in AWS calls and time, and the cold import.

Runs on the embedded moto backend, so times are moto's, not AWS's: they show
whether the handler's work grows with the roster, not how fast AWS is.
Targets (from the alert pipeline issue):

- AWS API calls per alert: the same for 10 and 5,000 members, at most 6. The
  limit is checked on a warm container: the first alert a container handles
  also looks its neighbourhood up by long code (one Query), which the
  container then remembers; both counts are printed;
- median handler time with 5,000 members within 1.3x of 10 members;
- importing the app module at most 1.5x a bare `import boto3`.

Both rosters live in one sandbox, as two neighbourhoods, and their alerts
alternate. That way both see the same process, heap and moto state: moto
models SNS fan-out by walking every subscription in its backend on each
publish, a cost that is moto's (in AWS the fan-out happens after Publish
returns) and that, in one shared backend, both neighbourhoods pay alike. What
remains of moto's fan-out model is its paging through the one topic's own
subscriptions, which does grow with the roster and shows in the times.

The absolute times are moto's too: to be able to roll a transaction back,
moto copies every table a TransactWriteItems touches, so with a 5,000-member
roster table each alert spends most of its time in that copy. DynamoDB does
nothing of the kind; in one shared backend both neighbourhoods pay it alike.
"""

import statistics
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
from chalice.local import LambdaContext

from wijkalert.sandbox import Sandbox

ALERTS = 60
START = datetime(2026, 11, 28, 8, 0, tzinfo=UTC)
IMPORT_RUNS = 7
# (members, neighbourhood id, long code, first member number)
ROSTERS = (
    (10, "klein", "+3197010203040", 12345601),
    (5_000, "groot", "+3197010203041", 12345611),
)


class CallCounter:
    """Counts AWS API calls by operation through botocore's event hooks."""

    def __init__(self) -> None:
        self.calls: Counter[str] = Counter()

    def __call__(self, event_name: str, **_: Any) -> None:
        self.calls[event_name.removeprefix("before-call.")] += 1

    def take(self) -> Counter[str]:
        taken, self.calls = self.calls, Counter()
        return taken


def alert_event(sender: str, long_code: str, number: int) -> dict[str, Any]:
    """Alert `number`: its own words, four minutes after the one before.

    Spread out like that the alerts stay under the neighbourhood's limits
    (20 an hour, 3 per member in 10 minutes), so every one is broadcast.
    """
    message = (
        f'{{"originationNumber": "{sender}", "destinationNumber": "{long_code}",'
        f' "messageKeyword": "", "messageBody": "Rook uit de kelder van nr {number}",'
        f' "inboundMessageId": "bench-{long_code}-{number}"}}'
    )
    received = START + timedelta(minutes=4 * number)
    sns = {
        "MessageId": f"sns-{long_code}-{number}",
        "Message": message,
        "Subject": None,
        "Timestamp": received.isoformat(timespec="milliseconds"),
        "MessageAttributes": {},
    }
    return {"Records": [{"EventSource": "aws:sns", "Sns": sns}]}


def enrol(box: Sandbox, size: int, nid: str, long_code: str, first: int) -> str:
    """Open a neighbourhood with `size` members; return a member's number.

    The project's test range +316123456NN holds 100 numbers; a roster of 5,000
    counts on from there. These numbers live only in moto and are never
    texted: nothing here reaches a phone network.
    """
    roster = box.roster(box.open_neighbourhood(nid, nid.title(), long_code))
    for index in range(size):
        roster.add(f"+316{first + index:08d}", f"Buur {index}")
    return f"+316{first:08d}"


def measure() -> dict[int, tuple[Counter[str], Counter[str], float]]:
    """Per roster size: calls of its first alert, of a warm one, median seconds."""
    with Sandbox(record_sms=False) as box:
        senders = {size: enrol(box, size, *rest) for size, *rest in ROSTERS}
        counter = CallCounter()
        boto3.DEFAULT_SESSION.events.register("before-call.*.*", counter)  # type: ignore[union-attr]
        import app

        context = LambdaContext(
            "on_inbound_sms", memory_size=256, max_runtime_ms=30_000
        )
        first: dict[int, Counter[str]] = {}
        warm: dict[int, Counter[str]] = {}
        seconds: dict[int, list[float]] = {size: [] for size, *_ in ROSTERS}
        with box.function_output():
            for number in range(ALERTS + 1):
                for size, _, long_code, _ in ROSTERS:
                    event = alert_event(senders[size], long_code, number)
                    started = time.perf_counter()
                    outcome = app.on_inbound_sms(event, context)
                    seconds[size].append(time.perf_counter() - started)
                    assert outcome["outcome"] == "broadcast", outcome
                    (warm if number else first)[size] = counter.take()
        return {
            size: (first[size], warm[size], statistics.median(seconds[size][1:]))
            for size in seconds
        }


def import_seconds(module: str) -> float:
    code = (
        "import time; started = time.perf_counter(); "
        f"import {module}; print(time.perf_counter() - started)"
    )
    runs = [
        float(
            subprocess.run(
                [sys.executable, "-c", code], check=True, capture_output=True, text=True
            ).stdout
        )
        for _ in range(IMPORT_RUNS)
    ]
    return statistics.median(runs)


def main() -> int:
    results = measure()
    print(
        f"{'members':>8} {'calls (first)':>14} {'calls (warm)':>13} {'median ms':>10}"
    )
    for size, (cold, warm, median) in results.items():
        print(
            f"{size:>8} {sum(cold.values()):>14} {sum(warm.values()):>13}"
            f" {median * 1000:>10.2f}"
        )
    small, large = (results[size] for size, *_ in ROSTERS)
    print("calls of the first alert:", dict(small[0]))
    print("calls of a warm alert:   ", dict(small[1]))

    boto3_time, app_time = import_seconds("boto3"), import_seconds("app")
    print(f"import boto3: {boto3_time:.3f} s; import app: {app_time:.3f} s")

    checks = {
        "calls per alert are the same for both rosters": small[:2] == large[:2],
        "at most 6 calls per alert (warm)": sum(large[1].values()) <= 6,
        "the first alert adds only the neighbourhood lookup": large[0] - large[1]
        == Counter({"dynamodb.Query": 1}),
        "handler time for 5,000 within 1.3x of 10": large[2] <= 1.3 * small[2],
        "app import at most 1.5x import boto3": app_time <= 1.5 * boto3_time,
    }
    for name, ok in checks.items():
        print(f"{'ok' if ok else 'MISSED':>6}  {name}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
