"""The quote search index: every matching rule, ranking, filters, spans, advice."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bbtui.core.fuzzy import allowed_edits, within
from bbtui.core.loader import load
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
from bbtui.core.query import Term, parse, year_range
from bbtui.core.search import HitKind, QuoteIndex, Tier
from bbtui.core.search_hits import Marker
from bbtui.core.textfold import fold, fold_in_place, fold_with_offsets, words

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def mini() -> QuoteIndex:
    return QuoteIndex(load(DATA / "mini.yaml"))


def make(*texts: str, said: list[str] | None = None, speakers: list[str] | None = None) -> Dataset:
    """A dataset with one event per quote, in PK, dated as given (default 2015-01-0N)."""
    dates = (
        [PartialDate.parse(d) for d in said]
        if said
        else [PartialDate(2015, 1, i + 1) for i in range(len(texts))]
    )
    source = Source("s1", "Reuters", "Headline", "https://example.org", PartialDate(2015, 1, 1))
    country = Country("PK", "Pakistan", 2015, 2015, "d", Outcome.WITHDRAWN, "s", "r", ("s1",))
    events = tuple(
        Event(f"e{i}", dates[i], "PK", f"Event {i}", f"Summary {i}", (), ("s1",))
        for i in range(len(texts))
    )
    quotes = tuple(
        Quote(
            f"q{i}",
            f"e{i}",
            text,
            (speakers or ["Someone"] * len(texts))[i],
            "role",
            dates[i],
            "s1",
            SpeechKind.DIRECT,
        )
        for i, text in enumerate(texts)
    )
    return Dataset("t", "", (source,), (country,), events, quotes)


def ids(index: QuoteIndex, query: str, **kwargs) -> list[str]:
    return [hit.id for hit in index.search(query, **kwargs).hits]


def marked(index: QuoteIndex, query: str, **kwargs) -> list[list[str]]:
    """For each hit, the original-text pieces its spans cover."""
    return [[hit.text[a:b] for a, b in hit.spans] for hit in index.search(query, **kwargs).hits]


# --- folding ---------------------------------------------------------------


def test_fold_case_accents_and_typography() -> None:
    assert fold("Café NAÏVE") == "cafe naive"
    assert fold("customers’ “quoted” – —") == 'customers\' "quoted" - -'
    assert fold("Straße") == "strasse"


def test_fold_offsets_point_back_to_the_original() -> None:
    text = "Ça va, Straße"
    folded, origins = fold_with_offsets(text)
    assert folded == "ca va, strasse"
    assert len(origins) == len(folded)
    assert text[origins[folded.index("strasse")]] == "S"
    assert origins[-1] == len(text) - 1  # both s's of ß come from ß


def test_words_agree_with_fold_then_split() -> None:
    assert words("Pakistan’s BES-servers, 24/7; naïve_x") == [
        "pakistan",
        "s",
        "bes",
        "servers",
        "24",
        "7",
        "naive_x",
    ]


# --- parsing ---------------------------------------------------------------


def test_parse_words_phrases_filters() -> None:
    q = parse('Unfettered "law enforcement" speaker:"Marty Beard" country:PK year:2015 acc')
    assert [t.words for t in q.terms] == [("unfettered",), ("law", "enforcement"), ("acc",)]
    assert [t.prefix for t in q.terms] == [False, False, True]
    assert q.terms[1].quoted
    assert [(f.name, f.value) for f in q.filters] == [
        ("speaker", "marty beard"),
        ("country", "pk"),
        ("year", "2015"),
    ]


def test_parse_last_word_is_prefix_only_while_typing() -> None:
    assert parse("access").terms[0].prefix
    assert not parse("access ").terms[0].prefix
    assert not parse("access.").terms[0].prefix
    assert parse('"law enf').terms[0].prefix
    assert not parse('"law enf"').terms[0].prefix


def test_parse_unknown_prefix_is_words_and_empty_filter_is_ignored() -> None:
    q = parse("foo:bar speaker:")
    assert [t.words for t in q.terms] == [("foo", "bar")]
    assert q.filters == ()


def test_parse_bad_year_is_a_problem_not_an_exception() -> None:
    assert parse("year:abc").problems
    assert year_range("2015") == (2015, 2015)
    assert year_range("201") == (2010, 2019)
    assert year_range("2012-2010") == (2010, 2012)
    assert year_range("20x") is None


# --- matching rules ----------------------------------------------------------


def test_case_insensitive(mini: QuoteIndex) -> None:
    assert ids(mini, "UNFETTERED") == ["q-beard-unfettered"]


def test_accent_insensitive_both_ways() -> None:
    index = QuoteIndex(make("a résumé and a cafe", "naive plans"))
    assert ids(index, "resume") == ["q0"]
    assert ids(index, "café") == ["q0"]
    assert ids(index, "naïve") == ["q1"]


def test_typographic_apostrophe_matches_plain(mini: QuoteIndex) -> None:
    # q-beard-swath has customers’ (typographic), q-beard-unfettered customers' (plain)
    assert ids(mini, "swath customers'") == ["q-beard-swath"]
    assert ids(mini, "unfettered customers’") == ["q-beard-unfettered"]


def test_typographic_dash_matches_plain() -> None:
    index = QuoteIndex(make("a state–run operator", "no dash here"))
    assert ids(index, "state-run") == ["q0"]


def test_all_words_in_any_order(mini: QuoteIndex) -> None:
    assert (
        ids(mini, "unfettered pakistan")
        == ids(mini, "pakistan unfettered")
        == ["q-beard-unfettered"]
    )
    assert ids(mini, "unfettered swath") == []


def test_quoted_phrase_is_exact() -> None:
    index = QuoteIndex(
        make("law enforcement agencies", "enforcement of law", "the law and enforcement")
    )
    assert ids(index, '"law enforcement"') == ["q0"]
    assert ids(index, "law enforcement ") == ["q0", "q1", "q2"]


def test_word_with_apostrophe_must_match_as_a_phrase() -> None:
    index = QuoteIndex(make("Pakistan’s demand", "Pakistan said demand s"))
    assert ids(index, "pakistan's demand") == ["q0"]


def test_last_word_is_a_prefix_others_are_whole_words() -> None:
    index = QuoteIndex(make("access denied", "accessing data", "unrelated"))
    assert ids(index, "acc") == ["q0", "q1"]
    assert ids(index, "acc ") == []  # finished word: must be whole
    assert ids(index, "acc data") == []  # not the last word: whole word only
    assert ids(index, "data acc") == ["q1"]


def test_typo_finds_close_words_only_when_nothing_exact(mini: QuoteIndex) -> None:
    results = mini.search("unfetterd")
    assert [h.id for h in results.hits] == ["q-beard-unfettered"]
    assert results.hits[0].tier is Tier.FUZZY
    assert [h.text[a:b] for h in results.hits for a, b in h.spans] == ["unfettered"]
    # "access" matches exactly, so no close words (like "accessed") are mixed in
    index = QuoteIndex(make("access", "acess"))
    assert ids(index, "access ") == ["q0"]
    assert ids(QuoteIndex(make("access", "excess")), "acces ") == ["q0"]


def test_quoted_phrase_stays_exact_in_the_typo_fallback() -> None:
    index = QuoteIndex(make("law enforcement", "enforcement of law"))
    assert ids(index, '"law enforcement" polcie') == []
    assert ids(index, '"law enforcment"') == []


def test_typo_in_one_of_several_words() -> None:
    index = QuoteIndex(make("lawful interception of traffic", "interception only"))
    results = index.search("lawfull interception")
    assert [(h.id, h.tier) for h in results.hits] == [("q0", Tier.FUZZY)]


def test_edit_distance_grows_with_word_length() -> None:
    assert allowed_edits("ab") == 0
    assert allowed_edits("bees") == 1
    assert allowed_edits("unfettered") == 2
    assert within("unfetterd", "unfettered", 2)
    assert within("recieve", "receive", 1)  # a swap counts once
    assert not within("cat", "dog", 1)
    assert not within("short", "shortest", 2)


def test_short_words_are_not_fuzzed() -> None:
    index = QuoteIndex(make("an ox"))
    assert ids(index, "ax ") == []


# --- filters ---------------------------------------------------------------


def test_speaker_filter_substring_and_quoted(mini: QuoteIndex) -> None:
    beard = ["q-beard-unfettered", "q-beard-swath", "q-beard-grateful"]
    assert ids(mini, "speaker:beard") == beard
    assert ids(mini, 'speaker:"marty beard"') == beard
    assert ids(mini, "speaker:BEARD grateful") == ["q-beard-grateful"]


def test_country_filter_by_code_or_name(mini: QuoteIndex) -> None:
    assert ids(mini, "country:in") == ids(mini, "country:India") == ["q-mha-proposals"]
    assert ids(mini, "country:pakistan bes") == ["q-beard-unfettered", "q-beard-grateful"]
    assert ids(mini, "country:arab") == ["q-tra-normal"]  # a word of "United Arab Emirates"


def test_year_filter_exact_and_range(mini: QuoteIndex) -> None:
    assert ids(mini, "year:2010") == ["q-mha-proposals", "q-tra-normal"]
    assert len(ids(mini, "year:2009-2015")) == 6
    assert ids(mini, "year:2011") == []


def test_source_filter_by_id_or_outlet(mini: QuoteIndex) -> None:
    assert ids(mini, "source:reuters") == ["q-pta-directive"]
    assert ids(mini, "source:TECH") == ["q-beard-grateful"]  # outlet "Tech Times"
    assert ids(mini, "source:silicon-2010") == ["q-mha-proposals"]


def test_filters_combine_with_words(mini: QuoteIndex) -> None:
    assert ids(mini, "access year:2015") == [
        "q-beard-unfettered",
        "q-beard-swath",
        "q-beard-grateful",
    ]
    assert ids(mini, "access year:2010") == ["q-mha-proposals"]


def test_bad_year_gives_advice_not_error(mini: QuoteIndex) -> None:
    results = mini.search("access year:20x5")
    assert results.total == 0 and "year" in (results.suggestion or "")


# --- ranking ---------------------------------------------------------------


def test_phrase_before_all_words_then_by_date() -> None:
    index = QuoteIndex(
        make(
            "access was unfettered",  # all words, 2015-01-01
            "unfettered access later",  # phrase, 2016
            "unfettered access earlier",  # phrase, 2014
            said=["2015-01-01", "2016", "2014-05"],
        )
    )
    results = index.search("unfettered access ")
    assert [(h.id, h.tier) for h in results.hits] == [
        ("q2", Tier.PHRASE),
        ("q1", Tier.PHRASE),
        ("q0", Tier.ALL_WORDS),
    ]
    assert results.tier_counts == (2, 1, 0)


def test_equal_dates_keep_file_order() -> None:
    index = QuoteIndex(make("same day b", "same day a", said=["2015-03-01", "2015-03-01"]))
    assert ids(index, "same") == ["q0", "q1"]


def test_vaguer_date_sorts_first() -> None:
    index = QuoteIndex(
        make("word one", "word two", "word three", said=["2015-03-02", "2015-03", "2015"])
    )
    assert ids(index, "word") == ["q2", "q1", "q0"]


# --- results, limit, events ----------------------------------------------------


def test_limit_caps_hits_not_total(mini: QuoteIndex) -> None:
    results = mini.search("the", limit=2)
    assert len(results.hits) == 2 and results.total > 2
    assert [h.id for h in results.hits] == ids(mini, "the")[:2]


def test_quotes_only_by_default_events_on_request(mini: QuoteIndex) -> None:
    assert mini.search("reprieve").total == 0
    results = mini.search("reprieve", include_events=True)
    assert [(h.kind, h.id, h.event_id) for h in results.hits] == [
        (HitKind.EVENT_TITLE, "in-reprieve", "in-reprieve"),
    ]
    # after events are indexed, quote-only searches still return only quotes
    assert all(h.kind is HitKind.QUOTE for h in mini.search("pakistan").hits)


def test_event_summary_hits_and_filters_apply_to_events() -> None:
    index = QuoteIndex(load(DATA / "mini.yaml"), include_events=True)
    results = index.search("talks country:pk", include_events=True)
    assert [(h.kind, h.id) for h in results.hits] == [(HitKind.EVENT_SUMMARY, "pk-reversal")]
    assert index.search("talks speaker:beard", include_events=True).total == 0


def test_empty_query_has_no_hits_and_no_advice(mini: QuoteIndex) -> None:
    results = mini.search("   ")
    assert results.total == 0 and results.suggestion is None


# --- spans -----------------------------------------------------------------


def test_spans_are_in_original_text(mini: QuoteIndex) -> None:
    assert marked(mini, "swath customers'") == [["swath", "customers"]]
    text = mini.search("grateful").hits[0].text
    ((start, end),) = mini.search("grateful").hits[0].spans
    assert text[start:end] == "grateful"


def test_prefix_span_covers_what_was_typed() -> None:
    index = QuoteIndex(make("Accessing data"))
    assert marked(index, "acc") == [["Acc"]]


def test_phrase_span_covers_the_phrase_across_typography() -> None:
    index = QuoteIndex(make("Pakistan’s demand was clear"))
    assert marked(index, "pakistan's demand") == [["Pakistan’s demand"]]


def test_spans_survive_accents_that_change_length() -> None:
    index = QuoteIndex(make("Cafe\u0301 and ﬁne Straße"))  # e + combining accent; fi ligature
    assert marked(index, "cafe fine strasse ") == [["Cafe\u0301", "ﬁne", "Straße"]]


# Letters that fold to one, to none or to two, other scripts' letters and digits
# (\w too: Cherokee folds to capitals), word joiners and separators; no "q",
# which the phrase below needs.
TRICKY = "abcxyzABC_09 ,.-'’é\u0301Éßﬁİ\u13a0²·\u00a0"


@given(st.text(alphabet=TRICKY, max_size=40), st.data())
@settings(max_examples=400, deadline=None)
def test_spans_of_words_and_prefixes_are_those_of_the_word_by_word_scan(
    text: str, data: st.DataObject
) -> None:
    # Without a phrase, spans are found by looking the words up (str.find); a
    # phrase that never matches sends the same marker through the scan of
    # every word: both must mark the same.
    found = words(text) or ["abc"]
    pick = st.sampled_from(found) | st.sampled_from(["a", "ab", "b", "ss", "fi", "i", "0"])
    chosen = frozenset(data.draw(st.lists(pick, max_size=3)))
    prefixes = tuple(data.draw(st.lists(pick, max_size=2)))
    never = Term(("qqq", "qqq"))
    quick = Marker(chosen, prefixes, ())
    assert quick.spans(text) == Marker(chosen, prefixes, (never,)).spans(text)
    folded = fold_in_place(text)
    assert folded is None or folded == fold(text)
    assert (folded is None) == any(len(fold(char)) != 1 for char in text)


# --- advice when nothing matches ---------------------------------------------------


def test_suggests_removing_a_filter(mini: QuoteIndex) -> None:
    results = mini.search("proposals speaker:beard")
    assert results.total == 0
    assert (
        results.suggestion
        == 'No quotes match "proposals" speaker:beard — try removing speaker:beard'
    )


def test_suggests_fewer_words(mini: QuoteIndex) -> None:
    assert "try fewer words" in (mini.search("swath zebraxylophone").suggestion or "")


def test_suggests_speaker_filter_for_a_speaker_name(mini: QuoteIndex) -> None:
    assert "speaker:beard" in (mini.search("beard").suggestion or "")


def test_suggests_dropping_quotes() -> None:
    index = QuoteIndex(make("enforcement of law"))
    assert "quotation marks" in (index.search('"law enforcement"').suggestion or "")


def test_generic_advice(mini: QuoteIndex) -> None:
    assert mini.search("qqqqzzzz").suggestion == (
        'No quotes match "qqqqzzzz" — check the spelling or try fewer words'
    )


def test_hostile_text_is_searchable() -> None:
    index = QuoteIndex(load(DATA / "hostile.yaml"))
    assert ids(index, "not bold either") == ["q-markup"]
    assert ids(index, "中文引用") == ["q-wide"]


def test_three_letter_typo_is_forgiven() -> None:
    index = QuoteIndex(make("the cat sat", "a dog"))
    assert [(h.id, h.tier) for h in index.search("teh ").hits] == [("q0", Tier.FUZZY)]


def test_events_can_be_indexed_ahead_of_a_search() -> None:
    index = QuoteIndex(load(DATA / "mini.yaml"))
    assert not index.has_events
    index.index_events()
    assert index.has_events
    assert ids(index, "reprieve", include_events=True) == ["in-reprieve"]
    assert ids(index, "unfetterd") == ["q-beard-unfettered"]  # close words rebuilt too
