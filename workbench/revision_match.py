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
    opcodes = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    moved_to = _moves(opcodes, old, new)
    moved_from = set(moved_to.values())
    for op, i1, i2, j1, j2 in opcodes:
        if op == "equal":
            result += [Pair(Fate.UNCHANGED, i1 + k, j1 + k) for k in range(i2 - i1)]
            continue
        olds = [i for i in range(i1, i2) if i not in moved_from]
        news = [j for j in range(j1, j2) if j not in moved_to]
        pairs = _pair_block([old[i] for i in olds], [new[j] for j in news], threshold) if olds and news else []
        a, j = 0, j1
        for pa, pb in [*pairs, (len(olds), None)]:
            result += [Pair(Fate.REMOVED, i, None) for i in olds[a:pa]]
            until = j2 if pb is None else news[pb]
            result += [
                Pair(Fate.UNCHANGED, moved_to[k], k) if k in moved_to else Pair(Fate.NEW, None, k)
                for k in range(j, until)
            ]
            if pb is not None:
                result.append(Pair(Fate.CHANGED, olds[pa], news[pb]))
                j = news[pb] + 1
            a = pa + 1
    return result


def _moves(opcodes: list[tuple[str, int, int, int, int]], old: list[str], new: list[str]) -> dict[int, int]:
    """{new position: old position} of the sentences moved elsewhere in the text (the alignment saw them
    removed in one place and added in another): the same text keeps its claim wherever it now stands. They
    are taken out before similar texts are paired, so that an exact text is never read as an edit of a
    similar sentence that stood where it now stands."""
    spare: dict[str, list[int]] = {}
    for op, i1, i2, _, _ in opcodes:
        if op != "equal":
            for i in range(i1, i2):
                spare.setdefault(old[i], []).append(i)
    moved: dict[int, int] = {}
    for op, _, _, j1, j2 in opcodes:
        if op != "equal":
            for j in range(j1, j2):
                if spare.get(new[j]):
                    moved[j] = spare[new[j]].pop(0)
    return moved
