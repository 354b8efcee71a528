"""CSL items of the shapes the renderer supports that the shipped dataset may
not have (yet): descriptions instead of headlines, every date precision, access
dates, archived copies, awkward titles. Checked against citeproc-js with the
dataset's own items."""

from __future__ import annotations

ACCESSED = {"date-parts": [[2026, 11, 30]]}
ARCHIVE = {
    "archive": "Internet Archive",
    "archive_location": "https://web.archive.org/web/20160101000000/https://u.example/p",
}
DATES: tuple[list[int], ...] = ([], [2015], [2015, 8], [2015, 8, 5])
TITLES = (
    "a tale of two cities: the end of it all",
    "what is it for",
    "BlackBerry vs. the state",
    "up-to-date e-mail check-in",
    "the “quoted bit” here",
    "an ‘odd quote here",
    "it's over: who won?",
    "iPhone and eBay users",
    "RIM's (maybe) deal",
    "the U.S. and the U.K. agree",
    "word—dash—word – spaced",
    "why? because! yes.",
    "Σ and α",  # noqa: RUF001 - Greek on purpose: citeproc-js leaves a lone Greek letter as it is
    "email/sms/bbm",
    "BBM's “end”",
    "title with  double  spaces & <marks>",
)


def _shapes() -> list[dict]:
    items: list[dict] = []
    for n, parts in enumerate(DATES):
        for heading in ("title", "genre"):
            for accessed in (False, True):
                for archived in (False, True):
                    item: dict = {
                        "id": f"shape-{n}-{heading}-{int(accessed)}{int(archived)}",
                        "type": "webpage",
                        heading: "Head line" if heading == "title" else "Our label of the page",
                        "container-title": "Outlet",
                        "URL": "https://u.example/p?a=1&b=2",
                    }
                    if parts:
                        item["issued"] = {"date-parts": [parts]}
                    if accessed:
                        item["accessed"] = ACCESSED
                    if archived:
                        item |= ARCHIVE
                    items.append(item)
    for n, title in enumerate(TITLES):
        items.append(
            {
                "id": f"title-{n}",
                "type": "webpage",
                "title": title,
                "container-title": "the outlet of record: a (test)",
                "URL": "https://x.example/",
                "issued": {"date-parts": [[2015, 5, 3]]},
            }
        )
        items.append(
            {
                "id": f"title-{n}-fr",
                "type": "webpage",
                "title": title,
                "language": "fr",
                "container-title": "le monde",
                "URL": "https://x.example/",
                "accessed": ACCESSED,
            }
        )
    return items


SHAPES = _shapes()
