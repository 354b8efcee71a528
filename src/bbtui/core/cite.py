"""Citation text: the one place that decides how a quote or event is cited.

The clipboard, `bbtui cite`, `bbtui search` and every exporter cite through
these functions, so a reader sees the same attribution wherever the words
land. Two kinds of reference to a source:

- bbtui's own short line (`source_citation`: outlet, headline, date, URL),
  which the exporters and plain `bbtui search` print;
- a styled reference in Chicago, APA or MLA (`styled_reference`), made from
  the source's CSL-JSON item (bbtui.core.csl) by bbtui.core.citeproc and
  equal to what citeproc-js makes of it.

Exporters pass `escape` (for their format's special characters) and `link`
(to turn a URL into a link); by default text is made terminal-safe and the
URL is left as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from bbtui.core.cite_style import Form, Style
from bbtui.core.csl import source_item
from bbtui.core.dataset_view import DatasetView
from bbtui.core.model import Country, Event, PartialDate, Quote, Source
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


class SourceParts(NamedTuple):
    """A source's short citation in its pieces, raw (not yet escaped), in order.

    `source_citation` joins them; the detail pane styles each. So the words a
    reader sees on screen and in what they copy are the same.
    """

    outlet: str
    headline: str | None  # the printed headline, when a copy of the page showed it
    label: str | None  # our description of the page, when there is no headline
    published: str  # the date at its precision, or NO_DATE
    published_note: str | None
    url: str
    accessed: str | None  # "accessed 1 Dec 2026"
    archived: tuple[str, str] | None  # ("archived 2 Dec 2015", archive URL)


def source_parts(source: Source) -> SourceParts:
    label = None if source.headline is not None or not source.title else source.title
    return SourceParts(
        outlet=source.outlet,
        headline=source.headline,
        label=label,
        published=source.published.display() if source.published else NO_DATE,
        published_note=source.published_note,
        url=source.url,
        accessed=f"accessed {source.accessed.display()}" if source.accessed else None,
        archived=(
            (f"archived {source.archive_date.display()}", source.archive_url)
            if source.archive_url is not None and source.archive_date is not None
            else None
        ),
    )


def source_citation(
    source: Source, *, escape: Escape = visible_line, link: Escape = visible_line
) -> str:
    """`Outlet, “Headline”, 30 Nov 2015, URL, accessed 1 Dec 2026`.

    A headline that was not read from a copy is `[headline not recorded]`, a
    missing date `n.d.`; an archived copy, when one is known, follows as
    `, archived 2 Dec 2015 at URL`.
    """
    parts = source_parts(source)
    words = [escape(parts.outlet), headline(source, escape=escape), parts.published]
    words.append(link(parts.url))
    if parts.accessed is not None:
        words.append(parts.accessed)
    if parts.archived is not None:
        when, where = parts.archived
        words.append(f"{when} at {link(where)}")
    return ", ".join(words)


def quote_attribution(quote: Quote, *, escape: Escape = visible_line) -> str:
    """`Speaker, Role, 30 Nov 2015`: who said it and when, at the date's precision."""
    parts = [escape(quote.speaker), escape(quote.role), _date(quote.said, quote.said_note, escape)]
    if quote.translated:
        parts.append("translated by the outlet")
    return ", ".join(parts)


def citation_line(
    dataset: DatasetView,
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


def styled_reference(source: Source, style: Style, *, note: bool = False) -> str:
    """The source in `style`: its bibliography entry, or with `note` Chicago's
    full note (APA's and MLA's in-text citation). Terminal-safe, one line."""
    from bbtui.core.citeproc import render  # the renderer, when first needed (cite_style)

    form = Form.NOTE if note else Form.BIBLIOGRAPHY
    return visible_line(render(source_item(source), style, form).plain())


def _references(
    dataset: DatasetView, ids: tuple[str, ...], style: Style | None, note: bool
) -> list[str]:
    sources = dataset.sources_for(ids)
    if style is None:
        return [f"- {source_citation(s)}" for s in sources]
    return [f"- {styled_reference(s, style, note=note)}" for s in sources]


def cite_quote(
    dataset: DatasetView, quote: Quote, style: Style | None = None, *, note: bool = False
) -> str:
    """The quote in typographic quotation marks, then who said it and its source.

    With a `style`: the words, the attribution (speaker, role, date said), then
    the source's reference in that style. Without: bbtui's one citation line.
    """
    words = f"“{visible(quote.text)}”"
    if style is None:
        return f"{words}\n{citation_line(dataset, quote)}"
    source = dataset.source_by_id[quote.source]
    return "\n".join(
        [words, f"— {quote_attribution(quote)}", styled_reference(source, style, note=note)]
    )


def event_dateline(dataset: DatasetView, event: Event, *, escape: Escape = visible_line) -> str:
    """`30 Nov 2015 · Pakistan`, with the date's note when it has one."""
    country = dataset.country_by_code[event.country].name
    return f"{_date(event.date, event.date_note, escape)} · {escape(country)}"


def cite_event(
    dataset: DatasetView, event: Event, style: Style | None = None, *, note: bool = False
) -> str:
    """Title, dateline, summary, then one reference per source (in `style`, if given)."""
    lines = [
        visible_line(event.title),
        event_dateline(dataset, event),
        visible(event.summary),
        "Sources:",
    ]
    lines += _references(dataset, event.sources, style, note)
    return "\n".join(lines)


def cite_country(
    dataset: DatasetView, country: Country, style: Style | None = None, *, note: bool = False
) -> str:
    """A country's precedent as plain text, then one reference per source."""
    lines = [
        f"{visible_line(country.name)} ({country.code}), {country.years}",
        f"Demand: {visible(country.demand)}",
        f"Response: {visible(country.response)}",
        f"Outcome: {country.outcome.label}: {visible(country.outcome_summary)}",
        "Sources:",
    ]
    lines += _references(dataset, country.sources, style, note)
    return "\n".join(lines)
