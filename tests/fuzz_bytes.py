"""A time-bounded fuzz run over raw bytes and mutated datasets, for CI.

    python tests/fuzz_bytes.py [SECONDS]      (default 30)

Runs the property tests of test_fuzz_loader.py (raw bytes, mutated datasets
with numbers of every length, YAML-like text) with many more examples until
the time is up, and damaged copies of a dataset store, which must open as the
dataset, whole; exits non-zero with the failing input if any example raises
anything but DatasetError with located problems.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import test_fuzz_loader as fuzz


@st.composite
def damaged(draw, pristine: bytes) -> bytes:
    """The store's bytes with a few flipped, cut or duplicated: a damaged or forged store."""
    data = bytearray(pristine)
    for _ in range(draw(st.integers(1, 8))):
        action = draw(st.sampled_from(["flip", "cut", "zero", "splice"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if action == "flip" and data:
            data[at] ^= draw(st.integers(1, 255))
        elif action == "cut":
            del data[at:]
        elif action == "zero":
            data[at : at + draw(st.integers(1, 4096))] = bytes(draw(st.integers(1, 4096)))
        else:
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
    return bytes(data)


def store_target():
    """A property over damaged store files: opening must give the dataset back, whole."""
    import os
    import tempfile

    from bbtui.core import loader
    from bbtui.core.store import opening

    sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
    import generate

    home = Path(tempfile.mkdtemp(prefix="bbtui-fuzz-store-"))
    os.environ["BBTUI_CACHE_DIR"] = str(home / "cache")
    os.environ.pop("BBTUI_NO_CACHE", None)
    opening.MIN_BYTES = 1  # store even this small file
    path = generate.write_dataset(30, home / "data.yaml")
    expected = loader.load(path)
    opening.open_dataset(path)
    target = opening.store_file(path)
    pristine = target.read_bytes()

    def check(data: bytes) -> None:
        target.write_bytes(data)
        view = opening.open_dataset(path, on_notice=lambda notice: None)
        assert view.counts() == expected.counts()
        assert [e.id for e in view.events] == [e.id for e in expected.events]
        assert [q.text for q in view.quotes] == [q.text for q in expected.quotes]
        assert [s.url for s in view.sources] == [s.url for s in expected.sources]

    return damaged(pristine), check


def main() -> int:
    budget = float(sys.argv[1]) if len(sys.argv) > 1 else 30.0
    deadline = time.monotonic() + budget
    many = settings(
        max_examples=2000,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    strategies = [
        (st.binary(max_size=2000), fuzz._check),
        (fuzz.mutated_mini(), fuzz._check),  # number lengths too (4,300 digits and past)
        (st.lists(fuzz.YAML_CHARS, max_size=400).map("".join).map(str.encode), fuzz._check),
        store_target(),  # the dataset store (untrusted input): damaged bytes
    ]
    rounds = 0
    while time.monotonic() < deadline:
        for strategy, check in strategies:
            many(given(strategy)(check))()
        rounds += 1
    print(f"fuzz: {rounds} round(s) of {len(strategies)} targets x 2000 examples, no failure")
    return 0


if __name__ == "__main__":
    sys.exit(main())
