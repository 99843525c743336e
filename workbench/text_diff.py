"""A readable diff of two texts of an article: passages (sentences within lines) added, removed or changed.

Pure functions; the Articles page renders the rows as text (ui/revisions.py). Passages are matched the way
revisions match segments (revision_match.match): the same text is unchanged, a similar one changed.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from .revision_match import Fate, match

# A passage ends at a line end, or after . ! ? … (and closing quotes or brackets) followed by a space.
_PASSAGE = re.compile(r"[^\n]*?(?:[.!?…]+[\"'”’)\]]*(?=\s)|$)", re.MULTILINE)


@dataclass(frozen=True)
class DiffRow:
    change: str  # "same", "added", "removed" or "changed"
    before: str  # '' for an added passage
    after: str  # '' for a removed passage


def passages(text: str) -> list[str]:
    """The text cut into sentences within its lines, blank ones left out."""
    return [piece.strip() for piece in _PASSAGE.findall(text) if piece.strip()]


_CHANGE = {Fate.UNCHANGED: "same", Fate.CHANGED: "changed", Fate.NEW: "added", Fate.REMOVED: "removed"}


def text_diff(before: str, after: str) -> list[DiffRow]:
    """Every passage of both texts once, in reading order."""
    old, new = passages(before), passages(after)
    return [
        DiffRow(
            _CHANGE[pair.fate],
            old[pair.old] if pair.old is not None else "",
            new[pair.new] if pair.new is not None else "",
        )
        for pair in match(old, new)
    ]


def word_changes(before: str, after: str) -> list[tuple[str, str]]:
    """A changed passage as (op, words) runs: op is "same", "removed" or "added"; words keep their spacing."""
    old, new = re.findall(r"\S+\s*", before), re.findall(r"\S+\s*", after)
    runs: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            runs.append(("same", "".join(old[i1:i2])))
            continue
        if i2 > i1:
            runs.append(("removed", "".join(old[i1:i2])))
        if j2 > j1:
            runs.append(("added", "".join(new[j1:j2])))
    return runs
