"""Find a headline glued to the sentence after it, when no newline or period separates them.

Text rebuilt from some sources runs "Caminhão tomba e causa morte O tombamento de um…"
together. Inside the first words of a sentence, a capitalised function word ("O", "Il",
"The", "Der") that follows a plain word and precedes a lower-case one is almost always
the start of the body text: a capitalised article in mid-sentence is otherwise the start
of a name, and then the next word is capitalised too ("il quotidiano La Repubblica").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# Only this far into a sentence do we look for the glue: headlines are short.
WINDOW = 120
_UPPER = "".join(chr(c) for c in range(0x41, 0x250) if chr(c).isupper())
_LOWER = "".join(chr(c) for c in range(0x61, 0x250) if chr(c).islower())
GLUED = re.compile(rf"(?<=[^\W_]|[»”\"')]) (?P<word>[{_UPPER}][{_LOWER}]*) (?=[{_LOWER}])")
# Capitalised in mid-sentence anyway, so never evidence of glue.
ALWAYS_CAPITALISED = frozenset({"i"})


def glued_starts(text: str, start: int, end: int, stop_words: frozenset[str]) -> Iterator[int]:
    """Offsets in the first WINDOW characters of text[start:end] where glued body text starts."""
    limit = min(end, start + WINDOW)
    for match in GLUED.finditer(text, start, limit):
        word = match.group("word").lower()
        if word not in stop_words or word in ALWAYS_CAPITALISED:
            continue
        before = text[start : match.start()].split()
        if not before or before[-1].lower() in stop_words:
            continue  # "de O conselho": a function word before it means a name follows
        yield match.start("word")
        return
