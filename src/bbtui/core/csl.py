"""Sources as CSL-JSON items: the one description every citation is made from.

The Citation Style Language (CSL 1.0.2) is what reference managers (Zotero,
Mendeley, JabRef via citeproc) and citation processors read. bbtui renders
its own styled citations from these items (bbtui.core.citeproc), exports them
as they are (`bbtui export --format csl-json`), and the tests check both
against citeproc-js, the reference processor, given the same items.

What goes in, and why:
- `title` only when the page's own headline was read from a copy of it
  (`title_status: printed`). A label we wrote is not a headline: it goes in
  `genre`, which the styles print as a description (APA in brackets,
  Chicago and MLA unquoted); a title of unknown origin (worded from the
  page's address) is not printed at all: the description says "Headline not
  recorded", and our words stay in `custom`.
- `accessed`: when the page (or the copy) was read. An archived copy, when
  its address is known, is `archive` (the archive's name) and
  `archive_location` (its address), as the styles print them.
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
from urllib.parse import urlsplit

from bbtui.core.model import PartialDate, Source, TitleStatus

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


# A page whose headline was not read from a copy gets this description, never our wording.
NO_HEADLINE = "Headline not recorded"

# Web archives by host, named as the styles print them (`archive`).
ARCHIVES = {
    "web.archive.org": "Internet Archive",
    "archive.org": "Internet Archive",
    "archive.today": "archive.today",
    "archive.ph": "archive.today",
    "archive.is": "archive.today",
    "archive.li": "archive.today",
    "archive.md": "archive.today",
    "webcitation.org": "WebCite",
}


def archive_name(url: str) -> str:
    """`https://web.archive.org/web/...` -> `Internet Archive`; else the host."""
    host = urlsplit(url).hostname or url
    host = host.removeprefix("www.")
    return ARCHIVES.get(host, host)


def description(source: Source) -> str | None:
    """What stands where a headline would: our label, or that none was recorded."""
    if source.title_status is TitleStatus.PRINTED:
        return None
    if source.title_status is TitleStatus.LABEL:
        return source.title
    return NO_HEADLINE


def source_item(source: Source) -> CslItem:
    """One CSL-JSON item for a source; its `id` is the source's id."""
    item: CslItem = {"id": source.id, "type": DEFAULT_TYPE}
    if source.headline is not None:
        item["title"] = source.headline
    label = description(source)
    if label is not None:
        item["genre"] = label
    item["container-title"] = outlet_name(source.outlet)
    item["URL"] = source.url
    if source.published is not None:
        item["issued"] = date_variable(source.published)
    if source.accessed is not None:
        item["accessed"] = date_variable(source.accessed)
    if source.archive_url is not None:
        item["archive"] = archive_name(source.archive_url)
        item["archive_location"] = source.archive_url
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
    if source.title_status is not TitleStatus.PRINTED:
        custom["title_status"] = source.title_status.value
        custom["title"] = source.title  # our words for the page, not its headline
    if source.read_at:
        custom["read_at"] = source.read_at
    if source.archive_url is not None:
        custom["archive_url"] = source.archive_url
    if source.archive_date is not None:
        custom["archive_date"] = source.archive_date.iso()
    return custom
