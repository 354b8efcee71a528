"""Check that quotes appear verbatim in the local copies of their sources.

A quote may differ from its source only in typographic versus straight
quotation marks, in the kind of dash, and in white space; everything else,
letter case included, must match. When a quote is not found, the nearest
passage of the file is shown so the difference is easy to spot.

A quote found verbatim must also be credited as the page credits it: the
paragraph that holds it names the speaker (a person's surname, or an
organisation by name or initials). Words a page gives to "the company"
are the company's, whoever said them elsewhere.
"""

from __future__ import annotations

import re
from collections import Counter
from difflib import SequenceMatcher
from pathlib import Path

from bbtui.core.errors import Problem
from bbtui.core.model import Dataset, Quote
from bbtui.core.safe_read import read_regular
from bbtui.core.textsafe import visible_line
from bbtui.core.validator import Locations

_SAME = str.maketrans({
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'",
    "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-",
})  # fmt: skip
_SPACE = re.compile(r"\s+")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_PARENTHESIS = re.compile(r"\([^)]*\)")
_LINKING_WORDS = {"and", "of", "the", "for"}
_PASSAGE_LIMIT = 160


def speaker_names(speaker: str) -> set[str]:
    """Lower-case ways a page may name `speaker`: full name, surname, initials.

    "Marty Beard" -> {"marty beard", "beard"}; "Pakistan Telecommunication
    Authority (unnamed official)" -> {..., "pta"}; "Department of
    Telecommunications" -> {..., "dt", "dot"}; "BlackBerry" -> {"blackberry"}.
    """
    name = _SPACE.sub(" ", _PARENTHESIS.sub(" ", speaker)).strip()
    words = name.split(" ")
    names = {name.lower(), words[-1].lower()}
    # Initials with and without the small words: CITC, but also DoT.
    for initials in (
        "".join(w[0] for w in words if w and w.lower() not in _LINKING_WORDS),
        "".join(w[0] for w in words if w),
    ):
        if len(initials) >= 2:
            names.add(initials.lower())
    return {n for n in names if n}


def names_speaker(passage: str, speaker: str) -> bool:
    """True when `passage` names `speaker` in one of the ways above (whole words)."""
    text = passage.lower()
    return any(
        re.search(rf"(?<![a-z]){re.escape(n)}(?![a-z])", text) for n in speaker_names(speaker)
    )


def normalise(text: str) -> str:
    """Text with quote marks, dashes and runs of white space made uniform."""
    return _SPACE.sub(" ", text.translate(_SAME)).strip()


def nearest_passage(haystack: str, needle: str) -> str:
    """The run of words in `haystack` sharing most words with `needle`.

    Both are already normalised (single spaces). A sliding count of shared
    words keeps this linear, so a book-length source stays quick; among
    equally good windows, the most similar character by character wins.
    """
    words = haystack.split(" ")
    wanted = needle.split(" ")
    size = len(wanted)
    if len(words) <= size:
        return haystack
    need = Counter(wanted)
    window: Counter[str] = Counter()
    shared = 0
    best_shared, starts = -1, [0]
    for i, word in enumerate(words):
        if window[word] < need[word]:
            shared += 1
        window[word] += 1
        if i >= size:
            old = words[i - size]
            window[old] -= 1
            if window[old] < need[old]:
                shared -= 1
        if i >= size - 1:
            start = i - size + 1
            if shared > best_shared:
                best_shared, starts = shared, [start]
            elif shared == best_shared and len(starts) < 20:
                starts.append(start)
    candidates = [" ".join(words[s : s + size]) for s in starts]
    return max(candidates, key=lambda c: SequenceMatcher(None, c, needle, autojunk=False).ratio())


def _clip(text: str) -> str:
    text = visible_line(text)
    return text if len(text) <= _PASSAGE_LIMIT else text[: _PASSAGE_LIMIT - 1] + "…"


def check_quotes(dataset: Dataset, locations: Locations, sources_dir: str | Path) -> list[Problem]:
    """Every problem found: missing source files and quotes not in their file."""
    name = dataset.path or "<dataset>"
    copies, problems = _read_copies(dataset, locations, Path(sources_dir), name)
    for quote in dataset.quotes:
        copy = copies.get(quote.source)
        if copy is None:
            continue  # no local copy, or already reported as unreadable
        problem = _check_quote(dataset, quote, copy, locations, name)
        if problem is not None:
            problems.append(problem)
    return sorted(problems, key=lambda p: (p.line, p.column))


# A local copy of a source: its whole normalised text, and each paragraph.
_Copy = tuple[str, list[str]]


def _read_copies(
    dataset: Dataset, locations: Locations, folder: Path, name: str
) -> tuple[dict[str, _Copy], list[Problem]]:
    """The readable local copies by source id, and a problem for each that cannot be read."""
    copies: dict[str, _Copy] = {}
    problems: list[Problem] = []
    for source in dataset.sources:
        if source.file is None:
            continue
        try:
            raw = read_regular(folder / source.file).decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            if isinstance(exc, UnicodeDecodeError):
                reason = "not valid UTF-8"
            elif isinstance(exc, FileNotFoundError):
                reason = "no such file"
            else:
                reason = exc.strerror or str(exc)
            line, column = locations.source_file.get(source.id, (1, 1))
            message = (
                f"source '{visible_line(source.id)}': cannot read "
                f"{_clip(str(folder / source.file))}: {reason}"
            )
            problems.append(Problem(name, line, column, message))
            continue
        copies[source.id] = (normalise(raw), [normalise(p) for p in _PARAGRAPH_BREAK.split(raw)])
    return copies, problems


def _check_quote(
    dataset: Dataset, quote: Quote, copy: _Copy, locations: Locations, name: str
) -> Problem | None:
    """None when the quote is verbatim in its copy, in a paragraph naming its speaker."""
    text, paragraphs = copy
    wanted = normalise(quote.text)
    file = visible_line(dataset.source_by_id[quote.source].file or "")
    line, column = locations.quote_text.get(quote.id, (1, 1))
    if wanted not in text:
        return Problem(
            name,
            line,
            column,
            f"quote '{visible_line(quote.id)}' is not verbatim in {file}; "
            f'nearest passage: "{_clip(nearest_passage(text, wanted))}"',
        )
    holder = next((p for p in paragraphs if wanted in p), None)
    if holder is None or names_speaker(holder, quote.speaker):
        return None
    return Problem(
        name,
        line,
        column,
        f"quote '{visible_line(quote.id)}' is credited to {visible_line(quote.speaker)}, "
        f"but the paragraph of {file} that holds it does not name them; "
        f'credit the speaker the page names: "{_clip(holder)}"',
    )
