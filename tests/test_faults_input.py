"""Hostile input files: huge numbers, device files, FIFOs, NUL bytes in paths.

Each is run through the real `bbtui` program: a located one-line error and a
non-zero exit, never a traceback, a hang or all the memory.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from bbtui.cli.exit_codes import INVALID, UNREADABLE
from clirun import MINI, bbtui

LOCATED = re.compile(r"^.+:\d+:\d+: .+$")


def assert_refused(result, code: int, words: str) -> None:
    assert result.returncode == code, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    first = result.stderr.strip().splitlines()[0]
    assert LOCATED.match(first) and words in first, result.stderr


def mini_with(tmp_path: Path, old: str, new: str) -> Path:
    text = Path(MINI).read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "data.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "verb", [["validate"], ["search", "beard", "--data"], ["export", "--format", "json", "--data"]]
)
@pytest.mark.parametrize("digit", ["9", "0"])
def test_a_year_of_five_thousand_digits_is_a_located_error(
    tmp_path: Path, verb: list[str], digit: str
) -> None:
    # Zeros too: int() counts every digit (the fuzz harness found "from: 000…0").
    path = mini_with(tmp_path, "from: 2015", "from: " + digit * 5000)
    result = bbtui(*verb, str(path))
    assert_refused(result, INVALID, "is not a year")
    assert digit * 100 not in result.stderr  # the number is cut short in the message


def test_a_nul_byte_in_a_source_file_name_is_refused_at_validation(tmp_path: Path) -> None:
    path = mini_with(tmp_path, "file: 000_966aa456532ed3ec.txt", 'file: "a\\0b.txt"')
    (tmp_path / "sources").mkdir()
    for args in (
        ["validate", str(path)],
        ["validate", str(path), "--sources", str(tmp_path / "sources")],
    ):
        assert_refused(bbtui(*args), INVALID, "'file'")


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_as_the_dataset_is_refused(device: str) -> None:
    for args in (
        ["validate", device],
        ["search", "x", "--data", device],
        ["export", "--format", "csv", "--data", device],
    ):
        assert_refused(bbtui(*args, timeout=20), UNREADABLE, "not a regular file")


def test_a_fifo_with_no_writer_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "data.yaml"
    os.mkfifo(fifo)
    for args in (
        ["validate", str(fifo)],
        ["search", "x", "--data", str(fifo)],
        ["export", "--format", "csv", "--data", str(fifo)],
    ):
        assert_refused(bbtui(*args, timeout=20), UNREADABLE, "not a regular file")


def test_an_archive_field_moved_into_another_source_is_a_located_error(tmp_path: Path) -> None:
    # Found by tests/fuzz_bytes.py: a KeyError from the provenance check.
    text = Path(MINI).read_text(encoding="utf-8")
    text = text.replace("    outlet: International Business Times UK\n", "    archive_url: \n", 1)
    text = text.replace(
        "    archive_url: https://archive.example/2015/verge-pakistan\n",
        "    outlet: International Business Times UK\n",
        1,
    )
    path = tmp_path / "data.yaml"
    path.write_text(text, encoding="utf-8")
    assert_refused(bbtui("validate", str(path)), INVALID, "")
