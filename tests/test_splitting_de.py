"""German splitting cases: each says why it is here."""

from __future__ import annotations

import pytest

from workbench.splitting import split_text

C, H, B = "claim", "heading", "boilerplate"

CASES = [
    # An ordinal: "5." before a month name is not a sentence end.
    (
        "Die Wahl findet am 5. November statt. Alle dürfen wählen.",
        [(C, "Die Wahl findet am 5. November statt."), (C, "Alle dürfen wählen.")],
    ),
    # "Dr." is a title; "ca." stands before a number.
    (
        "Dr. Müller schätzt ca. 300 Teilnehmer. Das ist viel.",
        [(C, "Dr. Müller schätzt ca. 300 Teilnehmer."), (C, "Das ist viel.")],
    ),
    # "Mrd." before a currency code, "d. h." in mid-sentence.
    (
        "Der Fonds hat 2 Mrd. Euro, d. h. mehr als erwartet. Die Anleger freuen sich.",
        [(C, "Der Fonds hat 2 Mrd. Euro, d. h. mehr als erwartet."), (C, "Die Anleger freuen sich.")],
    ),
    # A number at a sentence end before a sentence-opening word.
    (
        "Die Zahl der Toten stieg auf 25. Die Polizei ermittelt.",
        [(C, "Die Zahl der Toten stieg auf 25."), (C, "Die Polizei ermittelt.")],
    ),
    # German low-high quotes closing after the period.
    ("„Wir schaffen das.“ Die Kanzlerin lächelte.", [(C, "„Wir schaffen das.“"), (C, "Die Kanzlerin lächelte.")]),
    # Decimal comma and thousands period.
    (
        "Die Inflation lag bei 2,5 Prozent. Es gab 7.000 neue Stellen.",
        [(C, "Die Inflation lag bei 2,5 Prozent."), (C, "Es gab 7.000 neue Stellen.")],
    ),
    # Capitalised nouns after an article are normal German, not a glued headline.
    ("Sie war 84 Jahre alt und lebte in Berlin.", [(C, "Sie war 84 Jahre alt und lebte in Berlin.")]),
    # Page furniture in German.
    (
        "Lesen Sie auch: Die Wahl ist entschieden\nTeilen\nAnzeige\nVon Peter Müller\nDie Wahl ist entschieden.",
        [
            (B, "Lesen Sie auch: Die Wahl ist entschieden"),
            (B, "Teilen"),
            (B, "Anzeige"),
            (B, "Von Peter Müller"),
            (C, "Die Wahl ist entschieden."),
        ],
    ),
    # A heading before body text.
    ("Wahl in Berlin\n\nDie Wahl ist entschieden.", [(H, "Wahl in Berlin"), (C, "Die Wahl ist entschieden.")]),
    # A dateline with the agency in parentheses.
    (
        "BERLIN (dpa) - Der Bundestag hat abgestimmt. Die Opposition war dagegen.",
        [(C, "BERLIN (dpa) - Der Bundestag hat abgestimmt."), (C, "Die Opposition war dagegen.")],
    ),
    # An ellipsis before a capital ends the sentence.
    ("Er wartete … Niemand kam.", [(C, "Er wartete …"), (C, "Niemand kam.")]),
    # URL and e-mail address.
    (
        "Mehr unter www.destatis.de/daten. Fragen an presse@destatis.de senden.",
        [(C, "Mehr unter www.destatis.de/daten."), (C, "Fragen an presse@destatis.de senden.")],
    ),
    # A bullet list.
    (
        "Die Maßnahmen:\n- höhere Renten\n- weniger Steuern",
        [(C, "Die Maßnahmen:"), (C, "- höhere Renten"), (C, "- weniger Steuern")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_german(text: str, expected: list[tuple[str, str]]) -> None:
    split = split_text(text, language="de")
    assert [(s.kind.value, s.text) for s in split.segments] == expected
