"""The strict loader on valid data: the model it builds, scalar rules, progress."""

from __future__ import annotations

from pathlib import Path

import pytest

from bbtui.core.errors import DatasetError
from bbtui.core.loader import load, load_with_locations
from bbtui.core.model import Outcome, PartialDate, SpeechKind
from bbtui.core.paths import shipped_dataset
from corpus import base_text

DATA = Path(__file__).parent / "data"


def _write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "d.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def _messages(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(DatasetError) as caught:
        load(_write(tmp_path, text))
    return [f"{p.line}:{p.column}: {p.message}" for p in caught.value.problems]


def test_mini_builds_an_immutable_model_in_timeline_order():
    dataset = load(DATA / "mini.yaml")
    assert dataset.counts() == {"events": 6, "quotes": 6, "countries": 3, "sources": 7}
    assert [e.id for e in dataset.events] == [
        "in-pressure", "in-reprieve", "ae-withdrawn", "pk-directive", "pk-exit-announced", "pk-reversal",
    ]  # fmt: skip
    assert isinstance(dataset.events, tuple) and isinstance(dataset.events[0].tags, tuple)
    assert dataset.event_by_id["in-pressure"].date == PartialDate(2008)
    assert dataset.event_by_id["ae-withdrawn"].date == PartialDate(2010, 10)
    assert dataset.country_by_code["IN"].outcome is Outcome.PARTIAL_ACCESS
    assert dataset.country_by_code["PK"].first_year == 2015
    assert dataset.source_by_id["ibtimes-uk-exit"].published is None
    assert dataset.source_by_id["ibtimes-uk-exit"].file == "000_966aa456532ed3ec.txt"
    assert dataset.quote_by_id["q-pta-directive"].kind is SpeechKind.REPORTED
    assert dataset.event_by_id["pk-reversal"].notes[0].sources == (
        "techtimes-2015-12-31",
        "verge-2015-11-30",
    )
    with pytest.raises(AttributeError):
        dataset.events[0].title = "changed"  # type: ignore[misc]


def test_same_date_events_keep_file_order(tmp_path):
    text = base_text().replace(
        "quotes:\n",
        (
            "  - id: ev-b\n    date: 2015-11-30\n    country: PK\n    title: B\n    summary: B.\n    sources: [src-a]\n"
            "  - id: ev-c\n    date: 2015-11\n    country: PK\n    title: C\n    summary: C.\n    sources: [src-a]\n"
            "quotes:\n"
        ),
    )
    assert [e.id for e in load(_write(tmp_path, text)).events] == ["ev-c", "ev-a", "ev-b"]


def test_hostile_text_loads_unchanged():
    dataset = load(DATA / "hostile.yaml")
    assert "\x1b[2J" in dataset.title
    assert "\u202e" in dataset.event_by_id["longword"].summary


def test_shipped_dataset_is_valid():
    dataset = load(shipped_dataset())
    assert dataset.counts()["events"] >= 35 and dataset.counts()["quotes"] >= 30


def test_scalars_are_read_as_written(tmp_path):
    text = (
        base_text()
        .replace("    date: 2015-11-30", "    date: '2015-11-30'")
        .replace("    kind: direct", "    kind: direct\n    translated: true")
        .replace("title: Corpus base", "title: 2015")
    )
    dataset = load(_write(tmp_path, text))
    assert dataset.title == "2015"
    assert dataset.events[0].date == PartialDate(2015, 11, 30)
    assert dataset.quotes[0].translated is True


@pytest.mark.parametrize("value", ["True", "yes", "'true'", "1"])
def test_translated_accepts_only_true_or_false(tmp_path, value):
    text = base_text().replace("    kind: direct", f"    kind: direct\n    translated: {value}")
    [message] = _messages(tmp_path, text)
    assert message.startswith("36:17: 'translated' must be true or false, not ")


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("2015-02-29", "'date' 2015-02-29 does not exist: 2015-02 has no day 29"),
        ("2016-02-30", "'date' 2016-02-30 does not exist: 2016-02 has no day 30"),
        ("0000", "'date' 0000 does not exist: there is no year 0"),
        ("2015-7-4", "'date' '2015-7-4' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"),
        ("Nov 30, 2015", "'date' 'Nov 30, 2015' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"),
        ("'  '", "'date' must not be empty"),
    ],
)
def test_dates(tmp_path, date, message):
    text = base_text().replace("    date: 2015-11-30", f"    date: {date}")
    assert _messages(tmp_path, text) == [f"22:11: {message}"]


@pytest.mark.parametrize("control", ["\\e", "\\a", "\\x9b", "\\x7f", "\\0"])
def test_a_control_character_in_an_address_is_refused(tmp_path, control):
    text = base_text().replace(
        "    url: https://example.com/a", f'    url: "https://example.com/a{control}]2;x"'
    )
    (message,) = _messages(tmp_path, text)
    assert message.startswith("8:10: 'url' ") and message.endswith(
        "holds a control character: percent-encode it (%1B)"
    )


def test_leap_day_is_a_date(tmp_path):
    text = base_text().replace("    date: 2015-11-30", "    date: 2016-02-29")
    assert load(_write(tmp_path, text)).events[0].date == PartialDate(2016, 2, 29)


def test_every_problem_is_reported_not_just_the_first(tmp_path):
    text = (
        base_text()
        .replace("    title: Something happened", "    title: ''")
        .replace("    said: 2015-11-30", "    said: soon")
        .replace("    url: https://example.com/a", "    url: ftp://example.com/a")
    )
    assert _messages(tmp_path, text) == [
        "8:10: 'url' 'ftp://example.com/a' is not a web address: it must start with http:// or https://",
        "24:12: 'title' must not be empty",
        "33:11: 'said' 'soon' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD",
    ]


def test_unknown_reference_suggests_the_close_one(tmp_path):
    text = base_text().replace("    event: ev-a", "    event: ev-aa")
    assert _messages(tmp_path, text) == ["29:12: unknown event 'ev-aa'; did you mean 'ev-a'?"]


def test_note_fields_are_checked(tmp_path):
    text = base_text().replace(
        "    sources: [src-a]\nquotes:",
        (
            "    sources: [src-a]\n    notes:\n      - kind: conflict\n        text: x\n        sources: [nope]\n"
            "      - kind: dispute\n        txt: y\n        sources: []\nquotes:"
        ),
    )
    assert _messages(tmp_path, text) == [
        "30:19: unknown source 'nope'",
        "31:15: 'kind' 'dispute' is not one of: conflict, unconfirmed, correction",
        "32:9: unknown field 'txt' in a note; did you mean 'text'?",
        "33:18: 'sources' must list at least one source",
    ]


def test_file_must_be_a_bare_name(tmp_path):
    text = base_text().replace(
        "    published: 2015-11-30", "    published: 2015-11-30\n    file: ../etc/passwd"
    )
    assert _messages(tmp_path, text) == [
        "10:11: 'file' '../etc/passwd' must be a bare file name, without folders"
    ]


def test_empty_top_level_lists_are_refused(tmp_path):
    text = base_text().split("events:")[0] + "events: []\nquotes: []\n"
    assert _messages(tmp_path, text) == ["20:9: 'events' must not be empty"]


def test_message_text_from_the_file_is_inert(tmp_path):
    text = base_text().replace("    summary: A summary.", '    "su\\e[2Jmmary": A summary.')
    [unknown] = _messages(tmp_path, text)
    assert "\x1b" not in unknown and "␛[2J" in unknown


def test_a_file_broken_everywhere_stops_at_a_thousand_problems(tmp_path):
    record = "  - id: Bad Id\n    oops: 1\n"
    text = base_text().replace("quotes:\n", "quotes:\n" + record * 1500, 1)
    text = text.replace("  - id: q-a", "  - id: q-a", 1)
    with pytest.raises(DatasetError) as caught:
        load(_write(tmp_path, text))
    problems = caught.value.problems
    assert len(problems) == 1001
    assert problems[-1].message.startswith("… and ") and problems[-1].message.endswith(
        "more problems not shown"
    )


def test_progress_rises_to_one(tmp_path):
    event = "  - id: ev-{n}\n    date: 2015\n    country: PK\n    title: T\n    summary: S.\n    sources: [src-a]\n"
    text = base_text().replace(
        "quotes:\n", "".join(event.format(n=n) for n in range(3000)) + "quotes:\n"
    )
    seen: list[float] = []
    load(_write(tmp_path, text), progress=seen.append)
    assert len(seen) >= 5
    assert seen == sorted(seen) and seen[-1] == 1.0 and 0 <= seen[0] < 0.5


def test_locations_point_at_quote_texts_and_source_files():
    _, where = load_with_locations(DATA / "mini.yaml")
    assert where.quote_text["q-pta-directive"] == (159, 11)
    assert where.source_file["ibtimes-uk-exit"] == (13, 11)
