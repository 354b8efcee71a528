"""The shipped dataset cites as a journalist needs: checks over data/events.yaml.

A headline is shown only where a copy of the page printed it; every source
says when it was read; every quote is credited as the page that prints it
credits it; no summary or note borrows the research dossier's wording; and no
local file number ("Source 003") reaches a reader. The dossier and the two
source texts live in ../shared (read-only, beside the repository, and beside
the clone in CI): without them these checks skip on a laptop and fail in CI.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import fields
from pathlib import Path

import pytest

import realtools
from bbtui.core import cite
from bbtui.core.exporters import export
from bbtui.core.loader import load_with_locations
from bbtui.core.model import Dataset, Note, TitleStatus
from bbtui.core.validator import Locations
from bbtui.core.verify_sources import check_quotes, names_speaker, normalise

REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "data" / "events.yaml"
# ../shared beside the repository (as in CI); a git worktree one level deeper
# finds it beside its folder of worktrees.
SHARED = next(
    (p / "shared" for p in (REPO.parent, REPO.parent.parent) if (p / "shared").is_dir()),
    REPO.parent / "shared",
)
DOSSIER = SHARED / "research" / "dossier.md"
SOURCE_TEXTS = SHARED / "sources"

RUN = 12  # consecutive words that make a borrowed passage
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# Words in quotation marks are quoted, not our wording: a note may cite them.
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
_LOCAL_FILE_NUMBER = re.compile(r"\b[Ss]ource 0\d\d\b")


@pytest.fixture(scope="module")
def loaded() -> tuple[Dataset, Locations]:
    return load_with_locations(SHIPPED)


@pytest.fixture(scope="module")
def shipped(loaded: tuple[Dataset, Locations]) -> Dataset:
    return loaded[0]


def _shared(path: Path) -> Path:
    if not path.exists():
        realtools.missing(f"{path} is not there (the shared research folder beside the repository)")
    return path


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


def _our_words(dataset: Dataset):
    """(where, text) for every summary and note: text that must be ours."""
    for event in dataset.events:
        yield f"event {event.id} summary", event.summary
        yield from ((f"event {event.id} note", n.text) for n in event.notes)
    for country in dataset.countries:
        for name in ("demand", "outcome_summary", "response"):
            yield f"country {country.code} {name}", getattr(country, name)
        yield from ((f"country {country.code} note", n.text) for n in country.notes)
    for source in dataset.sources:
        yield from ((f"{source.id} note", n.text) for n in source.notes)
    for quote in dataset.quotes:
        yield from ((f"{quote.id} note", n.text) for n in quote.notes)


def _reader_text(dataset: Dataset):
    """(where, text) for every string a reader can see, notes included."""
    for records in (dataset.sources, dataset.countries, dataset.events, dataset.quotes):
        for record in records:
            name = getattr(record, "id", None) or record.code  # a country has a code
            for f in fields(record):
                value = getattr(record, f.name)
                if isinstance(value, str):
                    yield f"{name} {f.name}", value
                elif isinstance(value, tuple) and value and isinstance(value[0], Note):
                    yield from ((f"{name} note", n.text) for n in value)


def test_no_source_is_cited_with_a_headline_it_does_not_have(shipped: Dataset) -> None:
    footnotes = {
        line.split(">")[0].split("<")[-1]: line
        for line in export(shipped, "markdown").splitlines()
        if line.startswith("[^")
    }
    rows = list(csv.DictReader(io.StringIO(export(shipped, "csv"))))
    printed = 0
    for source in shipped.sources:
        citation = cite.source_citation(source)
        if source.title_status is TitleStatus.PRINTED:
            printed += 1
            assert source.read_at, f"{source.id}: a printed headline says where it was read"
            assert f"“{source.title}”" in citation
        else:
            assert "[headline not recorded]" in citation, source.id
            assert f"“{source.title}”" not in citation, source.id
            assert "“" not in footnotes.get(source.url, ""), source.id
    headlines = {row["source_headline"] for row in rows} - {""}
    assert headlines <= {s.title for s in shipped.sources if s.headline}
    assert printed >= 60  # the headlines read from stored copies (issue #12)


def test_every_source_says_when_it_was_read(shipped: Dataset) -> None:
    unread = [s.id for s in shipped.sources if s.accessed is None]
    assert unread == []


def test_no_local_file_number_reaches_a_reader(shipped: Dataset) -> None:
    leaks = [where for where, text in _reader_text(shipped) if _LOCAL_FILE_NUMBER.search(text)]
    assert leaks == []
    assert not _LOCAL_FILE_NUMBER.search(export(shipped, "markdown"))


def test_no_summary_or_note_borrows_twelve_words_from_the_dossier(shipped: Dataset) -> None:
    words = _words(_shared(DOSSIER).read_text(encoding="utf-8"))
    runs = {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}
    borrowed = []
    for where, text in _our_words(shipped):
        mine = _words(_QUOTED.sub(" ", text))
        for i in range(len(mine) - RUN + 1):
            if tuple(mine[i : i + RUN]) in runs:
                borrowed.append(f"{where}: {' '.join(mine[i : i + RUN])}")
                break
    assert borrowed == []


def _dossier_quotes() -> list[tuple[str, str]]:
    """(who, words) for each quote the dossier records: who is the line before the words."""
    text = _shared(DOSSIER).read_text(encoding="utf-8")
    entries = re.split(r"\n(?=- \*\*Q-)", text)
    quoted = []
    for piece in entries[1:]:
        entry = piece.split("\n#")[0]
        first_line = entry.split("\n")[0]
        quoted.append((re.split(r"[\"“]", first_line)[0], normalise(entry).lower()))
    return quoted


def test_every_quote_is_credited_as_its_page_credits_it(loaded: tuple[Dataset, Locations]) -> None:
    dataset, locations = loaded
    # Quotes with a local copy: the copy's paragraph must name the speaker.
    assert check_quotes(dataset, locations, _shared(SOURCE_TEXTS)) == []
    # The others: the dossier records who the page gives the words to.
    recorded = _dossier_quotes()
    wrong = []
    for quote in dataset.quotes:
        if dataset.source_by_id[quote.source].file is not None:
            continue
        opening = " ".join(normalise(quote.text).lower().split(" ")[:8])
        who = [head for head, words in recorded if opening in words]
        if not who or not any(names_speaker(head, quote.speaker) for head in who):
            wrong.append(f"{quote.id}: {quote.speaker} ({who[:1] or 'not in the dossier'})")
    assert wrong == []
