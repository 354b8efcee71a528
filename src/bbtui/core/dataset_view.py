"""What the explorer and the commands may ask of an open dataset, however it was opened.

Both the in-memory `Dataset` (a small file, or the first open of a big one)
and `bbtui.core.store.StoredDataset` (a big file read from its store a few
rows at a time) provide these. Ask by position (`events[i]`, the timeline's
order) or by id; iterate a whole list only where every record is needed, and
prefer `whole()` there (it builds the complete in-memory model once).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Protocol

from bbtui.core.model import Country, Dataset, Event, Quote, Source


class DatasetView(Protocol):
    title: str
    description: str
    path: str | None

    @property
    def events(self) -> Sequence[Event]: ...
    @property
    def quotes(self) -> Sequence[Quote]: ...
    @property
    def sources(self) -> Sequence[Source]: ...
    @property
    def countries(self) -> Sequence[Country]: ...
    @property
    def event_by_id(self) -> Mapping[str, Event]: ...
    @property
    def quote_by_id(self) -> Mapping[str, Quote]: ...
    @property
    def source_by_id(self) -> Mapping[str, Source]: ...
    @property
    def country_by_code(self) -> Mapping[str, Country]: ...
    @property
    def event_index(self) -> Mapping[str, int]: ...
    @property
    def events_by_country(self) -> Mapping[str, tuple[int, ...]]: ...

    def quotes_for(self, event_id: str) -> tuple[Quote, ...]: ...
    def sources_for(self, ids: tuple[str, ...] | list[str]) -> Iterator[Source]: ...
    def counts(self) -> dict[str, int]: ...
    def whole(self) -> Dataset: ...
