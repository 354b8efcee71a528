"""The cycle collector, paused while the explorer starts and resumed after its first frame.

Starting allocates a few hundred thousand objects (Textual's modules, the
CSS, the first screen) and almost none of them are garbage: before the first
frame of the shipped dataset the collector ran 123 times, 15 ms of a 320 ms
start, and all of them together had ~2,300 objects to free. Paused, it runs
once after the first frame instead, over what start-up left (~5 ms), while the
reader is still looking at the screen.
"""

from __future__ import annotations

import gc


class _Pause:
    """Whether `pause()` stopped the collector: `resume()` never turns on one others turned off."""

    active = False


def pause() -> None:
    """Stop collecting cycles until `resume()` (a collector already off stays off)."""
    if gc.isenabled():
        gc.disable()
        _Pause.active = True


def resume() -> None:
    """Collect again, if `pause()` stopped it."""
    if _Pause.active:
        _Pause.active = False
        gc.enable()
