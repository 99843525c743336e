"""Language detection restricted to the supported languages, with a generic fallback."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from py3langid import langid

from workbench.models import GENERIC_LANGUAGE, SUPPORTED_LANGUAGES

# Fewer letters than this carry too little signal for a trustworthy guess.
MIN_LETTERS = 12
# Probability (normalised over the six languages) below which we call the text unclear.
MIN_RESTRICTED_CONFIDENCE = 0.80
# If the unrestricted model is at least this sure of an unsupported language, it is that language.
MAX_OTHER_CONFIDENCE = 0.50


def _model_path() -> Path:
    path = Path(langid.MODEL_FILE)
    return path if path.is_absolute() else Path(langid.MODEL_DIR) / path


@lru_cache(maxsize=2)
def _identifier(restricted: bool) -> langid.LanguageIdentifier:
    """Load py3langid's bundled model once; `restricted` limits it to SUPPORTED_LANGUAGES."""
    identifier = langid.LanguageIdentifier.from_modelpath(_model_path(), norm_probs=True)
    if restricted:
        identifier.set_languages(list(SUPPORTED_LANGUAGES))
    return identifier


def detect_language(text: str) -> str:
    """One of SUPPORTED_LANGUAGES, or GENERIC_LANGUAGE when the text is too short, unclear or foreign."""
    if sum(ch.isalpha() for ch in text[:2000]) < MIN_LETTERS:
        return GENERIC_LANGUAGE
    sample = text[:20000]
    best, _ = _identifier(restricted=False).classify(sample)
    if best not in SUPPORTED_LANGUAGES:
        # Only trust "foreign" when it clearly beats every supported language.
        ranking = dict(_identifier(restricted=False).rank(sample))
        supported = max(ranking.get(code, 0.0) for code in SUPPORTED_LANGUAGES)
        if ranking[best] >= MAX_OTHER_CONFIDENCE and ranking[best] > 2 * supported:
            return GENERIC_LANGUAGE
    language, confidence = _identifier(restricted=True).classify(sample)
    if confidence < MIN_RESTRICTED_CONFIDENCE:
        return GENERIC_LANGUAGE
    return str(language)
