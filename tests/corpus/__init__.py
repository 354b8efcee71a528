"""The broken-dataset corpus, reusable by every command's tests.

Each case makes a file (or a directory, or nothing) under a temporary folder
and says what a loader must report: every expected `LINE:COLUMN: message`,
and the exit code a command must give (1 invalid, 2 unreadable path).

Small cases are files here (`*.yaml`), their first line saying what is wrong
and one `# expect: LINE:COLUMN: message` line per problem. Cases that cannot
be text files (empty, binary, huge, a directory...) are generated.

    from corpus import broken_cases
    @pytest.mark.parametrize("case", broken_cases(), ids=lambda c: c.name)
    def test_my_command(case, tmp_path):
        path = case.make(tmp_path)
        ...                                # run the command on str(path)
        assert case.first_line_of(output)  # or check case.expected yourself
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bbtui.cli import exit_codes

HERE = Path(__file__).parent
BASE = HERE / "base.yaml"  # a small valid dataset the generated cases start from

_EXPECT = re.compile(r"# expect: (\d+):(\d+): (.*)")


@dataclass(frozen=True)
class Expected:
    line: int
    column: int
    message: str  # the whole message, or (with `partial`) a part of it
    partial: bool = False

    def matches(self, line: int, column: int, message: str) -> bool:
        if (line, column) != (self.line, self.column):
            return False
        return self.message in message if self.partial else self.message == message


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[Path], Path]  # builds the case under a temporary folder, returns its path
    expected: tuple[Expected, ...]
    exit_code: int = exit_codes.INVALID
    exact: bool = True  # the expected problems are all the problems
    slow: bool = False  # tens of megabytes: skip in command tests that load many times
    seconds: float = 1.0  # what loading it may take at most
    extra: dict = field(default_factory=dict, compare=False)


def _file_case(path: Path) -> Case:
    expected = tuple(
        Expected(int(m.group(1)), int(m.group(2)), m.group(3))
        for m in map(_EXPECT.match, path.read_text(encoding="utf-8").splitlines())
        if m
    )

    def make(tmp: Path) -> Path:
        target = tmp / path.name
        target.write_bytes(path.read_bytes())
        return target

    return Case(path.stem, make, expected)


def _bytes_case(
    name: str, data: bytes, *expected: Expected, exact: bool = True, seconds: float = 1.0
) -> Case:
    def make(tmp: Path) -> Path:
        target = tmp / f"{name}.yaml"
        target.write_bytes(data)
        return target

    return Case(name, make, tuple(expected), exact=exact, seconds=seconds)


def base_text() -> str:
    return BASE.read_text(encoding="utf-8")


def _deep_nesting() -> bytes:
    return b"bbtui: 1\nevents: " + b"[" * 10_000 + b"]" * 10_000 + b"\n"


def _deep_block_nesting() -> bytes:
    return b"bbtui: 1\nevents:\n" + b"- " * 10_000 + b"x\n"


LARGE_SCALAR = 24_000_000


def _large_file(tmp: Path) -> Path:
    # About 24 MB in one summary, with one problem after it, so all of it
    # must be read to find it.
    text = (
        base_text()
        .replace(
            "    summary: A summary.",
            "    summary: " + "Words of a summary. " * (LARGE_SCALAR // 20),
        )
        .replace("    kind: direct", "    kind: indirect")
    )
    target = tmp / "large.yaml"
    target.write_text(text, encoding="utf-8")
    return target


def _large_expected() -> Expected:
    line = base_text().splitlines().index("    kind: direct") + 1
    return Expected(line, 11, "'kind' 'indirect' is not one of: direct, reported", partial=True)


def _directory(tmp: Path) -> Path:
    target = tmp / "a-directory.yaml"
    target.mkdir()
    return target


def _missing(tmp: Path) -> Path:
    return tmp / "does-not-exist.yaml"


def _unreadable(tmp: Path) -> Path:
    """A file without read permission (tests running as root must simulate it)."""
    target = tmp / "unreadable.yaml"
    target.write_text(base_text(), encoding="utf-8")
    target.chmod(0)
    return target


def make_unreadable(monkeypatch, path: Path) -> None:
    """Where chmod 000 does not stop reading (running as root), simulate it."""
    import os

    if not os.access(path, os.R_OK):
        return
    real_read_bytes, real_open = Path.read_bytes, os.open

    def refuse(self: Path) -> bytes:
        if self == path:
            raise PermissionError(13, "Permission denied", str(path))
        return real_read_bytes(self)

    def refuse_open(name, flags, *args, **kwargs):  # datasets are read through os.open
        if Path(name) == path and not flags & (os.O_WRONLY | os.O_RDWR):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(name, flags, *args, **kwargs)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    monkeypatch.setattr(os, "open", refuse_open)


def broken_cases(include_slow: bool = True) -> list[Case]:
    """Every broken-file case: corpus files first, then generated ones."""
    cases = [_file_case(p) for p in sorted(HERE.glob("*.yaml")) if p != BASE]
    cases += [
        _bytes_case(
            "empty", b"", Expected(1, 1, "the file is empty: a dataset starts with 'bbtui: 1'")
        ),
        _bytes_case(
            "whitespace-only",
            b"  \n\n \n",
            Expected(1, 1, "the file is empty: a dataset starts with 'bbtui: 1'"),
        ),
        _bytes_case(
            "non-utf8",
            b"bbtui: 1\ntitle: caf\xe9 au lait\n",
            Expected(2, 11, "not UTF-8: byte 0xE9 cannot be decoded; save the file as UTF-8"),
        ),
        _bytes_case(
            "utf16",
            "bbtui: 1\n".encode("utf-16"),
            Expected(1, 1, "the file is UTF-16 text; save it as UTF-8"),
        ),
        _bytes_case(
            "nul-byte",
            b"bbtui: 1\ntitle: a\x00b\n",
            Expected(2, 9, "NUL byte: this is a binary file, not UTF-8 YAML text"),
        ),
        _bytes_case(
            "binary-junk",
            b"bbtui: 1\nti\x07tle: \x1b[2J\n",
            Expected(2, 3, "control character U+0007 is not allowed in YAML text", partial=True),
        ),
        _bytes_case(
            "png-header",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            Expected(3, 1, "NUL byte: this is a binary file, not UTF-8 YAML text"),
        ),
        _bytes_case(
            "deep-nesting",
            _deep_nesting(),
            Expected(2, 72, "nesting deeper than 64 levels refused; a dataset needs six"),
            # libyaml (0.2.6 on) refuses this at 1000 levels, before our limit can
            # see it; the pure-Python parser that then finds ours looks ahead a
            # line, slowly: about half a second alone, several on a busy machine.
            seconds=5.0,
        ),
        _bytes_case(
            "deep-nesting-block",
            _deep_block_nesting(),
            Expected(3, 127, "nesting deeper than 64 levels refused; a dataset needs six"),
        ),
        Case(
            "directory",
            _directory,
            (Expected(1, 1, "cannot read: this is a directory, not a dataset file"),),
            exit_code=exit_codes.UNREADABLE,
        ),
        Case(
            "missing",
            _missing,
            (Expected(1, 1, "cannot read: no such file"),),
            exit_code=exit_codes.UNREADABLE,
        ),
        Case(
            "unreadable",
            _unreadable,
            (Expected(1, 1, "cannot read: permission denied"),),
            exit_code=exit_codes.UNREADABLE,
            extra={"unreadable": True},
        ),
    ]
    cases += required_field_cases() + wrong_type_cases()
    if include_slow:
        cases.append(Case("large-file", _large_file, (_large_expected(),), slow=True, seconds=4.0))
    return cases


# -- one case per required field, and per field given the wrong type ----------

_RECORDS = {  # list -> (first line of its record in base.yaml, its kind in messages)
    "sources": "source",
    "countries": "country",
    "events": "event",
    "quotes": "quote",
}
_REQUIRED = {
    "sources": ("id", "outlet", "title", "url", "published"),
    "countries": (
        "code",
        "name",
        "from",
        "to",
        "demand",
        "outcome",
        "outcome_summary",
        "response",
        "sources",
    ),
    "events": ("id", "date", "country", "title", "summary", "sources"),
    "quotes": ("id", "event", "text", "speaker", "role", "said", "source", "kind"),
}
_TOP_REQUIRED = ("bbtui", "title", "sources", "countries", "events", "quotes")


def _field_line(lines: list[str], list_name: str, field_name: str) -> int:
    """0-based index of `field_name`'s line in the first record of `list_name`."""
    start = lines.index(f"{list_name}:")
    for i in range(start + 1, len(lines)):
        stripped = lines[i].lstrip(" -")
        if stripped.startswith(f"{field_name}:"):
            return i
    raise LookupError(field_name)


def required_field_cases() -> list[Case]:
    lines = base_text().splitlines()
    cases = []
    for list_name, fields in _REQUIRED.items():
        kind = _RECORDS[list_name]
        for field_name in fields:
            index = _field_line(lines, list_name, field_name)
            new = list(lines)
            if new[index].startswith("  - "):  # the record's first field: keep the dash
                new[index + 1] = "  - " + new[index + 1][4:]
            del new[index]
            record_line = lines.index(f"{list_name}:") + 2  # 1-based line of the record
            ident = {"sources": "src-a", "countries": "PK", "events": "ev-a", "quotes": "q-a"}[
                list_name
            ]
            label = kind if field_name in ("id", "code") else f"{kind} '{ident}'"
            expected = Expected(record_line, 5, f"{label} has no '{field_name}' (required)")
            # Removing an id also leaves references to it dangling: only the
            # missing-field line is asserted then.
            exact = field_name not in ("id", "code")
            cases.append(
                _bytes_case(
                    f"missing-{kind}-{field_name}",
                    ("\n".join(new) + "\n").encode(),
                    expected,
                    exact=exact,
                )
            )
    for field_name in _TOP_REQUIRED:
        new = [line for line in lines if not line.startswith(f"{field_name}:")]
        if field_name in ("sources", "countries", "events", "quotes"):
            continue  # removing a whole list is covered by the unit tests
        cases.append(
            _bytes_case(
                f"missing-top-{field_name}",
                ("\n".join(new) + "\n").encode(),
                Expected(
                    2, 1, f"the top level has no '{field_name}' (required)"
                ),  # line 1 is a comment
            )
        )
    return cases


def wrong_type_cases() -> list[Case]:
    """Each field of the first event and quote given a mapping instead of its value."""
    lines = base_text().splitlines()
    cases = []
    for list_name in ("sources", "countries", "events", "quotes"):
        for field_name in _REQUIRED[list_name]:
            index = _field_line(lines, list_name, field_name)
            new = list(lines)
            prefix = new[index].split(":")[0]
            new[index] = f"{prefix}: {{oops: 1}}"
            column = len(prefix) + 3
            cases.append(
                _bytes_case(
                    f"wrong-type-{_RECORDS[list_name]}-{field_name}",
                    ("\n".join(new) + "\n").encode(),
                    Expected(index + 1, column, f"'{field_name}' must be ", partial=True),
                    exact=field_name not in ("id", "code"),
                )
            )
    return cases
