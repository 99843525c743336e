"""Split article text into claims, headings and boilerplate, in six languages and a generic fallback.

How the modules fit: `normalise` fixes BOM and line ends; `language` picks the pipeline;
`pipeline` builds one `spacy.blank(lang)` per language (cached) with two components from
`components`: `workbench_layout` cuts paragraphs and marks headings (`headings`) and page
furniture (`boilerplate`) via `layout`; `workbench_sentences` finds sentence ends inside
claim paragraphs from punctuation (`boundaries`, with `abbreviations` and `openers`) and
headlines run into the text (`headlines`). Measured by `bench/segmentation.py`.
"""

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
