"""Read what a reader typed into the search box.

Syntax (all case-, accent- and typography-insensitive):

    unfettered access        every word, in any order
    "law enforcement"        the exact phrase (an unclosed quote is a phrase too)
    speaker:beard            a filter; speaker:"marty beard" for a value with spaces
    role:india  role:regulator   the speaker's position and organisation
    country:PK  country:pakistan  country:UK  year:2015  year:2010-2012
    year:2015-07 (a month)  source:reuters

The last word is a prefix while it is still being typed (nothing after it),
so results follow every keystroke. A word that folds into several words
(`pakistan's`, `24/7`, `e-mail`) must match as a phrase. A `name:` that is not a
filter is searched as plain words (the search box) and listed in
`unknown_filters` (the command line refuses it), and an empty filter
(`speaker:`, still being typed) is ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bbtui.core.textfold import WORD, fold

FILTERS = ("speaker", "role", "country", "year", "source")

_TOKEN = re.compile(
    r"""
    (?P<key>[^\W\d_]+):(?:"(?P<quoted>[^"]*)"?|(?P<value>[^\s"]*))
    | "(?P<phrase>[^"]*)(?P<closed>"?)
    | (?P<word>[^\s"]+)
    """,
    re.VERBOSE,
)
_YEAR = re.compile(r"(\d{1,4})(?:(?:-|\.\.)(\d{0,4}))?")
_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
YEAR_HELP = "try year:2015, year:2010-2012 or year:2015-07"


@dataclass(frozen=True, slots=True)
class Term:
    """Words that must all occur; more than one word: adjacent and in this order."""

    words: tuple[str, ...]
    prefix: bool = False  # the last word is still being typed
    quoted: bool = False  # the reader asked for this phrase

    def pattern(self) -> str:
        """The term as it must appear in a document's space-joined folded words."""
        joined = " " + " ".join(self.words)
        return joined if self.prefix else joined + " "


@dataclass(frozen=True, slots=True)
class Filter:
    name: str  # one of FILTERS
    value: str  # folded
    shown: str  # as typed, for messages: `speaker:"marty beard"`


@dataclass(frozen=True, slots=True)
class Query:
    text: str
    terms: tuple[Term, ...] = ()
    filters: tuple[Filter, ...] = ()
    problems: tuple[str, ...] = field(default=())
    unknown_filters: tuple[str, ...] = field(default=())  # `foo:bar` as typed

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(w for term in self.terms for w in term.words)

    @property
    def is_empty(self) -> bool:
        return not self.terms and not self.filters

    def words_text(self) -> str:
        """The word part of the query, for messages."""
        parts = []
        for term in self.terms:
            text = " ".join(term.words)
            parts.append(f'"{text}"' if term.quoted else text)
        return " ".join(parts)


def month_of(value: str) -> tuple[int, int] | None:
    """`2015-07` (or `2015-7`) -> (2015, 7); None when `value` names no month."""
    match = _MONTH.fullmatch(value)
    if match is None:
        return None
    month = int(match.group(2))
    if not 1 <= month <= 12:
        return None
    return int(match.group(1)), month


def year_range(value: str) -> tuple[int, int] | None:
    """`2015` -> (2015, 2015); `201` -> (2010, 2019) while typing; `2010-2012`; else None."""
    month = month_of(value)
    if month is not None:
        return month[0], month[0]
    match = _YEAR.fullmatch(value)
    if match is None:
        return None
    first, last = match.group(1), match.group(2)
    if last and len(last) == 2 and len(first) == 4:
        return None  # `2015-13`: two digits after a year are a month, and this is none
    if last and len(last) == 4 and len(first) == 4:
        low, high = int(first), int(last)
        return (low, high) if low <= high else (high, low)
    width = 4 - len(first)
    return int(first) * 10**width, int(first) * 10**width + 10**width - 1


def parse(text: str) -> Query:
    """Parse a query; never raises. Problems (a bad year) are reported in `problems`."""
    folded = fold(text)
    terms: list[Term] = []
    filters: list[Filter] = []
    problems: list[str] = []
    unknown: list[str] = []
    for match in _TOKEN.finditer(folded):
        at_end = match.end() == len(folded)
        key = match.group("key")
        if key is not None and key in FILTERS:
            quoted = match.group("quoted")
            value = (quoted if quoted is not None else match.group("value")).strip()
            if not value:
                continue
            shown = f'{key}:"{value}"' if quoted is not None else f"{key}:{value}"
            if key == "year" and year_range(value) is None:
                problems.append(f"{shown} is not a year or a month: {YEAR_HELP}")
                continue
            filters.append(Filter(key, value, shown))
            continue
        if match.group("phrase") is not None:
            words = tuple(WORD.findall(match.group("phrase")))
            if words:
                closed = bool(match.group("closed"))
                typing = at_end and not closed and folded[-1:].isalnum()
                terms.append(Term(words, prefix=typing, quoted=True))
            continue
        # A plain word, or an unknown `name:value`, searched as its words.
        chunk = match.group()
        if key is not None and not chunk[len(key) + 1 :].startswith("/"):  # not a URL
            unknown.append(chunk)
        words = tuple(WORD.findall(chunk))
        if words:
            typing = at_end and (chunk[-1].isalnum() or chunk[-1] == "_")
            terms.append(Term(words, prefix=typing))
    return Query(text, tuple(terms), tuple(filters), tuple(problems), tuple(unknown))
