"""The dataset as plain, immutable data.

Nothing here knows about YAML, terminals or Textual: the loader builds these
objects, and every consumer (the explorer, search, exporters) only reads them.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property

MONTH_ABBR = (
    "Jan", "Feb", "Mar", "Apr", "May", "Jun",
    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)  # fmt: skip


class Precision(str, Enum):
    YEAR = "year"
    MONTH = "month"
    DAY = "day"


@dataclass(frozen=True, order=False, slots=True)
class PartialDate:
    """A calendar date known only to a year, a month or a day.

    Sources often give "July 2015" or "2010"; inventing a day would
    misrepresent them, so the missing parts stay missing.
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} does not exist")
        if self.day is not None:
            assert self.month is not None
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise ValueError(f"{self.year:04d}-{self.month:02d} has no day {self.day}")

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; raise ValueError otherwise."""
        parts = text.split("-")
        if not 1 <= len(parts) <= 3 or len(parts[0]) != 4:
            raise ValueError(f"{text!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
        if not all(p.isascii() and p.isdigit() for p in parts) or any(
            len(p) != 2 for p in parts[1:]
        ):
            raise ValueError(f"{text!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
        numbers = [int(p) for p in parts]
        return cls(*numbers)

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    @property
    def sort_key(self) -> tuple[int, int, int]:
        # A month-only date sorts before the days of that month, a year-only
        # date before its months: the vaguer statement comes first.
        return (self.year, self.month or 0, self.day or 0)

    def iso(self) -> str:
        """The form the dataset uses: `2015`, `2015-07` or `2015-07-24`."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def display(self) -> str:
        """For readers: `30 Nov 2015`, `Jul 2015` or `2010`."""
        if self.month is None:
            return f"{self.year}"
        if self.day is None:
            return f"{MONTH_ABBR[self.month - 1]} {self.year}"
        return f"{self.day} {MONTH_ABBR[self.month - 1]} {self.year}"

    def __str__(self) -> str:
        return self.iso()

    def __lt__(self, other: PartialDate) -> bool:
        return self.sort_key < other.sort_key


class NoteKind(str, Enum):
    CONFLICT = "conflict"  # sources disagree
    UNCONFIRMED = "unconfirmed"  # could not be verified
    CORRECTION = "correction"  # a cited source is wrong or loose


@dataclass(frozen=True, slots=True)
class Note:
    """A caveat on a record: where sources disagree, we say so and cite both sides."""

    kind: NoteKind
    text: str
    sources: tuple[str, ...]


class SpeechKind(str, Enum):
    DIRECT = "direct"  # the speaker's own words, as printed
    REPORTED = "reported"  # a statement or document quoted by an outlet


class TitleStatus(str, Enum):
    """What a source's `title` is: only a `printed` one is ever shown as a headline."""

    PRINTED = "printed"  # the headline as a copy of the page prints it (see read_at)
    LABEL = "label"  # a descriptive label of ours; the headline was not recorded
    UNKNOWN = "unknown"  # worded from the page's address, or of unknown origin: not a headline


class Outcome(str, Enum):
    """How a government's demand ended: a small fixed vocabulary for comparison."""

    WITHDRAWN = "withdrawn"
    SETTLED = "settled"
    DISPUTED = "disputed"
    PARTIAL_ACCESS = "partial-access"
    CONCESSIONS = "concessions"
    COOPERATION = "cooperation"
    COVERT_ACCESS = "covert-access"
    UNRESOLVED = "unresolved"

    @property
    def label(self) -> str:
        return OUTCOME_LABELS[self]

    @property
    def description(self) -> str:
        return OUTCOME_DESCRIPTIONS[self]


OUTCOME_LABELS: dict[Outcome, str] = {
    Outcome.WITHDRAWN: "withdrawn",
    Outcome.SETTLED: "settled",
    Outcome.DISPUTED: "disputed",
    Outcome.PARTIAL_ACCESS: "partial access",
    Outcome.CONCESSIONS: "concessions",
    Outcome.COOPERATION: "cooperation",
    Outcome.COVERT_ACCESS: "covert access",
    Outcome.UNRESOLVED: "unresolved",
}

OUTCOME_DESCRIPTIONS: dict[Outcome, str] = {
    Outcome.WITHDRAWN: "The government dropped its demand or order; the company says it gave no access.",
    Outcome.SETTLED: "The threat was called off after an arrangement whose terms were not published.",
    Outcome.DISPUTED: (
        "It ended, but on what terms is disputed: the accounts differ and no terms were published."
    ),
    Outcome.PARTIAL_ACCESS: "Lawful access was given to some services (consumer) but not others (enterprise).",
    Outcome.CONCESSIONS: "The company met other demands (filtering, local infrastructure); access stayed open.",
    Outcome.COOPERATION: "No ban: the company co-operated with authorities under existing law.",
    Outcome.COVERT_ACCESS: "Authorities gained access without a public demand or agreement.",
    Outcome.UNRESOLVED: "No outcome is recorded in the sources.",
}


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    outlet: str
    title: str
    url: str
    published: PartialDate | None  # None: the source shows no date
    published_note: str | None = None
    file: str | None = None  # a local text copy, relative to a sources folder
    notes: tuple[Note, ...] = ()
    title_status: TitleStatus = TitleStatus.UNKNOWN
    read_at: str | None = None  # the address of the copy the headline and date were read from
    accessed: PartialDate | None = None  # when that copy (or the page) was read
    archive_url: str | None = None  # a real archived copy, only where its address is known
    archive_date: PartialDate | None = None  # when that archived copy was made

    @property
    def headline(self) -> str | None:
        """The page's headline, or None when it was not read from a copy of the page."""
        return self.title if self.title_status is TitleStatus.PRINTED else None


@dataclass(frozen=True, slots=True)
class Quote:
    id: str
    event: str  # the id of the event it belongs to
    text: str
    speaker: str
    role: str
    said: PartialDate
    source: str
    kind: SpeechKind
    said_note: str | None = None
    translated: bool = False  # translated by the outlet, not by us
    notes: tuple[Note, ...] = ()
    # Where the words were printed besides (or before) `source`, when the
    # research shows it (see docs/dataset.md, "Where a quote was reported").
    first_reported: str | None = None  # the source id that printed the words first
    repeated_in: tuple[str, ...] = ()  # source ids that printed them after that first report
    reported_note: str | None = None  # what the claim rests on, in our words

    @property
    def reporting_known(self) -> bool:
        """Whether the dataset says where the words were first reported or repeated."""
        return self.first_reported is not None or bool(self.repeated_in)


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    date: PartialDate
    country: str  # ISO 3166-1 alpha-2 code of a Country
    title: str
    summary: str
    tags: tuple[str, ...]
    sources: tuple[str, ...]
    date_note: str | None = None
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True, slots=True)
class Country:
    code: str  # ISO 3166-1 alpha-2
    name: str
    first_year: int
    last_year: int
    demand: str
    outcome: Outcome
    outcome_summary: str
    response: str
    sources: tuple[str, ...]
    notes: tuple[Note, ...] = ()

    @property
    def years(self) -> str:
        if self.first_year == self.last_year:
            return str(self.first_year)
        return f"{self.first_year}–{self.last_year}"


@dataclass(frozen=True)
class Dataset:
    """A whole validated dataset, with the look-ups every consumer needs.

    `events` are in timeline order (date, then file order); `quotes` in file
    order. The loader guarantees every reference resolves.
    """

    title: str
    description: str
    sources: tuple[Source, ...]
    countries: tuple[Country, ...]
    events: tuple[Event, ...]
    quotes: tuple[Quote, ...]
    path: str | None = field(default=None, compare=False)
    start: str | None = None  # the id of the event the story starts from (the explorer opens on it)

    @cached_property
    def source_by_id(self) -> dict[str, Source]:
        return {s.id: s for s in self.sources}

    @cached_property
    def country_by_code(self) -> dict[str, Country]:
        return {c.code: c for c in self.countries}

    @cached_property
    def event_by_id(self) -> dict[str, Event]:
        return {e.id: e for e in self.events}

    @cached_property
    def quote_by_id(self) -> dict[str, Quote]:
        return {q.id: q for q in self.quotes}

    @cached_property
    def event_index(self) -> dict[str, int]:
        """Position of each event in the timeline."""
        return {e.id: i for i, e in enumerate(self.events)}

    @cached_property
    def quotes_by_event(self) -> dict[str, tuple[Quote, ...]]:
        grouped: dict[str, list[Quote]] = {}
        for quote in self.quotes:
            grouped.setdefault(quote.event, []).append(quote)
        return {k: tuple(v) for k, v in grouped.items()}

    @cached_property
    def events_by_country(self) -> dict[str, tuple[int, ...]]:
        """Timeline positions of each country's events."""
        grouped: dict[str, list[int]] = {}
        for i, event in enumerate(self.events):
            grouped.setdefault(event.country, []).append(i)
        return {k: tuple(v) for k, v in grouped.items()}

    def quotes_for(self, event_id: str) -> tuple[Quote, ...]:
        return self.quotes_by_event.get(event_id, ())

    def sources_for(self, ids: tuple[str, ...] | list[str]) -> Iterator[Source]:
        for source_id in ids:
            yield self.source_by_id[source_id]

    def year_at(self, position: int) -> int:
        """The year of the event at this timeline position (the timeline groups by it)."""
        return self.events[position].date.year

    def whole(self) -> Dataset:
        """The complete model (see `bbtui.core.dataset_view`): already this one."""
        return self

    def counts(self) -> dict[str, int]:
        return {
            "events": len(self.events),
            "quotes": len(self.quotes),
            "countries": len(self.countries),
            "sources": len(self.sources),
        }
