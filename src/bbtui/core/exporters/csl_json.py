"""CSL-JSON: the cited sources as a reference manager imports them.

One CSL-JSON 1.0.2 item per source that the chosen events and quotes cite
(bbtui.core.csl builds them; the styled citations are made from the same
items), `id` = the source's id. Zotero reads the file with File → Import;
Mendeley, JabRef and pandoc (`--bibliography`) read it too. As in the JSON
export, characters that could act on a terminal are written as `\\uXXXX`.
"""

from __future__ import annotations

from collections.abc import Iterable

from bbtui.core.csl import source_item
from bbtui.core.exporters.json_export import dumps_inert
from bbtui.core.exporters.selection import select
from bbtui.core.model import Dataset


def to_csl_json(dataset: Dataset, only: Iterable[str] | None = None) -> str:
    return dumps_inert([source_item(source) for source in select(dataset, only).sources])
