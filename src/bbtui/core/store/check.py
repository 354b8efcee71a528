"""Rows of a store back into model objects, refusing anything the validator would refuse.

The store lives in the user's cache directory: anyone (or any bug, or a full
disk) may have changed it since bbtui wrote it. So every row is checked as it
is read, with the validator's own rules (ids, country codes, web addresses,
dates, the fixed vocabularies, non-empty stripped text), and every reference
it makes is looked up. Anything off raises `StoreDamaged`; the caller then
discards the store and reads the YAML again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from json.decoder import JSONDecoder
from json.encoder import JSONEncoder, encode_basestring
from typing import Any

from bbtui.core.model import (
    Country,
    Event,
    Note,
    NoteKind,
    Outcome,
    PartialDate,
    Quote,
    Source,
    SpeechKind,
    TitleStatus,
)  # fmt: skip
from bbtui.core.shapes import (  # the validator's own rules
    COUNTRY_CODE_SHAPE,
    ID_SHAPE,
    URL_SHAPE,
)

# A list field in a store we wrote is short; a longer one is damage (and a
# bound keeps json.loads away from a `[[[[…` bomb).
MAX_JSON = 1 << 20
_OUTCOMES = {o.value: o for o in Outcome}
_SPEECH = {k.value: k for k in SpeechKind}
_NOTE_KINDS = {k.value: k for k in NoteKind}
_TITLE_STATUS = {k.value: k for k in TitleStatus}

# Printing 48k search hits checks ~110k rows: json.dumps builds an encoder per
# call (a third of a digest) and json.loads wraps its scanner in Python (most
# of a short list's read), so both are made once. The same JSON either way.
_C_ENCODER = json.encoder.c_make_encoder  # type: ignore[attr-defined]  # what json.dumps uses
_ENCODE = (
    None
    if _C_ENCODER is None
    else _C_ENCODER(
        None, JSONEncoder().default, encode_basestring, None, ":", ",", False, False, True
    )
)
_SCAN = JSONDecoder().scan_once  # type: ignore[attr-defined]
# Dates repeat (a day has many quotes) and a PartialDate is immutable: one each.
_DATES: dict[str, PartialDate] = {}


class StoreDamaged(Exception):
    """The store does not hold what bbtui would have written: discard it."""


def row_digest(values: tuple[Any, ...]) -> bytes:
    """The `crc` of a record row (see `schema`): its values as JSON, hashed."""
    if _ENCODE is not None and type(values) is tuple:
        text = "".join(_ENCODE(values, 0))  # what json.dumps below returns
    else:
        text = json.dumps(values, ensure_ascii=False, separators=(",", ":"))
    encoded = text.encode("utf-8", "surrogatepass")
    return hashlib.blake2b(encoded, digest_size=8).digest()


def signed(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """The row without its `crc`, if the `crc` matches; else StoreDamaged."""
    values, crc = row[:-1], row[-1]
    try:
        if crc != row_digest(values):
            raise StoreDamaged("a row changed since bbtui wrote it")
    except (TypeError, ValueError, RecursionError):
        raise StoreDamaged("a row bbtui could not have written") from None
    return values


def text(value: Any) -> str:
    if type(value) is not str or not value or value != value.strip():
        raise StoreDamaged("expected non-empty text")
    return value


def optional(value: Any) -> str | None:
    return None if value is None else text(value)


def identifier(value: Any) -> str:
    if type(value) is not str or not ID_SHAPE.match(value):
        raise StoreDamaged("expected an id")
    return value


def country_code(value: Any) -> str:
    if type(value) is not str or not COUNTRY_CODE_SHAPE.match(value):
        raise StoreDamaged("expected a country code")
    return value


def url(value: Any) -> str:
    if type(value) is not str or not URL_SHAPE.match(value):
        raise StoreDamaged("expected a web address")
    return value


def date(value: Any) -> PartialDate:
    if type(value) is not str:
        raise StoreDamaged("expected a date")
    found = _DATES.get(value)
    if found is not None:
        return found
    try:
        found = PartialDate.parse(value)
    except ValueError:
        raise StoreDamaged("expected a date") from None
    if len(_DATES) > 100_000:
        _DATES.clear()
    _DATES[value] = found
    return found


def year(value: Any) -> int:
    if type(value) is not int or not 1 <= value <= 9999:
        raise StoreDamaged("expected a year")
    return value


def file_name(value: Any) -> str | None:
    if value is None:
        return None
    name = text(value)
    if "/" in name or "\\" in name or "\0" in name or name in (".", ".."):
        raise StoreDamaged("expected a bare file name")
    return name


def json_list(value: Any) -> list[Any]:
    if type(value) is not str or len(value) > MAX_JSON:
        raise StoreDamaged("expected a list")
    if value == "[]":  # most notes and reports: nothing to parse
        return []
    try:
        # json.loads runs this scanner from the first non-space character.
        items, end = _SCAN(value, 0) if value[:1] == "[" else (None, -1)
        if end != len(value):  # space around it, or something after: loads decides
            items = json.loads(value)
    except (ValueError, RecursionError, StopIteration):
        raise StoreDamaged("expected a list") from None
    if type(items) is not list:
        raise StoreDamaged("expected a list")
    return items


def ids(value: Any, exists: Callable[[str], bool], *, at_least_one: bool) -> tuple[str, ...]:
    items = json_list(value)
    if at_least_one and not items:
        raise StoreDamaged("expected at least one id")
    found = tuple(identifier(item) for item in items)
    for item in found:
        if not exists(item):
            raise StoreDamaged("a reference to nothing")
    return found


def tags(value: Any) -> tuple[str, ...]:
    return tuple(text(item) for item in json_list(value))


def notes(value: Any, source_exists: Callable[[str], bool]) -> tuple[Note, ...]:
    found = []
    for item in json_list(value):
        if type(item) is not list or len(item) != 3 or item[0] not in _NOTE_KINDS:
            raise StoreDamaged("expected a note")
        sources = ids(json.dumps(item[2]), source_exists, at_least_one=False)
        found.append(Note(_NOTE_KINDS[item[0]], text(item[1]), sources))
    return tuple(found)


def choice(value: Any, choices: dict[str, Any]) -> Any:
    if type(value) is not str or value not in choices:
        raise StoreDamaged("expected one of a fixed set of values")
    return choices[value]


def source(row: tuple[Any, ...], source_exists: Callable[[str], bool]) -> Source:
    (_, sid, outlet, title, address, published, published_note, file, note_rows, status,
     read_at, accessed, archive_url, archive_date) = signed(row)[:14]  # fmt: skip
    return Source(
        identifier(sid), text(outlet), text(title), url(address),
        None if published is None else date(published), optional(published_note),
        file_name(file), notes(note_rows, source_exists), choice(status, _TITLE_STATUS),
        None if read_at is None else url(read_at), None if accessed is None else date(accessed),
        None if archive_url is None else url(archive_url),
        None if archive_date is None else date(archive_date),
    )  # fmt: skip


def country(row: tuple[Any, ...], source_exists: Callable[[str], bool]) -> Country:
    _, code, name, first, last, demand, outcome, summary, response, sources, note_rows = signed(row)
    first, last = year(first), year(last)
    if last < first:
        raise StoreDamaged("a country's years run backwards")
    return Country(
        country_code(code), text(name), first, last, text(demand), choice(outcome, _OUTCOMES),
        text(summary), text(response), ids(sources, source_exists, at_least_one=True),
        notes(note_rows, source_exists),
    )  # fmt: skip


def event(
    row: tuple[Any, ...],
    country_exists: Callable[[str], bool],
    source_exists: Callable[[str], bool],
) -> Event:
    _, eid, when, code, title, summary, tag_list, sources, date_note, note_rows = signed(row)
    if not country_exists(country_code(code)):
        raise StoreDamaged("an event in no known country")
    return Event(
        identifier(eid), date(when), code, text(title), text(summary), tags(tag_list),
        ids(sources, source_exists, at_least_one=True), optional(date_note),
        notes(note_rows, source_exists),
    )  # fmt: skip


def quote(
    row: tuple[Any, ...], event_exists: Callable[[str], bool], source_exists: Callable[[str], bool]
) -> Quote:
    (_, qid, eid, words, speaker, role, said, sid, kind, said_note, translated, note_rows,
     first, repeats, reported_note) = signed(row)  # fmt: skip
    if not event_exists(identifier(eid)):
        raise StoreDamaged("a quote of no known event")
    if not source_exists(identifier(sid)):
        raise StoreDamaged("a quote citing no known source")
    if translated not in (0, 1) or type(translated) is not int:
        raise StoreDamaged("expected a flag")
    return Quote(
        identifier(qid), eid, text(words), text(speaker), text(role), date(said), sid,
        choice(kind, _SPEECH), optional(said_note), translated == 1,
        notes(note_rows, source_exists), _reference(first, source_exists),
        ids(repeats, source_exists, at_least_one=False), optional(reported_note),
    )  # fmt: skip


def _reference(value: Any, exists: Callable[[str], bool]) -> str | None:
    """An optional id that must name a record (a quote's first report)."""
    if value is None:
        return None
    found = identifier(value)
    if not exists(found):
        raise StoreDamaged("a reference to nothing")
    return found
