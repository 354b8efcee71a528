"""Exports that do what the reader asked: marked quotes export those quotes,
the JSON export is the whole dataset and always loads back, Markdown without
footnotes renders with safe links only, CSV for Excel."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from bbtui.cli import main
from bbtui.core.exporters import export
from bbtui.core.loader import load
from bbtui.core.model import Country, Outcome, Source
from bbtui.core.paths import shipped_dataset

DATA = Path(__file__).parent / "data"
MINI = load(DATA / "mini.yaml")
TWO_QUOTES = ["q-beard-swath", "q-mha-proposals"]  # of two events with other quotes and notes


def test_marked_quotes_export_those_quotes_with_context_not_their_events() -> None:
    text = export(MINI, "markdown", TWO_QUOTES)
    for quote_id in TWO_QUOTES:
        assert MINI.quote_by_id[quote_id].text in text
    assert text.count("> “") == 2
    # The event gives its date and title as context, not its summary or notes.
    event = MINI.event_by_id["pk-exit-announced"]
    assert f"## 30 Nov 2015 · Pakistan · {event.title}" in text
    assert event.summary not in text
    assert "Note (" not in text
    # Footnotes only for what the quotes cite.
    assert text.count("]: ") == 2
    csv_rows = list(csv.DictReader(io.StringIO(export(MINI, "csv", TWO_QUOTES))))
    assert sorted(r["quote_id"] for r in csv_rows) == sorted(TWO_QUOTES)
    timeline = json.loads(export(MINI, "timelinejs", TWO_QUOTES))
    bodies = [e["text"]["text"] for e in timeline["events"]]
    assert all(b.count("<blockquote>") == 1 and "Sources:" not in b for b in bodies)
    assert not any("operating chief said it would stop" in b for b in bodies)


def test_a_marked_event_exports_the_event() -> None:
    text = export(MINI, "markdown", ["pk-reversal"])
    event = MINI.event_by_id["pk-reversal"]
    assert event.summary in text
    assert "**Note (conflict):**" in text
    assert text.count("> “") == len(MINI.quotes_for(event.id))


def test_json_export_is_the_whole_dataset() -> None:
    lonely = Country(
        code="SA", name="Saudi Arabia", first_year=2010, last_year=2010, demand="Access.",
        outcome=Outcome.SETTLED, outcome_summary="Settled.", response="Talks.",
        sources=("verge-2015-11-30",),
    )  # fmt: skip
    uncited = Source(
        id="nobody-cites-me", outlet="O", title="T", url="https://o.example/", published=None
    )
    dataset = replace(MINI, countries=(*MINI.countries, lonely), sources=(*MINI.sources, uncited))
    doc = json.loads(export(dataset, "json"))
    assert "SA" in [c["code"] for c in doc["countries"]]
    assert "nobody-cites-me" in [s["id"] for s in doc["sources"]]


@pytest.mark.parametrize(
    "change",
    [
        {"description": ""},
        {"title": "Odd \uffff and \ufffe and \x85 characters"},
    ],
    ids=["no-description", "noncharacters"],
)
def test_json_export_always_loads_back(tmp_path: Path, change: dict[str, Any]) -> None:
    event = replace(MINI.events[0], summary="A summary with \uffff in it and \U0001f600")
    dataset = replace(MINI, events=(event, *MINI.events[1:]), **change)
    path = tmp_path / "out.json"
    path.write_text(export(dataset, "json"), encoding="utf-8")
    loaded = load(path)
    assert loaded == dataset
    assert export(loaded, "json") == path.read_text(encoding="utf-8")


def _links_and_html(markdown: str) -> tuple[list[str], list[str]]:
    tokens = MarkdownIt("commonmark").parse(markdown)
    links, html = [], []
    for token in tokens:
        if token.type in ("html_block", "html_inline"):
            html.append(token.content)
        for child in token.children or []:
            if child.type == "link_open":
                links.append(str(child.attrs["href"]))
            if child.type in ("html_inline", "image"):
                html.append(child.content)
    return links, html


@pytest.mark.parametrize(
    "path",
    [DATA / "mini.yaml", DATA / "hostile.yaml", DATA / "html-injection.yaml", shipped_dataset()],
    ids=lambda p: p.name,
)
def test_markdown_with_inline_citations_renders_with_safe_links_only(path: Path) -> None:
    dataset = load(path)
    text = export(dataset, "markdown", inline_citations=True)
    assert "[^" not in text  # no footnote syntax for editors that lack it
    links, html = _links_and_html(text)
    assert html == []  # nothing from the data became markup
    assert links and all(re.match(r"https?://[^\s\"<>]+\Z", href) for href in links)
    # Every link is one of the dataset's own source or archive addresses (percent-encoded).
    addresses = {s.url for s in dataset.sources} | {s.archive_url for s in dataset.sources}
    assert len(set(links)) <= len(addresses - {None})
    # What a browser would get: only harmless tags, and no attribute but http(s) hrefs.
    page = _Tags()
    page.feed(MarkdownIt("commonmark").render(text))
    assert page.tags <= {"h1", "h2", "p", "blockquote", "a", "strong", "em", "br"}
    assert all(name == "href" and re.match(r"https?://", value or "") for name, value in page.attrs)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attrs += attrs


def test_markdown_names_no_internal_file_numbers() -> None:
    dataset = load(shipped_dataset())
    for variant in (False, True):
        text = export(dataset, "markdown", inline_citations=variant)
        assert not re.search(r"\bsources? \d{3}\b", text)
        assert not re.search(r"\b\d{3}_[0-9a-f]{16}\b", text)


def test_csv_for_excel_starts_with_a_bom_and_reads_back_the_same() -> None:
    plain, excel = export(MINI, "csv"), export(MINI, "csv", excel=True)
    assert excel == "\ufeff" + plain
    assert excel.encode("utf-8").startswith(b"\xef\xbb\xbf")
    assert list(csv.reader(io.StringIO(excel.encode().decode("utf-8-sig")))) == list(
        csv.reader(io.StringIO(plain))
    )


def test_variant_options_belong_to_their_format(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "json", "--inline-citations"]) == 2
    assert "--inline-citations is for --format markdown" in capsys.readouterr().err
    assert main(["export", "--format", "markdown", "--excel"]) == 2
    assert "--excel is for --format csv" in capsys.readouterr().err


def test_cli_writes_both_variants(tmp_path: Path) -> None:
    md, sheet = tmp_path / "a.md", tmp_path / "a.csv"
    data = str(DATA / "mini.yaml")
    assert (
        main(["export", "-f", "markdown", "--inline-citations", "--data", data, "-o", str(md)]) == 0
    )
    assert md.read_text(encoding="utf-8") == export(MINI, "markdown", inline_citations=True)
    assert main(["export", "-f", "csv", "--excel", "--data", data, "-o", str(sheet)]) == 0
    assert sheet.read_bytes().startswith(b"\xef\xbb\xbf")
