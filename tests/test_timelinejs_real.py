"""Every TimelineJS export, loaded into TimelineJS 3.9.11 itself in Chromium.

For each test dataset and the shipped one: TimelineJS fires `loaded`, shows
no message, raises no JavaScript error, puts a marker on the time axis for
every event, shows each headline as the text we wrote, and runs no script
from the data (tests/data/html-injection.yaml tries in every field).
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from bbtui.core.exporters import export
from bbtui.core.importers import read_timeline
from bbtui.core.loader import load
from bbtui.core.paths import shipped_dataset
from timelinejs_page import FONT_HOSTS, Rendering, TimelineJS

DATA = Path(__file__).parent / "data"
DATASETS = [*sorted(DATA.glob("*.yaml")), shipped_dataset()]


@pytest.fixture(scope="module")
def timelinejs() -> Iterator[TimelineJS]:
    browser = TimelineJS()
    yield browser
    browser.close()


def assert_renders(rendering: Rendering, document: str) -> None:
    doc = json.loads(document)
    assert rendering.errors == []
    assert rendering.loaded, f"no `loaded` event; TimelineJS says {rendering.message!r}"
    assert rendering.message == ""
    assert rendering.pwned is None, f"script from the data ran: {rendering.pwned!r}"
    assert sorted(rendering.marker_ids) == sorted(e["unique_id"] for e in doc["events"])
    # Each headline is shown as the plain text it stands for: nothing became markup.
    for slide in [doc["title"], *doc["events"]]:
        shown = rendering.headlines[slide["unique_id"]]
        assert shown == html.unescape(slide["text"]["headline"])
    assert all(url.startswith(FONT_HOSTS) for url in rendering.foreign_requests)


@pytest.mark.parametrize("path", DATASETS, ids=lambda p: p.name)
def test_the_whole_dataset_loads_in_timelinejs(timelinejs: TimelineJS, path: Path) -> None:
    document = export(load(path), "timelinejs")
    assert_renders(timelinejs.render(document), document)


def test_a_selection_loads_in_timelinejs(timelinejs: TimelineJS) -> None:
    dataset = load(DATA / "mini.yaml")
    # Two quotes of different events, in countries whose eras then stand alone.
    only = [dataset.quotes[0].id, dataset.quotes[-1].id]
    document = export(dataset, "timelinejs", only)
    assert len(json.loads(document)["events"]) == 2
    assert_renders(timelinejs.render(document), document)


def test_the_checks_catch_what_timelinejs_refuses(timelinejs: TimelineJS) -> None:
    """The harness itself: a refused era and a live payload are both seen."""
    document = json.loads(export(load(DATA / "mini.yaml"), "timelinejs"))
    # The old one-year era form: TimelineJS drops the end and refuses the timeline.
    document["eras"][0]["start_date"] = {"year": 2015}
    document["eras"][0]["end_date"] = {"year": 2015}
    # An entity-escaped tag in `group` comes back to life (see timelinejs.py).
    document["events"][0]["group"] = "&lt;img src=x onerror=\"window.bbtuiPwned='group'\"&gt;"
    refused = timelinejs.render(json.dumps(document))
    assert not refused.loaded
    assert "All eras must have start and end dates" in refused.message
    del document["eras"]
    live = timelinejs.render(json.dumps(document))
    assert live.loaded
    assert live.pwned == "group"


TIMELINES = sorted((Path(__file__).parent / "timelines").glob("*.*"))


@pytest.mark.parametrize("path", TIMELINES, ids=lambda p: p.name)
def test_import_reads_a_timeline_as_timelinejs_does(timelinejs: TimelineJS, path: Path) -> None:
    """Our sample sheets and JSON are real TimelineJS input, and we see the same events."""
    rendering = timelinejs.render(path.read_text(encoding="utf-8"), name=path.name)
    assert rendering.loaded and rendering.errors == [] and rendering.message == ""
    imported = read_timeline(path)
    assert len(rendering.marker_ids) == len(imported.events)
    shown = sorted(h for slide, h in rendering.headlines.items() if slide in rendering.marker_ids)
    assert shown == sorted(e.title for e in imported.events)
    # And what we made of it goes back into TimelineJS.
    document = export(imported, "timelinejs")
    assert_renders(timelinejs.render(document), document)
