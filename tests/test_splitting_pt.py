"""Portuguese splitting cases: each says why it is here."""

from __future__ import annotations

import pytest

from workbench.splitting import split_text

C, H, B = "claim", "heading", "boilerplate"

CASES = [
    # Titles "Sr." and "Dra." are followed by a name, never a sentence end.
    (
        "O Sr. Silva falou com a Dra. Costa. Ela concordou.",
        [(C, "O Sr. Silva falou com a Dra. Costa."), (C, "Ela concordou.")],
    ),
    # "EUA." can end a sentence when a sentence-opening word follows (seed article).
    (
        "A fábrica fica nos EUA. Segundo a empresa, abre em maio.",
        [(C, "A fábrica fica nos EUA."), (C, "Segundo a empresa, abre em maio.")],
    ),
    # "aprox." before a number is an abbreviation.
    ("O custo foi de aprox. 5 milhões de reais.", [(C, "O custo foi de aprox. 5 milhões de reais.")]),
    # Decimal comma, thousands period and the "18h30" time format.
    (
        "A inflação foi de 4,5% em 2023. O evento começa às 18h30 para 7.000 pessoas.",
        [(C, "A inflação foi de 4,5% em 2023."), (C, "O evento começa às 18h30 para 7.000 pessoas.")],
    ),
    # Curly quotes closing after the final period.
    ("“Não há dinheiro.” O ministro saiu.", [(C, "“Não há dinheiro.”"), (C, "O ministro saiu.")]),
    # Parentheses: a citation after a period belongs to the sentence before it.
    (
        "A água subiu. (INPE, 2023). Segundo o estudo, vai piorar.",
        [(C, "A água subiu. (INPE, 2023)."), (C, "Segundo o estudo, vai piorar.")],
    ),
    # Headings on single lines between single newlines (seed article shape).
    (
        "A OpenAI fechou o acordo.\nReforço da infraestrutura americana\nO movimento é estratégico.",
        [
            (C, "A OpenAI fechou o acordo."),
            (H, "Reforço da infraestrutura americana"),
            (C, "O movimento é estratégico."),
        ],
    ),
    # A text that starts with a blank line (seed article shape).
    ("\nA OpenAI fechou o acordo.", [(C, "A OpenAI fechou o acordo.")]),
    # Comment widget at the end of the page (seed article shape).
    (
        "A OpenAI fechou o acordo.\n\n\n\nNenhum comentário\nSeja o primeiro!",
        [(C, "A OpenAI fechou o acordo."), (B, "Nenhum comentário"), (B, "Seja o primeiro!")],
    ),
    # Related link, share prompt, ad label and byline.
    (
        "Leia também: Lula viaja à China\nCompartilhe\nPublicidade\nPor João Silva\nO acordo foi fechado.",
        [
            (B, "Leia também: Lula viaja à China"),
            (B, "Compartilhe"),
            (B, "Publicidade"),
            (B, "Por João Silva"),
            (C, "O acordo foi fechado."),
        ],
    ),
    # A headline run into the body without a newline is cut before the body's article.
    (
        "Caminhão tomba e causa morte O tombamento de um caminhão parou a estrada.",
        [(C, "Caminhão tomba e causa morte"), (C, "O tombamento de um caminhão parou a estrada.")],
    ),
    # A newspaper name after an article is not a glued headline.
    ("Em entrevista ao jornal O Globo, o ministro negou.", [(C, "Em entrevista ao jornal O Globo, o ministro negou.")]),
    # Bullets: each item its own claim, even without final punctuation.
    (
        "Os pontos principais:\n- a inflação caiu\n- o desemprego subiu",
        [(C, "Os pontos principais:"), (C, "- a inflação caiu"), (C, "- o desemprego subiu")],
    ),
    # A dateline opening with a dash.
    (
        "LISBOA, 3 de maio – O Governo aprovou a lei. A oposição protestou.",
        [(C, "LISBOA, 3 de maio – O Governo aprovou a lei."), (C, "A oposição protestou.")],
    ),
    # An ellipsis before a capital ends the sentence, before lower case it does not.
    ("Esperou... e nada. Depois… Ninguém veio.", [(C, "Esperou... e nada."), (C, "Depois…"), (C, "Ninguém veio.")]),
    # URL and e-mail address.
    (
        "Veja em www.ibge.gov.br/dados. Escreva para imprensa@ibge.gov.br hoje.",
        [(C, "Veja em www.ibge.gov.br/dados."), (C, "Escreva para imprensa@ibge.gov.br hoje.")],
    ),
    # Ordinals "1.º" and "3ª" do not end sentences.
    ("É o 1.º lugar na 3ª etapa. O piloto festejou.", [(C, "É o 1.º lugar na 3ª etapa."), (C, "O piloto festejou.")]),
    # An ellipsis inside a parenthesis does not end the sentence around it.
    (
        "Ele mora (os pais têm casa em ... Boliqueime) no Algarve.",
        [(C, "Ele mora (os pais têm casa em ... Boliqueime) no Algarve.")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_portuguese(text: str, expected: list[tuple[str, str]]) -> None:
    split = split_text(text, language="pt")
    assert [(s.kind.value, s.text) for s in split.segments] == expected
