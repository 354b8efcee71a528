"""`bbtui export` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bbtui.cli import exit_codes, main
from bbtui.core.exporters import export
from bbtui.core.loader import load

MINI = str(Path(__file__).parent / "data" / "mini.yaml")


def test_writes_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "markdown", "--data", MINI]) == 0
    out, err = capsys.readouterr()
    assert out == export(load(MINI), "markdown")
    assert err == ""


def test_only_selects_events_and_quotes(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        ["export", "--format", "json", "--data", MINI, "--only", "in-reprieve", "q-beard-swath"]
    )
    assert code == 0
    doc = json.loads(capsys.readouterr().out)
    assert [e["id"] for e in doc["events"]] == ["in-reprieve", "pk-exit-announced"]
    assert [q["id"] for q in doc["quotes"]] == ["q-beard-swath", "q-mha-proposals"]


def test_unknown_id_is_no_match_with_a_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["export", "--format", "csv", "--data", MINI, "--only", "q-beard-swat"])
        == exit_codes.NO_MATCH
    )
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        "bbtui export: no event or quote has the id 'q-beard-swat' "
        "(did you mean 'q-beard-swath'?)\n"
    )


def test_unknown_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "pdf", "--data", MINI]) == 2
    assert "invalid choice: 'pdf'" in capsys.readouterr().err


def test_writes_a_file_and_refuses_to_overwrite_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "timeline.json"
    args = ["export", "--format", "timelinejs", "--data", MINI, "-o", str(target)]
    assert main(args) == 0
    assert target.read_text(encoding="utf-8") == export(load(MINI), "timelinejs")
    assert capsys.readouterr() == ("", "")

    target.write_text("mine")
    assert main(args) == exit_codes.CANNOT_WRITE
    err = capsys.readouterr().err
    assert err == f"bbtui export: {str(target)!r} already exists; use --force to overwrite it\n"
    assert target.read_text() == "mine"

    assert main([*args, "--force"]) == 0
    assert target.read_text(encoding="utf-8") == export(load(MINI), "timelinejs")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["timeline.json"]


def test_never_writes_over_the_dataset_even_with_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "mini.yaml"
    data.write_bytes(Path(MINI).read_bytes())
    code = main(["export", "-f", "json", "--data", str(data), "-o", str(data), "--force"])
    assert code == exit_codes.CANNOT_WRITE
    assert "refusing to write over the dataset itself" in capsys.readouterr().err
    assert data.read_bytes() == Path(MINI).read_bytes()


def test_unwritable_destination_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "missing-dir" / "out.md"
    assert (
        main(["export", "-f", "markdown", "--data", MINI, "-o", str(target)])
        == exit_codes.CANNOT_WRITE
    )
    err = capsys.readouterr().err
    assert err.startswith("bbtui export: cannot write ") and err.count("\n") == 1


def test_missing_dataset_is_unreadable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.yaml"
    assert main(["export", "-f", "csv", "--data", str(missing)]) == exit_codes.UNREADABLE
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"{missing}:1:1: ")


def test_invalid_dataset_gives_located_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(Path(MINI).read_text(encoding="utf-8").replace("country: PK", "country: XX", 1))
    assert main(["export", "-f", "csv", "--data", str(bad)]) == exit_codes.INVALID
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.splitlines()
    assert lines and all(line.startswith(f"{bad}:") for line in lines)
    assert "Traceback" not in err


def test_export_never_imports_the_ui() -> None:
    # `bbtui export` must start fast and run without a terminal.
    import subprocess
    import sys

    code = (
        "import sys, bbtui.cli.export, bbtui.core.cite, bbtui.core.atomic, bbtui.core.exporters\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')"
        " or m.startswith('bbtui.ui')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
