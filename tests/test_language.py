"""Language detection and how split_text chooses its pipeline."""

from __future__ import annotations

import pytest

from workbench.models import GENERIC_LANGUAGE
from workbench.splitting import detect_language, split_text

CASES = [
    # One ordinary news sentence per supported language.
    ("Il governo ha approvato ieri la nuova legge di bilancio con i voti della maggioranza.", "it"),
    ("O governo aprovou ontem a nova lei do orçamento com os votos da maioria no Congresso.", "pt"),
    ("The government approved the new budget law yesterday with the votes of the majority.", "en"),
    ("El gobierno aprobó ayer la nueva ley de presupuestos con los votos de la mayoría.", "es"),
    ("Le gouvernement a approuvé hier la nouvelle loi de finances avec les voix de la majorité.", "fr"),
    ("Die Regierung hat gestern das neue Haushaltsgesetz mit den Stimmen der Mehrheit beschlossen.", "de"),
    # Too short to tell: a single word.
    ("Ciao", GENERIC_LANGUAGE),
    # No letters at all.
    ("12345 67890 !!! ???", GENERIC_LANGUAGE),
    # Empty text.
    ("", GENERIC_LANGUAGE),
    # Clearly another language (Dutch), not forced onto a supported one.
    (
        "De regering heeft gisteren de nieuwe begrotingswet goedgekeurd met de stemmen van de meerderheid.",
        GENERIC_LANGUAGE,
    ),
    # Another script entirely (Russian).
    ("Правительство вчера одобрило новый закон о бюджете голосами большинства.", GENERIC_LANGUAGE),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_detect_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_auto_detects_and_reports() -> None:
    # None and "auto" both detect, and the detected language is recorded.
    for choice in (None, "auto"):
        split = split_text("Il governo ha approvato ieri la nuova legge di bilancio.", language=choice)
        assert split.language == "it"
        assert split.detected_language == "it"


def test_forced_language_skips_detection() -> None:
    # A caller's choice wins even against the text, and nothing is detected.
    split = split_text("The government approved the budget.", language="pt")
    assert split.language == "pt"
    assert split.detected_language is None


@pytest.mark.parametrize("code", ["nl", "zz", "", "IT-it"])
def test_unsupported_language_falls_back_to_generic(code: str) -> None:
    # Unknown codes do not raise: the generic pipeline splits the text.
    split = split_text("Uno. Due.", language=code)
    assert split.language == GENERIC_LANGUAGE
    assert [s.text for s in split.segments] == ["Uno.", "Due."]


def test_upper_case_code_is_accepted() -> None:
    # "IT" is the same language as "it".
    assert split_text("Uno. Due.", language="IT").language == "it"


def test_undetectable_text_uses_generic_pipeline() -> None:
    # Foreign text is still split, by the generic pipeline.
    split = split_text("De regering heeft gisteren de begroting goedgekeurd. De oppositie stemde tegen.")
    assert split.language == GENERIC_LANGUAGE
    assert split.detected_language == GENERIC_LANGUAGE
    assert len(split.segments) == 2
