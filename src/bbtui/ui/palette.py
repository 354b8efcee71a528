"""Command palette providers: jump to an event or a country by typing.

Textual's own `Matcher.highlight` parses the candidate as markup, so it must
never see dataset text; hits here are highlighted on an inert `Content`.
For large datasets the fuzzy matcher (which is slow per candidate) only runs
over events that already contain every typed word, and hits are capped.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from bbtui.ui.text import shown_line

if TYPE_CHECKING:
    from bbtui.ui.app import ExplorerApp

MAX_HITS = 50
FUZZY_LIMIT = 1000  # candidates the fuzzy matcher may score per keystroke


def _highlight(matcher: Matcher, candidate: str) -> tuple[float, Content]:
    score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    content = Content(candidate)
    for offset in offsets:
        if not candidate[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return score, content


def _search(
    matcher: Matcher, candidates: list[tuple[str, str]]
) -> Iterator[tuple[float, Content, str]]:
    """(score, display, key) for candidates matching the query, best first."""
    if len(candidates) <= FUZZY_LIMIT:
        pool = candidates  # small enough to be forgiving: fuzzy over everything
    else:
        words = matcher.query.lower().split()
        pool = [c for c in candidates if all(w in c[0].lower() for w in words)]
    scored = []
    for text, key in pool[:FUZZY_LIMIT]:
        score, display = _highlight(matcher, text)
        if score > 0:
            scored.append((score, display, key))
    scored.sort(key=lambda hit: -hit[0])
    return iter(scored[:MAX_HITS])


class EventCommands(Provider):
    """`Event: 30 Nov 2015 · PK · BlackBerry announces…` — jump to that event."""

    async def startup(self) -> None:
        app: ExplorerApp = self.app  # type: ignore[assignment]
        self._candidates = [
            (
                shown_line(f"{e.date.display()} · {e.country} · {e.title}"),
                e.id,
            )
            for e in app.dataset.events
        ]

    async def search(self, query: str) -> Hits:
        app: ExplorerApp = self.app  # type: ignore[assignment]
        matcher = self.matcher(query)
        for score, display, event_id in _search(matcher, self._candidates):
            yield Hit(
                score,
                Content.assemble(("Event ", "dim"), display),
                partial(app.jump_to_event, event_id),
                text=f"Event {display.plain}",
                help="Select this event in the timeline",
            )


class CountryCommands(Provider):
    """Show a country's precedent, or filter the timeline to it."""

    def _commands(self) -> list[tuple[str, str, object, str]]:
        app: ExplorerApp = self.app  # type: ignore[assignment]
        commands: list[tuple[str, str, object, str]] = []
        for country in app.dataset.countries:
            name = shown_line(country.name)
            commands.append(
                (
                    f"Country: {name}",
                    country.code,
                    partial(app.jump_to_country, country.code),
                    "Show this country's precedent in full",
                )
            )
            commands.append(
                (
                    f"Filter timeline: {name}",
                    country.code,
                    partial(app.filter_timeline, country.code),
                    "Show only this country's events",
                )
            )
        commands.append(
            (
                "Filter timeline: all countries",
                "",
                partial(app.filter_timeline, None),
                "Clear the filter",
            )
        )
        return commands

    async def discover(self) -> Hits:
        for text, _, command, help in self._commands():
            yield DiscoveryHit(Content(text), command, text=text, help=help)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, _, command, help in self._commands():
            score, display = _highlight(matcher, text)
            if score > 0:
                yield Hit(score, display, command, text=text, help=help)  # type: ignore[arg-type]
