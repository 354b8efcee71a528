"""The streaming first open (loader.stream) is the whole-file loader, record by record.

The same dataset in the store, the same problems at the same places for
every broken file of the corpus (also when the file arrives in pieces of a
few bytes, which split lines and characters), and records not held: what it
keeps grows far slower than the file.
"""

from __future__ import annotations

import sys
import tracemalloc
from pathlib import Path

import pytest

from bbtui.core import loader, yaml_stream
from bbtui.core.errors import DatasetError
from bbtui.core.model import Country, Event, Quote, Source
from bbtui.core.store import StoredDataset, open_dataset, opening
from bbtui.core.store.opening import store_dir
from bbtui.core.validator import Records
from corpus import base_text, broken_cases, make_unreadable

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import write_dataset

# Pieces this small split multi-byte characters, CRLF pairs and every line.
TINY_PIECE = 7


def problems(read, path: Path) -> tuple[type, list[tuple[str, int, int, str]]]:
    with pytest.raises(DatasetError) as caught:
        read(path)
    return type(caught.value), [
        (p.path, p.line, p.column, p.message) for p in caught.value.problems
    ]


def streamed(path: Path) -> None:
    loader.stream(path, Records())


def _byte_cases() -> dict[str, bytes]:
    """Broken bytes where which problem wins depends on what comes later in the file."""
    base = base_text().encode("utf-8")
    syntax = b"bbtui: 1\ntitle: [unclosed\n"
    return {
        "nul-after-a-syntax-error": syntax + b"x: y\n" * 400 + b"z: a\x00b\n",
        "nul-after-bad-utf8": b"bbtui: 1\ntitle: caf\xe9\n" + b"x: y\n" * 300 + b"\x00",
        "bad-utf8-after-a-control-char": base.replace(b"bbtui: 1", b"bbtui: 1\x07", 1) + b"#\xff\n",
        "control-char-far-down": base + b"# \xc3\xa9\xc3\xa9 \x1b\n",
        "split-character-then-bad": base + "# ééé".encode() + b"\xc3\x28\n",
        "truncated-character-at-the-end": base + b"# \xe2\x82",
        "vertical-tab-only": b" \x0b\n\x0c\n",
        "bom-then-nul": b"\xef\xbb\xbfbbtui: 1\n" + "title: é".encode() + b"\x00\n",
        "crlf-syntax-error-with-tab": base.replace(b"\n", b"\r\n") + b"events:\r\n\t- x\r\n",
        "bad-record-far-down": base.replace(b"kind: direct", b"kind: indirect"),
        "dangling-reference": base.replace(b"source: ", b"source: s-nope", 1),
    }


CASES = broken_cases()
BYTE_CASES = _byte_cases()


# Every case in 1 MB pieces, and in 7-byte pieces but for the big ones (24 MB
# in 7-byte pieces takes minutes): left out of the list, not skipped, so a CI
# run that must skip nothing still runs everything it lists.
PIECED_CASES = [
    pytest.param(case, piece, id=f"{case.name}-{label}")
    for case in CASES
    for piece, label in ((yaml_stream.PIECE, "1MB"), (TINY_PIECE, "7B"))
    if not (case.slow and piece == TINY_PIECE)
]


@pytest.mark.parametrize(("case", "piece"), PIECED_CASES)
def test_every_corpus_file_gets_the_same_problems_streamed(case, piece, tmp_path, monkeypatch):
    path = case.make(tmp_path)
    if case.extra.get("unreadable"):
        make_unreadable(monkeypatch, path)
    expected = problems(loader.load, path)
    monkeypatch.setattr(yaml_stream, "PIECE", piece)
    assert problems(streamed, path) == expected


@pytest.mark.parametrize("piece", [yaml_stream.PIECE, 64, TINY_PIECE], ids=["1MB", "64B", "7B"])
@pytest.mark.parametrize("name", sorted(BYTE_CASES))
def test_bad_bytes_anywhere_get_the_same_problem_streamed(name, piece, tmp_path, monkeypatch):
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(BYTE_CASES[name])
    expected = problems(loader.load, path)
    monkeypatch.setattr(yaml_stream, "PIECE", piece)
    assert problems(streamed, path) == expected


# --- the same dataset --------------------------------------------------------------------


def _reordered(text: str) -> str:
    """The same dataset with its lists backwards: every reference points forward."""
    head, rest = text.split("\nsources:\n", 1)
    sources, rest = rest.split("\ncountries:\n", 1)
    countries, rest = rest.split("\nevents:\n", 1)
    events, quotes = rest.split("\nquotes:\n", 1)
    return (
        f"{head}\nquotes:\n{quotes.rstrip()}\nevents:\n{events}\n"
        f"countries:\n{countries}\nsources:\n{sources}\n"
    )


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("generated")
    forward = write_dataset(300, folder / "generated.yaml")
    backward = folder / "backward.yaml"
    backward.write_text(_reordered(forward.read_text(encoding="utf-8")), encoding="utf-8")
    return {"generated": forward, "backward": backward}


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("BBTUI_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("BBTUI_NO_CACHE", raising=False)
    monkeypatch.setattr(opening, "MIN_BYTES", 0)  # every file gets a store
    return tmp_path / "cache"


@pytest.mark.parametrize(
    "name",
    ["mini.yaml", "hostile.yaml", "html-injection.yaml", "reporting.yaml", "generated", "backward"],
)
def test_the_first_open_stores_exactly_the_loaded_dataset(
    name: str, generated: dict[str, Path], cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = generated.get(name, DATA / name)
    expected = loader.load(path)

    def whole_file_loader(*args: object, **kwargs: object) -> None:
        raise AssertionError("the first open read the file whole")

    monkeypatch.setattr(loader, "load", whole_file_loader)
    view = open_dataset(path)
    assert isinstance(view, StoredDataset)
    assert view.whole() == expected
    assert [view.events[i] for i in range(len(view.events))] == list(expected.events)


def test_a_backward_file_is_read_as_the_same_dataset(generated: dict[str, Path]) -> None:
    forward, backward = loader.load(generated["generated"]), loader.load(generated["backward"])
    assert (forward.events, forward.quotes, forward.sources) == (
        backward.events, backward.quotes, backward.sources,
    )  # fmt: skip


def test_an_invalid_file_leaves_no_store_and_no_temporary_file(
    generated: dict[str, Path], cache: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    text = generated["generated"].read_text(encoding="utf-8")
    bad.write_text(text.replace("kind: direct", "kind: indirect"), encoding="utf-8")
    with pytest.raises(DatasetError) as caught:
        open_dataset(bad)
    assert caught.value.problems[0].message.startswith("'kind' 'indirect' is not one of")
    assert list(store_dir().iterdir()) == []


# --- records are not kept ------------------------------------------------------------------


class _Discard:
    """A sink that drops every record, as the store's writer does once it has written it."""

    def add_source(self, source: Source) -> None: ...
    def add_country(self, country: Country) -> None: ...
    def add_event(self, event: Event) -> None: ...
    def add_quote(self, quote: Quote) -> None: ...


def _traced_peak(read) -> int:
    tracemalloc.start()
    try:
        read()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_streaming_keeps_far_less_than_the_file_grows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Only what cross-record checks need stays (each id with its line): the
    # peak grows by a fraction of what the file grows by (0.4 when written).
    # The whole-file loader holds the text and every record, several times
    # the growth. Pieces smaller than both files make the buffers the same.
    monkeypatch.setattr(yaml_stream, "PIECE", 1 << 16)
    small = write_dataset(300, tmp_path / "small.yaml")
    large = write_dataset(1500, tmp_path / "large.yaml")
    growth = large.stat().st_size - small.stat().st_size
    streamed = [_traced_peak(lambda p=p: loader.stream(p, _Discard())) for p in (small, large)]
    loaded = [_traced_peak(lambda p=p: loader.load(p)) for p in (small, large)]
    assert loaded[1] - loaded[0] > 2 * growth  # the measure can tell
    assert streamed[1] - streamed[0] < 0.75 * growth, (streamed, growth)
