"""Matching a new revision's segments to the previous revision's: unchanged, changed, new or removed.

Pure functions over texts (no database): the store (store/revisions.py) applies the result.

- Unchanged: the same text exactly (character for character). Only then does a claim keep its id and its
  labels: every label stays on a segment with exactly the text it was given on.
- Changed: an old and a new segment in the same place of the article (between the same unchanged ones)
  whose normalised texts (case-folded, whitespace collapsed) are at least CHANGED_AT similar by difflib's
  ratio. The new one is a new claim linked to the old one.
- Removed: an old segment with no partner; new: a new one with no partner. A sentence moved elsewhere (the
  same text removed in one place and added in another) is unchanged: it keeps its claim.

Order comes from difflib.SequenceMatcher over the two lists of exact texts (sequence alignment, so a
sentence that appears twice is matched in place, not to its first copy); inside each replaced block the
pairs are chosen by dynamic programming, in order, maximising the summed similarity.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from enum import Enum

CHANGED_AT = 0.6  # below this, an edit is read as one sentence removed and another added
_BLOCK_CELLS = 40_000  # a replaced block bigger than this (old × new) is paired by position, not by DP
_SPACE = re.compile(r"\s+")


class Fate(str, Enum):
    UNCHANGED = "unchanged"
    CHANGED = "changed"
    NEW = "new"
    REMOVED = "removed"


@dataclass(frozen=True)
class Pair:
    """One row of the match: `old` and `new` are positions in the two lists (None where there is none)."""

    fate: Fate
    old: int | None
    new: int | None


def normalised(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def similarity(a: str, b: str) -> float:
    """difflib's ratio of two normalised texts, 0..1."""
    return difflib.SequenceMatcher(None, normalised(a), normalised(b), autojunk=False).ratio()


def _pair_block(old: list[str], new: list[str], threshold: float) -> list[tuple[int, int]]:
    """Pairs (i, j) of similar texts, both in increasing order, maximising the summed similarity."""
    if len(old) * len(new) > _BLOCK_CELLS:
        return [(i, i) for i in range(min(len(old), len(new))) if similarity(old[i], new[i]) >= threshold]
    score = [[0.0] * len(new) for _ in old]
    for i, a in enumerate(old):
        for j, b in enumerate(new):
            ratio = similarity(a, b)
            score[i][j] = ratio if ratio >= threshold else 0.0
    best = [[0.0] * (len(new) + 1) for _ in range(len(old) + 1)]
    for i in range(len(old) - 1, -1, -1):
        for j in range(len(new) - 1, -1, -1):
            take = score[i][j] + best[i + 1][j + 1] if score[i][j] else 0.0
            best[i][j] = max(take, best[i + 1][j], best[i][j + 1])
    pairs, i, j = [], 0, 0
    while i < len(old) and j < len(new):
        if score[i][j] and best[i][j] == score[i][j] + best[i + 1][j + 1]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def match(old: list[str], new: list[str], *, threshold: float = CHANGED_AT) -> list[Pair]:
    """Every old and every new position exactly once, in the new text's order (removed ones where they were)."""
    result: list[Pair] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            result += [Pair(Fate.UNCHANGED, i1 + k, j1 + k) for k in range(i2 - i1)]
            continue
        pairs = _pair_block(old[i1:i2], new[j1:j2], threshold) if op == "replace" else []
        i, j = i1, j1
        for pi, pj in [*((i1 + a, j1 + b) for a, b in pairs), (i2, j2)]:
            result += [Pair(Fate.REMOVED, k, None) for k in range(i, pi)]
            result += [Pair(Fate.NEW, None, k) for k in range(j, pj)]
            if pi < i2:
                result.append(Pair(Fate.CHANGED, pi, pj))
            i, j = pi + 1, pj + 1
    return _moves(result, old, new)


def _moves(pairs: list[Pair], old: list[str], new: list[str]) -> list[Pair]:
    """A sentence moved elsewhere in the text (alignment saw it removed here and added there) is unchanged:
    the same text keeps its claim wherever it now stands."""
    removed: dict[str, list[int]] = {}
    for pair in pairs:
        if pair.fate is Fate.REMOVED and pair.old is not None:
            removed.setdefault(old[pair.old], []).append(pair.old)
    moved: set[int] = set()
    result = []
    for pair in pairs:
        if pair.fate is Fate.NEW and pair.new is not None and removed.get(new[pair.new]):
            source = removed[new[pair.new]].pop(0)
            moved.add(source)
            result.append(Pair(Fate.UNCHANGED, source, pair.new))
        else:
            result.append(pair)
    return [p for p in result if not (p.fate is Fate.REMOVED and p.old in moved)]
