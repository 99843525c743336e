"""Build the per-language pipelines once and turn their output into a Split."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from spacy.language import BaseDefaults, Language
from spacy.tokenizer import Tokenizer

from workbench.models import GENERIC_LANGUAGE, SUPPORTED_LANGUAGES, Segment, Split

from .components import LAYOUT, SENTENCES, TextKeepingTokenizer
from .language import detect_language
from .normalise import normalise_text


def _language_class(language: str) -> type[Language]:
    """A blank `Language` for the code, without the language's data.

    `spacy.blank("fr")` imports and compiles the French tokenizer's exceptions, about two
    seconds at every start, for a tokenizer we replace at once; the other languages' data
    (stop words, lexical attributes) is unused too. The class only carries the code.
    """
    return type(f"Workbench{language.capitalize()}", (Language,), {"lang": language, "Defaults": BaseDefaults})


def _whitespace_tokenizer(nlp: Language) -> TextKeepingTokenizer:
    return TextKeepingTokenizer(Tokenizer(nlp.vocab))


@lru_cache(maxsize=len(SUPPORTED_LANGUAGES) + 1)
def get_pipeline(language: str) -> Language:
    """A blank pipeline for the language with our layout and sentence components."""
    # Our components read only characters and whitespace, and every boundary they set
    # falls on whitespace, so a whitespace-only tokenizer loses nothing they need while
    # skipping the prefix/suffix/infix search that costs about 40% of the run time (and
    # spaCy never builds its default tokenizer, exceptions and all)...
    nlp = _language_class(language)(create_tokenizer=_whitespace_tokenizer)
    # ...and no component reads lexical attributes (like_num, shape…), which spaCy
    # otherwise computes in Python for every new word: half of the remaining time.
    nlp.vocab.lex_attr_getters = {}
    # Our components run in linear time and keep no parse, so spaCy's guard against long texts
    # (meant for parsers and entity recognisers) does not apply; split_text cuts long texts anyway.
    nlp.max_length = 2**62
    nlp.add_pipe(LAYOUT)
    nlp.add_pipe(SENTENCES, config={"language": language})
    return nlp


def resolve_language(text: str, language: str | None) -> tuple[str, str | None]:
    """The pipeline language to use and the detected language (None when the caller chose)."""
    if language is None or language == "auto":
        detected = detect_language(text)
        return detected, detected
    code = language.lower()
    return (code if code in SUPPORTED_LANGUAGES else GENERIC_LANGUAGE), None


# spaCy is given the text in pieces of about this many characters, cut at blank lines (where a
# paragraph always ends), so an article has no length limit but the configured one and a long
# one is never held as a single Doc. A paragraph longer than this is given whole.
PIECE_CHARS = 100_000
_BLANK_LINE = re.compile(r"\n[ \t\f\v]*\n\s*")
_NEXT_LINE = re.compile(r"[^\n]*")


def _pieces(text: str, size: int) -> Iterator[tuple[int, int, int]]:
    """(start, end, stop) per piece: spaCy reads text[start:end], and keeps the paragraphs that begin
    before `stop`. `end` runs on to the end of the line after the cut, because whether the line
    before a blank line is a heading depends on a line following it."""
    start = 0
    while start < len(text):
        if len(text) - start <= size:
            yield start, len(text), len(text)
            return
        stop = 0
        for match in _BLANK_LINE.finditer(text, start, start + size):
            stop = match.end()
        if stop <= start:
            match = _BLANK_LINE.search(text, start + size)
            stop = match.end() if match else len(text)
        end = _NEXT_LINE.match(text, stop).end() if stop < len(text) else stop
        yield start, end, stop
        start = stop


def split_text(text: str, language: str | None = None) -> Split:
    """Split an article into claim, heading and boilerplate segments with exact offsets."""
    text = normalise_text(text)
    code, detected = resolve_language(text, language)
    nlp = get_pipeline(code)
    segments: list[Segment] = []
    number = 0
    for start, end, stop in _pieces(text, PIECE_CHARS):
        doc = nlp(text[start:end])
        starts: list[int] = doc._.sentence_starts or []
        cursor = 0
        for paragraph in doc._.paragraphs or ():
            if start + paragraph.start >= stop:
                break
            while cursor < len(starts) and starts[cursor] < paragraph.start:
                cursor += 1
            cuts = [paragraph.start]
            while cursor < len(starts) and starts[cursor] < paragraph.end:
                if starts[cursor] > paragraph.start:
                    cuts.append(starts[cursor])
                cursor += 1
            cuts.append(paragraph.end)
            for begin, finish in zip(cuts, cuts[1:]):
                piece = text[start + begin : start + finish]
                stripped = piece.strip()
                if not stripped:
                    continue
                first = start + begin + (len(piece) - len(piece.lstrip()))
                segments.append(Segment(len(segments), paragraph.kind, stripped, first, first + len(stripped), number))
            number += 1
    return Split(text=text, language=code, detected_language=detected, segments=tuple(segments))
