"""Write a synthetic, valid bbtui dataset of any size, the same for a given seed.

    python benchmarks/generate.py 10000 -o /tmp/bb-10k.yaml

The text is nonsense but shaped like the real thing (titles 30-70 characters,
summaries 200-500, about three quotes of 80-300 characters per event, 120
countries, a source for every two events, notes on a few records, dates at
year, month and day precision) so load, search and screen costs are realistic.

One quote is planted so tests can check that search still finds it at scale:
it belongs to the last event of the timeline and holds PLANTED_WORD, a word
nothing else in the file contains.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
from pathlib import Path
from typing import TextIO

PLANTED_EVENT_ID = "e-planted-last"
PLANTED_QUOTE_ID = "q-planted"
PLANTED_WORD = "quokkaphone"
PLANTED_TEXT = (
    "We will never build a back door, and the quokkaphone protocol was never negotiable "
    "with any government that asked for it."
)
PLANTED_TITLE = "Planted last event: the quokkaphone statement"
# Every random date falls on day 1-28 of a year up to LAST_YEAR, so the
# planted event's 31 Dec date is strictly the last in the timeline.
FIRST_YEAR, LAST_YEAR = 1990, 2025
PLANTED_DATE = f"{LAST_YEAR}-12-31"

# 120 real ISO 3166-1 alpha-2 codes, so a strict loader that checks the code
# list accepts them.
COUNTRIES = """
AE United Arab Emirates|AF Afghanistan|AL Albania|AM Armenia|AO Angola|AR Argentina|AT Austria
AU Australia|AZ Azerbaijan|BA Bosnia and Herzegovina|BD Bangladesh|BE Belgium|BF Burkina Faso
BG Bulgaria|BH Bahrain|BJ Benin|BO Bolivia|BR Brazil|BW Botswana|BY Belarus|CA Canada
CD Congo (Democratic Republic)|CH Switzerland|CI Côte d’Ivoire|CL Chile|CM Cameroon|CN China
CO Colombia|CR Costa Rica|CU Cuba|CY Cyprus|CZ Czechia|DE Germany|DK Denmark|DO Dominican Republic
DZ Algeria|EC Ecuador|EE Estonia|EG Egypt|ES Spain|ET Ethiopia|FI Finland|FR France|GA Gabon
GB United Kingdom|GE Georgia|GH Ghana|GR Greece|GT Guatemala|HN Honduras|HR Croatia|HU Hungary
ID Indonesia|IE Ireland|IL Israel|IN India|IQ Iraq|IR Iran|IS Iceland|IT Italy|JM Jamaica|JO Jordan
JP Japan|KE Kenya|KG Kyrgyzstan|KH Cambodia|KR Korea (Republic)|KW Kuwait|KZ Kazakhstan|LA Laos
LB Lebanon|LK Sri Lanka|LT Lithuania|LU Luxembourg|LV Latvia|LY Libya|MA Morocco|MD Moldova
ME Montenegro|MG Madagascar|MK North Macedonia|ML Mali|MM Myanmar|MN Mongolia|MX Mexico|MY Malaysia
MZ Mozambique|NA Namibia|NE Niger|NG Nigeria|NI Nicaragua|NL Netherlands|NO Norway|NP Nepal
NZ New Zealand|OM Oman|PA Panama|PE Peru|PH Philippines|PK Pakistan|PL Poland|PT Portugal
PY Paraguay|QA Qatar|RO Romania|RS Serbia|RU Russia|RW Rwanda|SA Saudi Arabia|SD Sudan|SE Sweden
SG Singapore|SI Slovenia|SK Slovakia|SN Senegal|SY Syria|TH Thailand|TN Tunisia|TR Türkiye|UA Ukraine
"""
COUNTRY_LIST = [
    (item[:2], item[3:]) for line in COUNTRIES.strip().splitlines() for item in line.split("|")
]
assert len(COUNTRY_LIST) == len({code for code, _ in COUNTRY_LIST}) == 120

OUTCOMES = (
    "withdrawn", "settled", "partial-access", "concessions",
    "cooperation", "covert-access", "unresolved",
)  # fmt: skip
NOTE_KINDS = ("conflict", "unconfirmed", "correction")
OUTLETS = (
    "Reuters", "The Verge", "Tech Times", "Dawn", "The Express Tribune", "BBC News",
    "The Guardian", "Al Jazeera", "The Hindu", "Times of India", "Gulf News", "The National",
    "Arab News", "Jakarta Post", "Globe and Mail", "CBC News", "Financial Times",
    "Wall Street Journal", "New York Times", "Le Monde", "Der Spiegel", "El País",
    "Associated Press", "Agence France-Presse", "Bloomberg", "Wired", "Ars Technica",
    "ZDNet", "Business Recorder", "Khaleej Times", "Daily Star", "Kompas", "Tempo",
    "South China Morning Post", "Straits Times", "Haaretz", "L’Orient-Le Jour",
)  # fmt: skip
TAGS = (
    "bes", "bbm", "exit", "deadline", "directive", "reversal", "ban", "interception",
    "encryption", "servers", "lawful-access", "regulator", "talks", "statement", "court",
    "privacy", "enterprise", "consumer", "messaging", "security", "surveillance", "law",
)  # fmt: skip
FIRST_NAMES = (
    "Marty", "John", "Amina", "Ravi", "Fatima", "Omar", "Sofia", "Li", "Hassan", "Priya",
    "Ahmed", "Maria", "Yusuf", "Ana", "Karim", "Noor", "Daniel", "Aisha", "Chen", "Élise",
    "Javier", "Leila", "Thomas", "Zainab", "Igor", "Mei", "Kwame", "Sara", "Björn", "Ayesha",
)  # fmt: skip
LAST_NAMES = (
    "Beard", "Chen", "Khan", "Sharma", "Al-Mansouri", "Haddad", "García", "Okafor", "Singh",
    "Rahman", "Müller", "Dubois", "Novak", "Tanaka", "Kowalski", "Hussain", "Rossi", "Costa",
    "Nguyen", "Ibrahim", "Larsen", "Park", "Mendes", "Qureshi", "Abbasi", "Lindqvist",
)  # fmt: skip
ROLES = (
    "Chief operating officer, BlackBerry", "Spokesperson, Ministry of Interior",
    "Chairman, telecoms regulator", "Minister of Information Technology",
    "Director, digital rights group", "Analyst, research firm", "Official, telecoms authority",
    "Chief executive, mobile operator", "Lawyer for the operators", "Security adviser",
)  # fmt: skip
# Plain words plus a few with accents and typographic punctuation, so search
# normalisation has real work to do.
WORDS = """
government demand access encrypted servers enterprise service messaging traffic regulator
operators shutdown order security agencies lawful interception company customers data
network talks deadline ministry officials statement announced country services users
privacy law court ruling compliance proposal reversal suspension monitoring information
communications platform devices mobile phone email consumer business national public
safety investigation criminal activity terrorism threat warning week month year official
decision said told would could should never always again after before during until since
the a an of to in on for with by from at as and or but not that this these those it its
their our we they he she his her them us which who whom what when where how why all some
many most few more less other another same such only also still even just very quite
rather much every each both either neither café naïve résumé “secure” ‘lawful’ — –
customers’ government’s company’s regulator’s cannot won’t didn’t
""".split()
assert PLANTED_WORD not in WORDS


class _Text:
    """Sentences of the requested length from the word list."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def line(self, low: int, high: int) -> str:
        target = self.rng.randint(low, high)
        words = self.rng.choices(WORDS, k=target // 5 + 4)
        text = " ".join(words)
        while len(text) < target:
            text += " " + " ".join(self.rng.choices(WORDS, k=8))
        cut = text.rfind(" ", 0, target)
        text = text[: cut if cut >= low - 1 else target].rstrip()
        return text[0].upper() + text[1:]

    def paragraph(self, low: int, high: int) -> str:
        text = self.line(low, high)
        if self.rng.random() < 0.15:
            # Summaries keep their line breaks: some have two paragraphs.
            middle = text.find(" ", len(text) // 2)
            if middle > 0:
                text = text[:middle] + ".\n\n" + text[middle + 1 :].capitalize()
        return text + "."


def _q(text: str) -> str:
    """A YAML double-quoted scalar: JSON's string syntax is a subset of it."""
    return json.dumps(text, ensure_ascii=False)


def _date(rng: random.Random) -> str:
    year = rng.randint(FIRST_YEAR, LAST_YEAR)
    roll = rng.random()
    if roll < 0.15:
        return f"{year}"
    if roll < 0.40:
        return f"{year}-{rng.randint(1, 12):02d}"
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _id_list(ids: list[str]) -> str:
    return "[" + ", ".join(ids) + "]"


def _notes(
    out: TextIO, rng: random.Random, text: _Text, source_ids: list[str], indent: str
) -> None:
    out.write(f"{indent}notes:\n")
    for _ in range(rng.randint(1, 2)):
        sources = rng.sample(source_ids, k=min(2, len(source_ids)))
        out.write(
            f"{indent}  - kind: {rng.choice(NOTE_KINDS)}\n"
            f"{indent}    text: {_q(text.line(40, 160) + '.')}\n"
            f"{indent}    sources: {_id_list(sources)}\n"
        )


def generate(n_events: int, out: TextIO, seed: int = 2015) -> None:
    """Write a valid dataset with `n_events` events (at least 1) to `out`."""
    if n_events < 1:
        raise ValueError("a dataset needs at least one event")
    rng = random.Random(seed * 1_000_003 + n_events)
    text = _Text(rng)
    n_sources = max(10, n_events // 2)
    source_ids = [f"s-{i:06d}" for i in range(n_sources)]
    countries = COUNTRY_LIST

    out.write(
        "bbtui: 1\n"
        f"title: {_q(f'Synthetic benchmark dataset, {n_events} events')}\n"
        "description: >\n"
        "  Generated by benchmarks/generate.py for load, search and screen benchmarks.\n"
        "  The words are random; only the shape is realistic.\n"
        "sources:\n"
    )
    for sid in source_ids:
        out.write(
            f"  - id: {sid}\n"
            f"    outlet: {_q(rng.choice(OUTLETS))}\n"
            f"    title: {_q(text.line(30, 90))}\n"
            f"    url: https://news.example.org/{rng.randint(2000, 2025)}/{sid}-{rng.randrange(16**8):08x}\n"
        )
        if rng.random() < 0.1:
            out.write(
                f"    published: unknown\n    published_note: {_q('the page shows no date')}\n"
            )
        else:
            out.write(f"    published: {_date(rng)}\n")
        if rng.random() < 0.05:
            out.write(f"    file: {sid}.txt\n")
        if rng.random() < 0.02:
            _notes(out, rng, text, source_ids, "    ")

    out.write("countries:\n")
    for code, name in countries:
        first = rng.randint(FIRST_YEAR, LAST_YEAR)
        out.write(
            f"  - code: {code}\n"
            f"    name: {_q(name)}\n"
            f"    from: {first}\n"
            f"    to: {rng.randint(first, LAST_YEAR)}\n"
            f"    demand: {_q(text.line(40, 140) + '.')}\n"
            f"    outcome: {rng.choice(OUTCOMES)}\n"
            f"    outcome_summary: {_q(text.line(40, 140) + '.')}\n"
            f"    response: {_q(text.line(40, 140) + '.')}\n"
            f"    sources: {_id_list(rng.sample(source_ids, k=rng.randint(1, 3)))}\n"
        )
        if rng.random() < 0.1:
            _notes(out, rng, text, source_ids, "    ")

    # Events are written in random date order (the loader sorts them); their
    # quotes are remembered as (event id, date, sources, count) and written after.
    planted_at = rng.randrange(n_events)
    quote_plan: list[tuple[str, str, list[str], int]] = []
    out.write("events:\n")
    for i in range(n_events):
        if i == planted_at:
            eid, date, title = PLANTED_EVENT_ID, PLANTED_DATE, PLANTED_TITLE
            country = "PK"
        else:
            eid, date, title = f"e-{i:06d}", _date(rng), text.line(30, 70)
            country = rng.choice(countries)[0]
        sources = rng.sample(source_ids, k=rng.randint(1, 3))
        tags = rng.sample(TAGS, k=rng.randint(0, 3))
        out.write(
            f"  - id: {eid}\n"
            f"    date: {date}\n"
            f"    country: {country}\n"
            f"    title: {_q(title)}\n"
            f"    summary: {_q(text.paragraph(200, 500))}\n"
            f"    tags: {_id_list(tags)}\n"
            f"    sources: {_id_list(sources)}\n"
        )
        if rng.random() < 0.05:
            out.write(f"    date_note: {_q('approximate: ' + text.line(20, 60))}\n")
        if rng.random() < 0.05:
            _notes(out, rng, text, source_ids, "    ")
        quote_plan.append((eid, date, sources, rng.randint(0, 6)))

    out.write("quotes:\n")
    number = 0
    for eid, date, sources, count in quote_plan:
        if eid == PLANTED_EVENT_ID:
            out.write(
                f"  - id: {PLANTED_QUOTE_ID}\n"
                f"    event: {eid}\n"
                f"    text: {_q(PLANTED_TEXT)}\n"
                "    speaker: Marty Beard\n"
                f"    role: {_q(ROLES[0])}\n"
                f"    said: {date}\n"
                f"    source: {sources[0]}\n"
                "    kind: direct\n"
            )
        for _ in range(count):
            number += 1
            speaker = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            out.write(
                f"  - id: q-{number:07d}\n"
                f"    event: {eid}\n"
                f"    text: {_q(text.paragraph(80, 300))}\n"
                f"    speaker: {_q(speaker)}\n"
                f"    role: {_q(rng.choice(ROLES))}\n"
                f"    said: {date}\n"
                f"    source: {rng.choice(sources)}\n"
                f"    kind: {'direct' if rng.random() < 0.7 else 'reported'}\n"
            )
            if rng.random() < 0.1:
                out.write("    translated: true\n")
            if rng.random() < 0.05:
                out.write(f"    said_note: {_q('derived from the dateline')}\n")
            if rng.random() < 0.03:
                _notes(out, rng, text, sources, "    ")


def write_dataset(n_events: int, path: str | Path, seed: int = 2015) -> Path:
    """Generate into `path` atomically (a temp file beside it, then a rename)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n", buffering=1 << 20) as out:
            generate(n_events, out, seed)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; this is ordinary output
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("events", type=int, help="number of events (e.g. 1000, 10000, 100000)")
    parser.add_argument("-o", "--output", required=True, help="file to write ('-' for stdout)")
    parser.add_argument(
        "--seed", type=int, default=2015, help="same seed, same file (default 2015)"
    )
    args = parser.parse_args(argv)
    if args.events < 1:
        parser.error("events must be at least 1")
    if args.output == "-":
        generate(args.events, sys.stdout, args.seed)
    else:
        write_dataset(args.events, args.output, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
