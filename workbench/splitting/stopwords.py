"""Function words of every supported language, for the generic pipeline."""

from __future__ import annotations

from functools import lru_cache

import spacy

from workbench.models import SUPPORTED_LANGUAGES


@lru_cache(maxsize=1)
def all_stop_words() -> frozenset[str]:
    words: set[str] = set()
    for code in SUPPORTED_LANGUAGES:
        words.update(word.lower() for word in spacy.blank(code).Defaults.stop_words)
    return frozenset(words)
