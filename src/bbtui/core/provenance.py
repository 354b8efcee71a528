"""Rules on where a source's headline, dates and archived copy come from.

A citation is only as good as what it rests on: a headline is shown as one
only when it was read from a copy of the page (`title_status: printed`), and
then the record must say where (`read_at`). An archived copy is a pair, its
address and its date, or nothing. These rules join several fields, so they
are checked here, after the validator has read each field on its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bbtui.core.model import PartialDate, TitleStatus
from bbtui.core.yaml_source import Node

if TYPE_CHECKING:
    from bbtui.core.validator import Validator


def check_provenance(validator: Validator, values: dict[str, Any], nodes: dict[str, Node]) -> bool:
    """Report what the fields of one source say against each other; True when nothing."""
    ok = True
    if values.get("title_status") is TitleStatus.PRINTED and "read_at" not in values:
        validator.add(
            nodes["title_status"],
            "'title_status' is printed but the source has no 'read_at': "
            "give the address of the copy the headline was read from",
        )
        ok = False
    has_url, has_date = "archive_url" in values, "archive_date" in values
    if has_url != has_date:
        present, missing = (
            ("archive_url", "archive_date") if has_url else ("archive_date", "archive_url")
        )
        # The field's node may be missing (a duplicate key, a refused value):
        # locate the problem on whatever part of the record is there.
        where = nodes.get(present) or nodes.get(missing) or next(iter(nodes.values()), None)
        if where is not None:
            validator.add(where, f"'{present}' needs '{missing}' too (an archived copy is both)")
        ok = False
    published, accessed = values.get("published"), values.get("accessed")
    if (
        isinstance(published, PartialDate)
        and isinstance(accessed, PartialDate)
        and surely_before(accessed, published)
    ):
        validator.add(
            nodes["accessed"],
            f"'accessed' {accessed.iso()} is before 'published' {published.iso()}",
        )
        ok = False
    return ok


def surely_before(a: PartialDate, b: PartialDate) -> bool:
    """True when every day `a` may mean comes before every day `b` may mean."""
    return (a.year, a.month or 12, a.day or 31) < (b.year, b.month or 1, b.day or 1)
