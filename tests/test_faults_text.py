"""Characters that still hid text: invisible operators, tag characters, fillers, line separators.

Each is shown as `<U+XXXX>` like the other invisible characters, in the core
rule (`visible`), the CLI's output and the Markdown export, where a reader would
otherwise be misled (a tag-character payload reads as nothing at all).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bbtui.core.textsafe import visible, visible_line
from clirun import MINI, bbtui

HIDDEN = [
    "\u2061", "\u2062", "\u2063", "\u2064",  # invisible operators
    "\U000e0001", "\U000e0041", "\U000e007f",  # tag characters
    "\ufff9", "\ufffa", "\ufffb",  # interlinear annotation
    "\u034f",  # combining grapheme joiner
    "\u115f", "\u1160", "\u3164", "\uffa0",  # Hangul fillers
    "\u2028", "\u2029",  # line and paragraph separators
]  # fmt: skip


@pytest.mark.parametrize("char", HIDDEN, ids=lambda c: f"U+{ord(c):04X}")
def test_each_hidden_character_is_shown_as_its_code(char: str) -> None:
    code = f"<U+{ord(char):04X}>"
    assert visible(f"a{char}b") == f"a{code}b"
    assert visible_line(f"a{char}b") == f"a{code}b"


def test_text_that_needs_them_keeps_its_joiners() -> None:
    # ZWJ emoji sequences and Persian ZWNJ spelling stay as they are.
    for text in ("👩\u200d💻", "می\u200cخواهم", "中文 🫐", "Ωμέγα"):
        assert visible(text) == text


def test_the_cli_and_the_markdown_export_show_them(tmp_path: Path) -> None:
    text = Path(MINI).read_text(encoding="utf-8")
    payload = "unfettered\u2062\U000e0041\U000e0042\u3164"
    assert "demanding unfettered" in text
    path = tmp_path / "data.yaml"
    path.write_text(
        text.replace("demanding unfettered", "demanding " + payload, 1), encoding="utf-8"
    )
    shown = "unfettered<U+2062><U+E0041><U+E0042><U+3164>"
    search = bbtui("search", "essentially", "--data", str(path))
    assert search.returncode == 0, search.stderr
    assert shown in search.stdout
    export = bbtui("export", "--format", "markdown", "--data", str(path))
    assert export.returncode == 0, export.stderr
    # Markdown escapes the angle brackets; rendered, it reads <U+2062>.
    assert shown.replace("<", "\\<").replace(">", "\\>") in export.stdout
    for char in payload[len("unfettered") :]:
        assert char not in search.stdout + export.stdout
