"""`bbtui validate` through the real entry point: output lines and exit codes."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

from bbtui.cli import exit_codes, main
from corpus import broken_cases, make_unreadable

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from generate import write_dataset

DATA = Path(__file__).parent / "data"
LOCATED = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<column>\d+): (?P<message>.+)$")
SOURCE_FILE = "000_966aa456532ed3ec.txt"
# Enough of the real article for mini.yaml's two quotes citing it (with curly
# quotes and a line break where the dataset has straight ones and a space).
SOURCE_TEXT = (
    "Marty Beard said: \u201cPakistan\u2019s demand was not a question of public safety; we are "
    "more than happy to assist law enforcement agencies in investigations of criminal activity. "
    "Rather, Pakistan was essentially demanding unfettered access to all of our BES customers\u2019\n"
    "information.\u201d\n\nHe added: \u201cPakistan\u2019s demand for open access to monitor a "
    "significant swath of our customers\u2019 communications within its borders left us no choice "
    "but to exit the country entirely.\u201d\n"
)


def test_valid_dataset_prints_one_summary_line(capsys):
    assert main(["validate", str(DATA / "mini.yaml")]) == 0
    out, err = capsys.readouterr()
    assert out == f"{DATA / 'mini.yaml'}: valid — 6 events, 6 quotes, 3 countries, 7 sources\n"
    assert err == ""


def test_default_is_the_shipped_dataset(capsys):
    assert main(["validate"]) == 0
    out, _ = capsys.readouterr()
    assert re.fullmatch(
        r".*events\.yaml: valid — \d+ events, \d+ quotes, \d+ countries, \d+ sources\n", out
    )


@pytest.mark.parametrize("case", broken_cases(include_slow=False), ids=lambda c: c.name)
def test_broken_files_print_located_lines_and_exit_non_zero(case, tmp_path, monkeypatch, capsys):
    path = case.make(tmp_path)
    if case.extra.get("unreadable"):
        make_unreadable(monkeypatch, path)
    assert main(["validate", str(path)]) == case.exit_code
    out, err = capsys.readouterr()
    assert out == ""
    assert "Traceback" not in err
    lines = err.splitlines()
    if case.exit_code == exit_codes.INVALID:
        *lines, count = lines
        assert count == f"{path}: invalid — {len(lines)} problem{'s' if len(lines) != 1 else ''}"
    located = [m for m in map(LOCATED.match, lines) if m]
    assert len(located) == len(lines), lines
    assert all(m["path"] == str(path) for m in located)
    got = [(int(m["line"]), int(m["column"]), m["message"]) for m in located]
    for expected in case.expected:
        assert any(expected.matches(*g) for g in got), (expected, got)
    assert all("\x1b" not in line for line in lines)


def test_binary_junk_is_never_echoed_raw(tmp_path, capsys):
    path = tmp_path / "junk.yaml"
    path.write_bytes(
        b'bbtui: 1\ntitle: x\nsources:\n  - i\xe2\x80\xaed: a\n  - "\\e]52;c;eA==\\a": 1\n'
    )
    assert main(["validate", str(path)]) == exit_codes.INVALID
    _, err = capsys.readouterr()
    assert "\u202e" not in err and "\x1b" not in err and "\x07" not in err
    assert "<U+202E>" in err and "␛]52" in err


def test_usage_error_exits_2(capsys):
    assert main(["validate", "--no-such-option"]) == 2
    assert "usage: bbtui validate" in capsys.readouterr().err


def _sources_dir(tmp_path: Path, text: str = SOURCE_TEXT) -> Path:
    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / SOURCE_FILE).write_text(text, encoding="utf-8")
    return folder


def test_sources_quotes_found_verbatim(tmp_path, capsys):
    folder = _sources_dir(tmp_path)
    assert main(["validate", str(DATA / "mini.yaml"), "--sources", str(folder)]) == 0
    out, err = capsys.readouterr()
    assert out.endswith(f"7 sources; 1 quote found verbatim in {folder}\n") and err == ""


def test_sources_a_changed_word_is_reported_with_the_nearest_passage(tmp_path, capsys):
    folder = _sources_dir(
        tmp_path, SOURCE_TEXT.replace("a question of public", "a matter of public")
    )
    assert (
        main(["validate", str(DATA / "mini.yaml"), "--sources", str(folder)]) == exit_codes.INVALID
    )
    _, err = capsys.readouterr()
    first, count = err.splitlines()
    assert first.startswith(
        f"{DATA / 'mini.yaml'}:143:11: quote 'q-beard-unfettered' is not verbatim in {SOURCE_FILE}; nearest passage: "
    )
    assert "was not a matter of public safety" in first
    assert count.endswith("invalid — 1 problem")


def test_sources_a_quote_the_page_gives_to_someone_else_is_reported(tmp_path, capsys):
    # The page gives the words to "the company": crediting them to Beard is wrong.
    folder = _sources_dir(tmp_path, SOURCE_TEXT.replace("Marty Beard said", "The company said"))
    assert (
        main(["validate", str(DATA / "mini.yaml"), "--sources", str(folder)]) == exit_codes.INVALID
    )
    first, count = capsys.readouterr().err.splitlines()
    assert first.startswith(
        f"{DATA / 'mini.yaml'}:143:11: quote 'q-beard-unfettered' is credited to Marty Beard, "
        f"but the paragraph of {SOURCE_FILE} that holds it does not name them; "
        'credit the speaker the page names: "The company said:'
    )
    assert count.endswith("invalid — 1 problem")


def test_sources_case_still_matters(tmp_path, capsys):
    folder = _sources_dir(tmp_path, SOURCE_TEXT.replace("Rather, Pakistan", "rather, Pakistan"))
    assert (
        main(["validate", str(DATA / "mini.yaml"), "--sources", str(folder)]) == exit_codes.INVALID
    )
    assert "quote 'q-beard-unfettered' is not verbatim" in capsys.readouterr().err


def test_sources_missing_file_is_located_at_the_file_field(tmp_path, capsys):
    folder = tmp_path / "empty"
    folder.mkdir()
    assert (
        main(["validate", str(DATA / "mini.yaml"), "--sources", str(folder)]) == exit_codes.INVALID
    )
    first, _ = capsys.readouterr().err.splitlines()
    assert first == (
        f"{DATA / 'mini.yaml'}:13:11: source 'ibtimes-uk-exit': cannot read {folder / SOURCE_FILE}: no such file"
    )


def test_sources_must_be_a_directory(tmp_path, capsys):
    assert (
        main(["validate", str(DATA / "mini.yaml"), "--sources", str(tmp_path / "nope")])
        == exit_codes.UNREADABLE
    )
    assert "not a directory" in capsys.readouterr().err


# The two source articles live beside the checkout (../shared/sources), as
# .ci/run expects them; a clone elsewhere has no copy to check against.
SHARED_SOURCES = Path(__file__).resolve().parents[2] / "shared" / "sources"


@pytest.mark.skipif(
    not SHARED_SOURCES.is_dir(), reason=f"the source texts are not at {SHARED_SOURCES}"
)
def test_shipped_dataset_quotes_are_verbatim_in_the_real_sources(capsys):
    assert main(["validate", "--sources", str(SHARED_SOURCES)]) == 0


def test_sources_check_copes_with_a_huge_source_file(tmp_path, capsys):
    folder = _sources_dir(
        tmp_path, "filler text. " * 20_000 + SOURCE_TEXT.replace("public safety", "public order")
    )
    assert (
        main(["validate", str(DATA / "mini.yaml"), "--sources", str(folder)]) == exit_codes.INVALID
    )
    assert "nearest passage" in capsys.readouterr().err


def test_copy_of_mini_reports_its_own_path(tmp_path, capsys):
    copy = tmp_path / "copy.yaml"
    shutil.copy(DATA / "mini.yaml", copy)
    assert main(["validate", str(copy)]) == 0
    assert capsys.readouterr().out.startswith(f"{copy}: valid")


def test_a_generated_dataset_is_validated_record_by_record_with_the_loaders_counts(
    tmp_path, capsys
):
    from bbtui.core import loader

    path = write_dataset(300, tmp_path / "generated.yaml")
    assert main(["validate", str(path)]) == 0
    counts = loader.load(path).counts()
    out, _ = capsys.readouterr()
    assert out == (
        f"{path}: valid — {counts['events']} events, {counts['quotes']} quotes, "
        f"{counts['countries']} countries, {counts['sources']} sources\n"
    )
