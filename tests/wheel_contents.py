"""Check that a built wheel carries what bbtui reads at run time (CI runs this).

python tests/wheel_contents.py dist/bbtui-*.whl
"""

from __future__ import annotations

import sys
import zipfile

NEEDED = (
    "bbtui/ui/bbtui.tcss",  # the one stylesheet
    "bbtui/data/events.yaml",  # the shipped dataset
    "bbtui/py.typed",
    "bbtui/web/templates/explorer.html",  # bbtui serve's page
)


def missing_from(wheel: str) -> list[str]:
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [name for name in NEEDED if name not in names]
    if not any(name.endswith(".dist-info/licenses/LICENSE") for name in names):
        missing.append("LICENSE")
    return missing


def main() -> int:
    missing = missing_from(sys.argv[1])
    if missing:
        print(f"{sys.argv[1]} lacks: {', '.join(missing)}", file=sys.stderr)
        return 1
    print(f"{sys.argv[1]}: stylesheet, dataset, page and licence included")
    return 0


if __name__ == "__main__":
    sys.exit(main())
