"""Sources as CSL-JSON items: the one description every citation is made from.

The Citation Style Language (CSL 1.0.2) is what reference managers (Zotero,
Mendeley, JabRef via citeproc) and citation processors read. bbtui renders
its own styled citations from these items (bbtui.core.citeproc), exports them
as they are (`bbtui export --format csl-json`), and the tests check both
against citeproc-js, the reference processor, given the same items.

What goes in, and why:
- `title` only when the page's own headline was recorded. A descriptive
  label we wrote is not a headline: it goes in `genre`, which the styles
  print as a description (APA in brackets, Chicago and MLA unquoted).
- `issued` with the precision the page shows: one, two or three date parts,
  never an invented day; none at all when the page shows no date.
- `container-title` is the outlet's name: the site or paper the page belongs
  to. Our remark in brackets after it ("Reuters (China edition, English
  wire)") is no part of the name; it is kept, with everything else a style
  has no variable for, in `custom`, so the export loses nothing.
"""

from __future__ import annotations

import re
from typing import Any

from bbtui.core.model import PartialDate, Source

CSL_SCHEMA_VERSION = "1.0.2"

# The CSL type every source gets until the dataset records a kind of page.
DEFAULT_TYPE = "webpage"

CslItem = dict[str, Any]


_REMARK = re.compile(r"\s+\([^()]*\)$")


def outlet_name(outlet: str) -> str:
    """`Reuters (China edition, English wire)` -> `Reuters`."""
    return _REMARK.sub("", outlet) or outlet


def date_variable(date: PartialDate) -> dict[str, list[list[int]]]:
    """`{"date-parts": [[2015, 7]]}`: only the parts the date has."""
    parts = [date.year]
    if date.month is not None:
        parts.append(date.month)
        if date.day is not None:
            parts.append(date.day)
    return {"date-parts": [parts]}


def headline(source: Source) -> str | None:
    """The page's own headline, or None when the title is our description."""
    return source.title


def description(source: Source) -> str | None:
    """Our words for an untitled page (a label, never shown as a headline)."""
    return None if headline(source) is not None else source.title


def source_item(source: Source) -> CslItem:
    """One CSL-JSON item for a source; its `id` is the source's id."""
    item: CslItem = {"id": source.id, "type": DEFAULT_TYPE}
    title = headline(source)
    if title is not None:
        item["title"] = title
    label = description(source)
    if label is not None:
        item["genre"] = label
    item["container-title"] = outlet_name(source.outlet)
    item["URL"] = source.url
    if source.published is not None:
        item["issued"] = date_variable(source.published)
    custom = _custom(source)
    if custom:
        item["custom"] = custom
    return item


def _custom(source: Source) -> dict[str, str]:
    """What the CSL variables cannot say, losslessly (CSL-JSON 1.0.2 `custom`)."""
    custom: dict[str, str] = {}
    if outlet_name(source.outlet) != source.outlet:
        custom["outlet"] = source.outlet
    if source.published_note:
        custom["published_note"] = source.published_note
    return custom
