"""What a date's note says about the date, for readers and scripts.

The dataset qualifies a date in free text (`date_note`, `said_note`):
"approximate; the interview was given about 4-5 Aug 2010", "derived: ...".
Scripts need a flag rather than prose, so the convention of docs/dataset.md
(the note starts with the word) is read here, in one place.
"""

from __future__ import annotations

import re

_APPROXIMATE = re.compile(r"\s*(approximate|approx\.|about|circa|c\.)\b", re.IGNORECASE)


def is_approximate(note: str | None) -> bool:
    """Whether the note says its date is approximate (it starts by saying so)."""
    return bool(note and _APPROXIMATE.match(note))
