"""`bbtui search` on a store prints the bytes the in-memory dataset gives, page by page.

A common word's hits are printed a page at a time, each page's events and
sources read together and their lines remembered only up to a bound. Here
pages of 7 and a memory of 5 lines make every boundary happen on a
300-event generated dataset: each output (text, JSON, events, limits,
styles, highlighting) must equal the one printed from the YAML in memory,
exit code included.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bbtui.cli import main, search_output
from bbtui.cli import search as search_command
from bbtui.core.store import StoredDataset, open_dataset, opening

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import write_dataset

CASES = [
    ["government"],
    ["government", "--json"],
    ["government", "--limit", "9"],
    ["government", "--json", "--limit", "15"],
    ["security", "--style", "apa", "--limit", "30"],
    ["the", "--events"],
    ["the", "--events", "--json", "--limit", "11"],
    ["lawful interception", "--events", "--style", "chicago"],
    ['"lawful interception"'],
    ["gov"],
    ["governmnt acces"],
    ["country:pk"],
    ["country:uk", "--events", "--limit", "40"],  # under 50 lines: every hit, over 5 pages
    ['country:"united kingdom"', "--events", "--json"],
    ["country:pakistan"],
    ["year:2010-07", "--events", "--limit", "40"],
    ["year:2010-07", "--events", "--json"],
    ["qqqqzzzz"],
    ["qqqqzzzz", "--json"],
]


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("search-cli-store")
    path = write_dataset(300, folder / "data.yaml")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BBTUI_CACHE_DIR", str(folder / "cache"))
        patch.delenv("BBTUI_NO_CACHE", raising=False)
        patch.setattr(opening, "MIN_BYTES", 0)
        open_dataset(path)  # the store, written once
        yield path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["search", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def small_pages(monkeypatch: pytest.MonkeyPatch, dataset: Path) -> None:
    monkeypatch.setenv("BBTUI_CACHE_DIR", str(dataset.parent / "cache"))
    monkeypatch.delenv("BBTUI_NO_CACHE", raising=False)
    monkeypatch.setattr(opening, "MIN_BYTES", 0)
    monkeypatch.setattr(search_command, "PAGE", 7)
    monkeypatch.setattr(search_output, "REMEMBER", 5)
    assert isinstance(open_dataset(dataset), StoredDataset)


@pytest.mark.parametrize("args", CASES, ids=" ".join)
def test_a_store_prints_what_memory_prints(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    dataset: Path,
    small_pages: None,
    args: list[str],
) -> None:
    stored = run(capsys, *args, "--data", str(dataset))
    monkeypatch.setenv("BBTUI_NO_CACHE", "1")
    monkeypatch.setattr(search_command, "PAGE", search_output.PAGE)
    in_memory = run(capsys, *args, "--data", str(dataset))
    assert stored == in_memory
    assert stored[0] == 1 or stored[1].count("\n") > 50 or "--limit" in args


def test_highlighting_on_a_terminal_is_the_same_from_a_store(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    dataset: Path,
    small_pages: None,
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    stored = run(capsys, "secur", "--data", str(dataset))
    monkeypatch.setenv("BBTUI_NO_CACHE", "1")
    assert stored == run(capsys, "secur", "--data", str(dataset))
    assert "\x1b[1msecur\x1b[22m" in stored[1]


DAMAGE = {
    # a hit's document gone from the table the index points into
    "a document missing": "DELETE FROM docs WHERE rowid > 150",
    # rows whose values no longer match their crc, late in the order
    "quotes altered": "UPDATE quotes SET speaker = 'X' WHERE ord > 200",
    "sources altered": "UPDATE sources SET outlet = 'Z' WHERE ord > 50",
}


def stored_copy(events: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A generated dataset of `events` in `tmp_path`, its store written to a cache there."""
    path = write_dataset(events, tmp_path / "data.yaml")
    monkeypatch.setenv("BBTUI_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("BBTUI_NO_CACHE", raising=False)
    monkeypatch.setattr(opening, "MIN_BYTES", 0)
    assert isinstance(open_dataset(path), StoredDataset)
    return path


def stored_then_damaged(
    events: int, damage: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """`stored_copy`, then its store changed by `damage` (SQL)."""
    path = stored_copy(events, tmp_path, monkeypatch)
    (store,) = (tmp_path / "cache").rglob("*.sqlite3")
    with sqlite3.connect(store) as db:
        assert db.execute(damage).rowcount > 0
    db.close()
    return path


@pytest.mark.parametrize("events", [False, True], ids=["quotes", "--events"])
@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_store_found_damaged_part_way_still_prints_every_hit(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    damage: str,
    events: bool,
) -> None:
    monkeypatch.setattr(search_command, "PAGE", 7)
    path = stored_then_damaged(300, damage, tmp_path, monkeypatch)
    args = ["the", *(["--events"] if events else []), "--data", str(path)]
    code, out, err = run(capsys, *args)
    # found after the first pages were out: said once, and the rest read from the file
    assert (
        err == f"bbtui: {path}: the stored copy of the dataset was damaged: read the file again\n"
    )
    monkeypatch.setenv("BBTUI_NO_CACHE", "1")
    assert (code, out) == run(capsys, *args)[:2]
    assert out.count("\n") > 100


INDEX_DAMAGE = {
    # FTS5 answers from what is left of its tables, with no error: a search
    # would print nothing, or fewer quotes, and exit as if it had looked.
    "the index emptied": "UPDATE quote_words_data SET block = X'' WHERE id = 10",
    "its lookups gone": "DELETE FROM quote_words_idx",
    "a block zeroed": (
        "UPDATE quote_words_data SET block = zeroblob(length(block))"
        " WHERE id = (SELECT min(id) FROM quote_words_data WHERE id > 10)"
    ),
}


@pytest.mark.parametrize("damage", INDEX_DAMAGE.values(), ids=INDEX_DAMAGE.keys())
def test_a_damaged_search_index_is_caught_before_anything_is_printed(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
    damage: str,
) -> None:  # fmt: skip
    path = stored_then_damaged(120, damage, tmp_path, monkeypatch)
    code, out, err = run(capsys, "gov", "--data", str(path))
    # Said once, on one line: at the open (the structure) or by the check of the whole.
    assert err.startswith(f"bbtui: {path}: the stored copy") and "damaged" in err
    assert err.count("\n") == 1
    monkeypatch.setenv("BBTUI_NO_CACHE", "1")
    assert (code, out) == run(capsys, "gov", "--data", str(path))[:2]
    assert code == 0 and out.count("\n") > 20
    monkeypatch.delenv("BBTUI_NO_CACHE")
    assert run(capsys, "gov", "--data", str(path)) == (code, out, "")  # rebuilt, and sound


def test_a_file_changed_under_its_store_prints_what_the_file_says(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Same size and time, other bytes: the store opens at once (size and time
    # agree), and the file's hash, checked before anything is printed, sends
    # the search to the file: a quote the store never held is found, with
    # one notice, and nothing the store said is printed.
    path = stored_copy(120, tmp_path, monkeypatch)
    before = run(capsys, "government", "--data", str(path))
    assert before[0] == 0 and "quokkazz" not in before[1]
    info = path.stat()
    lines = path.read_bytes().splitlines(keepends=True)
    n = next(i for i, line in enumerate(lines) if line.startswith(b"    text: ")
             and b" government " in line)  # a quote's  # fmt: skip
    lines[n] = lines[n].replace(b" government ", b" quokkazzzz ", 1)
    path.write_bytes(b"".join(lines))
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    code, out, err = run(capsys, "quokkazzzz", "--data", str(path))
    assert err == f"bbtui: {path}: the dataset file changed since it was stored: read it again\n"
    assert code == 0 and out.endswith("1 match\n") and "“" in out
    monkeypatch.setenv("BBTUI_NO_CACHE", "1")
    assert run(capsys, "quokkazzzz", "--data", str(path)) == (code, out, "")
