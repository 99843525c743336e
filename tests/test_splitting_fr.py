"""French splitting cases: each says why it is here."""

from __future__ import annotations

import pytest

from workbench.splitting import split_text

C, H, B = "claim", "heading", "boilerplate"

CASES = [
    # "M." is a title (Monsieur) before a name.
    (
        "M. Macron a parlé hier. Il a promis des réformes.",
        [(C, "M. Macron a parlé hier."), (C, "Il a promis des réformes.")],
    ),
    # "env." before a number.
    ("Le projet coûte env. 300 millions d'euros.", [(C, "Le projet coûte env. 300 millions d'euros.")]),
    # Thousands separated by a space and a decimal comma.
    (
        "La ville compte 45 000 habitants. Le taux est de 2,5 %.",
        [(C, "La ville compte 45 000 habitants."), (C, "Le taux est de 2,5 %.")],
    ),
    # French spacing inside guillemets, closing after the period.
    ("« Nous gagnerons. » La foule a applaudi.", [(C, "« Nous gagnerons. »"), (C, "La foule a applaudi.")]),
    # French spacing before a question mark.
    ("Pourquoi partir ? Personne ne sait.", [(C, "Pourquoi partir ?"), (C, "Personne ne sait.")]),
    # A dateline with the agency.
    (
        "PARIS (AFP) - Le Sénat a voté la loi. Elle entre en vigueur lundi.",
        [(C, "PARIS (AFP) - Le Sénat a voté la loi."), (C, "Elle entre en vigueur lundi.")],
    ),
    # Page furniture in French.
    (
        "Lire aussi : La loi est votée\nPartager\nPublicité\nLaisser un commentaire\nPar Jean Dupont\nLa loi est votée.",
        [
            (B, "Lire aussi : La loi est votée"),
            (B, "Partager"),
            (B, "Publicité"),
            (B, "Laisser un commentaire"),
            (B, "Par Jean Dupont"),
            (C, "La loi est votée."),
        ],
    ),
    # A bullet list.
    ("• Le chômage baisse\n• Les prix montent", [(C, "• Le chômage baisse"), (C, "• Les prix montent")]),
    # An ellipsis before a capital ends the sentence.
    ("Il attendait… Personne ne vint.", [(C, "Il attendait…"), (C, "Personne ne vint.")]),
    # URL and e-mail address.
    (
        "Voir www.insee.fr/stats. Écrire à presse@insee.fr demain.",
        [(C, "Voir www.insee.fr/stats."), (C, "Écrire à presse@insee.fr demain.")],
    ),
    # Ordinal "1er" and a parenthesis.
    (
        "Le 1er mai (fête du travail) est férié. Les magasins ferment.",
        [(C, "Le 1er mai (fête du travail) est férié."), (C, "Les magasins ferment.")],
    ),
    # A heading before body text on the next line.
    ("Le budget adopté\nLe Sénat a voté hier.", [(H, "Le budget adopté"), (C, "Le Sénat a voté hier.")]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_french(text: str, expected: list[tuple[str, str]]) -> None:
    split = split_text(text, language="fr")
    assert [(s.kind.value, s.text) for s in split.segments] == expected
