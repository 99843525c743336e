"""Paragraph numbers, headings and hard wraps: how line breaks are understood."""

from __future__ import annotations

import time

import pytest

from workbench.splitting import split_text

C, H, B = "claim", "heading", "boilerplate"

CASES = [
    # A blank line always ends a paragraph, even inside an unfinished sentence.
    ("Una frase senza fine\n\ne un'altra.", [(0, H, "Una frase senza fine"), (1, C, "e un'altra.")]),
    # A single newline after a sentence end starts a new paragraph.
    ("Prima frase.\nSeconda frase.", [(0, C, "Prima frase."), (1, C, "Seconda frase.")]),
    # A single newline inside a sentence is a hard wrap: same paragraph, same sentence.
    (
        "Il governo ha detto che la legge\nsarà approvata domani. Poi si vedrà.",
        [(0, C, "Il governo ha detto che la legge\nsarà approvata domani."), (0, C, "Poi si vedrà.")],
    ),
    # Two sentences on one line share a paragraph.
    ("Uno. Due.\n\nTre.", [(0, C, "Uno."), (0, C, "Due."), (1, C, "Tre.")]),
    # A heading and a boilerplate line are paragraphs of their own.
    (
        "Titolo della pagina\nIl testo inizia qui.\nCondividi",
        [(0, H, "Titolo della pagina"), (1, C, "Il testo inizia qui."), (2, B, "Condividi")],
    ),
    # A short last line without punctuation and nothing after it is not a heading.
    ("Il testo finisce.\n\nsenza punto", [(0, C, "Il testo finisce."), (1, C, "senza punto")]),
    # A long line without final punctuation is no heading, even alone.
    (
        "Questa riga è troppo lunga per essere un titolo perché continua a parlare di molte cose diverse senza mai"
        " fermarsi e quindi è un paragrafo\n\nFine.",
        [
            (
                0,
                C,
                "Questa riga è troppo lunga per essere un titolo perché continua a parlare di molte cose diverse"
                " senza mai fermarsi e quindi è un paragrafo",
            ),
            (1, C, "Fine."),
        ],
    ),
    # A wrapped line that ends on a function word is no heading, even before a capital.
    (
        "Il governo ha annunciato che\nOpenAI aprirà una sede.",
        [(0, C, "Il governo ha annunciato che\nOpenAI aprirà una sede.")],
    ),
    # Whitespace-only lines (spaces, tabs, NBSP) count as blank lines.
    ("Uno.\n \t\u00a0\nDue.", [(0, C, "Uno."), (1, C, "Due.")]),
    # A line starting in lower case after an unfinished line continues the sentence.
    ("Il ministro\nha parlato.", [(0, C, "Il ministro\nha parlato.")]),
    # CRLF and CR line ends behave like LF after normalisation.
    ("Uno.\r\nDue.\rTre.", [(0, C, "Uno."), (1, C, "Due."), (2, C, "Tre.")]),
    # A BOM at the start is removed, so offsets index the text without it.
    ("\ufeffUno. Due.", [(0, C, "Uno."), (0, C, "Due.")]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_paragraphs(text: str, expected: list[tuple[int, str, str]]) -> None:
    split = split_text(text, language="it")
    assert [(s.paragraph, s.kind.value, s.text) for s in split.segments] == expected


RULES = [
    # Italian: a semicolon closes a sentence (the usage of Italian treebanks).
    ("it", "Il primo è pronto; il secondo no.", ["Il primo è pronto;", "il secondo no."]),
    # Elsewhere a semicolon does not.
    ("en", "The first is ready; the second is not.", ["The first is ready; the second is not."]),
    # A plain word, a period, then lower case: a sentence whose capital was lost.
    ("it", "Lo ha detto ieri. poi è partito.", ["Lo ha detto ieri.", "poi è partito."]),
    # Not after an abbreviation.
    ("it", "Mele, pere ecc. e altra frutta.", ["Mele, pere ecc. e altra frutta."]),
    # Not in German, whose open-ended abbreviations make it unsafe.
    ("de", "Er kam usw. und ging wieder.", ["Er kam usw. und ging wieder."]),
    # A numbered section heading run into the text starts a new segment, and its number is not an end.
    (
        "pt",
        "Os aditivos especiais 2.1.6. Propriedades dos fluidos são medidas.",
        ["Os aditivos especiais", "2.1.6. Propriedades dos fluidos são medidas."],
    ),
    # A stray period after a sentence end closes the sentence it follows.
    (
        "pt",
        "O óleo espalha no habitat. . 1.2 Objetivo geral do trabalho.",
        ["O óleo espalha no habitat. .", "1.2 Objetivo geral do trabalho."],
    ),
    # A citation after the period stays with its sentence.
    (
        "pt",
        "A limpeza é prioritária. (POSSOBON, 2012). Segundo ele, custa caro.",
        ["A limpeza é prioritária. (POSSOBON, 2012).", "Segundo ele, custa caro."],
    ),
    # An initial before a sentence-opening word ends the sentence ("serie B.").
    (
        "it",
        "La squadra gioca in serie B. Il presidente è deluso.",
        ["La squadra gioca in serie B.", "Il presidente è deluso."],
    ),
    # The generic pipeline knows every language's abbreviations.
    (
        "xx",
        "Il dott. Rossi e il Sr. Silva sono arrivati. Poi basta.",
        ["Il dott. Rossi e il Sr. Silva sono arrivati.", "Poi basta."],
    ),
]


@pytest.mark.parametrize(("language", "text", "expected"), RULES)
def test_language_rules(language: str, text: str, expected: list[str]) -> None:
    assert [s.text for s in split_text(text, language=language).segments] == expected


@pytest.mark.parametrize(
    "text",
    [
        "." * 200_000,  # a run of periods with no whitespace once took quadratic time
        ". » " * 50_000,  # many candidates with closers and nothing after them
        "Titolo breve\n" * 20_000,  # many short lines: layout is per line
        "a." * 100_000 + " B",  # one enormous dotted "abbreviation"
    ],
)
def test_pathological_text_is_fast(text: str) -> None:
    started = time.perf_counter()
    split_text(text, language="it")
    assert time.perf_counter() - started < 5
