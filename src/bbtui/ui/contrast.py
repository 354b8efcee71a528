"""Readable in every theme: theme colours nudged until text meets WCAG contrast.

Textual's built-in themes pick colours for looks; several put text under
4.5:1 against the background bbtui draws it on (footer keys in light themes,
the cursor row, a country code in `$text-secondary`). Rather than a palette
of our own per theme, the app passes each theme's variables through
`readable()`: a text colour below the target is blended towards black or
white, whichever contrasts with its background, just enough to reach it.
The hue stays, so each theme still looks like itself.

The colours are judged as the terminal will show them: a terminal of 256 or
16 colours gets each colour converted by Rich (see terminal_colours.py), and
an orange key on a blue-grey footer becomes bright red on bright black. The
app passes its console's colour depth, and the nudging repeats at that depth
until the converted pair reads.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache

from textual.color import Color

from bbtui.ui.terminal_colours import TRUECOLOR, shown

# WCAG 2 AA for normal text is 4.5; a little above, since a focused pane
# tints its background by a few percent. Muted text (dates, counts, hints)
# must keep 3:1, the least WCAG allows for anything one needs to read.
TARGET = 4.8
MUTED_TARGET = 3.3

# (text variable, its background variables from nearest to furthest): the
# first opaque one in the chain, with any transparent ones over it, is what
# the text is drawn on.
PAIRS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "footer-key-foreground",
        ("footer-key-background", "footer-item-background", "footer-background"),
    ),
    (
        "footer-description-foreground",
        ("footer-description-background", "footer-item-background", "footer-background"),
    ),
    ("footer-foreground", ("footer-background",)),
    ("block-cursor-foreground", ("block-cursor-background", "surface")),
    ("block-cursor-blurred-foreground", ("block-cursor-blurred-background", "surface")),
    ("text-primary", ("surface",)),
    ("text-secondary", ("surface",)),
    ("text-accent", ("surface",)),
    ("text-warning", ("surface",)),
    ("text-error", ("surface",)),
    ("text-success", ("surface",)),
    ("foreground", ("surface",)),
    # Dialogs (help, export) sit on $panel.
    ("text-primary", ("panel",)),
    ("text-accent", ("panel",)),
    ("foreground", ("panel",)),
)
# A focused widget tints $surface with $foreground: 3% for bbtui's panes
# (bbtui.tcss), 5% for Textual's Input and Button. In truecolor TARGET's margin
# covers that; at 256 or 16 colours a tint can move the surface to another
# palette entry, so there text on it is judged on each.
# (background, tint colour, strengths)
FOCUS_TINT = ("surface", "foreground", (0.03, 0.05))
# Muted text: Textual's `auto 60%` is the background's contrasting colour at
# partial strength, which at 16 colours can land on a grey the terminal draws
# next to the background's own.
MUTED_PAIRS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("text-muted", ("surface",)),
    ("text-muted", ("panel",)),
)


def contrast(a: Color, b: Color) -> float:
    """The WCAG contrast ratio of two opaque colours (1 to 21)."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def rendered_contrast(a: Color, b: Color, system: str = TRUECOLOR) -> float:
    """The contrast of two opaque colours as a terminal of that colour depth shows them
    (at 16 colours, the worst over the common palettes)."""
    return min(contrast(x, y) for x, y in zip(shown(a, system), shown(b, system), strict=True))


@lru_cache(maxsize=4096)  # the same colours come up again and again (see shown)
def _luminance(color: Color) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


def _parse(value: str | None, behind: Color | None = None) -> Color | None:
    """A theme value as a colour; `auto N%` resolved against `behind` as Textual does."""
    if not value or value.startswith("$"):
        return None
    if value.startswith("auto"):
        if behind is None:
            return None
        alpha = float(value.removeprefix("auto").strip().rstrip("%") or 100) / 100
        return behind.get_contrast_text(alpha)
    try:
        return Color.parse(value)
    except Exception:  # noqa: BLE001 - a theme value we cannot read is left alone
        return None


def _background(variables: Mapping[str, str], chain: tuple[str, ...]) -> tuple[Color, str] | None:
    """What text is drawn on, and the variable to change to change it: the nearest
    layer that shows (a tint over the opaque one, else the opaque one itself)."""
    layers = [(_parse(variables.get(name)), name) for name in chain]
    readable_layers = [(c, name) for c, name in layers if c is not None]
    opaque_at = next((i for i, (c, _) in enumerate(readable_layers) if c.a >= 1), None)
    if opaque_at is None:
        return None
    colour, name = readable_layers[opaque_at]
    for layer, layer_name in reversed(readable_layers[:opaque_at]):
        colour = colour.blend(layer.with_alpha(1), layer.a)
        if layer.a > 0:
            name = layer_name
    return colour, name


def _drawn(text: Color, background: Color) -> Color:
    return background.blend(text.with_alpha(1), text.a)


def _worst(text: Color, backgrounds: Sequence[Color], system: str) -> float:
    return min(rendered_contrast(_drawn(text, b), b, system) for b in backgrounds)


def readable_colour(
    text: Color,
    background: Color,
    target: float = TARGET,
    system: str = TRUECOLOR,
    tints: Sequence[Color] = (),
) -> Color:
    """`text` on `background` (and on it under each of `tints`), blended towards
    black or white until it is readable at that colour depth (as far as the
    contrasting colour itself, if need be)."""
    backgrounds = _with_tints(background, tints)
    if _worst(text, backgrounds, system) >= target:
        return text
    drawn = _drawn(text, background)
    toward = background.get_contrast_text(1.0)
    for step in range(1, 21):
        candidate = drawn.blend(toward, step / 20)
        if _worst(candidate, backgrounds, system) >= target:
            return candidate
    return toward


def _with_tints(background: Color, tints: Sequence[Color]) -> list[Color]:
    return [background, *(background.blend(tint.with_alpha(1), tint.a) for tint in tints)]


def _deepened(
    background: Color, text: Color, target: float, system: str, tints: Sequence[Color]
) -> Color:
    """`background` moved away from `text` until the two are readable together."""
    away = Color(0, 0, 0) if _luminance(text) > _luminance(background) else Color(255, 255, 255)
    for step in range(1, 21):
        candidate = background.blend(away, step / 20)
        if _worst(text, _with_tints(candidate, tints), system) >= target:
            return candidate
    return away


def _focus_tints(variables: Mapping[str, str], background_name: str, system: str) -> list[Color]:
    """The tints a focused widget puts over this background, if it is the surface
    and the terminal has a palette."""
    name, tint_name, strengths = FOCUS_TINT
    if background_name != name or system == TRUECOLOR:
        return []
    tint = _parse(variables.get(tint_name))
    return [] if tint is None else [tint.with_alpha(a) for a in strengths]


def _fix_pair(
    result: dict[str, str], pair: tuple[str, tuple[str, ...]], target: float, system: str
) -> bool:
    """Make one text variable readable on its background (deepening that if need be);
    whether anything changed."""
    text_name, chain = pair
    under = _background(result, chain)
    if under is None:
        return False
    background, background_name = under
    text = _parse(result.get(text_name), background)
    if text is None:
        return False
    tints = _focus_tints(result, background_name, system)
    changed = False
    fixed = readable_colour(text, background, target, system, tints)
    drawn = _drawn(fixed, background)
    if _worst(drawn, _with_tints(background, tints), system) < target:
        result[background_name] = _deepened(background, drawn, target, system, tints).hex
        changed = True
    if fixed is not text:
        result[text_name] = fixed.hex
        changed = True
    return changed


def readable(
    variables: Mapping[str, str], target: float = TARGET, system: str | None = TRUECOLOR
) -> dict[str, str]:
    """The theme's variables with every text colour in `PAIRS` made readable at the
    terminal's colour depth (`system`, as Rich names it; None, as for a terminal
    Rich sends no colour, is judged as truecolor).

    A text colour is nudged first; when even black or white is not enough on
    that background (white on a mid blue), the background is deepened. A
    changed background can affect another pair, so passes repeat until none
    changes anything.
    """
    result = dict(variables)
    system = system or TRUECOLOR
    targets = [(pair, target) for pair in PAIRS]
    targets += [(pair, min(target, MUTED_TARGET)) for pair in MUTED_PAIRS]
    for _ in range(6):
        changed = False
        for pair, needed in targets:
            changed = _fix_pair(result, pair, needed, system) or changed
        if not changed:
            break
    return result


def theme_names() -> list[str]:
    """The themes the explorer offers (Textual's built-in ones), for `--theme` and settings."""
    from textual.theme import BUILTIN_THEMES

    return sorted(BUILTIN_THEMES)
