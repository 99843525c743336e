"""Cut normalised text into paragraphs and say which are headings or boilerplate.

A blank line always ends a paragraph. A single newline ends one only after a line that
ends a sentence, around a heading or boilerplate line, or before a list item; elsewhere
it is a hard wrap inside a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.models import SegmentKind

from .boilerplate import is_boilerplate
from .headings import ends_sentence, is_bullet, looks_like_heading, starts_lowercase, starts_uppercase

_LINE = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class Line:
    start: int  # offset of the first non-whitespace character
    end: int  # offset after the last non-whitespace character
    text: str
    after_blank: bool  # a blank line (or the start of the text) comes before it


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    kind: SegmentKind


def _lines(text: str) -> list[Line]:
    lines: list[Line] = []
    previous_end = 0
    for match in _LINE.finditer(text):
        raw = match.group()
        stripped = raw.strip()
        if not stripped:
            continue
        start = match.start() + (len(raw) - len(raw.lstrip()))
        end = start + len(stripped)
        after_blank = not lines or text.count("\n", previous_end, start) > 1
        lines.append(Line(start, end, stripped, after_blank))
        previous_end = end
    return lines


def _kinds(lines: list[Line]) -> list[SegmentKind]:
    kinds = [SegmentKind.BOILERPLATE if is_boilerplate(line.text) else SegmentKind.CLAIM for line in lines]
    for i, line in enumerate(lines):
        if kinds[i] is not SegmentKind.CLAIM or i + 1 == len(lines):
            continue  # a heading needs body text after it
        previous_open = (
            not line.after_blank and not ends_sentence(lines[i - 1].text) and kinds[i - 1] is SegmentKind.CLAIM
        )
        if previous_open:
            continue  # the line continues a hard-wrapped sentence
        following = lines[i + 1]
        tight = not following.after_blank
        if tight and starts_lowercase(following.text):
            continue  # the sentence wraps onto the next line
        if looks_like_heading(line.text, tight):
            kinds[i] = SegmentKind.HEADING
    return kinds


def _breaks_between(
    before: Line, after: Line, kind_before: SegmentKind, kind_after: SegmentKind, in_item: bool
) -> bool:
    """`in_item`: the paragraph `before` ends started as a list item."""
    return (
        after.after_blank
        or ends_sentence(before.text)
        or kind_before is not SegmentKind.CLAIM
        or kind_after is not SegmentKind.CLAIM
        or is_bullet(after.text)
        # A list item needs no final period: a capitalised line after it is new text, while
        # a lower-case one continues the item ("- più medici per\n  gli ospedali").
        or (in_item and starts_uppercase(after.text))
    )


def paragraphs(text: str) -> list[Paragraph]:
    """The paragraphs of `text` in order, each spanning its first to last visible character."""
    lines = _lines(text)
    if not lines:
        return []
    kinds = _kinds(lines)
    result: list[Paragraph] = []
    first = lines[0]
    for i in range(1, len(lines) + 1):
        in_item = is_bullet(first.text)
        if i < len(lines) and not _breaks_between(lines[i - 1], lines[i], kinds[i - 1], kinds[i], in_item):
            continue
        result.append(Paragraph(first.start, lines[i - 1].end, kinds[i - 1]))
        if i < len(lines):
            first = lines[i]
    return result
