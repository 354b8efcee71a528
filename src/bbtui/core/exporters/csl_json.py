"""CSL-JSON: the cited sources as a reference manager imports them.

One CSL-JSON 1.0.2 item per source that the chosen events and quotes cite
(bbtui.core.csl builds them; the styled citations are made from the same
items), `id` = the source's id. Zotero reads the file with File → Import;
Mendeley, JabRef and pandoc (`--bibliography`) read it too. As in the JSON
export, characters that could act on a terminal are written as `\\uXXXX`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from bbtui.core.csl import source_item
from bbtui.core.dataset_view import DatasetView
from bbtui.core.exporters.json_export import inert
from bbtui.core.exporters.pieces import gathered, json_array
from bbtui.core.exporters.selection import select


def to_csl_json(dataset: DatasetView, only: Iterable[str] | None = None) -> str:
    return "".join(csl_json_pieces(dataset, only))


def csl_json_pieces(dataset: DatasetView, only: Iterable[str] | None = None) -> Iterator[str]:
    """`to_csl_json`'s text in pieces, a source at a time (the cited ids are held, not the sources)."""
    items = (source_item(source) for source in select(dataset, only).iter_sources())
    for piece in gathered(json_array(items)):
        yield inert(piece)
    yield "\n"
