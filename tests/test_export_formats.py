"""Exporters: golden files on the mini dataset, hostile text, selections,
the JSON round-trip and the TimelineJS format.

Regenerate the golden files after a deliberate change with
`BBTUI_UPDATE_GOLDENS=1 pytest tests/test_export_formats.py` and review the diff.
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from bbtui.core import exporters
from bbtui.core.errors import DatasetError
from bbtui.core.exporters import FORMATS, UnknownIdError, export, suggested_filename
from bbtui.core.exporters.csv_export import COLUMNS
from bbtui.core.exporters.markdown import escape_line
from bbtui.core.exporters.timelinejs import TimelineError, group_text
from bbtui.core.loader import load
from bbtui.core.model import (
    Country,
    Dataset,
    Event,
    Note,
    NoteKind,
    PartialDate,
    Precision,
    Quote,
    Source,
)
from bbtui.core.paths import shipped_dataset
from bbtui.core.textsafe import visible

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
GOLDEN_FILES = {
    "markdown": "mini.md",
    "csv": "mini.csv",
    "json": "mini.json",
    "timelinejs": "mini.timelinejs.json",
    "csl-json": "mini.csl.json",
    "bibtex": "mini.bib",
}


@pytest.fixture(scope="module")
def mini() -> Dataset:
    return load(HERE / "data" / "mini.yaml")


@pytest.fixture(scope="module")
def hostile() -> Dataset:
    return load(HERE / "data" / "hostile.yaml")


# -- golden files -------------------------------------------------------------


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_golden(mini: Dataset, fmt: str) -> None:
    produced = export(mini, fmt).encode("utf-8")
    golden = GOLDEN / GOLDEN_FILES[fmt]
    if os.environ.get("BBTUI_UPDATE_GOLDENS") == "1":
        golden.write_bytes(produced)
    assert golden.read_bytes() == produced, f"{golden} differs; see the module docstring"


def test_registry_lists_every_format() -> None:
    assert FORMATS == {
        "markdown": ".md",
        "csv": ".csv",
        "json": ".json",
        "timelinejs": ".json",
        "csl-json": ".json",
        "bibtex": ".bib",
    }
    assert suggested_filename("csl-json") == "bbtui-sources.json"
    assert suggested_filename("bibtex") == "bbtui-sources.bib"
    assert suggested_filename("timelinejs") == "bbtui-timeline.json"
    assert suggested_filename("markdown") == "bbtui-export.md"
    with pytest.raises(KeyError, match="unknown export format 'pdf'"):
        export(Dataset("t", "", (), (), (), ()), "pdf")


# -- hostile text -------------------------------------------------------------


def _unsafe_characters(text: str) -> set[str]:
    """Characters textsafe would replace (other than newline, tab, CR)."""
    return {ch for ch in set(text) if ch not in "\n\t\r" and visible(ch) != ch}


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_hostile_output_holds_no_raw_control_or_bidi_characters(hostile: Dataset, fmt: str) -> None:
    text = export(hostile, fmt)
    assert _unsafe_characters(text) == set()
    assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text


def test_hostile_csv_parses_back_cell_for_cell(hostile: Dataset) -> None:
    rows = list(csv.reader(io.StringIO(export(hostile, "csv"), newline="")))
    assert rows[0] == list(COLUMNS)
    assert len(rows) == 1 + len(hostile.quotes)
    assert all(len(row) == len(COLUMNS) for row in rows)
    by_id = {row[COLUMNS.index("quote_id")]: row for row in rows[1:]}
    assert by_id["q-markup"][COLUMNS.index("quote")] == visible(
        hostile.quote_by_id["q-markup"].text
    )


def test_hostile_json_keeps_the_exact_text(hostile: Dataset) -> None:
    doc = json.loads(export(hostile, "json"))
    assert doc["title"] == hostile.title
    assert [q["text"] for q in doc["quotes"]] == [q.text for q in hostile.quotes]
    assert doc["countries"][0]["demand"] == hostile.countries[0].demand  # bidi kept as data


def test_hostile_timelinejs_is_inert_html(hostile: Dataset) -> None:
    doc = json.loads(export(hostile, "timelinejs"))
    fields_ = [doc["title"]["text"]["headline"], doc["title"]["text"]["text"]]
    for event in doc["events"]:
        fields_ += [event["text"]["headline"], event["text"]["text"], event["group"]]
    fields_ += [era["text"]["headline"] for era in doc["eras"]]
    for value in fields_:
        assert "<script" not in value.lower()
        # The only tags are the ones the exporter builds.
        tags = set(re.findall(r"</?([a-zA-Z][a-zA-Z0-9]*)", value))
        assert tags <= {"p", "br", "blockquote", "em", "a"}
    hrefs = [h for value in fields_ for h in re.findall(r'href="([^"]*)"', value)]
    assert hrefs and all(h.startswith(("https://", "http://")) for h in hrefs)
    assert all("<" not in h and ">" not in h for h in hrefs)


def _render_markdown(text: str) -> str:
    """Render as GitHub would, near enough: CommonMark, tables, strikethrough,
    bare-URL autolinks and footnotes."""
    markdown_it = pytest.importorskip("markdown_it")
    footnote = pytest.importorskip("mdit_py_plugins.footnote")
    pytest.importorskip("linkify_it")
    md = (
        markdown_it.MarkdownIt("commonmark", {"linkify": True})
        .enable(["table", "strikethrough", "linkify"])
        .use(footnote.footnote_plugin)
    )
    md.linkify.set({"fuzzy_link": False})
    return str(md.render(text))


def test_hostile_markdown_renders_no_markup_from_dataset_text(hostile: Dataset) -> None:
    rendered = _render_markdown(export(hostile, "markdown"))
    assert "<script" not in rendered
    body, _, footnotes = rendered.partition('<section class="footnotes">')
    assert footnotes.count("<ol") == 1  # the footnote list itself
    for tag in ("em", "strong", "code", "del", "table", "img", "h3", "ul", "ol", "pre"):
        assert f"<{tag}" not in body, tag
        assert f"<{tag}" not in footnotes.replace('<ol class="footnotes-list">', ""), tag
    assert rendered.count("<h1>") == 1
    assert rendered.count("<h2>") == len(hostile.events)
    # Links: footnote references and the one source URL, nothing else.
    hrefs = re.findall(r'<a href="([^"]*)"', rendered)
    outside = [h for h in hrefs if not h.startswith("#fn")]
    assert outside == [
        "https://example.com/?q=%5Bbold%5Dx%5B/bold%5D&amp;a=%3Cscript%3Ealert(1)%3C/script%3E"
    ]
    assert "[link=https://evil.example]not a link[/link]" in html.unescape(rendered)


# Text a reader might type, heavy on what Markdown and its extensions act on.
_MARKDOWN_ISH = st.lists(
    st.sampled_from(
        [
            *list("aZ09 -+=*_`[]()<>#|~$@&;:/\\.!\"'^{}%?"),
            "www.",
            "http://",
            "&amp;",
            "1.",
            "é",
            "中",
        ]
    ),
    max_size=24,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(_MARKDOWN_ISH, min_size=1, max_size=3))
@example(["- item"])
@example(["+ item", "1. item", "2) item"])
@example(["text", "==="])
@example(["text", "---"])
@example(["# heading", "> quote", "    indented"])
@example(["see https://evil.example or //evil.example or www.evil.example or a@b.example"])
@example(["[x](javascript:alert(1)) ![i](x.png) <b>x</b> &lt; *a* _b_ `c` ~~d~~ $x$ [^1]"])
@example(["| a | b |", "| --- | --- |"])
def test_escaped_markdown_renders_as_the_plain_text(lines: list[str]) -> None:
    lines = [line.strip() for line in lines if line.strip()]
    if not lines:
        return
    rendered = _render_markdown("\n".join(escape_line(line) for line in lines))
    expected = "\n".join(html.escape(line, quote=False).replace('"', "&quot;") for line in lines)
    assert rendered == f"<p>{expected}</p>\n"


# -- Markdown -------------------------------------------------------------------


def test_markdown_footnotes_are_all_defined_and_rendered(mini: Dataset) -> None:
    text = export(mini, "markdown")
    used = set(re.findall(r"\[\^(\d+)\](?!:)", text))
    defined = set(re.findall(r"^\[\^(\d+)\]:", text, flags=re.MULTILINE))
    assert used == defined == {str(n) for n in range(1, len(mini.sources) + 1)}
    rendered = _render_markdown(text)
    assert rendered.count('class="footnote-item"') == len(mini.sources)
    assert rendered.count("<blockquote>") == len(mini.quotes)


def test_markdown_events_in_timeline_order_with_dates_at_their_precision(mini: Dataset) -> None:
    headings = [line for line in export(mini, "markdown").splitlines() if line.startswith("## ")]
    assert headings == [
        f"## {e.date.display()} · {mini.country_by_code[e.country].name} · {e.title}"
        for e in mini.events
    ]
    assert headings[0].startswith("## 2008 · India")
    assert headings[2].startswith("## Oct 2010 · United Arab Emirates")


# -- CSV ------------------------------------------------------------------------


def test_csv_rows_follow_the_timeline_and_use_crlf(mini: Dataset) -> None:
    text = export(mini, "csv")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0][:8] == [
        "event_id",
        "date",
        "country",
        "speaker",
        "role",
        "quote",
        "outlet",
        "url",
    ]
    expected = [(e.id, q.id) for e in mini.events for q in mini.quotes_for(e.id)]
    assert [(r[0], r[COLUMNS.index("quote_id")]) for r in rows[1:]] == expected


def test_csv_neutralises_spreadsheet_formulas(mini: Dataset) -> None:
    quote = replace(mini.quotes[0], text='=HYPERLINK("https://evil.example")', speaker="@SUM(A1)")
    event = replace(mini.event_by_id[quote.event], title="-2+3")
    dataset = replace(
        mini,
        quotes=(quote,),
        events=tuple(event if e.id == event.id else e for e in mini.events),
    )
    row = list(csv.reader(io.StringIO(export(dataset, "csv"), newline="")))[1]
    assert row[COLUMNS.index("quote")] == '\'=HYPERLINK("https://evil.example")'
    assert row[COLUMNS.index("speaker")] == "'@SUM(A1)"
    assert row[COLUMNS.index("event_title")] == "'-2+3"
    assert row[COLUMNS.index("role")] == quote.role  # ordinary text untouched


# -- JSON -----------------------------------------------------------------------


def test_json_is_deterministic_and_survives_a_reload(mini: Dataset, tmp_path: Path) -> None:
    first = export(mini, "json")
    assert export(mini, "json") == first
    assert export(load(HERE / "data" / "mini.yaml"), "json") == first
    assert first.endswith("}\n")


def test_json_is_itself_a_dataset_that_round_trips(mini: Dataset, tmp_path: Path) -> None:
    # JSON is YAML: the export loads back into the same model, and exports
    # again to the same bytes.
    path = tmp_path / "mini.json"
    path.write_text(export(mini, "json"), encoding="utf-8")
    reloaded = load(path)
    assert reloaded == mini
    assert export(reloaded, "json") == export(mini, "json")


def _every_field_set(mini: Dataset) -> Dataset:
    note = Note(NoteKind.UNCONFIRMED, "n", (mini.sources[0].id,))
    quote = replace(
        mini.quotes[0], said_note="approximate", translated=True, notes=(note,),
        first_reported=mini.sources[1].id, repeated_in=(mini.quotes[0].source,),
        reported_note="r",
    )  # fmt: skip
    country = replace(mini.countries[0], notes=(note,))
    event = replace(mini.events[0], date_note="derived", notes=(note,))
    source = replace(mini.sources[0], notes=(note,))
    return replace(
        mini,
        sources=(source, *mini.sources[1:]),
        quotes=(quote, *mini.quotes[1:]),
        countries=(country, *mini.countries[1:]),
        events=(event, *mini.events[1:]),
        start=event.id,
    )


# The model's attribute names that the YAML (and so the JSON) spells differently.
_YAML_NAMES = {"first_year": "from", "last_year": "to"}


def test_json_covers_every_model_field(mini: Dataset) -> None:
    doc = json.loads(export(_every_field_set(mini), "json"))
    records = {
        Dataset: [doc],
        Source: doc["sources"],
        Country: doc["countries"],
        Event: doc["events"],
        Quote: doc["quotes"],
        Note: [n for q in doc["quotes"] for n in q.get("notes", [])],
    }
    for cls, items in records.items():
        present = set().union(*(item.keys() for item in items))
        for f in fields(cls):
            if cls is Dataset and f.name == "path":
                continue  # where it was loaded from, not part of the data
            assert _YAML_NAMES.get(f.name, f.name) in present, f"{cls.__name__}.{f.name}"


def test_json_field_order_is_the_yaml_order(mini: Dataset) -> None:
    doc = json.loads(export(mini, "json"))
    assert list(doc) == [
        "bbtui",
        "title",
        "description",
        "sources",
        "countries",
        "events",
        "quotes",
    ]
    assert list(doc["quotes"][0]) == [
        "id",
        "event",
        "text",
        "speaker",
        "role",
        "said",
        "source",
        "kind",
        "translated",
    ]
    assert [e["date"] for e in doc["events"]][:3] == ["2008", "2010-08-30", "2010-10"]


# -- TimelineJS -----------------------------------------------------------------


def check_timelinejs(doc: dict[str, Any]) -> None:
    """The TimelineJS 3 JSON format, as far as this exporter uses it."""
    assert set(doc) <= {"title", "events", "eras", "scale"}
    assert isinstance(doc["events"], list) and doc["events"]

    def check_date(date: dict[str, Any]) -> None:
        assert set(date) <= {"year", "month", "day"}
        assert all(type(v) is int for v in date.values())
        assert "day" not in date or "month" in date
        PartialDate(date["year"], date.get("month"), date.get("day"))  # a real date

    ids = [e["unique_id"] for e in doc["events"]]
    assert len(ids) == len(set(ids))
    for event in doc["events"]:
        assert set(event) <= {"start_date", "text", "group", "unique_id"}
        check_date(event["start_date"])
        assert set(event["text"]) == {"headline", "text"}
        assert all(isinstance(v, str) for v in event["text"].values())
        assert "<" not in event["group"] and ">" not in event["group"]
        assert not re.search(r"&[#A-Za-z0-9]", event["group"])
    for era in doc.get("eras", []):
        assert set(era) == {"start_date", "end_date", "text"}
        check_date(era["start_date"])
        check_date(era["end_date"])
        assert set(era["text"]) == {"headline"}
    assert set(doc["title"]) == {"text", "unique_id"}
    assert doc["title"]["unique_id"] not in ids


def test_timelinejs_format_and_precision(mini: Dataset) -> None:
    doc = json.loads(export(mini, "timelinejs"))
    check_timelinejs(doc)
    by_id = {e["unique_id"]: e for e in doc["events"]}
    assert [e["unique_id"] for e in doc["events"]] == [e.id for e in mini.events]
    for event in mini.events:
        start = by_id[event.id]["start_date"]
        expected_keys = {
            Precision.YEAR: {"year"},
            Precision.MONTH: {"year", "month"},
            Precision.DAY: {"year", "month", "day"},
        }[event.date.precision]
        assert set(start) == expected_keys, event.id  # never an invented day
        assert by_id[event.id]["group"] == mini.country_by_code[event.country].name
    assert by_id["in-pressure"]["start_date"] == {"year": 2008}
    assert by_id["ae-withdrawn"]["start_date"] == {"year": 2010, "month": 10}
    assert [(e["text"]["headline"], e["start_date"], e["end_date"]) for e in doc["eras"]] == [
        ("Pakistan", {"year": 2015, "month": 1, "day": 1}, {"year": 2016, "month": 12, "day": 31}),
        ("India", {"year": 2008, "month": 1, "day": 1}, {"year": 2013, "month": 12, "day": 31}),
        (
            "United Arab Emirates",
            {"year": 2009, "month": 1, "day": 1},
            {"year": 2010, "month": 12, "day": 31},
        ),
    ]


def test_timelinejs_era_of_one_year_spans_it(mini: Dataset) -> None:
    # TimelineJS drops an end date equal to the start and then refuses the timeline.
    one_year = replace(mini.countries[0], first_year=2015, last_year=2015)
    dataset = replace(mini, countries=(one_year, *mini.countries[1:]))
    era = json.loads(export(dataset, "timelinejs"))["eras"][0]
    assert (era["start_date"], era["end_date"]) == (
        {"year": 2015, "month": 1, "day": 1},
        {"year": 2015, "month": 12, "day": 31},
    )


def test_timelinejs_title_id_never_takes_an_event_id(mini: Dataset) -> None:
    event = replace(mini.events[0], id="title")
    dataset = replace(mini, events=(event, *mini.events[1:]), quotes=())
    doc = json.loads(export(dataset, "timelinejs"))
    assert doc["title"]["unique_id"] == "title-slide"


def test_timelinejs_group_cannot_smuggle_tags_or_entities() -> None:
    # TimelineJS decodes entities in `group` and inserts the result as HTML.
    assert (
        group_text("&lt;img src=x onerror=alert(1)&gt;") == "＆lt;img src=x onerror=alert(1)＆gt;"
    )
    assert group_text("<b>Trinidad & Tobago</b>") == "bTrinidad & Tobago/b"


def test_timelinejs_escapes_html_in_text(mini: Dataset) -> None:
    event = replace(mini.events[0], title="a<b and c>d & e", summary="<img src=x onerror=alert(1)>")
    dataset = replace(mini, events=(event,), quotes=())
    doc = json.loads(export(dataset, "timelinejs"))
    assert doc["events"][0]["text"]["headline"] == "a&lt;b and c&gt;d &amp; e"
    assert doc["events"][0]["text"]["text"].startswith("<p>&lt;img src=x onerror=alert(1)&gt;</p>")


def test_timelinejs_links_only_http_urls(mini: Dataset) -> None:
    source = replace(mini.sources[0], url="javascript:alert(1)")
    dataset = replace(mini, sources=(source, *mini.sources[1:]))
    text = export(dataset, "timelinejs")
    assert 'href="javascript' not in text
    assert "javascript:alert(1)" in text  # still shown, as text


def test_timelinejs_needs_an_event(mini: Dataset) -> None:
    with pytest.raises(TimelineError):
        export(replace(mini, events=(), quotes=()), "timelinejs")


# -- selections -----------------------------------------------------------------


def test_an_event_id_brings_all_its_quotes(mini: Dataset) -> None:
    doc = json.loads(export(mini, "json", ["pk-exit-announced"]))
    assert [e["id"] for e in doc["events"]] == ["pk-exit-announced"]
    assert [q["id"] for q in doc["quotes"]] == ["q-beard-unfettered", "q-beard-swath"]
    assert [c["code"] for c in doc["countries"]] == ["PK"]
    # Only the sources something exported cites (the event, its quotes, Pakistan).
    assert [s["id"] for s in doc["sources"]] == [
        "ibtimes-uk-exit",
        "verge-2015-11-30",
        "techtimes-2015-12-31",
        "econotimes-2015",
    ]


def test_a_quote_id_brings_its_event_but_not_the_other_quotes(mini: Dataset) -> None:
    rows = list(csv.reader(io.StringIO(export(mini, "csv", {"q-beard-swath", "q-tra-normal"}))))
    assert [(r[0], r[COLUMNS.index("quote_id")]) for r in rows[1:]] == [
        ("ae-withdrawn", "q-tra-normal"),
        ("pk-exit-announced", "q-beard-swath"),
    ]
    text = export(mini, "markdown", ["q-beard-swath"])
    assert "significant swath" in text and "unfettered" not in text
    assert text.count("\n## ") == 1


def test_a_selected_subset_is_still_a_valid_dataset(mini: Dataset, tmp_path: Path) -> None:
    path = tmp_path / "subset.json"
    path.write_text(export(mini, "json", ["pk-reversal", "q-mha-proposals"]), encoding="utf-8")
    subset = load(path)
    assert [e.id for e in subset.events] == ["in-reprieve", "pk-reversal"]
    # The conflict note on pk-reversal cites The Verge: it comes along.
    assert "verge-2015-11-30" in subset.source_by_id


def test_empty_selection_means_everything(mini: Dataset) -> None:
    assert export(mini, "csv", []) == export(mini, "csv", None) == export(mini, "csv")


def test_unknown_id_suggests_a_close_one(mini: Dataset) -> None:
    with pytest.raises(UnknownIdError) as caught:
        export(mini, "markdown", ["pk-exit-anounced"])
    assert caught.value.suggestion == "pk-exit-announced"
    assert str(caught.value) == (
        "no event or quote has the id 'pk-exit-anounced' (did you mean 'pk-exit-announced'?)"
    )
    with pytest.raises(UnknownIdError, match=r"^no event or quote has the id 'zzz'$"):
        export(mini, "markdown", ["zzz"])


# -- the shipped dataset ----------------------------------------------------------


@pytest.fixture(scope="module")
def shipped() -> Dataset:
    path = shipped_dataset()
    if not path.is_file():
        pytest.skip("the shipped dataset is not in this checkout yet")
    try:
        return load(path)
    except DatasetError as exc:
        # Its validity is `bbtui validate`'s test; here it is only an input.
        pytest.skip(f"the shipped dataset does not load: {exc.problems[0]}")


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_shipped_dataset_exports(shipped: Dataset, fmt: str) -> None:
    text = exporters.export(shipped, fmt)
    assert _unsafe_characters(text) == set()
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(text, newline="")))
        assert len(rows) == 1 + len(shipped.quotes)
        assert all(len(r) == len(COLUMNS) for r in rows)
    elif fmt == "json":
        assert json.loads(text)["events"][0]["id"] == shipped.events[0].id
        assert len(json.loads(text)["quotes"]) == len(shipped.quotes)
    elif fmt == "timelinejs":
        doc = json.loads(text)
        check_timelinejs(doc)
        assert len(doc["events"]) == len(shipped.events)
    elif fmt in ("csl-json", "bibtex"):  # read back in test_reference_exports.py
        assert shipped.sources[-1].url in text
    else:
        rendered = _render_markdown(text)
        assert rendered.count("<h2>") == len(shipped.events)
        assert rendered.count("<blockquote>") == len(shipped.quotes)


def test_shipped_json_round_trips(shipped: Dataset, tmp_path: Path) -> None:
    path = tmp_path / "shipped.json"
    path.write_text(export(shipped, "json"), encoding="utf-8")
    assert export(load(path), "json") == export(shipped, "json")


def test_hostile_json_round_trips_exactly(hostile: Dataset, tmp_path: Path) -> None:
    # Escapes and bidi controls travel as JSON escapes and come back unchanged.
    path = tmp_path / "hostile.json"
    path.write_text(export(hostile, "json"), encoding="utf-8")
    assert load(path) == hostile
    assert export(load(path), "json") == export(hostile, "json")
