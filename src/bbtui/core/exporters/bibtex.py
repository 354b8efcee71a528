"""BibTeX for biblatex: the cited sources as `@online` entries.

Made from the same CSL-JSON items as the styled citations (bbtui.core.csl),
so both say the same thing: the key is the source's id; `title` is the
page's headline, or, when we only have our own description of the page,
`titleaddon` (printed plain, never as a headline); `organization` the
outlet; `date` at the precision the page shows (`2015`, `2015-07`,
`2015-07-24`); `url` and `urldate` (when the page was read); an archived
copy as `addendum` (the archive, the date) and `archiveurl`. Text fields are
escaped for LaTeX; `url` is written byte for byte (biblatex reads it
verbatim), except that braces, which no valid URL holds, are percent-encoded
so the field cannot end early. For biber and biblatex, which read UTF-8.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from bbtui.core.csl import CslItem, source_item
from bbtui.core.dataset_view import DatasetView
from bbtui.core.exporters.pieces import gathered, joined
from bbtui.core.exporters.selection import select
from bbtui.core.textsafe import visible_line

# LaTeX's special characters, each as text that prints it.
_LATEX = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_LATEX_RE = re.compile("[" + re.escape("".join(_LATEX)) + "]")
_KEY_UNSAFE = re.compile(r"[^A-Za-z0-9_:.\-]")


def latex_text(text: str) -> str:
    """A text field's value: one line, terminal-safe, LaTeX's specials escaped."""
    return _LATEX_RE.sub(lambda m: _LATEX[m.group()], visible_line(text))


def latex_url(url: str) -> str:
    """`url` as it is, with only `{` and `}` percent-encoded (they would end the field)."""
    return url.replace("{", "%7B").replace("}", "%7D")


def _iso(date: dict[str, Any] | None) -> str | None:
    if not date:
        return None
    parts = date["date-parts"][0]
    return "-".join([f"{parts[0]:04d}", *(f"{p:02d}" for p in parts[1:])])


def _fields(item: CslItem) -> list[tuple[str, str]]:
    fields: list[tuple[str, str]] = []
    if "title" in item:
        fields.append(("title", latex_text(item["title"])))
    if "genre" in item:
        fields.append(("titleaddon", latex_text(item["genre"])))
    fields.append(("organization", latex_text(item["container-title"])))
    outlet = item.get("custom", {}).get("outlet")
    if outlet:  # the outlet with our remark ("Reuters (China edition, English wire)")
        fields.append(("note", latex_text(outlet)))
    issued = _iso(item.get("issued"))
    if issued:
        fields.append(("date", issued))
    fields.append(("url", latex_url(item["URL"])))
    accessed = _iso(item.get("accessed"))
    if accessed:
        fields.append(("urldate", accessed))
    custom = item.get("custom", {})
    if "archive" in item:
        when = f", {custom['archive_date']}" if "archive_date" in custom else ""
        fields.append(("addendum", latex_text(f"Archived copy: {item['archive']}{when}")))
        # Not a biblatex field: kept so the address survives a round trip (biber ignores it).
        fields.append(("archiveurl", latex_url(item["archive_location"])))
    return fields


def entry(item: CslItem) -> str:
    key = _KEY_UNSAFE.sub("-", item["id"])
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in _fields(item))
    return f"@online{{{key},\n{body}}}\n"


def to_bibtex(dataset: DatasetView, only: Iterable[str] | None = None) -> str:
    return "".join(bibtex_pieces(dataset, only))


def bibtex_pieces(dataset: DatasetView, only: Iterable[str] | None = None) -> Iterator[str]:
    """`to_bibtex`'s text in pieces, a source at a time (the cited ids are held, not the sources)."""
    entries = (entry(source_item(source)) for source in select(dataset, only).iter_sources())
    return gathered(joined(entries))
