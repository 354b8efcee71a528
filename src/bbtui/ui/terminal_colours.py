"""The colours a terminal shows for a theme colour, at each colour depth.

Textual draws in 24-bit colour and lets Rich convert each colour as it is
written: to the nearest of the 256-colour palette when TERM ends in
`-256color` (and COLORTERM does not say truecolor), to the nearest of 16
when TERM is plain `xterm` (Rich reads it as 16 colours). Colours 16-255 look
the same in every terminal; the first 16 are the terminal's own, so a
16-colour rendering is judged under several common palettes at once, and a
pair is only as readable as its worst one.
"""

from __future__ import annotations

from functools import lru_cache

from rich.color import Color as RichColor
from rich.color import ColorSystem, ColorType
from rich.color_triplet import ColorTriplet
from textual.color import Color

# The 16 colours Rich matches against (VGA's), and the defaults of xterm,
# Windows Terminal (Campbell) and GNOME/Ubuntu's Tango.
PALETTES_16: dict[str, tuple[tuple[int, int, int], ...]] = {
    "vga": (
        (0, 0, 0), (170, 0, 0), (0, 170, 0), (170, 85, 0),
        (0, 0, 170), (170, 0, 170), (0, 170, 170), (170, 170, 170),
        (85, 85, 85), (255, 85, 85), (85, 255, 85), (255, 255, 85),
        (85, 85, 255), (255, 85, 255), (85, 255, 255), (255, 255, 255),
    ),
    "xterm": (
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0),
        (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0),
        (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ),
    "campbell": (
        (12, 12, 12), (197, 15, 31), (19, 161, 14), (193, 156, 0),
        (0, 55, 218), (136, 23, 152), (58, 150, 221), (204, 204, 204),
        (118, 118, 118), (231, 72, 86), (22, 198, 12), (249, 241, 165),
        (59, 120, 255), (180, 0, 158), (97, 214, 214), (242, 242, 242),
    ),
    "tango": (
        (46, 52, 54), (204, 0, 0), (78, 154, 6), (196, 160, 0),
        (52, 101, 164), (117, 80, 123), (6, 152, 154), (211, 215, 207),
        (85, 87, 83), (239, 41, 41), (138, 226, 52), (252, 233, 79),
        (114, 159, 207), (173, 127, 168), (52, 226, 226), (238, 238, 236),
    ),
}  # fmt: skip

# Rich's names for the depths (Console.color_system), as Textual's console reports them.
TRUECOLOR, EIGHT_BIT, STANDARD = "truecolor", "256", "standard"
_SYSTEMS = {EIGHT_BIT: ColorSystem.EIGHT_BIT, STANDARD: ColorSystem.STANDARD}


def converted(color: Color, system: str) -> RichColor:
    """`color` as Rich writes it at that depth (an opaque colour; alpha is ignored)."""
    rich = RichColor.from_triplet(ColorTriplet(color.r, color.g, color.b))
    if system not in _SYSTEMS:
        return rich
    return rich.downgrade(_SYSTEMS[system])


# Cached: making a theme readable asks about the same few dozen colours
# hundreds of times at every start (14 ms of it at 16 colours, uncached).
@lru_cache(maxsize=4096)
def shown(color: Color, system: str) -> tuple[Color, ...]:
    """What terminals show for `color` at that depth: one colour, or one per 16-colour palette."""
    if system == TRUECOLOR:
        return (Color(color.r, color.g, color.b),)  # written as it is
    rich = converted(color, system)
    if rich.type is ColorType.STANDARD:
        assert rich.number is not None
        return tuple(Color(*palette[rich.number]) for palette in PALETTES_16.values())
    triplet = rich.get_truecolor()
    return (Color(triplet.red, triplet.green, triplet.blue),)
