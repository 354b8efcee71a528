"""The explorer's state without a terminal: filter, marks, search results."""

from __future__ import annotations

from pathlib import Path

import pytest

from bbtui.core.loader import load
from bbtui.core.search import QuoteIndex
from bbtui.core.session import Item, Jump, Session

MINI = load(Path(__file__).parent / "data" / "mini.yaml")


@pytest.fixture
def session() -> Session:
    return Session(MINI)


def test_filter_takes_known_codes_only(session: Session) -> None:
    assert session.set_filter("PK") and session.country_filter == "PK"
    assert not session.set_filter("XX") and session.country_filter == "PK"
    assert session.set_filter(None) and session.country_filter is None


def test_marks_toggle_and_say_what_they_did(session: Session) -> None:
    quote = Item("quote", "q-beard-grateful")
    event = Item("event", "in-pressure")
    assert session.toggle_mark(quote) is True
    assert session.mark_message(quote, True) == "Marked this quote; 1 marked for export"
    assert session.toggle_mark(event) is True
    assert session.marks == {"q-beard-grateful", "in-pressure"}
    assert session.marked_events() == {"in-pressure"}
    assert session.events_with_marked_quotes() == {MINI.quote_by_id["q-beard-grateful"].event}
    assert session.export_scope() == "1 marked event and 1 marked quote"
    assert session.toggle_mark(quote) is False
    assert session.toggle_mark(event) is False
    assert session.mark_message(event, False) == "Unmarked this event; nothing marked"
    assert session.export_scope().startswith("Everything")


def test_search_results_jump_and_wrap(session: Session) -> None:
    hits = list(QuoteIndex(MINI).search("speaker:beard").hits)
    assert len(hits) == 3
    jump = session.take_results("speaker:beard", False, hits, 1)
    assert jump == Jump(hits[1].event_id, hits[1].id, 1, 3)
    assert session.last_query == "speaker:beard"
    assert session.step_result(1) == Jump(hits[2].event_id, hits[2].id, 2, 3)
    assert session.step_result(1) == Jump(hits[0].event_id, hits[0].id, 0, 3)  # wraps
    assert session.step_result(-1) == Jump(hits[2].event_id, hits[2].id, 2, 3)


def test_event_hits_jump_to_the_event_without_a_quote(session: Session) -> None:
    hits = list(QuoteIndex(MINI, include_events=True).search("pakistan", include_events=True).hits)
    event_hits = [h for h in hits if not h.is_quote]
    assert event_hits
    jump = session.take_results("pakistan", True, event_hits, 0)
    assert jump is not None and jump.quote_id is None and session.search_events


def test_no_results_means_no_jump(session: Session) -> None:
    assert session.step_result(1) is None
    assert session.take_results("nothing", False, [], 0) is None
