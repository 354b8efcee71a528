"""Time quote search per keystroke on synthetic in-memory datasets (not a test).

    /work/venv/bin/python benchmarks/search_keystrokes.py 10000 100000

For each size: index build time, then every query below typed one character
at a time (search with limit=50, plus the spans of the first 30 hits, as the
search screen shows them); prints p50/p95/max per keystroke. The text mixes a
small common vocabulary (Zipf-weighted) with ~40k rare words, names and
numbers, so postings look like real prose rather than a 200-word list.
"""

from __future__ import annotations

import random
import resource
import statistics
import sys
import time

from bbtui.core.model import (
    Country,
    Dataset,
    Event,
    Outcome,
    PartialDate,
    Quote,
    Source,
    SpeechKind,
)
from bbtui.core.search import QuoteIndex

COMMON = """the of and to a in that is was for it with as on be at by this had not are but from or
have an they which one you were all we her she there would their will when who him been has more
if no out so said what up its about into than them can only other new some could time these two
may then do first any my now such like our over man me even most made after also did many before
must through back years where much your way well down should because each just those people how
government demand access encrypted servers enterprise service messaging traffic regulator operators
shutdown order security agencies lawful interception company customers data network talks deadline
ministry officials statement announced country services users privacy law court ruling compliance
proposal reversal suspension monitoring information communications platform devices mobile phone
email consumer business national public safety investigation criminal activity terrorism threat
warning week month decision told never always again during until since café naïve résumé
customers’ government’s company’s regulator’s cannot won’t didn’t “secure” ‘lawful’ — –""".split()
SEARCHES = [
    "unfettered access",
    "law enforcement agencies",
    "speaker:beard customers",
    '"government demand"',
    "pakistan",
    "encryptd servers",
    "country:pk year:2015 access",
    "the",
    "customers' data",
    "regulator said monday",
    "privacy court ruling",
    "source:reuters shutdown",
    "naive resume",
    "interception lawful",
    "zqxvbn",
]


def _rare(rng: random.Random) -> str:
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(4, 11)))


def synthetic(events: int, seed: int = 1) -> Dataset:
    rng = random.Random(seed)
    rare = [_rare(rng) for _ in range(40000)] + ["unfettered", "beard", "pakistan", "reuters"]
    weights = [1 / (i + 1) for i in range(len(COMMON))]
    speakers = [f"{rng.choice(rare).title()} {rng.choice(rare).title()}" for _ in range(3000)]
    speakers.append("Marty Beard")
    countries = tuple(
        Country(code, name, 2000, 2020, "d", Outcome.SETTLED, "s", "r", ())
        for code, name in [
            ("PK", "Pakistan"),
            ("IN", "India"),
            ("AE", "United Arab Emirates"),
            ("GB", "United Kingdom"),
            ("SA", "Saudi Arabia"),
            ("ID", "Indonesia"),
        ]
    )
    sources = tuple(
        Source(
            f"s{i}",
            rng.choice(["Reuters", "Dawn", "The Verge", "BBC News"]),
            "t",
            "https://example.org",
            PartialDate(2015, 1, 1),
        )
        for i in range(max(1, events // 2))
    )

    def text(low: int, high: int) -> str:
        words: list[str] = []
        target = rng.randint(low, high)
        while sum(len(w) + 1 for w in words) < target:
            words.extend(rng.choices(COMMON, weights, k=6))
            words.append(rng.choice(rare))
        return " ".join(words)

    evs, quotes = [], []
    for e in range(events):
        date = PartialDate(rng.randint(1995, 2025), rng.randint(1, 12), rng.randint(1, 28))
        eid = f"e{e}"
        evs.append(
            Event(
                eid,
                date,
                rng.choice(countries).code,
                text(30, 70),
                text(200, 500),
                (),
                (sources[e // 2].id,),
            )
        )
        quotes.extend(
            Quote(
                f"q{e}-{k}",
                eid,
                text(80, 300),
                rng.choice(speakers),
                "role",
                date,
                sources[e // 2].id,
                SpeechKind.DIRECT,
            )
            for k in range(rng.randint(2, 4))
        )
    evs.sort(key=lambda ev: ev.date.sort_key)
    return Dataset("synthetic", "", sources, countries, tuple(evs), tuple(quotes))


def measure(events: int) -> None:
    dataset = synthetic(events)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    index = QuoteIndex(dataset)
    build = time.perf_counter() - started
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024
    times = []
    for query in SEARCHES:
        for end in range(1, len(query) + 1):
            started = time.perf_counter()
            results = index.search(query[:end], limit=50)
            for hit in results.hits[:30]:
                _ = hit.spans  # the highlighted words: computed on demand
            times.append(time.perf_counter() - started)
    times.sort()
    ms = [t * 1000 for t in times]
    print(
        f"{events:>7} events {len(dataset.quotes):>7} quotes: build {build:.2f} s "
        f"(peak RSS +{grown:.0f} MB); "
        f"keystroke p50 {statistics.median(ms):.2f} ms, p95 {ms[int(len(ms) * 0.95)]:.2f} ms, "
        f"max {ms[-1]:.2f} ms over {len(ms)} keystrokes"
    )


if __name__ == "__main__":
    for size in [int(arg) for arg in sys.argv[1:]] or [10000, 100000]:
        measure(size)
