"""docs/deploy.md's figures agree with the code and the template they describe.

The cost table counts what the stack makes (alarms) and what the function
emits (custom metrics); the spend limit of step 2.2 must sit above the busy
month the cost section works out, or AWS stops sending alerts mid-wave.
"""

import ast
import re
from decimal import Decimal

from tests.packaged import ROOT, STAGES, packaged

GUIDE = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
METRIC_PRICE = Decimal("0.30")
ALARM_PRICE = Decimal("0.10")


def emitted_metrics() -> set[str]:
    """Every name passed to `observability.count`, and Powertools' ColdStart."""
    names = {"ColdStart"}
    for path in [ROOT / "app.py", *(ROOT / "chalicelib").glob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "count"
            ):
                continue
            (argument,) = node.args
            # A name is a literal, or one of two literals chosen by a condition.
            chosen = (
                [argument.body, argument.orelse]
                if isinstance(argument, ast.IfExp)
                else [argument]
            )
            for name in chosen:
                assert isinstance(name, ast.Constant), ast.dump(argument)
                names.add(str(name.value))
    return names


def money(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def test_the_cost_table_counts_every_metric_the_function_emits() -> None:
    line = next(row for row in GUIDE.splitlines() if "custom metrics" in row)
    counted = re.search(r"up to (\d+) custom metrics [^(]*\((\d+) counts", line)
    most = re.search(r"at most USD ([\d.]+)", line)
    assert counted is not None and most is not None

    total, counts = int(counted[1]), int(counted[2])
    assert total == len(emitted_metrics())
    assert counts == total - 1
    assert money(most[1]) == total * METRIC_PRICE


def test_the_cost_table_counts_the_stacks_alarms() -> None:
    alarms = re.search(r"CloudWatch: (\d+) alarms \| [^|]+\| USD ([\d.]+)", GUIDE)
    assert alarms is not None

    for stage in STAGES:
        made = [
            resource
            for resource in packaged(stage)["Resources"].values()
            if resource["Type"] == "AWS::CloudWatch::Alarm"
        ]
        assert int(alarms[1]) == len(made)
    assert money(alarms[2]) == int(alarms[1]) * ALARM_PRICE


def test_the_spend_limit_is_above_the_busy_month_of_the_cost_section() -> None:
    limits = {
        money(found)
        for found in re.findall(r"(?:--monthly-limit |MonthlySpendLimit=)(\d+)", GUIDE)
    }
    busy = re.search(r"makes\s+[\d,]+ SMS: about USD ([\d,]+)\.", GUIDE)
    usual = re.search(r"\*\*Total\*\* \| \| \*\*about USD ([\d,]+)\*\*", GUIDE)
    assert busy is not None and usual is not None

    (limit,) = limits
    assert money(busy[1]) > 2 * money(usual[1]) * Decimal("0.95")
    assert limit > money(busy[1])
    assert f"USD {limit:,}" in GUIDE
