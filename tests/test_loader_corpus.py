"""Every broken file in the corpus gets exactly the located errors it expects."""

from __future__ import annotations

import time

import pytest
import yaml

from bbtui.cli import exit_codes
from bbtui.core import yaml_source
from bbtui.core.errors import DatasetError, DatasetUnreadable
from bbtui.core.loader import load
from corpus import broken_cases, make_unreadable

CASES = broken_cases()


def _problems(case, tmp_path, monkeypatch):
    path = case.make(tmp_path)
    if case.extra.get("unreadable"):
        make_unreadable(monkeypatch, path)
    with pytest.raises(DatasetError) as caught:
        load(str(path))
    return path, caught.value


HANG_MARGIN = 10


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_broken_file_is_refused_with_located_errors(case, tmp_path, monkeypatch):
    started = time.perf_counter()
    path, error = _problems(case, tmp_path, monkeypatch)
    elapsed = time.perf_counter() - started
    got = [(p.line, p.column, p.message) for p in error.problems]
    for expected in case.expected:
        assert any(expected.matches(*g) for g in got), f"{expected} not in {got}"
    if case.exact:
        assert len(got) == len(case.expected), got
    assert all(p.path == str(path) for p in error.problems)
    assert got == sorted(got, key=lambda g: (g[0], g[1])), "problems are in file order"
    assert isinstance(error, DatasetUnreadable) == (case.exit_code == exit_codes.UNREADABLE)
    # A guard against hangs and blow-ups (an alias bomb expanded, a quadratic
    # scan), not a speed claim: those are measured in benchmarks/. The margin
    # keeps it from failing on a loaded machine.
    assert elapsed < case.seconds * HANG_MARGIN, f"{case.name} took {elapsed:.2f}s"


# The pure-Python parser (used when PyYAML has no libyaml) words syntax errors
# differently, but must find every problem at the same place; every other
# problem (our own checks: depth, tags, aliases...) reads exactly the same.
@pytest.mark.parametrize("case", [c for c in CASES if not c.slow], ids=lambda c: c.name)
def test_pure_python_parser_finds_the_same_places(case, tmp_path, monkeypatch):
    monkeypatch.setattr(yaml_source, "PARSER", yaml.SafeLoader)
    _, error = _problems(case, tmp_path, monkeypatch)
    got = [(p.line, p.column, p.message) for p in error.problems]
    syntax = case.name.startswith("syntax") or case.name == "tabs"
    for expected in case.expected:
        if syntax:
            # libyaml and PyYAML may point a line apart for the same mistake.
            assert any(abs(line - expected.line) <= 1 for line, _, _ in got), (expected, got)
        else:
            assert any(expected.matches(*g) for g in got), (expected, got)


def test_corpus_covers_every_class_of_issue_5():
    names = {c.name for c in CASES}
    for needed in (
        "empty",
        "syntax-unclosed-flow",
        "syntax-unclosed-quote",
        "syntax-value-in-plain",
        "syntax-bad-indent",
        "tabs",
        "top-level-list",
        "top-level-text",
        "nulls",
        "dates",
        "dates-free-text",
        "duplicate-ids",
        "duplicate-keys",
        "unknown-keys",
        "dangling-references",
        "several-documents",
        "non-utf8",
        "nul-byte",
        "binary-junk",
        "python-tags",
        "alias-bomb",
        "deep-nesting",
        "directory",
        "missing",
        "unreadable",
        "large-file",
        "wrong-types",
        "missing-event-title",
        "wrong-type-quote-said",
    ):
        assert needed in names
