"""Pin a packaged template's Stage parameter to the stage it was packaged for.

`chalice package --stage dev` writes functions that read the dev tables, but
infra/template.yaml serves every stage, so its Stage parameter allows them
all. Deploying build/dev with Stage=prod would then create prod tables that
no function reads. After packaging, the only value left is the right one, and
CloudFormation refuses any other before it creates anything.

Usage: python infra/pin_stage.py build/dev/sam.yaml dev
"""

import sys
from pathlib import Path

import yaml


def pin(path: Path, stage: str) -> None:
    template = yaml.safe_load(path.read_text(encoding="utf-8"))
    parameter = template["Parameters"]["Stage"]
    if stage not in parameter["AllowedValues"]:
        sys.exit(f"{path}: stage {stage!r} is not one the template allows.")
    parameter["Default"] = stage
    # A rule rather than narrower AllowedValues: it says why in CloudFormation's
    # refusal, and cfn-lint keeps checking both sides of the stage conditions.
    template.setdefault("Rules", {})["PackagedStage"] = {
        "Assertions": [
            {
                "Assert": {"Fn::Equals": [{"Ref": "Stage"}, stage]},
                "AssertDescription": (
                    f"This template was packaged for the stage {stage} "
                    f"(build/{stage}); deploy it with Stage={stage}."
                ),
            }
        ]
    }
    path.write_text(yaml.safe_dump(template, sort_keys=False), encoding="utf-8")


if __name__ == "__main__":
    pin(Path(sys.argv[1]), sys.argv[2])
