"""The core never imports Textual: checked in a fresh interpreter.

`bbtui validate` (and the loader everyone uses) must start fast and run
without a terminal, so importing the core and running validate must leave
`textual` and `bbtui.ui` out of sys.modules.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

MINI = Path(__file__).parent / "data" / "mini.yaml"

SCRIPT = f"""
import contextlib, io, sys
import bbtui.core.loader, bbtui.core.model, bbtui.core.validator, bbtui.core.yaml_source, bbtui.core.verify_sources, bbtui.cli
from bbtui.cli import main
with contextlib.redirect_stdout(io.StringIO()) as out:
    code = main(["validate", {str(MINI)!r}])
assert code == 0, code
assert "valid" in out.getvalue(), out.getvalue()
leaked = sorted(m for m in sys.modules if m == "textual" or m.startswith(("textual.", "bbtui.ui")))
print(",".join(leaked))
"""


def test_core_and_validate_do_not_import_textual():
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"imported: {result.stdout.strip()}"


def test_the_check_would_notice_textual():
    # The same probe, after importing Textual on purpose, must report it.
    script = SCRIPT.replace("import contextlib", "import textual, contextlib", 1)
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "textual" in result.stdout


WARM_OPEN = """
import sys
from bbtui.cli.explore import open_dataset
from bbtui.core.paths import shipped_dataset
dataset = open_dataset(str(shipped_dataset()))
parsed = sorted(m for m in sys.modules if m == "yaml" or m in ("bbtui.core.loader", "bbtui.core.validator"))
print(type(dataset).__name__, len(dataset.events), ",".join(parsed))
"""


def test_a_warm_start_reads_the_shipped_dataset_from_its_store():
    # Every start of `bbtui` opens it: the first writes its store (BBTUI_CACHE_DIR,
    # the test's own), the next neither parses YAML nor imports the validator.
    runs = [
        subprocess.run(
            [sys.executable, "-c", WARM_OPEN],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        for _ in range(2)
    ]
    assert all(run.returncode == 0 for run in runs), [run.stderr for run in runs]
    first, warm = (run.stdout.split(" ", 2) for run in runs)
    assert first[:2] == warm[:2] == ["StoredDataset", first[1]] and int(first[1]) > 50
    assert warm[2].strip() == "", f"imported: {warm[2].strip()}"
