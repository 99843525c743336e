"""Our spaCy pipeline components; each docstring says what it sets on the Doc.

Decisions are made on `doc.text` and kept as character offsets (`doc._.paragraphs`,
`doc._.sentence_starts`), so the segment offsets never depend on how the tokenizer
cut the text; tokens are marked with `is_sent_start` as well so `doc.sents` agrees.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from workbench.models import SegmentKind

from .boundaries import hashtag_starts, missing_space_starts, rules_for, section_starts, sentence_starts
from .headlines import glued_starts
from .layout import paragraphs

LAYOUT = "workbench_layout"
SENTENCES = "workbench_sentences"

if not Doc.has_extension("paragraphs"):
    Doc.set_extension("paragraphs", default=None)
if not Doc.has_extension("sentence_starts"):
    Doc.set_extension("sentence_starts", default=None)
if not Doc.has_extension("source_text"):
    Doc.set_extension("source_text", default=None)


class TextKeepingTokenizer:
    """Wrap a tokenizer and keep its input string as `doc._.source_text`.

    `Doc.text` rebuilds the string from every token on each access; the components read
    the text many times, so they take the original string instead.
    """

    def __init__(self, tokenizer: Callable[[str], Doc]) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(text)
        doc._.source_text = text
        return doc


def _text(doc: Doc) -> str:
    return doc._.source_text if doc._.source_text is not None else doc.text


def _mark_starts(doc: Doc, offsets: list[int]) -> None:
    """Set `is_sent_start` on the tokens that begin exactly at these character offsets.

    Written in one `from_array` call: assigning `token.is_sent_start` one token at a time
    re-checks the whole Doc on each assignment.
    """
    if len(doc) == 0:
        return
    token_starts = doc.to_array("IDX")
    wanted = numpy.asarray(offsets, dtype=token_starts.dtype)
    positions = numpy.searchsorted(token_starts, wanted)
    inside = positions < len(doc)
    positions, wanted = positions[inside], wanted[inside]
    aligned = positions[token_starts[positions] == wanted]
    values = numpy.zeros((len(doc), 1), dtype="uint64")
    values[0, 0] = 1
    values[aligned, 0] = 1
    doc.from_array([SENT_START], values)


@Language.component(LAYOUT)
def layout_component(doc: Doc) -> Doc:
    """Set `doc._.paragraphs` (Paragraph: offsets and kind) and `doc._.sentence_starts` at each one."""
    found = paragraphs(_text(doc))
    doc._.paragraphs = found
    doc._.sentence_starts = [paragraph.start for paragraph in found]
    return doc


class SentenceSplitter:
    """Add the sentence starts inside claim paragraphs to `doc._.sentence_starts` (sorted).

    Also sets `token.is_sent_start` for all starts, so `doc.sents` agrees with the segments.
    """

    def __init__(self, language: str) -> None:
        self.rules = rules_for(language)

    def _paragraph_starts(self, text: str, start: int, end: int) -> list[int]:
        starts = list(sentence_starts(text, start, end, self.rules))
        extra = [
            *section_starts(text, start, end),
            *missing_space_starts(text, start, end),
            *hashtag_starts(text, start, end),
        ]
        if extra:
            starts = sorted({*starts, *extra})
        if not self.rules.glued_headlines:
            return starts
        glued: list[int] = []
        for begin, finish in zip([start, *starts], [*starts, end]):
            glued.extend(glued_starts(text, begin, finish, self.rules.openers_words))
        return sorted(starts + glued) if glued else starts

    def __call__(self, doc: Doc) -> Doc:
        text = _text(doc)
        found: list[int] = []
        for paragraph in doc._.paragraphs or ():
            if paragraph.kind is SegmentKind.CLAIM:
                found.extend(self._paragraph_starts(text, paragraph.start, paragraph.end))
        if found:
            doc._.sentence_starts = sorted({*doc._.sentence_starts, *found})
        _mark_starts(doc, doc._.sentence_starts or [])
        return doc


@Language.factory(SENTENCES, default_config={"language": "xx"})
def make_sentence_splitter(nlp: Language, name: str, language: str) -> SentenceSplitter:
    """Needs `workbench_layout` before it; sets sentence starts by punctuation and abbreviations."""
    return SentenceSplitter(language)
