"""Split article text into claims, headings and boilerplate, in six languages and a generic fallback."""

from workbench.models import GENERIC_LANGUAGE, SUPPORTED_LANGUAGES

from .language import detect_language
from .normalise import normalise_text
from .pipeline import get_pipeline, split_text

__all__ = [
    "GENERIC_LANGUAGE",
    "SUPPORTED_LANGUAGES",
    "detect_language",
    "get_pipeline",
    "normalise_text",
    "split_text",
]
