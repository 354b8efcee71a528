"""Where a quote was first reported and repeated: the format, its words, the exports, the store.

tests/data/reporting.yaml holds both kinds of claim: a wire quote first
reported by Reuters and repeated by two copies of its story, and a blog quote
repeated by two pages with no first report among the sources. The validator's
refusals are in the corpus (tests/corpus/reporting-claims.yaml), checked with
every other broken file by the loader and the commands.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from bbtui.core import reporting
from bbtui.core.exporters import export
from bbtui.core.loader import load, load_text
from bbtui.core.model import Dataset
from bbtui.core.paths import shipped_dataset
from bbtui.core.plain import story
from clirun import bbtui

DATA = Path(__file__).parent / "data"
FIXTURE = DATA / "reporting.yaml"
WIRE = "First reported: Reuters, 24 Jul 2015 · Repeated in 2 sources: Khaleej Times; PogoWasRight"
BLOG = "First reported: not recorded · Repeated in 2 sources: domain-b; Rapid-Meta"


@pytest.fixture(scope="module")
def fixture() -> Dataset:
    return load(FIXTURE)


def test_the_loader_builds_both_kinds_of_claim(fixture: Dataset) -> None:
    wire, blog = fixture.quote_by_id["q-directive"], fixture.quote_by_id["q-no-longer"]
    assert wire.first_reported == "reuters-2015-07-24"
    assert wire.repeated_in == ("khaleej-2015-07-26", "pogo-2015-07-26")
    assert wire.reported_note == "the official answered Reuters by text message"
    assert (blog.first_reported, blog.repeated_in) == (
        None,
        ("domainb-2015-11-30", "rapidmeta-followup"),
    )
    assert all(q.reporting_known for q in fixture.quotes)
    assert not any(q.reporting_known for q in load(DATA / "hostile.yaml").quotes)


def test_the_line_names_the_first_report_and_counts_the_repeats(fixture: Dataset) -> None:
    wire = reporting.reporting_line(fixture, fixture.quote_by_id["q-directive"])
    assert wire == WIRE + " (the official answered Reuters by text message)"
    blog = reporting.reporting_line(fixture, fixture.quote_by_id["q-no-longer"])
    assert blog == BLOG + " (first published in a blog post not among the sources)"
    mini = load(DATA / "mini.yaml")
    assert reporting.reporting_line(mini, mini.quote_by_id["q-beard-swath"]) is None


def test_one_repeat_is_one_source_and_text_from_the_file_is_inert(fixture: Dataset) -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    text = text.replace(
        "repeated_in: [khaleej-2015-07-26, pogo-2015-07-26]", "repeated_in: [pogo-2015-07-26]"
    )
    text = text.replace("outlet: PogoWasRight", 'outlet: "Pogo\\e[31m"')
    dataset = load_text(text, "edited.yaml")
    line = reporting.reporting_line(dataset, dataset.quote_by_id["q-directive"])
    assert line is not None
    assert "Repeated in 1 source: Pogo␛[31m" in line and "\x1b" not in line


def test_plain_mode_gives_each_part_a_labelled_line_of_its_own() -> None:
    result = bbtui("--plain", str(FIXTURE))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    first = lines.index("  First reported: Reuters, 24 Jul 2015")
    assert lines[first + 1] == "  Repeated in 2 sources: Khaleej Times; PogoWasRight"
    assert lines[first + 2] == "  Reporting note: the official answered Reuters by text message"
    assert lines[first - 1].startswith("  Citation: Reuters,")  # right under the quote's citation
    assert "  First reported: not recorded" in lines
    assert "\x1b" not in result.stdout


def test_plain_mode_says_nothing_where_the_dataset_says_nothing() -> None:
    assert not any("First reported" in line for line in story(load(DATA / "mini.yaml"), events=[]))
    mini = load(DATA / "mini.yaml")
    text = "\n".join(story(mini))
    assert text.count("First reported:") == 1  # q-pta-directive only
    assert "Repeated in" not in text


# --- the exports ------------------------------------------------------------------------


def test_json_keeps_the_fields_and_loads_back(fixture: Dataset) -> None:
    document = json.loads(export(fixture, "json"))
    wire = next(q for q in document["quotes"] if q["id"] == "q-directive")
    assert wire["first_reported"] == "reuters-2015-07-24"
    assert wire["repeated_in"] == ["khaleej-2015-07-26", "pogo-2015-07-26"]
    assert wire["reported_note"] == "the official answered Reuters by text message"
    blog = next(q for q in document["quotes"] if q["id"] == "q-no-longer")
    assert "first_reported" not in blog  # left out, never null
    again = load_text(export(fixture, "json"), "again.json")
    assert again.quotes == fixture.quotes


def test_a_marked_quote_brings_the_pages_that_repeated_it(fixture: Dataset) -> None:
    # A selection is itself a dataset: the sources its claim names come along.
    document = json.loads(export(fixture, "json", only=["q-directive"]))
    assert {s["id"] for s in document["sources"]} == {
        "reuters-2015-07-24", "khaleej-2015-07-26", "pogo-2015-07-26",
    }  # fmt: skip
    load_text(json.dumps(document), "selection.json")  # and it loads


def test_csv_has_the_first_report_and_the_repeats(fixture: Dataset) -> None:
    rows = {r["quote_id"]: r for r in csv.DictReader(io.StringIO(export(fixture, "csv")))}
    wire, blog = rows["q-directive"], rows["q-no-longer"]
    assert (wire["first_reported_outlet"], wire["repeated_in_count"]) == ("Reuters", "2")
    assert wire["first_reported_url"] == fixture.source_by_id["reuters-2015-07-24"].url
    assert wire["repeated_in_urls"].split(" ") == [
        fixture.source_by_id["khaleej-2015-07-26"].url,
        fixture.source_by_id["pogo-2015-07-26"].url,
    ]
    assert (blog["first_reported_outlet"], blog["repeated_in_count"]) == ("", "2")
    mini_rows = list(csv.DictReader(io.StringIO(export(load(DATA / "mini.yaml"), "csv"))))
    unknown = next(r for r in mini_rows if r["quote_id"] == "q-beard-swath")
    assert unknown["repeated_in_count"] == "" and unknown["first_reported_outlet"] == ""


def test_markdown_cites_every_page_of_the_claim(fixture: Dataset) -> None:
    text = export(fixture, "markdown")
    assert (
        "> First reported: Reuters, 24 Jul 2015[^1] · Repeated in 2 sources: "
        "Khaleej Times[^2]; PogoWasRight[^3] (the official answered Reuters by text message)"
    ) in text
    assert "[^2]: Khaleej Times, “Pakistan to shut down BlackBerry" in text
    assert (
        "> First reported: not recorded · Repeated in 2 sources: domain-b[^4]; Rapid-Meta[^5]"
        in text
    )
    inline = export(fixture, "markdown", only=["q-directive"], inline_citations=True)
    assert "Khaleej Times (Khaleej Times, “Pakistan to shut down" in inline


# --- the store ------------------------------------------------------------------------------


def test_the_store_round_trip_keeps_the_claims(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fixture: Dataset
) -> None:
    from bbtui.core.store import StoredDataset, open_dataset, opening

    monkeypatch.setenv("BBTUI_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("BBTUI_NO_CACHE", raising=False)
    monkeypatch.setattr(opening, "MIN_BYTES", 0)
    open_dataset(FIXTURE)  # writes the store
    view = open_dataset(FIXTURE)
    assert isinstance(view, StoredDataset)
    assert view.quote_by_id["q-directive"] == fixture.quote_by_id["q-directive"]
    assert view.whole().quotes == fixture.quotes
    assert reporting.reporting_line(view, view.quotes[1]) == reporting.reporting_line(
        fixture, fixture.quotes[1]
    )


def test_a_store_whose_claim_names_no_source_is_discarded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fixture: Dataset
) -> None:
    import sqlite3

    from bbtui.core.store import open_dataset, opening
    from bbtui.core.store.check import row_digest
    from bbtui.core.store.opening import store_file

    monkeypatch.setenv("BBTUI_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("BBTUI_NO_CACHE", raising=False)
    monkeypatch.setattr(opening, "MIN_BYTES", 0)
    open_dataset(FIXTURE)
    # Signed again, so only the reference check can catch it.
    connection = sqlite3.connect(store_file(FIXTURE))
    row = connection.execute("SELECT * FROM quotes WHERE ord = 0").fetchone()
    forged = (*row[:12], "nowhere", *row[13:-1])
    connection.execute("DELETE FROM quotes WHERE ord = 0")
    marks = ",".join("?" * len(row))
    insert = f"INSERT INTO quotes VALUES ({marks})"  # noqa: S608 (marks are only '?')
    connection.execute(insert, (*forged, row_digest(forged)))
    connection.commit()
    connection.close()
    notices: list[str] = []
    view = open_dataset(FIXTURE, on_notice=notices.append)
    assert view.quote_by_id["q-directive"] == fixture.quote_by_id["q-directive"]
    assert len(notices) == 1 and "damaged" in notices[0]


# --- the shipped dataset -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped() -> Dataset:
    return load(shipped_dataset())


def test_every_shipped_claim_says_what_it_rests_on(shipped: Dataset) -> None:
    claims = [q for q in shipped.quotes if q.reporting_known]
    assert len(claims) >= 10
    assert [q.id for q in claims if not q.reported_note] == []


def test_the_shipped_wire_quotes_name_the_agency_as_first_report(shipped: Dataset) -> None:
    directive = shipped.quote_by_id["q-pk-pta-directive"]
    assert directive.first_reported == directive.source == "reuters-2015-07-24-pta"
    assert "khaleejtimes-2015-07-26-pk" in directive.repeated_in
    for quote_id in ("q-pk-shah-level-of-access", "q-pk-shah-extend-deadline"):
        quote = shipped.quote_by_id[quote_id]
        assert quote.first_reported == "reuters-2015-11-30-pk-talks"
        assert quote.repeated_in == ("pakistantoday-2015-12-01-pk",)


def test_the_verge_quote_cites_a_page_that_names_beard_and_says_where_pages_disagree(
    shipped: Dataset,
) -> None:
    # The copy of The Verge's story that was read (on Vox) gives the words to
    # "the company"; domain-b prints them from the post it says Beard wrote.
    quote = shipped.quote_by_id["q-pk-beard-forfeiting"]
    assert (quote.speaker, quote.source) == ("Marty Beard", "domainb-2015-11-30-pk-exit")
    assert quote.first_reported is None  # the blog post is not among the sources
    assert "verge-2015-11-30-pk-exit" in quote.repeated_in
    conflict = [n for n in quote.notes if "the company" in n.text]
    assert conflict and "verge-2015-11-30-pk-exit" in conflict[0].sources
