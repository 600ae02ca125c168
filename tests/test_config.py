"""Settings: a missing one fails at start, naming itself."""

import json
from pathlib import Path

import pytest

from chalicelib import config
from chalicelib.errors import MissingSetting
from wijkalert.sandbox import ENVIRONMENT

COMPLETE = {
    config.ROSTER_TABLE: "roster",
    config.ALERTS_TABLE: "alerts",
    config.IDEMPOTENCY_TABLE: "idempotency",
}


@pytest.mark.parametrize("missing", sorted(COMPLETE))
def test_a_missing_setting_is_named(missing: str) -> None:
    environ = {k: v for k, v in COMPLETE.items() if k != missing}

    with pytest.raises(MissingSetting) as refused:
        config.Settings.from_environ(environ)

    assert missing in refused.value.sentence("en")


@pytest.mark.parametrize("price", ["free", "-1", "0", "NaN"])
def test_an_unusable_max_price_is_refused(price: str) -> None:
    with pytest.raises(MissingSetting) as refused:
        config.Settings.from_environ({**COMPLETE, config.SMS_MAX_PRICE: price})

    assert config.SMS_MAX_PRICE in refused.value.sentence("en")


def test_max_price_has_a_default() -> None:
    assert config.Settings.from_environ(COMPLETE).sms_max_price == "0.50"


def test_every_stage_sets_every_required_setting() -> None:
    chalice = json.loads(Path(".chalice/config.json").read_text(encoding="utf-8"))

    for stage in ("dev", "prod"):
        environ = {
            **chalice["environment_variables"],
            **chalice["stages"][stage]["environment_variables"],
        }
        config.Settings.from_environ(environ)


def test_sandbox_uses_the_dev_stage_table_names() -> None:
    chalice = json.loads(Path(".chalice/config.json").read_text(encoding="utf-8"))
    dev = chalice["stages"]["dev"]["environment_variables"]

    for name in (config.ROSTER_TABLE, config.ALERTS_TABLE, config.IDEMPOTENCY_TABLE):
        assert ENVIRONMENT[name] == dev[name]
