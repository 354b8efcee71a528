"""Every theme the palette offers keeps text readable: WCAG contrast on the rendered screen.

Each text cell of the explorer, its help and its search screen is measured
with the colours the terminal is sent: at least 4.5:1, and at least 3:1 for
muted text (Textual's `auto` colours at partial strength). Each is measured
three times: in a truecolor terminal, in a 256-colour one (TERM=xterm-256color)
and a 16-colour one (TERM=xterm), each cell's colours converted as Rich writes
them and, at 16 colours, read under several common palettes (the worst
counts; see ui/terminal_colours.py). The ANSI themes are
left out: they name the terminal's own 16 colours, which only the terminal
defines, so there is nothing here to measure.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.color import Color

from bbtui.core.loader import load
from bbtui.ui import compat
from bbtui.ui.app import ExplorerApp
from bbtui.ui.contrast import contrast, readable, readable_colour, rendered_contrast
from bbtui.ui.terminal_colours import EIGHT_BIT, STANDARD, TRUECOLOR, shown

MINI = load(Path(__file__).parent / "data" / "mini.yaml")
NORMAL, MUTED = 4.5, 3.0
# The terminal each depth is measured in: what TERM and COLORTERM say.
TERMINALS: dict[str, dict[str, str | None]] = {
    TRUECOLOR: {"TERM": "xterm-256color", "COLORTERM": "truecolor"},
    EIGHT_BIT: {"TERM": "xterm-256color", "COLORTERM": None},
    STANDARD: {"TERM": "xterm", "COLORTERM": None},
}


def _is_drawing(char: str) -> bool:
    # Borders, scrollbars and rules are not text.
    return 0x2500 <= ord(char) <= 0x259F


def _is_muted(fg: Color, bg: Color) -> bool:
    """Text drawn in an `auto` colour at partial strength (Textual's $text-muted)."""
    for alpha in range(40, 80):
        muted = bg.blend(bg.get_contrast_text(1.0), alpha / 100)
        if max(abs(muted.r - fg.r), abs(muted.g - fg.g), abs(muted.b - fg.b)) <= 2:
            return True
    return False


def unreadable_cells(app: ExplorerApp, within: str | None = None) -> list[str]:
    """Text cells under the contrast they need, in the colours the app's terminal
    shows; `within`: only inside that widget (a dialog: the screen behind it is
    dimmed on purpose)."""
    system = app.console.color_system or TRUECOLOR
    region = app.screen.query_one(within).region if within else None
    found = []
    for y, strip in enumerate(compat.screen_strips(app.screen)):
        x = 0
        for segment in strip:
            start, x = x, x + segment.cell_length
            if region is not None and not (
                region.y <= y < region.bottom and region.x <= start < region.right
            ):
                continue
            text = "".join(c for c in segment.text if not _is_drawing(c)).strip()
            style = segment.style
            if not text or style is None or style.color is None or style.bgcolor is None:
                continue
            fg = Color.from_rich_color(style.color)
            bg = Color.from_rich_color(style.bgcolor)
            ratio = rendered_contrast(fg, bg, system)
            needed = MUTED if style.dim or _is_muted(fg, bg) else NORMAL
            if ratio < needed:
                found.append(
                    f"line {y}: {text[:30]!r} {ratio:.2f} < {needed} "
                    f"({fg.hex} on {bg.hex}, {system})"
                )
    return found


def _themes() -> list[str]:
    from textual.theme import BUILTIN_THEMES

    return sorted(name for name in BUILTIN_THEMES if not name.startswith("ansi"))


def test_the_palette_offers_these_themes() -> None:
    async def main() -> set[str]:
        app = ExplorerApp(MINI, theme="textual-dark")
        async with app.run_test(size=(80, 24)):
            return set(app.available_themes)

    offered = asyncio.run(main())
    assert {t for t in offered if not t.startswith("ansi")} == set(_themes())


def _in_terminal(monkeypatch: pytest.MonkeyPatch, system: str) -> None:
    for name, value in TERMINALS[system].items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)


async def _each_theme(app: ExplorerApp, pilot, within: str | None) -> list[str]:
    """Every theme in turn on the screen now showing, as the palette switches them."""
    found = []
    for theme in _themes():
        app.theme = theme
        await pilot.pause()
        found += [f"{theme}: {f}" for f in unreadable_cells(app, within)]
    return found


@pytest.mark.parametrize("system", list(TERMINALS))
def test_every_text_cell_is_readable_in_every_theme(system: str, monkeypatch) -> None:
    # One app per terminal, every theme switched in on each screen (as the
    # palette does): the same cells as an app started in each theme, for a
    # fraction of the start-ups (test_a_switched_theme_looks_as_a_started_one).
    _in_terminal(monkeypatch, system)

    async def main() -> list[str]:
        app = ExplorerApp(MINI, theme="textual-dark")
        async with app.run_test(size=(80, 24)) as pilot:
            assert app.console.color_system == system
            await app.workers.wait_for_complete()
            await pilot.pause()
            found = await _each_theme(app, pilot, None)
            await pilot.press("question_mark")
            found += [f"help: {f}" for f in await _each_theme(app, pilot, "#help-body")]
            await pilot.press("escape", "slash", *"customers")
            await pilot.pause()
            found += [f"search: {f}" for f in await _each_theme(app, pilot, "#search-box")]
        return found

    found = asyncio.run(main())
    assert not found, "\n".join(found[:10])


def test_a_switched_theme_looks_as_a_started_one() -> None:
    themes = ["textual-light", "solarized-light", "dracula"]

    def strips(app: ExplorerApp) -> list[list[tuple[str, object]]]:
        return [[(s.text, s.style) for s in strip] for strip in compat.screen_strips(app.screen)]

    async def started(theme: str) -> list[list[tuple[str, object]]]:
        app = ExplorerApp(MINI, theme=theme)
        async with app.run_test(size=(80, 24)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            return strips(app)

    async def switched() -> dict[str, list[list[tuple[str, object]]]]:
        # One app switched from theme to theme, as the palette does.
        app = ExplorerApp(MINI, theme="textual-dark")
        async with app.run_test(size=(80, 24)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            found = {}
            for theme in themes:
                app.theme = theme
                await pilot.pause()
                found[theme] = strips(app)
            return found

    after_switching = asyncio.run(switched())
    for theme in themes:
        assert after_switching[theme] == asyncio.run(started(theme)), theme


@pytest.mark.parametrize(
    ("text", "background"),
    [("#FFC473", "#FFFFFF"), ("#777777", "#888888"), ("#FDF6E3", "#268BD2")],
)
def test_readable_colour_reaches_the_target_or_the_contrasting_colour(text, background) -> None:
    fixed = readable_colour(Color.parse(text), Color.parse(background), 4.8)
    bg = Color.parse(background)
    assert contrast(fixed, bg) >= 4.8 or fixed == bg.get_contrast_text(1.0)


def test_the_measure_is_wcag() -> None:
    assert contrast(Color(0, 0, 0), Color(255, 255, 255)) == pytest.approx(21.0)
    assert contrast(Color(119, 119, 119), Color(255, 255, 255)) == pytest.approx(4.48, abs=0.01)


def test_the_check_would_notice_grey_on_grey() -> None:
    async def main() -> list[str]:
        from textual.widgets import Static

        app = ExplorerApp(MINI, theme="textual-light")
        async with app.run_test(size=(80, 24)) as pilot:
            faint = Static("light grey on white")
            faint.styles.color = "#DDDDDD"
            faint.styles.background = "#FFFFFF"
            await app.screen.mount(faint)
            await pilot.pause()
            return unreadable_cells(app)

    assert asyncio.run(main())


def test_at_16_colours_the_footer_keys_are_no_longer_red_on_grey() -> None:
    from textual.app import App

    app: App[None] = App()
    app.theme = "textual-dark"
    raw = App.get_css_variables(app)
    key, footer = Color.parse(raw["footer-key-foreground"]), Color.parse(raw["footer-background"])
    # What TERM=xterm showed: orange on blue-grey became bright red on bright black.
    assert rendered_contrast(key, footer, STANDARD) < 2
    fixed = readable(raw, system=STANDARD)
    key, footer = (
        Color.parse(fixed["footer-key-foreground"]),
        Color.parse(fixed["footer-background"]),
    )
    assert rendered_contrast(key, footer, STANDARD) >= 4.8
    # Truecolor is judged on its own: there the theme's orange stays.
    assert readable(raw, system=TRUECOLOR)["footer-key-foreground"] == raw["footer-key-foreground"]


def test_colours_are_converted_as_rich_writes_them() -> None:
    orange, grey = Color.parse("#FFA62B"), Color.parse("#242F38")
    assert shown(orange, TRUECOLOR) == (orange,)
    # 256 colours: the xterm cube, the same in every terminal (214 is #FFAF00).
    assert shown(orange, EIGHT_BIT) == (Color(255, 175, 0),)
    # 16 colours: bright red and bright black, in each palette's own shade.
    assert len(shown(orange, STANDARD)) == 4
    assert Color(255, 0, 0) in shown(orange, STANDARD)
    assert Color(127, 127, 127) in shown(grey, STANDARD)


def test_the_check_would_notice_red_on_grey_at_16_colours(monkeypatch) -> None:
    _in_terminal(monkeypatch, STANDARD)

    async def main() -> list[str]:
        from textual.widgets import Static

        app = ExplorerApp(MINI, theme="textual-dark")
        async with app.run_test(size=(80, 24)) as pilot:
            # 7.0:1 in truecolor; 1.0:1 in xterm's palette once converted to 16 colours.
            key = Static("orange on blue-grey")
            key.styles.color = "#FFA62B"
            key.styles.background = "#242F38"
            await app.screen.mount(key)
            await pilot.pause()
            return unreadable_cells(app)

    assert asyncio.run(main())
