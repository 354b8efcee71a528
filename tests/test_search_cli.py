"""`bbtui search`: output, JSON, highlighting rules, exit codes, inert hostile text."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from bbtui.cli import exit_codes, main

DATA = Path(__file__).parent / "data"
MINI = str(DATA / "mini.yaml")
HOSTILE = str(DATA / "hostile.yaml")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["search", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_prints_quote_speaker_date_event_and_citation(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "unfettered", "--data", MINI)
    assert code == 0 and err == ""
    assert "Pakistan was essentially demanding unfettered access" in out
    assert "Marty Beard, Chief operating officer, BlackBerry, 30 Nov 2015" in out
    assert "Event: 30 Nov 2015 · Pakistan — BlackBerry announces it will leave Pakistan" in out
    assert (
        "International Business Times UK, “BlackBerry to exit Pakistan”, n.d., https://www.ibtimes.co.uk/"
        in out
    )
    assert out.rstrip().endswith("1 match")
    assert "\x1b" not in out  # not a terminal: no highlighting


def test_highlights_in_bold_on_a_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    code, out, _ = run(capsys, "unfettered", "--data", MINI)
    assert code == 0
    assert "\x1b[1munfettered\x1b[22m access" in out


def test_no_color_turns_highlighting_off(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    _, out, _ = run(capsys, "unfettered", "--data", MINI)
    assert "\x1b" not in out and "unfettered access" in out


def test_json_is_a_stable_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "customers", "--data", MINI, "--json", "--limit", "2")
    assert code == 0
    items = json.loads(out)
    assert [i["id"] for i in items] == ["q-beard-unfettered", "q-beard-swath"]
    first = items[0]
    assert list(first) == [
        "kind",
        "id",
        "tier",
        "text",
        "spans",
        "speaker",
        "role",
        "said",
        "said_note",
        "approximate",
        "translated",
        "sources",
        "event",
    ]
    assert first["kind"] == "quote" and first["tier"] == "all-words"
    start, end = first["spans"][0]
    assert first["text"][start:end] == "customers"
    assert first["sources"][0] == {
        "id": "ibtimes-uk-exit",
        "outlet": "International Business Times UK",
        "title": "BlackBerry to exit Pakistan",
        "title_status": "printed",
        "headline": "BlackBerry to exit Pakistan",
        "published": None,
        "url": "https://www.ibtimes.co.uk/blackberry-exit-pakistan-government-demands-access-its-bes-servers-1531234",
        "accessed": "2026-12-01",
        "archive_url": None,
        "archive_date": None,
    }
    assert first["event"] == {
        "id": "pk-exit-announced",
        "date": "2015-11-30",
        "date_note": None,
        "approximate": False,
        "country": "PK",
        "title": "BlackBerry announces it will leave Pakistan",
    }


def test_events_flag_searches_titles_and_summaries(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "reprieve", "--data", MINI)[0] == 1
    code, out, _ = run(capsys, "reprieve", "--data", MINI, "--events")
    assert code == 0
    assert "[event title] India grants a 60-day reprieve" in out
    assert "Silicon Republic" in out


def test_limit_says_how_many_were_shown(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "the", "--data", MINI, "--limit", "1")
    assert code == 0
    assert re.search(r"^1 of \d+ matches shown$", out, re.MULTILINE)


def test_no_match_exits_1_with_suggestion_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "proposals speaker:beard", "--data", MINI)
    assert code == 1 and out == ""
    assert "try removing speaker:beard" in err


def test_no_match_json_prints_empty_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "qqqqzzzz", "--data", MINI, "--json")
    assert code == 1 and json.loads(out) == []


@pytest.mark.parametrize(
    "args",
    [
        ["   ", "--data", MINI],  # nothing to search for
        ["year:20x5", "--data", MINI],
        ["x", "--limit", "0", "--data", MINI],
        [],
    ],
)
def test_bad_usage_exits_2(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    code, out, err = run(capsys, *args)
    assert code == exit_codes.USAGE and out == "" and err


@pytest.mark.parametrize("path", ["/nonexistent/events.yaml", str(DATA)])  # missing, a directory
def test_unreadable_data_exits_3(capsys: pytest.CaptureFixture[str], path: str) -> None:
    code, out, err = run(capsys, "x", "--data", path)
    assert code == exit_codes.UNREADABLE and out == "" and "cannot read" in err


def test_invalid_dataset_exits_4_with_located_errors(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("bbtui: 1\ntitle: [unclosed\n", encoding="utf-8")
    code, out, err = run(capsys, "x", "--data", str(bad))
    assert code == exit_codes.INVALID and out == ""
    assert re.match(rf"{re.escape(str(bad))}:\d+:\d+: ", err)


@pytest.mark.parametrize("query", ["not", "with", "bold speaker:speaker"])
@pytest.mark.parametrize("as_json", [False, True])
def test_hostile_text_is_inert(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, query: str, as_json: bool
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)  # our own bold is the only ESC allowed
    code, out, _ = run(
        capsys, query, "--data", HOSTILE, "--events", *(["--json"] if as_json else [])
    )
    assert code == 0
    without_bold = out.replace("\x1b[1m", "").replace("\x1b[22m", "")
    assert "\x1b" not in without_bold
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", without_bold)


def test_search_core_and_command_do_not_import_textual() -> None:
    import subprocess

    script = (
        "import contextlib, io, sys\n"
        "import bbtui.core.search, bbtui.core.query, bbtui.core.textfold, bbtui.core.fuzzy\n"
        "from bbtui.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['search', 'unfettered', '--data', {MINI!r}]) == 0\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual' or m.startswith('bbtui.ui')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
