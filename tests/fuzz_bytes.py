"""A time-bounded fuzz run over raw bytes and mutated datasets, for CI.

    python tests/fuzz_bytes.py [SECONDS]      (default 30)

Runs the property tests of test_fuzz_loader.py with many more examples until
the time is up; exits non-zero with the failing input if any example raises
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
        st.binary(max_size=2000),
        fuzz.mutated_mini(),
        st.lists(fuzz.YAML_CHARS, max_size=400).map("".join).map(str.encode),
    ]
    rounds = 0
    while time.monotonic() < deadline:
        for strategy in strategies:
            many(given(strategy)(fuzz._check))()
        rounds += 1
    print(f"fuzz: {rounds} round(s) of {len(strategies)} targets x 2000 examples, no failure")
    return 0


if __name__ == "__main__":
    sys.exit(main())
