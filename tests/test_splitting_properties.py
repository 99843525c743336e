"""Offsets hold for any text: segments index the text, in order, without overlap, covering it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.models import SUPPORTED_LANGUAGES
from workbench.splitting import normalise_text, split_text

# Pieces real pasted articles contain, plus the awkward ones: CR/CRLF, BOM, emoji,
# right-to-left script, zero-width characters, lone newlines and runs of punctuation.
PIECES = st.sampled_from(
    [
        "Il dott. Rossi",
        "Sr.",
        "U.S.",
        "EUA.",
        "d. h.",
        "5.",
        "2,5",
        "7.000",
        "45 000",
        "$1.2",
        "18h30",
        "«",
        "»",
        "“",
        "”",
        "„",
        '"',
        "'",
        "(",
        ")",
        "...",
        "…",
        "?!",
        "!!!",
        ". . .",
        ":",
        ";",
        " - ",
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        "\t",
        " ",
        "  ",
        "\u00a0",
        "\u202f",
        "\u200b",
        "\u200d",
        "\ufeff",
        "\u2028",
        "😀",
        "👩‍👩‍👧",
        "مرحبا بالعالم.",
        "שלום.",
        "\u200f",
        "Leggi anche:",
        "Nenhum comentário",
        "Share on Facebook",
        "Condividi",
        "- ",
        "• ",
        "1. ",
        "www.example.com",
        "a@b.it",
        "Title Case Heading",
        "la frase continua",
    ]
)
TEXTS = st.one_of(
    st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=40).map("".join),
    st.text(max_size=200),
)
LANGUAGES = st.sampled_from([*SUPPORTED_LANGUAGES, "xx", "zz", None])


@settings(max_examples=400, deadline=None)
@given(raw=TEXTS, language=LANGUAGES)
def test_segments_index_cover_and_do_not_overlap(raw: str, language: str | None) -> None:
    split = split_text(raw, language=language)
    text = split.text
    assert text == normalise_text(raw)
    covered = [False] * len(text)
    previous_end = 0
    for number, segment in enumerate(split.segments):
        assert segment.index == number
        assert text[segment.start : segment.end] == segment.text
        assert segment.text == segment.text.strip() and segment.text
        assert segment.start >= previous_end  # ordered and non-overlapping
        previous_end = segment.end
        for i in range(segment.start, segment.end):
            covered[i] = True
    assert all(covered[i] for i, ch in enumerate(text) if not ch.isspace())


@settings(max_examples=200, deadline=None)
@given(raw=TEXTS)
def test_paragraph_numbers_never_decrease(raw: str) -> None:
    paragraphs = [segment.paragraph for segment in split_text(raw, language="it").segments]
    assert paragraphs == sorted(paragraphs)
    assert all(b - a <= 1 for a, b in zip(paragraphs, paragraphs[1:]))
    assert not paragraphs or paragraphs[0] == 0


@given(raw=st.text(max_size=100))
def test_normalise_only_touches_bom_and_carriage_returns(raw: str) -> None:
    normalised = normalise_text(raw)
    assert "\r" not in normalised
    assert not normalised.startswith("\ufeff") or raw.startswith("\ufeff\ufeff")
    expected = raw[1:] if raw.startswith("\ufeff") else raw
    assert normalised == expected.replace("\r\n", "\n").replace("\r", "\n")


EMOJI = st.sampled_from(["🎉", "🙌", "🔥", "❤️", "👍🏽", "😂", "🇮🇹", "⚽", "👨‍👩‍👧"])
FIRST = st.sampled_from(["Che vittoria!", "Incredibile!", "What a night!", "Que jogo!", "Ganamos?"])
SECOND = st.sampled_from(["Domani si replica.", "Tomorrow we go again.", "Amanhã tem mais.", "Nadie lo esperaba."])


@settings(max_examples=100, deadline=None)
@given(FIRST, st.lists(EMOJI, min_size=1, max_size=4), st.sampled_from([" ", ""]), SECOND)
def test_emoji_after_an_end_stay_with_their_sentence(first: str, emoji: list[str], glue: str, second: str) -> None:
    # Any run of emoji (with skin tones, flags, joiners) after "!" or "?" closes the sentence
    # before it; the next sentence starts at its first word.
    run = glue.join(emoji)
    split = split_text(f"{first} {run} {second}", language="it")
    assert [s.text for s in split.segments] == [f"{first} {run}", second]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.from_regex(r"#[a-z]{2,8}", fullmatch=True), min_size=2, max_size=5), SECOND)
def test_a_run_of_hashtags_ends_a_sentence(tags: list[str], second: str) -> None:
    text = f"Grande serata a Roma {' '.join(tags)} {second}"
    assert [s.text for s in split_text(text, language="it").segments] == [
        f"Grande serata a Roma {' '.join(tags)}",
        second,
    ]
