"""CSL-JSON and BibTeX exports, read back by what reads them: the official
CSL-JSON schema (jsonschema) and bibtexparser 2."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest
from bibtexparser.entrypoint import parse_string
from bibtexparser.middlewares import LatexDecodingMiddleware

from bbtui.cli import main
from bbtui.core.csl import source_item
from bbtui.core.exporters import export, select
from bbtui.core.loader import load
from bbtui.core.model import Dataset
from bbtui.core.paths import shipped_dataset

HERE = Path(__file__).parent
SCHEMA = json.loads((HERE / "schemas" / "csl-data.json").read_text(encoding="utf-8"))
SHIPPED = load(shipped_dataset())
MINI = load(HERE / "data" / "mini.yaml")
HOSTILE = load(HERE / "data" / "hostile.yaml")
DATASETS = {"shipped": SHIPPED, "mini": MINI, "hostile": HOSTILE}


def _validate(text: str) -> list[dict]:
    items: list[dict] = json.loads(text)
    jsonschema.validate(items, SCHEMA, cls=jsonschema.Draft7Validator)
    return items


@pytest.mark.parametrize("name", DATASETS)
def test_csl_json_is_valid_against_the_official_schema(name: str) -> None:
    dataset = DATASETS[name]
    items = _validate(export(dataset, "csl-json"))
    assert [item["id"] for item in items] == [s.id for s in dataset.sources]
    assert all(item["type"] == "webpage" for item in items)


def test_csl_json_keeps_dates_at_their_precision_and_urls_exactly() -> None:
    items = {item["id"]: item for item in _validate(export(SHIPPED, "csl-json"))}
    for source in SHIPPED.sources:
        item = items[source.id]
        assert item["URL"] == source.url
        if source.published is None:
            assert "issued" not in item  # never an invented date
        else:
            parts = item["issued"]["date-parts"][0]
            assert "-".join(f"{p:02d}" for p in parts).zfill(len(source.published.iso())) == (
                source.published.iso()
            )


def test_csl_json_keeps_what_styles_have_no_variable_for() -> None:
    source = SHIPPED.source_by_id["reuters-2015-07-24-pta"]
    item = source_item(source)
    assert item["container-title"] == "Reuters"
    assert item["custom"]["outlet"] == "Reuters (China edition, English wire)"
    assert item["custom"]["published_note"] == source.published_note


def test_exports_respect_only() -> None:
    only = ["q-beard-unfettered"]
    expected = [s.id for s in select(MINI, only).sources]
    assert [i["id"] for i in _validate(export(MINI, "csl-json", only))] == expected
    library = parse_string(export(MINI, "bibtex", only))
    assert [e.key for e in library.entries] == expected
    assert len(expected) < len(MINI.sources)


def _parsed(dataset: Dataset):
    library = parse_string(export(dataset, "bibtex"), append_middleware=[LatexDecodingMiddleware()])
    raw = parse_string(export(dataset, "bibtex"))
    return library, raw


@pytest.mark.parametrize("name", DATASETS)
def test_bibtex_reparses_with_no_failed_block(name: str) -> None:
    dataset = DATASETS[name]
    library, raw = _parsed(dataset)
    assert library.failed_blocks == [] and raw.failed_blocks == []
    assert [e.key for e in library.entries] == [s.id for s in dataset.sources]
    assert {e.entry_type for e in library.entries} == {"online"}
    urls = {e.key: e.fields_dict["url"].value for e in raw.entries}
    assert urls == {s.id: s.url for s in dataset.sources}  # byte for byte


def test_bibtex_text_fields_are_latex_escaped() -> None:
    tricky = "50% & $5 #1 _x_ ~ \\ {braces} “quoted” it's"
    source = MINI.sources[0]
    dataset = replace(
        MINI, sources=(replace(source, title=tricky, url=source.url + "?a=1&b=%20#x_y~"),)
    )
    text = export(dataset, "bibtex", [])
    assert r"50\% \& \$5 \#1 \_x\_ \textasciitilde{} \textbackslash{} \{braces\}" in text
    library = parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    assert library.failed_blocks == []
    fields = library.entries[0].fields_dict
    assert fields["title"].value == tricky
    raw = parse_string(text).entries[0].fields_dict
    assert raw["url"].value == source.url + "?a=1&b=%20#x_y~"


def test_bibtex_never_presents_a_description_as_a_headline() -> None:
    library, _ = _parsed(SHIPPED)
    for entry in library.entries:
        item = source_item(SHIPPED.source_by_id[entry.key])
        assert ("title" in entry.fields_dict) == ("title" in item)
        assert ("titleaddon" in entry.fields_dict) == ("genre" in item)


@pytest.mark.parametrize("fmt", ["csl-json", "bibtex"])
def test_export_command_writes_them(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / ("sources.json" if fmt == "csl-json" else "sources.bib")
    assert (
        main(
            ["export", "--format", fmt, "--data", str(HERE / "data" / "mini.yaml"), "-o", str(out)]
        )
        == 0
    )
    assert out.read_text(encoding="utf-8") == export(MINI, fmt)
