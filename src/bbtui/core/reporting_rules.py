"""Rules on where a quote was first reported and where it was repeated.

A quote may say which of the dataset's sources printed its words first
(`first_reported`) and which printed them afterwards (`repeated_in`). The
claim is only worth having if it is coherent: the first report is not also a
repeat, the page the quote is cited from is one of the two, and no repeat is
dated before the first report. The first two rules concern one record and
are checked as it is read; the dates need every source, so they are checked
once the whole file has been read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bbtui.core.model import PartialDate
from bbtui.core.provenance import surely_before
from bbtui.core.yaml_source import Node, Scalar, Sequence, shown

if TYPE_CHECKING:
    from bbtui.core.validator import Validator


@dataclass(frozen=True, slots=True)
class ReportingClaim:
    """One quote's claim, with where its parts sit in the file (for the date check)."""

    quote: str
    first: str | None
    first_node: Node | None
    repeats: tuple[tuple[str, Node], ...]


def check_reporting(
    validator: Validator, values: dict[str, Any], nodes: dict[str, Node]
) -> ReportingClaim | None:
    """Report what one quote's reporting fields say against each other.

    Returns the claim when it is coherent on its own (its dates are checked
    later, by `check_reporting_dates`), None when there is none or it is not.
    """
    first, repeats = values.get("first_reported"), values.get("repeated_in")
    if first is None and repeats is None:
        if "reported_note" in nodes:
            validator.add(
                nodes["reported_note"],
                "'reported_note' explains 'first_reported' or 'repeated_in', "
                "and the quote has neither",
            )
        return None
    if not isinstance(first, str | None) or not isinstance(repeats, tuple | None):
        return None  # a field already reported as wrong
    repeat_nodes = _items(nodes.get("repeated_in"))
    ok = True
    if first is not None and repeats and first in repeats:
        where = repeat_nodes.get(first, nodes["first_reported"])
        validator.add(
            where,
            f"source {shown(first)} is the first report ('first_reported') "
            "and cannot also be in 'repeated_in'",
        )
        ok = False
    cited = values.get("source")
    if ok and isinstance(cited, str) and cited != first and cited not in (repeats or ()):
        # The page the words are cited from printed them too: say whether it
        # was first or repeated, so a count of repeats is never one short.
        where = nodes.get("first_reported") or nodes["repeated_in"]
        validator.add(
            where,
            f"the quote's own source {shown(cited)} must be its 'first_reported' "
            "or be listed in 'repeated_in'",
        )
        ok = False
    if not ok or not isinstance(values.get("id"), str):
        return None
    return ReportingClaim(
        quote=values["id"],
        first=first,
        first_node=nodes.get("first_reported"),
        repeats=tuple((r, repeat_nodes[r]) for r in repeats or () if r in repeat_nodes),
    )


def check_reporting_dates(
    validator: Validator, claims: list[ReportingClaim], published: dict[str, PartialDate | None]
) -> None:
    """A repeat may not be dated before the first report (when both are dated)."""
    for claim in claims:
        first = claim.first
        first_date = published.get(first) if first is not None else None
        if first is None or first_date is None:
            continue
        for repeat, node in claim.repeats:
            date = published.get(repeat)
            if date is not None and surely_before(date, first_date):
                validator.add(
                    node,
                    f"'repeated_in' source {shown(repeat)} (published {date.iso()}) is dated "
                    f"before the first report {shown(first)} (published "
                    f"{first_date.iso()})",
                )


def _items(node: Node | None) -> dict[str, Node]:
    """The id written at each item of a list node, and the item's node."""
    if type(node) is not Sequence:
        return {}
    return {item.value.strip(): item for item in node.items if type(item) is Scalar}
