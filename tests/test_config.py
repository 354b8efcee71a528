"""The settings file: theme, keymap, saved themes, and `bbtui keys`."""

from __future__ import annotations

import asyncio
from pathlib import Path

from bbtui.core.config import check_keymap, load_config, save_theme
from bbtui.core.loader import load
from bbtui.ui.app import ExplorerApp
from bbtui.ui.keys import usable_keymap
from clirun import bbtui

MINI = load(Path(__file__).parent / "data" / "mini.yaml")


def _file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_settings_are_read(tmp_path):
    path = _file(tmp_path, 'theme = "nord"\n[keymap]\n"app.quit" = "ctrl+x, x"\n')
    config = load_config(path)
    assert (config.theme, config.keymap, config.problems) == ("nord", {"app.quit": "ctrl+x,x"}, [])


def test_a_missing_file_is_the_defaults(tmp_path):
    config = load_config(tmp_path / "none.toml")
    assert (config.theme, config.keymap, config.problems) == (None, {}, [])


def test_bad_toml_is_one_located_line_and_the_defaults(tmp_path):
    path = _file(tmp_path, 'theme = "nord"\n[keymap\n')
    config = load_config(path)
    assert config.theme is None and config.keymap == {}
    (problem,) = config.problems
    assert problem.startswith(f"{path}:2:") and "not valid TOML" in problem
    assert "\n" not in problem


def test_wrong_types_and_unknown_settings_are_named(tmp_path):
    path = _file(tmp_path, 'theme = 3\ncolour = "red"\n[keymap]\n"app.quit" = 1\n')
    config = load_config(path)
    assert config.theme is None and config.keymap == {}
    assert [p.split(": ", 1)[1][:20] for p in config.problems] == [
        "unknown setting 'col",
        "'theme' must be a na",
        "keymap 'app.quit' mu",
    ]


def test_unknown_ids_and_clashes_are_refused():
    scopes = [{"app.quit": "q", "search": "slash", "help.close": "escape,q"}]
    accepted, problems = check_keymap(
        {"app.quit": "slash", "nope": "z", "help.close": "q,x", "search": "s"}, scopes, "F"
    )
    # help.close keeps q (it shared it by default); search moves to s; quit may not take slash.
    assert accepted == {"help.close": "q,x", "search": "s"}
    assert problems == [
        "F: keymap: 'slash' for 'app.quit' is already 'search''s key; keeping 'app.quit''s default",
        "F: keymap: unknown binding id 'nope' (bbtui keys lists them); ignored",
    ]


def test_the_real_bindings_refuse_a_clash():
    accepted, problems = usable_keymap({"app.quit": "c"}, "F")
    assert accepted == {} and "is already 'filter.country''s key" in problems[0]


def test_save_theme_keeps_everything_else(tmp_path):
    text = '# mine\ntheme = "nord"  # old\ncitation_style = "apa"\n\n[keymap]\ntheme = "x"\n'
    path = _file(tmp_path, text)
    assert save_theme("dracula", path) is None
    assert path.read_text() == text.replace('theme = "nord"  # old', 'theme = "dracula"', 1)
    fresh = tmp_path / "sub" / "new.toml"
    assert save_theme("nord", fresh) is None and fresh.read_text() == 'theme = "nord"\n'
    added = _file(tmp_path, '[keymap]\n"app.quit" = "x"\n')
    assert save_theme("nord", added) is None
    assert load_config(added).keymap == {"app.quit": "x"} and load_config(added).theme == "nord"


def test_save_theme_never_rewrites_a_broken_file(tmp_path):
    path = _file(tmp_path, "theme = \n")
    assert "not valid TOML" in (save_theme("nord", path) or "")
    assert path.read_text() == "theme = \n"


def test_a_remapped_quit_no_longer_answers_q():
    async def scenario() -> tuple[bool, bool]:
        app = ExplorerApp(MINI, theme="textual-dark", keymap={"app.quit": "ctrl+x"})
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("q")
            await pilot.pause()
            after_q = app.is_running
            await pilot.press("ctrl+x")
            await pilot.pause()
            return after_q, app.is_running

    assert asyncio.run(scenario()) == (True, False)


def test_the_theme_chosen_is_saved(tmp_path):
    path = _file(tmp_path, '# keep me\n[keymap]\n"search" = "s"\n')

    async def scenario() -> None:
        app = ExplorerApp(MINI, theme="textual-dark", settings_file=path)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            app.theme = "nord"  # what the palette's Change theme does
            await pilot.pause()

    asyncio.run(scenario())
    assert path.read_text() == 'theme = "nord"\n# keep me\n[keymap]\n"search" = "s"\n'


def test_bbtui_keys_lists_every_binding_with_the_keymap_applied(tmp_path):
    path = _file(tmp_path, '[keymap]\n"app.quit" = "ctrl+x"\n"bogus" = "z"\n')
    result = bbtui("keys", BBTUI_CONFIG=str(path))
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].split()[:2] == ["app.help", "question_mark"]
    assert next(line for line in lines if line.startswith("app.quit ")).split()[1] == "ctrl+x"
    for binding_id in ["search.toggle-events", "precedents.filter", "export.submit"]:
        assert any(line.startswith(binding_id + " ") for line in lines)
    assert (
        result.stderr
        == f"{path}: keymap: unknown binding id 'bogus' (bbtui keys lists them); ignored\n"
    )
    assert bbtui("keys", "--help").returncode == 0
