"""Find vocabulary words close to a misspelt one, without comparing against every word.

Typos are forgiven by edit distance (insert, delete, substitute, or swap two
neighbouring letters), allowing more for longer words as Lucene's "AUTO" does:
none up to 2 letters, 1 up to 5, 2 beyond. Candidates come from a letter-pair
(bigram) index: a word within k edits of `term` keeps at least
|pairs(term)| - 2k of its letter pairs, so only words sharing that many are
compared at all. Words too short for that (3 letters) are compared only
with words of about the same length and the same first letter.
"""

from __future__ import annotations

from collections import Counter


def allowed_edits(word: str) -> int:
    if len(word) <= 2:
        return 0
    return 1 if len(word) <= 5 else 2


def _pairs(word: str) -> set[str]:
    return {word[i : i + 2] for i in range(len(word) - 1)}


def within(a: str, b: str, limit: int) -> bool:
    """True when a and b are at most `limit` edits apart (adjacent swaps count one)."""
    if abs(len(a) - len(b)) > limit:
        return False
    if a == b:
        return True
    previous2: list[int] | None = None
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        ca = a[i - 1]
        for j in range(1, len(b) + 1):
            cost = 0 if ca == b[j - 1] else 1
            best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if previous2 is not None and j > 1 and ca == b[j - 2] and a[i - 2] == b[j - 1]:
                best = min(best, previous2[j - 2] + 1)
            current[j] = best
        if min(current) > limit:
            return False
        previous2, previous = previous, current
    return previous[len(b)] <= limit


class CloseWords:
    """Close-word look-up over a fixed, sorted vocabulary; answers are cached."""

    def __init__(self, vocabulary: list[str]) -> None:
        self._words = vocabulary
        self._by_pair: dict[str, list[int]] = {}
        self._by_start: dict[tuple[str, int], list[int]] = {}
        for index, word in enumerate(vocabulary):
            self._by_start.setdefault((word[0], len(word)), []).append(index)
            for pair in _pairs(word):
                self._by_pair.setdefault(pair, []).append(index)
        self._cache: dict[str, tuple[str, ...]] = {}

    def __call__(self, term: str) -> tuple[str, ...]:
        """Vocabulary words within the allowed edits of `term` (not `term` itself)."""
        cached = self._cache.get(term)
        if cached is not None:
            return cached
        limit = allowed_edits(term)
        found: tuple[str, ...] = ()
        if limit:
            pairs = _pairs(term)
            need = len(pairs) - 2 * limit
            if need >= 1:
                counts: Counter[int] = Counter()
                for pair in pairs:
                    counts.update(self._by_pair.get(pair, ()))
                candidates = sorted(i for i, n in counts.items() if n >= need)
            else:
                # Too short for letter pairs to narrow anything down: assume
                # the first letter is right (typos rarely hit it).
                candidates = sorted(
                    i
                    for length in range(len(term) - limit, len(term) + limit + 1)
                    for i in self._by_start.get((term[0], length), ())
                )
            found = tuple(
                self._words[i]
                for i in candidates
                if self._words[i] != term and within(term, self._words[i], limit)
            )
        if len(self._cache) > 2048:
            self._cache.clear()
        self._cache[term] = found
        return found
