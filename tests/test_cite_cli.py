"""`bbtui cite ID` and `bbtui search --style`: styled citations on the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bbtui.cli import main

DATA = Path(__file__).parent / "data"
MINI = str(DATA / "mini.yaml")
HOSTILE = str(DATA / "hostile.yaml")
IBTIMES_URL = (
    "https://www.ibtimes.co.uk/blackberry-exit-pakistan-government-demands-access-its-bes-"
    "servers-1531234"
)
WORDS = (
    "“Pakistan's demand was not a question of public safety; we are more than happy to assist "
    "law enforcement agencies in investigations of criminal activity. Rather, Pakistan was "
    "essentially demanding unfettered access to all of our BES customers' information.”"
)
SAID = "— Marty Beard, Chief operating officer, BlackBerry, 30 Nov 2015"


@pytest.fixture(autouse=True)
def no_user_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The developer's own config file never leaks in; tests write their own."""
    path = tmp_path / "config.toml"
    monkeypatch.setenv("BBTUI_CONFIG", str(path))
    return path


def cite(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["cite", *args, "--data", MINI])
    out, err = capsys.readouterr()
    return code, out, err


# mini.yaml: a printed headline, no publication date, read on 1 Dec 2026.
CHICAGO = (
    "International Business Times UK. “BlackBerry to Exit Pakistan.” "
    f"Accessed December 1, 2026. {IBTIMES_URL}."
)
APA = (
    "BlackBerry to exit Pakistan. (n.d.). International Business Times UK. "
    f"Retrieved December 1, 2026, from {IBTIMES_URL}"
)
MLA = (
    f"“BlackBerry to Exit Pakistan.” International Business Times UK, {IBTIMES_URL}. "
    "Accessed 1 Dec. 2026."
)


@pytest.mark.parametrize(("style", "reference"), [("chicago", CHICAGO), ("apa", APA), ("mla", MLA)])
def test_a_quote_is_its_words_its_attribution_and_the_styled_reference(
    capsys: pytest.CaptureFixture[str], style: str, reference: str
) -> None:
    code, out, err = cite(capsys, "q-beard-unfettered", "--style", style)
    assert (code, err) == (0, "")
    assert out.splitlines() == [WORDS, SAID, reference]


def test_note_form(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cite(capsys, "ibtimes-uk-exit", "--note")
    assert code == 0
    assert out == (
        "“BlackBerry to Exit Pakistan,” International Business Times UK, "
        f"accessed December 1, 2026, {IBTIMES_URL}.\n"
    )
    code, out, _ = cite(capsys, "ibtimes-uk-exit", "--note", "--style", "apa")
    assert out == "(BlackBerry to Exit Pakistan, n.d.)\n"


def test_an_event_cites_every_source(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cite(capsys, "pk-directive", "--style", "mla")
    assert code == 0
    assert out.splitlines()[-2:] == [
        "Sources:",
        # Its title was worded from the address: never printed as a headline.
        (
            "- Headline not recorded. Reuters, 24 July 2015, "
            "http://cn.reuters.com/article/pakistan-telecoms-idCNL3N1045FS20150724."
        ),
    ]


def test_the_config_file_sets_the_default_style(
    capsys: pytest.CaptureFixture[str], no_user_config: Path
) -> None:
    no_user_config.write_text('citation_style = "apa"\n', encoding="utf-8")
    code, out, _ = cite(capsys, "ibtimes-uk-exit")
    assert code == 0 and out.startswith("BlackBerry to exit Pakistan. (n.d.).")
    code, out, _ = cite(capsys, "ibtimes-uk-exit", "--style", "mla")  # the flag wins
    assert out.startswith("“BlackBerry to Exit Pakistan.”")


def test_a_bad_config_file_is_one_line_and_the_default(
    capsys: pytest.CaptureFixture[str], no_user_config: Path
) -> None:
    no_user_config.write_text('citation_style = "harvard"\n', encoding="utf-8")
    code, out, err = cite(capsys, "ibtimes-uk-exit")
    assert code == 0 and out.startswith("International Business Times UK. “BlackBerry")
    assert err == (
        f"bbtui cite: {no_user_config}: citation_style must be one of "
        '"chicago", "apa", "mla", not \'harvard\'; using chicago\n'
    )
    no_user_config.write_text("citation_style = \n", encoding="utf-8")
    code, _, err = cite(capsys, "ibtimes-uk-exit")
    assert code == 0 and err.startswith(f"bbtui cite: {no_user_config}") and err.count("\n") == 1


def test_an_unknown_id_suggests_a_close_one(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cite(capsys, "q-beard-unfetterd")
    assert (code, out) == (2, "")
    assert err == (
        "bbtui cite: no quote, event, source or country has the id 'q-beard-unfetterd'; "
        "did you mean 'q-beard-unfettered'?\n"
    )


def test_hostile_text_stays_inert(capsys: pytest.CaptureFixture[str]) -> None:
    for style in ("chicago", "apa", "mla"):
        code = main(["cite", "q-markup", "--data", HOSTILE, "--style", style])
        out, _ = capsys.readouterr()
        assert code == 0
        assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out


def test_search_prints_sources_in_the_chosen_style(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["search", "unfettered", "--data", MINI, "--style", "apa"])
    out, _ = capsys.readouterr()
    assert code == 0
    assert f"  Source: {APA}\n" in out


def test_real_process_and_a_closed_pipe(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bbtui", "cite", "q-beard-unfettered", "--data", MINI],
        capture_output=True,
        env={"BBTUI_CONFIG": str(tmp_path / "none.toml"), "PYTHONIOENCODING": "utf-8"},
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode("utf-8").splitlines()[1] == SAID
    # A reader that leaves after 10 bytes (like `| head -c 10`): a quiet exit, no traceback.
    reader = subprocess.Popen(
        [sys.executable, "-m", "bbtui", "cite", "pk-exit-announced", "--data", MINI],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={"BBTUI_CONFIG": str(tmp_path / "none.toml")},
    )
    assert reader.stdout is not None and reader.stderr is not None
    assert len(reader.stdout.read(10)) == 10
    reader.stdout.close()
    err = reader.stderr.read()
    assert reader.wait(timeout=60) == 0 and b"Traceback" not in err


def test_search_json_carries_the_styled_citation(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["search", "unfettered", "--data", MINI, "--json", "--style", "mla"])
    out, _ = capsys.readouterr()
    assert code == 0
    (hit,) = json.loads(out)
    assert hit["sources"][0]["citation"] == MLA
