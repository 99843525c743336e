"""Build the per-language pipelines once and turn their output into a Split."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer

from workbench.models import GENERIC_LANGUAGE, SUPPORTED_LANGUAGES, Segment, Split

from .components import LAYOUT, SENTENCES, TextKeepingTokenizer
from .language import detect_language
from .normalise import normalise_text


@lru_cache(maxsize=len(SUPPORTED_LANGUAGES) + 1)
def get_pipeline(language: str) -> Language:
    """A `spacy.blank(language)` pipeline with our layout and sentence components."""
    nlp = spacy.blank(language)
    # Our components read only characters and whitespace, and every boundary they set
    # falls on whitespace, so a whitespace-only tokenizer loses nothing they need while
    # skipping the prefix/suffix/infix search that costs about 40% of the run time...
    nlp.tokenizer = TextKeepingTokenizer(Tokenizer(nlp.vocab))
    # ...and no component reads lexical attributes (like_num, shape…), which spaCy
    # otherwise computes in Python for every new word: half of the remaining time.
    nlp.vocab.lex_attr_getters = {}
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


def split_text(text: str, language: str | None = None) -> Split:
    """Split an article into claim, heading and boilerplate segments with exact offsets."""
    text = normalise_text(text)
    code, detected = resolve_language(text, language)
    doc = get_pipeline(code)(text)
    starts: list[int] = doc._.sentence_starts or []
    segments: list[Segment] = []
    cursor = 0
    for number, paragraph in enumerate(doc._.paragraphs or ()):
        while cursor < len(starts) and starts[cursor] < paragraph.start:
            cursor += 1
        cuts = [paragraph.start]
        while cursor < len(starts) and starts[cursor] < paragraph.end:
            if starts[cursor] > paragraph.start:
                cuts.append(starts[cursor])
            cursor += 1
        cuts.append(paragraph.end)
        for begin, finish in zip(cuts, cuts[1:]):
            piece = text[begin:finish]
            stripped = piece.strip()
            if not stripped:
                continue
            start = begin + (len(piece) - len(piece.lstrip()))
            end = start + len(stripped)
            segments.append(Segment(len(segments), paragraph.kind, stripped, start, end, number))
    return Split(text=text, language=code, detected_language=detected, segments=tuple(segments))
