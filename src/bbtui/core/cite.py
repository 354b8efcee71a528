"""Citation text: the one place that decides how a quote or event is cited.

The clipboard, `bbtui search` and every exporter cite through these
functions, so a reader sees the same attribution wherever the words land.
Exporters pass `escape` (for their format's special characters) and `link`
(to turn a URL into a link); by default text is made terminal-safe and the
URL is left as it is.
"""

from __future__ import annotations

from collections.abc import Callable

from bbtui.core.dataset_view import DatasetView
from bbtui.core.model import Country, Dataset, Event, PartialDate, Quote, Source
from bbtui.core.textsafe import visible, visible_line

Escape = Callable[[str], str]

NO_DATE = "n.d."  # the usual mark for a page that shows no date
NO_HEADLINE = "[headline not recorded]"  # never a label of ours dressed as a headline


def _date(date: PartialDate, note: str | None, escape: Escape) -> str:
    # The note qualifies the date ("derived", "approximate"): it travels with it.
    if note:
        return f"{date.display()} ({escape(note)})"
    return date.display()


def headline(source: Source, *, escape: Escape = visible_line) -> str:
    """`“Headline”` when a copy of the page printed it, else `[headline not recorded]`."""
    if source.headline is None:
        return escape(NO_HEADLINE)
    return f"“{escape(source.headline)}”"


def source_citation(
    source: Source, *, escape: Escape = visible_line, link: Escape = visible_line
) -> str:
    """`Outlet, “Headline”, 30 Nov 2015, URL, accessed 1 Dec 2026`.

    A headline that was not read from a copy is `[headline not recorded]`, a
    missing date `n.d.`; an archived copy, when one is known, follows as
    `, archived 2 Dec 2015 at URL`.
    """
    published = source.published.display() if source.published else NO_DATE
    parts = [escape(source.outlet), headline(source, escape=escape), published, link(source.url)]
    if source.accessed is not None:
        parts.append(f"accessed {source.accessed.display()}")
    if source.archive_url is not None and source.archive_date is not None:
        parts.append(f"archived {source.archive_date.display()} at {link(source.archive_url)}")
    return ", ".join(parts)


def quote_attribution(quote: Quote, *, escape: Escape = visible_line) -> str:
    """`Speaker, Role, 30 Nov 2015`: who said it and when, at the date's precision."""
    parts = [escape(quote.speaker), escape(quote.role), _date(quote.said, quote.said_note, escape)]
    if quote.translated:
        parts.append("translated by the outlet")
    return ", ".join(parts)


def citation_line(
    dataset: Dataset,
    quote: Quote,
    *,
    escape: Escape = visible_line,
    link: Escape = visible_line,
) -> str:
    """The one line that follows a quote: attribution; source."""
    source = dataset.source_by_id[quote.source]
    return (
        f"— {quote_attribution(quote, escape=escape)}; "
        f"{source_citation(source, escape=escape, link=link)}"
    )


def cite_quote(dataset: Dataset, quote: Quote) -> str:
    """The quote in typographic quotation marks, then its citation line."""
    return f"“{visible(quote.text)}”\n{citation_line(dataset, quote)}"


def event_dateline(dataset: DatasetView, event: Event, *, escape: Escape = visible_line) -> str:
    """`30 Nov 2015 · Pakistan`, with the date's note when it has one."""
    country = dataset.country_by_code[event.country].name
    return f"{_date(event.date, event.date_note, escape)} · {escape(country)}"


def cite_event(dataset: Dataset, event: Event) -> str:
    """Title, dateline, summary, then one citation line per source."""
    lines = [
        visible_line(event.title),
        event_dateline(dataset, event),
        visible(event.summary),
        "Sources:",
    ]
    lines += [f"- {source_citation(s)}" for s in dataset.sources_for(event.sources)]
    return "\n".join(lines)


def cite_country(dataset: Dataset, country: Country) -> str:
    """A country's precedent as plain text, with its sources cited."""
    lines = [
        f"{visible_line(country.name)} ({country.code}), {country.years}",
        f"Demand: {visible(country.demand)}",
        f"Response: {visible(country.response)}",
        f"Outcome: {country.outcome.label}: {visible(country.outcome_summary)}",
        "Sources:",
    ]
    lines += [f"- {source_citation(s)}" for s in dataset.sources_for(country.sources)]
    return "\n".join(lines)
