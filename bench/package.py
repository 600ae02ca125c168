"""`make bench`, second part: the size of each stage's deployment zip.

Target (from the hosting issue): under 5 MB. The zip is what Lambda downloads
on a cold start, so it is time a neighbour waits. boto3 comes with the Lambda
runtime and must not be in it.
"""

import sys
import zipfile
from pathlib import Path

LIMIT_BYTES = 5 * 1024 * 1024
RUNTIME_PACKAGES = ("boto3/", "botocore/")


def main(paths: list[str]) -> int:
    ok = True
    for path in map(Path, paths):
        size = path.stat().st_size
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
        bundled = sorted(
            {name.split("/")[0] for name in names if name.startswith(RUNTIME_PACKAGES)}
        )
        print(f"{path}: {size / 1024 / 1024:.2f} MB, {len(names)} files")
        checks = {
            "under 5 MB": size < LIMIT_BYTES,
            "boto3 and botocore left to the Lambda runtime": not bundled,
        }
        for name, passed in checks.items():
            print(f"{'ok' if passed else 'MISSED':>6}  {name}")
        ok = ok and all(checks.values())
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
