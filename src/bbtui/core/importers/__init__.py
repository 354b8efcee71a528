"""TimelineJS timelines in: a sheet saved as CSV or a TimelineJS JSON file -> a dataset.

    read_timeline(path) -> Dataset        raises DatasetError (located problems)
    to_yaml(dataset) -> str               the dataset file `bbtui import` writes

The dataset goes through the same validator as any dataset file (it is
written as YAML and loaded back), so an imported timeline is held to the
same rules: every record cites a source, dates at their real precision.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from bbtui.core.errors import DatasetError, DatasetUnreadable, Problem
from bbtui.core.model import Dataset
from bbtui.core.safe_read import read_regular

# The converters and the exporter are imported where they are used: every
# open asks `is_timeline`, and the explorer's start-up should not pay for them.

__all__ = ["TIMELINE_SUFFIXES", "is_timeline", "read_timeline", "to_yaml"]

TIMELINE_SUFFIXES = (".csv", ".json")


def is_timeline(path: str | os.PathLike[str]) -> bool:
    """Whether `path` is a file for the importer rather than a bbtui dataset.

    A `.csv` always is; a `.json` unless it is a bbtui dataset itself (the
    JSON export, which starts with `"bbtui": 1`).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return True
    if suffix != ".json":
        return False
    try:
        document = json.loads(read_regular(path))
    except (OSError, ValueError, RecursionError):
        return True  # the importer says what is wrong, located
    return not (isinstance(document, dict) and "bbtui" in document)


def _read(path: Path, name: str) -> str:
    try:
        data = read_regular(path)
    except IsADirectoryError:
        raise DatasetUnreadable([Problem(name, 1, 1, "cannot read: this is a directory")]) from None
    except FileNotFoundError:
        raise DatasetUnreadable([Problem(name, 1, 1, "cannot read: no such file")]) from None
    except OSError as exc:
        raise DatasetUnreadable(
            [Problem(name, 1, 1, f"cannot read: {exc.strerror or exc}")]
        ) from None
    try:
        return data.decode("utf-8-sig")  # a sheet saved for Excel starts with a BOM
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise DatasetError(
            [
                Problem(
                    name,
                    line,
                    1,
                    f"not UTF-8: byte 0x{data[exc.start]:02X}; save the file as UTF-8",
                )
            ]
        ) from None


def read_timeline(path: str | os.PathLike[str], source_url: str | None = None) -> Dataset:
    """The timeline at `path` as a validated dataset (nothing is written).

    `source_url` is where the timeline is published, for its citations;
    by default the file's own `file:///` URL.
    """
    from bbtui.core.importers.build import build
    from bbtui.core.importers.timelinejs_json import read_json
    from bbtui.core.importers.timelinejs_sheet import read_sheet
    from bbtui.core.loader import load_text

    path = Path(path)
    name = str(path)
    text = _read(path, name)
    slides = read_json(text, name) if path.suffix.lower() == ".json" else read_sheet(text, name)
    if not any(s.kind == "event" for s in slides):
        raise DatasetError([Problem(name, 1, 1, "the timeline has no events")])
    dataset = build(slides, path.name, source_url or path.resolve().as_uri())
    try:
        return load_text(to_yaml(dataset), name)
    except DatasetError as exc:  # a bug here, not in the file: say so rather than blame it
        raise DatasetError(
            [
                Problem(name, 1, 1, f"bbtui could not convert this timeline: {p.message}")
                for p in exc.problems
            ]
        ) from None


def to_yaml(dataset: Dataset) -> str:
    import yaml

    from bbtui.core.exporters.json_export import to_document

    class _NoAliases(yaml.SafeDumper):
        # bbtui refuses anchors and aliases in a dataset file.
        def ignore_aliases(self, data: object) -> bool:
            return True

    header = f"# Imported by bbtui from the TimelineJS timeline {dataset.sources[0].title!r}.\n"
    body = yaml.dump(
        to_document(dataset),
        Dumper=_NoAliases,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )
    return header + body
