"""Styled citations from CSL-JSON items: Chicago 18th (notes and bibliography),
APA 7th and MLA 9th, in pure Python.

Users have no node, so bbtui cannot run citeproc-js; and citeproc-py gets
Chicago and MLA wrong. This renderer covers exactly the item shapes that
bbtui.core.csl makes (a `webpage` with a headline or a description, an
outlet, a date of one, two or three parts or none, an access date, an
archived copy), following what the official style files make citeproc-js
print for them. tests/test_citeproc_reference.py checks it against
citeproc-js itself, item by item, for every source of the shipped dataset.

A citation is a tuple of Spans (text, italic), so the same words can be
printed as plain text, as citeproc-js's HTML, or as Markdown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bbtui.core.cite_style import Form, Style

# bbtui.core.titlecase (its expressions take ~7 ms to compile) is imported
# where it is used: this module is imported for the first citation made.

CslItem = dict[str, Any]

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
# The en-US locale's short month terms (MLA uses them).
MONTHS_SHORT = (
    "Jan.", "Feb.", "Mar.", "Apr.", "May", "June",
    "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    italic: bool = False


@dataclass(frozen=True, slots=True)
class Citation:
    spans: tuple[Span, ...]

    def plain(self) -> str:
        return "".join(span.text for span in self.spans)

    def html(self) -> str:
        """As citeproc-js's "html" output format writes it."""
        out = []
        for span in self.spans:
            text = span.text.replace("&", "&#38;").replace("<", "&#60;").replace(">", "&#62;")
            text = text.replace("  ", "\u00a0 ")
            out.append(f"<i>{text}</i>" if span.italic and text else text)
        return "".join(out)

    def markdown(self, escape: Any) -> str:
        """Italics as `*…*`; `escape` makes each piece of text safe for Markdown."""
        return "".join(
            f"*{escape(span.text)}*" if span.italic else escape(span.text) for span in self.spans
        )


_OPENING = re.compile(r"(?:^|(?<=[\s(\[]))['\"](?=\S)")
_SPACED_MARK = re.compile(r" ([?!;])")
_CLOSING = re.compile(r"(?<=\S)['\"](?=$|[\s.,;:!?)\]])")


def _typographic(text: str) -> str:
    """Straight quotation marks as citeproc-js prints them: a pair ('a spyware')
    is a quotation, “a spyware” (made single inside a quoted title by
    `_quoted`); any other straight apostrophe is a typographic one."""
    out: list[str] = []
    at = 0
    while True:
        opening = _OPENING.search(text, at)
        if opening is None:
            break
        mark = opening.group()
        closing = next(
            (m for m in _CLOSING.finditer(text, opening.end()) if m.group() == mark), None
        )
        if closing is None:
            break
        out += [
            text[at : opening.start()],
            "\u201c",
            text[opening.end() : closing.start()],
            "\u201d",
        ]
        at = closing.end()
    out.append(text[at:])
    # A space before ? ! or ; (French spacing) is printed narrow and unbreakable.
    return _SPACED_MARK.sub("\u202f\\1", "".join(out).replace("'", "\u2019"))


@dataclass(frozen=True, slots=True)
class _Field:
    """One element of a citation, before delimiters join them."""

    text: str
    italic: bool = False
    quoted: bool = False
    raw: bool = False  # a URL: printed byte for byte, never retyped


_TERMINAL = (".", "?", "!")
_CLOSERS = ("\u2019", "\u201d")


def _ends_a_sentence(text: str) -> bool:
    return text.rstrip("".join(_CLOSERS)).endswith(_TERMINAL)


def _quoted(text: str, punctuation: str) -> str:
    """`“text”` with inner double quotes made single, and `punctuation` (a comma or
    period, en-US) inside the closing marks."""
    inner = text.replace("\u201c", "\u2018").replace("\u201d", "\u2019")
    if inner.endswith("\u2019") and punctuation:
        inner = inner[:-1] + punctuation + "\u2019"
    else:
        inner += punctuation
    return f"\u201c{inner}\u201d"


def _join(fields: list[_Field | None], delimiter: str, suffix: str = "") -> list[Span]:
    """Fields joined by `delimiter`, ending with `suffix`. A comma or period after a
    quoted field goes inside the closing quotation mark (en-US), and a period after
    a field that already ends a sentence (`?`, `!`, `.`) is dropped."""
    present = [f for f in fields if f is not None and f.text]
    spans: list[Span] = []
    for i, item in enumerate(present):
        after = delimiter if i < len(present) - 1 else suffix
        text = item.text if item.raw else _typographic(item.text)
        if after.startswith(".") and not item.raw and _ends_a_sentence(text):
            after = after[1:]
        if item.quoted:
            inside = after[:1] if after[:1] in (",", ".") else ""
            spans.append(Span(_quoted(text, inside), item.italic))
            after = after[len(inside) :]
        else:
            if not item.raw and text.endswith(_CLOSERS) and after[:1] in (",", "."):
                text, after = text[:-1] + after[0] + text[-1], after[1:]
            spans.append(Span(text, item.italic))
        if after:
            spans.append(Span(after))
    return spans


def _date_parts(date: dict[str, Any] | None) -> list[int]:
    if not date:
        return []
    return [int(p) for p in date["date-parts"][0]]


def _long_date(parts: list[int]) -> str:
    """Chicago and APA's retrieval date: `August 5, 2015`, `August 2015`, `2015`."""
    if len(parts) == 3:
        return f"{MONTHS[parts[1] - 1]} {parts[2]}, {parts[0]}"
    if len(parts) == 2:
        return f"{MONTHS[parts[1] - 1]} {parts[0]}"
    return str(parts[0])


def _mla_date(parts: list[int]) -> str:
    """`5 Aug. 2015`, `Aug. 2015`, `2015`."""
    if len(parts) == 3:
        return f"{parts[2]} {MONTHS_SHORT[parts[1] - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{MONTHS_SHORT[parts[1] - 1]} {parts[0]}"
    return str(parts[0])


def _apa_date(parts: list[int]) -> str:
    """`2015, August 5`, `2015, August`, `2015`, or `n.d.`."""
    if not parts:
        return "n.d."
    if len(parts) == 1:
        return str(parts[0])
    day = f" {parts[2]}" if len(parts) == 3 else ""
    return f"{parts[0]}, {MONTHS[parts[1] - 1]}{day}"


def _english(item: CslItem) -> bool:
    # citeproc-js applies title case only to items in English (or of no language).
    language = str(item.get("language") or "en")
    return language.lower().startswith("en")


def _cased(item: CslItem, text: str | None) -> str | None:
    if text is None:
        return None
    from bbtui.core.titlecase import title_case

    return title_case(text) if _english(item) else text


class _Item:
    """The variables of one item, as the three styles read them."""

    def __init__(self, item: CslItem) -> None:
        unsupported = item.get("type") != "webpage"
        if unsupported:
            raise ValueError(f"{item.get('id')}: only CSL type 'webpage' is supported")
        self.item = item
        self.title: str | None = item.get("title")
        self.label: str | None = item.get("genre")
        self.container: str | None = item.get("container-title")
        self.url: str | None = item.get("URL")
        self.issued = _date_parts(item.get("issued"))
        self.accessed = _date_parts(item.get("accessed"))
        self.archive: str | None = item.get("archive")
        self.archive_location: str | None = item.get("archive_location")

    def cased(self, text: str | None) -> str | None:
        return _cased(self.item, text)


def _url(item: _Item) -> _Field | None:
    return _Field(item.url, raw=True) if item.url else None


def _text(text: str | None, **kwargs: bool) -> _Field | None:
    return _Field(text, **kwargs) if text else None


def _raw(text: str | None) -> _Field | None:
    return _Field(text, raw=True) if text else None


# ---------------------------------------------------------------- Chicago 18th


def _chicago_heading(item: _Item) -> _Field | None:
    if item.title:
        return _text(item.cased(item.title), quoted=True)
    return _text(item.label)


def _chicago_accessed(item: _Item, word: str) -> _Field | None:
    # The access date only stands in for a missing publication date (CMOS 14.15).
    if item.issued or not item.accessed:
        return None
    return _Field(f"{word} {_long_date(item.accessed)}")


def _chicago_bibliography(item: _Item) -> list[Span]:
    archive_location = None
    if item.archive_location:
        from bbtui.core.titlecase import capitalize_first

        archive_location = _raw(capitalize_first(item.archive_location))
    return _join(
        [
            _text(item.cased(item.container)),
            _chicago_heading(item),
            _text(_long_date(item.issued)) if item.issued else None,
            archive_location,
            _text(item.archive),
            _chicago_accessed(item, "Accessed"),
            _url(item),
        ],
        ". ",
        ".",
    )


def _chicago_note(item: _Item) -> list[Span]:
    return _join(
        [
            _chicago_heading(item),
            _text(item.cased(item.container)),
            _text(_long_date(item.issued)) if item.issued else None,
            _raw(item.archive_location),
            _text(item.archive),
            _chicago_accessed(item, "accessed"),
            _url(item),
        ],
        ", ",
        ".",
    )


# ---------------------------------------------------------------- APA 7th


def _apa_bibliography(item: _Item) -> list[Span]:
    heading: _Field | None = None
    if item.title:
        heading = _Field(item.title, italic=True)
    elif item.label:
        heading = _Field(f"[{item.label}]")
    date = f"({_apa_date(item.issued)})"
    if heading is None:
        from bbtui.core.titlecase import capitalize_first

        date = capitalize_first(date)  # "(N.d.)" opens the entry
    archive = None
    if item.archive and item.archive_location:
        archive = _Field(f"{item.archive} ({item.archive_location})", raw=True)
    retrieval: _Field | None = _url(item)
    if not item.issued and item.url:
        # Undated pages may change: say when the page was read (APA 9.16).
        when = f"{_long_date(item.accessed)}, from " if item.accessed else ""
        retrieval = _Field(f"Retrieved {when}{item.url}", raw=True)
    spans = _join(
        [heading, _Field(date), archive, _text(item.cased(item.container))],
        ". ",
        ". " if retrieval else ".",
    )
    if retrieval is not None:
        spans.append(Span(retrieval.text))
    return spans


def _apa_note(item: _Item) -> list[Span]:
    heading: _Field | None = None
    if item.title:
        heading = _Field(item.cased(item.title) or "", italic=True)
    elif item.label:
        heading = _Field(f"[{item.label}]")
    year = str(item.issued[0]) if item.issued else "n.d."
    return [Span("("), *_join([heading, _Field(year)], ", "), Span(")")]


# ---------------------------------------------------------------- MLA 9th


def _mla_bibliography(item: _Item) -> list[Span]:
    heading = _text(item.cased(item.title), quoted=True) if item.title else _text(item.label)
    rest = [
        _text(item.cased(item.container), italic=True),
        _text(_mla_date(item.issued)) if item.issued else None,
        _text(item.archive),
        _raw(item.archive_location),
        _url(item),
    ]
    accessed = None
    if not item.issued and item.accessed:
        accessed = f"Accessed {_mla_date(item.accessed)}."
    spans = _join([heading], ". ", ". ") if heading else []
    spans += _join(rest, ", ", "." + (" " if accessed else ""))
    if accessed:
        spans.append(Span(accessed))
    return spans


def _mla_note(item: _Item) -> list[Span]:
    if item.title:
        heading = _Field(item.cased(item.title) or "", quoted=True)
    else:
        heading = _Field(item.label or "")
    return [Span("("), *_join([heading], ""), Span(")")]


_RENDERERS = {
    (Style.CHICAGO, Form.BIBLIOGRAPHY): _chicago_bibliography,
    (Style.CHICAGO, Form.NOTE): _chicago_note,
    (Style.APA, Form.BIBLIOGRAPHY): _apa_bibliography,
    (Style.APA, Form.NOTE): _apa_note,
    (Style.MLA, Form.BIBLIOGRAPHY): _mla_bibliography,
    (Style.MLA, Form.NOTE): _mla_note,
}


def render(item: CslItem, style: Style, form: Form = Form.BIBLIOGRAPHY) -> Citation:
    """One CSL-JSON item (from bbtui.core.csl) in `style` and `form`."""
    spans = _RENDERERS[(style, form)](_Item(item))
    merged: list[Span] = []
    for span in spans:  # adjacent spans of the same kind read as one
        if merged and merged[-1].italic == span.italic:
            merged[-1] = Span(merged[-1].text + span.text, span.italic)
        elif span.text:
            merged.append(span)
    return Citation(tuple(merged))
