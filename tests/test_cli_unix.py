"""The command line as a Unix tool: words, pipes, encodings, exit codes, filters.

Every case runs the real program in a child process, the way a shell runs it.
"""

from __future__ import annotations

import json
import subprocess

import pytest

from bbtui.cli import exit_codes, main
from bbtui.core.countries import matching_codes
from bbtui.core.loader import load
from bbtui.core.paths import shipped_dataset
from clirun import BBTUI, MINI, bbtui, child_env


def test_several_words_form_one_query() -> None:
    split = bbtui("search", "unfettered", "access", "--data", MINI)
    quoted = bbtui("search", "unfettered access", "--data", MINI)
    assert split.returncode == quoted.returncode == 0, split.stderr
    assert split.stdout == quoted.stdout and "unfettered" in split.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["search", "the", "--events"],
        ["search", "the", "--events", "--json"],
        ["export", "--format", "markdown"],
        ["validate"],
        ["--plain"],
        ["--help"],
    ],
)
def test_a_reader_that_leaves_early_ends_it_quietly(args: list[str]) -> None:
    # The read end is closed before bbtui writes a byte: its first write
    # meets EPIPE, exactly what `| head -1` does to a long output.
    child = subprocess.Popen(
        [*BBTUI, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=child_env(),
    )
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()
    err = child.stderr.read().decode()
    code = child.wait(timeout=60)
    assert err == ""
    # argparse swallows a failed write of --help itself, and exits 0.
    assert code == exit_codes.BROKEN_PIPE or (args == ["--help"] and code == exit_codes.OK)


@pytest.mark.parametrize("extra", [[], ["--json"]])
def test_head_dash_1_through_a_real_shell(extra: list[str]) -> None:
    command = " ".join([*BBTUI, "search", "the", "--events", *extra]) + " | head -1"
    done = subprocess.run(  # noqa: PLW1510 (the exit code is the point)
        ["bash", "-c", command + '; echo "status=${PIPESTATUS[0]}"'],
        capture_output=True,
        text=True,
        timeout=60,
        env=child_env(),
    )
    assert done.stderr == ""
    first, status = done.stdout.splitlines()
    assert first
    assert status in (f"status={exit_codes.OK}", f"status={exit_codes.BROKEN_PIPE}")


@pytest.mark.parametrize(
    "args",
    [
        ["search", "beard"],  # no match: the advice on stderr has a dash in it
        ["search", "speaker:beard"],
        ["validate"],
        ["--plain", "--country", "PK"],
    ],
)
def test_an_ascii_only_stdout_gets_what_it_can_show(args: list[str]) -> None:
    done = subprocess.run(  # noqa: PLW1510 (the exit code is the point)
        [*BBTUI, *args],
        capture_output=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        env=child_env(PYTHONIOENCODING="ascii"),
    )
    assert done.returncode in (0, 1)
    assert b"Traceback" not in done.stderr and b"UnicodeEncodeError" not in done.stderr
    done.stdout.decode("ascii")  # every byte is ASCII
    done.stderr.decode("ascii")
    assert done.stdout or done.stderr


def test_typographic_quotes_become_their_ascii_look_alikes() -> None:
    done = bbtui("search", "unfettered", "--data", MINI, PYTHONIOENCODING="ascii")
    assert done.returncode == 0
    assert '"' in done.stdout and "\u201c" not in done.stdout


def test_one_exit_code_scheme_for_every_command(tmp_path, capsys, monkeypatch) -> None:
    # In-process (the same main() the program runs) to keep the suite fast;
    # the other tests here check the codes through real processes.
    monkeypatch.setenv("BBTUI_CACHE_DIR", str(tmp_path / "cache"))
    bad = tmp_path / "bad.yaml"
    bad.write_text("bbtui: 1\ntitle: [unclosed\n", encoding="utf-8")
    missing = str(tmp_path / "missing.yaml")
    existing = tmp_path / "out.md"
    existing.write_text("mine")
    cases = {
        exit_codes.OK: [["validate", MINI], ["search", "unfettered", "--data", MINI]],
        exit_codes.NO_MATCH: [
            ["search", "qqqzzz", "--data", MINI],
            ["export", "-f", "csv", "--data", MINI, "--only", "no-such-id"],
            ["--plain", MINI, "--event", "no-such-event"],
            ["--plain", MINI, "--country", "Atlantis"],
        ],
        exit_codes.USAGE: [
            ["validate", "--no-such-option"],
            ["search", "foo:bar", "--data", MINI],
            ["export", "-f", "pdf"],
            ["--no-such-option"],
        ],
        exit_codes.UNREADABLE: [
            ["validate", missing],
            ["search", "x", "--data", missing],
            ["export", "-f", "csv", "--data", missing],
            ["--plain", missing],
        ],
        exit_codes.INVALID: [
            ["validate", str(bad)],
            ["search", "x", "--data", str(bad)],
            ["export", "-f", "csv", "--data", str(bad)],
            ["--plain", str(bad)],
        ],
        exit_codes.CANNOT_WRITE: [
            ["export", "-f", "markdown", "--data", MINI, "-o", str(existing)]
        ],
    }
    got = {code: [main(args) for args in runs] for code, runs in cases.items()}
    assert got == {code: [code] * len(runs) for code, runs in cases.items()}
    assert existing.read_text() == "mine"


@pytest.mark.parametrize("verb", [[], ["validate"], ["search"], ["export"]])
def test_every_help_lists_the_exit_codes_and_every_verb_has_version(verb, capsys) -> None:
    assert main([*verb, "--help"]) == 0
    epilog = capsys.readouterr().out.split("exit codes:\n", 1)[1]
    for code, meaning in exit_codes.TABLE:
        assert f"  {code:<4}{meaning}" in epilog
    assert main([*verb, "--version"]) == 0
    assert capsys.readouterr().out.startswith("bbtui ")


SHIPPED = load(str(shipped_dataset()))


def _json(*query: str) -> list[dict]:
    done = bbtui("search", *query, "--json")
    assert done.returncode == 0, done.stderr
    items: list[dict] = json.loads(done.stdout)
    return items


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("UK", "GB"),
        ("Britain", "GB"),
        ("u.k.", "GB"),
        ("United Kingdom", "GB"),
        ("UAE", "AE"),
        ("Emirates", "AE"),
        ("emir", "AE"),
        ("KSA", "SA"),
        ("Saudi", "SA"),
        ("PK", "PK"),
        ("pakistan", "PK"),
    ],
)
def test_country_names_people_use(name: str, code: str) -> None:
    assert matching_codes(name, SHIPPED.countries) == [code]


@pytest.mark.parametrize(("name", "code"), [("UK", "GB"), ("UAE", "AE"), ("KSA", "SA")])
def test_country_filter_takes_common_names(name: str, code: str) -> None:
    items = _json(f"country:{name}", "--events")
    assert items and {item["event"]["country"] for item in items} == {code}


def test_year_filter_takes_a_month() -> None:
    items = _json("year:2015-11", "--events")
    assert items
    for item in items:
        date = item["said"] if item["kind"] == "quote" else item["event"]["date"]
        assert date.startswith("2015-11"), item
    every_2015 = _json("year:2015", "--events")
    assert len(every_2015) > len(items)


@pytest.mark.parametrize("value", ["2015-13", "2015-00", "2015-07-01", "july"])
def test_a_year_filter_that_is_no_year_or_month_is_refused(value: str) -> None:
    done = bbtui("search", f"year:{value}")
    assert done.returncode == exit_codes.USAGE and done.stdout == ""
    assert "year:2015-07" in done.stderr


def test_an_unknown_filter_is_refused_with_the_list_of_filters() -> None:
    done = bbtui("search", "foo:bar")
    assert done.returncode == exit_codes.USAGE and done.stdout == ""
    assert "foo:bar is not a filter" in done.stderr
    for name in ("speaker:", "country:", "year:", "source:"):
        assert name in done.stderr
    # Quoted, the same words are searched for.
    assert bbtui("search", '"foo:bar"').returncode == exit_codes.NO_MATCH


def test_an_event_found_by_title_and_summary_counts_once() -> None:
    items = _json("pakistan", "--events")
    event_hits = [i["event"]["id"] for i in items if i["kind"] != "quote"]
    assert event_hits and len(event_hits) == len(set(event_hits))
    text = bbtui("search", "pakistan", "--events").stdout
    assert text.rstrip().endswith(f"{len(items)} matches")


def test_json_carries_the_translated_and_approximate_flags() -> None:
    translated = _json('"we are not negotiating"')
    assert translated[0]["translated"] is True
    approximate = _json("year:2010", "--events")
    assert any(i.get("approximate") or i["event"]["approximate"] for i in approximate)
    for item in approximate:
        if item["kind"] == "quote":
            assert isinstance(item["translated"], bool) and "said_note" in item


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (["validate", "a", "\x1b[2J"], "␛[2J"),
        (["validate", "\x1b[2J\x1b]52;c;eA==\x07"], "␛[2J␛]52;c;eA==␇"),
        (["search", "x\x1b[31m:bar"], "x"),
        (["export", "-f", "\x1b[2J"], "\\x1b[2J"),  # argparse shows it as a repr
        (["--plain", "--event", "\x1b[2J\u202e"], "␛[2J<U+202E>"),
        (["--\x1b[2J"], "--␛[2J"),
    ],
)
def test_hostile_arguments_are_shown_inert(args: list[str], shown: str) -> None:
    done = bbtui(*args)
    assert done.returncode != 0
    assert "\x1b" not in done.stderr and "\x07" not in done.stderr and "\u202e" not in done.stderr
    assert shown in done.stderr
