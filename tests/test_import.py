"""`bbtui import` and opening a TimelineJS file directly: sheets (v3 and the
older v1 headers) and JSON, located errors, and the round trip through our
own TimelineJS export."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bbtui.cli import exit_codes, main
from bbtui.cli.explore import open_dataset
from bbtui.core.errors import DatasetError
from bbtui.core.exporters import export
from bbtui.core.importers import read_timeline
from bbtui.core.importers.build import FILE_SOURCE
from bbtui.core.loader import load
from bbtui.core.model import Dataset, Event
from bbtui.core.paths import shipped_dataset

HERE = Path(__file__).parent
TIMELINES = HERE / "timelines"
V3_HEADER = (
    "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,"
    "Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background\n"
)


def by_title(dataset: Dataset) -> dict[str, Event]:
    return {e.title: e for e in dataset.events}


def test_v3_sheet_maps_as_timelinejs_reads_it() -> None:
    dataset = read_timeline(TIMELINES / "template.csv")
    assert dataset.title == "BlackBerry in Pakistan"  # HTML gone
    assert dataset.description.startswith("A newsroom's timeline.")
    assert "Eras in the timeline: Pakistan dispute (2015 to 2016)" in dataset.description
    events = {e.title: e for e in dataset.events}
    assert sorted(events) == sorted(
        ["Shutdown order", "Exit announced", "India deadline", "Interception talks", "Ungrouped"]
    )
    # Real precision: a year stays a year, a month a month.
    assert events["Interception talks"].date.iso() == "2008"
    assert events["India deadline"].date.iso() == "2010-08"
    assert events["Exit announced"].date.iso() == "2015-11-30"
    assert "time 14:30" in (events["Exit announced"].date_note or "")
    assert "“Summer 2010”" in (events["India deadline"].date_note or "")
    assert "end date: 2013" in (events["Interception talks"].date_note or "")
    # Groups become countries (private-use codes) and tags.
    names = {c.code: c.name for c in dataset.countries}
    assert names[events["Shutdown order"].country] == "Pakistan"
    assert names[events["Ungrouped"].country] == "No group"
    assert events["India deadline"].tags == ("india",)
    assert all(c.code[0] in "XQZA" for c in dataset.countries)
    # HTML to text; links kept as sources; every record cites something.
    assert events["Shutdown order"].summary == (
        "The regulator orders BES shut down.\n\nReported by Reuters."
    )
    urls = {s.id: s.url for s in dataset.sources}
    cited = [urls[s] for s in events["Shutdown order"].sources]
    assert cited[0].startswith("file:///") and cited[1] == "https://www.reuters.com/article/x"
    assert "https://example.org/talks" in [urls[s] for s in events["Interception talks"].sources]
    assert "https://www.siliconrepublic.com/comms/india" in [
        urls[s] for s in events["India deadline"].sources
    ]
    assert all(FILE_SOURCE in e.sources for e in dataset.events)
    # A blockquote in Media is a quote; its cite the speaker.
    [quote] = dataset.quotes
    assert quote.text == "Pakistan’s demand was not a matter of public safety."
    assert (quote.speaker, quote.role) == ("Marty Beard", "Chief operating officer, BlackBerry")
    assert quote.event == events["Exit announced"].id and quote.said.iso() == "2015-11-30"


def test_v1_sheet_with_start_date_and_tag() -> None:
    dataset = read_timeline(TIMELINES / "v1.csv")
    assert dataset.title == "The title"
    dates = {e.title: e.date.iso() for e in dataset.events}
    assert dates == {"Exit": "2015-11-30", "With a time": "2015-11-30", "Month only": "2015-07"}
    assert "14:30" in (by_title(dataset)["With a time"].date_note or "")
    assert {c.name for c in dataset.countries} == {"Pakistan", "No group"}


def test_json_timeline() -> None:
    dataset = read_timeline(TIMELINES / "timeline.json")
    assert dataset.title == "A JSON timeline"
    exit_event = dataset.event_by_id["pk-exit"]  # unique_id kept as the event id
    assert exit_event.title == "Exit announced"
    assert "14:30" in (exit_event.date_note or "")
    assert [s.url for s in dataset.sources_for(list(exit_event.sources))][1] == (
        "https://www.theverge.com/x"
    )
    [quote] = dataset.quotes
    assert (quote.text, quote.speaker) == ("We will not comply.", "Marty Beard")
    assert dataset.country_by_code[exit_event.country].first_year == 2015  # from its era
    assert dataset.country_by_code[exit_event.country].last_year == 2016


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (
            ",,,,,,,,,No year,Text,,,,,,,\n",
            "2:1: Year: every event needs a date: this row has no Year",
        ),
        ("2015,13,,,,,,,,Bad month,,,,,,,,\n", "2:2: Month: month 13 does not exist"),
        ("2015,2,30,,,,,,,No such day,,,,,,,,\n", "2:3: Day: 2015-02 has no day 30"),
        (",,,14:00,,,,,,Time alone,,,,,,,,\n", "2:4: Time: a Time without a Year"),
        ("2015,11,,14:00,,,,,,Month and time,,,,,,,,\n", "2:4: Time: a time needs a full date"),
        ("2015,11,30,25:00,,,,,,Bad hour,,,,,,,,\n", "2:4: Time: time '25:00' does not exist"),
        ("2015,,,,,,,,,Slide,,,,,,slide,,\n", "2:16: Type: unknown Type 'slide'"),
        ("MMXV,,,,,,,,,Roman,,,,,,,,\n", "2:1: Year: year 'MMXV' is not a whole number"),
        ("2015,,,,,,,,,Era without end,,,,,,era,,\n", "2:5: End Year: an era needs an end date"),
    ],
)
def test_bad_sheets_get_located_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], rows: str, expected: str
) -> None:
    sheet = tmp_path / "bad.csv"
    sheet.write_text(V3_HEADER + rows)
    assert main(["import", str(sheet)]) == exit_codes.INVALID
    err = capsys.readouterr().err
    assert err.startswith(f"{sheet}:{expected}"), err
    assert not (tmp_path / "bad.yaml").exists()


def test_errors_in_json_are_located(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"events": [\n  {"start_date": {"year": 2015, "month": 13}}\n]}\n')
    with pytest.raises(DatasetError) as caught:
        read_timeline(path)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:2:42: start_date: month 13 does not exist (TimelineJS would show another date)"
    ]
    path.write_text('{"events": [}')
    with pytest.raises(DatasetError, match=r"bad.json:1:13: not JSON"):
        read_timeline(path)


def test_import_writes_a_valid_dataset_atomically_and_never_overwrites(tmp_path: Path) -> None:
    sheet = tmp_path / "newsroom.csv"
    sheet.write_bytes((TIMELINES / "template.csv").read_bytes())
    run = [sys.executable, "-m", "bbtui", "import", str(sheet)]
    done = subprocess.run(run, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    written = tmp_path / "newsroom.yaml"
    assert "5 events, 1 quotes, 3 groups" in done.stderr
    assert load(written) == read_timeline(sheet)  # the same validator accepts it
    written.write_text("mine")
    again = subprocess.run(run, capture_output=True, text=True, timeout=60, check=False)
    assert again.returncode == 5 and "use --force" in again.stderr
    assert written.read_text() == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["newsroom.csv", "newsroom.yaml"]


def test_a_timeline_opens_directly_and_nothing_is_written(tmp_path: Path) -> None:
    sheet = tmp_path / "t.csv"
    sheet.write_bytes((TIMELINES / "template.csv").read_bytes())
    dataset = open_dataset(str(sheet))
    assert len(dataset.events) == 5
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]
    # A bbtui dataset saved as JSON (our JSON export) is still a dataset, not a timeline.
    exported = tmp_path / "mini.json"
    exported.write_text(export(load(HERE / "data" / "mini.yaml"), "json"))
    assert open_dataset(str(exported)).title == "Mini dataset for tests"


@pytest.mark.parametrize(
    "path", [HERE / "data" / "mini.yaml", HERE / "data" / "html-injection.yaml", shipped_dataset()]
)
def test_round_trip_through_our_timelinejs_export(tmp_path: Path, path: Path) -> None:
    original = load(path)
    timeline = tmp_path / "timeline.json"
    timeline.write_text(export(original, "timelinejs"), encoding="utf-8")
    imported = read_timeline(timeline)

    def essentials(dataset: Dataset) -> list[tuple[str, str, str, str]]:
        names = {c.code: c.name for c in dataset.countries}
        return sorted((e.id, e.date.iso(), e.title, names[e.country]) for e in dataset.events)

    def plain(dataset: Dataset) -> list[tuple[str, str, str, str]]:
        # What the exporter must change in a group for TimelineJS: angle brackets
        # removed, an `&` that could start an entity made full-width.
        def group(g: str) -> str:
            return g.replace("<", "").replace(">", "").replace("＆", "&")

        return [(i, d, " ".join(t.split()), group(g)) for i, d, t, g in essentials(dataset)]

    assert plain(imported) == plain(original)
    assert imported.title == original.title


def test_an_imported_timeline_is_explored_with_the_keyboard() -> None:
    import asyncio

    from bbtui.ui.app import ExplorerApp

    dataset = read_timeline(TIMELINES / "template.csv")

    async def main() -> None:
        app = ExplorerApp(dataset, theme="textual-dark")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            first = app.explorer.timeline.event
            await pilot.press("j")
            assert first is not None and app.explorer.timeline.event is not None
            assert app.explorer.timeline.event.id != first.id
            app.jump_to_event("exit-announced")
            await pilot.pause()
            await pilot.press("right_square_bracket")  # the quote from the Media blockquote
            assert app.explorer.detail.highlighted_quote == dataset.quotes[0].id
            assert "Marty Beard" in app.explorer.detail.text

    asyncio.run(main())
