"""The merged CloudFormation templates `make package` builds, read by the tests.

The tests ask make for them, so they always read what would deploy: make
rebuilds a stage only when the code, policy or template changed, and stops
when cfn-lint finds an error.
"""

import json
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).parent.parent
STAGES = tuple(
    json.loads((ROOT / ".chalice" / "config.json").read_text(encoding="utf-8"))[
        "stages"
    ]
)


@cache
def _built() -> None:
    subprocess.run(["make", "--silent", "package"], cwd=ROOT, check=True)


@cache
def packaged(stage: str) -> dict[str, Any]:
    """The merged template of `stage`, as deployed.

    Parsed once per run and shared by every test: read it, never change it.
    """
    _built()
    text = (ROOT / "build" / stage / "sam.yaml").read_text(encoding="utf-8")
    template: dict[str, Any] = yaml.safe_load(text)
    return template


def resolve(value: Any, stage: str, template: dict[str, Any]) -> Any:
    """A property's value once deployed as `stage`, for the intrinsics used here.

    `Ref` to a parameter gives its default; `Fn::Sub` fills in the stage.
    Anything else (a reference to a resource) is returned as written.
    """
    if isinstance(value, dict) and set(value) == {"Fn::Sub"}:
        return str(value["Fn::Sub"]).replace("${Stage}", stage)
    if isinstance(value, dict) and set(value) == {"Ref"}:
        if value["Ref"] == "Stage":
            return stage
        parameter = template.get("Parameters", {}).get(value["Ref"])
        if parameter and "Default" in parameter:
            return parameter["Default"]
    return value
