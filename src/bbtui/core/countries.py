"""Which country a reader means: a code, a name, or a name people commonly use.

`country:UK` must find the United Kingdom (GB) and `country:UAE` the United
Arab Emirates (AE): readers type what newspapers write, not ISO 3166. The
aliases are for any dataset, so they cover more countries than ours.
"""

from __future__ import annotations

from collections.abc import Iterable

from bbtui.core.model import Country
from bbtui.core.textfold import WORD, fold

# Folded alias (words joined by one space) -> ISO 3166-1 alpha-2 code.
ALIASES: dict[str, str] = {
    "uk": "GB",
    "u k": "GB",
    "britain": "GB",
    "great britain": "GB",
    "united kingdom": "GB",
    "uae": "AE",
    "u a e": "AE",
    "emirates": "AE",
    "the emirates": "AE",
    "ksa": "SA",
    "saudi": "SA",
    "us": "US",
    "u s": "US",
    "usa": "US",
    "u s a": "US",
    "america": "US",
    "united states": "US",
    "russia": "RU",
    "south korea": "KR",
    "korea": "KR",
    "north korea": "KP",
    "iran": "IR",
    "syria": "SY",
    "vietnam": "VN",
    "holland": "NL",
    "czech republic": "CZ",
    "czechia": "CZ",
    "turkey": "TR",
    "turkiye": "TR",
    "prc": "CN",
    "china": "CN",
    "taiwan": "TW",
    "bolivia": "BO",
    "venezuela": "VE",
    "laos": "LA",
    "moldova": "MD",
    "tanzania": "TZ",
}


def _key(text: str) -> str:
    return " ".join(WORD.findall(fold(text)))


def _name_tails(name: str) -> list[str]:
    """A name and each of its word tails: `united arab emirates`, `arab emirates`, ..."""
    words = WORD.findall(fold(name))
    return [" ".join(words[i:]) for i in range(len(words))]


def matching_codes(value: str, countries: Iterable[Country]) -> list[str]:
    """The codes of `countries` that `value` names: a code, an alias, or the start of a name.

    `value` may be partly typed (`pak`): any word tail of a name that starts
    with it counts (`emir` finds the United Arab Emirates).
    """
    countries = list(countries)
    key = _key(value)
    if not key:
        return []
    codes = {c.code for c in countries}
    exact = key.replace(" ", "").upper()
    if len(exact) == 2 and exact in codes and " " not in key:
        return [exact]
    alias = ALIASES.get(key)
    if alias in codes:
        return [alias]
    return [c.code for c in countries if any(t.startswith(key) for t in _name_tails(c.name))]
