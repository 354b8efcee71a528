"""Check that quotes appear verbatim in the local copies of their sources.

A quote may differ from its source only in typographic versus straight
quotation marks, in the kind of dash, and in white space; everything else,
letter case included, must match. When a quote is not found, the nearest
passage of the file is shown so the difference is easy to spot.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from pathlib import Path

from bbtui.errors import Problem
from bbtui.model import Dataset
from bbtui.textsafe import visible_line
from bbtui.validator import Locations

_SAME = str.maketrans({
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'",
    "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-",
})  # fmt: skip
_SPACE = re.compile(r"\s+")
_PASSAGE_LIMIT = 160


def normalise(text: str) -> str:
    """Text with quote marks, dashes and runs of white space made uniform."""
    return _SPACE.sub(" ", text.translate(_SAME)).strip()


def nearest_passage(haystack: str, needle: str) -> str:
    """The stretch of `haystack` most like `needle` (both already normalised)."""
    size = len(needle)
    if not haystack or not size:
        return ""
    if len(haystack) <= size:
        return haystack
    step = max(1, size // 8)
    best_start, best_score = 0, -1.0
    matcher = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(needle)
    for start in range(0, len(haystack) - size + step, step):
        matcher.set_seq1(haystack[start : start + size])
        if matcher.quick_ratio() <= best_score:
            continue
        score = matcher.ratio()
        if score > best_score:
            best_start, best_score = start, score
    # Refine around the best coarse window, one character at a time.
    low, high = max(0, best_start - step), min(len(haystack) - size, best_start + step)
    for start in range(low, high + 1):
        matcher.set_seq1(haystack[start : start + size])
        score = matcher.ratio()
        if score > best_score:
            best_start, best_score = start, score
    return haystack[best_start : best_start + size]


def _clip(text: str) -> str:
    text = visible_line(text)
    return text if len(text) <= _PASSAGE_LIMIT else text[: _PASSAGE_LIMIT - 1] + "…"


def check_quotes(dataset: Dataset, locations: Locations, sources_dir: str | Path) -> list[Problem]:
    """Every problem found: missing source files and quotes not in their file."""
    folder = Path(sources_dir)
    name = dataset.path or "<dataset>"
    problems: list[Problem] = []
    texts: dict[str, str | None] = {}
    for source in dataset.sources:
        if source.file is None:
            continue
        try:
            texts[source.id] = normalise((folder / source.file).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            texts[source.id] = None
            reason = "not valid UTF-8" if isinstance(exc, UnicodeDecodeError) else (
                "no such file" if isinstance(exc, FileNotFoundError) else (exc.strerror or str(exc))
            )
            line, column = locations.source_file.get(source.id, (1, 1))
            problems.append(Problem(name, line, column, (
                f"source '{visible_line(source.id)}': cannot read "
                f"{_clip(str(folder / source.file))}: {reason}"
            )))
    for quote in dataset.quotes:
        text = texts.get(quote.source)
        if text is None:
            continue  # no local copy, or already reported as unreadable
        wanted = normalise(quote.text)
        if wanted in text:
            continue
        source = dataset.source_by_id[quote.source]
        line, column = locations.quote_text.get(quote.id, (1, 1))
        problems.append(Problem(name, line, column, (
            f"quote '{visible_line(quote.id)}' is not verbatim in {visible_line(source.file or '')}; "
            f"nearest passage: \"{_clip(nearest_passage(text, wanted))}\""
        )))
    return sorted(problems, key=lambda p: (p.line, p.column))
