"""Language detection and how split_text chooses its pipeline."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from workbench.models import GENERIC_LANGUAGE, SUPPORTED_LANGUAGES
from workbench.splitting import detect_language, split_text
from workbench.splitting import language as language_module

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


# Short texts: one headline-length sentence per language, the least signal detection meets.
SHORT = [
    ("Il sindaco ha chiuso le scuole per la neve.", "it"),
    ("O prefeito fechou as escolas por causa da chuva.", "pt"),
    ("The mayor closed the schools because of the snow.", "en"),
    ("El alcalde cerró las escuelas por la nieve.", "es"),
    ("Le maire a fermé les écoles à cause de la neige.", "fr"),
    ("Der Bürgermeister hat die Schulen wegen Schnee geschlossen.", "de"),
]

# Body paragraphs per language, written for these tests.
BODY = {
    "it": "Il consiglio comunale ha discusso a lungo il nuovo piano per il traffico. Secondo l'assessore, le"
    " zone a traffico limitato saranno estese entro l'estate, mentre i commercianti chiedono più parcheggi"
    " e temono un calo delle vendite nei mesi di lavori.",
    "pt": "A câmara municipal discutiu durante horas o novo plano de trânsito. Segundo o vereador, as zonas de"
    " circulação restrita serão ampliadas até o verão, enquanto os comerciantes pedem mais estacionamentos e"
    " temem uma queda nas vendas durante as obras.",
    "en": "The city council spent hours debating the new traffic plan. According to the councillor, the"
    " restricted zones will be extended by the summer, while shopkeepers are asking for more parking and"
    " fear that sales will fall during the months of roadworks.",
    "es": "El ayuntamiento debatió durante horas el nuevo plan de tráfico. Según el concejal, las zonas de"
    " circulación restringida se ampliarán antes del verano, mientras los comerciantes piden más"
    " aparcamientos y temen una caída de las ventas durante las obras.",
    "fr": "Le conseil municipal a longuement débattu du nouveau plan de circulation. Selon l'adjoint, les zones"
    " à circulation restreinte seront étendues d'ici l'été, tandis que les commerçants réclament davantage"
    " de places de stationnement et craignent une baisse des ventes pendant les travaux.",
    "de": "Der Stadtrat hat stundenlang über den neuen Verkehrsplan beraten. Nach Angaben des Stadtrats werden"
    " die verkehrsberuhigten Zonen bis zum Sommer erweitert, während die Händler mehr Parkplätze fordern"
    " und während der Bauarbeiten einen Umsatzrückgang befürchten.",
}
# A short quotation from another language inside an article: the article's language wins.
QUOTE = {
    "it": "«Non ci sono soldi», ha detto il ministro.",
    "pt": "«Não há dinheiro», disse o ministro.",
    "en": '"There is no money," the minister said.',
    "es": "«No hay dinero», dijo el ministro.",
    "fr": "« Il n'y a pas d'argent », a dit le ministre.",
    "de": "„Es gibt kein Geld“, sagte der Minister.",
}
MIXED = [
    (f"{BODY[language]}\n\n{QUOTE[other]}\n\n{BODY[language]}", language)
    for language in BODY
    for other in BODY
    if other != language
]


@pytest.mark.parametrize(("text", "expected"), SHORT)
def test_detects_short_texts(text: str, expected: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize(("text", "expected"), MIXED)
def test_detects_the_article_language_around_a_foreign_quote(text: str, expected: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize("language", sorted(BODY))
def test_long_text_is_detected_from_a_bounded_sample(language: str) -> None:
    # A long article is classified from its opening and a stretch of its middle; a foreign
    # boilerplate block at its very end changes nothing.
    text = "\n\n".join([BODY[language]] * 40) + "\n\n" + "\n\n".join(BODY[other] for other in BODY)
    assert len(language_module.sample(text)) < 2000
    assert detect_language(text) == language


def test_one_model_scores_like_the_restricted_one() -> None:
    # The supported languages' probabilities from the one unrestricted model, renormalised, are
    # those of py3langid's model restricted to them, which detection used to load as a second model.
    from py3langid import langid

    restricted = langid.LanguageIdentifier.from_modelpath(language_module._model_path(), norm_probs=True)
    restricted.set_languages(list(SUPPORTED_LANGUAGES))
    for text in [*BODY.values(), *(text for text, _ in SHORT), *(text for text, _ in MIXED[:6])]:
        ranking = dict(language_module.identifier().rank(text))
        total = sum(ranking[code] for code in SUPPORTED_LANGUAGES)
        for code, probability in restricted.rank(text):
            assert ranking[code] / total == pytest.approx(probability, abs=1e-4)


def test_model_is_cached_uncompressed_and_loaded_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The first load decompresses the bundled model into the cache folder; a later process maps it
    # from there and ranks exactly as the bundled model does.
    from py3langid import langid

    monkeypatch.setenv(language_module.CACHE_ENV, str(tmp_path))
    language_module.identifier.cache_clear()
    try:
        first = language_module.identifier()
        assert first is language_module.identifier()
        folders = list(tmp_path.glob("langid-*"))
        assert len(folders) == 1 and (folders[0] / "ptc.npy").is_file()
        language_module.identifier.cache_clear()
        cached = language_module.identifier()
        bundled = langid.LanguageIdentifier.from_modelpath(language_module._model_path(), norm_probs=True)
        for text in BODY.values():
            assert cached.rank(text) == bundled.rank(text)
    finally:
        language_module.identifier.cache_clear()


def test_unwritable_cache_falls_back_to_the_bundled_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A cache path that cannot be a folder (a file is in the way): detection still works.
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(language_module.CACHE_ENV, str(blocker / "cache"))
    language_module.identifier.cache_clear()
    try:
        assert detect_language(BODY["pt"]) == "pt"
    finally:
        language_module.identifier.cache_clear()


def test_splitting_loads_no_language_data() -> None:
    # spaCy's French tokenizer exceptions cost about two seconds to build and our whitespace
    # tokenizer never uses them: building the pipelines imports none of the six languages' spacy.lang
    # packages.
    code = (
        "import sys\n"
        "from workbench.splitting import split_text\n"
        "for lang in ('it', 'pt', 'en', 'es', 'fr', 'de'):\n"
        "    split_text('Uno. Due.', language=lang)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[:3] in [['spacy', 'lang', c] for c in"
        " ('it', 'pt', 'en', 'es', 'fr', 'de')]))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
