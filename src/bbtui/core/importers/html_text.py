"""HTML from a timeline cell as plain text, with the links it holds.

TimelineJS cells hold HTML (`<p>`, `<a href>`, `<b>`...). bbtui stores plain
text and shows it literally, so tags go, block elements become line breaks
and entities are decoded; `<script>` and `<style>` contents are dropped
rather than shown as text. Links are kept apart (http and https only) so the
importer can cite them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

_BLOCKS = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "tr",
        "table",
        "section",
        "article",
        "header",
        "footer",
    ]
)
_DROPPED = frozenset(("script", "style", "template"))
_BARE_URL = re.compile(r"https?://[^\s<>\"']+")
_SPACES = re.compile(r"[ \t\r\f\v]+")


@dataclass(frozen=True)
class Link:
    url: str
    text: str  # the link's own words, or the URL when it has none


@dataclass
class _Parser(HTMLParser):
    parts: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    _dropping: int = 0
    _href: str | None = None
    _link_words: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED:
            self._dropping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")
        elif tag == "a":
            href = (dict(attrs).get("href") or "").strip()
            self._href = href if href.lower().startswith(("http://", "https://")) else None
            self._link_words = []

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED:
            self._dropping = max(0, self._dropping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")
        elif tag == "a" and self._href:
            words = " ".join("".join(self._link_words).split())
            self.links.append(Link(self._href, words or self._href))
            self._href = None

    def handle_data(self, data: str) -> None:
        if self._dropping:
            return
        self.parts.append(data)
        if self._href:
            self._link_words.append(data)


def html_to_text(markup: str) -> tuple[str, list[Link]]:
    """The text a reader sees (paragraphs separated by blank lines) and its links."""
    parser = _Parser()
    parser.feed(markup)
    parser.close()
    lines = [_SPACES.sub(" ", line).strip() for line in "".join(parser.parts).split("\n")]
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line:
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    text = "\n\n".join(" ".join(p) for p in paragraphs if p)
    links = list(parser.links)
    linked = {link.url for link in links}
    for found in _BARE_URL.findall(text):
        url = found.rstrip(".,;:!?)")
        if url not in linked:
            linked.add(url)
            links.append(Link(url, url))
    return text, links
