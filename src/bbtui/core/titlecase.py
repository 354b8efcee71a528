"""CSL text cases, as citeproc-js applies them (`text-case="title"` and
`"capitalize-first"`).

Chicago and MLA print English titles in title case, and APA does in its
short in-text form. The rules are citeproc-js's own (its
`CSL.Output.Formatters`), ported line by line so that bbtui's citations equal
the reference processor's: the text is cut at punctuation and quotation
marks, every word that is all lower case and not a stop word gets a capital,
the first word and the word after `:`, `?` or `!` always do, words that
already hold a capital are left alone, a quotation mark that does not pair up
leaves the word after it as it was, and a stop word at the very end is
capitalised after all.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

# citeproc-js CSL.SKIP_WORDS, in its order (the regular expression below
# tries them left to right, as JavaScript does).
SKIP_WORDS = (
    "about", "above", "across", "afore", "after", "against", "al", "along", "alongside", "amid",
    "amidst", "among", "amongst", "anenst", "apropos", "apud", "around", "as", "aside",
    "astride", "at", "athwart", "atop", "barring", "before", "behind", "below", "beneath",
    "beside", "besides", "between", "beyond", "but", "by", "circa", "despite", "down", "during",
    "et", "except", "for", "forenenst", "from", "given", "in", "inside", "into", "lest", "like",
    "modulo", "near", "next", "notwithstanding", "of", "off", "on", "onto", "out", "over",
    "per", "plus", "pro", "qua", "sans", "since", "than", "through", " thru", "throughout",
    "thruout", "till", "to", "toward", "towards", "under", "underneath", "until", "unto", "up",
    "upon", "versus", "vs.", "v.", "vs", "v", "via", "vis-à-vis", "with", "within", "without",
    "according to", "ahead of", "apart from", "as for", "as of", "as per", "as regards",
    "aside from", "back to", "because of", "close to", "due to", "except for", "far from",
    "inside of", "instead of", "near to", "next to", "on to", "out from", "out of",
    "outside of", "prior to", "pursuant to", "rather than", "regardless of", "such as",
    "that of", "up to", "where as", "or", "yet", "so", "for", "and", "nor", "a", "an", "the",
    "de", "d'", "von", "van", "c", "ca",
)  # fmt: skip

# The entries go into the pattern unescaped, as citeproc-js joins them ("vs." matches "vsa").
_SKIP_RE = re.compile(r"(?:(?:[?!:]*\s+|-|^)(?:" + "|".join(SKIP_WORDS) + r")(?=[!?:]*\s+|-|$))")
# What splits a string into runs of words: quotation marks, punctuation, brackets, markup.
_TAG_RE = re.compile(
    "((?:\u2018|\u2019|\u201c|\u201d| \"| '|\"|'|[-\u2013\u2014/.,;?!:]|\\[|\\]|\\(|\\)"
    '|<span style="font-variant: small-caps;">|<span class="no(?:case|decor)">|</span>'
    "|</?(?:i|sc|b|sub|sup)>))"
)
_WORD_SEP_RE = re.compile("([\u00a0\u0020\u2000-\u200b\u205f\u3000]+)")
_QUOTE_TAG_RE = re.compile("(^(?:\u2018|\u2019|\u201c|\u201d|\"|')|(?: \"| ')$)")
_OPENERS = ("\u201c", "\u2018", ' "', " '")
_QUOTE_PAIRS = {  # tag -> (opener, closer) as citeproc-js records them
    ' "': (" '", '"'),
    " '": (' "', "'"),
    "\u2018": ("\u2018", "\u2019"),
    "\u201c": ("\u201c", "\u201d"),
}
_NO_POSITION = -1


def _js_length(text: str) -> int:
    """JavaScript's String.length: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def _capitalise(word: str) -> str:
    match = re.match(r"(\s*)(.)(.*)", word)
    if match is None:
        return word
    lead, first, rest = match.groups()
    if "\u0370" <= first <= "\u03ff" and not rest:  # a lone Greek letter stays as it is
        return word
    return lead + first.upper() + rest


@dataclass
class _Split:
    strings: list[str]
    tags: list[str]
    original: list[str] = field(default_factory=list)


def _split(text: str) -> _Split:
    pieces = _TAG_RE.split(text)
    strings, tags = pieces[0::2], pieces[1::2]
    for i in range(len(tags) - 1, -1, -1):
        # An apostrophe inside a word stays with the word ("'s").
        if tags[i] == "'" and strings[i + 1]:
            strings[i + 1] = "'" + strings[i + 1]
            tags[i] = ""
    return _Split(strings, tags, list(strings))


def _join(split: _Split) -> str:
    out = [split.strings[0]]
    for tag, string in zip(split.tags, split.strings[1:], strict=True):
        out += [tag, string]
    return "".join(out)


def _words(text: str) -> tuple[list[str], list[str]]:
    pieces = _WORD_SEP_RE.split(text)
    return pieces[0::2], pieces[1::2]


def _join_words(words: list[str], seps: list[str]) -> str:
    out = [words[0]]
    for sep, word in zip(seps, words[1:], strict=True):
        out += [sep, word]
    return "".join(out)


@dataclass
class _State:
    is_first: bool = True
    after_punct: bool = False
    last_word: tuple[int, int] | None = None
    quotes: list[tuple[str, str, int]] = field(default_factory=list)


WordsFn = Callable[[_State, str, int, "str | None"], str]


def _quote_fix(state: _State, tag: str, pos: int) -> int | None:
    """citeproc-js's quote state machine: the position of a string to restore, if any."""
    match = _QUOTE_TAG_RE.search(tag)
    if match is None:
        return None
    mark = match.group(1)
    if mark in _OPENERS:
        opener, closer = _QUOTE_PAIRS[mark]
        if not state.quotes or mark == state.quotes[-1][0]:
            state.quotes.append((opener, closer, pos))
            return None
        previous = state.quotes.pop()[2]
        state.quotes.append((opener, closer, _NO_POSITION))
        return None if previous == _NO_POSITION else previous
    if state.quotes and mark == state.quotes[-1][1]:
        state.quotes.pop()
        return None
    return pos


def _engine(text: str, words_fn: WordsFn, state: _State) -> str:
    if not text:
        return ""
    split = _split(text)
    if split.strings[0].strip():
        following = split.tags[0] if split.tags else None
        split.strings[0] = words_fn(state, split.strings[0], 0, following)
    for i, tag in enumerate(split.tags):
        string = split.strings[i + 1]
        if re.search(r"[!?:]$", tag):
            state.after_punct = True
        # citeproc-js passes no following tag here (an argument slip we keep).
        split.strings[i + 1] = words_fn(state, string, i + 1, None)
        restore = _quote_fix(state, tag, i)
        if restore is not None:
            first = split.original[restore + 1][:1]
            split.strings[restore + 1] = first + split.strings[restore + 1][1:]
            state.last_word = None
        if state.is_first and string.strip():
            state.is_first = False
        if state.after_punct and string.strip():
            state.after_punct = False
    for _opener, _closer, pos in state.quotes:
        if pos != _NO_POSITION:
            first = split.original[pos + 1][:1]
            split.strings[pos + 1] = first + split.strings[pos + 1][1:]
    if state.last_word is not None:
        at, index = state.last_word
        words, seps = _words(split.strings[at])
        last = words[index]
        if _js_length(last) > 1 and _SKIP_RE.search(last.lower()):
            words[index] = _capitalise(last)
        split.strings[at] = _join_words(words, seps)
    return _join(split)


def _title_words(state: _State, text: str, at: int, following: str | None) -> str:
    if not text.strip():
        return text
    words, seps = _words(text)
    for j, word in enumerate(words):
        if not word:
            continue
        lower = word.lower()
        capitalize = (
            (_js_length(word) > 1 and not _SKIP_RE.search(lower))
            or (j == len(words) - 1 and following == "-")
            or state.is_first
            or state.after_punct
        )
        if capitalize and word == lower:  # a word that already has a capital keeps it
            words[j] = _capitalise(word)
        state.after_punct = False
        state.is_first = False
        state.last_word = (at, j)
    return _join_words(words, seps)


def _first_words(state: _State, text: str, at: int, following: str | None) -> str:
    words, seps = _words(text)
    for j, word in enumerate(words):
        if word and state.is_first:
            if word == word.lower():
                words[j] = _capitalise(word)
            state.is_first = False
            break
    return _join_words(words, seps)


def title_case(text: str) -> str:
    """`text-case="title"`: "Pakistan to shut down BlackBerry" -> "Pakistan to Shut down BlackBerry"."""
    return _engine(text, _title_words, _State())


def capitalize_first(text: str) -> str:
    """`text-case="capitalize-first"`: a capital on the first word if it has none."""
    return _engine(text, _first_words, _State())
