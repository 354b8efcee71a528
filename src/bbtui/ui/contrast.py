"""Readable in every theme: theme colours nudged until text meets WCAG contrast.

Textual's built-in themes pick colours for looks; several put text under
4.5:1 against the background bbtui draws it on (footer keys in light themes,
the cursor row, a country code in `$text-secondary`). Rather than a palette
of our own per theme, the app passes each theme's variables through
`readable()`: a text colour below the target is blended towards black or
white, whichever contrasts with its background, just enough to reach it.
The hue stays, so each theme still looks like itself.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.color import Color

# WCAG 2 AA for normal text is 4.5; a little above, since a focused pane
# tints its background by a few percent.
TARGET = 4.8

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


def contrast(a: Color, b: Color) -> float:
    """The WCAG contrast ratio of two opaque colours (1 to 21)."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


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
    """What text is drawn on, and the name of the opaque variable under it."""
    layers = [(_parse(variables.get(name)), name) for name in chain]
    readable_layers = [(c, name) for c, name in layers if c is not None]
    opaque_at = next((i for i, (c, _) in enumerate(readable_layers) if c.a >= 1), None)
    if opaque_at is None:
        return None
    colour, name = readable_layers[opaque_at]
    for layer, _ in reversed(readable_layers[:opaque_at]):
        colour = colour.blend(layer.with_alpha(1), layer.a)
    return colour, name


def _drawn(text: Color, background: Color) -> Color:
    return background.blend(text.with_alpha(1), text.a)


def readable_colour(text: Color, background: Color, target: float = TARGET) -> Color:
    """`text` on `background`, blended towards black or white until it is readable
    (as far as the contrasting colour itself, if need be)."""
    drawn = _drawn(text, background)
    if contrast(drawn, background) >= target:
        return text
    toward = background.get_contrast_text(1.0)
    for step in range(1, 21):
        candidate = drawn.blend(toward, step / 20)
        if contrast(candidate, background) >= target:
            return candidate
    return toward


def _deepened(background: Color, text: Color, target: float) -> Color:
    """`background` moved away from `text` until the two are readable together."""
    away = Color(0, 0, 0) if _luminance(text) > _luminance(background) else Color(255, 255, 255)
    for step in range(1, 21):
        candidate = background.blend(away, step / 20)
        if contrast(text, candidate) >= target:
            return candidate
    return away


def readable(variables: Mapping[str, str], target: float = TARGET) -> dict[str, str]:
    """The theme's variables with every text colour in `PAIRS` made readable.

    A text colour is nudged first; when even black or white is not enough on
    that background (white on a mid blue), the background is deepened. A
    changed background can affect another pair, so passes repeat until none
    changes anything.
    """
    result = dict(variables)
    for _ in range(4):
        changed = False
        for text_name, chain in PAIRS:
            under = _background(result, chain)
            if under is None:
                continue
            background, background_name = under
            text = _parse(result.get(text_name), background)
            if text is None:
                continue
            fixed = readable_colour(text, background, target)
            drawn = _drawn(fixed, background)
            if contrast(drawn, background) < target:
                result[background_name] = _deepened(background, drawn, target).hex
                changed = True
            if fixed is not text:
                result[text_name] = fixed.hex
                changed = True
        if not changed:
            break
    return result


def theme_names() -> list[str]:
    """The themes the explorer offers (Textual's built-in ones), for `--theme` and settings."""
    from textual.theme import BUILTIN_THEMES

    return sorted(BUILTIN_THEMES)
