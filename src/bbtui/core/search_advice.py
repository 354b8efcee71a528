"""What to suggest when a search finds nothing: the same advice from either index.

The in-memory index and the store's both call `suggestion` with their own
way of counting matches, so a reader gets the same words whichever answered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from bbtui.core.query import Query, Term
from bbtui.core.textfold import WORD

# Counts the matches of a query; True: over quotes and events both.
Counter = Callable[[Query, bool], int]


def suggestion(
    query: Query,
    include_events: bool,
    matches: Counter,
    speakers: Iterable[str],
    has_events: bool,
) -> str:
    """One line: what matched nothing, and the first loosening that would match."""
    what = "quotes or events" if include_events else "quotes"
    described = " ".join(
        ([f'"{query.words_text()}"'] if query.terms else []) + [f.shown for f in query.filters]
    )
    head = f"No {what} match {described}"
    for item in query.filters:
        rest = tuple(f for f in query.filters if f is not item)
        if matches(Query(query.text, query.terms, rest), include_events):
            return f"{head} — try removing {item.shown}"
    if len(query.terms) > 1:
        for term in query.terms:
            rest_terms = tuple(t for t in query.terms if t is not term)
            if matches(Query(query.text, rest_terms, query.filters), include_events):
                return f'{head} — try fewer words (without "{" ".join(term.words)}")'
    if any(t.quoted for t in query.terms):
        loose = tuple(Term(t.words, t.prefix) for t in query.terms)
        words = tuple(Term((w,)) for t in loose for w in t.words)
        if matches(Query(query.text, words, query.filters), include_events):
            return f"{head} — try without the quotation marks"
    folded_speakers = list(speakers)
    for word in query.words:
        if any(word in name_starts(name) or f" {word}" in f" {name}" for name in folded_speakers):
            return f"{head} — quotes are searched by their words: try speaker:{word}"
    if not include_events and query.terms and has_events and matches(query, True):
        return f"{head} — try searching event titles and summaries too"
    if query.filters and not query.terms:
        return f"{head} — check the filter values"
    return f"{head} — check the spelling or try fewer words"


def name_starts(name: str) -> list[str]:
    """A country name and each of its word tails: `united arab emirates`, `arab emirates`, ..."""
    words = WORD.findall(name)
    return [" ".join(words[i:]) for i in range(len(words))]
