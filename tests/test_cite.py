"""Citation text: exact strings, because readers paste them into their work."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from bbtui.core import cite
from bbtui.core.loader import load
from bbtui.core.model import (
    Country,
    Dataset,
    Event,
    Outcome,
    PartialDate,
    Quote,
    Source,
    SpeechKind,
    TitleStatus,
)

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def mini() -> Dataset:
    return load(DATA / "mini.yaml")


def _dataset(*, quote: Quote, source: Source, event: Event | None = None) -> Dataset:
    event = event or Event(
        id="e",
        date=PartialDate(2015, 7),
        country="PK",
        title="T",
        summary="S",
        tags=(),
        sources=(source.id,),
    )
    country = Country(
        code="PK",
        name="Pakistan",
        first_year=2015,
        last_year=2016,
        demand="d",
        outcome=Outcome.WITHDRAWN,
        outcome_summary="o",
        response="r",
        sources=(source.id,),
    )
    return Dataset(
        title="t",
        description="",
        sources=(source,),
        countries=(country,),
        events=(event,),
        quotes=(quote,),
    )


SOURCE = Source(
    id="s",
    outlet="Dawn",
    title="PTA orders closure",
    url="https://dawn.example/a",
    published=PartialDate(2015, 7, 25),
    title_status=TitleStatus.PRINTED,
    read_at="https://copies.example/dawn-a",
)
QUOTE = Quote(
    id="q",
    event="e",
    text="We will comply.",
    speaker="A. Official",
    role="Spokesman, PTA",
    said=PartialDate(2015, 7),
    source="s",
    kind=SpeechKind.DIRECT,
)


def test_quote_with_unknown_publication_date(mini: Dataset) -> None:
    quote = mini.quote_by_id["q-beard-swath"]
    assert cite.cite_quote(mini, quote) == (
        "“Pakistan’s demand for open access to monitor a significant swath of our "
        "customers’ communications within its borders left us no choice but to exit "
        "the country entirely.”\n"
        "— Marty Beard, Chief operating officer, BlackBerry, 30 Nov 2015; "
        "EconoTimes, [headline not recorded], n.d., "
        "https://econotimes.com/Blackberry-To-Cease-Operations-In-Pakistan-Following-Governments-Backdoor-Demands-124201, "
        "accessed 1 Dec 2026"
    )


def test_quote_date_keeps_its_precision_note_and_translation() -> None:
    quote = replace(QUOTE, said_note="approximate", translated=True)
    dataset = _dataset(quote=quote, source=SOURCE)
    assert cite.cite_quote(dataset, quote) == (
        "“We will comply.”\n"
        "— A. Official, Spokesman, PTA, Jul 2015 (approximate), translated by the outlet; "
        "Dawn, “PTA orders closure”, 25 Jul 2015, https://dawn.example/a"
    )


def test_year_only_dates_stay_year_only() -> None:
    quote = replace(QUOTE, said=PartialDate(2010))
    source = replace(SOURCE, published=PartialDate(2011))
    line = cite.citation_line(_dataset(quote=quote, source=source), quote)
    assert (
        line
        == "— A. Official, Spokesman, PTA, 2010; Dawn, “PTA orders closure”, 2011, https://dawn.example/a"
    )


def test_event_citation(mini: Dataset) -> None:
    event = mini.event_by_id["pk-directive"]
    assert cite.cite_event(mini, event) == (
        "Regulator orders operators to close enterprise service\n"
        '24 Jul 2015 (derived: "said on Friday" in a story datelined 24 July) · Pakistan\n'
        "The telecoms regulator told mobile operators to shut BlackBerry Enterprise "
        "Service from 30 November, citing security.\n"
        "Sources:\n"
        "- Reuters, [headline not recorded], "
        "24 Jul 2015, http://cn.reuters.com/article/pakistan-telecoms-idCNL3N1045FS20150724, "
        "accessed 1 Dec 2026"
    )


def test_event_citation_lists_every_source(mini: Dataset) -> None:
    text = cite.cite_event(mini, mini.event_by_id["pk-exit-announced"])
    assert text.splitlines()[-2:] == [
        (
            "- The Verge, “BlackBerry is leaving Pakistan after government demands access to "
            "user data”, 30 Nov 2015, "
            "https://www.theverge.com/2015/11/30/9818502/blackberry-pakistan-ends-service-government, "
            "accessed 1 Dec 2026, archived 2 Dec 2015 at https://archive.example/2015/verge-pakistan"
        ),
        (
            "- International Business Times UK, “BlackBerry to exit Pakistan”, n.d., "
            "https://www.ibtimes.co.uk/blackberry-exit-pakistan-government-demands-access-its-bes-servers-1531234, "
            "accessed 1 Dec 2026"
        ),
    ]


@pytest.mark.parametrize("status", [TitleStatus.LABEL, TitleStatus.UNKNOWN])
def test_a_title_not_read_from_a_copy_is_never_quoted_as_a_headline(status: TitleStatus) -> None:
    source = replace(SOURCE, title_status=status, read_at=None, published=None)
    text = cite.source_citation(source)
    assert text == "Dawn, [headline not recorded], n.d., https://dawn.example/a"
    assert "PTA orders closure" not in text


def test_source_citation_escape_and_link_hooks() -> None:
    text = cite.source_citation(SOURCE, escape=str.upper, link=lambda url: f"<{url}>")
    assert text == "DAWN, “PTA ORDERS CLOSURE”, 25 Jul 2015, <https://dawn.example/a>"


def test_hostile_text_is_made_visible() -> None:
    quote = replace(QUOTE, text="line one\nline \x1b[2J two", speaker="X\u202eY\x07")
    source = replace(SOURCE, outlet="Out\nlet", url="https://a.example/\x1b]52;c;x\x07")
    text = cite.cite_quote(_dataset(quote=quote, source=source), quote)
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    # The quote keeps its line break; the citation stays on one line.
    assert text.split("\n") == [
        "“line one",
        "line ␛[2J two”",
        (
            "— X<U+202E>Y␇, Spokesman, PTA, Jul 2015; Out let, “PTA orders closure”, 25 Jul 2015, "
            "https://a.example/␛]52;c;x␇"
        ),
    ]
