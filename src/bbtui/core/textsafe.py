"""Make dataset text inert before it reaches a terminal.

Datasets are shared between people who need not trust each other, so text is
never allowed to drive the terminal: escape sequences, other control
characters and bidirectional overrides are turned into visible placeholders.
The UI, the CLI and the exporters all call `visible()`, so one rule holds
everywhere. (Markup is a separate matter: the UI never parses dataset text as
markup, it builds `Text`/`Content` objects from it.) The screen also passes
text through `steady_width()`, so a cell grid's borders stay in line in every
terminal.
"""

from __future__ import annotations

import re
from urllib.parse import quote

# Bidirectional embeddings, overrides and isolates can make text read in a
# different order from the bytes (the "Trojan Source" trick).
_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
# Invisible characters that hide text or break search; ZWJ/ZWNJ are kept
# because emoji sequences and Persian/Urdu spelling need them (the screen
# drops ZWJ all the same, for its width: see steady_width).
_INVISIBLE = (
    "\u200b\u2060\ufeff\u00ad\u180e"
    "\u2061-\u2064"  # invisible operators (function application, times, separator, plus)
    "\U000e0000-\U000e007f"  # tag characters: a whole hidden message can ride on them
    "\ufff9-\ufffb"  # interlinear annotation marks
    "\u034f"  # combining grapheme joiner
    "\u115f\u1160\u3164\uffa0"  # Hangul fillers: letters that draw as blank space
    "\u2028\u2029"  # line and paragraph separators: no terminal breaks a line for them
)
# Some of these count as printable, so the fast path checks for them too.
_PRINTABLE_BUT_HIDDEN = re.compile("[\u034f\u115f\u1160\u3164\uffa0]")

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + _BIDI + _INVISIBLE + "]")
_UNSAFE_LINE = re.compile("[\x00-\x1f\x7f-\x9f" + _BIDI + _INVISIBLE + "]")


def _placeholder(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        # U+2400..U+241F are the Unicode "control pictures": ␛ for ESC, etc.
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def visible(text: str) -> str:
    """Text safe to print: newlines and tabs kept, other controls made visible."""
    if text.isprintable() and not _PRINTABLE_BUT_HIDDEN.search(text):
        return text
    return _UNSAFE.sub(_placeholder, text)


def visible_line(text: str) -> str:
    """Like `visible`, for one-line contexts: newlines and tabs become spaces."""
    if text.isprintable() and not _PRINTABLE_BUT_HIDDEN.search(text):
        return text
    text = text.replace("\r\n", " ").replace("\n", " ").replace("\t", " ")
    return _UNSAFE_LINE.sub(_placeholder, text)


# Characters terminals disagree about the width of. Rich (and terminals that
# cluster graphemes: kitty, WezTerm, Windows Terminal) draw 👩‍👩‍👧 in 2 cells;
# xterm, VTE and others count each codepoint: 6 cells, which pushes every
# border after it out of line. Rich gives any character after a joiner no
# width, letters too (Urdu, Persian, Indic spelling). VS16 widens a narrow
# symbol (❤️) for Rich, not for wcwidth; a skin-tone modifier (👍🏽) is 0 cells
# to Rich and 2 to wcwidth.
_UNSTEADY = re.compile("[\u200d\ufe0f\U0001f3fb-\U0001f3ff]")


def steady_width(text: str) -> str:
    """Text for a cell grid: the width Rich measures is the width every terminal draws.

    Joiners, emoji variation selectors and skin-tone modifiers are dropped: a
    ZWJ sequence is shown as its parts (👩👩👧), each as wide as everyone
    measures it, a symbol in its text form, letters unjoined (as most
    terminals draw them anyway). For the screen only: exports and copies keep
    the dataset's text as it is.
    """
    if _UNSTEADY.search(text) is None:
        return text
    return _UNSTEADY.sub("", text)


# Printable ASCII but the space: what an OSC 8 hyperlink's target may hold. The
# target sits inside an escape sequence, so ESC, BEL or C1's ST in it would end
# the sequence early and let the rest drive the terminal.
_LINK_SAFE = "".join(chr(code) for code in range(0x21, 0x7F))
_WEB_ADDRESS = re.compile(r"https?://[^\s/?#]", re.IGNORECASE)


def link_target(url: str) -> str | None:
    """`url` as the target of a terminal hyperlink, or None when it should not be one.

    Only web addresses are linked (a `file:` or other scheme could open
    something on the reader's machine at a click). A well-formed address is
    its own target, character for character; anything else in it (controls,
    spaces, non-ASCII) is percent-encoded, so it can never leave the sequence.
    """
    if not _WEB_ADDRESS.match(url):
        return None
    return quote(url, safe=_LINK_SAFE, errors="backslashreplace")
