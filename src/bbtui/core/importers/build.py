"""Slides from a TimelineJS file -> a bbtui dataset, citing where each thing was read.

- The title slide gives the dataset's title and description; era slides,
  which bbtui has no place for, are listed in the description.
- Each group becomes a country (and a tag). A group is a label, not an ISO
  code, so its code is one ISO 3166-1 leaves for private use (XA, XB, ...),
  never a real country's; events without a group go under `ZZ`.
- HTML becomes plain text; every http(s) link in a row becomes a source the
  event cites, beside the timeline file itself (where its words were read).
- A `<blockquote>` in the Media cell becomes a quote, its `<cite>` the
  speaker; the quote is dated as the event (the timeline gives no other date).
- Display dates, times and end dates, which bbtui's model has no field for,
  are kept in the event's date note.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bbtui.core.importers.html_text import Link, html_to_text
from bbtui.core.importers.slides import Slide
from bbtui.core.model import (
    Country,
    Dataset,
    Event,
    Outcome,
    Quote,
    Source,
    SpeechKind,
    TitleStatus,
)  # fmt: skip

FILE_SOURCE = "timeline-file"
NO_GROUP = "ZZ"
NOT_RECORDED = "Not recorded in the timeline."
_PRIVATE_CODES = (
    [f"X{c}" for c in "ABCDEFGHIJKLMNOPQRSTUVWXY"] + [f"Q{c}" for c in "MNOPQRSTUVWXYZ"] + ["AA"]
)
_BLOCKQUOTE = re.compile(r"<blockquote\b.*?>(.*?)</blockquote>", re.DOTALL | re.IGNORECASE)
_CITE = re.compile(r"<cite\b.*?>(.*?)</cite>", re.DOTALL | re.IGNORECASE)


def slug(text: str) -> str:
    words = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return words[:60].rstrip("-")


@dataclass
class _Builder:
    name: str  # the timeline file's name, for titles and notes
    url: str  # where the timeline file is (a file: URL unless told otherwise)
    sources: dict[str, Source] = field(default_factory=dict)
    groups: dict[str, str] = field(default_factory=dict)  # group -> country code
    ids: set[str] = field(default_factory=set)

    def unique(self, wanted: str, fallback: str) -> str:
        base = slug(wanted) or fallback
        candidate, n = base, 1
        while candidate in self.ids:
            n += 1
            candidate = f"{base}-{n}"
        self.ids.add(candidate)
        return candidate

    def cite(self, link: Link) -> str:
        digest = hashlib.sha256(link.url.encode()).hexdigest()[:8]
        host = urlsplit(link.url).hostname or "link"
        source_id = f"{slug(host) or 'link'}-{digest}"
        if source_id not in self.sources:
            self.sources[source_id] = Source(
                id=source_id,
                outlet=host,
                title=link.text,  # the timeline author's words for the link, not its headline
                title_status=TitleStatus.LABEL,
                url=link.url,
                published=None,
                published_note=f"a link in {self.name}; its date was not read",
            )
        return source_id

    def country(self, group: str) -> str:
        if not group:
            return NO_GROUP
        if group not in self.groups:
            used = len(self.groups)
            self.groups[group] = _PRIVATE_CODES[used] if used < len(_PRIVATE_CODES) else NO_GROUP
        return self.groups[group]


def build(slides: list[Slide], name: str, url: str) -> Dataset:
    builder = _Builder(name, url)
    builder.sources[FILE_SOURCE] = Source(
        id=FILE_SOURCE,
        outlet=f"TimelineJS timeline {name}",
        title=name,
        title_status=TitleStatus.LABEL,
        url=url,
        published=None,
        published_note="the timeline file shows no date",
    )
    title = next((s for s in slides if s.kind == "title"), None)
    eras = [s for s in slides if s.kind == "era"]
    events: list[Event] = []
    quotes: list[Quote] = []
    for slide in slides:
        if slide.kind == "event" and slide.start is not None:
            event, quote = _event(builder, slide, len(events) + 1)
            events.append(event)
            quotes += [quote] if quote else []
    heading = html_to_text(title.headline)[0] if title else ""
    description = html_to_text(title.text)[0] if title else ""
    if eras:
        listed = "; ".join(
            f"{html_to_text(e.headline)[0] or 'untitled'} ({e.start.describe() if e.start else '?'}"
            f" to {e.end.describe() if e.end else '?'})"
            for e in eras
        )
        description = (
            description + "\n\n" if description else ""
        ) + f"Eras in the timeline: {listed}."
    return Dataset(
        title=heading or name,
        description=description or f"Imported from the TimelineJS timeline {name}.",
        sources=tuple(builder.sources.values()),
        countries=_countries(builder, events, eras),
        events=tuple(sorted(events, key=lambda e: e.date.sort_key)),
        quotes=tuple(quotes),
    )


def _event(builder: _Builder, slide: Slide, number: int) -> tuple[Event, Quote | None]:
    assert slide.start is not None
    headline, headline_links = html_to_text(slide.headline)
    summary, links = html_to_text(slide.text)
    credit, credit_links = html_to_text(slide.media_credit)
    caption, caption_links = html_to_text(slide.media_caption)
    media = slide.media_url
    quote_match = _BLOCKQUOTE.search(media)
    media_links = (
        []
        if quote_match
        else [Link(media, caption or media)]
        if media.lower().startswith(("http://", "https://"))
        else []
    )
    all_links = headline_links + links + credit_links + caption_links + media_links
    if quote_match:
        all_links += html_to_text(media)[1]
    event_id = builder.unique(slide.unique_id or headline, f"event-{number}")
    group = html_to_text(slide.group)[0]
    sources = [FILE_SOURCE, *dict.fromkeys(builder.cite(link) for link in all_links)]
    event = Event(
        id=event_id,
        date=slide.start.date,
        country=builder.country(group),
        title=headline or (slide.display_date or f"Untitled event (row {slide.line})"),
        summary=summary or caption or "No text in the timeline.",
        tags=(slug(group),) if slug(group) else (),
        sources=tuple(dict.fromkeys(sources)),
        date_note=_date_note(slide),
    )
    quote = _quote(builder, slide, event, quote_match.group(1), credit) if quote_match else None
    return event, quote


def _date_note(slide: Slide) -> str | None:
    assert slide.start is not None
    notes = []
    if slide.display_date:
        notes.append(f"The timeline shows the date as “{html_to_text(slide.display_date)[0]}”.")
    if slide.start.time:
        notes.append(f"The timeline gives the time {slide.start.time}.")
    if slide.end:
        notes.append(f"The timeline gives an end date: {slide.end.describe()}.")
    return " ".join(notes) or None


def _quote(builder: _Builder, slide: Slide, event: Event, inner: str, credit: str) -> Quote | None:
    cite_match = _CITE.search(inner)
    cited = html_to_text(cite_match.group(1))[0] if cite_match else ""
    words, links = html_to_text(_CITE.sub("", inner))
    words = words.strip().strip('“”"').strip()
    if not words:
        return None
    speaker, _, role = cited.lstrip("—–- ").partition(",")
    return Quote(
        id=builder.unique(f"q-{event.id}", f"q-{event.id}"),
        event=event.id,
        text=words,
        speaker=speaker.strip() or credit or "Unattributed in the timeline",
        role=role.strip() or "not given in the timeline",
        said=event.date,
        said_note="the timeline gives the event's date, not when the words were said",
        source=builder.cite(links[0]) if links else FILE_SOURCE,
        kind=SpeechKind.DIRECT,
    )


def _countries(builder: _Builder, events: list[Event], eras: list[Slide]) -> tuple[Country, ...]:
    names = {code: group for group, code in builder.groups.items()}
    era_years = {
        html_to_text(e.headline)[0]: (e.start.date.year, e.end.date.year)
        for e in eras
        if e.start and e.end
    }
    countries = []
    for code in dict.fromkeys(e.country for e in events):
        name = names.get(code, "No group") if code != NO_GROUP else "No group"
        years = [e.date.year for e in events if e.country == code]
        first, last = era_years.get(name, (min(years), max(years)))
        countries.append(
            Country(
                code=code,
                name=name,
                first_year=first,
                last_year=last,
                demand=NOT_RECORDED,
                outcome=Outcome.UNRESOLVED,
                outcome_summary=NOT_RECORDED,
                response=NOT_RECORDED,
                sources=(FILE_SOURCE,),
            )
        )
    return tuple(countries)
