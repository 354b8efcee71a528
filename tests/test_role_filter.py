"""`role:` finds quotes by the speaker's position and organisation, in memory and in the store."""

from __future__ import annotations

from bbtui.core.loader import load
from bbtui.core.paths import shipped_dataset
from bbtui.core.query import parse
from bbtui.core.search import QuoteIndex
from bbtui.core.store import StoredDataset, open_dataset, opening
from bbtui.core.store.search import open_index
from clirun import bbtui

SHIPPED = load(shipped_dataset())
INDIAN = sorted(q.id for q in SHIPPED.quotes if "india" in q.role.lower())


def test_role_is_a_filter():
    (only,) = parse("role:india").filters
    assert (only.name, only.value) == ("role", "india")


def _ids(hits) -> list[str]:
    return sorted(hit.id for hit in hits.hits)


def test_every_quote_by_an_indian_official():
    assert INDIAN  # the shipped dataset has some
    assert _ids(QuoteIndex(SHIPPED).search("role:india", limit=100)) == INDIAN


def test_the_store_answers_the_same(tmp_path, monkeypatch):
    monkeypatch.setattr(opening, "MIN_BYTES", 0)
    open_dataset(shipped_dataset())
    stored = open_dataset(shipped_dataset())
    assert isinstance(stored, StoredDataset)
    index = open_index(stored)
    assert _ids(index.search("role:india", limit=100)) == INDIAN
    assert _ids(index.search("role:regulator country:AE", limit=100)) == sorted(
        q.id
        for q in SHIPPED.quotes
        if "regulator" in q.role.lower() and SHIPPED.event_by_id[q.event].country == "AE"
    )


def test_the_command_line_takes_role():
    result = bbtui("search", "role:india", "--json")
    assert result.returncode == 0, result.stderr
    assert "Government of India" in result.stdout
