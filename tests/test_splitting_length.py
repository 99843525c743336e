"""Long texts: no length limit but the configured one, and the same segments however the text is cut."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.splitting import pipeline, split_text

ARTICLE = (
    "Il governo cade\n\n"
    "Il premier si è dimesso ieri sera. Il dott. Rossi ha parlato di una crisi annunciata.\n"
    "Le opposizioni chiedono il voto; i sindacati tacciono.\n\n"
    "Condividi\n\n"
)


def _as_tuples(text: str, language: str = "it") -> list[tuple[str, str, int, int, int]]:
    return [(s.kind.value, s.text, s.start, s.end, s.paragraph) for s in split_text(text, language=language).segments]


def test_text_above_a_million_characters_is_split() -> None:
    # spaCy refuses a Doc above 1,000,000 characters by default; an article that long (a raised
    # import cap or a direct caller) is split whole, with offsets into the whole text.
    copies = 1_000_000 // len(ARTICLE) + 50
    text = ARTICLE * copies
    assert len(text) > 1_000_000
    segments = split_text(text, language="it").segments
    one = _as_tuples(ARTICLE)
    assert len(segments) == len(one) * copies
    assert all(text[s.start : s.end] == s.text for s in segments)
    last = segments[-len(one) :]
    offset = len(ARTICLE) * (copies - 1)
    paragraphs = one[-1][4] + 1
    assert [(s.kind.value, s.text, s.start - offset, s.end - offset) for s in last] == [t[:4] for t in one]
    assert [s.paragraph for s in last] == [t[4] + paragraphs * (copies - 1) for t in one]


def test_one_paragraph_above_a_million_characters() -> None:
    # No blank line to cut at: the paragraph is given to spaCy whole, and still splits.
    text = "Il voto è domani. " * 60_000
    assert len(text) > 1_000_000
    segments = split_text(text, language="it").segments
    assert len(segments) == 60_000
    assert {s.paragraph for s in segments} == {0}


LINES = st.sampled_from(
    [
        "Il governo cade",
        "Il premier si è dimesso ieri sera.",
        "Le opposizioni chiedono il voto",
        "- più medici",
        "e poi se ne andò.",
        "Condividi",
        "",
        "   ",
        "1. Primo punto",
        "D: Che cosa pensa?",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(LINES, min_size=1, max_size=30), st.integers(min_value=1, max_value=80))
def test_pieces_do_not_change_the_result(lines: list[str], size: int) -> None:
    # Cutting the text into pieces at blank lines gives what splitting it whole gives:
    # headings, list items and wrapped lines are decided the same either side of a cut.
    text = "\n".join(lines)
    whole = _as_tuples(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "PIECE_CHARS", size)
        assert _as_tuples(text) == whole
