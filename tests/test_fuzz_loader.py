"""Property tests: whatever the file, load succeeds or raises DatasetError with locations.

Never any other exception, never a problem without a line and column.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bbtui.core.errors import DatasetError
from bbtui.core.loader import load

MINI = (Path(__file__).parent / "data" / "mini.yaml").read_text(encoding="utf-8")
MINI_LINES = MINI.splitlines(keepends=True)
FUZZ = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)

# Values a hand-written dataset might wrongly hold, and some hostile ones.
ODD_VALUES = st.sampled_from([
    "", "~", "null", "[]", "{}", "[a, b]", "{a: 1}", "2015-02-30", "July 2015", "true", "1.5",
    "-1", "'  '", "&a x", "*a", "!!python/object:os.system x", "!foo x", '"\\e[2J"', "|\n  block",
    "[", "]", "{", "'", '"', "- x", "? x", "%", "@", "`", "\t", "x: y: z", "PK", "withdrawn",
])  # fmt: skip


def _check(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        path.write_bytes(data)
        try:
            load(str(path))
        except DatasetError as error:
            problems = error.problems
        else:
            return  # a valid file: nothing to report
    assert problems
    for problem in problems:
        assert problem.line >= 1 and problem.column >= 1, problem
        assert problem.message and "\n" not in problem.message
        assert "\x1b" not in problem.message


@st.composite
def mutated_mini(draw) -> bytes:
    lines = list(MINI_LINES)
    for _ in range(draw(st.integers(1, 6))):
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(
            st.sampled_from(["drop", "duplicate", "retype", "rekey", "bytes", "swap", "digits"])
        )
        line = lines[i]
        indent = line[: len(line) - len(line.lstrip(" -"))]
        key = line.lstrip(" -").split(":", 1)[0]
        if action == "drop":
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, line)
        elif action == "retype":
            lines[i] = f"{indent}{key}: {draw(ODD_VALUES)}\n"
        elif action == "rekey":
            lines[i] = f"{indent}{draw(st.text(min_size=1, max_size=8))}: x\n"
        elif action == "digits":
            # Numbers of every length, past Python's 4,300-digit int() limit too.
            length = draw(st.sampled_from([0, 1, 3, 5, 19, 4300, 4301, 6000]))
            number = draw(st.sampled_from(["9", "0", "1"])) * length
            lines[i] = (
                re.sub(r"[0-9]+", number, line, count=1)
                if re.search("[0-9]", line)
                else (f"{indent}{key}: {number or '0'}\n")
            )
        elif action == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        else:
            junk = draw(st.binary(min_size=1, max_size=8))
            lines[i] = line.encode()[:3].decode("utf-8", "ignore") + junk.decode("latin-1") + "\n"
        if not lines:
            break
    text = "".join(lines)
    if draw(st.booleans()):
        return text.encode("utf-8")
    return (
        text.encode("utf-8", "surrogatepass")
        if text.isascii()
        else text.encode("latin-1", "replace")
    )


@FUZZ
@given(mutated_mini())
def test_mutated_datasets_load_or_fail_with_located_problems(data):
    _check(data)


@FUZZ
@given(st.binary(max_size=300))
def test_raw_bytes_load_or_fail_with_located_problems(data):
    _check(data)


YAML_CHARS = st.sampled_from(
    [*list("abc:- \n\t[]{},'\"!&*?|>#%@`~0129"), "\u202e", "é", "\x85", "\ufeff"]
)


@FUZZ
@given(st.lists(YAML_CHARS, max_size=120).map("".join))
def test_yaml_like_text_loads_or_fails_with_located_problems(text):
    _check(text.encode("utf-8"))


@settings(max_examples=60, deadline=None, database=None)
@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "id": st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True),
                "date": st.sampled_from(
                    ["2015", "2015-07", "2015-11-30", "2016-02-29", "2015-02-29"]
                ),
                "title": st.text(min_size=0, max_size=20),
            }
        ),
        min_size=1,
        max_size=8,
    )
)
def test_generated_events_load_or_fail_with_located_problems(events):
    body = "".join(
        f"  - id: {e['id']}\n    date: {e['date']}\n    country: PK\n"
        f"    title: {e['title']!r}\n    summary: s\n    sources: [verge-2015-11-30]\n"
        for e in events
    )
    text = MINI.replace("events:\n", "events:\n" + body, 1)
    _check(text.encode("utf-8"))
