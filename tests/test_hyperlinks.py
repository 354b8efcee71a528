"""Source addresses are hyperlinks (OSC 8) in the detail pane, and safe ones.

A terminal that knows OSC 8 makes the address clickable; one that does not
ignores the sequence, and the address is there as text either way. The
target is the address itself, character for character: never read as markup,
and a hostile address cannot smuggle an escape sequence out of the link
(controls are percent-encoded).
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import replace
from pathlib import Path

import pytest

from bbtui.core.loader import load
from bbtui.core.model import Dataset
from bbtui.core.textsafe import link_target
from bbtui.ui import compat
from bbtui.ui.app import ExplorerApp

DATA = Path(__file__).parent / "data"
MINI = load(DATA / "mini.yaml")
VERGE = MINI.source_by_id["verge-2015-11-30"]
# Rich writes OSC 8 as ESC ] 8 ; id=N ; TARGET ESC \ ... ESC ] 8 ; ; ESC \
OSC8 = re.compile(r"\x1b\]8;id=[^;\x1b]*;([^\x1b]*)\x1b\\")


def test_a_web_address_is_its_own_target() -> None:
    assert link_target(VERGE.url) == VERGE.url
    markup = "https://example.com/?q=[bold]x[/bold]&a=<script>alert(1)</script>"
    assert link_target(markup) == markup


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example/\x1b]52;c;ZXZpbA==\x07rest",
        "https://evil.example/\x9c\x1b\\\x1b[2J",
        "https://evil.example/a b\tc\nd",
        "https://évil.example/päth",
    ],
)
def test_nothing_but_printable_ascii_reaches_the_sequence(url: str) -> None:
    target = link_target(url)
    assert target is not None and target.startswith("https://")
    assert all(0x21 <= ord(c) <= 0x7E for c in target), target


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "javascript:alert(1)", "ssh://host", "https:///nohost", ""]
)
def test_only_web_addresses_are_linked(url: str) -> None:
    assert link_target(url) is None


def _screen(dataset: Dataset, event: str) -> tuple[list[list[tuple[str, str | None]]], str]:
    """Each screen line as (text, link) segments, and the bytes a terminal is sent
    (tall enough for the whole event with its sources)."""

    async def main() -> tuple[list[list[tuple[str, str | None]]], str]:
        app = ExplorerApp(dataset, theme="textual-dark", start_event=event)
        async with app.run_test(size=(120, 100)) as pilot:
            await pilot.pause()
            strips = compat.screen_strips(app.screen)
            lines = [
                [(s.text, s.style.link if s.style else None) for s in strip] for strip in strips
            ]
            return lines, "".join(strip.render(app.console) for strip in strips)

    return asyncio.run(main())


def test_the_detail_pane_links_a_sources_address_and_its_archived_copy() -> None:
    lines, sent = _screen(MINI, "pk-exit-announced")
    for url in (VERGE.url, VERGE.archive_url):
        shown = "".join(text for line in lines for text, link in line if link == url)
        assert shown == url
    assert {VERGE.url, VERGE.archive_url} <= set(OSC8.findall(sent))
    # Only addresses are links: no other text on the screen carries one.
    linked = {link for line in lines for _, link in line if link}
    assert linked <= {s.url for s in MINI.sources} | {s.archive_url for s in MINI.sources}


def test_a_hostile_address_is_shown_inert_and_linked_safely() -> None:
    # The loader refuses such an address (test_loader); the screen must stay
    # safe on its own for a model made any other way, so the model is edited.
    dataset = load(DATA / "hostile.yaml")
    old = "https://example.com/?q=[bold]x[/bold]&a=<script>alert(1)</script>"
    hostile_url = "https://example.com/[b]x\x1b]52;c;ZXZpbA==\x07\x1b[2J"
    assert old in [source.url for source in dataset.sources]
    sources = tuple(
        replace(source, url=hostile_url) if source.url == old else source
        for source in dataset.sources
    )
    hostile = replace(dataset, sources=sources)
    _, sent = _screen(hostile, "markup")
    targets = OSC8.findall(sent)
    assert targets == ["https://example.com/[b]x%1B]52;c;ZXZpbA==%07%1B[2J"] * len(targets)
    assert targets
    assert "\x1b]52" not in sent and "\x07" not in sent and "\x1b[2J" not in sent
