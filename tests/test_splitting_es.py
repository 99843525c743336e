"""Spanish splitting cases: each says why it is here."""

from __future__ import annotations

import pytest

from workbench.splitting import split_text

C, H, B = "claim", "heading", "boilerplate"

CASES = [
    # "Sr." and "Dra." are titles before a name.
    (
        "El Sr. García habló con la Dra. López. Ambos coincidieron.",
        [(C, "El Sr. García habló con la Dra. López."), (C, "Ambos coincidieron.")],
    ),
    # "aprox." before a number.
    ("Asistieron aprox. 300 personas al acto.", [(C, "Asistieron aprox. 300 personas al acto.")]),
    # Inverted question and exclamation marks open the next sentence.
    ("Todo cambió. ¿Quién lo sabía? ¡Nadie!", [(C, "Todo cambió."), (C, "¿Quién lo sabía?"), (C, "¡Nadie!")]),
    # Decimal comma and thousands period.
    (
        "El paro bajó al 12,5 %. Hay 45.000 empleos nuevos.",
        [(C, "El paro bajó al 12,5 %."), (C, "Hay 45.000 empleos nuevos.")],
    ),
    # Guillemets closing after the period.
    ("«No hay dinero.» El ministro se fue.", [(C, "«No hay dinero.»"), (C, "El ministro se fue.")]),
    # A dateline with a dash.
    (
        "MADRID, 3 de mayo – El Gobierno aprobó la ley. La oposición protestó.",
        [(C, "MADRID, 3 de mayo – El Gobierno aprobó la ley."), (C, "La oposición protestó.")],
    ),
    # "EE.UU." at the end of a sentence, before a sentence-opening word.
    (
        "La fábrica está en EE.UU. Según la empresa, abrirá en mayo.",
        [(C, "La fábrica está en EE.UU."), (C, "Según la empresa, abrirá en mayo.")],
    ),
    # Page furniture in Spanish.
    (
        "Lee también: El Gobierno cae\nCompartir\nPublicidad\nDeja un comentario\nLa ley fue aprobada.",
        [
            (B, "Lee también: El Gobierno cae"),
            (B, "Compartir"),
            (B, "Publicidad"),
            (B, "Deja un comentario"),
            (C, "La ley fue aprobada."),
        ],
    ),
    # Heading before body text.
    (
        "El Gobierno aprueba la ley\n\nLa ley fue aprobada ayer.",
        [(H, "El Gobierno aprueba la ley"), (C, "La ley fue aprobada ayer.")],
    ),
    # An ellipsis before a capital ends the sentence.
    ("Esperó... Nadie vino.", [(C, "Esperó..."), (C, "Nadie vino.")]),
    # Parentheses inside a sentence.
    ("El PIB (según el INE) creció. La deuda no.", [(C, "El PIB (según el INE) creció."), (C, "La deuda no.")]),
    # URL and e-mail address.
    (
        "Consulte www.ine.es/datos. Escriba a prensa@ine.es hoy.",
        [(C, "Consulte www.ine.es/datos."), (C, "Escriba a prensa@ine.es hoy.")],
    ),
    # Ordinal "5.º" and a bullet list.
    (
        "Es el 5.º año de crisis. Medidas:\n- subir el salario\n- bajar el IVA",
        [(C, "Es el 5.º año de crisis."), (C, "Medidas:"), (C, "- subir el salario"), (C, "- bajar el IVA")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_spanish(text: str, expected: list[tuple[str, str]]) -> None:
    split = split_text(text, language="es")
    assert [(s.kind.value, s.text) for s in split.segments] == expected
