"""Italian splitting cases: each says why it is here."""

from __future__ import annotations

import pytest

from workbench.splitting import split_text

C, H, B = "claim", "heading", "boilerplate"

CASES = [
    # Titles before names never end a sentence.
    ("Il dott. Rossi ha parlato. La sig. Bianchi no.", [(C, "Il dott. Rossi ha parlato."), (C, "La sig. Bianchi no.")]),
    # A company suffix with inner periods stays inside the sentence.
    ("Lo ha detto Eni S.p.A. nella nota di ieri.", [(C, "Lo ha detto Eni S.p.A. nella nota di ieri.")]),
    # "art." and "n." before a number are abbreviations, not ends.
    (
        "Lo prevede l'art. 5 della legge n. 184. Il governo tace.",
        [(C, "Lo prevede l'art. 5 della legge n. 184."), (C, "Il governo tace.")],
    ),
    # Elided abbreviation: "dell'art." is still "art.".
    (
        "In base all'applicazione dell'art. 13 il ricorso è nullo.",
        [(C, "In base all'applicazione dell'art. 13 il ricorso è nullo.")],
    ),
    # Decimal comma and thousands period do not split.
    (
        "Il PIL è cresciuto del 2,5 per cento. I disoccupati sono 7.000 in meno.",
        [(C, "Il PIL è cresciuto del 2,5 per cento."), (C, "I disoccupati sono 7.000 in meno.")],
    ),
    # Guillemets with the closing mark after the final period.
    ("«Non ci sono soldi.» Il ministro è uscito.", [(C, "«Non ci sono soldi.»"), (C, "Il ministro è uscito.")]),
    # A dateline opening stays with its sentence.
    (
        "ROMA, 12 marzo – Il governo ha approvato il decreto. Le opposizioni protestano.",
        [(C, "ROMA, 12 marzo – Il governo ha approvato il decreto."), (C, "Le opposizioni protestano.")],
    ),
    # An ellipsis before a lower-case word continues the sentence.
    ("Aspettava... e poi se ne andò. Nessuno capì.", [(C, "Aspettava... e poi se ne andò."), (C, "Nessuno capì.")]),
    # Italian style: a capitalised word after a colon opens a new sentence.
    ("Il punto è chiaro: Nessuno pagherà.", [(C, "Il punto è chiaro:"), (C, "Nessuno pagherà.")]),
    # A list of names after a colon is not a new sentence.
    ("Ecco i nomi: Rossi, Bianchi e Verdi.", [(C, "Ecco i nomi: Rossi, Bianchi e Verdi.")]),
    # A quotation after a colon stays with the speaker.
    ("Il ministro ha detto: «Non ci sono soldi».", [(C, "Il ministro ha detto: «Non ci sono soldi».")]),
    # A numbered list item after a sentence: the number is not an end.
    ("Le regole sono due. 1. Pagare le tasse.", [(C, "Le regole sono due."), (C, "1. Pagare le tasse.")]),
    # Heading between blank lines; never glued to the next sentence.
    (
        "Il governo cade\n\nIl premier si è dimesso ieri.",
        [(H, "Il governo cade"), (C, "Il premier si è dimesso ieri.")],
    ),
    # Related-article link with its title.
    (
        "Il voto è domani.\nLeggi anche: Il governo cade\nI sondaggi sono incerti.",
        [(C, "Il voto è domani."), (B, "Leggi anche: Il governo cade"), (C, "I sondaggi sono incerti.")],
    ),
    # Share prompt, ad label, comment counter and newsletter prompt.
    (
        "Il voto è domani.\nCondividi\nPubblicità\n0 commenti\nIscriviti alla newsletter",
        [
            (C, "Il voto è domani."),
            (B, "Condividi"),
            (B, "Pubblicità"),
            (B, "0 commenti"),
            (B, "Iscriviti alla newsletter"),
        ],
    ),
    # A byline alone on a line.
    ("Di Mario Rossi\n\nIl voto è domani.", [(B, "Di Mario Rossi"), (C, "Il voto è domani.")]),
    # A cookie notice.
    (
        "Questo sito utilizza cookie tecnici e di profilazione.\nIl voto è domani.",
        [(B, "Questo sito utilizza cookie tecnici e di profilazione."), (C, "Il voto è domani.")],
    ),
    # A sentence about sharing is a claim, not a share button.
    ("Condividi questo pensiero con chi ami.", [(C, "Condividi questo pensiero con chi ami.")]),
    # A newspaper name with a capitalised article is no glued headline.
    (
        "Lo ha scritto il quotidiano La Repubblica ieri sera.",
        [(C, "Lo ha scritto il quotidiano La Repubblica ieri sera.")],
    ),
    # A parenthesis holding a period-free aside stays inside the sentence.
    ("Il PIL (dati Istat) cresce. Il debito no.", [(C, "Il PIL (dati Istat) cresce."), (C, "Il debito no.")]),
    # URL and e-mail address: their periods are not ends.
    (
        "I dati sono su www.istat.it/dati. Scrivete a ufficio.stampa@istat.it per info.",
        [(C, "I dati sono su www.istat.it/dati."), (C, "Scrivete a ufficio.stampa@istat.it per info.")],
    ),
    # Bullets: each item its own claim.
    (
        "Le misure:\n• taglio del cuneo\n• bonus famiglie",
        [(C, "Le misure:"), (C, "• taglio del cuneo"), (C, "• bonus famiglie")],
    ),
    # An ordinal with the degree sign and a time in "18.30" form.
    (
        "È il 3° trimestre di fila. Alle 18.30 parla il premier.",
        [(C, "È il 3° trimestre di fila."), (C, "Alle 18.30 parla il premier.")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_italian(text: str, expected: list[tuple[str, str]]) -> None:
    split = split_text(text, language="it")
    assert [(s.kind.value, s.text) for s in split.segments] == expected
