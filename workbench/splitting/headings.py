"""Tell headings and list items from body lines by their shape alone."""

from __future__ import annotations

import re

from workbench.models import GENERIC_LANGUAGE

from .openers import openers_for

# Function words of all six languages: a heading does not end on one ("announced by").
_FUNCTION_WORDS = openers_for(GENERIC_LANGUAGE)

# A line ending like this closes a sentence (closing quotes/brackets may follow the mark).
SENTENCE_END = re.compile(r"[.!?…‼⁉](?:[\"'»”’“‘)\]›]|[ \u00a0\u202f][»›])*$")
# Marks a heading never ends with.
_NOT_HEADING_END = ".!?…‼⁉:;,"
_CLOSERS = "\"'»”’“‘)]› \u00a0\u202f"
BULLET = re.compile(r"^(?:[-–—•*·▪►●◦‣]\s+|\d{1,3}[.)]\s+|[a-zA-Z][)]\s+|\(\d{1,3}\)\s+)")

# A heading is short; the limits are generous so long headlines still count.
MAX_HEADING_CHARS = 150
MAX_HEADING_WORDS = 20
# Up to this many words any line without final punctuation may be a heading; longer ones
# only between blank lines and only when built of parts like a headline (HEADLINE_PARTS).
# With body text directly on the next line (no blank line), no longer line is one, or
# hard-wrapped prose would be taken for one.
MAX_PLAIN_HEADING_WORDS = 12
HEADLINE_PARTS = re.compile(r"[,:;|«»“”\"]| [-–—] ")


def ends_sentence(line: str) -> bool:
    return SENTENCE_END.search(line) is not None


def is_bullet(line: str) -> bool:
    return BULLET.match(line) is not None


def starts_lowercase(line: str) -> bool:
    """Whether the first letter or digit of the line is a lower-case letter."""
    for ch in line:
        if ch.isalnum():
            return ch.islower()
    return False


def starts_uppercase(line: str) -> bool:
    """Whether the first letter or digit of the line is an upper-case letter."""
    for ch in line:
        if ch.isalnum():
            return ch.isupper()
    return False


def looks_like_heading(line: str, tight: bool) -> bool:
    """A short line without final punctuation that does not start in lower case.

    `tight` means body text follows on the very next line, so the limits are stricter.
    """
    if len(line) > MAX_HEADING_CHARS or is_bullet(line):
        return False
    if line.rstrip(_CLOSERS)[-1:] in _NOT_HEADING_END or line[-1:] in _NOT_HEADING_END:
        return False
    if starts_lowercase(line) or not any(ch.isalpha() for ch in line):
        return False
    words = line.split()
    if len(words) > 1 and words[-1] in _FUNCTION_WORDS:
        return False  # "The deal was announced by" is a sentence broken by a line wrap
    if len(words) <= MAX_PLAIN_HEADING_WORDS:
        return True
    # A longer headline is built of parts ("Incendio a Roma, evacuate le famiglie: nessun
    # ferito"); a long line of plain prose is a sentence that lost its period.
    return not tight and len(words) <= MAX_HEADING_WORDS and HEADLINE_PARTS.search(line) is not None
