"""Precedents side by side: what one column of a comparison says about a country.

The explorer's compare screen and `bbtui compare` show the same rows in the
same order (`ROWS`), so a reader gets one comparison however they ask. Text
here is the dataset's own; the callers make it safe for their output.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from bbtui.core.countries import matching_codes
from bbtui.core.dataset_view import DatasetView
from bbtui.core.model import Country, Note, NoteKind, Outcome, PartialDate


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


@dataclass(frozen=True, slots=True)
class Precedent:
    """One country's precedent with the figures a comparison shows."""

    country: Country
    first: PartialDate | None  # its first event in the timeline (None: no events)
    last: PartialDate | None
    events: int
    quotes: int
    disputes: tuple[Note, ...]  # the `conflict` notes: where accounts of it differ

    @property
    def is_disputed(self) -> bool:
        return self.country.outcome is Outcome.DISPUTED or bool(self.disputes)

    def dates(self) -> str:
        """`6 Jul 2009 – 8 Oct 2010` from its events, or its years when it has none."""
        if self.first is None or self.last is None:
            return self.country.years
        if self.first == self.last:
            return self.first.display()
        return f"{self.first.display()} – {self.last.display()}"

    def record(self) -> str:
        """`6 events · 10 quotes · 5 sources`."""
        sources = len(self.country.sources)
        return " · ".join(
            [plural(self.events, "event"), plural(self.quotes, "quote"), plural(sources, "source")]
        )

    def dispute_text(self) -> str:
        """The conflicting accounts in full; the other caveats only named (they are not disputes)."""
        others = [n.kind.value for n in self.country.notes if n.kind is not NoteKind.CONFLICT]
        also = f" ({plural(len(others), 'other note')}: {', '.join(others)})" if others else ""
        if self.disputes:
            return "\n".join(note.text for note in self.disputes) + also
        if self.country.outcome is Outcome.DISPUTED:
            return f"The outcome is recorded as disputed; no note says how{also}."
        return f"No conflicting accounts recorded{also}."


def precedent(dataset: DatasetView, country: Country) -> Precedent:
    positions = dataset.events_by_country.get(country.code, ())
    events = [dataset.events[i] for i in positions]  # in timeline order
    return Precedent(
        country=country,
        first=events[0].date if events else None,
        last=events[-1].date if events else None,
        events=len(events),
        quotes=sum(len(dataset.quotes_for(e.id)) for e in events),
        disputes=tuple(n for n in country.notes if n.kind is NoteKind.CONFLICT),
    )


def precedents(dataset: DatasetView, codes: Iterable[str]) -> list[Precedent]:
    """The precedents of `codes`, in that order (unknown codes are left out)."""
    by_code = dataset.country_by_code
    return [precedent(dataset, by_code[code]) for code in codes if code in by_code]


# (label, what the column says): the rows of a comparison, top to bottom.
ROWS: list[tuple[str, Callable[[Precedent], str]]] = [
    ("How it ended", lambda p: p.country.outcome_summary),
    ("What the government asked", lambda p: p.country.demand),
    ("Response", lambda p: p.country.response),
    ("Disputed", Precedent.dispute_text),
    ("In the record", lambda p: f"{p.dates()}\n{p.record()}"),
]


def resolve(names: Iterable[str], countries: Iterable[Country]) -> tuple[list[str], list[str]]:
    """The codes that `names` mean (each once, in order), and one problem line per name that fails.

    A name may be a code, a common name (UAE, UK) or the start of a name; one
    that fits several countries is a problem, not a guess.
    """
    countries = list(countries)
    by_code = {c.code: c for c in countries}
    codes: list[str] = []
    problems: list[str] = []
    for name in names:
        found = matching_codes(name, countries)
        if not found:
            problems.append(f"no country in the dataset matches {name!r}")
        elif len(found) > 1:
            which = ", ".join(f"{by_code[c].name} ({c})" for c in found)
            problems.append(f"{name!r} matches several countries: {which}")
        elif found[0] not in codes:
            codes.append(found[0])
    return codes, problems
